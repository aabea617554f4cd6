"""Where kinolog keeps its two files, and opening them."""

from __future__ import annotations

import os
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
