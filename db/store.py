"""Opening kinolog's SQLite files: what kinolog opens at all, pragmas, integrity,
migrations, write transactions, and errors told apart.

One :class:`Store` is one file and one connection. The connection may be used from any
thread (Textual thread workers): a re-entrant lock serialises use within the process and
:class:`kinolog.db.locking.WriteLock` serialises writers across processes.

What kinolog opens: only a file it made. A new file is built under a temporary name
(migrated, given kinolog's application id) and then linked into place, so a half-made file
never exists. An existing file must carry a kinolog application id of its kind, or be from
a kinolog older than application ids (``user_version`` and kinolog's tables); anything else
is refused before SQLite opens it, and so is a ``-wal`` file that belongs to another
database (:mod:`kinolog.db.headers`). A missing or empty diary with backups is an error, not
a new diary.

Access: ``write`` (commands that change the file), ``read`` (commands that only read: no
write lock is ever waited for, the file is opened read-only, never checkpointed; a missing
file reads as empty) and ``inspect`` (``kinolog doctor``: as ``read``, and it never creates
a ``-wal`` or ``-shm`` file either, nor upgrades the schema).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from kinolog.db.errors import NotADatabase, SchemaTooNew, StoreBusy, StoreError
from kinolog.db.failures import damaged_message, explain_os_error, explain_sqlite_error
from kinolog.db.guard import (
    Migration,
    check_file,
    check_ownership,
    copy_before_change,
    create_file,
    memory_database,
    refuse_missing,
    run_migrations,
    schema_problems,
    touch_page_one,
)
from kinolog.db.headers import has_wal_content, new_application_id
from kinolog.db.locking import WriteLock, wait_seconds

if TYPE_CHECKING:
    import sqlite_utils

Access = Literal["write", "read", "inspect"]

# Above this size the catalogue skips quick_check on open (it reads every page; a
# million-film catalogue must open in about a second). `kinolog doctor` checks it all.
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024
_SQLITE_BUSY_SECONDS = 10.0

# Files this process has open in SQLite, by (device, inode), with how many connections.
# Reading such a file with a second handle and closing it would drop SQLite's POSIX locks
# on it (see https://www.sqlite.org/howtocorrupt.html, 2.2): those files are checked once,
# by their first opener.
_OPEN: dict[tuple[int, int], int] = {}
_OPEN_LOCK = threading.Lock()


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


def _inode(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


class Store:
    """One kinolog SQLite file, checked, opened and (when written) migrated.

    Args:
        path: the database file; created (with its folder) when missing and written.
        name: what to call it in messages and which application id it carries
            ("catalogue", "diary").
        migrations: numbered migrations; migration ``i`` brings ``user_version`` to ``i + 1``.
        synchronous: ``FULL`` for data that must survive a power cut (the diary).
        lock_timeout: seconds to wait for another writer (None: ``$KINOLOG_BUSY_TIMEOUT``).
        access: ``write``, ``read`` or ``inspect`` (see the module).
        precious: a missing or empty file with backups is an error (the diary).
        write_lock: the lock to use (another store's, for a second connection to its file).

    Raises:
        ForeignFile: the file or its ``-wal`` was not made by kinolog (both untouched).
        DiaryMissing: ``precious``, the file is missing or empty, and backups exist.
        NotADatabase: not SQLite, or damaged. SchemaTooNew: from a newer kinolog.
        StoreError: busy, a full or failing disk, no permission (subclasses say which).
    """

    def __init__(
        self,
        path: Path,
        *,
        name: str,
        migrations: Sequence[Migration],
        synchronous: str = "NORMAL",
        lock_timeout: float | None = None,
        access: Access = "write",
        precious: bool = False,
        write_lock: WriteLock | None = None,
    ) -> None:
        self.path = path
        self.name = name
        self.migrations = migrations
        self.access: Access = access
        self.synchronous = synchronous
        self.application_id = 0
        self.in_memory = False
        self.immutable = False
        self._lock = threading.RLock()
        self._inode: tuple[int, int] | None = None
        self.write_lock = write_lock or WriteLock(
            path.with_name(path.name + ".lock"), timeout=lock_timeout
        )
        try:
            self.conn = self._open(precious)
        except sqlite3.Error as error:
            raise self.failure(error) from None
        except OSError as error:
            raise explain_os_error(error, path) from None
        with _OPEN_LOCK:
            self._inode = None if self.in_memory else _inode(path)
            if self._inode is not None:
                _OPEN[self._inode] = _OPEN.get(self._inode, 0) + 1

    @property
    def readonly(self) -> bool:
        """True when this store was opened for reading (its writes use their own connection)."""
        return self.access != "write"

    # -- opening -------------------------------------------------------------------------

    def _open(self, precious: bool) -> sqlite3.Connection:
        path = self.path
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not a {self.name} database")
        header = check_file(path, self.name) if _inode(path) not in _OPEN else None
        if not path.exists() or path.stat().st_size == 0:
            refuse_missing(path, self.name, precious=precious)
            if self.readonly:
                self.in_memory = True
                return memory_database(self.migrations)
            path.parent.mkdir(parents=True, exist_ok=True)
            create_file(path, self.name, self.migrations, self.write_lock)
        # Every check runs on a read-only connection: a file that fails one is closed
        # without SQLite ever writing to it (a writable connection may checkpoint on close).
        # A file without kinolog's application id, or one that doctor inspects, is read
        # frozen (no -wal or -shm made beside it) when no WAL holds data.
        frozen = not has_wal_content(path) and (
            self.access == "inspect" or (header is not None and not header.application_id)
        )
        probe, frozen = self._probe(frozen)
        try:
            check_ownership(probe, path, self.name, self.migrations)
            version = self._version(probe)
            if version > len(self.migrations):
                raise SchemaTooNew(
                    f"{path} was written by a newer kinolog (schema {version}, this kinolog "
                    f"knows {len(self.migrations)}): upgrade kinolog to use it"
                )
            self._check_integrity(probe)
        except BaseException:
            probe.close()
            raise
        if self.access == "write":
            probe.close()
            conn = self._connect(writable=True)
            try:
                self._prepare(conn)
            except BaseException:
                self._close_writable(conn)
                raise
        elif version < len(self.migrations) and self.access == "read":
            probe.close()
            self._upgrade()
            conn = self._connect(writable=False)
        elif frozen and self.access == "read":
            conn, frozen = self._probe(False)  # read a file from an older kinolog as any other
            probe.close()
        else:
            conn = probe
        self.immutable = frozen
        self.application_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        return conn

    def _probe(self, frozen: bool) -> tuple[sqlite3.Connection, bool]:
        """A read-only connection that has read the file, and whether it is frozen.

        Reading a WAL database needs its ``-shm`` file; where that cannot be made (a
        read-only folder, a full disk) and no WAL holds data, the file is read frozen.
        """
        conn = self._connect(writable=False, frozen=frozen)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as error:
            conn.close()
            if frozen or has_wal_content(self.path) or isinstance(self.failure(error), StoreBusy):
                raise
            return self._probe(True)
        return conn, frozen

    def _connect(self, *, writable: bool, frozen: bool = False) -> sqlite3.Connection:
        """A connection to the file: writable, read-only, or read-only and frozen (immutable:
        SQLite reads the file as it is on disk and makes no ``-wal`` or ``-shm`` beside it)."""
        wait = wait_seconds(_SQLITE_BUSY_SECONDS)
        if writable:
            target: str | Path = self.path
        else:
            target = self.path.resolve().as_uri() + "?mode=ro" + ("&immutable=1" if frozen else "")
        conn = sqlite3.connect(
            target, uri=not writable, check_same_thread=False, isolation_level=None, timeout=wait
        )
        try:
            conn.execute(f"PRAGMA busy_timeout={int(wait * 1000)}")
            conn.execute("PRAGMA foreign_keys=ON")
            if writable:
                conn.execute(f"PRAGMA synchronous={self.synchronous}")
        except BaseException:
            conn.close()
            raise
        return conn

    @staticmethod
    def _version(conn: sqlite3.Connection) -> int:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])

    def _prepare(self, conn: sqlite3.Connection) -> None:
        """Bring a file opened for writing into shape: WAL mode, an application id, the
        current schema (backing the file up before migrating). The write lock is taken only
        when one of these has to change."""
        target = len(self.migrations)

        def needed() -> bool:
            mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
            return mode != "wal" or not application_id or self._version(conn) < target

        if not needed() or self._version(conn) > target:
            return
        with self.write_lock.hold():
            if not needed():
                return
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"{self.path}: cannot switch to WAL journal mode (got {mode})")
            if not conn.execute("PRAGMA application_id").fetchone()[0]:
                conn.execute("BEGIN IMMEDIATE")
                touch_page_one(conn, new_application_id(self.name))
                conn.execute("COMMIT")
            version = self._version(conn)
            if version < target:
                if version > 0:
                    copy_before_change(conn, self.path, f"v{version}")
                run_migrations(conn, self.migrations, version)

    def _upgrade(self) -> None:
        """A file of an older schema, opened for reading: upgrade it once (backed up first)."""
        if not os.access(self.path.parent, os.W_OK):
            raise StoreError(
                f"{self.path} has an older schema than this kinolog reads, and cannot be "
                "upgraded where it is (a read-only folder)"
            )
        Store(self.path, name=self.name, migrations=self.migrations, access="write").close()

    def _check_integrity(self, conn: sqlite3.Connection) -> None:
        if self.path.stat().st_size > QUICK_CHECK_MAX_BYTES:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise NotADatabase(damaged_message(self.path, self.name, f"quick_check: {result}"))

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
        with self.read() as conn:
            return self._version(conn)

    # -- use -----------------------------------------------------------------------------

    def failure(self, error: sqlite3.Error) -> Exception:
        """The kinolog error for a SQLite error on this file (or the error itself)."""
        return explain_sqlite_error(error, self.path, self.name, lock=self.write_lock) or error

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """Use the connection for reading, serialised with other threads of this process.

        Never waits for the write lock: readers see the last committed state while
        another process writes.
        """
        with self._lock:
            try:
                yield self.conn
            except sqlite3.Error as error:
                raise self.failure(error) from None

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: all of it is committed, or none of it.

        Holds the process-wide lock and the cross-process write lock, and starts with
        ``BEGIN IMMEDIATE`` so the busy timeout applies from the first statement.
        Nested calls join the outer transaction. A store opened for reading writes through
        a connection of its own, made for the transaction.
        """
        with self._lock:
            if self.conn.in_transaction:
                yield self.conn
                return
            if self.in_memory:  # a file that does not exist, read as empty: scratch space
                self.conn.execute("BEGIN")
                try:
                    yield self.conn
                except BaseException:
                    self.conn.execute("ROLLBACK")
                    raise
                self.conn.execute("COMMIT")
                return
            try:
                with self.write_lock.hold(), self._writer() as conn:
                    conn.execute("BEGIN IMMEDIATE")
                    try:
                        yield conn
                    except BaseException:
                        if conn.in_transaction:
                            conn.execute("ROLLBACK")
                        raise
                    touch_page_one(conn, self.application_id)
                    conn.execute("COMMIT")
            except sqlite3.Error as error:
                raise self.failure(error) from None

    @contextmanager
    def _writer(self) -> Iterator[sqlite3.Connection]:
        if not self.readonly:
            yield self.conn
            return
        writer = Store(
            self.path,
            name=self.name,
            migrations=self.migrations,
            access="write",
            write_lock=self.write_lock,
        )
        try:
            yield writer.conn
        finally:
            writer.close()

    def schema_problems(self) -> list[str]:
        """How this file's tables differ from a fresh file at the same schema version
        (:func:`kinolog.db.guard.schema_problems`); empty when it has the schema its
        version promises."""
        with self.read():
            return schema_problems(self.db, self.migrations[: self._version(self.conn)])

    def integrity_check(self) -> str:
        """Run the full ``PRAGMA integrity_check``; ``"ok"`` when the file is sound."""
        with self.read() as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        return "; ".join(str(row[0]) for row in rows)

    def close(self) -> None:
        """Close the connection, never waiting.

        Closing the last connection checkpoints the WAL, which must not happen while
        another process writes (:mod:`kinolog.db.locking`): a writable connection closes
        holding the write lock when it is free, and otherwise without checkpointing (the
        next closer does it). One opened for reading never checkpoints.
        """
        with self._lock:
            with _OPEN_LOCK:
                if self._inode is not None and self._inode in _OPEN:
                    _OPEN[self._inode] -= 1
                    if not _OPEN[self._inode]:
                        del _OPEN[self._inode]
                self._inode = None
            if self.readonly:
                self.conn.close()
            else:
                self._close_writable(self.conn)

    def _close_writable(self, conn: sqlite3.Connection) -> None:
        with self.write_lock.try_hold() as held:
            if held:
                conn.close()
                return
        # Someone else writes: keep a read-only connection open while this one closes.
        # SQLite checkpoints on close only when no other connection has the file open.
        try:
            guard: sqlite3.Connection | None = sqlite3.connect(
                self.path.resolve().as_uri() + "?mode=ro", uri=True
            )
            assert guard is not None
            guard.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error:
            guard = None
        try:
            conn.close()
        finally:
            if guard is not None:
                guard.close()
