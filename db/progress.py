"""How long-running data work reports progress without knowing about any UI.

Importers call a :class:`Progress`; the CLI passes one that draws progress bars on a
terminal, tests and the app pass their own (or :data:`SILENT`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

HEARTBEAT_STEPS = 200_000
"""SQLite virtual-machine steps between two heartbeats during a long statement."""


class Progress(Protocol):
    """Receives progress of one task at a time (a file being imported, say)."""

    def start(self, label: str, total: int | None) -> None:
        """A task begins; ``total`` units of work (bytes, files), or None when unknown."""

    def advance(self, amount: int) -> None:
        """``amount`` more units are done (0: no visible progress, but still working)."""

    def count(self, read: int, kept: int) -> None:
        """Rows read and rows kept so far in the current task (for tasks that filter rows)."""

    def note(self, message: str) -> None:
        """A step of the current task begins (``writing to the catalogue``); one line."""

    def finish(self, failed: bool = False) -> None:
        """The current task is done (or, ``failed``, stopped: its error is told apart)."""

    def problem(self, message: str) -> None:
        """Report a one-line problem (a bad row, a refused file); the work goes on."""


class SilentProgress:
    """A :class:`Progress` that reports nothing and keeps the problems it was told."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def start(self, label: str, total: int | None) -> None:
        """Ignored."""

    def advance(self, amount: int) -> None:
        """Ignored."""

    def count(self, read: int, kept: int) -> None:
        """Ignored."""

    def note(self, message: str) -> None:
        """Ignored."""

    def finish(self, failed: bool = False) -> None:
        """Ignored."""

    def problem(self, message: str) -> None:
        """Kept in :attr:`problems`."""
        self.problems.append(message)


SILENT = SilentProgress()


@contextmanager
def sqlite_heartbeat(conn: sqlite3.Connection, progress: Progress) -> Iterator[None]:
    """During long statements: tell ``progress`` the work is alive, and hear Ctrl-C.

    SQLite calls a handler every :data:`HEARTBEAT_STEPS` steps, which calls
    ``progress.advance(0)``. A KeyboardInterrupt raised inside it would be swallowed by the
    sqlite3 module (the statement just fails as "interrupted"), so the handler notes it,
    stops the statement, and it is raised again here.
    """
    interrupted = False

    def beat() -> int:
        nonlocal interrupted
        try:
            progress.advance(0)
        except KeyboardInterrupt:
            interrupted = True
            return 1
        return 0

    conn.set_progress_handler(beat, HEARTBEAT_STEPS)
    try:
        yield
    except sqlite3.OperationalError:
        if interrupted:
            raise KeyboardInterrupt from None
        raise
    finally:
        conn.set_progress_handler(None, 0)
    if interrupted:
        raise KeyboardInterrupt
