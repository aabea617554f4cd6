"""The resolve screen: reviews, diary entries, watchlist films and films of lists waiting for
their film, and their candidates."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Static

from kinolog.db.errors import KinologError
from kinolog.db.models import WAITING, FilmRef
from kinolog.db.queue import FilmQueue, Waiting
from kinolog.db.text import visible
from kinolog.tui.screens.base import KinologScreen
from kinolog.tui.widgets.columns import fit, fit_columns
from kinolog.tui.widgets.labels import literal

ITEM_COLUMNS = ("Item", "Film", "What", "Decision")
ITEM_LIMITS = ((8, 10), (12, 40), (14, 48), (12, 12))
CANDIDATE_COLUMNS = ("Candidate", "Year", "Directors", "Score", "Why")
CANDIDATE_LIMITS = ((12, 40), (4, 4), (12, 30), (5, 5), (14, 90))


def not_found(film: FilmRef) -> str:
    """Why a diary row's film cannot be opened: it waits for one, or is not in the catalogue."""
    if film.unlinked == WAITING:
        return (
            f"{film.label} waits for its film: settle it with Ctrl+P,"
            " film: Resolve what waits for a film."
        )
    return f"{film.label} is not in the catalogue."


class ResolveScreen(KinologScreen):
    """The resolution queue: what waits for a film, and the films it may be.

    The upper list holds the waiting reviews, diary entries, watchlist films and films of
    lists (those with candidates first); the lower one the highlighted item's candidates,
    with year, directors and why each is one. Enter on an item moves to its candidates,
    Enter on a candidate attaches the item to it, ``n`` says its film is not in the
    catalogue; Tab moves between the lists. A diary row's new link is an edit: ``u`` undoes
    it.
    """

    OPENED_BY = "resolve"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Attach", id="resolve.attach"),
        Binding("n", "not_in_catalogue", "Not in the catalogue", id="resolve.none"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Waiting] = []
        self._row = 0  # the queue's highlighted row, kept across reloads

    def compose(self) -> ComposeResult:
        """Queue, reason line, candidates, status line."""
        yield Header()
        yield DataTable(id="resolve-items", cursor_type="row", zebra_stripes=True)
        yield Static("", id="resolve-reason", markup=False)
        yield DataTable(id="resolve-candidates", cursor_type="row", zebra_stripes=True)
        yield Static("Reading the queue…", id="resolve-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Columns, then the queue (read in a worker: each item asks the resolver)."""
        self.title = "Waiting for a film"
        # Columns fitted to the width, cuts marked (every screen fits 80 columns).
        self._item_widths = fit_columns(self.size.width - 2, ITEM_LIMITS, grow=(2, 1, 0))
        self._candidate_widths = fit_columns(self.size.width - 2, CANDIDATE_LIMITS, grow=(4, 0, 2))
        items = self.query_one("#resolve-items", DataTable)
        for label, width in zip(ITEM_COLUMNS, self._item_widths, strict=True):
            items.add_column(label, key=label, width=width)
        candidates = self.query_one("#resolve-candidates", DataTable)
        for label, width in zip(CANDIDATE_COLUMNS, self._candidate_widths, strict=True):
            candidates.add_column(label, key=label, width=width)
        items.focus()
        self.load()

    @work(thread=True, exclusive=True, group="resolve", exit_on_error=False)
    def load(self) -> None:
        """Read the queue with every item's candidates."""
        app = self.kapp
        found = FilmQueue(app.catalogue, app.diary).items()
        self.app.call_from_thread(self._show, found)

    def _show(self, items: list[Waiting]) -> None:
        self.items = items
        row = self._row
        table = self.query_one("#resolve-items", DataTable)
        table.clear()
        for item in items:
            decision = "ambiguous" if item.resolution.possible else "no candidate"
            cells = (Text(item.ref), literal(item.label), literal(item.detail), Text(decision))
            table.add_row(*(fit(c, w) for c, w in zip(cells, self._item_widths, strict=True)))
        if items:
            table.move_cursor(row=min(row, len(items) - 1))
        count = f"{len(items)} waiting" if items else "Nothing waits for a film."
        hint = " · Enter on a candidate attaches · n: not in the catalogue" if items else ""
        self.query_one("#resolve-status", Static).update(count + hint)
        self._show_candidates()

    @property
    def current(self) -> Waiting | None:
        """The highlighted item."""
        table = self.query_one("#resolve-items", DataTable)
        if not self.items:
            return None
        return self.items[min(table.cursor_row, len(self.items) - 1)]

    @on(DataTable.RowHighlighted, "#resolve-items")
    def _item_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._row = event.cursor_row
        self._show_candidates()
        if (item := self.current) is not None:
            self.look_closer(item.ref)

    @work(thread=True, exclusive=True, group="resolve-item", exit_on_error=False)
    def look_closer(self, ref: str) -> None:
        """The highlighted item's candidates with close titles and parts of titles too."""
        app = self.kapp
        try:
            item = FilmQueue(app.catalogue, app.diary).item(ref)
        except KinologError:
            return  # settled meanwhile
        self.app.call_from_thread(self._closer, item)

    def _closer(self, found: Waiting) -> None:
        for index, item in enumerate(self.items):
            if item.ref == found.ref:
                self.items[index] = found
        if self.current is not None and self.current.ref == found.ref:
            self._show_candidates()

    def _show_candidates(self) -> None:
        item = self.current
        table = self.query_one("#resolve-candidates", DataTable)
        table.clear()
        reason = self.query_one("#resolve-reason", Static)
        if item is None:
            reason.update("")
            return
        reason.update(visible(f"{item.label}: {item.resolution.reason or 'choose its film'}"))
        for candidate in item.resolution.possible:
            cells = (
                literal(candidate.title),
                Text(str(candidate.year or "")),
                literal(", ".join(candidate.directors[:2]) or "—"),
                Text(f"{candidate.score:.0f}"),
                literal("; ".join(candidate.evidence)),
            )
            widths = self._candidate_widths
            table.add_row(*(fit(c, w) for c, w in zip(cells, widths, strict=True)))

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        # The tables take Enter for themselves: choosing an item moves to its candidates,
        # choosing a candidate attaches the item to it.
        event.stop()
        self.action_choose()

    def action_choose(self) -> None:
        """On the queue: go to the candidates. On a candidate: attach the item to it."""
        item = self.current
        candidates = self.query_one("#resolve-candidates", DataTable)
        if item is None:
            return
        if not candidates.has_focus:
            if item.resolution.possible:
                candidates.focus()
            else:
                self.notify("No candidate: press n if its film is not in the catalogue.")
            return
        possible = item.resolution.possible
        if possible:
            film_id = possible[min(candidates.cursor_row, len(possible) - 1)].film_id
            self.settle(item, film_id)

    def action_not_in_catalogue(self) -> None:
        """Say the highlighted item's film is not in the catalogue."""
        if (item := self.current) is not None:
            self.settle(item, None)

    @work(thread=True, group="diary", exit_on_error=False)
    def settle(self, item: Waiting, film_id: int | None) -> None:
        """Attach the item to a film (or say it has none) in a diary worker (never cancelled)."""
        app = self.kapp
        queue = FilmQueue(app.catalogue, app.diary)
        try:
            if film_id is None:
                message = queue.not_in_catalogue(item.ref)
            else:
                message = queue.attach(item.ref, app.catalogue.get_film(film_id))
        except KinologError as error:
            self.app.call_from_thread(app.toast, str(error), "error")
            return
        self.app.call_from_thread(self._settled, item, message)

    def _settled(self, item: Waiting, message: str) -> None:
        self._show([other for other in self.items if other.ref != item.ref])
        self.query_one("#resolve-items", DataTable).focus()
        self.kapp.diary_changed(message[:1].upper() + message[1:])

    def diary_changed(self) -> None:
        """An undo may bring an item back: read the queue again."""
        self.load()
