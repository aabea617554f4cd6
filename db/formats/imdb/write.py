"""Writing IMDb's CSV layouts: "Your ratings" (the diary's current ratings) and the watchlist.

Both are written in the layout IMDb uses since 2024 (with ``Original Title``), which
``kinolog import imdb-ratings`` and ``import imdb-watchlist`` read back. Films without an
IMDb id cannot be named there and are left out (counted); a date kinolog does not know is
written empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from kinolog.db.files import SafeDictWriter
from kinolog.db.formats.report import ExportResult
from kinolog.db.models import DiaryEntry, Film, FilmRef, WatchlistItem, imdb_id_of_ref

if TYPE_CHECKING:
    from kinolog.db.catalogue import Catalogue

__all__ = ["EXPORT_COLUMNS", "WATCHLIST_COLUMNS", "write_imdb_ratings", "write_imdb_watchlist"]

EXPORT_COLUMNS = (
    "Const", "Your Rating", "Date Rated", "Title", "Original Title", "URL", "Title Type",
    "IMDb Rating", "Runtime (mins)", "Year", "Genres", "Num Votes", "Release Date", "Directors",
)  # fmt: skip
WATCHLIST_COLUMNS = (
    "Position", "Const", "Created", "Modified", "Description", "Title", "Original Title", "URL",
    "Title Type", "IMDb Rating", "Runtime (mins)", "Year", "Genres", "Num Votes",
    "Release Date", "Directors", "Your Rating", "Date Rated",
)  # fmt: skip
_NO_ID = "films without an IMDb id cannot be named in IMDb's format"


def _film_cells(ref: FilmRef, film: Film | None, imdb_id: str) -> dict[str, object]:
    """The columns describing the film, as far as the diary and the catalogue know it."""
    return {
        "Title": ref.title,
        "Original Title": (film.original_title or film.title) if film else "",
        "URL": f"https://www.imdb.com/title/{imdb_id}/",
        "Runtime (mins)": (film.runtime or "") if film else "",
        "Year": ref.year or "",
        "Genres": ", ".join(film.genres) if film else "",
        "Num Votes": (film.votes or "") if film else "",
        "Directors": ", ".join(film.directors) if film else "",
    }


def write_imdb_ratings(
    entries: Sequence[DiaryEntry], out: IO[str], catalogue: Catalogue | None = None
) -> ExportResult:
    """IMDb's "Your ratings" CSV (:data:`EXPORT_COLUMNS`): each rated film's current rating.

    Args:
        catalogue: fills in the film columns when it knows the film.
    """
    current: dict[str, DiaryEntry] = {}
    for entry in entries:
        if entry.rating is None:
            continue
        held = current.get(entry.film.key)
        if held is None or (entry.logged_at, entry.id) > (held.logged_at, held.id):
            current[entry.film.key] = entry
    writer = SafeDictWriter(out, EXPORT_COLUMNS, lineterminator="\n", restval="")
    writer.writeheader()
    rows = left_out = 0
    for entry in sorted(current.values(), key=lambda e: (e.logged_at, e.id), reverse=True):
        imdb_id = imdb_id_of_ref(entry.film)
        if not imdb_id:
            left_out += 1
            continue
        film = catalogue.resolve(entry.film) if catalogue else None
        writer.writerow(
            {
                "Const": imdb_id,
                "Your Rating": entry.rating,
                "Date Rated": (entry.logged or "")[:10],
                **_film_cells(entry.film, film, imdb_id),
            }
        )
        rows += 1
    return ExportResult(rows, left_out, f"rated {_NO_ID}" if left_out else "")


def write_imdb_watchlist(
    items: Sequence[WatchlistItem],
    out: IO[str],
    catalogue: Catalogue | None = None,
) -> ExportResult:
    """The watchlist in IMDb's list layout (:data:`WATCHLIST_COLUMNS`), oldest first: the
    day each film was added as ``Created``, its note as ``Description``."""
    writer = SafeDictWriter(out, WATCHLIST_COLUMNS, lineterminator="\n", restval="")
    writer.writeheader()
    rows = left_out = 0
    for item in reversed(items):
        imdb_id = imdb_id_of_ref(item.film)
        if not imdb_id:
            left_out += 1
            continue
        film = catalogue.resolve(item.film) if catalogue else None
        rows += 1
        writer.writerow(
            {
                "Position": rows,
                "Const": imdb_id,
                "Created": item.added or "",
                "Modified": item.added or "",
                "Description": item.note or "",
                **_film_cells(item.film, film, imdb_id),
            }
        )
    return ExportResult(rows, left_out, f"watchlist {_NO_ID}" if left_out else "")
