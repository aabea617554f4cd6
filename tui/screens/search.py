"""The search screen: type, and the films that match appear as you type."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from db.models import SearchHit
from db.ratings import stars
from db.search import search_films
from db.text import visible


class SearchScreen(Screen[None]):
    """Search box on top, matching films below; results update on every keystroke."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Next", show=False, id="search.next"),
        Binding("up", "move(-1)", "Previous", show=False, id="search.previous"),
    ]

    @dataclass
    class ResultsReady(Message):
        """Search results for one query, posted by the search worker."""

        query: str
        hits: list[SearchHit]

    def compose(self) -> ComposeResult:
        """Header, search box, results table, status line, footer."""
        yield Header()
        yield Input(placeholder="Search films: title, year, person…", id="search-input")
        yield DataTable(id="results", cursor_type="row", zebra_stripes=True)
        yield Static("", id="search-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Set up the table and show what an empty query finds."""
        table = self.query_one(DataTable)
        table.add_columns("Title", "Year", "Directors", "Rating")
        self.query_one(Input).focus()
        self._show_empty_state()

    def _show_empty_state(self) -> None:
        status = self.query_one("#search-status", Static)
        if self.app.catalogue.is_empty():  # type: ignore[attr-defined]
            status.update(
                "The catalogue is empty. Import films with `kinolog import …` from a shell."
            )
        else:
            status.update("Type to search the catalogue.")

    @on(Input.Changed, "#search-input")
    def _query_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        """Search in a thread; results for an outdated query are dropped on arrival."""
        hits = search_films(self.app.catalogue, query, limit=50) if query.strip() else []  # type: ignore[attr-defined]
        self.post_message(self.ResultsReady(query, hits))

    @on(ResultsReady)
    def _show_results(self, message: ResultsReady) -> None:
        if message.query != self.query_one(Input).value:
            return
        table = self.query_one(DataTable)
        table.clear()
        ratings = self.app.diary.ratings()  # type: ignore[attr-defined]
        for hit in message.hits:
            film = hit.film
            table.add_row(
                Text(visible(film.title)),
                Text(str(film.year or "")),
                Text(visible(", ".join(film.directors[:2]))),
                Text(stars(ratings.get(film.key))),
                key=str(film.id),
            )
        status = self.query_one("#search-status", Static)
        if message.query.strip():
            status.update(f"{len(message.hits)} films match {message.query.strip()!r}")
        else:
            self._show_empty_state()

    def action_move(self, step: int) -> None:
        """Move the highlight in the results while the search box keeps focus."""
        table = self.query_one(DataTable)
        if table.row_count:
            table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + step)))
