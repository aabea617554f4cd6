"""Progress bars for the command line (only on a terminal; plain lines otherwise)."""

from __future__ import annotations

import sys
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.text import Text

from kinolog.db.text import visible


class TerminalProgress:
    """A :class:`kinolog.db.progress.Progress` drawing one bar per task, with rate and ETA.

    Problems are printed as one line each on standard error, above the bars.

    Args:
        unit: ``bytes`` (a transfer rate) or ``items`` (a count).
    """

    def __init__(self, *, unit: str = "items") -> None:
        self.console = Console(stderr=True, highlight=False)
        self.enabled = self.console.is_terminal
        columns = [
            TextColumn("{task.description}", markup=False),
            BarColumn(),
            TransferSpeedColumn() if unit == "bytes" else MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
        ]
        self._bars = Progress(*columns, console=self.console, transient=False)
        self._task: TaskID | None = None
        self.problem_count = 0

    def __enter__(self) -> TerminalProgress:
        if self.enabled:
            self._bars.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.enabled:
            self._bars.stop()

    def start(self, label: str, total: int | None) -> None:
        """Add a bar for a new task."""
        if self.enabled:
            self._task = self._bars.add_task(visible(label), total=total)

    def advance(self, amount: int) -> None:
        """Move the current bar on."""
        if self.enabled and self._task is not None:
            self._bars.advance(self._task, amount)

    def finish(self) -> None:
        """Complete the current bar."""
        if self.enabled and self._task is not None:
            task = self._bars.tasks[-1]
            self._bars.update(self._task, completed=task.total or task.completed)
            self._task = None

    def problem(self, message: str) -> None:
        """Print one problem line on standard error."""
        self.problem_count += 1
        if self.enabled:
            self.console.print(Text(visible(message)), soft_wrap=True)
        else:
            print(visible(message), file=sys.stderr)
