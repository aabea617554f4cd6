"""Diary backups: made before every import, verified, kept in rotation, restorable.

A backup is a complete, self-contained SQLite copy of ``diary.db`` made with SQLite's
backup API (consistent even while other windows read), switched out of WAL mode so it is
one file, checked with ``PRAGMA integrity_check``, and only then renamed into place in
``<data dir>/backups/``: a backup that exists under its final name is a good one.

Rotation keeps the newest :data:`KEEP` states of the diary. A backup identical to the newest
one is not a new state (nothing changed since): it is not made again. Rotation never
deletes the newest backup holding more entries than the live diary: a diary that lost its
entries must not take its last good copy with it, however many imports follow.

Restoring copies a verified backup into the live ``diary.db`` through the backup API,
holding the diary's write lock throughout, after backing up the current diary (so a restore
can be restored away). A backup with another page size is converted first. Other kinolog
windows keep working: they see the restored diary.

Crash leftovers (``.partial`` files, their journals, abandoned restore folders) are removed
by :func:`clean_leftovers` when kinolog next starts.
"""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kinolog.db.datadir import (
    CATALOGUE_FILE,
    DIARY_FILE,
    backup_folder,
    imdb_staging_folder,
    import_lock_path,
)
from kinolog.db.errors import InvalidValue, NotADatabase, SchemaTooNew, StoreError
from kinolog.db.failures import explain_os_error, explain_sqlite_error
from kinolog.db.files import (
    PARTIAL_SUFFIX,
    atomic_path,
    fsync_path,
    partial_path,
    remove_partial,
)
from kinolog.db.locking import WriteLock
from kinolog.db.migrations import DIARY_MIGRATIONS

if TYPE_CHECKING:
    from kinolog.db.diary import Diary

__all__ = [
    "KEEP",
    "DiaryBackup",
    "backup_diary",
    "backup_folder",
    "clean_leftovers",
    "list_backups",
    "replace_damaged_diary",
    "restore_backup",
    "verify_backup",
]

KEEP = 5
_RESTORE_PREFIX = ".restore-"
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


def backup_diary(diary: Diary, *, reason: str = "manual", keep: int = KEEP) -> Path:
    """Make a verified backup of the diary and rotate the backups (see the module).

    Holds the diary's write lock throughout, so the copy is of a diary no one is
    changing and two windows never back up at once.

    Returns:
        The new backup file, or the newest backup when the diary has not changed since it
        was made (the same state is not kept twice).

    Raises:
        StoreError: the backup could not be written (a full disk says so) or failed
            verification; the diary is untouched and no partial file is left.
    """
    folder = backup_folder(diary.path)
    label = re.sub(r"[^a-z0-9-]+", "-", reason.casefold()).strip("-") or "manual"
    with diary.store.read() as conn, diary.store.write_lock.hold():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise explain_os_error(error, folder) from None
        _remove_partials(folder)  # left by a crash; no one else writes here now
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = folder / f"diary-{stamp}-{label}.db"
        newest = next(iter(list_backups(diary.path)), None)
        partial = partial_path(target)
        try:
            copy = sqlite3.connect(partial)
            try:
                conn.backup(copy)
                # One self-contained file: no -wal beside it to lose when it is moved.
                copy.execute("PRAGMA journal_mode=DELETE")
            finally:
                copy.close()
            verify_backup(partial)
            if newest is not None and filecmp.cmp(partial, newest.path, shallow=False):
                target = newest.path  # nothing changed since the newest backup
            else:
                fsync_path(partial)
                os.replace(partial, target)
                fsync_path(folder)
        except sqlite3.Error as error:
            problem = explain_sqlite_error(error, target, "diary backup")
            raise problem or StoreError(f"cannot back up the diary to {target}: {error}") from None
        except OSError as error:
            raise explain_os_error(error, target) from None
        finally:
            remove_partial(partial)
        _rotate(diary, keep)
    return target


def _rotate(diary: Diary, keep: int) -> None:
    """Drop all but the newest ``keep`` backups, never the newest one holding more entries
    than the live diary."""
    backups = list_backups(diary.path)
    if len(backups) <= keep:
        return
    live = diary.counts()["entries"]
    richer = next((b for b in backups if _entries(b.path) > live), None)
    for old in backups[keep:]:
        if richer is None or old.path != richer.path:
            old.path.unlink(missing_ok=True)


