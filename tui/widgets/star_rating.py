"""Stars for a 1-10 half-star rating, changed by keys or clicks."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from kinolog.db.ratings import stars

EMPTY_STAR = "☆"


def star_text(rating: int | None) -> Text:
    """Five stars (filled, half, empty) and the value: ``★★★½☆  7/10``."""
    shown = stars(rating)
    empty = 5 - (rating or 0) // 2 - (rating or 0) % 2
    label = f"  {rating}/10" if rating else "  no rating"
    return Text.assemble((shown, "bold"), (EMPTY_STAR * empty, "dim"), (label, "dim"))


class StarRating(Static, can_focus=True):
    """Shows a rating (``value``, 1-10 or None) as stars; the parent changes ``value``."""

    value: reactive[int | None] = reactive(None)

    def render(self) -> Text:
        """The stars."""
        return star_text(self.value)
