"""``kinolog import letterboxd``: a Letterboxd data export into the diary.

Reads the export ``.zip`` (with or without a top folder), its unpacked folder, or single
CSV files: ``diary.csv`` (viewings), ``reviews.csv`` (review texts, merged into their
viewing), ``ratings.csv`` (film ratings), ``watched.csv`` (films marked watched). Files are
recognised by name, else by their columns; the export's ``deleted/``, ``orphaned/``,
``lists/`` and ``likes/`` folders and ``watchlist.csv`` are never read. Letterboxd's *import*
CSV (``Title, Year, imdbID, ..., WatchedDate, Rewatch, Tags, Review``, which
``kinolog export diary --format letterboxd`` writes) is read too: one entry per row.

How the files combine, so that nothing is counted twice:

* each diary row is a viewing; a review joins the viewing with the same Letterboxd URI
  (else the same film and watched date) as its note, or is an entry of its own;
* a rating is an undated rated entry when no viewing of the film carries that rating as
  its latest (Letterboxd's film rating is the current one; kinolog's current rating is
  the latest rated entry);
* a watched film is an undated, unrated entry only when nothing else logs that film.

Films have no IMDb id in Letterboxd's export: they are found in the catalogue by title and
year; films it does not know keep a title-and-year key and are listed in the report.
"""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING

from kinolog.db.diary import clean_tags
from kinolog.db.errors import ImportFailed, InvalidValue, KinologError
from kinolog.db.files import CsvTable, read_csv
from kinolog.db.formats.entries import (
    DiaryImportReport,
    ExportResult,
    ImportedEntry,
    apply_import,
    film_keys,
)
from kinolog.db.formats.film_finder import FilmFinder
from kinolog.db.formats.values import (
    csv_files,
    html_to_text,
    imdb_id_of,
    logged_stamp,
    parse_date,
    parse_number,
    parse_year,
)
from kinolog.db.models import DiaryEntry, FilmRef, imdb_id_of_ref
from kinolog.db.progress import SILENT, Progress
from kinolog.db.text import title_film_key

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
]

_SKIPPED_FOLDERS = frozenset({"deleted", "orphaned", "lists", "likes"})
_TRUE = frozenset({"yes", "true", "1", "y", "x", "ja", "oui", "sí", "si"})


# -- reading the files ------------------------------------------------------------------------


@dataclass(frozen=True)
class LetterboxdRow:
    """One usable row of a Letterboxd file, with its film not yet looked up."""

    kind: str
    source: str
    name: str
    year: int | None
    imdb_id: str | None
    uri: str
    rating: int | None
    watched: str | None
    logged_at: str | None
    rewatch: bool
    tags: tuple[str, ...]
    note: str | None


def _kind_of(table: CsvTable, name: str) -> str | None:
    """Which Letterboxd file this is, by its name and columns (None: not one to read)."""
    columns = set(table.columns)
    stem = PurePosixPath(name).stem.casefold()
    if columns & {"filmkey", "const", "yourrating"}:
        return None  # kinolog's own CSV export, or IMDb's ratings: not Letterboxd files
    if "letterboxduri" in columns and "name" in columns:
        if stem == "watchlist":
            return None
        if "review" in columns:
            return "reviews"
        if "watcheddate" in columns or "rewatch" in columns:
            return "diary"
        if "rating" in columns:
            return "ratings"
        return "watched"
    if columns & {"title", "name", "imdbid"} and columns & {
        "watcheddate", "rating", "rating10", "imdbid", "review", "date",
    }:  # fmt: skip
        return "import"
    return None


