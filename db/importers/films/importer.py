"""``kinolog import films``: a film list from a CSV or JSON file, with a column mapping.

For catalogues that come from elsewhere: an IMDb or Letterboxd list export, a spreadsheet,
or kinolog's own ``export catalogue`` JSON. Each column is matched to a field by name
(ignoring case, spaces and punctuation, with common synonyms such as ``Const`` or ``Name``);
``mapping`` overrides that. Re-importing updates a film by its IMDb id, else by title and
year. The whole file is one transaction; malformed rows are counted and skipped.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kinolog.db.errors import ImportFailed, InvalidValue
from kinolog.db.external_ids import letterboxd_link
from kinolog.db.files import csv_rows
from kinolog.db.importers.films.upsert import FilmRow, ListWriter
from kinolog.db.importers.merge import merge_review_films
from kinolog.db.progress import SILENT, Progress
from kinolog.db.search import FilmSearch
from kinolog.db.store import now_iso
from kinolog.db.text import fold

if TYPE_CHECKING:
    from kinolog.db.catalogue import Catalogue

__all__ = ["FIELDS", "FilmsListResult", "import_films_list"]

FIELDS = (
    "title", "original_title", "year", "imdb_id", "countries", "directors", "writers", "cast",
    "genres", "runtime", "titles", "votes", "imdb_rating", "tmdb_id", "letterboxd_uri",
)  # fmt: skip
# Column names (folded: lower case, letters and digits only) each field is found under.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "title": ("title", "name", "primarytitle", "film", "movie", "filmtitle", "titel"),
    "original_title": ("originaltitle", "original", "originaltitel"),
    "year": ("year", "startyear", "releaseyear", "releasedate", "released", "jahr"),
    "imdb_id": ("imdbid", "imdb", "const", "tconst", "imdbconst", "url", "imdburl"),
    "countries": ("countries", "country", "land", "lander", "produktionsland"),
    "directors": ("directors", "director", "directedby", "regie"),
    "writers": ("writers", "writer", "writtenby", "drehbuch"),
    "cast": ("cast", "actors", "stars", "starring", "darsteller", "besetzung"),
    "genres": ("genres", "genre"),
    "runtime": ("runtime", "runtimemins", "runtimeminutes", "length", "minutes", "laufzeit"),
    "tmdb_id": ("tmdbid", "tmdb", "themoviedbid"),
    "letterboxd_uri": ("letterboxduri", "letterboxd", "letterboxdurl"),
    "titles": ("titles", "akas", "alternativetitles", "alsoknownas", "alternativtitel"),
    "votes": ("votes", "numvotes", "imdbvotes"),
    "imdb_rating": ("imdbrating", "averagerating"),
}
MAX_REPORTED = 5


@dataclass
class FilmsListResult:
    """What importing one film list did."""

    path: Path
    rows: int = 0
    added: int = 0
    updated: int = 0
    merged: int = 0
    malformed: int = 0
    ambiguous: int = 0
    examples: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


def _fold_column(name: str) -> str:
    """``Runtime (mins)`` -> ``runtimemins``, ``Länder`` -> ``lander``."""
    return fold(name).replace(" ", "")


def resolve_columns(
    columns: Sequence[str], mapping: Mapping[str, str], path: Path
) -> dict[str, str]:
    """Field -> column name, from the explicit mapping and then by (synonym) name.

    Raises:
        InvalidValue: a mapping names an unknown field.
        ImportFailed: a mapped column is not in the file, or no column gives the title.
    """
    by_fold: dict[str, str] = {}
    for column in columns:
        by_fold.setdefault(_fold_column(column), column)
    resolved: dict[str, str] = {}
    for name, column in mapping.items():
        if name not in FIELDS:
            raise InvalidValue(f"--map {name}=...: unknown field; fields: {', '.join(FIELDS)}")
        found: str | None = column if column in columns else by_fold.get(_fold_column(column))
        if found is None:
            raise ImportFailed(
                f"{path}: no column {column!r} (for {name}); columns: {', '.join(columns[:30])}"
            )
        resolved[name] = found
    taken = set(resolved.values())
    for name in FIELDS:
        if name in resolved:
            continue
        for synonym in SYNONYMS[name]:
            match = by_fold.get(synonym)
            if match is not None and match not in taken:
                resolved[name] = match
                taken.add(match)
                break
    if "title" not in resolved:
        raise ImportFailed(
            f"{path}: no title column; name one with --map title=COLUMN; columns: "
            f"{', '.join(columns[:30]) or 'none'}"
        )
    return resolved


def _read_records(path: Path) -> tuple[list[str], Iterator[tuple[int, Mapping[str, Any]]], str]:
    """The columns, the records with their line (CSV) or item (JSON) numbers, and the format."""
    try:
        with path.open("rb") as file:
            head = file.read(4096).decode("utf-8-sig", errors="replace").lstrip()
    except OSError as error:
        raise ImportFailed(f"{path}: cannot read it ({error.strerror})") from None
    if path.suffix.lower() == ".json" or head[:1] in ("[", "{"):
        return _read_json(path)
    return _read_csv(path, head)


def _read_json(path: Path) -> tuple[list[str], Iterator[tuple[int, Mapping[str, Any]]], str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFailed(f"{path}: not UTF-8 text") from None
    except ValueError as error:
        raise ImportFailed(f"{path}: not valid JSON ({error})") from None
    if isinstance(data, dict) and isinstance(data.get("films"), list):
        data = data["films"]
    if not isinstance(data, list):
        raise ImportFailed(f'{path}: expected a JSON array of films or {{"films": [...]}}')
    columns: dict[str, None] = {}
    for item in data:
        if isinstance(item, dict):
            columns.update(dict.fromkeys(str(key) for key in item))
    return list(columns), ((number, item) for number, item in enumerate(data, 1)), "json"


# A film list is streamed (never read whole), so it may be as large as a catalogue's source.
_MAX_LIST_BYTES = 16 * 1024**3
_MAX_LIST_ROWS = 100_000_000


def _read_csv(
    path: Path, head: str
) -> tuple[list[str], Iterator[tuple[int, Mapping[str, Any]]], str]:
    """The CSV's columns as written, and its records by those names, streamed by the one
    CSV reader (:func:`kinolog.db.files.csv_rows`): any encoding it knows, ``;`` or tabs."""
    limits = {"max_bytes": _MAX_LIST_BYTES, "max_rows": _MAX_LIST_ROWS}
    with csv_rows(path, str(path), **limits) as (names, _folded, _rows):
        columns = list(names)

    def records() -> Iterator[tuple[int, Mapping[str, Any]]]:
        with csv_rows(path, str(path), **limits) as (_names, folded, rows):
            named = dict(zip(folded, columns, strict=True))
            for line, values in rows:
                yield line, {named[column]: value for column, value in values.items()}

    return columns, records(), "csv"


def import_films_list(
    catalogue: Catalogue,
    path: Path,
    *,
    mapping: Mapping[str, str] | None = None,
    progress: Progress = SILENT,
) -> FilmsListResult:
    """Import a CSV or JSON film list (see the module docstring).

    Args:
        catalogue: the catalogue to fill.
        path: a ``.csv`` (``,``, ``;`` or tab separated) or ``.json`` file.
        mapping: field -> column, for columns not found by name (``{"title": "Name"}``).
        progress: told about the rows done and each reported malformed row.

    Raises:
        ImportFailed: the file cannot be read or has no title column; nothing was imported.
        InvalidValue: ``mapping`` names an unknown field.
    """
    started = time.perf_counter()
    result = FilmsListResult(path)
    columns, records, form = _read_records(path)
    result.columns = resolve_columns(columns, mapping or {}, path)
    total = path.stat().st_size
    progress.start(f"films ({path.name})", total)
    done = 0
    search = FilmSearch(catalogue)
    search.title_ids("")  # read the index before the write transaction starts
    with catalogue.store.write() as conn:
        writer = ListWriter(conn, now_iso(), search)
        for number, record in records:
            result.rows += 1
            where = f"line {number}" if form == "csv" else f"item {number}"
            row = _parse(record, result, where, progress)
            if row is not None:
                written = writer.write(row)
                result.added += written == "added"
                result.updated += written == "updated"
                if written == "ambiguous":
                    _ambiguous(result, where, row, writer, progress)
            # Roughly the bytes of the row: a bar for CSV, whose text reader cannot tell().
            size = sum(len(str(value)) + 1 for value in record.values()) if row else 0
            done += size
            if done <= total:
                progress.advance(size)
        outcome = merge_review_films(conn)
        result.merged = len(outcome.merged)
    progress.advance(max(0, total - done))
    progress.finish()
    result.seconds = time.perf_counter() - started
    return result


def _ambiguous(
    result: FilmsListResult, where: str, row: FilmRow, writer: ListWriter, progress: Progress
) -> None:
    """Report a row left out because it may be any of several films."""
    result.ambiguous += 1
    if result.ambiguous <= MAX_REPORTED and writer.last is not None:
        label = f"{row.title} ({row.year})" if row.year else row.title
        films = ", ".join(f"{c.label} [id:{c.film_id}]" for c in writer.last.possible[:3])
        message = (
            f"{result.path.name} {where}: {label} may be {films}; row left out"
            " (add its imdb_id or directors to tell)"
        )
        result.examples.append(message)
        progress.problem(message)


def _parse(
    record: Mapping[str, Any], result: FilmsListResult, where: str, progress: Progress
) -> FilmRow | None:
    """One record as a :class:`FilmRow`, or None (counted and reported) when malformed."""
    try:
        if not isinstance(record, Mapping):
            raise ValueError("not an object")
        return parse_row({name: record.get(column) for name, column in result.columns.items()})
    except ValueError as error:
        result.malformed += 1
        if result.malformed <= MAX_REPORTED:
            message = f"{result.path.name} {where}: {error}; row skipped"
            result.examples.append(message)
            progress.problem(message)
        return None


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d|2100)\b")
_IMDB_ID = re.compile(r"\b(tt\d{7,10})\b")
_LETTERBOXD = re.compile(r"^https?://(?:boxd\.it/|(?:www\.)?letterboxd\.com/)", re.IGNORECASE)
_LIST_FIELDS = frozenset(("countries", "directors", "writers", "cast", "genres", "titles"))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _items(value: Any) -> list[str]:
    """A list field: a JSON array, or text separated by ``|`` (else by ``,``)."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        parts = [_text(item) for item in value]
    else:
        text = _text(value)
        parts = text.split("|") if "|" in text else text.split(",")
    seen: dict[str, None] = {}
    for part in parts:
        if part.strip() and part.strip() != "\\N":
            seen.setdefault(part.strip(), None)
    return list(seen)


