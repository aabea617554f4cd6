"""App fixtures: a KinologApp over real files holding a few known films, or the sample."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.sample import build_sample
from kinolog.tui.app import KinologApp
from kinolog.tui.settings import Settings
from tests.conftest import add_sample_films

SAMPLE_TODAY = date(2026, 11, 21)  # fixed, so that snapshots do not change with the date


@pytest.fixture(autouse=True)
def _config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read or write the user's own settings."""
    monkeypatch.setenv("KINOLOG_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture
def app(catalogue: Catalogue, diary: Diary) -> Iterator[KinologApp]:
    """The app over a small catalogue and an empty diary."""
    add_sample_films(catalogue)
    yield KinologApp(catalogue, diary, Settings())


@pytest.fixture
def empty_app(data_dir: Path) -> Iterator[KinologApp]:
    """The app over an empty catalogue."""
    catalogue = Catalogue(data_dir / "empty-catalogue.db")
    diary = Diary(data_dir / "empty-diary.db")
    yield KinologApp(catalogue, diary, Settings())
    catalogue.close()
    diary.close()


@pytest.fixture(scope="session")
def sample_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample catalogue, built once per test session."""
    folder = tmp_path_factory.mktemp("sample") / "data"
    build_sample(folder, today=SAMPLE_TODAY)
    return folder


@pytest.fixture
def sample_dir(sample_master: Path, tmp_path: Path) -> Path:
    """A private copy of the sample data folder."""
    folder = tmp_path / "sample"
    shutil.copytree(sample_master, folder)
    return folder


@pytest.fixture
def sample_app(sample_dir: Path) -> Iterator[KinologApp]:
    """The app over a copy of the sample catalogue, with fixed theme and settings."""
    catalogue = Catalogue(sample_dir / "catalogue.db")
    diary = Diary(sample_dir / "diary.db")
    yield KinologApp(catalogue, diary, Settings(theme="textual-dark"))
    catalogue.close()
    diary.close()