def _rating(kind: str, values: dict[str, str]) -> int | None:
    """The row's rating as 1-10: Rating10 (the import CSV), else Rating (0.5-5 in half
    steps); empty or 0 (some tools' "not rated") is None."""
    ten = parse_number(values.get("rating10", ""), "Rating10") if kind == "import" else None
    if ten is not None:
        if ten != int(ten) or not 0 <= ten <= 10:
            raise InvalidValue(f"Rating10 {values['rating10']!r} is not a whole number 1-10")
        return int(ten) or None
    stars = parse_number(values.get("rating", ""), "rating")
    if not stars:
        return None
    if stars * 2 != int(stars * 2) or not 0.5 <= stars <= 5:
        raise InvalidValue(f"rating {values['rating']!r} is not 0.5-5 in half steps")
    return int(stars * 2)


def parse_row(kind: str, source: str, values: dict[str, str]) -> LetterboxdRow:
    """Read one row of a Letterboxd file.

    Raises:
        KinologError: a bad value (the message names it; the caller adds the row).
    """
    name = values.get("name") or values.get("title") or ""
    imdb_id = imdb_id_of(values.get("imdbid", ""))
    if not name and not imdb_id:
        raise InvalidValue("no film name")
    year = parse_year(values.get("year", ""))
    watched = None
    if kind in ("diary", "reviews", "import"):
        watched = parse_date(values.get("watcheddate", ""))
    logged = values.get("date", "") if kind != "import" else ""
    note = values.get("review", "")
    return LetterboxdRow(
        kind=kind,
        source=source,
        name=" ".join(name.split()) or (imdb_id or ""),
        year=year,
        imdb_id=imdb_id,
        uri=values.get("letterboxduri", "").strip(),
        rating=None if kind == "watched" else _rating(kind, values),
        watched=watched,
        logged_at=logged_stamp(logged) if logged else None,
        rewatch=values.get("rewatch", "").strip().casefold() in _TRUE,
        tags=clean_tags(values.get("tags", "").split(",")),
        note=html_to_text(note) or None if note else None,
    )


def read_letterboxd(
    paths: Sequence[Path], report: DiaryImportReport, progress: Progress = SILENT
) -> list[LetterboxdRow]:
    """Every usable row of the Letterboxd files under ``paths``; problems go to the report.

    A path that cannot be used (missing, not a zip, no Letterboxd file in it) is one bad
    entry in the report and the other paths go on; when none can be used, nothing is.

    Raises:
        ImportFailed: no path holds a Letterboxd file (the message says why for each).
    """
    rows: list[LetterboxdRow] = []
    unusable: list[str] = []
    for path in paths:
        tables = _read_path(path, rows, report, progress)
        if isinstance(tables, str):
            unusable.append(tables)
    if len(unusable) == len(paths):
        raise ImportFailed("; ".join(unusable))
    for message in unusable:
        _problem(report, progress, message)
    return rows


def _read_path(
    path: Path, rows: list[LetterboxdRow], report: DiaryImportReport, progress: Progress
) -> int | str:
    """Read the Letterboxd files under one path: how many, or why there are none."""
    if not path.exists():
        return f"{path}: no such file or folder"
    try:
        members = list(csv_files(path, skip_folders=_SKIPPED_FOLDERS))
    except ImportFailed as error:
        return str(error)
    except OSError as error:
        return f"{path}: cannot read it ({error.strerror or error})"
    single = len(members) == 1 and path.is_file() and not zipfile.is_zipfile(path)
    tables = 0
    for source, name, data in members:
        try:
            table = read_csv(data, source)
        except ImportFailed as error:
            if single:  # inside an export, other CSVs are none of our business
                return str(error)
            continue
        kind = _kind_of(table, name)
        if kind is None:
            if single:
                return (
                    f"{source}: not a Letterboxd export file (columns: {', '.join(table.columns)})"
                )
            continue
        tables += 1
        progress.start(f"{kind}: {source}", len(table.rows))
        for line, values in table.rows:
            report.rows += 1
            try:
                rows.append(parse_row(kind, f"{source} line {line}", values))
            except KinologError as error:
                _problem(report, progress, f"{source} line {line}: {error}")
            progress.advance(1)
        progress.finish()
    if not tables:
        return (
            f"{path}: no Letterboxd export files in it (diary.csv, ratings.csv, reviews.csv,"
            " watched.csv, or a CSV with Title, Year, WatchedDate ... columns)"
        )
    return tables


