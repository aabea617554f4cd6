"""The reader: one review at a comfortable, centred width, with find in text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Header, Input, Static

from kinolog.db.models import Film, FilmRef, Review
from kinolog.db.text import visible
from kinolog.tui.screens.base import KinologScreen
from kinolog.tui.widgets.review_view import ReviewView
from kinolog.tui.widgets.search_box import InOrderInput


class ReaderScreen(KinologScreen):
    """Read the reviews of one film, one at a time.

    ``/`` finds in the text (every hit highlighted), ``n``/``N`` go to the next/previous
    hit, ``]``/``[`` to the next/previous review, Space/PgDn page down.

    Args:
        film: the film the reviews are about.
        reviews: the film's reviews.
        index: the review to show first.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash,ctrl+f", "find", "Find", id="reader.find"),
        Binding("n", "next_hit(1)", "Next hit", show=False, id="reader.next_hit"),
        Binding("N,shift+n", "next_hit(-1)", "Previous hit", show=False, id="reader.previous_hit"),
        Binding("right_square_bracket", "review(1)", "Next review", id="reader.next_review"),
        Binding(
            "left_square_bracket",
            "review(-1)",
            "Prev review",
            show=False,
            id="reader.previous_review",
        ),
        Binding("c", "compare", "Compare", id="reader.compare"),
    ]

    def film_to_rate(self) -> FilmRef | None:
        """The film of the review being read."""
        return FilmRef.of(self.film) if self.film else None

    def __init__(self, film: Film | None, reviews: Sequence[Review], index: int = 0) -> None:
        super().__init__()
        self.film = film
        self.reviews = list(reviews)
        self.index = max(0, min(index, len(self.reviews) - 1))

    def compose(self) -> ComposeResult:
        """Header, the review, the find box (hidden until ``/``), status line, footer."""
        yield Header()
        yield ReviewView(width=self.kapp.settings.reader_width, with_film=False, id="reader-view")
        yield InOrderInput(placeholder="Find in text (Enter: done, Esc: close)", id="find-input")
        yield Static("", markup=False, id="reader-status")
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        """Show the first review and give its text focus."""
        self.query_one("#find-input", Input).display = False
        await self._show()

    @property
    def view(self) -> ReviewView:
        """The review view."""
        return self.query_one("#reader-view", ReviewView)

    async def _show(self) -> None:
        review = self.reviews[self.index] if self.reviews else None
        await self.view.show(review, self.film)
        self.title = visible(self.film.label) if self.film else "Review"
        self.sub_title = f"review {self.index + 1} of {len(self.reviews)}"
        self._status("")
        needle = self.query_one("#find-input", Input).value
        if needle and self.query_one("#find-input", Input).display:
            self.view.find(needle)
        self.view.body.focus()

    def _status(self, text: str) -> None:
        self.query_one("#reader-status", Static).update(text)

    def action_find(self) -> None:
        """Open the find box (its text selected, so typing replaces it)."""
        box = self.query_one("#find-input", Input)
        box.display = True
        box.focus()
        box.select_all()

    @on(Input.Changed, "#find-input")
    def _find_changed(self, event: Input.Changed) -> None:
        count = self.view.find(event.value)
        if event.value:
            self._status(
                f"{count} hit{'s' * (count != 1)} for {event.value!r}"
                if count
                else f"no hit for {event.value!r}"
            )
        else:
            self._status("")

    @on(Input.Submitted, "#find-input")
    def _find_done(self) -> None:
        # Keep the highlights; give the keys back to the text so n/N work.
        self.view.body.focus()

    def action_next_hit(self, step: int) -> None:
        """Go to the next or previous hit of the last find."""
        number, count = self.view.next_hit(step)
        if count:
            self._status(f"hit {number} of {count}")
        else:
            self._status("nothing to find: press / first")

    async def action_review(self, step: int) -> None:
        """Show the next or previous review of the film."""
        if not self.reviews:
            return
        new = self.index + step
        if not 0 <= new < len(self.reviews):
            self.notify("No more reviews of this film in that direction.")
            return
        self.index = new
        await self._show()

    def action_compare(self) -> None:
        """Compare this review with another."""
        if self.film is not None:
            self.kapp.compare_film(self.film, self.reviews, self.index)

    def action_back(self) -> None:
        """Escape (or ``q``): close the find box first, then go back."""
        box = self.query_one("#find-input", Input)
        if box.display:
            box.display = False
            box.value = ""
            self.view.body.focus()
            return
        super().action_back()
