"""The rating dialog: stars and a watched date, saved as a diary viewing by the caller."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from db.diary import parse_watched
from db.errors import InvalidValue
from db.models import Film
from db.text import visible
from tui.widgets.labels import literal
from tui.widgets.star_rating import StarRating


@dataclass(frozen=True)
class RateResult:
    """What the user chose: a rating (1-10, None for a viewing without one) and a date."""

    rating: int | None
    watched: str | None


class RateModal(ModalScreen[RateResult | None]):
    """Rate a film: 1-9 and 0 (=10) set half stars, Left/Right step, ``-`` clears.

    The watched date defaults to today; Enter saves, Escape cancels. The result goes back
    through ``dismiss``; the caller writes the diary.

    Args:
        film: the film being rated.
        rating: the rating to start from (the current one).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="rate.cancel"),
        Binding("enter", "save", "Save", id="rate.save", priority=True),
        Binding("left", "step(-1)", "½ star less", id="rate.less", priority=True),
        Binding("right", "step(1)", "½ star more", id="rate.more", priority=True),
        Binding("minus", "clear", "No rating", id="rate.clear"),
    ]

    def __init__(self, film: Film, rating: int | None = None) -> None:
        super().__init__()
        self.film = film
        self.start_rating = rating

    def compose(self) -> ComposeResult:
        """Title, stars, date box and a hint line."""
        with Vertical(id="rate-dialog"):
            title = Text("Rate ", style="bold")
            title.append_text(literal(self.film.label))
            yield Static(title, markup=False, id="rate-title")
            rating = StarRating(id="rate-stars")
            rating.value = self.start_rating
            yield rating
            yield Label("Watched (YYYY-MM-DD, empty: unknown)")
            yield Input(date.today().isoformat(), id="rate-date")
            yield Static(
                "1-9, 0 = ½-5 stars · ←/→ ½ star · - none · Enter save · Esc cancel",
                markup=False,
                id="rate-hint",
            )

    def on_mount(self) -> None:
        """Focus the stars (the date box takes digits otherwise)."""
        self.query_one("#rate-stars", StarRating).focus()

    @property
    def stars(self) -> StarRating:
        """The star widget."""
        return self.query_one("#rate-stars", StarRating)

    def on_key(self, event: events.Key) -> None:
        """Digits set the rating while the stars have focus (0 means 10 = five stars)."""
        if self.focused is self.stars and event.character and event.character.isdigit():
            self.stars.value = int(event.character) or 10
            event.stop()

    def action_step(self, step: int) -> None:
        """Half a star more or less."""
        if isinstance(self.focused, Input):
            input_box = self.focused
            input_box.cursor_position = max(0, input_box.cursor_position + step)
            return
        current = self.stars.value or (0 if step > 0 else 11)
        self.stars.value = max(1, min(10, current + step))

    def action_clear(self) -> None:
        """A viewing without a rating."""
        self.stars.value = None

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)

    @on(Input.Submitted, "#rate-date")
    def _date_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        """Check the date and return the result."""
        text = self.query_one("#rate-date", Input).value
        try:
            watched = parse_watched(text) if text.strip() else None
        except InvalidValue as error:
            self.notify(visible(str(error)), severity="error", markup=False)
            return
        self.dismiss(RateResult(self.stars.value, watched))
