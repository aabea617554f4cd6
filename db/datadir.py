"""Where kinolog keeps its two files, and opening them."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

import platformdirs

from kinolog.db.errors import DataDirError

CATALOGUE_FILE = "catalogue.db"
DIARY_FILE = "diary.db"
ENV_VAR = "KINOLOG_DATA_DIR"


def resolve_data_dir(option: str | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """The data folder: ``--data-dir``, else ``$KINOLOG_DATA_DIR``, else the platform's
    user data folder for kinolog (e.g. ``~/.local/share/kinolog``)."""
    environ = os.environ if environ is None else environ
    chosen = option or environ.get(ENV_VAR) or platformdirs.user_data_dir("kinolog", False)
    return Path(chosen).expanduser()


def ensure_data_dir(path: Path) -> Path:
    """Create the data folder when missing and check that kinolog can write to it.

    Raises:
        DataDirError: it is a file, cannot be created, or is not writable.
    """
    if path.exists() and not path.is_dir():
        raise DataDirError(f"data folder {path} is a file, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DataDirError(f"cannot create data folder {path}: {error.strerror}") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise DataDirError(f"data folder {path} is not writable")
    return path


def readable_data_dir(path: Path) -> Path:
    """The data folder for commands that only read: it must exist, need not be writable.

    A missing folder is created (when possible), as for :func:`ensure_data_dir`.

    Raises:
        DataDirError: it is a file, or missing and cannot be created.
    """
    if path.is_dir():
        return path
    return ensure_data_dir(path)


# -- backups ----------------------------------------------------------------------------------


def import_lock_path(catalogue: Path) -> Path:
    """The lock a bulk import of ``catalogue`` holds while it runs."""
    return catalogue.with_name(catalogue.name + ".import.lock")


def imdb_staging_folder(catalogue: Path) -> Path:
    """Where an IMDb import of ``catalogue`` stages its files while it runs."""
    return catalogue.with_name(catalogue.name + ".imdb-staging")


BACKUP_FOLDER = "backups"
_BACKUP_NAME = re.compile(r"^diary-(\d{8}T\d{12}Z)(?:-[a-z0-9-]+)?\.db$")


def backup_folder(diary_path: Path) -> Path:
    """Where the backups of the diary at ``diary_path`` live: ``<data dir>/backups``."""
    return diary_path.parent / BACKUP_FOLDER


def backup_files(diary_path: Path) -> list[Path]:
    """The backup files of the diary at ``diary_path``, newest first (by their names)."""
    folder = backup_folder(diary_path)
    try:
        names = [path for path in folder.iterdir() if _BACKUP_NAME.match(path.name)]
    except OSError:
        return []
    return sorted((path for path in names if path.is_file()), key=lambda p: p.name, reverse=True)


# -- files kinolog must never overwrite --------------------------------------------------------

_SIDE_FILES = ("", "-wal", "-shm", "-journal", ".lock")


def protected_reason(data_dir: Path, target: Path) -> str | None:
    """Why kinolog must not write a file at ``target``; None when it may (after asking).

    The two databases and every file SQLite keeps beside them, their lock files and the
    copies made before migrations, and anything in the backups folder are kinolog's own:
    an export never lands on them, whatever path (or link) names them.
    """
    try:
        resolved = target.resolve()
        folder = data_dir.resolve()
    except (OSError, RuntimeError):
        return None
    names = (CATALOGUE_FILE, DIARY_FILE)
    protected = {folder / f"{name}{suffix}" for name in names for suffix in _SIDE_FILES}
    backups = folder / BACKUP_FOLDER
    if resolved == backups or backups in resolved.parents:
        return f"{target} is in kinolog's backups folder ({backups})"
    if resolved in protected or _same_file(target, protected):
        return f"{target} is one of kinolog's own files ({resolved.name} in {folder})"
    if resolved.parent == folder and re.match(
        rf"^\.?({re.escape(CATALOGUE_FILE)}|{re.escape(DIARY_FILE)})[.-]", resolved.name
    ):
        return f"{target} is one of kinolog's own files ({resolved.name} in {folder})"
    return None


def _same_file(target: Path, candidates: set[Path]) -> bool:
    """True when ``target`` is (a hard link to) one of ``candidates``."""
    try:
        stat = target.stat()
    except OSError:
        return False
    for candidate in candidates:
        try:
            other = candidate.stat()
        except OSError:
            continue
        if (stat.st_dev, stat.st_ino) == (other.st_dev, other.st_ino):
            return True
    return False
