"""Importing critic reviews saved as text files.

Each file is imported whole or not at all (one savepoint per file). The content hash makes
re-importing a no-op, a changed file updates its review in place (found by its path), and a
renamed file is recognised by its hash. The raw text is kept so that ``reparse_reviews`` can
apply a better parser later.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kinolog.db.catalogue import Catalogue
from kinolog.db.importers.reviews.films import FilmMatch, match_film
from kinolog.db.importers.reviews.parse import parse_review
from kinolog.db.importers.reviews.text import ReviewFileError, decode_review_bytes
from kinolog.db.importers.reviews.types import ParsedReview
from kinolog.db.models import Film
from kinolog.db.progress import SILENT, Progress
from kinolog.db.search import FilmSearch
from kinolog.db.store import now_iso

REVIEW_SUFFIXES = frozenset({".txt", ".md", ".text"})
STATUSES = ("added", "updated", "unchanged", "failed")


@dataclass(frozen=True)
class FileResult:
    """What happened to one file: its status, the film (or why none) and any problem."""

    file: str
    status: str  # added | updated | unchanged | failed
    film_id: int | None = None
    film_label: str | None = None
    message: str = ""

    @property
    def needs_film(self) -> bool:
        """True when the review was stored but waits for its film."""
        return self.status != "failed" and self.film_id is None


@dataclass
class ReviewImportReport:
    """The outcome of importing a batch of review files."""

    results: list[FileResult] = field(default_factory=list)
    dry_run: bool = False

    def count(self, status: str) -> int:
        """How many files ended with this status."""
        return sum(result.status == status for result in self.results)

    @property
    def needs_film(self) -> int:
        """How many stored reviews wait in the needs-a-film queue."""
        return sum(result.needs_film for result in self.results)

    @property
    def failed(self) -> int:
        """How many files could not be imported."""
        return self.count("failed")

    def summary(self) -> str:
        """One line: counts of added, updated, unchanged, needs a film, failed."""
        prefix = "dry run, nothing written: " if self.dry_run else ""
        return (
            f"{prefix}{len(self.results)} files: {self.count('added')} added, "
            f"{self.count('updated')} updated, {self.count('unchanged')} unchanged, "
            f"{self.needs_film} need a film, {self.failed} failed"
        )


def find_review_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and ``.txt``/``.md``/``.text`` files below folders (sorted).

    Hidden files and folders are skipped inside folders.
    """
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                relative = found.relative_to(path).parts
                if (
                    found.is_file()
                    and found.suffix.lower() in REVIEW_SUFFIXES
                    and not any(part.startswith(".") for part in relative)
                ):
                    yield found
        else:
            yield path


class _DryRun(Exception):
    """Raised to roll back everything a dry run did."""


def import_reviews(
    catalogue: Catalogue,
    paths: Iterable[Path],
    *,
    film: Film | None = None,
    dry_run: bool = False,
    progress: Progress = SILENT,
) -> ReviewImportReport:
    """Import review files and folders into the catalogue.

    Args:
        film: attach every file to this film (and keep it there) instead of matching.
        dry_run: report what would happen and write nothing.
        progress: told about each file and each problem file.
    """
    files = list(find_review_files(paths))
    report = ReviewImportReport(dry_run=dry_run)
    search = FilmSearch(catalogue)  # the film resolver's candidates
    progress.start("reviews", len(files))
    try:
        with _maybe_dry(catalogue, dry_run):
            for path in files:
                result = _import_one(catalogue, path, film, search)
                report.results.append(result)
                if result.status == "failed" or result.needs_film:
                    progress.problem(f"{path}: {result.message}")
                progress.advance(1)
    except _DryRun:
        pass
    progress.finish()
    return report


@contextmanager
def _maybe_dry(catalogue: Catalogue, dry_run: bool) -> Iterator[None]:
    if not dry_run:
        yield
        return
    with catalogue.store.write():
        yield
        raise _DryRun


@contextmanager
def _savepoint(conn: sqlite3.Connection) -> Iterator[None]:
    """All of one file's changes, or none of them (inside the write transaction)."""
    conn.execute("SAVEPOINT review_file")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK TO review_file")
        conn.execute("RELEASE review_file")
        raise
    conn.execute("RELEASE review_file")


def _import_one(
    catalogue: Catalogue, path: Path, film: Film | None, search: FilmSearch
) -> FileResult:
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return FileResult(name, "failed", message=f"cannot read: {error.strerror or error}")
    sha = hashlib.sha256(data).hexdigest()
    try:
        with catalogue.store.write() as conn, _savepoint(conn):
            return _store_file(conn, path.resolve(), data, sha, film, search)
    except ReviewFileError as error:
        return FileResult(name, "failed", message=str(error).removeprefix(f"{name}: "))
    except (ValueError, sqlite3.Error) as error:
        return FileResult(name, "failed", message=f"cannot import: {error}")


