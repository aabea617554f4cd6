"""The search screen (home): type, and the films that match appear as you type."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.worker import get_current_worker

from kinolog.db.catalogue import ReviewStats
from kinolog.db.film_links import film_ratings
from kinolog.db.models import Film, FilmRef, SearchHit
from kinolog.tui.screens.base import KinologScreen
from kinolog.tui.widgets.film_list import FilmList
from kinolog.tui.widgets.search_box import SearchBox

RESULT_LIMIT = 50
HOME_LIMIT = 40


class SearchScreen(KinologScreen):
    """Search box on top, matching films below; results update on every keystroke.

    The box keeps focus while Up/Down/PgUp/PgDn and Ctrl+Home/Ctrl+End move the highlight in
    the list (Home/End edit the text). Enter acts on the text in the box, as in fzf: it opens
    the highlighted film of that query's results, and when they are still being computed it
    waits for them and opens their first film. An empty box lists recently opened, rated and
    reviewed films.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Next", show=False, priority=True, id="search.next"),
        Binding("up", "move(-1)", "Previous", show=False, priority=True, id="search.previous"),
        Binding(
            "pagedown", "page(1)", "Page down", show=False, priority=True, id="search.page_down"
        ),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True, id="search.page_up"),
        # Home/End move the cursor in the box, as in any text box (and fzf); these go to the
        # first and last film.
        Binding(
            "ctrl+home", "move(-100000)", "First film", show=False, priority=True, id="search.first"
        ),
        Binding(
            "ctrl+end", "move(100000)", "Last film", show=False, priority=True, id="search.last"
        ),
        Binding("enter", "open", "Open film", show=False, id="search.open_list"),
        Binding("slash,ctrl+f", "focus_box", "Search", id="search.focus"),
        Binding("escape", "clear", "Clear", show=False, id="search.clear"),
    ]

    @dataclass
    class ResultsReady(Message):
        """Search results for one query, posted by the search worker."""

        query: str
        hits: list[SearchHit]
        stats: Mapping[int, ReviewStats]
        ratings: Mapping[str, int]

    def __init__(self) -> None:
        super().__init__()
        self.shown_query: str | None = None
        """The query whose results the list shows (None: none shown yet)."""
        self.open_when_ready: str | None = None
        """Enter was pressed for this query before its results arrived."""

    def compose(self) -> ComposeResult:
        """Header, search box, results, status line, footer."""
        yield Header()
        yield SearchBox(placeholder="Search films: title, year, person…", id="search-input")
        yield FilmList(id="results", cursor_type="row", zebra_stripes=True)
        yield Static("", id="search-status", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Focus the box and list the home films."""
        self.query_one(Input).focus()
        self.run_search("")

    def on_screen_resume(self) -> None:
        """Back from a film: refresh the rows (a rating or the recent list may have changed)."""
        self.run_search(self.query_one(Input).value)

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        self.action_open()

    @on(Input.Changed, "#search-input")
    def _query_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        """Search in a thread; results for an outdated query are dropped on arrival."""
        app = self.kapp
        ratings = film_ratings(app.catalogue, app.diary)  # also under each film's own key
        if query.strip():
            hits = app.search.search_films(query, limit=RESULT_LIMIT, known_keys=ratings)
        else:
            hits = self._home_hits()
        if get_current_worker().is_cancelled:
            return
        stats = app.catalogue.film_review_stats([hit.film.id for hit in hits])
        self.post_message(self.ResultsReady(query, hits, stats, ratings))
        if not query.strip():
            # Load the search index while the person reads the home list, so that the
            # first key they type does not wait for it (a large catalogue's takes a while).
            app.search.state.snapshot()

    def _home_hits(self) -> list[SearchHit]:
        """Recently opened, then recently rated or logged, then reviewed films (no repeats)."""
        app = self.kapp
        seen: dict[int, Film] = {}
        keys = list(app.recent.keys)
        keys += [entry.film.key for entry in app.diary.entries()[:HOME_LIMIT]]
        for key in keys:
            film = app.catalogue.film_by_key(key)
            if film is not None and film.id not in seen:
                seen[film.id] = film
        for film, _count in app.catalogue.reviewed_films():
            seen.setdefault(film.id, film)
        return [
            SearchHit(film=film, matched=film.title, matched_field="title")
            for film in list(seen.values())[:HOME_LIMIT]
        ]

    @on(ResultsReady)
    def _show_results(self, message: ResultsReady) -> None:
        if message.query != self.query_one(Input).value:
            return  # an outdated query: a newer search is on its way
        films = self.query_one(FilmList)
        same = bool(message.query.strip()) and message.query == self.shown_query
        films.show(message.hits, message.stats, message.ratings, keep_highlight=same)
        self.shown_query = message.query
        if self.open_when_ready == message.query:
            self.open_when_ready = None
            self.action_open()
        status = self.query_one("#search-status", Static)
        query = message.query.strip()
        if query:
            count = len(message.hits)
            status.update(
                f"{count} film{'s' * (count != 1)} match {query!r}"
                if count
                else f"nothing matches {query!r}: try fewer or other words"
            )
        elif message.hits:
            status.update(
                "Recently opened, rated and reviewed films. Type to search.", layout=False
            )
        else:
            status.update("Type to search the catalogue.", layout=False)

    @on(DataTable.RowSelected, "#results")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.kapp.open_film(int(event.row_key.value))

    def film_to_rate(self) -> FilmRef | None:
        """The highlighted film."""
        film_id = self.query_one(FilmList).highlighted_film_id
        return FilmRef.of(self.kapp.catalogue.get_film(film_id)) if film_id is not None else None

    def diary_changed(self) -> None:
        """Show the new stars."""
        self.run_search(self.query_one(Input).value)

    def action_open(self) -> None:
        """Open the highlighted film of the query in the box (the first one unless the
        highlight moved); when that query's results are not shown yet, once they are."""
        query = self.query_one(Input).value
        if query != self.shown_query:
            self.open_when_ready = query
            return
        film_id = self.query_one(FilmList).highlighted_film_id
        if film_id is not None:
            self.kapp.open_film(film_id)

    def action_move(self, step: int) -> None:
        """Move the highlight in the results while the search box keeps focus."""
        self.query_one(FilmList).move_by(step)

    def action_page(self, direction: int) -> None:
        """Move the highlight by a page."""
        films = self.query_one(FilmList)
        films.move_by(direction * films.page_rows())

    def action_focus_box(self) -> None:
        """Back to the search box with its text selected, so typing replaces it."""
        box = self.query_one(Input)
        box.focus()
        box.select_all()

    def action_clear(self) -> None:
        """Escape on the home screen: empty the box (a second Escape does nothing)."""
        box = self.query_one(Input)
        if self.focused is not box:
            box.focus()
        elif box.value:
            box.value = ""
