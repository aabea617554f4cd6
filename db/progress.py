"""How long-running data work reports progress without knowing about any UI.

Importers call a :class:`Progress`; the CLI passes one that draws progress bars on a
terminal, tests and the app pass their own (or :data:`SILENT`).
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """Receives progress of one task at a time (a file being imported, say)."""

    def start(self, label: str, total: int | None) -> None:
        """A task begins; ``total`` units of work (bytes, files), or None when unknown."""

    def advance(self, amount: int) -> None:
        """``amount`` more units are done."""

    def finish(self) -> None:
        """The current task is done."""

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

    def finish(self) -> None:
        """Ignored."""

    def problem(self, message: str) -> None:
        """Kept in :attr:`problems`."""
        self.problems.append(message)


SILENT = SilentProgress()
