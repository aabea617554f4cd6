"""Reading the files of a Letterboxd export into rows, each with its kind.

Files are recognised by name, else by their columns (see :func:`kind_of`); a list file by
its first line (``Letterboxd list export v7``). The export's ``deleted/`` and ``orphaned/``
folders, ``comments.csv``, ``profile.csv`` and the likes of other people's reviews and lists
are never read.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kinolog.db.diary.values import clean_tags
from kinolog.db.errors import ImportFailed, InvalidValue, KinologError
from kinolog.db.external_ids import letterboxd_link
from kinolog.db.files import CsvTable, read_csv
from kinolog.db.formats.letterboxd.lists import ListFile, is_list_file, read_list_file
from kinolog.db.formats.report import DiaryImportReport
from kinolog.db.formats.values import (
    csv_files,
    html_to_text,
    imdb_id_of,
    logged_stamp,
    parse_date,
    parse_number,
    parse_year,
)
from kinolog.db.progress import SILENT, Progress
from kinolog.db.resolver import Evidence

__all__ = ["LetterboxdExport", "LetterboxdRow", "kind_of", "parse_row", "read_letterboxd"]

SKIPPED_FOLDERS = frozenset({"deleted", "orphaned"})
TRUE = frozenset({"yes", "true", "1", "y", "x", "ja", "oui", "sí", "si"})
# Kinds whose rows carry no rating (a rating column there is not the user's).
UNRATED = ("watched", "watchlist", "likes", "list")
# Kinds whose Letterboxd URI is the film's link (a diary or review row's is the entry's).
FILM_LINKS = frozenset({"ratings", "watched", "watchlist", "likes", "list", "import"})


@dataclass(frozen=True)
class LetterboxdRow:
    """One usable row of a Letterboxd file, with its film not yet looked up.

    Attributes:
        kind: ``diary``, ``reviews``, ``ratings``, ``watched``, ``watchlist``, ``likes``,
            ``import`` (Letterboxd's import CSV) or ``list`` (a film of a list).
        day: the row's ``Date`` as ``YYYY-MM-DD`` (when watched, rated, liked, added).
        position: a list film's position.
    """

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
    liked: bool = False
    day: str | None = None
    position: int | None = None
    tmdb_id: str | None = None
    directors: tuple[str, ...] = ()

    @property
    def by_id_only(self) -> bool:
        """Whether the row names its film only by a TMDB id or its Letterboxd link."""
        return not self.name

    @property
    def ids_label(self) -> str:
        """The ids the row names its film by, for people: ``tmdbID 603``."""
        shown = [f"tmdbID {self.tmdb_id}"] if self.tmdb_id else []
        if self.uri and self.kind in FILM_LINKS:
            shown.append(f"LetterboxdURI {self.uri}")
        return " and ".join(shown)

    def evidence(self) -> Evidence:
        """What the row says about its film, for the film resolver."""
        ids = [("tmdb", self.tmdb_id)] if self.tmdb_id else []
        if self.uri and self.kind in FILM_LINKS:
            ids.append(("letterboxd", letterboxd_link(self.uri)))
        titles = (self.name,) if self.name and self.name != self.imdb_id else ()
        return Evidence(
            titles, self.year, self.imdb_id, tuple(ids), self.directors, source=self.source
        )


@dataclass
class LetterboxdExport:
    """Everything read from the paths of one import: rows of every file, and the lists."""

    rows: list[LetterboxdRow] = field(default_factory=list)
    lists: list[ListFile] = field(default_factory=list)


def kind_of(table: CsvTable, member: PurePosixPath) -> str | None:
    """Which Letterboxd file this is, by its name and columns (None: not one to read)."""
    columns = set(table.columns)
    stem = member.stem.casefold()
    folder = member.parent.name.casefold()
    if columns & {"filmkey", "const", "yourrating"}:
        return None  # kinolog's own CSV export, or IMDb's ratings: not Letterboxd files
    if "letterboxduri" in columns and "name" in columns:
        if "review" in columns:
            return "reviews"
        if "watcheddate" in columns or "rewatch" in columns:
            return "diary"
        if "rating" in columns:
            return "ratings"
        return _film_file(stem, folder) or "watched"
    if columns & {"title", "name", "imdbid"} and columns & {
        "watcheddate", "rating", "rating10", "imdbid", "review", "date",
    }:  # fmt: skip
        # The import CSV; written for a watchlist (kinolog export watchlist), its name says so.
        return _film_file(stem, folder) or "import"
    return None


def _film_file(stem: str, folder: str) -> str | None:
    """``watchlist`` or ``likes`` when the file's name (or its folder) says so."""
    if "watchlist" in stem:
        return "watchlist"
    if (folder == "likes" and stem == "films") or stem.startswith("like"):
        return "likes"
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


def _tmdb_id(values: dict[str, str], named: bool) -> str | None:
    """The row's TMDB id; one that is not a number names no film (a bad row when it is all
    the row has to name its film)."""
    tmdb_id = values.get("tmdbid", "").strip() or None
    if tmdb_id is not None and not tmdb_id.isdigit():
        if not named:
            raise InvalidValue(f"tmdbID {tmdb_id!r} is not a TMDB id (a number)")
        return None
    return tmdb_id


def parse_row(kind: str, source: str, values: dict[str, str]) -> LetterboxdRow:
    """Read one row of a Letterboxd file.

    A row may name its film only by ``tmdbID`` or by its film's ``LetterboxdURI`` (as
    Letterboxd's import format allows): the film resolver then finds it by that id, or the
    import reports it as not kept (:func:`kinolog.db.formats.letterboxd.combine.find_films`).

    Raises:
        KinologError: a bad value (the message names it; the caller adds the row).
    """
    name = " ".join((values.get("name") or values.get("title") or "").split())
    imdb_id = imdb_id_of(values.get("imdbid", ""))
    uri = (values.get("letterboxduri") or values.get("url") or "").strip()
    tmdb_id = _tmdb_id(values, bool(name or imdb_id))
    by_id = kind in FILM_LINKS and bool(tmdb_id or uri)  # a diary row's URI is the entry's
    if not name and not imdb_id and not by_id:
        raise InvalidValue("no film name")
    watched = None
    if kind in ("diary", "reviews", "import"):
        watched = parse_date(values.get("watcheddate", ""))
    logged = values.get("date", "") if kind != "import" else ""
    note = values.get("review", "") if kind != "list" else values.get("description", "")
    position = values.get("position", "")
    return LetterboxdRow(
        kind=kind,
        source=source,
        name=name or (imdb_id or ""),
        year=parse_year(values.get("year", "")),
        imdb_id=imdb_id,
        uri=uri,
        rating=None if kind in UNRATED else _rating(kind, values),
        watched=watched,
        logged_at=logged_stamp(logged) if logged else None,
        rewatch=values.get("rewatch", "").strip().casefold() in TRUE,
        tags=clean_tags(values.get("tags", "").split(",")),
        note=(html_to_text(note) or None) if note else None,
        liked=(values.get("liked") or values.get("like") or "").strip().casefold() in TRUE,
        day=parse_date(logged) if logged else None,
        position=int(position) if position.strip().isdigit() else None,
        tmdb_id=tmdb_id,
        directors=tuple(n.strip() for n in values.get("directors", "").split(",") if n.strip()),
    )


def read_letterboxd(
    paths: Sequence[Path], report: DiaryImportReport, progress: Progress = SILENT
) -> LetterboxdExport:
    """Every usable row and list of the Letterboxd files under ``paths``; problems go to the
    report.

    A path that cannot be used (missing, not a zip, no Letterboxd file in it) is one bad
    entry in the report and the other paths go on; when none can be used, nothing is.

    Raises:
        ImportFailed: no path holds a Letterboxd file (the message says why for each).
    """
    export = LetterboxdExport()
    unusable: list[str] = []
    for path in paths:
        tables = _read_path(path, export, report, progress)
        if isinstance(tables, str):
            unusable.append(tables)
    if len(unusable) == len(paths):
        raise ImportFailed("; ".join(unusable))
    for message in unusable:
        problem(report, progress, message)
    return export


def _member(path: Path, source: str) -> PurePosixPath:
    """A file's path inside the export (a single file keeps its folder: ``likes/films.csv``)."""
    base = str(path)
    if source == base:
        return PurePosixPath(path.parent.name, path.name)
    return PurePosixPath(source[len(base) + 1 :])


def _read_path(
    path: Path, export: LetterboxdExport, report: DiaryImportReport, progress: Progress
) -> int | str:
    """Read the Letterboxd files under one path: how many, or why there are none."""
    if not path.exists():
        return f"{path}: no such file or folder"
    try:
        members = list(csv_files(path, skip_folders=SKIPPED_FOLDERS))
    except ImportFailed as error:
        return str(error)
    except OSError as error:
        return f"{path}: cannot read it ({error.strerror or error})"
    single = len(members) == 1 and path.is_file() and not zipfile.is_zipfile(path)
    tables = 0
    for source, _name, data in members:
        if is_list_file(data):
            try:
                found = read_list_file(data, source)
            except ImportFailed as error:
                if single:
                    return str(error)
                problem(report, progress, str(error))
                continue
            tables += 1
            export.lists.append(found)
            _rows(export, report, progress, "list", found.items, found.source)
            continue
        try:
            table = read_csv(data, source)
        except ImportFailed as error:
            if single:  # inside an export, other CSVs are none of our business
                return str(error)
            continue
        kind = kind_of(table, _member(path, source))
        if kind is None:
            if single:
                return (
                    f"{source}: not a Letterboxd export file (columns: {', '.join(table.columns)})"
                )
            continue
        tables += 1
        _rows(export, report, progress, kind, table.rows, source)
    if not tables:
        return (
            f"{path}: no Letterboxd export files in it (diary.csv, ratings.csv, reviews.csv,"
            " watched.csv, watchlist.csv, likes/films.csv, lists/*.csv, or a CSV with Title,"
            " Year, WatchedDate ... columns)"
        )
    return tables


def _rows(
    export: LetterboxdExport,
    report: DiaryImportReport,
    progress: Progress,
    kind: str,
    rows: Sequence[tuple[int, dict[str, str]]],
    source: str,
) -> None:
    progress.start(f"{kind}: {source}", len(rows))
    for line, values in rows:
        report.rows += 1
        try:
            export.rows.append(parse_row(kind, f"{source} line {line}", values))
        except KinologError as error:
            problem(report, progress, f"{source} line {line}: {error}")
        progress.advance(1)
    progress.finish()


def problem(report: DiaryImportReport, progress: Progress, message: str) -> None:
    """Report a row or file that could not be used."""
    report.bad.append(message)
    progress.problem(message)
