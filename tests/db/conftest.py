"""The sample catalogue (40 films, 60 reviews with scores and authors) for db tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.sample import build_sample


@pytest.fixture(scope="session")
def sample_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample built once per session (its diary is not used here)."""
    folder = tmp_path_factory.mktemp("db-sample") / "data"
    build_sample(folder, today=date(2026, 11, 21))
    return folder


@pytest.fixture
def sample_catalogue(sample_folder: Path, tmp_path: Path) -> Iterator[Catalogue]:
    """A private copy of the sample catalogue."""
    target = tmp_path / "sample-catalogue.db"
    shutil.copyfile(sample_folder / "catalogue.db", target)
    catalogue = Catalogue(target)
    yield catalogue
    catalogue.close()
