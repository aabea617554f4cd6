"""``kinolog import imdb-watchlist``: IMDb's watchlist (or a list) export onto the watchlist.

IMDb writes the watchlist and every list in one layout, of which there have been three:
``position, const, created, modified, description, Title, ...`` (every cell quoted, until
2017), ``Position, Const, Created, Modified, Description, Title, URL, Title Type, ...
Directors`` (15 columns, plus ``Your Rating, Date Rated`` when the account has ratings), and
since 2024 the same with ``Original Title`` (18 columns). Columns are found by name.

Each film is put on the watchlist, added on its ``Created`` day, its ``Description`` as the
note. Rows that are not films are left out unless ``--types`` asks for them. The ratings
such a file holds are not imported here: IMDb's ratings export has them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kinolog.db.errors import KinologError
from kinolog.db.formats.entries import apply_import
from kinolog.db.formats.film_finder import resolve_imported
from kinolog.db.formats.imdb.ratings import read_rows
from kinolog.db.formats.imdb.types import FILM_TYPES
from kinolog.db.formats.imported import ImportedWatchlistItem
from kinolog.db.formats.report import DiaryImportReport
from kinolog.db.formats.values import parse_date
from kinolog.db.progress import SILENT, Progress

if TYPE_CHECKING:
    from kinolog.db.catalogue import Catalogue
    from kinolog.db.diary import Diary

__all__ = ["import_imdb_watchlist", "read_imdb_watchlist"]


def read_imdb_watchlist(
    paths: Sequence[Path],
    report: DiaryImportReport,
    progress: Progress = SILENT,
    *,
    types: frozenset[str] | None = FILM_TYPES,
) -> list[ImportedWatchlistItem]:
    """The watchlist films of the files, in their order; problems go to the report.

    Raises:
        ImportFailed: no file could be read as a watchlist or list export.
    """
    items: list[ImportedWatchlistItem] = []
    rated = 0
    for row, _listed in read_rows(paths, report, progress, needs="list", types=types):
        try:
            added = parse_date(row.cell("created"))
        except KinologError as error:
            report.bad.append(f"{row.source}: {error}")
            progress.problem(f"{row.source}: {error}")
            continue
        rated += bool(row.cell("rating").strip())
        note = " ".join(row.cell("note").split()) or None
        items.append(
            ImportedWatchlistItem(row.film, added, note, row.source, row.aliases, row.evidence())
        )
    if rated:
        report.notes.append(
            f"your ratings of {rated} of them are left to IMDb's ratings export"
            " (kinolog import imdb-ratings)"
        )
    return items


def import_imdb_watchlist(
    diary: Diary,
    paths: Sequence[Path],
    *,
    catalogue: Catalogue | None = None,
    dry_run: bool = False,
    progress: Progress = SILENT,
    types: frozenset[str] | None = FILM_TYPES,
) -> DiaryImportReport:
    """Put the films of IMDb watchlist (or list) exports on the watchlist, as one undoable
    batch; films already on it stay as they are.

    Args:
        types: the IMDb title types to import (None: all); films by default.

    Raises:
        ImportFailed: no file could be read as a watchlist or list export.
    """
    report = DiaryImportReport(source=", ".join(str(p) for p in paths), kind="imdb-watchlist")
    items = read_imdb_watchlist(paths, report, progress, types=types)
    items = resolve_imported(catalogue, items, report)
    return apply_import(diary, [], report, watchlist=items, dry_run=dry_run)
