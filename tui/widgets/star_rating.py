"""Stars for a 1-10 half-star rating, changed by keys or clicks."""

from __future__ import annotations

from rich.text import Text
from textual import events
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
    """Shows a rating (``value``, 1-10 or None) as stars; a digit typed while it has focus
    sets it (0 means 10: five stars), its parent changes it otherwise."""

    value: reactive[int | None] = reactive(None)

    def on_key(self, event: events.Key) -> None:
        """Digits rate here, in the order typed (a dialog's Enter may follow in a burst)."""
        if event.character and event.character.isdecimal() and event.character.isascii():
            self.value = int(event.character) or 10
            event.stop()

    def render(self) -> Text:
        """The stars."""
        return star_text(self.value)
