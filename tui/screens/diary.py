"""The diary screen: every entry, newest first, filtered as you type; edit, delete, undo."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Input, Static

from kinolog.db.diary_filter import filter_entries, known_tags
from kinolog.db.errors import KinologError
from kinolog.db.models import DiaryEntry, FilmRef
from kinolog.tui.dialogs.entry import EntryModal, EntryResult
from kinolog.tui.screens.base import KinologScreen
from kinolog.tui.widgets.columns import fit, fit_columns
from kinolog.tui.widgets.labels import literal
from kinolog.tui.widgets.search_box import InOrderInput

FILTER_HELP = "Filter: words · 2025 · rating:>=7 · tag:x · liked · rewatch · unrated"
COLUMNS = ("Watched", "Film", "Rating", "↻", "♥", "Tags", "Note")
# (least, most) widths; too narrow for all: the note goes first, then the tags.
LIMITS = ((12, 12), (20, 36), (6, 6), (1, 1), (1, 1), (8, 20), (10, 60))


class DiaryScreen(KinologScreen):
    """The rating log, newest first.

    Typing in the filter box narrows the list (see :mod:`kinolog.db.diary_filter`); Enter opens
    the film, ``e`` edits, Delete (or ``D``) deletes, ``u``/Ctrl+Z undoes it, ``s`` shows the
    stats. In the filter box, Enter and Down go to the list.
    """

    OPENED_BY = "diary"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_film", "Open film", show=False, id="diary.open", priority=True),
        Binding("e", "edit", "Edit", id="diary.edit"),
        Binding("delete,D,shift+d", "delete", "Delete", id="diary.delete"),
        Binding("slash,ctrl+f", "focus_filter", "Filter", id="diary.filter"),
        Binding("s", "stats", "Stats", id="diary.stats"),
        Binding("down", "to_list", "To the list", show=False, id="diary.to_list"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[DiaryEntry] = []
        self.shown: list[DiaryEntry] = []
        self._widths: list[int] = []

    def compose(self) -> ComposeResult:
        """Filter box, entries table, status line."""
        yield Header()
        yield InOrderInput(placeholder=FILTER_HELP, id="diary-filter")
        yield DataTable(id="diary-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="diary-status", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Columns, entries, focus on the list."""
        self.title = "Diary"
        self.reload()
        self.table.focus()

    def on_resize(self) -> None:
        """Fit the columns to the new width."""
        if self._widths != fit_columns(self.size.width - 2, LIMITS, drop=(6, 5), grow=(1, 5, 6)):
            self._show()

    @property
    def table(self) -> DataTable[Text]:
        """The entries table."""
        return self.query_one("#diary-table", DataTable)

    def reload(self) -> None:
        """Read the diary again and show it through the current filter."""
        self.entries = self.kapp.diary.entries()
        self._show()

    @on(Input.Changed, "#diary-filter")
    def _filter_changed(self) -> None:
        self._show()

    def action_to_list(self) -> None:
        """Down (or Enter) in the filter box: on to the list (the table takes Down itself)."""
        self.table.focus()

    @on(DataTable.RowSelected, "#diary-table")
    def _row_selected(self) -> None:
        # The table takes Enter (and a click on the highlighted row) for itself, so the
        # screen's Enter binding is only reached from elsewhere: open the film from here.
        self.action_open_film()

    def _show(self) -> None:
        text = self.query_one("#diary-filter", Input).value
        self.shown = filter_entries(self.entries, text)
        table = self.table
        row = table.cursor_row
        table.clear(columns=True)
        self._widths = widths = fit_columns(
            self.size.width - 2,
            LIMITS,
            drop=(6, 5),
            grow=(1, 5, 6),  # the table's margin
        )
        shown = [number for number, width in enumerate(widths) if width]
        for number in shown:
            table.add_column(COLUMNS[number], width=widths[number], key=COLUMNS[number])
        for entry in self.shown:
            cells = (
                Text(entry.watched or "date unknown", style="" if entry.watched else "dim"),
                literal(entry.film.label),
                Text(entry.stars or "—", style="bold" if entry.rating else "dim"),
                Text("↻" if entry.rewatch else ""),
                Text("♥" if entry.liked else ""),
                literal(", ".join(entry.tags)),
                literal(" ".join((entry.note or "").split())),
            )
            table.add_row(*(fit(cells[n], widths[n]) for n in shown), key=str(entry.id))
        if self.shown:
            table.move_cursor(row=min(row, len(self.shown) - 1))
        status = f"{len(self.shown)} of {len(self.entries)} entries"
        if not self.entries:
            status = "The diary is empty: press r on a film to rate it."
        self.query_one("#diary-status", Static).update(status)

    @property
    def current(self) -> DiaryEntry | None:
        """The highlighted entry."""
        if not self.shown:
            return None
        return self.shown[min(self.table.cursor_row, len(self.shown) - 1)]

    def film_to_rate(self) -> FilmRef | None:
        """The highlighted entry's film (a new viewing of it)."""
        entry = self.current
        return entry.film if entry else None

    def diary_changed(self) -> None:
        """Show the diary as it is now."""
        self.reload()

    def action_back(self) -> None:
        """Escape leaves the filter box first, then the screen."""
        if self.focused is self.query_one("#diary-filter", Input):
            self.table.focus()
        else:
            super().action_back()

    def action_focus_filter(self) -> None:
        """Type a filter (the text is selected, so typing replaces it)."""
        box = self.query_one("#diary-filter", Input)
        box.focus()
        box.select_all()

    def action_open_film(self) -> None:
        """Open the highlighted entry's film, when the catalogue knows it; in the filter box,
        Enter goes to the list instead."""
        if self.focused is self.query_one("#diary-filter", Input):
            self.table.focus()
            return
        entry = self.current
        if entry is None:
            return
        film = self.kapp.catalogue.resolve(entry.film)
        if film is None:
            self.kapp.toast(f"{entry.film.label} is not in the catalogue.")
            return
        self.kapp.open_film(film.id)

    def action_edit(self) -> None:
        """Edit the highlighted entry in the rating dialog."""
        entry = self.current
        if entry is None:
            return
        modal = EntryModal(entry.film.label, entry=entry, known_tags=known_tags(self.entries))

        def edited(result: EntryResult | None) -> None:
            if result is not None:
                self.write_diary("edit", entry.id, result)

        self.app.push_screen(modal, edited)

    def action_delete(self) -> None:
        """Delete the highlighted entry (``u`` brings it back)."""
        if (entry := self.current) is not None:
            self.write_diary("delete", entry.id, None)

    def action_stats(self) -> None:
        """The diary in numbers."""
        from kinolog.tui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen())

    @work(thread=True, group="diary", exit_on_error=False)
    def write_diary(self, change: str, entry_id: int, result: EntryResult | None) -> None:
        """Write in a thread of the non-exclusive diary group (a diary write is never
        cancelled), then confirm: the toast appears only once the change is on disk."""
        diary = self.kapp.diary
        try:
            if change == "edit" and result is not None:
                entry = diary.edit_entry(entry_id, **result.fields())
                message = f"Saved {entry.film.label} {entry.stars}".rstrip()
            else:
                entry = diary.delete_entry(entry_id)
                message = f"Deleted {entry.film.label}: u undoes"
        except KinologError as error:
            self.app.call_from_thread(self.kapp.toast, str(error), "warning")
            return
        self.app.call_from_thread(self.kapp.diary_changed, message)
