"""What went wrong with a database file, told apart: busy, disk full, disk failing, damaged,
not allowed. SQLite's errors become kinolog's typed errors, each with its own one line.

"database is locked" is not "damaged": a busy file is fine and only needs a moment, and a
full disk needs space, not a restore. Only a file SQLite finds corrupt is called damaged,
and only then does the message point at ``kinolog diary restore``.
"""

from __future__ import annotations

import contextlib
import errno
import shutil
import sqlite3
from pathlib import Path

from kinolog.db.errors import (
    AccessDenied,
    DiskError,
    DiskFull,
    KinologError,
    NotADatabase,
    StoreBusy,
    StoreError,
)
from kinolog.db.locking import WriteLock, busy_message

__all__ = ["damaged_message", "explain_os_error", "explain_sqlite_error", "human_bytes"]

# SQLite's primary result codes (the low byte of an extended code).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = (
    3, 5, 6, 8, 10, 11, 13, 14, 26,
)  # fmt: skip
_MESSAGES = {  # for errors that carry no code (older Pythons, some wrappers)
    "database is locked": _BUSY,
    "database table is locked": _LOCKED,
    "database or disk is full": _FULL,
    "disk i/o error": _IOERR,
    "database disk image is malformed": _CORRUPT,
    "file is not a database": _NOTADB,
    "attempt to write a readonly database": _READONLY,
    "unable to open database file": _CANTOPEN,
}
_SPARE = 1024 * 1024  # room a write needs beyond a copy of the file, for the WAL and journal


def human_bytes(count: float) -> str:
    """``12.3 MB``: a size for people (powers of 1000, as disks are sold)."""
    for unit in ("bytes", "kB", "MB", "GB"):
        if count < 1000 or unit == "GB":
            return f"{count:,.0f} {unit}" if unit == "bytes" else f"{count:,.1f} {unit}"
        count /= 1000
    return f"{count:,.1f} TB"  # pragma: no cover - the loop returns


def _code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    return _MESSAGES.get(str(error).strip().casefold())


def damaged_message(path: Path, name: str, detail: str) -> str:
    """The one line for a damaged file: left untouched, and how to get going again."""
    if name == "diary":
        remedy = (
            "put a backup in its place with kinolog diary restore "
            "(kinolog diary restore --list shows them)"
        )
    else:
        remedy = f"move it away and kinolog makes a new {name}"
    return f"{path} is damaged ({detail}); kinolog leaves it untouched: {remedy}"


def _free_space(path: Path) -> tuple[int, int] | None:
    """Bytes free on the disk holding ``path``, and how many a write there may need."""
    folder = path if path.is_dir() else path.parent
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return None
    need = _SPARE
    for suffix in ("", "-wal"):
        with contextlib.suppress(OSError):
            need += path.with_name(path.name + suffix).stat().st_size
    return free, need


def disk_full_message(path: Path) -> str:
    """The one line for a full disk: how much is free, how much to free."""
    space = _free_space(path)
    folder = path.parent
    if space is None:
        return f"cannot write {path}: the disk is full; free some space and try again"
    free, need = space
    return (
        f"cannot write {path}: the disk holding {folder} is full ({human_bytes(free)} free); "
        f"free at least {human_bytes(max(need - free, _SPARE))} and try again"
    )


def explain_sqlite_error(
    error: sqlite3.Error, path: Path, name: str, *, lock: WriteLock | None = None
) -> KinologError | None:
    """A kinolog error for a SQLite error on the file at ``path``; None when it is not about
    the file (a constraint, a programming error): re-raise those as they are.

    Args:
        name: what the file is called in messages ("diary", "catalogue").
        lock: the file's write lock, to name the kinolog process holding the file.
    """
    code = _code(error)
    if code in (_BUSY, _LOCKED):
        holder = lock.holder() if lock is not None else None
        return StoreBusy(busy_message(path.with_name(path.name + ".lock"), holder))
    if code == _FULL:
        return DiskFull(disk_full_message(path))
    if code == _IOERR:
        space = _free_space(path)
        if space is not None and space[0] < space[1]:
            return DiskFull(disk_full_message(path))
        return DiskError(
            f"cannot use {path}: the disk or file system reported an error ({error}); "
            "check the disk and try again: kinolog changed nothing"
        )
    if code in (_CORRUPT, _NOTADB):
        return NotADatabase(damaged_message(path, name, str(error)))
    if code in (_READONLY, _PERM):
        return AccessDenied(f"cannot write {path}: permission denied (or a read-only disk)")
    if code == _CANTOPEN:
        return AccessDenied(f"cannot open {path}: permission denied, or its folder is missing")
    return None


def explain_os_error(error: OSError, path: Path | str | None = None) -> KinologError:
    """A kinolog error for an operating-system error: permissions, a full disk, the rest."""
    where = str(path if path is not None else error.filename or "a file")
    reason = error.strerror or str(error)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return AccessDenied(f"cannot use {where}: {reason}")
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull(disk_full_message(Path(where)))
    if error.errno == errno.EIO:
        return DiskError(f"cannot use {where}: the disk reported an error ({reason})")
    return StoreError(f"cannot use {where}: {reason}")
