"""``kinolog import imdb-ratings``: IMDb's "Your ratings" export into the diary.

IMDb has written this CSV in several forms: 13 columns (``Const, Your Rating, Date Rated,
Title, URL, Title Type, IMDb Rating, Runtime (mins), Year, Genres, Num Votes, Release Date,
Directors``), 14 with ``Original Title`` after ``Title``, and before 2017 one with
``position, const, created, ..., You rated``. Columns are found by name, in any order; the
values of ``Title Type`` are in the account's language and are not needed.

Every rating becomes an undated rated entry (a rating is not a viewing with a known date)
logged at its ``Date Rated``, under the film's ``imdb:`` key whether or not the catalogue
knows the film yet, with the title and year copied. IMDb's 1-10 is kinolog's 1-10.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from kinolog.db.errors import ImportFailed, InvalidValue, KinologError
from kinolog.db.files import read_csv
from kinolog.db.formats.entries import (
    DiaryImportReport,
    ExportResult,
    ImportedEntry,
    apply_import,
)
from kinolog.db.formats.values import imdb_id_of, logged_stamp, parse_number, parse_year
from kinolog.db.models import DiaryEntry, FilmRef, imdb_id_of_ref
from kinolog.db.progress import SILENT, Progress
from kinolog.db.text import title_film_key

if TYPE_CHECKING:
    from kinolog.db.catalogue import Catalogue
    from kinolog.db.diary import Diary

__all__ = [
    "COLUMNS",
    "EXPORT_COLUMNS",
    "import_imdb_ratings",
    "read_imdb_ratings",
    "write_imdb_ratings",
]

# Field -> folded column names it may have, best first (see kinolog.db.files.fold_column).
COLUMNS: dict[str, tuple[str, ...]] = {
    "const": ("const", "tconst", "imdbid", "imdbconst", "id"),
    "rating": ("yourrating", "yourated", "myrating", "rating", "rating10"),
    "date": ("daterated", "created", "ratedon", "date", "modified"),
    "title": ("title", "primarytitle", "name"),
    "original_title": ("originaltitle",),
    "url": ("url", "imdburl"),
    "year": ("year", "startyear"),
    "release": ("releasedate", "releasedatemonthdayyear"),
}


def _columns(found: Sequence[str], source: str) -> dict[str, str]:
    """Field -> the file's column for it.

    Raises:
        ImportFailed: no rating column, or nothing that names the title (Const or URL).
    """
    resolved: dict[str, str] = {}
    for name, synonyms in COLUMNS.items():
        for synonym in synonyms:
            if synonym in found and synonym not in resolved.values():
                resolved[name] = synonym
                break
    if "rating" not in resolved or not ({"const", "url"} & set(resolved)):
        raise ImportFailed(
            f"{source}: not IMDb's ratings export (needs Const and Your Rating columns; "
            f"found {', '.join(found[:20]) or 'none'})"
        )
    return resolved


def _rating(text: str) -> int:
    number = parse_number(text, "rating")
    if number is None:
        raise InvalidValue("no rating")
    if number != int(number) or not 1 <= number <= 10:
        raise InvalidValue(f"rating {text!r} is not a whole number 1-10")
    return int(number)


def parse_row(values: dict[str, str], columns: dict[str, str], source: str) -> ImportedEntry:
    """One rating row as a diary entry.

    Raises:
        KinologError: a bad value; the message names it.
    """

    def cell(name: str) -> str:
        return values.get(columns[name], "") if name in columns else ""

    imdb_id = imdb_id_of(cell("const")) or imdb_id_of(cell("url"))
    if imdb_id is None:
        raise InvalidValue(f"no IMDb id (Const {cell('const')!r})")
    rating = _rating(cell("rating"))
    year = parse_year(cell("year")) if cell("year") else parse_year(cell("release"))
    title = " ".join((cell("title") or cell("original_title") or imdb_id).split())
    titles = {title, " ".join(cell("original_title").split())} - {""}
    return ImportedEntry(
        film=FilmRef(key=f"imdb:{imdb_id}", title=title, year=year, imdb_id=imdb_id),
        aliases=tuple(sorted(title_film_key(name, year) for name in titles)),
        rating=rating,
        watched=None,
        logged_at=logged_stamp(cell("date")),
        source=source,
    )


def read_imdb_ratings(
    paths: Sequence[Path], report: DiaryImportReport, progress: Progress = SILENT
) -> list[ImportedEntry]:
    """Every usable rating in the files, oldest first; bad rows and files go to the report.

    Raises:
        ImportFailed: no file could be read as a ratings export.
    """
    entries: list[ImportedEntry] = []
    seen: set[tuple[str, int, str | None]] = set()
    unusable: list[str] = []
    readable = 0
    for path in paths:
        try:
            table = read_csv(path.read_bytes(), str(path))
            columns = _columns(table.columns, str(path))
        except ImportFailed as error:
            unusable.append(str(error))
            continue
        except OSError as error:
            unusable.append(f"{path}: cannot read it ({error.strerror or error})")
            continue
        readable += 1
        progress.start(f"IMDb ratings: {path}", len(table.rows))
        for line, values in table.rows:
            report.rows += 1
            source = f"{path} line {line}"
            try:
                entry = parse_row(values, columns, source)
            except KinologError as error:
                report.bad.append(f"{source}: {error}")
                progress.problem(f"{source}: {error}")
                continue
            finally:
                progress.advance(1)
            identity = (entry.film.key, entry.rating or 0, entry.logged_at)
            if identity not in seen:  # the same row twice is one rating
                seen.add(identity)
                entries.append(entry)
        progress.finish()
    if not readable:
        raise ImportFailed("; ".join(unusable) or "no file to import")
    for message in unusable:  # the other files were imported
        report.bad.append(message)
        progress.problem(message)
    order = {id(entry): index for index, entry in enumerate(entries)}
    entries.sort(key=lambda entry: (entry.logged_at or "9999", order[id(entry)]))
    return entries


def import_imdb_ratings(
    diary: Diary,
    paths: Sequence[Path],
    *,
    catalogue: Catalogue | None = None,
    dry_run: bool = False,
    progress: Progress = SILENT,
) -> DiaryImportReport:
    """Import IMDb "Your ratings" CSV files into the diary as one undoable batch.

    Bad rows are reported with their line and skipped; re-importing adds nothing; a
    rating changed on IMDb since comes in as a newer entry (it becomes the current one).
    The diary is backed up first (not on a dry run).

    Args:
        diary: the diary to import into.
        paths: the CSV files.
        catalogue: only used to list the films it does not know yet (they keep their
            ``imdb:`` keys and find their films once the catalogue has them).
        dry_run: report what would change; write nothing.
        progress: told about each file and each bad row.

    Raises:
        ImportFailed: no file could be read as IMDb's ratings export.
    """
    report = DiaryImportReport(source=", ".join(str(p) for p in paths), kind="imdb-ratings")
    entries = read_imdb_ratings(paths, report, progress)
    if catalogue is not None:
        known = _known_ids(catalogue, {entry.film.imdb_id or "" for entry in entries})
        for entry in entries:
            if entry.film.imdb_id not in known and entry.film.label not in report.unmatched:
                report.unmatched.append(entry.film.label)
    return apply_import(diary, entries, report, dry_run=dry_run)


def _known_ids(catalogue: Catalogue, imdb_ids: set[str]) -> set[str]:
    """Which of these IMDb ids the catalogue has (one query per 500, not a film load each)."""
    wanted = sorted(imdb_ids)
    known: set[str] = set()
    with catalogue.store.read() as conn:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = conn.execute(f"SELECT imdb_id FROM films WHERE imdb_id IN ({marks})", chunk)
            known.update(row[0] for row in rows)
    return known


# -- writing IMDb's ratings CSV ---------------------------------------------------------------

EXPORT_COLUMNS = (
    "Const", "Your Rating", "Date Rated", "Title", "Original Title", "URL", "Title Type",
    "IMDb Rating", "Runtime (mins)", "Year", "Genres", "Num Votes", "Release Date", "Directors",
)  # fmt: skip


def write_imdb_ratings(
    entries: Sequence[DiaryEntry], out: IO[str], catalogue: Catalogue | None = None
) -> ExportResult:
    """IMDb's "Your ratings" CSV (:data:`EXPORT_COLUMNS`): each rated film's current rating.

    Films without an IMDb id cannot be named there and are left out (counted).

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
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    rows = left_out = 0
    for entry in sorted(current.values(), key=lambda e: (e.logged_at, e.id), reverse=True):
        imdb_id = imdb_id_of_ref(entry.film)
        if not imdb_id:
            left_out += 1
            continue
        film = catalogue.resolve(entry.film) if catalogue else None
        writer.writerow(
            (
                imdb_id, entry.rating, entry.logged_at[:10], entry.film.title,
                (film.original_title or film.title) if film else "",
                f"https://www.imdb.com/title/{imdb_id}/", "", "",
                film.runtime or "" if film else "", entry.film.year or "",
                ", ".join(film.genres) if film else "",
                film.votes or "" if film else "", "",
                ", ".join(film.directors) if film else "",
            )
        )  # fmt: skip
        rows += 1
    reason = "rated films without an IMDb id cannot be named in IMDb's format"
    return ExportResult(rows, left_out, reason if left_out else "")
