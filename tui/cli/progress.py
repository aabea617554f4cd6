"""Progress for the command line: bars on a terminal, plain lines when output is redirected.

A long import is never silent: on a terminal each task has a bar with its rows read and
kept, rate and time left; otherwise (a log file, a pipe, cron) each task gets a line when it
starts and when it ends, each step a line, and at least one line every
:data:`LINE_EVERY` seconds in between with the rows read, the rows kept and the time spent.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TextIO

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
from rich.table import Column
from rich.text import Text

# Each message is one line: a newline in a file name must not start another.
from kinolog.db.text import visible_line as visible

LINE_EVERY = 30.0
"""Seconds between two status lines when the output is not a terminal."""


def clock(seconds: float) -> str:
    """``0:01:05`` for 65 seconds."""
    whole = int(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def short(number: int) -> str:
    """A count in at most six characters: ``9,999``, ``123.4k``, ``18.2M``."""
    if number < 10_000:
        return f"{number:,}"
    if number < 1_000_000:
        return f"{number / 1_000:.1f}k"
    return f"{number / 1_000_000:.1f}M"


class TerminalProgress:
    """A :class:`kinolog.db.progress.Progress` for the command line (see the module docs).

    Problems are printed as one line each on standard error, above the bars.

    Args:
        unit: ``bytes`` (a transfer rate) or ``items`` (a count).
        every: seconds between status lines without a terminal.
        stream: where lines go without a terminal (standard error by default).
    """

    def __init__(
        self, *, unit: str = "items", every: float = LINE_EVERY, stream: TextIO | None = None
    ) -> None:
        self.console = Console(stderr=True, highlight=False)
        self.enabled = self.console.is_terminal
        self.every = every
        self.stream = stream
        self.unit = unit
        # One line of at most about 100 columns: a long file name is cut (with an ellipsis)
        # and the rows are counted short (18.2M), so the bar and the times keep their width.
        columns = [
            TextColumn(
                "{task.description}",
                markup=False,
                table_column=Column(max_width=30, no_wrap=True, overflow="ellipsis"),
            ),
            BarColumn(bar_width=16),
            TextColumn("{task.fields[rows]}", markup=False),
            TransferSpeedColumn() if unit == "bytes" else MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
        ]
        self._bars = Progress(*columns, console=self.console, transient=False)
        self._task: TaskID | None = None
        self.problem_count = 0
        self.label = ""
        self.step = ""
        self.total: int | None = None
        self.done = 0
        self.read = self.kept = 0
        self.started = self.last_line = time.monotonic()
        self.background = ""  # the last step that belongs to no task (see note)
        self.background_since = self.started

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

    def _line(self, text: str) -> None:
        print(visible(text), file=self.stream or sys.stderr, flush=True)
        self.last_line = time.monotonic()

    def _rows(self) -> str:
        return f"{self.read:,} rows read, {self.kept:,} kept" if self.read else ""

    def start(self, label: str, total: int | None) -> None:
        """A new task: a bar, or a line."""
        self.label, self.total, self.step = label, total, ""
        self.done = self.read = self.kept = 0
        self.started = time.monotonic()
        if self.enabled:
            self._task = self._bars.add_task(visible(label), total=total, rows="")
        else:
            size = f" ({total / 1e6:,.0f} MB)" if total and self.unit == "bytes" else ""
            self._line(f"{label}: started{size}")

    def advance(self, amount: int) -> None:
        """Move the current bar on; without a terminal, a status line now and then."""
        self.done += amount
        if self.enabled:
            if self._task is not None and amount:
                self._bars.advance(self._task, amount)
        elif time.monotonic() - self.last_line >= self.every:
            self._status()

    def _status(self) -> None:
        if not self.label and self.background:  # only a step of no task is under way
            since = clock(time.monotonic() - self.background_since)
            self._line(f"{self.background} ({since} elapsed)")
            return
        parts = [self._rows()] if self.read else []
        if self.step:
            parts.append(self.step)
        elif self.total:
            parts.append(f"{min(100, 100 * self.done // self.total)} % of the file")
        parts.append(f"{clock(time.monotonic() - self.started)} elapsed")
        if self.background:
            parts.append(self.background)
        self._line(f"{self.label or 'working'}: " + ", ".join(part for part in parts if part))

    def count(self, read: int, kept: int) -> None:
        """Rows read and kept so far (shown beside the bar, or in the next status line)."""
        self.read, self.kept = read, kept
        if self.enabled and self._task is not None:
            self._bars.update(self._task, rows=f"{short(read)} read, {short(kept)} kept")

    def note(self, message: str) -> None:
        """A step begins: of the current task (its bar's label says it), or of work beside
        it (writing one file while the next is read): a line of its own, also named by the
        status lines until the next such step."""
        head, _, step = message.rpartition(": ")
        if self.label and head and self.label.split(" (")[0] == head:
            self.step = step
            if self.enabled and self._task is not None:
                self._bars.update(self._task, description=visible(message))
            elif not self.enabled:
                self._line(f"{message} ({clock(time.monotonic() - self.started)} elapsed)")
            return
        self.background, self.background_since = message, time.monotonic()
        if self.enabled:
            self.console.print(Text(visible(message)), soft_wrap=True)
        else:
            self._line(message)

    def finish(self, failed: bool = False) -> None:
        """Complete the current bar, or print the task's closing line (a failed task's bar
        stays where it stopped; its line says ``stopped``)."""
        if self.enabled:
            if self._task is not None and not failed:
                task = self._bars.tasks[-1]
                self._bars.update(self._task, completed=task.total or task.completed)
        elif self.label:
            rows = self._rows()
            self._line(
                f"{self.label}: {'stopped' if failed else 'done'}{': ' + rows if rows else ''}"
                f" in {clock(time.monotonic() - self.started)}"
            )
        self._task, self.label, self.step = None, "", ""

    def problem(self, message: str) -> None:
        """Print one problem line on standard error."""
        self.problem_count += 1
        if self.enabled:
            self.console.print(Text(visible(message)), soft_wrap=True)
        else:
            print(visible(message), file=sys.stderr)
