"""The data a command or the app works on: the data folder and its two stores, opened lazily.

Commands that only read open the files read-only: they never wait for the write lock, so
they answer while an import runs, and they work in a read-only data folder.
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path

from kinolog.db.catalogue import Catalogue
from kinolog.db.datadir import (
    CATALOGUE_FILE,
    DIARY_FILE,
    ensure_data_dir,
    readable_data_dir,
    resolve_data_dir,
)
from kinolog.db.diary import Diary
from kinolog.db.search import FilmSearch
from kinolog.db.store import Access

# Command -> the stores it only reads. Commands not listed may write both; None is the app,
# which writes the diary and only reads the catalogue (a rare write, such as saving the
# search index, goes through a connection of its own).
READ_ONLY: dict[str | None, frozenset[str]] = {
    None: frozenset({"catalogue"}),
    "search": frozenset({"catalogue", "diary"}),
    "show": frozenset({"catalogue", "diary"}),
    "log": frozenset({"catalogue", "diary"}),
    "stats": frozenset({"catalogue", "diary"}),
    "films": frozenset({"catalogue", "diary"}),
    "export": frozenset({"catalogue", "diary"}),
    "doctor": frozenset({"catalogue", "diary"}),
    "lists": frozenset({"catalogue", "diary"}),
    "critics": frozenset({"catalogue", "diary"}),
    "rate": frozenset({"catalogue"}),
    "undo": frozenset({"catalogue"}),
    "like": frozenset({"catalogue"}),
    "watchlist": frozenset({"catalogue"}),
    "diary": frozenset({"catalogue"}),
}


class Context:
    """Opens ``catalogue.db`` and ``diary.db`` in the data folder when first used.

    Args:
        data_dir: ``--data-dir`` as given, or None for the environment/platform default.
        command: the command being run (None: the app), which decides which stores are
            opened read-only (:data:`READ_ONLY`).
    """

    def __init__(self, data_dir: str | Path | None = None, *, command: str | None = "") -> None:
        self.data_dir = resolve_data_dir(str(data_dir) if data_dir else None)
        self.read_only = READ_ONLY.get(command, frozenset())

    def access(self, name: str) -> Access:
        """How the store called ``name`` is opened: ``read`` or ``write``."""
        return "read" if name in self.read_only else "write"

    def _folder(self, name: str) -> Path:
        if self.access(name) == "read":
            return readable_data_dir(self.data_dir)
        return ensure_data_dir(self.data_dir)

    @cached_property
    def catalogue(self) -> Catalogue:
        """The catalogue, created on first use."""
        path = self._folder("catalogue") / CATALOGUE_FILE
        access = self.access("catalogue")
        if access == "read" and not path.exists() and os.access(path.parent, os.W_OK):
            # An empty catalogue is made as before: its search index needs a file to
            # live beside (a diary that does not exist yet is read as empty instead).
            Catalogue(path).close()
        return Catalogue(path, access=access)

    @cached_property
    def diary(self) -> Diary:
        """The diary, created on first use (read as empty when a command only reads)."""
        return Diary(self._folder("diary") / DIARY_FILE, access=self.access("diary"))

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
