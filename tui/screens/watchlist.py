"""The watchlist screen: the films you want to see, filtered by release year, critics' score
and whether you have seen them; open, rate or take one off."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Input, Static

from kinolog.db.errors import InvalidValue
from kinolog.db.models import FilmRef
from kinolog.db.watchlist import WatchlistRow, filter_rows, watchlist_rows
from kinolog.tui.screens.base import KinologScreen
from kinolog.tui.screens.resolve import not_found
from kinolog.tui.widgets.columns import fit, fit_columns
from kinolog.tui.widgets.labels import MUTED, literal


def note(film: FilmRef) -> str:
    """`` · waits for its film`` after a film that names none yet (or is not in the catalogue)."""
    return f" · {film.link_note}" if film.link_note else ""


FILTER_HELP = "Filter: 1990s · 1960-1979 · 2001 · score:70 · unwatched · watched · words"

COLUMNS = ("Added", "Film", "Critics", "Seen", "Note")
LIMITS = ((12, 12), (20, 48), (7, 7), (4, 4), (10, 60))  # (least, most); the note goes first


class WatchlistScreen(KinologScreen):
    """The watchlist, most recently added first.

    The filter box takes a year, a range or a decade of release, ``score:70`` (the critics'
    mean, from two scored reviews), ``watched``/``unwatched`` and words. Enter opens the film,
    ``r`` rates it (and offers to take it off), Delete takes it off (``u`` puts it back).
    """

    OPENED_BY = "watchlist"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_film", "Open film", id="watchlist.open"),
        Binding("delete,D,shift+d", "remove", "Take off", id="watchlist.remove"),
        Binding("slash,ctrl+f", "focus_filter", "Filter", id="watchlist.filter"),
        Binding("r", "app.rate", "Rate", id="watchlist.rate"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[WatchlistRow] = []
        self.shown: list[WatchlistRow] = []

    def compose(self) -> ComposeResult:
        """Filter box, films table, status line."""
        yield Header()
        yield Input(placeholder=FILTER_HELP, id="watchlist-filter")
        yield DataTable(id="watchlist-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="watchlist-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Columns, films, focus on the list."""
        self.title = "Watchlist"
        # Fixed widths fitted to the terminal, cuts marked (every screen fits 80 columns).
        self._widths = fit_columns(self.size.width - 2, LIMITS, drop=(4,), grow=(1, 4))
        for label, width in zip(COLUMNS, self._widths, strict=True):
            if width:
                self.table.add_column(label, key=label, width=width)
        self.load()
        self.table.focus()

    @property
    def table(self) -> DataTable[Text]:
        """The films table."""
        return self.query_one("#watchlist-table", DataTable)

    @work(thread=True, exclusive=True, group="watchlist", exit_on_error=False)
    def load(self) -> None:
        """Read the watchlist with the catalogue's years and scores (in a thread), then show."""
        rows = watchlist_rows(self.kapp.diary, self.kapp.catalogue)
        self.app.call_from_thread(self._loaded, rows)

    def _loaded(self, rows: list[WatchlistRow]) -> None:
        self.rows = rows
        self._show()

    def diary_changed(self) -> None:
        """Show the watchlist as it is now."""
        self.load()

    @on(Input.Changed, "#watchlist-filter")
    def _filter_changed(self) -> None:
        self._show()

    @on(DataTable.RowSelected, "#watchlist-table")
    def _row_selected(self) -> None:
        self.action_open_film()

    def _show(self) -> None:
        text = self.query_one("#watchlist-filter", Input).value
        try:
            self.shown = filter_rows(self.rows, text)
            problem = ""
        except InvalidValue as error:
            self.shown, problem = list(self.rows), str(error)
        table = self.table
        row = table.cursor_row
        table.clear()
        for found in self.shown:
            score = f"{found.score}" if found.score is not None else "—"
            cells = (
                Text(found.item.added or "date unknown", style="" if found.item.added else MUTED),
                Text.assemble(literal(found.item.film.label), (note(found.item.film), MUTED)),
                Text(score, style="bold" if found.score is not None else MUTED),
                Text("✓" if found.watched else ""),
                literal(" ".join((found.item.note or "").split())),
            )
            table.add_row(
                *(
                    fit(cell, width)
                    for cell, width in zip(cells, self._widths, strict=True)
                    if width
                ),
                key=str(found.item.id),
            )
        if self.shown:
            table.move_cursor(row=min(row, len(self.shown) - 1))
        unseen = sum(not found.watched for found in self.rows)
        status = f"{len(self.shown)} of {len(self.rows)} films · {unseen} not seen yet"
        if not self.rows:
            status = "The watchlist is empty: press w on a film to put it on."
        self.query_one("#watchlist-status", Static).update(problem or status)

    @property
    def current(self) -> WatchlistRow | None:
        """The highlighted film."""
        if not self.shown:
            return None
        return self.shown[min(self.table.cursor_row, len(self.shown) - 1)]

    def film_to_rate(self) -> FilmRef | None:
        """The highlighted film (``r`` rates it, ``w`` and Delete take it off)."""
        row = self.current
        return row.item.film if row else None

    def action_back(self) -> None:
        """Escape leaves the filter box first, then the screen."""
        if self.focused is self.query_one("#watchlist-filter", Input):
            self.table.focus()
        else:
            super().action_back()

    def action_focus_filter(self) -> None:
        """Type a filter (the text is selected, so typing replaces it)."""
        box = self.query_one("#watchlist-filter", Input)
        box.focus()
        box.select_all()

    def action_open_film(self) -> None:
        """Open the highlighted film, when the catalogue knows it."""
        row = self.current
        if row is None:
            return
        if row.film is None:
            self.kapp.toast(not_found(row.item.film))
            return
        self.kapp.open_film(row.film.id)

    def action_remove(self) -> None:
        """Take the highlighted film off the watchlist."""
        if self.current is not None:
            self.kapp.action_toggle_watchlist()
