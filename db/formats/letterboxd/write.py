"""Writing Letterboxd's import CSV (the diary, the watchlist) and its list files.

Letterboxd's import CSV (``letterboxd.com/import``) has no column for a like, and its
``Tags`` cell splits at commas: a like does not travel in it (kinolog's own JSON and CSV
carry it), and a comma inside a tag becomes a space (the export warns).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from kinolog.db.files import atomic_write, csv_writer
from kinolog.db.formats.letterboxd.lists import slug, write_list_file
from kinolog.db.formats.report import ExportResult
from kinolog.db.models import DiaryEntry, FilmList, WatchlistItem, imdb_id_of_ref

if TYPE_CHECKING:
    from kinolog.db.catalogue import Catalogue

__all__ = [
    "IMPORT_COLUMNS",
    "WATCHLIST_COLUMNS",
    "note_as_review",
    "write_letterboxd",
    "write_letterboxd_lists",
    "write_letterboxd_watchlist",
]

IMPORT_COLUMNS = (
    "Title", "Year", "imdbID", "Directors", "Rating", "Rating10", "WatchedDate", "Rewatch",
    "Tags", "Review",
)  # fmt: skip
WATCHLIST_COLUMNS = ("Title", "Year", "imdbID", "Directors")


def letterboxd_tags(tags: Sequence[str]) -> tuple[str, bool]:
    """Tags as Letterboxd's one cell (joined by ``, ``) and whether a comma had to go."""
    changed = any("," in tag for tag in tags)
    cleaned = [" ".join(tag.replace(",", " ").split()) for tag in tags]
    return ", ".join(cleaned), changed


def write_letterboxd(
    entries: Sequence[DiaryEntry], out: IO[str], catalogue: Catalogue | None = None
) -> ExportResult:
    """Letterboxd's import CSV (:data:`IMPORT_COLUMNS`): one row per entry, oldest first.

    ``kinolog import letterboxd`` reads it back. Letterboxd's import format has no column
    for a like: likes travel in kinolog's own JSON and CSV.

    Args:
        catalogue: fills in the directors when it knows the film.
    """
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(IMPORT_COLUMNS)
    commas = 0
    for entry in reversed(entries):
        film = catalogue.resolve(entry.film) if catalogue else None
        tags, changed = letterboxd_tags(entry.tags)
        commas += changed
        writer.writerow(
            (
                entry.film.title, entry.film.year or "", imdb_id_of_ref(entry.film) or "",
                ", ".join(film.directors) if film else "",
                f"{entry.rating / 2:g}" if entry.rating else "", entry.rating or "",
                entry.watched or "", "true" if entry.rewatch else "false",
                tags, note_as_review(entry.note),
            )
        )  # fmt: skip
    warnings: tuple[str, ...] = ()
    if commas:
        warnings = (
            f"{commas} entries have a tag with a comma: Letterboxd splits tags at commas, so"
            " the comma became a space (kinolog's JSON and CSV keep it)",
        )
    return ExportResult(len(entries), warnings=warnings)


def write_letterboxd_watchlist(
    items: Sequence[WatchlistItem], out: IO[str], catalogue: Catalogue | None = None
) -> ExportResult:
    """The watchlist as Letterboxd's import CSV (:data:`WATCHLIST_COLUMNS`), oldest first,
    for Letterboxd's watchlist import. ``kinolog import letterboxd`` reads it back as the
    watchlist when its file name says ``watchlist``."""
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(WATCHLIST_COLUMNS)
    for item in reversed(items):
        film = catalogue.resolve(item.film) if catalogue else None
        writer.writerow(
            (item.film.title, item.film.year or "", imdb_id_of_ref(item.film) or "",
             ", ".join(film.directors) if film else "")
        )  # fmt: skip
    return ExportResult(len(items))


def write_letterboxd_lists(lists: Sequence[FilmList], folder: Path) -> ExportResult:
    """Each list as a Letterboxd list file ``<folder>/<slug>.csv`` (written whole or not at
    all); two lists with one name get ``-2``, ``-3`` ... ."""
    folder.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    films = 0
    for film_list in lists:
        name, number = slug(film_list.name), 1
        while (name if number == 1 else f"{name}-{number}") in used:
            number += 1
        name = name if number == 1 else f"{name}-{number}"
        used.add(name)
        with atomic_write(folder / f"{name}.csv") as out:
            films += write_list_file(film_list, out)
    return ExportResult(len(lists))


def note_as_review(note: str | None) -> str:
    """A note as a Letterboxd review: HTML, so ``<``, ``>`` and ``&`` are escaped.

    Line breaks stay line breaks; the importer's HTML reading gives the note back exactly.
    """
    if not note:
        return ""
    return note.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
