"""Viewings per month as columns that start at zero, with the months written below."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

_EIGHTHS = " ▁▂▃▄▅▆▇█"
_INITIALS = "JFMAMJJASOND"


def columns(counts: Sequence[int], top: int, rows: int) -> list[str]:
    """Each count as a column of ``rows`` cells, from the bottom, in eighths of a cell.

    Columns start at zero: a count of 1 beside a 3 is a third of the height, a count of 0
    is empty, and nothing at all is drawn when every count is 0.
    """
    drawn = []
    for count in counts:
        if count <= 0 or top <= 0:
            drawn.append(" " * rows)
            continue
        eighths = max(1, round(count / top * rows * 8))
        full, part = divmod(eighths, 8)
        column = "█" * full + (_EIGHTHS[part] if part else "")
        drawn.append(column.ljust(rows))  # bottom first
    return drawn


def group(months: Sequence[tuple[str, int]], width: int) -> list[tuple[str, int]]:
    """Months summed into quarters, then years, until one column per group fits ``width``."""
    if len(months) <= width:
        return list(months)
    quarters: dict[str, int] = {}
    for month, count in months:
        key = f"{month[:4]}-Q{(int(month[5:7]) - 1) // 3 + 1}"
        quarters[key] = quarters.get(key, 0) + count
    if len(quarters) <= width:
        return list(quarters.items())
    years: dict[str, int] = {}
    for month, count in months:
        years[month[:4]] = years.get(month[:4], 0) + count
    return list(years.items())


class MonthChart(Widget):
    """Viewings per month (``YYYY-MM`` -> count): one column per month, zero at the bottom.

    Months are summed into quarters or years when there are more of them than the widget
    has columns. The last line names the months (initials) or the years.
    """

    DEFAULT_CSS = """
    MonthChart {
        height: 6;
        color: $accent;
    }
    MonthChart > .month-chart--axis {
        color: $text-muted;
    }
    """
    COMPONENT_CLASSES = {"month-chart--axis"}  # noqa: RUF012 (Textual's convention)

    months: reactive[tuple[tuple[str, int], ...]] = reactive(())
    """(``YYYY-MM``, viewings) in order."""

    def render(self) -> Text:
        """The columns at the widget's current size, the axis below."""
        if not any(count for _, count in self.months):
            return Text("no dated viewings", style="dim")
        width, rows = max(1, self.size.width), max(1, self.size.height - 1)
        shown = group(self.months, max(1, width // 2))
        step = max(1, min(4, width // len(shown)))
        bar = max(1, step - 1)
        top = max(count for _, count in shown)
        drawn = columns([count for _, count in shown], top, rows)
        text = Text(no_wrap=True, overflow="crop")
        for line in range(rows - 1, -1, -1):
            for column in drawn:
                text.append(column[line] * bar + " " * (step - bar))
            text.append("\n")
        axis = self.get_component_rich_style("month-chart--axis")
        text.append(axis_line([name for name, _ in shown], step)[:width], style=axis)
        return text


def axis_line(names: Sequence[str], step: int) -> str:
    """The labels under the columns: month initials, ``Q1``.., or years, each where its
    column starts, left out where the one before would overlap it."""
    line = [" "] * (len(names) * step)
    free = 0
    for index, name in enumerate(names):
        if len(name) == 7:  # YYYY-MM
            label = _INITIALS[int(name[5:7]) - 1]
        elif "-Q" in name:
            label = name[:4] if name.endswith("Q1") else name[-2:]
        else:
            label = name
        start = index * step
        if start >= free and start + len(label) <= len(line) + len(label):
            for offset, char in enumerate(label):
                if start + offset < len(line):
                    line[start + offset] = char
            free = start + len(label) + 1
    return "".join(line).rstrip()
