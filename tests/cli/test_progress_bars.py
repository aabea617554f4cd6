"""The progress bars on a terminal: one readable line at 80 and 100 columns."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from kinolog.tui.cli.progress import TerminalProgress, short


def test_counts_are_short_beside_a_bar() -> None:
    assert [short(n) for n in (7, 9_999, 123_456, 18_215_297)] == [
        "7",
        "9,999",
        "123.5k",
        "18.2M",
    ]


@pytest.mark.parametrize("width", [80, 100])
def test_a_bar_keeps_its_figures_on_a_narrow_terminal(width: int) -> None:
    progress = TerminalProgress(unit="bytes")
    progress.enabled = True
    progress.start("title.principals (title.principals.tsv.gz)", 2_308_000_000)
    progress.count(18_215_297, 10_065_054)
    progress.advance(1_000_000_000)
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, legacy_windows=False)
    console.print(progress._bars.make_tasks_table(progress._bars.tasks))
    (line,) = out.getvalue().splitlines()
    assert "18.2M read, 10.1M kept" in line
    assert "0:00:0" in line and "…" in line  # the name is cut, the times are whole
    assert len(line) <= width
