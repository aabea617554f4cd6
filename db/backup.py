"""Diary backups: made before every import, verified, kept in rotation, restorable.

A backup is a complete, self-contained SQLite copy of ``diary.db`` made with SQLite's
backup API (consistent even while other windows read), switched out of WAL mode so it is
one file, checked with ``PRAGMA integrity_check``, and only then renamed into place in
``<data dir>/backups/``: a backup that exists under its final name is a good one. The
newest :data:`KEEP` are kept.

Restoring copies a verified backup into the live ``diary.db`` through the backup API,
holding the diary's write lock, after backing up the current diary (so a restore can be
restored away). Other kinolog windows keep working: they see the restored diary.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kinolog.db.errors import InvalidValue, NotADatabase, SchemaTooNew, StoreError
from kinolog.db.files import PARTIAL_SUFFIX, atomic_path
from kinolog.db.migrations import DIARY_MIGRATIONS

if TYPE_CHECKING:
    from kinolog.db.diary import Diary

__all__ = [
    "KEEP",
    "DiaryBackup",
    "backup_diary",
    "backup_folder",
    "list_backups",
    "replace_damaged_diary",
    "restore_backup",
    "verify_backup",
]

KEEP = 5
FOLDER = "backups"
_NAME = re.compile(r"^diary-(\d{8}T\d{6}\d{6}Z)(?:-([a-z0-9-]+))?\.db$")


@dataclass(frozen=True)
class DiaryBackup:
    """One backup file.

    Attributes:
        path: the file.
        created: when it was made, ``2026-11-21T05:01:02Z`` (UTC).
        reason: why (``import-letterboxd``, ``before-restore``, ``manual`` ...).
        size: its size in bytes.
    """

    path: Path
    created: str
    reason: str
    size: int


def backup_folder(diary_path: Path) -> Path:
    """Where the backups of the diary at ``diary_path`` live: ``<data dir>/backups``."""
    return diary_path.parent / FOLDER


def backup_diary(diary: Diary, *, reason: str = "manual", keep: int = KEEP) -> Path:
    """Make a verified backup of the diary and drop all but the newest ``keep``.

    Holds the diary's write lock throughout, so the copy is of a diary no one is
    changing and two windows never back up at once.

    Returns:
        The new backup file.

    Raises:
        StoreError: the backup could not be written or failed verification; the diary
            is untouched and no partial file is left.
    """
    folder = backup_folder(diary.path)
    label = re.sub(r"[^a-z0-9-]+", "-", reason.casefold()).strip("-") or "manual"
    with diary.store.read() as conn, diary.store.write_lock.hold():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create backup folder {folder}: {error.strerror}") from None
        for stale in folder.glob(f".*{PARTIAL_SUFFIX}*"):  # left by a crash; no one else writes
            stale.unlink(missing_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = folder / f"diary-{stamp}-{label}.db"
        try:
            with atomic_path(target) as partial:
                copy = sqlite3.connect(partial)
                try:
                    conn.backup(copy)
                    # One self-contained file: no -wal beside it to lose when it is moved.
                    copy.execute("PRAGMA journal_mode=DELETE")
                finally:
                    copy.close()
                verify_backup(partial)
        except (sqlite3.Error, OSError) as error:
            raise StoreError(f"cannot back up the diary to {target}: {error}") from None
        for old in list_backups(diary.path)[keep:]:
            old.path.unlink(missing_ok=True)
    return target


def list_backups(diary_path: Path) -> list[DiaryBackup]:
    """The backups of the diary at ``diary_path``, newest first (number 1 is the newest)."""
    folder = backup_folder(diary_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match is None or not path.is_file():
            continue
        moment = datetime.strptime(match[1], "%Y%m%dT%H%M%S%fZ")
        found.append(
            DiaryBackup(
                path=path,
                created=moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
                reason=match[2] or "",
                size=path.stat().st_size,
            )
        )
    found.sort(key=lambda backup: backup.path.name, reverse=True)
    return found


def verify_backup(path: Path) -> int:
    """Check that ``path`` is a sound diary this kinolog can use; return its entry count.

    Raises:
        NotADatabase: not SQLite, damaged (``PRAGMA integrity_check``), or not a diary.
        SchemaTooNew: written by a newer kinolog.
    """
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise NotADatabase(f"backup {path} cannot be opened: {error}") from None
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise NotADatabase(f"backup {path} is damaged: {'; '.join(problems[:3])}")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if version < 1 or not {"entries", "changes"} <= tables:
            raise NotADatabase(f"backup {path} is not a kinolog diary")
        if version > len(DIARY_MIGRATIONS):
            raise SchemaTooNew(f"backup {path} was written by a newer kinolog (schema {version})")
        return int(
            conn.execute("SELECT count(*) FROM entries WHERE deleted_at IS NULL").fetchone()[0]
        )
    except sqlite3.DatabaseError as error:
        raise NotADatabase(f"backup {path} is not a usable diary ({error})") from None
    finally:
        conn.close()


@dataclass(frozen=True)
class Restored:
    """What a restore did: the backup restored, and where the diary as it was is kept
    (a backup made before, or the damaged file moved aside)."""

    restored: Path
    safety: Path
    entries: int


def restore_backup(diary: Diary, backup: Path | int) -> Restored:
    """Replace the diary's contents with a backup's, after backing up the current diary.

    Args:
        diary: the open diary.
        backup: a backup file, or its number in :func:`list_backups` (1 = newest).

    Raises:
        InvalidValue: there is no backup with that number.
        NotADatabase, SchemaTooNew: the backup fails verification; nothing is changed.
    """
    backup = _chosen(diary.path, backup)
    verify_backup(backup)
    from kinolog.db.diary import Diary

    folder = backup_folder(diary.path)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".restore-") as scratch:
        # Work on a copy: opening it as a Diary brings an older schema up to date, and
        # the rotation below may delete the chosen file.
        work = Path(scratch) / "diary.db"
        shutil.copyfile(backup, work)
        Diary(work).close()
        entries = verify_backup(work)
        safety = backup_diary(diary, reason="before-restore")
        source = sqlite3.connect(work)
        try:
            with diary.store.read() as conn, diary.store.write_lock.hold():
                source.backup(conn)
        except sqlite3.Error as error:
            raise StoreError(f"cannot restore {backup}: {error}") from None
        finally:
            source.close()
    return Restored(restored=backup, safety=safety, entries=entries)


def replace_damaged_diary(diary_path: Path, backup: Path | int) -> Restored:
    """Put a backup in place of a diary file kinolog cannot open (damaged, not SQLite).

    The damaged file (and its ``-wal``/``-shm``) is kept beside it as
    ``diary.db.damaged-<time>``, never deleted; the backup is verified, copied next to the
    diary and renamed into place, all under the diary's write lock. Use
    :func:`restore_backup` for a diary that opens.

    Raises:
        InvalidValue: no backup with that number.
        NotADatabase, SchemaTooNew: the backup fails verification; nothing is changed.
    """
    from kinolog.db.locking import WriteLock

    backup = _chosen(diary_path, backup)
    entries = verify_backup(backup)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = diary_path.with_name(f"{diary_path.name}.damaged-{stamp}")
    with WriteLock(diary_path.with_name(diary_path.name + ".lock")).hold():
        try:
            with atomic_path(diary_path) as partial:
                shutil.copyfile(backup, partial)
                for suffix in ("", "-wal", "-shm"):
                    moved = diary_path.with_name(diary_path.name + suffix)
                    if moved.exists():
                        os.replace(moved, kept.with_name(kept.name + suffix))
        except OSError as error:
            raise StoreError(f"cannot restore {backup} to {diary_path}: {error}") from None
    return Restored(restored=backup, safety=kept, entries=entries)


def _chosen(diary_path: Path, backup: Path | int) -> Path:
    """The backup file meant: a path, or a number in :func:`list_backups` (1 = newest)."""
    if isinstance(backup, int):
        backups = list_backups(diary_path)
        if not 1 <= backup <= len(backups):
            have = f"1-{len(backups)}" if backups else "none yet"
            raise InvalidValue(f"no diary backup number {backup} (backups: {have})")
        backup = backups[backup - 1].path
    if not backup.is_file():
        raise InvalidValue(f"no diary backup {backup}")
    return backup
