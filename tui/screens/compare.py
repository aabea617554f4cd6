"""Two reviews side by side, each with its own header and scrolling."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.widgets import Footer, Header

from kinolog.db.models import Film, FilmRef, Review
from kinolog.tui.dialogs.review_picker import ReviewPickerModal
from kinolog.tui.screens.base import KinologScreen
from kinolog.tui.widgets.review_view import ReviewBody, ReviewHeader, ReviewView

NARROW_BELOW = 100  # columns: below this the panes stack (the screen has class -narrow)
Pane = tuple[Review, Film | None] | None


class CompareScreen(KinologScreen):
    """Compare two reviews: ``s`` syncs scrolling, ``x`` swaps, Tab moves focus, ``o`` (or a
    click on a pane's header) picks another review for that pane.

    Under 100 columns the panes stack, one above the other; the text reflows with the panes.
    The pane with the focus is marked (its header highlighted and underlined). With
    synchronised scrolling on, the other pane first moves to the same relative position,
    then makes every move the focused one makes: a line is a line in both, a page a page,
    and Home and End take both to their ends (a short review no longer drags a long one
    by paragraphs, and both always reach their ends).

    Args:
        left: the first review and its film (None: the picker opens for it).
        right: the second review and its film (None: the picker opens for it).
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-wide")]  # noqa: RUF012 (see Screen)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "focus_other", "Other pane", id="compare.focus_other"),
        Binding("s", "toggle_sync", "Sync", id="compare.sync"),
        Binding("x", "swap", "Swap", id="compare.swap"),
        Binding("o", "pick", "Pick", id="compare.pick"),
    ]

    def film_to_rate(self) -> FilmRef | None:
        """The film of the focused pane's review."""
        pane = self.panes[self._focused_pane()]
        film = pane[1] if pane else None
        return FilmRef.of(film) if film else None

    def __init__(self, left: Pane, right: Pane) -> None:
        super().__init__()
        self.panes: list[Pane] = [left, right]
        self.sync = False

    def compose(self) -> ComposeResult:
        """Header, two review views, footer."""
        yield Header()
        width = self.kapp.settings.reader_width
        with Container(id="compare-panes"):
            yield ReviewView(width=width, id="pane-0")
            yield ReviewView(width=width, id="pane-1")
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        """Show both panes; open the picker for an empty one."""
        self.title = "Compare reviews"
        for number in (0, 1):
            await self._show(number)
        self.view(0).body.focus()
        empty = [number for number in (0, 1) if self.panes[number] is None]
        if empty:
            self.action_pick(empty[0])

    def view(self, number: int) -> ReviewView:
        """The review view of pane 0 (left/top) or 1 (right/bottom)."""
        return self.query_one(f"#pane-{number}", ReviewView)

    async def _show(self, number: int) -> None:
        pane = self.panes[number]
        await self.view(number).show(*(pane if pane else (None, None)))
        self._subtitle()

    def _subtitle(self) -> None:
        self.sub_title = "scrolling together (s)" if self.sync else "s: scroll together"

    def _focused_pane(self) -> int:
        focused = self.focused
        return 1 if focused is not None and self.view(1) in focused.ancestors_with_self else 0

    @on(events.DescendantFocus)
    def _mark_focused_pane(self) -> None:
        active = self._focused_pane()
        for number in (0, 1):
            self.view(number).set_class(number == active, "-active")

    def action_toggle_sync(self) -> None:
        """Scroll both panes together, or each on its own."""
        self.sync = not self.sync
        self._subtitle()
        if self.sync:
            leader = self.view(self._focused_pane()).body
            self.view(1 - self._focused_pane()).body.follow(leader.fraction)
        self.notify("Synchronised scrolling on" if self.sync else "Synchronised scrolling off")

    @on(ReviewBody.Moved)
    def _pane_moved(self, event: ReviewBody.Moved) -> None:
        if self.sync:
            for number in (0, 1):
                body = self.view(number).body
                if body is not event.body:
                    body.move(event.how, event.step)  # moves, posts nothing: no echo

    async def action_swap(self) -> None:
        """Swap the two reviews."""
        self.panes.reverse()
        focused = self._focused_pane()
        for number in (0, 1):
            await self._show(number)
        self.view(focused).body.focus()

    def action_focus_other(self) -> None:
        """Move the focus to the other pane."""
        self.view(1 - self._focused_pane()).body.focus()

    @on(ReviewHeader.Clicked)
    def _header_clicked(self, event: ReviewHeader.Clicked) -> None:
        self.action_pick(1 if self.view(1) in event.header.ancestors else 0)

    def action_pick(self, number: int | None = None) -> None:
        """Pick another review (any film) for the focused pane, or for pane ``number``."""
        pane = self._focused_pane() if number is None else number
        reviews = self.kapp.catalogue.reviews_with_films()
        if not reviews:
            self.notify("The catalogue holds no reviews yet.")
            return
        films = {review.id: film for review, film in reviews}
        side = ("top", "bottom") if self.has_class("-narrow") else ("left", "right")

        async def chosen(review_id: int | None) -> None:
            if review_id is None:
                return
            review = self.kapp.catalogue.get_review(review_id)
            self.panes[pane] = (review, films.get(review_id))
            await self._show(pane)
            self.view(pane).body.focus()

        self.app.push_screen(
            ReviewPickerModal(reviews, f"Review for the {side[pane]} pane"), chosen
        )
