"""A cross-process, cross-thread write lock kept in a file beside each database.

SQLite 3.7.0-3.51.2 has a rare WAL corruption race when connections in two processes
write or checkpoint at the same instant. kinolog never lets that happen: every write
transaction and every close (which may checkpoint) holds this lock, so at most one
connection in all kinolog processes writes to a file at a time. The operating system
drops the lock when a process dies, even by SIGKILL.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kinolog.db.errors import StoreBusy

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


class WriteLock:
    """An exclusive lock on ``<database>.lock``, re-entrant within one process."""

    def __init__(self, path: Path, timeout: float = 60.0) -> None:
        self.path = path
        self.timeout = timeout
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._fd: int | None = None

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Hold the lock for the duration of the block.

        Raises:
            StoreBusy: when another process kept it longer than ``timeout`` seconds.
        """
        with self._thread_lock:
            if self._depth == 0:
                self._acquire()
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._release()

    def _acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.timeout
        delay = 0.002
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                os.close(fd)
                raise StoreBusy(
                    f"{self.path.with_suffix('').name} is busy: another kinolog process is "
                    "writing to it; try again when it has finished"
                )
            time.sleep(delay)
            delay = min(delay * 2, 0.05)
        self._fd = fd

    def _release(self) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None
