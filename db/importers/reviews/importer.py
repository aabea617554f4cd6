"""Importing critic reviews saved as files: text, Markdown and saved web pages.

Each file is imported whole or not at all (one savepoint per file). The hash of the file's
decoded, normalised text makes re-importing a no-op (whatever encoding or line ends the file was
saved with), a changed file updates its reviews in place (found by its path), and a renamed file
is recognised by its hash. Files are read and parsed first, then stored: a bare ``rating: 4`` is
scaled by what the other reviews of its folder say (:mod:`.scales`). The raw text is kept so
that ``reparse_reviews`` can apply a better parser later.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kinolog.db.catalogue import Catalogue
from kinolog.db.importers.reviews.reading import (
    HTML_SUFFIXES,
    MAX_MHTML_BYTES,
    MHTML_SUFFIXES,
    TEXT_SUFFIXES,
    ReviewText,
    parse_review_text,
    read_review_bytes,
)
from kinolog.db.importers.reviews.report import (
    FileResult,
    ReviewImportReport,
    ReviewResult,
)
from kinolog.db.importers.reviews.scales import CollectionScale, collection_scale, letter_grade
from kinolog.db.importers.reviews.store import (
    bare_from_json,
    film_label,
    rescale_collection,
    store_reviews,
)
from kinolog.db.importers.reviews.text import ReviewFileError
from kinolog.db.importers.reviews.types import ParsedReview
from kinolog.db.models import Film
from kinolog.db.progress import SILENT, Progress
from kinolog.db.search import FilmSearch
from kinolog.db.store import now_iso

__all__ = [
    "REVIEW_SUFFIXES",
    "FileResult",
    "ReviewImportReport",
    "find_review_files",
    "import_reviews",
    "reparse_reviews",
]

REVIEW_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | MHTML_SUFFIXES
# A folder's notes about itself, never a review (a file named directly is still imported).
_NOT_REVIEWS = frozenset({"readme", "license", "licence", "changelog", "contributing", "todo"})


@dataclass
class _Loaded:
    """A file read and parsed, waiting to be stored."""

    name: str | None
    kept: ReviewText
    reviews: list[ParsedReview]
    known: tuple[int, str | None] | None = None  # a stored review with the same text


def find_review_files(paths: Iterable[Path], *, skipped: list[str] | None = None) -> Iterator[Path]:
    """Files named directly, and review files below folders (sorted).

    Review files are text (``.txt``, ``.md``, ``.markdown``, ``.text``) and saved web pages
    (``.html``, ``.htm``, ``.mhtml``). Hidden files and folders, and a folder's README,
    LICENSE and the like, are skipped inside folders. Only regular files are read: a link
    below a folder that points outside it, a pipe, a device or a socket is skipped, with
    one line each in ``skipped`` (a link to a file inside the folder is read).
    """
    for path in paths:
        if path.is_dir():
            yield from _folder_files(path, skipped if skipped is not None else [])
        elif path.exists() and not path.is_file():
            (skipped if skipped is not None else []).append(f"{path}: skipped: {_kind(path)}")
        else:
            yield path


def _kind(path: Path) -> str:
    """What a file that is not a regular file is, for the line that skips it."""
    mode = path.stat().st_mode
    for test, name in (
        (stat.S_ISFIFO, "a pipe"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    ):  # fmt: skip
        if test(mode):
            return f"not a regular file ({name})"
    return "not a regular file"


def _folder_files(root: Path, skipped: list[str]) -> Iterator[Path]:
    """The review files below a folder: regular files, or links to them inside the folder."""
    inside = root.resolve()
    found = []
    for folder, folders, names in os.walk(root):  # links to folders are not followed
        here = Path(folder)
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in [*names, *(name for name in folders if (here / name).is_symlink())]:
            path = here / name
            if name.startswith(".") or (path.is_dir() and not path.is_symlink()):
                continue
            if path.is_symlink():
                target = path.resolve()
                if target != inside and inside not in target.parents:
                    skipped.append(f"{path}: skipped: a link to {target}, outside {root}")
                    continue
                if target.is_dir():
                    continue  # its files are found where they are
            if not path.exists():
                continue  # a dangling link
            wanted = path.suffix.lower() in REVIEW_SUFFIXES
            if not path.is_file():
                skipped.append(f"{path}: skipped: {_kind(path)}")
            elif wanted and path.stem.casefold() not in _NOT_REVIEWS:
                found.append(path)
    yield from sorted(found)


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
        film: attach every review to this film (and keep it there) instead of matching.
        dry_run: report what would happen and write nothing.
        progress: told about each file and each problem file.
    """
    report = ReviewImportReport(dry_run=dry_run)
    files = list(find_review_files(paths, skipped=report.skipped))
    for line in report.skipped:
        progress.problem(line)
    search = FilmSearch(catalogue)  # the film resolver's candidates
    progress.start("reviews", len(files))
    loaded: list[_Loaded | FileResult] = []
    with catalogue.store.read() as conn:
        for path in files:
            loaded.append(_load(conn, path))
    try:
        with _maybe_dry(catalogue, dry_run):
            with catalogue.store.write() as conn:
                scales = _batch_scales(conn, [item for item in loaded if isinstance(item, _Loaded)])
            for item in loaded:
                result = (
                    item
                    if isinstance(item, FileResult)
                    else _store(catalogue, item, film, scales, search)
                )
                report.results.append(result)
                if result.status == "failed" or result.needs_film:
                    progress.problem(f"{result.file}: {result.message}")
                progress.advance(1)
            with catalogue.store.write() as conn:
                for folder, scale in scales.items():
                    rescale_collection(conn, folder, scale)
    except _DryRun:
        pass
    progress.finish()
    return report


