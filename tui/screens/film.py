"""The film page: facts, the critic score, the reviews and the user's diary entries."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from kinolog.db.film_links import film_entries, keys_of
from kinolog.db.models import Film, FilmRef, Review
from kinolog.db.text import visible
from kinolog.db.watchlist import ref_keys
from kinolog.tui.screens.base import KinologScreen
from kinolog.tui.widgets.columns import fit, fit_columns
from kinolog.tui.widgets.film_facts import diary_text, facts_text, score_text
from kinolog.tui.widgets.labels import first_words, literal, review_score, review_source

BEGINS_WIDTH = 48  # characters of the verdict or text shown in the review list
REVIEW_COLUMNS = ("Source", "Author", "Lang", "Score", "Begins")
# (least, most) width of each column; too narrow for all: the language goes first, then the
# author; the score widens first, "Begins" takes what is left.
REVIEW_LIMITS = ((12, 30), (8, 20), (4, 4), (8, 20), (12, 80))


def review_widths(total: int) -> list[int]:
    """The review table's column widths (0: left out) for a table ``total`` cells wide."""
    return fit_columns(total, REVIEW_LIMITS, drop=(2, 1), grow=(3, 0, 1, 4))


class FilmScreen(KinologScreen):
    """One film: facts on the left, score and diary on the right, its reviews below.

    The review list has focus on arrival: Enter reads the highlighted review, ``c``
    compares, ``r`` rates, Escape goes back.

    Args:
        film: the film to show (its reviews are loaded here).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "read", "Read", show=False, id="film.read", priority=True),
        Binding("c", "compare", "Compare", id="film.compare"),
        Binding("r", "app.rate", "Rate", id="film.rate"),
        Binding("l", "app.toggle_like", "Like", id="film.like"),
        Binding("w", "app.toggle_watchlist", "Watchlist", id="film.watchlist"),
    ]

    def __init__(self, film: Film) -> None:
        super().__init__()
        self.film = film
        self.reviews: list[Review] = []
        self._widths: list[int] = []

    def compose(self) -> ComposeResult:
        """Facts and side panel on top, review table, footer."""
        yield Header()
        with Horizontal(id="film-top"):
            with VerticalScroll(id="film-facts-scroll"):
                yield Static("", markup=False, id="film-facts")
            with VerticalScroll(id="film-side"):
                yield Static("", markup=False, id="film-score")
                yield Static("", markup=False, id="film-diary")
        yield DataTable(id="film-reviews", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Fill everything in and focus the review list."""
        self.title = visible(self.film.label)
        self.reload()
        self.query_one("#film-reviews", DataTable).focus()

    def on_resize(self) -> None:
        """Fit the review table's columns to the new width."""
        if self._widths != review_widths(self.size.width - 2):
            self.reload()

    def reload(self) -> None:
        """Read the film, its reviews, statistics and diary entries again."""
        app = self.kapp
        self.film = app.catalogue.get_film(self.film.id, with_reviews=True)
        self.reviews = list(self.film.reviews)
        stats = app.catalogue.film_review_stats([self.film.id]).get(self.film.id)
        self.query_one("#film-facts", Static).update(facts_text(self.film))
        self.query_one("#film-score", Static).update(score_text(stats))
        entries = film_entries(app.catalogue, app.diary, self.film)  # under any of its keys
        keys = ref_keys(FilmRef.of(self.film)) | keys_of(app.catalogue, self.film)
        watch = app.diary.watchlist.find(keys)
        self.query_one("#film-diary", Static).update(diary_text(entries, watch))
        table = self.query_one("#film-reviews", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        self._widths = widths = review_widths(self.size.width - 2)  # the table's margin
        shown = [number for number, width in enumerate(widths) if width]
        for number in shown:
            table.add_column(REVIEW_COLUMNS[number], width=widths[number])
        for review in self.reviews:
            cells = (
                review_source(review),
                literal(review.author or "—"),
                Text(review.language or ""),
                review_score(review),
                literal(first_words(review.summary or review.body, BEGINS_WIDTH * 2)),
            )
            table.add_row(*(fit(cells[n], widths[n]) for n in shown), key=str(review.id))
        if not self.reviews:
            table.add_row(
                Text("No reviews of this film yet", style="dim"), *[""] * (len(shown) - 1)
            )
        elif row:
            table.move_cursor(row=min(row, len(self.reviews) - 1))

    @property
    def highlighted_index(self) -> int:
        """The index of the highlighted review (0 when there is none)."""
        table = self.query_one("#film-reviews", DataTable)
        return min(table.cursor_row, max(0, len(self.reviews) - 1))

    @on(DataTable.RowSelected, "#film-reviews")
    def _row_selected(self) -> None:
        self.action_read()

    def action_read(self) -> None:
        """Read the highlighted review."""
        if not self.reviews:
            self.notify("This film has no reviews yet.")
            return
        from kinolog.tui.screens.reader import ReaderScreen

        self.app.push_screen(ReaderScreen(self.film, self.reviews, self.highlighted_index))

    def action_compare(self) -> None:
        """Compare the highlighted review (or the first two) with another."""
        self.kapp.compare_film(self.film, self.reviews, self.highlighted_index)

    def film_to_rate(self) -> FilmRef:
        """This film."""
        return FilmRef.of(self.film)

    def diary_changed(self) -> None:
        """Show the new diary entries."""
        self.reload()
