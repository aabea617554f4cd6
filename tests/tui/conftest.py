"""App fixtures: a KinologApp over real files holding a few known films."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from db.catalogue import Catalogue
from db.diary import Diary
from tests.conftest import add_sample_films
from tui.app import KinologApp


@pytest.fixture
def app(catalogue: Catalogue, diary: Diary) -> Iterator[KinologApp]:
    """The app over a small catalogue and an empty diary."""
    add_sample_films(catalogue)
    yield KinologApp(catalogue, diary)


@pytest.fixture
def empty_app(data_dir: Path) -> Iterator[KinologApp]:
    """The app over an empty catalogue."""
    catalogue = Catalogue(data_dir / "empty-catalogue.db")
    diary = Diary(data_dir / "empty-diary.db")
    yield KinologApp(catalogue, diary)
    catalogue.close()
    diary.close()