def _problem(report: DiaryImportReport, progress: Progress, message: str) -> None:
    report.bad.append(message)
    progress.problem(message)


# -- combining the files ------------------------------------------------------------------------


def _entry(row: LetterboxdRow, film: FilmRef, *, rating: bool = True) -> ImportedEntry:
    return ImportedEntry(
        film=film,
        aliases=(title_film_key(row.name, row.year),),
        rating=row.rating if rating else None,
        watched=row.watched,
        logged_at=row.logged_at,
        rewatch=row.rewatch,
        tags=row.tags,
        note=row.note,
        source=row.source,
    )


def find_films(
    rows: Sequence[LetterboxdRow],
    find: FilmFinder,
    report: DiaryImportReport,
    progress: Progress = SILENT,
) -> dict[int, FilmRef]:
    """Each row's film (by ``id(row)``); films the catalogue lacks go to ``report.unmatched``."""
    films: dict[int, FilmRef] = {}
    progress.start("finding the films in the catalogue", len(rows))
    for row in rows:
        film, matched = find(row.name, row.year, row.imdb_id)
        films[id(row)] = film
        if not matched and film.label not in report.unmatched:
            report.unmatched.append(film.label)
        progress.advance(1)
    progress.finish()
    return films


def combine(
    rows: Sequence[LetterboxdRow],
    films: Mapping[int, FilmRef],
    existing: Sequence[DiaryEntry] = (),
) -> tuple[list[ImportedEntry], int]:
    """Turn the rows of all files into diary entries, each viewing once (see the module).

    Args:
        rows: the rows of every file read.
        films: each row's film, by ``id(row)`` (:func:`find_films`).
        existing: the live diary: a rating it already has as its film's latest, or a film
            it already logs, is not imported again from ``ratings.csv`` or ``watched.csv``.

    Returns:
        The entries, in the order they were logged on Letterboxd, and how many rating or
        watched rows were left out because the diary already has them.
    """
    entries: list[ImportedEntry] = []
    by_uri: dict[str, int] = {}
    by_day: dict[tuple[str, str | None], list[int]] = {}

    def add(entry: ImportedEntry) -> None:
        by_day.setdefault((entry.film.key, entry.watched), []).append(len(entries))
        entries.append(entry)

    for row in rows:
        if row.kind in ("diary", "import"):
            if row.uri:
                by_uri[row.uri] = len(entries)
            add(_entry(row, films[id(row)]))
    for row in (row for row in rows if row.kind == "reviews"):
        film = films[id(row)]
        target = by_uri.get(row.uri) if row.uri else None
        if target is None:
            same_day = by_day.get((film.key, row.watched), [])
            target = next((index for index in same_day if not entries[index].note), None)
        if target is None:
            add(_entry(row, film))
            continue
        held = entries[target]
        entries[target] = replace(
            held,
            note=held.note or row.note,
            tags=clean_tags([*held.tags, *row.tags]),
            rating=held.rating if held.rating is not None else row.rating,
        )
    # A rating row is the film's current rating: new only when the film's latest rating,
    # in this import (else in the diary), differs. Otherwise the apply step decides.
    in_import = _latest_ratings((e.film, e.logged_at or "", e.rating) for e in entries)
    in_diary = _latest_ratings((e.film, e.logged_at, e.rating) for e in existing)
    in_diary_already, counted = 0, set[str]()
    for row in (row for row in rows if row.kind == "ratings" and row.rating is not None):
        entry = replace(_entry(row, films[id(row)]), watched=None, rewatch=False)
        keys = entry.keys
        latest = max((in_import[k] for k in keys if k in in_import), default=None)
        in_this_import = latest is not None
        if latest is None:
            latest = max((in_diary[k] for k in keys if k in in_diary), default=None)
        if latest is None or latest[1] != entry.rating:
            add(entry)
        elif not in_this_import:
            in_diary_already += 1
            counted |= keys
    logged = {key for entry in entries for key in entry.keys}
    in_diary_logged = {key for entry in existing for key in film_keys(entry.film)}
    # A rating row without a rating (hand-made files) says no more than a watched row.
    unrated = ("watched", "ratings")
    for row in (row for row in rows if row.kind in unrated and row.rating is None):
        entry = _entry(row, films[id(row)], rating=False)
        if not entry.keys & (logged | in_diary_logged):
            add(entry)
            logged |= entry.keys
        elif not entry.keys & (logged | counted):
            in_diary_already += 1
            counted |= entry.keys
    order = {id(entry): index for index, entry in enumerate(entries)}
    entries.sort(key=lambda entry: (entry.logged_at or "9999", order[id(entry)]))
    return entries, in_diary_already


