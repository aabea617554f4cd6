"""The data a command or the app works on: the data folder and its two stores, opened lazily."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from kinolog.db.catalogue import Catalogue
from kinolog.db.datadir import CATALOGUE_FILE, DIARY_FILE, ensure_data_dir, resolve_data_dir
from kinolog.db.diary import Diary
from kinolog.db.search import FilmSearch


class Context:
    """Opens ``catalogue.db`` and ``diary.db`` in the data folder when first used.

    Args:
        data_dir: ``--data-dir`` as given, or None for the environment/platform default.
    """

    def __init__(self, data_dir: str | Path | None = None) -> None:
        self.data_dir = resolve_data_dir(str(data_dir) if data_dir else None)

    @cached_property
    def catalogue(self) -> Catalogue:
        """The catalogue, created on first use."""
        return Catalogue(ensure_data_dir(self.data_dir) / CATALOGUE_FILE)

    @cached_property
    def diary(self) -> Diary:
        """The diary, created on first use."""
        return Diary(ensure_data_dir(self.data_dir) / DIARY_FILE)

    @cached_property
    def search(self) -> FilmSearch:
        """Searching the catalogue, for this run."""
        return FilmSearch(self.catalogue)

    def close(self) -> None:
        """Close whatever was opened."""
        self.__dict__.pop("search", None)
        for name in ("catalogue", "diary"):
            store = self.__dict__.pop(name, None)
            if store is not None:
                store.close()