def _load(conn: sqlite3.Connection, path: Path) -> _Loaded | FileResult:
    """Read, decode and (unless its text is already stored) parse one file."""
    name = str(path.resolve()) if path.exists() else str(path)
    try:
        data = _read_regular(path)
    except OSError as error:
        return FileResult(str(path), "failed", message=f"cannot read: {error.strerror or error}")
    try:
        kept = read_review_bytes(data, name=name)
        row = conn.execute(
            "SELECT id, file FROM reviews WHERE sha256 = ?", (kept.sha256,)
        ).fetchone()
        if row is not None:
            return _Loaded(name, kept, [], known=(row[0], row[1]))
        reviews = parse_review_text(kept.text, format=kept.format, name=name, url=kept.url)
    except ReviewFileError as error:
        return FileResult(name, "failed", message=str(error).removeprefix(f"{name}: "))
    except Exception as error:  # one odd file fails alone, with its reason
        return FileResult(name, "failed", message=f"cannot read: {_one_line(error)}")
    return _Loaded(name, kept, reviews)


def _read_regular(path: Path) -> bytes:
    """A regular file's bytes, up to what a review file may hold (and one more, so that
    the reader can say it is too large). A file swapped for a pipe or a device after it
    was found is refused, not waited on."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(0, "not a regular file")
        return file.read(MAX_MHTML_BYTES + 1)


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


def _store(
    catalogue: Catalogue,
    item: _Loaded,
    film: Film | None,
    scales: dict[str, CollectionScale],
    search: FilmSearch,
) -> FileResult:
    name = item.name or ""
    try:
        with catalogue.store.write() as conn, _savepoint(conn):
            if item.known is not None:
                return _unchanged(conn, item, film)
            pinned = dict.fromkeys(range(len(item.reviews)), film.id) if film else {}
            scale = scales.get(_folder(item.name), CollectionScale())
            existing = dict(conn.execute("SELECT part, id FROM reviews WHERE file = ?", (name,)))
            status, reviews = store_reviews(
                conn, name=name, kept=item.kept, reviews=item.reviews, scale=scale,
                pinned=pinned, existing=existing, search=search,
            )  # fmt: skip
            return _file_result(name, status, reviews)
    except (ValueError, sqlite3.Error) as error:
        return FileResult(name, "failed", message=f"cannot import: {error}")


def _unchanged(conn: sqlite3.Connection, item: _Loaded, film: Film | None) -> FileResult:
    """A file whose text is stored: follow a rename, pin a chosen film, change nothing else."""
    assert item.known is not None
    review_id, old_file = item.known
    name = item.name or ""
    status = "unchanged"
    if old_file != name and not Path(old_file or "").exists():
        conn.execute("UPDATE reviews SET file = ? WHERE file IS ?", (name, old_file))
        old_file = name
    rows = conn.execute(
        "SELECT id, film_id FROM reviews WHERE file IS ? ORDER BY part", (old_file,)
    ).fetchall() or [conn.execute(
        "SELECT id, film_id FROM reviews WHERE id = ?", (review_id,)
    ).fetchone()]  # fmt: skip
    results = []
    copy_of = old_file if old_file != name else None  # the same text saved as another file
    for row_id, film_id in rows:
        if film is not None and film_id != film.id:
            conn.execute(
                "UPDATE reviews SET film_id = ?, film_pinned = 1, updated_at = ? WHERE id = ?",
                (film.id, now_iso(), row_id),
            )
            film_id, status = film.id, "updated"
        results.append(ReviewResult(film_id, film_label(conn, film_id), duplicate_of=copy_of))
    return _file_result(name, status, results)


def _file_result(name: str, status: str, reviews: Sequence[ReviewResult]) -> FileResult:
    first = reviews[0] if reviews else ReviewResult(None)
    waiting = [r for r in reviews if r.film_id is None and r.duplicate_of is None]
    message = ""
    if waiting:
        reason = waiting[0].reason or "not identified"
        message = f"needs a film: {reason}"
        if len(reviews) > 1:
            message = f"{len(waiting)} of {len(reviews)} reviews need a film: {reason}"
    elif reviews and all(r.duplicate_of for r in reviews):
        message = f"same review as {reviews[0].duplicate_of}"
    return FileResult(name, status, first.film_id, first.film_label, message, tuple(reviews))


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:200]


def _folder(name: str | None) -> str:
    """The collection a file belongs to: its folder."""
    path = (name or "").replace("\\", "/")
    return path.rsplit("/", 1)[0] if "/" in path else ""


def _batch_scales(conn: sqlite3.Connection, items: Sequence[_Loaded]) -> dict[str, CollectionScale]:
    """Each folder's scale evidence: the batch's parsed reviews and the folder's stored ones.

    Only folders with newly parsed files are looked at; a file whose text is stored already
    speaks through its stored reviews.
    """
    bares: dict[str, list[float]] = defaultdict(list)
    written: dict[str, list[float]] = defaultdict(list)
    names: dict[str, set[str]] = defaultdict(set)
    for item in items:
        if item.known is not None:
            continue
        folder = _folder(item.name)
        names[folder].add(item.name or "")
        _evidence(item.reviews, bares[folder], written[folder])
    for folder in names:
        if not folder:
            continue
        for name, bare_json, score_text, score_max in conn.execute(
            "SELECT file, score_bare, score_text, score_max FROM reviews"
            " WHERE file >= ? AND file < ?",
            (folder + "/", folder + "0"),
        ):
            if name in names[folder] or "/" in name[len(folder) + 1 :]:
                continue
            bare = bare_from_json(bare_json) if bare_json else None
            if bare is not None and bare.default_scale is not None:
                bares[folder].append(bare.value)
            elif bare is None and score_max and not letter_grade(score_text or ""):
                written[folder].append(score_max)
    return {f: collection_scale(bares[f], written[f]) for f in names}


def _evidence(reviews: Sequence[ParsedReview], bares: list[float], written: list[float]) -> None:
    for review in reviews:
        if review.bare_score is not None and review.bare_score.default_scale is not None:
            bares.append(review.bare_score.value)
        elif review.score is not None and not letter_grade(review.score.text):
            written.append(review.score.scale)


def reparse_reviews(catalogue: Catalogue, *, progress: Progress = SILENT) -> ReviewImportReport:
    """Parse every stored review's raw text again and find its film again.

    The new rules apply to reviews already imported: round-ups become one review per film,
    duplicates merge, bare ratings are scaled by their folder. Reviews whose film the user chose
    (``--film``) stay on it.
    """
    report = ReviewImportReport()
    search = FilmSearch(catalogue)
    with catalogue.store.read() as conn:
        heads = conn.execute(
            "SELECT id, file, raw_text, format, encoding, url FROM reviews"
            " WHERE part = 0 ORDER BY id"
        ).fetchall()
    progress.start("reparse", len(heads))
    loaded: list[tuple[int, _Loaded | FileResult]] = []
    for review_id, name, raw_text, text_format, encoding, url in heads:
        kept = ReviewText(raw_text, text_format, encoding or "utf-8", url)
        try:
            reviews = parse_review_text(raw_text, format=text_format, name=name, url=url)
            loaded.append((review_id, _Loaded(name, kept, reviews)))
        except Exception as error:  # one odd text fails alone, with its reason
            label = name or f"review {review_id}"
            loaded.append((review_id, FileResult(label, "failed", message=_one_line(error))))
    with catalogue.store.write() as conn:
        scales = _batch_scales(conn, [item for _, item in loaded if isinstance(item, _Loaded)])
    for review_id, item in loaded:
        if isinstance(item, FileResult):
            report.results.append(item)
        else:
            report.results.append(_restore(catalogue, review_id, item, scales, search))
        progress.advance(1)
    progress.finish()
    return report


def _restore(
    catalogue: Catalogue,
    head_id: int,
    item: _Loaded,
    scales: dict[str, CollectionScale],
    search: FilmSearch,
) -> FileResult:
    label = item.name or f"review {head_id}"
    with catalogue.store.write() as conn, _savepoint(conn):
        if conn.execute("SELECT 1 FROM reviews WHERE id = ?", (head_id,)).fetchone() is None:
            return FileResult(label, "unchanged", message="merged into an earlier review")
        rows = conn.execute(
            "SELECT part, id, film_id, film_pinned FROM reviews WHERE file = ?"
            if item.name is not None
            else "SELECT part, id, film_id, film_pinned FROM reviews WHERE id = ?",
            (item.name if item.name is not None else head_id,),
        ).fetchall()
        existing = {part: row_id for part, row_id, _, _ in rows}
        pinned = {part: film_id for part, _, film_id, pin in rows if pin and film_id is not None}
        scale = scales.get(_folder(item.name), CollectionScale())
        status, reviews = store_reviews(
            conn, name=item.name, kept=item.kept, reviews=item.reviews, scale=scale,
            pinned=pinned, existing=existing, search=search,
        )  # fmt: skip
        return _file_result(label, "updated" if status == "added" else status, reviews)