def _latest_ratings(
    facts: Iterable[tuple[FilmRef, str, int | None]],
) -> dict[str, tuple[str, int]]:
    """Film key -> (when logged, rating) of each film's latest rated entry."""
    latest: dict[str, tuple[str, int]] = {}
    for film, logged_at, rating in facts:
        if rating is None:
            continue
        for key in film_keys(film):
            if key not in latest or logged_at >= latest[key][0]:
                latest[key] = (logged_at, rating)
    return latest


def import_letterboxd(
    diary: Diary,
    paths: Sequence[Path],
    *,
    catalogue: Catalogue | None = None,
    dry_run: bool = False,
    progress: Progress = SILENT,
) -> DiaryImportReport:
    """Import a Letterboxd export (zip, folder or CSV files) into the diary as one batch.

    Bad rows are reported (with file and line) and skipped; the rest is imported. The
    diary is backed up first (not on a dry run); ``kinolog undo`` takes the whole import
    back; importing the same export again adds nothing.

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
    rows = read_letterboxd(paths, report, progress)
    films = find_films(rows, FilmFinder(catalogue), report, progress)
    entries, report.present = combine(rows, films, diary.entries())
    labels = {entry.film.label for entry in entries}
    report.unmatched = [label for label in report.unmatched if label in labels]
    return apply_import(diary, entries, report, dry_run=dry_run)


# -- writing Letterboxd's import CSV ----------------------------------------------------------

IMPORT_COLUMNS = (
    "Title", "Year", "imdbID", "Directors", "Rating", "Rating10", "WatchedDate", "Rewatch",
    "Tags", "Review",
)  # fmt: skip


def write_letterboxd(
    entries: Sequence[DiaryEntry], out: IO[str], catalogue: Catalogue | None = None
) -> ExportResult:
    """Letterboxd's import CSV (:data:`IMPORT_COLUMNS`): one row per entry, oldest first.

    ``kinolog import letterboxd`` reads it back. Letterboxd's import format has no column
    for a like: likes travel in kinolog's own JSON and CSV.

    Args:
        catalogue: fills in the directors when it knows the film.
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(IMPORT_COLUMNS)
    for entry in reversed(entries):
        film = catalogue.resolve(entry.film) if catalogue else None
        writer.writerow(
            (
                entry.film.title, entry.film.year or "", imdb_id_of_ref(entry.film) or "",
                ", ".join(film.directors) if film else "",
                f"{entry.rating / 2:g}" if entry.rating else "", entry.rating or "",
                entry.watched or "", "true" if entry.rewatch else "false",
                ", ".join(entry.tags), note_as_review(entry.note),
            )
        )  # fmt: skip
    return ExportResult(len(entries))


def note_as_review(note: str | None) -> str:
    """A note as a Letterboxd review: HTML, so ``<``, ``>`` and ``&`` are escaped.

    Line breaks stay line breaks; the importer's HTML reading gives the note back exactly.
    """
    if not note:
        return ""
    return note.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
