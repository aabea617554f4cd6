"""``kinolog import imdb-ratings``: IMDb's "Your ratings" export into the diary.

IMDb has written this CSV in several forms: 13 columns (``Const, Your Rating, Date Rated,
Title, URL, Title Type, IMDb Rating, Runtime (mins), Year, Genres, Num Votes, Release Date,
Directors``), 14 with ``Original Title`` after ``Title``, and before 2017 one with
``position, const, created, ..., You rated``. Columns are found by name, in any order.

Every rating becomes an undated rated entry (a rating is not a viewing with a known date)
logged at its ``Date Rated`` (unknown when the cell is empty), under the film's ``imdb:``
key (with the title and year copied) whether or not the catalogue knows the film yet; the
film resolver may also find it among films without an IMDb id (made from reviews or lists)
by title, year, directors, kind and runtime.
IMDb's 1-10 is kinolog's 1-10. Rows that are not films (episodes, series, games ...) are
left out unless ``--types`` asks for them (:mod:`.types`). A watchlist or list export
(``Position, Const, Created, ...``) read here gives the ratings it holds; its unrated rows
are counted, not errors.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kinolog.db.errors import ImportFailed, InvalidValue, KinologError
from kinolog.db.files import CsvTable, read_csv
from kinolog.db.formats.entries import apply_import
from kinolog.db.formats.film_finder import resolve_imported
from kinolog.db.formats.imdb.types import FILM_TYPES, kept, title_type, type_label
from kinolog.db.formats.imported import ImportedEntry
from kinolog.db.formats.report import DiaryImportReport
from kinolog.db.formats.values import imdb_id_of, logged_stamp, parse_number, parse_year
from kinolog.db.models import FilmRef
from kinolog.db.progress import SILENT, Progress
from kinolog.db.resolver import Evidence
from kinolog.db.text import title_film_key

if TYPE_CHECKING:
    from kinolog.db.catalogue import Catalogue
    from kinolog.db.diary import Diary

__all__ = ["COLUMNS", "ImdbRow", "import_imdb_ratings", "read_imdb_ratings", "read_rows"]

# Field -> folded column names it may have, best first (see kinolog.db.files.fold_column).
COLUMNS: dict[str, tuple[str, ...]] = {
    "const": ("const", "tconst", "imdbid", "imdbconst", "id"),
    "rating": ("yourrating", "yourated", "myrating", "rating", "rating10"),
    "date": ("daterated", "ratedon", "date"),
    "created": ("created", "dateadded", "added"),
    "note": ("description",),
    "title": ("title", "primarytitle", "name"),
    "original_title": ("originaltitle",),
    "url": ("url", "imdburl"),
    "year": ("year", "startyear"),
    "release": ("releasedate", "releasedatemonthdayyear"),
    "type": ("titletype", "type"),
    "position": ("position",),
    "runtime": ("runtimemins", "runtimeminutes", "runtime"),
    "directors": ("directors",),
}


@dataclass(frozen=True)
class ImdbRow:
    """One row of an IMDb export, its film named, its type read; the caller keeps what it
    needs (a rating, or the date it was added to a list)."""

    film: FilmRef
    aliases: tuple[str, ...]
    title_type: str | None
    values: dict[str, str]
    columns: dict[str, str]
    source: str

    def cell(self, name: str) -> str:
        """The cell of a field (``rating``, ``created`` ...), ``""`` when there is none."""
        return self.values.get(self.columns[name], "") if name in self.columns else ""

    def evidence(self) -> Evidence:
        """What the row says about its film, for the film resolver."""
        film, runtime = self.film, self.cell("runtime").strip()
        original = " ".join(self.cell("original_title").split())
        titles = tuple(dict.fromkeys(t for t in (film.title, original) if t != film.imdb_id))
        return Evidence(
            titles=tuple(t for t in titles if t),
            year=film.year,
            imdb_id=film.imdb_id,
            directors=tuple(n.strip() for n in self.cell("directors").split(",") if n.strip()),
            title_type=self.title_type,
            runtime=int(runtime) if runtime.isdigit() and 0 < int(runtime) < 10_000 else None,
            source=self.source,
        )


def columns_of(table: CsvTable, *, needs: str) -> dict[str, str]:
    """Field -> the file's column for it.

    Args:
        needs: ``rating`` (a ratings export, or a watchlist or list export holding
            ratings) or ``list`` (a watchlist or list export).

    Raises:
        ImportFailed: nothing that names the title (Const or URL), or not what is needed.
    """
    found, resolved = table.columns, dict[str, str]()
    for name, synonyms in COLUMNS.items():
        for synonym in synonyms:
            if synonym in found and synonym not in resolved.values():
                resolved[name] = synonym
                break
    if "date" not in resolved and "created" in resolved:
        resolved["date"] = resolved["created"]  # the legacy export: rated when "created"
    listed = "position" in resolved and "created" in resolved
    found_text = ", ".join(table.header[:20]) or "none"
    if not ({"const", "url"} & set(resolved)) or (
        needs == "rating" and "rating" not in resolved and not listed
    ):
        raise ImportFailed(
            f"{table.source}: not an IMDb export (needs Const and Your Rating, or Position,"
            f" Const and Created columns; found {found_text})"
        )
    if needs == "list" and not listed:
        hint = ""
        if "rating" in resolved:
            hint = " (IMDb's ratings export: kinolog import imdb-ratings)"
        raise ImportFailed(
            f"{table.source}: not an IMDb watchlist or list export{hint}: needs Position,"
            f" Const and Created columns; found {found_text}"
        )
    return resolved


def read_rows(
    paths: Sequence[Path],
    report: DiaryImportReport,
    progress: Progress,
    *,
    needs: str,
    types: frozenset[str] | None,
) -> list[tuple[ImdbRow, bool]]:
    """Every film row of the files (with whether its file is a watchlist or list export);
    bad rows and files go to the report, left-out types to ``report.skipped``.

    Raises:
        ImportFailed: no file could be read as an IMDb export.
    """
    rows: list[tuple[ImdbRow, bool]] = []
    unusable: list[str] = []
    for path in paths:
        try:
            table = read_csv(path, str(path))
            columns = columns_of(table, needs=needs)
        except ImportFailed as error:
            unusable.append(str(error))
            continue
        except OSError as error:
            unusable.append(f"{path}: cannot read it ({error.strerror or error})")
            continue
        listed = "position" in columns and "created" in columns
        progress.start(f"IMDb: {path}", len(table.rows))
        for line, values in table.rows:
            report.rows += 1
            source = f"{path} line {line}"
            try:
                row = _row(values, columns, source)
            except KinologError as error:
                report.bad.append(f"{source}: {error}")
                progress.problem(f"{source}: {error}")
                continue
            finally:
                progress.advance(1)
            if kept(row.title_type, types):
                rows.append((row, listed))
            else:
                name = row.title_type or ""
                report.skipped[name] = report.skipped.get(name, 0) + 1
        progress.finish()
    if len(unusable) == len(paths):
        raise ImportFailed("; ".join(unusable) or "no file to import")
    for message in unusable:  # the other files were imported
        report.bad.append(message)
        progress.problem(message)
    for name, count in sorted(report.skipped.items()):
        report.notes.append(
            f"left out {count} {type_label(name, count)} ({name}): not films;"
            f" --types films,{name} imports them too"
        )
    return rows


def _row(values: dict[str, str], columns: dict[str, str], source: str) -> ImdbRow:
    def cell(name: str) -> str:
        return values.get(columns[name], "") if name in columns else ""

    imdb_id = imdb_id_of(cell("const")) or imdb_id_of(cell("url"))
    if imdb_id is None:
        raise InvalidValue(f"no IMDb id (Const {cell('const')!r})")
    year = parse_year(cell("year")) if cell("year") else parse_year(cell("release"))
    title = " ".join((cell("title") or cell("original_title") or imdb_id).split())
    titles = {title, " ".join(cell("original_title").split())} - {""}
    return ImdbRow(
        film=FilmRef(key=f"imdb:{imdb_id}", title=title, year=year, imdb_id=imdb_id),
        aliases=tuple(sorted(title_film_key(name, year) for name in titles)),
        title_type=title_type(cell("type")),
        values=values,
        columns=columns,
        source=source,
    )


def rating_of(text: str) -> int | None:
    """A 1-10 rating cell; empty -> None.

    Raises:
        InvalidValue: not a whole number 1-10.
    """
    number = parse_number(text, "rating")
    if number is None:
        return None
    if number != int(number) or not 1 <= number <= 10:
        raise InvalidValue(f"rating {text!r} is not a whole number 1-10")
    return int(number)


def read_imdb_ratings(
    paths: Sequence[Path],
    report: DiaryImportReport,
    progress: Progress = SILENT,
    *,
    types: frozenset[str] | None = FILM_TYPES,
) -> list[ImportedEntry]:
    """Every usable rating in the files, oldest first; bad rows and files go to the report.

    Raises:
        ImportFailed: no file could be read as an IMDb export.
    """
    entries: list[ImportedEntry] = []
    seen: set[tuple[str, int, str | None]] = set()
    unrated = 0
    for row, listed in read_rows(paths, report, progress, needs="rating", types=types):
        try:
            rating = rating_of(row.cell("rating"))
            if rating is None and not listed:
                raise InvalidValue("no rating")
            logged = logged_stamp(row.cell("date"))
        except KinologError as error:
            report.bad.append(f"{row.source}: {error}")
            progress.problem(f"{row.source}: {error}")
            continue
        if rating is None:
            unrated += 1  # a watchlist or list export: most of its films are not rated
            continue
        entry = ImportedEntry(
            film=row.film,
            aliases=row.aliases,
            rating=rating,
            logged_at=logged,
            source=row.source,
            evidence=row.evidence(),
        )
        identity = (entry.film.key, rating, entry.logged_at)
        if identity not in seen:  # the same row twice is one rating
            seen.add(identity)
            entries.append(entry)
    if unrated:
        report.notes.append(
            f"{unrated} rows without your rating: a watchlist or list export;"
            " kinolog import imdb-watchlist puts its films on the watchlist"
        )
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
    types: frozenset[str] | None = FILM_TYPES,
) -> DiaryImportReport:
    """Import IMDb "Your ratings" CSV files into the diary as one undoable batch.

    Bad rows are reported with their line and skipped; re-importing changes nothing; a
    rating changed on IMDb since comes in as a newer entry (it becomes the current one).
    The diary is backed up first when anything changes (not on a dry run).

    Args:
        diary: the diary to import into.
        paths: the CSV files.
        catalogue: only used to list the films it does not know yet (they keep their
            ``imdb:`` keys and find their films once the catalogue has them).
        dry_run: report what would change; write nothing.
        progress: told about each file and each bad row.
        types: the IMDb title types to import (None: all); films by default.

    Raises:
        ImportFailed: no file could be read as IMDb's ratings export.
    """
    report = DiaryImportReport(source=", ".join(str(p) for p in paths), kind="imdb-ratings")
    entries = read_imdb_ratings(paths, report, progress, types=types)
    entries = resolve_imported(catalogue, entries, report)
    return apply_import(diary, entries, report, dry_run=dry_run)