def _entries(path: Path) -> int:
    """How many live entries a backup holds (-1: it cannot be read)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return -1
    try:
        row = conn.execute("SELECT count(*) FROM entries WHERE deleted_at IS NULL").fetchone()
        return int(row[0])
    except sqlite3.Error:
        return -1
    finally:
        conn.close()


def _remove_partials(folder: Path) -> None:
    """Remove partial backups a crash left (with their journals, WAL and shared-memory
    files). Call holding the diary lock. (Restore work folders go at the next start,
    :func:`clean_leftovers`: a restore in this process may be using one.)"""
    for stale in folder.glob(f".*{PARTIAL_SUFFIX}*"):
        stale.unlink(missing_ok=True)


def clean_leftovers(data_dir: Path) -> list[Path]:
    """Remove what crashed kinolog processes left in the data folder, and say what.

    Partial files beside ``diary.db`` and ``catalogue.db`` (new files, copies before a
    migration) and in the backups folder (backups, restore work folders) are made only
    under their database's write lock, so they are removed under it, and only when no one
    holds it now (never waiting: what is left is removed next time). Nothing is touched in
    a folder kinolog may not write to.

    Returns:
        What was removed.
    """
    removed: list[Path] = []
    for name in (DIARY_FILE, CATALOGUE_FILE):
        # Only the partial files made under this lock: a new database and a copy before a
        # migration (a search index file is written without it, and cleans up its own).
        made_here = re.compile(
            rf"^\.{re.escape(name)}\.(?:v\d+\.\d{{8}}T\d{{6}}\.bak\.)?[0-9a-f]{{8}}"
            rf"{re.escape(PARTIAL_SUFFIX)}(?:-journal|-wal|-shm)?$"
        )
        stale = [path for path in data_dir.glob(f".{name}.*") if made_here.match(path.name)]
        folder = backup_folder(data_dir / name)
        if name == DIARY_FILE and folder.is_dir():
            stale += folder.glob(f".*{PARTIAL_SUFFIX}*")
            stale += folder.glob(f"{_RESTORE_PREFIX}*")
        if not stale:
            continue
        with WriteLock(data_dir / f"{name}.lock").try_hold() as held:
            if not held:
                continue
            for path in stale:
                try:
                    if path.is_dir() and not path.is_symlink():
                        shutil.rmtree(path)
                    else:
                        path.unlink(missing_ok=True)
                except OSError:
                    continue
                removed.append(path)
    # A killed IMDb import's staging folder (the next import would remove it too).
    catalogue = data_dir / CATALOGUE_FILE
    staging = imdb_staging_folder(catalogue)
    if staging.is_dir() and not staging.is_symlink():
        with WriteLock(import_lock_path(catalogue)).try_hold() as held:
            if held:
                shutil.rmtree(staging, ignore_errors=True)
                removed.append(staging)
    return removed


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

    Holds the diary's write lock throughout. The backup is copied to a work folder, brought
    to the current schema, to the live diary's page size and application id, checked, and
    then copied into the live diary with SQLite's backup API.

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
    with diary.store.write_lock.hold():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise explain_os_error(error, folder) from None
        with tempfile.TemporaryDirectory(dir=folder, prefix=_RESTORE_PREFIX) as scratch:
            # Work on a copy: opening it as a Diary brings an older schema up to date, and
            # the rotation below may delete the chosen file.
            work = Path(scratch) / "diary.db"
            shutil.copyfile(backup, work)
            Diary(work).close()
            with diary.store.read() as conn:
                page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
            _fit(work, page_size, diary.store.application_id)
            entries = verify_backup(work)
            safety = backup_diary(diary, reason="before-restore")
            source = sqlite3.connect(work)
            try:
                with diary.store.read() as conn:
                    source.backup(conn)
            except sqlite3.Error as error:
                problem = explain_sqlite_error(error, diary.path, "diary")
                raise problem or StoreError(f"cannot restore {backup}: {error}") from None
            finally:
                source.close()
    return Restored(restored=backup, safety=safety, entries=entries)


def _fit(work: Path, page_size: int, application_id: int) -> None:
    """Give a work copy the live diary's page size (SQLite's backup API cannot change the
    page size of a WAL database) and application id (the diary stays the same file)."""
    conn = sqlite3.connect(work, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        if int(conn.execute("PRAGMA page_size").fetchone()[0]) != page_size:
            conn.execute(f"PRAGMA page_size={page_size}")
            conn.execute("VACUUM")
        if application_id:
            conn.execute(f"PRAGMA application_id={application_id}")
    finally:
        conn.close()


def replace_damaged_diary(diary_path: Path, backup: Path | int) -> Restored:
    """Put a backup in place of a diary file that is damaged (or missing).

    The damaged file (and its ``-wal``/``-shm``) is kept beside it as
    ``diary.db.damaged-<time>``, never deleted; the backup is verified, copied next to the
    diary and renamed into place, all under the diary's write lock. A diary that opens is
    never replaced: use :func:`restore_backup` for it.

    Raises:
        InvalidValue: no backup with that number.
        NotADatabase, SchemaTooNew: the backup fails verification; nothing is changed.
        StoreError: the diary opens fine, or is busy, or is not kinolog's (the message
            says which); nothing is changed.
    """
    backup = _chosen(diary_path, backup)
    entries = verify_backup(backup)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = diary_path.with_name(f"{diary_path.name}.damaged-{stamp}")
    with WriteLock(diary_path.with_name(diary_path.name + ".lock")).hold():
        _refuse_sound(diary_path)
        try:
            with atomic_path(diary_path) as partial:
                shutil.copyfile(backup, partial)
                for suffix in ("", "-wal", "-shm"):
                    moved = diary_path.with_name(diary_path.name + suffix)
                    if moved.exists():
                        os.replace(moved, kept.with_name(kept.name + suffix))
        except OSError as error:
            raise explain_os_error(error, diary_path) from None
    return Restored(restored=backup, safety=kept, entries=entries)


def _refuse_sound(diary_path: Path) -> None:
    """Raise unless the diary file is missing, empty, or really damaged."""
    from kinolog.db.store import Store

    if not diary_path.exists() or diary_path.stat().st_size == 0:
        return
    try:
        Store(diary_path, name="diary", migrations=DIARY_MIGRATIONS, access="inspect").close()
    except NotADatabase:
        return
    raise StoreError(
        f"{diary_path} opens fine: kinolog does not replace it; kinolog diary restore N "
        "restores a backup into it (backing it up first)"
    )


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