def parse_row(values: Mapping[str, Any]) -> FilmRow:
    """A film list row (field -> raw value) as a :class:`FilmRow`.

    Raises:
        ValueError: no title, or a year, runtime, IMDb id, votes or rating that is not one.
    """
    title = _text(values.get("title"))
    if not title:
        raise ValueError("no title")
    year_text = _text(values.get("year"))
    year = None
    if year_text:
        match = _YEAR.search(year_text)
        if match is None:
            raise ValueError(f"year {year_text[:20]!r} is not a year")
        year = int(match[1])
    imdb_text = _text(values.get("imdb_id"))
    letterboxd = _text(values.get("letterboxd_uri")) or None
    imdb_id = None
    if imdb_text and _LETTERBOXD.match(imdb_text) and not letterboxd:
        letterboxd = imdb_text  # a URL column holding Letterboxd's film links
    elif imdb_text:
        found = _IMDB_ID.search(imdb_text)
        if found is None:
            raise ValueError(f"imdb_id {imdb_text[:40]!r} is not an IMDb id (tt1234567)")
        imdb_id = found[1]
    letterboxd = letterboxd_link(letterboxd) if letterboxd else None
    tmdb_id = _text(values.get("tmdb_id")) or None
    if tmdb_id is not None and not tmdb_id.isdigit():
        raise ValueError(f"tmdb_id {tmdb_id[:20]!r} is not a TMDB id (a number)")
    numbers: dict[str, float | None] = {}
    for name in ("runtime", "votes", "imdb_rating"):
        text = (
            _text(values.get(name)).replace(",", "")
            if name == "votes"
            else _text(values.get(name)).replace(",", ".")
        )
        try:
            numbers[name] = float(text.split()[0]) if text else None
        except ValueError:
            raise ValueError(f"{name} {text[:20]!r} is not a number") from None
    lists = {name: _items(values.get(name)) for name in _LIST_FIELDS}
    original = _text(values.get("original_title")) or None
    return FilmRow(
        title=title,
        original_title=original if original != title else None,
        year=year,
        imdb_id=imdb_id,
        runtime=int(numbers["runtime"]) if numbers["runtime"] is not None else None,
        votes=int(numbers["votes"]) if numbers["votes"] is not None else None,
        imdb_rating=numbers["imdb_rating"],
        tmdb_id=tmdb_id,
        letterboxd_uri=letterboxd,
        **lists,
    )
