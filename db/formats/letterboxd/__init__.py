"""``kinolog import letterboxd``: a Letterboxd data export into the diary.

Reads the export ``.zip`` (with or without a top folder), its unpacked folder, or single
CSV files: ``diary.csv`` (viewings), ``reviews.csv`` (review texts, merged into their
viewing), ``ratings.csv`` (film ratings), ``watched.csv`` (films marked watched),
``likes/films.csv`` (liked films), ``watchlist.csv`` and ``lists/*.csv`` (named lists).
Letterboxd's *import* CSV (``Title, Year, imdbID, ..., WatchedDate, Rewatch, Tags,
Review``, which ``kinolog export diary --format letterboxd`` writes) is read too: one entry
per row. How the files combine: :mod:`.combine`; which file is which: :mod:`.files`.

Films have no IMDb id in Letterboxd's export: the film resolver finds them in the catalogue
(:mod:`kinolog.db.formats.film_finder`) by title and year, and by the directors, IMDb and
TMDB ids of the import CSV; rows it cannot attach keep their own title-and-year key, wait
for a film, and are listed in the report. An import-CSV row that names its film only by
``tmdbID`` or ``LetterboxdURI`` is found by that id when the catalogue knows it (film lists
bring such ids); otherwise it is reported as not kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kinolog.db.formats.entries import apply_import
from kinolog.db.formats.film_finder import DiaryFilms
from kinolog.db.formats.letterboxd.combine import (
    combine,
    find_films,
    letterboxd_lists,
    likes,
    watchlist,
)
from kinolog.db.formats.letterboxd.files import read_letterboxd
from kinolog.db.formats.letterboxd.write import (
    IMPORT_COLUMNS,
    note_as_review,
    write_letterboxd,
    write_letterboxd_lists,
    write_letterboxd_watchlist,
)
from kinolog.db.formats.report import DiaryImportReport
from kinolog.db.progress import SILENT, Progress

if TYPE_CHECKING:
    from kinolog.db.catalogue import Catalogue
    from kinolog.db.diary import Diary

__all__ = [
    "IMPORT_COLUMNS",
    "combine",
    "find_films",
    "import_letterboxd",
    "note_as_review",
    "read_letterboxd",
    "write_letterboxd",
    "write_letterboxd_lists",
    "write_letterboxd_watchlist",
]


def import_letterboxd(
    diary: Diary,
    paths: Sequence[Path],
    *,
    catalogue: Catalogue | None = None,
    dry_run: bool = False,
    progress: Progress = SILENT,
) -> DiaryImportReport:
    """Import a Letterboxd export (zip, folder or CSV files) into the diary as one batch.

    Viewings, ratings, reviews, likes, the watchlist and lists all come in. Bad rows are
    reported (with file and line) and skipped; the rest is imported. The diary is backed
    up first when anything changes (not on a dry run); ``kinolog undo`` takes the whole
    import back; importing the same export again changes nothing.

    Args:
        diary: the diary to import into.
        paths: the export ``.zip``, its folder, or CSV files.
        catalogue: where films are looked up by title and year (None: keep every film
            under its title-and-year key).
        dry_run: report what would change; write nothing.
        progress: told about each file and each bad row.

    Raises:
        ImportFailed: no Letterboxd file was found under ``paths``.
    """
    label = ", ".join(str(path) for path in paths)
    report = DiaryImportReport(source=label, kind="letterboxd")
    export = read_letterboxd(paths, report, progress)
    export.rows, films = find_films(export.rows, DiaryFilms(catalogue), report, progress)
    entries, report.present = combine(export.rows, films, diary.entries())
    liked = likes(export.rows, films)
    wanted = watchlist(export.rows, films)
    lists = letterboxd_lists(export, films, report)
    labels = {entry.film.label for entry in entries}
    labels |= {like.film.label for like in liked} | {item.film.label for item in wanted}
    labels |= {item.film.label for found in lists for item in found.items}
    report.unmatched = [label for label in report.unmatched if label in labels]
    report.ambiguous = [label for label in report.ambiguous if label in labels]
    return apply_import(
        diary,
        entries,
        report,
        likes=liked,
        watchlist=wanted,
        lists=lists,
        dry_run=dry_run,
    )
