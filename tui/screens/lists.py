"""The lists screen: your named lists (from Letterboxd) on the left, the films of the
highlighted one on the right, in order, with their notes and your ratings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Static

from kinolog.db.errors import KinologError
from kinolog.db.models import WAITING, FilmList, FilmRef, ListItem
from kinolog.db.ratings import stars
from kinolog.db.watchlist import ref_keys
from kinolog.tui.screens.base import KinologScreen
from kinolog.tui.screens.resolve import not_found
from kinolog.tui.widgets.labels import MUTED, literal


@dataclass(frozen=True)
class _Seen:
    """What the diary says of the films: keys of films logged, current ratings by key."""

    logged: frozenset[str]
    ratings: dict[str, int]

    def rating(self, film: FilmRef) -> int | None:
        return next((self.ratings[k] for k in film_keys(film) if k in self.ratings), None)


def film_keys(film: FilmRef) -> set[str]:
    """The keys a diary film is known by: all of them when it names its film; its own key
    alone, apart from every film's, when it names none (the same unknown film)."""
    return ref_keys(film) if film.linked else {f"unlinked:{film.key}"}


class ListsScreen(KinologScreen):
    """Named lists and their films.

    Up/Down choose a list, Tab or Enter go to its films; Enter on a film opens it, ``r``
    rates it, ``w`` puts it on the watchlist. Delete on a list deletes it (``u`` brings it
    back).
    """

    OPENED_BY = "lists"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="lists.open"),
        Binding("delete", "delete_list", "Delete list", id="lists.delete"),
        Binding("r", "app.rate", "Rate", id="lists.rate"),
    ]

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012 (see Screen)

    def __init__(self) -> None:
        super().__init__()
        self.lists: list[FilmList] = []
        self.seen = _Seen(frozenset(), {})

    def compose(self) -> ComposeResult:
        """The lists, and the films of the highlighted one."""
        yield Header()
        with Horizontal(id="lists-panes"):
            yield DataTable(id="lists-names", cursor_type="row")
            with Vertical(id="lists-right"):
                yield Static("", id="lists-about", markup=False)
                yield DataTable(id="lists-items", cursor_type="row", zebra_stripes=True)
        yield Static("", id="lists-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Columns, lists, focus on the names."""
        self.title = "Lists"
        names = self.query_one("#lists-names", DataTable)
        names.add_column("List", key="name")
        names.add_column("Films", key="films")
        items = self.query_one("#lists-items", DataTable)
        for label in ("#", "Film", "You", "Note"):
            items.add_column(label, key=label)
        self.load()
        names.focus()

    @property
    def names(self) -> DataTable[Text]:
        """The table of lists."""
        return self.query_one("#lists-names", DataTable)

    @property
    def items(self) -> DataTable[Text]:
        """The table of the chosen list's films."""
        return self.query_one("#lists-items", DataTable)

    @work(thread=True, exclusive=True, group="lists", exit_on_error=False)
    def load(self) -> None:
        """Read the lists and what the diary says of their films (in a thread), then show."""
        diary = self.kapp.diary
        entries = diary.entries()
        logged = frozenset(key for entry in entries for key in film_keys(entry.film))
        ratings: dict[str, int] = {}
        for entry in sorted(entries, key=lambda entry: (entry.logged_at, entry.id)):
            if entry.rating is not None:  # the latest rating is the film's current one
                ratings.update(dict.fromkeys(film_keys(entry.film), entry.rating))
        seen = _Seen(logged, ratings)
        self.app.call_from_thread(self._loaded, diary.lists.all(), seen)

    def _loaded(self, lists: list[FilmList], seen: _Seen) -> None:
        self.lists, self.seen = lists, seen
        names = self.names
        row = names.cursor_row
        names.clear()
        for found in lists:
            names.add_row(literal(found.name), Text(str(len(found.items))), key=str(found.id))
        if lists:
            names.move_cursor(row=min(row, len(lists) - 1))
        self._show_list()
        count = f"{len(lists)} list{'s' * (len(lists) != 1)}"
        self.query_one("#lists-status", Static).update(
            f"{count} · Enter: its films · Delete: delete a list (u undoes)"
            if lists
            else "No lists yet: they come from a Letterboxd export (kinolog import letterboxd)."
        )

    def diary_changed(self) -> None:
        """Show the lists as they are now."""
        self.load()

    @property
    def current(self) -> FilmList | None:
        """The highlighted list."""
        if not self.lists:
            return None
        return self.lists[min(self.names.cursor_row, len(self.lists) - 1)]

    @property
    def current_item(self) -> ListItem | None:
        """The highlighted film of the list."""
        chosen = self.current
        if chosen is None or not chosen.items:
            return None
        return chosen.items[min(self.items.cursor_row, len(chosen.items) - 1)]

    @on(DataTable.RowHighlighted, "#lists-names")
    def _list_highlighted(self) -> None:
        self._show_list()

    def _show_list(self) -> None:
        chosen = self.current
        about = Text()
        table = self.items
        table.clear()
        if chosen is None:
            self.query_one("#lists-about", Static).update(about)
            return
        about.append_text(literal(chosen.name, "bold"))
        facts = [f"{len(chosen.items)} films", "ranked" if chosen.ranked else "not ranked"]
        facts += [f"made {chosen.created}"] if chosen.created else []
        about.append("  " + " · ".join(facts), style=MUTED)
        if chosen.tags:
            about.append("\n")
            about.append_text(literal("#" + " #".join(chosen.tags), MUTED))
        if chosen.description:
            about.append("\n")
            about.append_text(literal(chosen.description))
        self.query_one("#lists-about", Static).update(about)
        for item in chosen.items:
            rating = self.seen.rating(item.film)
            mine = (
                stars(rating)
                if rating
                else ("seen" if film_keys(item.film) & self.seen.logged else "")
            )
            if not mine and item.film.unlinked == WAITING:
                mine = "waits"  # for its film: Enter says where to settle it
            table.add_row(
                Text(f"{item.position}." if chosen.ranked else "•", style=MUTED),
                literal(item.film.label),
                Text(mine, style="bold" if rating else MUTED),
                literal(" ".join((item.note or "").split())),
                key=str(item.id),
            )

    @on(DataTable.RowSelected, "#lists-names")
    @on(DataTable.RowSelected, "#lists-items")
    def _row_selected(self) -> None:
        self.action_open()

    def film_to_rate(self) -> FilmRef | None:
        """The highlighted film of the list (when the films have focus)."""
        item = self.current_item if self.focused is self.items else None
        return item.film if item else None

    def action_open(self) -> None:
        """From the lists: go to the films. From the films: open the highlighted one."""
        if self.focused is not self.items:
            if self.current is not None and self.current.items:
                self.items.focus()
            return
        item = self.current_item
        if item is None:
            return
        film = self.kapp.catalogue.resolve(item.film)
        if film is None:
            self.kapp.toast(not_found(item.film))
            return
        self.kapp.open_film(film.id)

    def action_back(self) -> None:
        """Escape leaves the films for the lists first, then the screen."""
        if self.focused is self.items:
            self.names.focus()
        else:
            super().action_back()

    def action_delete_list(self) -> None:
        """Delete the highlighted list (``u`` brings it back)."""
        chosen = self.current
        if chosen is not None and self.focused is self.names:
            self.delete_list(chosen)

    @work(thread=True, group="diary", exit_on_error=False)
    def delete_list(self, chosen: FilmList) -> None:
        """Delete in the non-exclusive diary group; confirm once it is on disk."""
        try:
            self.kapp.diary.lists.delete(chosen.id)
        except KinologError as error:
            self.app.call_from_thread(self.kapp.toast, str(error), "warning")
            return
        self.app.call_from_thread(
            self.kapp.diary_changed, f"Deleted the list {chosen.name}: u undoes"
        )
