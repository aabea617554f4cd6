"""Typed errors raised by the data layer.

Every error carries a one-line message meant for a person: the CLI prints ``str(error)``
and exits non-zero, the TUI shows it as a notification. ``exit_code`` is what the CLI
returns for it (2 for "you asked for something that cannot be done as asked").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class KinologError(Exception):
    """Base class for every error kinolog reports to the user."""

    exit_code = 1


class DataDirError(KinologError):
    """The data folder is missing, not a folder, or not writable."""

    exit_code = 2


class StoreError(KinologError):
    """A catalogue or diary file cannot be used."""

    exit_code = 2


class NotADatabase(StoreError):
    """The file exists but is not a SQLite database, or is corrupt. It is never overwritten."""


class SchemaTooNew(StoreError):
    """The file was written by a newer kinolog than this one."""


class StoreBusy(StoreError):
    """Another process (kinolog or another program) held a lock on the file for too long."""


class ForeignFile(StoreError):
    """The file, or the WAL file beside it, was not made by kinolog; it is left untouched."""


class DiaryMissing(StoreError):
    """``diary.db`` is missing or empty although backups of it exist."""


class DiskFull(StoreError):
    """The disk holding the file is full; nothing was changed."""


class DiskError(StoreError):
    """The disk or file system failed (an I/O error); nothing was changed."""


class AccessDenied(StoreError):
    """kinolog may not read or write a file or folder (permissions, a read-only disk)."""


class FilmNotFound(KinologError):
    """No film matches a query, ``imdb:`` id or ``id:``."""

    exit_code = 2


class AmbiguousFilm(KinologError):
    """A query matches several films and does not clearly name one.

    Attributes:
        candidates: the best matching films (``kinolog.db.models.Film``), best first.
    """

    exit_code = 2

    def __init__(self, message: str, candidates: Sequence[Any]) -> None:
        super().__init__(message)
        self.candidates = list(candidates)


class InvalidValue(KinologError, ValueError):
    """A rating, date or other value given by the user cannot be understood."""

    exit_code = 2


class EntryNotFound(KinologError):
    """No diary entry has the given id."""

    exit_code = 2


class NothingToUndo(KinologError):
    """The diary has no change left to undo."""

    exit_code = 1


class ImportFailed(KinologError):
    """An input file could not be imported; the message names the file and the reason."""


class NothingToRedo(KinologError):
    """Nothing was undone, or a change made since the last undo ended the redo."""

    exit_code = 1


class UndoConflict(KinologError):
    """Undoing or redoing a step would overwrite a later change of one of its entries."""

    exit_code = 1