def _store_file(
    conn: sqlite3.Connection,
    path: Path,
    data: bytes,
    sha: str,
    film: Film | None,
    search: FilmSearch | None = None,
) -> FileResult:
    name = str(path)
    same_content = conn.execute(
        "SELECT id, film_id, file FROM reviews WHERE sha256 = ?", (sha,)
    ).fetchone()
    if same_content is not None:
        review_id, film_id, old_file = same_content
        status = "unchanged"
        if old_file != name and not Path(old_file or "").exists():
            conn.execute("UPDATE reviews SET file = ? WHERE id = ?", (name, review_id))
        if film is not None and film_id != film.id:
            _pin(conn, review_id, film.id)
            film_id, status = film.id, "updated"
        return _result(conn, name, status, film_id, "")
    decoded = decode_review_bytes(data, name=name)
    parsed = parse_review(decoded.text)
    match = (
        FilmMatch(film.id) if film is not None else match_film(conn, parsed.facts, search=search)
    )
    values = _review_values(parsed, decoded.text, decoded.encoding, sha, name)
    values["film_id"] = match.film_id
    values["film_pinned"] = int(film is not None)
    existing = conn.execute("SELECT id FROM reviews WHERE file = ?", (name,)).fetchone()
    stamp = now_iso()
    if existing is not None:
        assignments = ", ".join(f"{column} = ?" for column in values)
        conn.execute(
            f"UPDATE reviews SET {assignments}, updated_at = ? WHERE id = ?",
            (*values.values(), stamp, existing[0]),
        )
        status = "updated"
    else:
        columns = [*values, "imported_at", "updated_at"]
        conn.execute(
            f"INSERT INTO reviews ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            (*values.values(), stamp, stamp),
        )
        status = "added"
    return _result(conn, name, status, match.film_id, match.reason)


def _pin(conn: sqlite3.Connection, review_id: int, film_id: int) -> None:
    conn.execute(
        "UPDATE reviews SET film_id = ?, film_pinned = 1, updated_at = ? WHERE id = ?",
        (film_id, now_iso(), review_id),
    )


def _result(
    conn: sqlite3.Connection, name: str, status: str, film_id: int | None, reason: str
) -> FileResult:
    label = None
    if film_id is not None:
        title, year = conn.execute(
            "SELECT title, year FROM films WHERE id = ?", (film_id,)
        ).fetchone()
        label = f"{title} ({year})" if year else title
    message = "" if film_id is not None else f"needs a film: {reason or 'not identified'}"
    return FileResult(name, status, film_id, label, message)


def _review_values(
    parsed: ParsedReview, raw_text: str, encoding: str, sha: str, name: str
) -> dict[str, object]:
    score = parsed.score
    return {
        "source": parsed.source,
        "author": parsed.author,
        "language": parsed.language,
        "published": parsed.published,
        "url": parsed.url,
        "headline": parsed.headline,
        "summary": parsed.summary,
        "body": parsed.body,
        "score_text": score.text if score else None,
        "score": score.value if score else None,
        "score_max": score.scale if score else None,
        "score_100": score.score_100 if score else None,
        "layout": parsed.layout,
        "facts": json.dumps(asdict(parsed.facts), ensure_ascii=False),
        "file": name,
        "sha256": sha,
        "encoding": encoding,
        "raw_text": raw_text,
    }


def reparse_reviews(catalogue: Catalogue, *, progress: Progress = SILENT) -> ReviewImportReport:
    """Parse every stored review's raw text again and find its film again.

    Reviews whose film the user chose (``--film``) stay on it.
    """
    report = ReviewImportReport()
    search = FilmSearch(catalogue)
    with catalogue.store.read() as conn:
        rows = conn.execute(
            "SELECT id, file, film_id, film_pinned, raw_text, encoding, sha256 FROM reviews"
            " ORDER BY id"
        ).fetchall()
    progress.start("reparse", len(rows))
    for review_id, name, film_id, pinned, raw_text, encoding, sha in rows:
        with catalogue.store.write() as conn, _savepoint(conn):
            parsed = parse_review(raw_text)
            values = _review_values(parsed, raw_text, encoding, sha, name)
            if pinned:
                new_film: int | None = film_id
                reason = ""
            else:
                match = match_film(conn, parsed.facts, search=search)
                new_film, reason = match.film_id, match.reason
            values["film_id"] = new_film
            before = conn.execute(
                f"SELECT {', '.join(values)} FROM reviews WHERE id = ?", (review_id,)
            ).fetchone()
            changed = tuple(before) != tuple(values.values())
            if changed:
                assignments = ", ".join(f"{column} = ?" for column in values)
                conn.execute(
                    f"UPDATE reviews SET {assignments}, updated_at = ? WHERE id = ?",
                    (*values.values(), now_iso(), review_id),
                )
            status = "updated" if changed else "unchanged"
            label = name or f"review {review_id}"
            report.results.append(_result(conn, label, status, new_film, reason))
        progress.advance(1)
    progress.finish()
    return report
