"""Opening kinolog's SQLite files: pragmas, integrity, migrations, write transactions.

One :class:`Store` is one file and one connection. The connection may be used from any
thread (Textual thread workers): a re-entrant lock serialises use within the process and
:class:`kinolog.db.locking.WriteLock` serialises writers across processes.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from kinolog.db.errors import NotADatabase, SchemaTooNew, StoreError
from kinolog.db.files import atomic_path
from kinolog.db.locking import WriteLock

if TYPE_CHECKING:
    import sqlite_utils

Migration = Callable[[sqlite3.Connection], None]

SQLITE_MAGIC = b"SQLite format 3\x00"
# Above this size the catalogue skips quick_check on open (it reads every page; a
# million-film catalogue must open in about a second). `kinolog doctor` checks it all.
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run SQL statements one by one inside the current transaction.

    ``executescript`` would commit first, breaking the all-or-nothing migration.
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        conn.execute(statement)


def now_iso() -> str:
    """The current UTC time as an ISO 8601 string with seconds, e.g. ``2026-11-21T10:04:05Z``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Store:
    """One kinolog SQLite file, opened, checked and migrated.

    Args:
        path: the database file; created (with its folder) when missing.
        name: what to call it in messages ("catalogue", "diary").
        migrations: numbered migrations; migration ``i`` brings ``user_version`` to ``i + 1``.
        synchronous: ``FULL`` for data that must survive a power cut (the diary).
    """

    def __init__(
        self,
        path: Path,
        *,
        name: str,
        migrations: Sequence[Migration],
        synchronous: str = "NORMAL",
        lock_timeout: float = 60.0,
    ) -> None:
        self.path = path
        self.name = name
        self.migrations = migrations
        self._lock = threading.RLock()
        self.write_lock = WriteLock(path.with_name(path.name + ".lock"), timeout=lock_timeout)
        self._check_header()
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = sqlite3.connect(
                path, check_same_thread=False, isolation_level=None, timeout=30.0
            )
        except sqlite3.Error as error:
            raise StoreError(f"cannot open {name} {path}: {error}") from None
        try:
            self._configure(synchronous)
            self._check_integrity()
            self._migrate()
        except sqlite3.DatabaseError as error:
            self.conn.close()
            raise NotADatabase(
                f"{path} is not a usable {name} database ({error}); kinolog leaves it "
                "untouched: move it away to start afresh"
            ) from None
        except BaseException:
            self.conn.close()
            raise

    # -- opening -------------------------------------------------------------------------

    def _check_header(self) -> None:
        if not self.path.exists():
            return
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder, not a {self.name} database")
        with self.path.open("rb") as file:
            head = file.read(len(SQLITE_MAGIC))
        if head and head != SQLITE_MAGIC:
            raise NotADatabase(
                f"{self.path} is not a SQLite database; kinolog leaves it untouched: "
                "move it away to start afresh"
            )

    def _configure(self, synchronous: str) -> None:
        with self.write_lock.hold():
            mode = self.conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(f"{self.path}: cannot switch to WAL journal mode (got {mode})")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA busy_timeout=30000")
        self.conn.execute(f"PRAGMA synchronous={synchronous}")

    def _check_integrity(self) -> None:
        if self.path.stat().st_size > QUICK_CHECK_MAX_BYTES:
            self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return
        result = self.conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {result}")

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """The connection as a sqlite-utils ``Database``, for introspection and ad-hoc use.

        Built on first use: importing sqlite-utils also imports pandas when that is
        installed, which would add a third of a second to every start of the app.
        """
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    @property
    def schema_version(self) -> int:
        """The file's ``PRAGMA user_version``: how many migrations it has."""
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        target = len(self.migrations)
        with self.write_lock.hold():
            version = self.schema_version
            if version > target:
                raise SchemaTooNew(
                    f"{self.path} was written by a newer kinolog (schema {version}, this "
                    f"kinolog knows {target}): upgrade kinolog to use it"
                )
            if version == target:
                return
            if version > 0:
                self._backup(f"v{version}")
            for number in range(version, target):
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    self.migrations[number](self.conn)
                    self.conn.execute(f"PRAGMA user_version={number + 1}")
                    self.conn.execute("COMMIT")
                except BaseException:
                    self.conn.execute("ROLLBACK")
                    raise

    def _backup(self, label: str) -> Path:
        """Copy the file to ``<name>.<label>.<time>.bak`` before it is changed."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        target = self.path.with_name(f"{self.path.name}.{label}.{stamp}.bak")
        with atomic_path(target) as partial:
            copy = sqlite3.connect(partial)
            try:
                self.conn.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")  # one file, nothing beside it
            finally:
                copy.close()
        return target

    # -- use -----------------------------------------------------------------------------

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """Use the connection for reading, serialised with other threads of this process."""
        with self._lock:
            yield self.conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: all of it is committed, or none of it.

        Holds the process-wide lock and the cross-process write lock, and starts with
        ``BEGIN IMMEDIATE`` so the busy timeout applies from the first statement.
        Nested calls join the outer transaction.
        """
        with self._lock:
            if self.conn.in_transaction:
                yield self.conn
                return
            with self.write_lock.hold():
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self.conn
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
                self.conn.execute("COMMIT")

    def schema_problems(self) -> list[str]:
        """How this file's tables differ from a fresh file at the same schema version.

        A fresh database is migrated in memory and both are compared with sqlite-utils'
        introspection: missing tables, missing columns, columns of another type. An empty
        list means the file has the schema its version promises (a hand-edited or damaged
        file does not).
        """
        import sqlite_utils

        fresh = sqlite3.connect(":memory:", isolation_level=None)
        try:
            for migration in self.migrations[: self.schema_version]:
                fresh.execute("BEGIN")
                migration(fresh)
                fresh.execute("COMMIT")
            expected = sqlite_utils.Database(fresh)
            problems: list[str] = []
            with self.read():
                actual = self.db
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

    def integrity_check(self) -> str:
        """Run the full ``PRAGMA integrity_check``; ``"ok"`` when the file is sound."""
        with self.read() as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        return "; ".join(str(row[0]) for row in rows)

    def close(self) -> None:
        """Close the connection (holding the write lock: closing may checkpoint the WAL)."""
        with self._lock, self.write_lock.hold():
            self.conn.close()
