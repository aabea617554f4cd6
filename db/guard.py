"""What kinolog opens at all: checks on a database file before and right after SQLite
opens it, and making a new file whole.

Only a file kinolog made is opened: one carrying a kinolog application id of its kind
(:mod:`kinolog.db.headers`), or one from a kinolog older than application ids (a
``user_version`` and kinolog's own tables). Anything else is refused before SQLite writes a
byte, and so is a ``-wal`` file that belongs to another database. A missing or empty diary
with backups is an error that names the newest backup, never a new empty diary.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kinolog.db.datadir import DIARY_FILE, backup_files
from kinolog.db.errors import DiaryMissing, ForeignFile, NotADatabase
from kinolog.db.files import atomic_path, fsync_path, partial_path, remove_partial
from kinolog.db.headers import (
    Header,
    has_wal_content,
    in_use_elsewhere,
    kind_of,
    new_application_id,
    read_header,
    wal_path,
    wal_problem,
)
from kinolog.db.locking import WriteLock

if TYPE_CHECKING:
    import sqlite_utils

__all__ = [
    "Migration",
    "check_file",
    "check_ownership",
    "copy_before_change",
    "create_file",
    "memory_database",
    "refuse_missing",
    "run_migrations",
    "schema_problems",
    "touch_page_one",
]

Migration = Callable[[sqlite3.Connection], None]
_SIGNATURES: dict[int, frozenset[str]] = {}


def check_file(path: Path, name: str) -> Header | None:
    """Look at the file and its WAL before SQLite does; None when it is missing or empty.

    Raises:
        NotADatabase: not a SQLite file.
        ForeignFile: another program's database, a kinolog file of another kind, or a WAL
            file that belongs to another database.
    """
    if not path.exists():
        return None
    try:
        header = read_header(path)
    except ValueError:
        raise NotADatabase(
            f"{path} is not a SQLite database; kinolog leaves it untouched: "
            "move it away to start afresh"
        ) from None
    problem = wal_problem(wal_path(path), header, kind=name)
    if problem is not None and not in_use_elsewhere(path):
        raise ForeignFile(
            f"{wal_path(path)} does not belong to {path}: {problem}. kinolog leaves both "
            f"untouched and will not open the {name} while it is there: if it is not from "
            f"this {name}, move it away"
        )
    if header is None:
        return None
    kind = kind_of(header.application_id)
    if header.application_id and kind is None:
        raise ForeignFile(
            f"{path} is a SQLite database of another program (application id "
            f"{header.application_id:#010x}), not a kinolog {name}; kinolog leaves it "
            "untouched: move it away"
        )
    if kind is not None and kind != name and name in ("diary", "catalogue"):
        raise ForeignFile(f"{path} is a kinolog {kind}, not a {name}; kinolog leaves it untouched")
    if not header.application_id and header.user_version == 0 and not has_wal_content(path):
        raise foreign(path, name)
    return header


def foreign(path: Path, name: str) -> ForeignFile:
    """The error for a SQLite file without kinolog's application id or tables."""
    return ForeignFile(
        f"{path} is a SQLite database kinolog did not make (it has no kinolog {name} tables); "
        "kinolog leaves it untouched: move it away"
    )


def refuse_missing(path: Path, name: str, *, precious: bool) -> None:
    """A missing or empty file is fine (a new one is made), unless a ``-wal`` beside it holds
    data, or it is ``precious`` (the diary) and backups of it exist.

    Raises:
        ForeignFile: the empty file has a WAL file with data.
        DiaryMissing: names the newest backup and ``kinolog diary restore``.
    """
    if has_wal_content(path):
        raise ForeignFile(
            f"{path} is empty but {wal_path(path).name} beside it holds data; kinolog leaves "
            "both untouched"
        )
    # The backups folder holds the backups of the data folder's diary.db (tests and the
    # sample may keep other diaries beside it, under other names).
    backups = backup_files(path) if precious and path.name == DIARY_FILE else []
    if backups:
        state = "empty" if path.exists() else "missing"
        raise DiaryMissing(
            f"{path} is {state}, but backups of the {name} exist: the newest is {backups[0]}. "
            "Put it back with: kinolog diary restore 1 (kinolog diary restore --list shows "
            f"them all; to start an empty {name} instead, move the backups folder away)"
        )


