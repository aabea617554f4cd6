"""The list of films found by a search, one row per film."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from kinolog.db.catalogue import ReviewStats
from kinolog.db.models import SearchHit
from kinolog.db.ratings import stars
from kinolog.tui.widgets.labels import MUTED, critic_score, highlighted, literal, names

TITLE_WIDTH = 60
MIN_TITLE = 18
EASY_TITLE = 36  # the title grows to this before the other columns get wider
GAP = "  "
FRAME = 4  # the table's scroll bar and cell padding
RIGHT_ALIGNED = frozenset({4})  # the review count
# The cells of a row, in this order (see FilmList.cells).
COLUMNS = ("Title", "Year", "Country", "Directed by", "Reviews", "Critics", "Rating")
# Shown left to right most important first; when the list is too narrow for all of them,
# the last ones are left out (never cut off in the middle).
SHOWN = (0, 1, 6, 5, 3, 2, 4)
# (least, most) width of each column but the title.
LIMITS = {1: (4, 4), 6: (6, 6), 5: (7, 8), 3: (14, 24), 2: (9, 16), 4: (7, 7)}
_FIELD_NAMES = {
    "director": "director",
    "writer": "writer",
    "cast": "cast",
    "original_title": "original title",
    "alternative": "also",
}


def title_cell(hit: SearchHit) -> Text:
    """The film's title, with the matched characters highlighted.

    When the query matched another title or a person, that text follows the title, dim, with
    its own highlighting, so the user sees why the film is there.
    """
    film = hit.film
    if hit.matched_field == "title" or hit.matched == film.title:
        return highlighted(film.title, hit.positions)
    if hit.matched_field == "year":
        return literal(film.title)  # a bare year: the year column shows it
    if hit.matched_field == "director" and hit.matched in film.directors[:2]:
        return literal(film.title)  # the directors column shows the match
    label = _FIELD_NAMES.get(hit.matched_field, hit.matched_field)
    cell = literal(film.title)
    cell.append(f"  {label}: ", style=MUTED)
    cell.append_text(highlighted(hit.matched, hit.positions))
    return cell


def directors_cell(hit: SearchHit) -> Text:
    """The first two directors; a matched director's name is highlighted in place."""
    shown = names(hit.film.directors, 2)
    if hit.matched_field != "director" or hit.matched not in hit.film.directors[:2]:
        return literal(shown)
    offset = shown.find(hit.matched)
    return highlighted(shown, [offset + position for position in hit.positions])


def compose_line(cells: Sequence[Text], widths: Sequence[int]) -> Text:
    """Cells cut (with an ellipsis) or padded to their column widths, joined into one line
    in the order shown; a column of width 0 is left out."""
    line = Text()
    for number in SHOWN:
        width = widths[number]
        if not width:
            continue
        cell = cells[number].copy()
        cell.truncate(width, overflow="ellipsis", pad=number not in RIGHT_ALIGNED)
        if number in RIGHT_ALIGNED:
            cell.align("right", width)
        if line:
            line.append(GAP)
        line.append_text(cell)
    return line


def column_widths(total: int) -> list[int]:
    """Each column's width (in :data:`COLUMNS` order; 0: left out) for a list ``total`` wide.

    The title gets at least :data:`MIN_TITLE`; the other columns follow in order of
    importance while they fit at their least width; what is left widens the title to
    :data:`EASY_TITLE`, then the other columns to their most, then the title again.
    """
    room = total - FRAME
    widths = [0] * len(COLUMNS)
    widths[0] = MIN_TITLE
    used = MIN_TITLE
    for number in SHOWN[1:]:
        least = LIMITS[number][0]
        if used + len(GAP) + least > room:
            break
        widths[number] = least
        used += len(GAP) + least
    spare = max(0, room - used)
    grow = min(spare, EASY_TITLE - widths[0])
    widths[0] += grow
    spare -= grow
    for number in SHOWN[1:]:
        if widths[number]:
            grow = min(spare, LIMITS[number][1] - widths[number])
            widths[number] += grow
            spare -= grow
    widths[0] += min(spare, TITLE_WIDTH - widths[0])
    return widths


class FilmList(DataTable[Text]):
    """Films with year, the user's rating, the critic score, directors, country and the
    number of reviews, in that order: at 80 columns the review count is left out first.

    Each film is one row of one cell holding a line composed of fixed-width columns: the
    table then draws one cell per row instead of seven, which keeps every keystroke's
    redraw within a frame or two. Row keys are film ids (as strings). Two films with the
    same title differ at a glance by year, country and director.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._cells: list[list[Text]] = []
        self._keys: list[str] = []
        self._widths_now: list[int] = []

    def on_mount(self) -> None:
        """Create the one column; its label holds the column titles."""
        self._widths_now = self._widths(self.size.width)
        labels = [Text(label, style="bold") for label in COLUMNS]
        self.add_column(compose_line(labels, self._widths_now), key="film")

    @staticmethod
    def _widths(total: int) -> list[int]:
        """Column widths for the list's width (see :func:`column_widths`)."""
        return column_widths(total)

    def on_resize(self) -> None:
        """Lay the columns out again for the new width."""
        widths = self._widths(self.size.width)
        if widths != self._widths_now and self.columns:
            self._widths_now = widths
            row = self.cursor_row
            self.clear(columns=True)
            self.on_mount()
            self._add_rows()
            if self.row_count:
                self.move_cursor(row=min(row, self.row_count - 1))

    def show(
        self,
        hits: Sequence[SearchHit],
        stats: Mapping[int, ReviewStats],
        ratings: Mapping[str, int],
        *,
        keep_highlight: bool = False,
    ) -> None:
        """Replace the rows with these hits; the highlight goes to the first row, or stays
        on its film with ``keep_highlight`` (the same query's results, refreshed)."""
        kept = self.highlighted_film_id if keep_highlight else None
        self._cells, self._keys = [], []
        for hit in hits:
            film = hit.film
            film_stats = stats.get(film.id)
            reviews = str(film_stats.reviews) if film_stats else ""
            self._cells.append(
                [
                    title_cell(hit),
                    Text(str(film.year or "")),
                    literal(names(film.countries, 1)),
                    directors_cell(hit),
                    Text(reviews),
                    critic_score(film_stats),
                    Text(stars(ratings.get(film.key))),
                ]
            )
            self._keys.append(str(film.id))
        self.clear()
        self._add_rows()
        if self.row_count:
            row = self._keys.index(str(kept)) if str(kept) in self._keys else 0
            self.move_cursor(row=row)

    def _add_rows(self) -> None:
        for key, cells in zip(self._keys, self._cells, strict=True):
            self.add_row(compose_line(cells, self._widths_now), key=key)

    def cells(self, row: int) -> list[Text]:
        """The cells of a row: title, year, country, directors, reviews, critics, rating."""
        return self._cells[row]

    @property
    def highlighted_film_id(self) -> int | None:
        """The id of the film under the highlight, or None when the list is empty."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def move_by(self, step: int) -> None:
        """Move the highlight by ``step`` rows (clamped); large steps act as Home/End."""
        if self.row_count:
            row = max(0, min(self.row_count - 1, self.cursor_row + step))
            self.move_cursor(row=row)

    def page_rows(self) -> int:
        """How many rows a page is (the visible height)."""
        return max(1, self.scrollable_content_region.height - 1)
