"""Horizontal bar charts that fit any width, with eighth-cell precision."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from kinolog.db.text import visible

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: float, top: float, width: int) -> str:
    """A bar of ``value / top`` of ``width`` cells, drawn in eighths of a cell."""
    if top <= 0 or width <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / top * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


class BarChart(Widget):
    """One labelled bar per row, scaled to the largest value, the value beside each bar.

    Labels may be untrusted (director names): they are shown literally.
    """

    DEFAULT_CSS = """
    BarChart {
        height: auto;
        color: $accent;
    }
    """

    rows: reactive[tuple[tuple[str, float, str], ...]] = reactive((), layout=True)
    """(label, value, value as shown) for each bar."""

    def set_data(self, rows: Sequence[tuple[str, float]], fmt: str = "{:g}") -> None:
        """Show these (label, value) rows; ``fmt`` formats the value beside each bar."""
        self.rows = tuple((label, value, fmt.format(value)) for label, value in rows)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        """One line per row (one for the empty chart)."""
        return max(1, len(self.rows))

    def render(self) -> Text:
        """The bars at the widget's current width."""
        if not self.rows:
            return Text("no data", style="dim")
        label_width = min(max(cell_len(visible(label)) for label, _, _ in self.rows), 24)
        value_width = max(len(shown) for _, _, shown in self.rows)
        bar_width = max(1, self.size.width - label_width - value_width - 2)
        top = max(value for _, value, _ in self.rows)
        text = Text(no_wrap=True, overflow="ellipsis")
        for index, (label, value, shown) in enumerate(self.rows):
            if index:
                text.append("\n")
            name = visible(label)
            while cell_len(name) > label_width:
                name = name[:-2] + "…"
            text.append(" " * (label_width - cell_len(name)) + name + " ", style="")
            drawn = bar(value, top, bar_width - 1)
            text.append(drawn)
            text.append(" " + shown, style="bold")
        return text
