"""A cross-process, cross-thread write lock kept in a file beside each database.

SQLite 3.7.0-3.51.2 has a rare WAL corruption race when connections in two processes
write or checkpoint at the same instant. kinolog never lets that happen: every write
transaction and every close (which may checkpoint) holds this lock, so at most one
connection in all kinolog processes writes to a file at a time. The operating system
drops the lock when a process dies, even by SIGKILL.

The holder writes who it is into the lock file (``pid 1234: kinolog import imdb``), so that
a process kept waiting can say what it waits for.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kinolog.db.errors import StoreBusy

__all__ = ["WAIT_ENV", "WriteLock", "set_holder", "set_waiting_notice", "wait_seconds"]

WAIT_ENV = "KINOLOG_BUSY_TIMEOUT"
_DEFAULT_WAIT = 30.0
_NOTICE_AFTER = 1.0

# What this process calls itself in lock files, and who hears that it is waiting.
_holder = "kinolog"
_notice: Callable[[str], None] | None = None

try:  # POSIX
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

except ImportError:  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]


def wait_seconds(default: float = _DEFAULT_WAIT) -> float:
    """Seconds kinolog waits for a busy file: ``$KINOLOG_BUSY_TIMEOUT``, else ``default``."""
    try:
        return max(0.0, float(os.environ[WAIT_ENV]))
    except (KeyError, ValueError):
        return default


def set_holder(description: str) -> None:
    """Name this process in the lock files it holds (``kinolog import imdb``, ``the app``)."""
    global _holder
    _holder = " ".join(description.split())[:80] or "kinolog"


def set_waiting_notice(notice: Callable[[str], None] | None) -> None:
    """Have ``notice`` told (once per wait, after a second) whom a write is waiting for."""
    global _notice
    _notice = notice


class WriteLock:
    """An exclusive lock on ``<database>.lock``, re-entrant within one process.

    Args:
        path: the lock file (created when missing).
        timeout: seconds to wait for another process (None: ``$KINOLOG_BUSY_TIMEOUT``, else 30).
    """

    def __init__(self, path: Path, timeout: float | None = None) -> None:
        self.path = path
        self.timeout = wait_seconds() if timeout is None else timeout
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._fd: int | None = None

    @contextmanager
    def hold(self, *, timeout: float | None = None) -> Iterator[None]:
        """Hold the lock for the duration of the block.

        Args:
            timeout: seconds to wait, instead of the lock's own; ``float("inf")``: no limit.

        Raises:
            StoreBusy: when another process kept it longer than that.
        """
        with self._thread_lock:
            if self._depth == 0:
                self._acquire(self.timeout if timeout is None else timeout)
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._release()

    @contextmanager
    def try_hold(self) -> Iterator[bool]:
        """Hold the lock for the block if no one else holds it now; yields whether it does.

        Never waits (for tidying up that can just as well happen next time). A lock file
        that cannot be created (a read-only folder) counts as held by someone else.
        """
        with self._thread_lock:
            if self._depth == 0:
                try:
                    self._acquire(0.0, quiet=True)
                except (StoreBusy, OSError):
                    yield False
                    return
            self._depth += 1
            try:
                yield True
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._release()

    def holder(self) -> str | None:
        """Who holds the lock now (``pid 1234: kinolog import imdb``), or None when it is free."""
        with self._thread_lock:
            if self._depth:
                return f"pid {os.getpid()}: {_holder}"
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError:
            return None
        try:
            if _try_lock(fd):
                _unlock(fd)
                return None
            return os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another kinolog"
        finally:
            os.close(fd)

    def _acquire(self, timeout: float, *, quiet: bool = False) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        started = time.monotonic()
        delay = 0.002
        told = quiet
        while not _try_lock(fd):
            waited = time.monotonic() - started
            if waited >= timeout:
                holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
                os.close(fd)
                raise StoreBusy(busy_message(self.path, holder or "another kinolog process"))
            if not told and waited > _NOTICE_AFTER and _notice is not None:
                holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
                _notice(f"waiting for {holder or 'another kinolog process'} to finish writing"
                        f" {self.path.name.removesuffix('.lock')} ...")  # fmt: skip
                told = True
            time.sleep(delay)
            delay = min(delay * 2, 0.05)
        self._fd = fd
        try:  # say who holds it; the lock works whether or not this succeeds
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"pid {os.getpid()}: {_holder}\n".encode(), 0)
        except OSError:
            pass

    def _release(self) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None


def busy_message(lock_path: Path, holder: str | None) -> str:
    """The one line for a file that stayed busy: who holds it and what to do.

    Args:
        lock_path: the database's lock file.
        holder: what the lock file says (``pid 1234: kinolog import imdb``); None when no
            kinolog process holds it (then another program locked the database itself).
    """
    name = lock_path.name.removesuffix(".lock")
    if holder is None:
        return (
            f"{name} is busy: another program (not kinolog) has locked it, such as a database "
            "tool, a sync or a backup program; try again when it has let go"
        )
    return f"{name} is busy: {holder} is writing to it; try again when it has finished"
