r"""kinolog's own diary files: JSON (the README's entry shape) and CSV, written and read back.

They carry everything a diary entry has (rating, watched date, rewatch, like, tags, note,
when it was logged; an unknown date is ``null`` or empty), so ``kinolog import diary`` of a
file that ``kinolog export diary`` wrote gives the same diary. Importing adds only entries
the diary does not have yet. In the CSV, tags share one cell joined by ``", "``; a comma or
backslash inside a tag is escaped with a backslash (``rock\, paper``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from kinolog.db.diary.values import join_tags, split_tags
from kinolog.db.errors import ImportFailed, InvalidValue, KinologError
from kinolog.db.files import MAX_CSV_BYTES, MAX_CSV_ROWS, csv_writer, decode_text, read_csv
from kinolog.db.formats.entries import apply_import
from kinolog.db.formats.imported import ImportedEntry
from kinolog.db.formats.report import DiaryImportReport, ExportResult
from kinolog.db.formats.values import parse_date, parse_year
from kinolog.db.models import NO_FILM, WAITING, DiaryEntry, FilmRef
from kinolog.db.progress import SILENT, Progress
from kinolog.db.ratings import check_rating, stars
from kinolog.db.text import title_film_key

if TYPE_CHECKING:
    from kinolog.db.catalogue import Catalogue
    from kinolog.db.diary import Diary

__all__ = ["CSV_COLUMNS", "import_kinolog", "join_tags", "split_tags", "write_csv", "write_json"]

CSV_COLUMNS = (
    "id", "film_key", "imdb_id", "title", "year", "rating", "stars", "watched", "logged_at",
    "rewatch", "liked", "tags", "note", "unlinked",
)  # fmt: skip


def write_json(
    entries: Sequence[DiaryEntry], out: IO[str], catalogue: Catalogue | None = None
) -> ExportResult:
    """A JSON array of diary entries (the README's shape), newest first."""
    out.write(json.dumps([entry.as_json() for entry in entries], ensure_ascii=False) + "\n")
    return ExportResult(len(entries))


def write_csv(
    entries: Sequence[DiaryEntry], out: IO[str], catalogue: Catalogue | None = None
) -> ExportResult:
    """:data:`CSV_COLUMNS`, newest first; tags as :func:`join_tags` writes them."""
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        writer.writerow(
            (
                entry.id, entry.film.key, entry.film.imdb_id or "", entry.film.title,
                entry.film.year or "", entry.rating or "", stars(entry.rating),
                entry.watched or "", entry.logged or "", int(entry.rewatch),
                int(entry.liked), join_tags(entry.tags), entry.note or "",
                entry.film.unlinked or "",
            )
        )  # fmt: skip
    return ExportResult(len(entries))


# -- reading back ---------------------------------------------------------------------------


def import_kinolog(
    diary: Diary,
    paths: Sequence[Path],
    *,
    catalogue: Catalogue | None = None,
    dry_run: bool = False,
    progress: Progress = SILENT,
) -> DiaryImportReport:
    """Import diary files that ``kinolog export diary --format json|csv`` wrote.

    Bad rows are reported with their line (or item) and skipped; importing the same file
    again adds nothing. The diary is backed up first (not on a dry run).

    Raises:
        ImportFailed: no file could be read as a kinolog diary export.
    """
    report = DiaryImportReport(source=", ".join(str(p) for p in paths), kind="kinolog")
    entries: list[ImportedEntry] = []
    unusable: list[str] = []
    for path in paths:
        try:
            records = list(_records(path))
        except ImportFailed as error:
            unusable.append(str(error))
            continue
        except OSError as error:
            unusable.append(f"{path}: cannot read it ({error.strerror or error})")
            continue
        progress.start(f"kinolog diary: {path}", len(records))
        for where, record in records:
            report.rows += 1
            try:
                entries.append(_entry(record, where))
            except (KinologError, ValueError, TypeError) as error:
                report.bad.append(f"{where}: {error}")
                progress.problem(f"{where}: {error}")
            progress.advance(1)
        progress.finish()
    if len(unusable) == len(paths):
        raise ImportFailed("; ".join(unusable) or "no file to import")
    for message in unusable:
        report.bad.append(message)
        progress.problem(message)
    entries.sort(key=lambda entry: entry.logged_at or "9999")
    return apply_import(diary, entries, report, dry_run=dry_run)


def _records(path: Path) -> Iterable[tuple[str, Mapping[str, Any]]]:
    """Each entry of the file as a mapping, with where it is (``file line 3``, ``file item 2``)."""
    if path.stat().st_size > MAX_CSV_BYTES:
        raise ImportFailed(f"{path}: too large ({path.stat().st_size:,} bytes)")
    data = path.read_bytes()
    text, _encoding = decode_text(data)
    if text.lstrip()[:1] == "[":
        try:
            items = json.loads(text)
        except ValueError as error:
            raise ImportFailed(f"{path}: not valid JSON ({error})") from None
        if not isinstance(items, list):
            raise ImportFailed(f"{path}: expected a JSON array of diary entries")
        if len(items) > MAX_CSV_ROWS:
            raise ImportFailed(f"{path}: more than {MAX_CSV_ROWS:,} entries")
        return [(f"{path} item {number}", item) for number, item in enumerate(items, 1)]
    table = read_csv(data, str(path))
    if not {"filmkey", "title", "rating", "watched"} <= set(table.columns):
        raise ImportFailed(
            f"{path}: not a kinolog diary export (columns: {', '.join(table.header)})"
        )
    return [(f"{path} line {line}", _from_csv(values)) for line, values in table.rows]


def _from_csv(values: Mapping[str, str]) -> dict[str, Any]:
    """A CSV row in the JSON entry shape."""
    tags = values.get("tags", "")
    return {
        "film": {
            "key": values.get("filmkey", ""),
            "imdb_id": values.get("imdbid") or None,
            "title": values.get("title", ""),
            "year": values.get("year") or None,
            "unlinked": values.get("unlinked") or None,
        },
        "rating": values.get("rating") or None,
        "watched": values.get("watched") or None,
        "logged_at": values.get("loggedat") or None,
        "rewatch": values.get("rewatch", "") in ("1", "true", "yes"),
        "liked": values.get("liked", "") in ("1", "true", "yes"),
        "tags": split_tags(tags),
        "note": values.get("note") or None,
    }


def _link_state(value: Any) -> str | None:
    """An exported entry's link state: it named no film (waiting, or "not in the catalogue")."""
    return value if value in (WAITING, NO_FILM) else None


def _entry(record: Mapping[str, Any], where: str) -> ImportedEntry:
    """One exported entry as an :class:`ImportedEntry`."""
    if not isinstance(record, Mapping) or not isinstance(record.get("film"), Mapping):
        raise InvalidValue("not a diary entry (no film)")
    film = record["film"]
    title = str(film.get("title") or "").strip()
    if not title:
        raise InvalidValue("the film has no title")
    year = parse_year(str(film.get("year") or ""))
    imdb_id = film.get("imdb_id") or None
    key = str(film.get("key") or "") or (
        f"imdb:{imdb_id}" if imdb_id else title_film_key(title, year)
    )
    rating = record.get("rating")
    tags = record.get("tags") or []
    if not isinstance(tags, list):
        raise InvalidValue("tags must be a list")
    return ImportedEntry(
        film=FilmRef(key, title, year, imdb_id, unlinked=_link_state(film.get("unlinked"))),
        aliases=(title_film_key(title, year),),
        rating=check_rating(int(rating)) if rating not in (None, "") else None,
        watched=parse_date(str(record.get("watched") or "")),
        logged_at=record.get("logged_at") or None,
        rewatch=bool(record.get("rewatch")),
        liked=bool(record.get("liked")),
        tags=tuple(str(tag) for tag in tags),
        note=record.get("note") or None,
        source=where,
    )
