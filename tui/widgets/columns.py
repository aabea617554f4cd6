"""Fitting a table's columns to its width: the least important go first, cuts are marked."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

CELL_PADDING = 2  # a DataTable cell's padding, left and right
SCROLL_BAR = 2


def fit_columns(
    total: int,
    limits: Sequence[tuple[int, int]],
    *,
    drop: Sequence[int] = (),
    grow: Sequence[int] = (),
) -> list[int]:
    """Column widths (0: left out) for a DataTable ``total`` cells wide.

    Args:
        total: the table's width, scroll bar included.
        limits: each column's (least, most) width.
        drop: the columns to leave out, in this order, while the least widths do not fit.
        grow: the order in which columns widen towards their most with the room left.
    """
    room = total - SCROLL_BAR - CELL_PADDING * len(limits)
    widths = [least for least, _ in limits]
    for number in drop:
        if sum(widths) <= room:
            break
        widths[number] = 0
        room += CELL_PADDING
    spare = room - sum(widths)
    for number in grow:
        if widths[number] and spare > 0:
            step = min(spare, limits[number][1] - widths[number])
            widths[number] += step
            spare -= step
    return widths


def fit(cell: Text, width: int) -> Text:
    """A cell cut to its column's width, an ellipsis marking the cut."""
    cell = cell.copy()
    cell.truncate(width, overflow="ellipsis")
    return cell