def _signature(migrations: Sequence[Migration]) -> frozenset[str]:
    """The tables the first migration makes: a file from before application ids has them."""
    if not migrations:
        return frozenset()
    key = id(migrations[0])
    if key not in _SIGNATURES:
        conn = sqlite3.connect(":memory:", isolation_level=None)
        try:
            conn.execute("BEGIN")
            migrations[0](conn)
            conn.execute("COMMIT")
            names = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            _SIGNATURES[key] = frozenset(row[0] for row in names)
        finally:
            conn.close()
    return _SIGNATURES[key]


def check_ownership(
    conn: sqlite3.Connection, path: Path, name: str, migrations: Sequence[Migration]
) -> None:
    """A file without kinolog's application id must be an old kinolog file: a schema version
    and the tables of kinolog's first migration.

    Raises:
        ForeignFile: it is not.
    """
    if conn.execute("PRAGMA application_id").fetchone()[0]:
        return
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version < 1 or not _signature(migrations) <= tables:
        raise foreign(path, name)


def touch_page_one(conn: sqlite3.Connection, application_id: int = 0) -> None:
    """Rewrite the application id in the current transaction.

    Every commit kinolog makes then carries page 1, so that the WAL frames kinolog wrote can
    be told from another database's (:func:`kinolog.db.headers.wal_problem`).
    """
    application_id = application_id or conn.execute("PRAGMA application_id").fetchone()[0]
    conn.execute(f"PRAGMA application_id={int(application_id)}")


def run_migrations(conn: sqlite3.Connection, migrations: Sequence[Migration], version: int) -> None:
    """Run the migrations after ``version``, each in its own transaction with its number."""
    for number in range(version, len(migrations)):
        conn.execute("BEGIN IMMEDIATE")
        try:
            migrations[number](conn)
            conn.execute(f"PRAGMA user_version={number + 1}")
            touch_page_one(conn)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def memory_database(migrations: Sequence[Migration]) -> sqlite3.Connection:
    """An empty database of the current schema in memory: reading a file that does not exist."""
    conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    for migration in migrations:
        conn.execute("BEGIN")
        migration(conn)
        conn.execute("COMMIT")
    conn.execute(f"PRAGMA user_version={len(migrations)}")
    return conn


def create_file(path: Path, name: str, migrations: Sequence[Migration], lock: WriteLock) -> None:
    """Make a new database at ``path``: built under a temporary name (WAL mode, a new
    application id, every migration), then linked into place whole, under ``lock``.

    An empty file at ``path`` is replaced (it holds nothing); a file another process made
    meanwhile is kept.
    """
    with lock.hold():
        if path.exists() and path.stat().st_size > 0:
            return
        partial = partial_path(path)
        try:
            conn = sqlite3.connect(partial, isolation_level=None)
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute(f"PRAGMA application_id={new_application_id(name)}")
                run_migrations(conn, migrations, 0)
            finally:
                conn.close()
            fsync_path(partial)
            if path.exists():
                os.replace(partial, path)
            else:
                try:
                    os.link(partial, path)
                except FileExistsError:
                    pass
                except OSError:  # no hard links here: rename (the lock keeps kinolog out)
                    os.replace(partial, path)
        finally:
            remove_partial(partial)
        fsync_path(path.parent)


def copy_before_change(conn: sqlite3.Connection, path: Path, label: str) -> Path:
    """Copy the database to ``<name>.<label>.<time>.bak`` (one file, verified by SQLite's
    backup API) before a migration changes it."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.{label}.{stamp}.bak")
    with atomic_path(target) as partial:
        copy = sqlite3.connect(partial)
        try:
            conn.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one file, nothing beside it
        finally:
            copy.close()
    return target


def schema_problems(actual: sqlite_utils.Database, migrations: Sequence[Migration]) -> list[str]:
    """How a database's tables differ from a fresh one made by ``migrations``.

    A fresh database is migrated in memory and both are compared with sqlite-utils'
    introspection: missing tables, missing columns, columns of another type. An empty list
    means the file has the schema its version promises (a hand-edited or damaged file does
    not).
    """
    import sqlite_utils

    fresh = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for migration in migrations:
            fresh.execute("BEGIN")
            migration(fresh)
            fresh.execute("COMMIT")
        expected = sqlite_utils.Database(fresh)
        problems: list[str] = []
        have = set(actual.table_names())
        for name in expected.table_names():
            if name.startswith("sqlite_"):
                continue
            if name not in have:
                problems.append(f"table {name} is missing")
                continue
            columns = actual.table(name).columns_dict
            for column, kind in expected.table(name).columns_dict.items():
                if column not in columns:
                    problems.append(f"column {name}.{column} is missing")
                elif columns[column] is not kind:
                    problems.append(f"column {name}.{column} has another type")
        return problems
    finally:
        fresh.close()
