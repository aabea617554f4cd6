"""``kinolog import imdb``: a whole film catalogue from IMDb's public dataset files.

The files (``title.basics``, ``title.ratings``, ``title.akas``, ``title.crew``,
``title.principals``, ``name.basics``; plain or ``.gz``; in any order and any subset) are
imported one after the other, title.basics first (:data:`.files.ORDER`). Each file is
streamed with bounded memory into a staging database, by a second process while this one
writes the file before when the files are big (:mod:`.stager`), and written in **one
transaction**: a malformed row is counted and skipped, but a file that
cannot be read to its end (a truncated download) or an interrupted import leaves the catalogue
exactly as it was before that file. Files already imported stay; running the same command
again finishes the job, because every file updates by IMDb id (re-importing never duplicates
a film, title, person or credit, and never touches reviews or the diary).

After the files, films made from reviews are merged into the IMDb films they turn out to be
(:mod:`..merge`).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kinolog.db.datadir import imdb_staging_folder
from kinolog.db.errors import ImportFailed
from kinolog.db.importers.imdb import stager as staging_process
from kinolog.db.importers.imdb.files import find_files
from kinolog.db.importers.imdb.people import apply_credits, apply_names
from kinolog.db.importers.imdb.stager import Stager
from kinolog.db.importers.imdb.staging import (
    DEFAULT_REGIONS,
    DEFAULT_TYPES,
    KEPT_TABLE,
    STAGED,
    ImdbOptions,
    ImdbRun,
    NumberSet,
    StagedFile,
    StageState,
    drop_staging,
    people_numbers,
)
from kinolog.db.importers.imdb.titles import (
    BasicsResult,
    apply_akas,
    apply_basics,
    apply_ratings,
)
from kinolog.db.importers.merge import merge_review_films
from kinolog.db.progress import SILENT, Progress, sqlite_heartbeat
from kinolog.db.search import importing, refresh_search_index
from kinolog.db.store import now_iso

if TYPE_CHECKING:
    from kinolog.db.catalogue import Catalogue

__all__ = [
    "DEFAULT_REGIONS",
    "DEFAULT_TYPES",
    "FileReport",
    "ImdbImportResult",
    "ImdbOptions",
    "import_imdb",
]

# Page cache of the importing connection while it imports (KiB, as a negative cache_size):
# enough for the pages being appended to and the upper levels of the indexes looked up;
# sorting (ORDER BY, index builds) spills to temporary files beyond it.
IMPORT_CACHE_KIB = 64 * 1024
_COUNTED = ("films", "film_titles", "people", "credits")


@dataclass
class FileReport:
    """How one file went.

    Attributes:
        kept: what the file contributed: films (basics), films rated (ratings), titles
            (akas), credits (crew, principals), people named (name.basics).
        examples: the first few malformed rows, each with its line number.
        error: why the whole file was not imported (the catalogue is as before it), or None.
    """

    path: Path
    kind: str
    rows: int = 0
    kept: int = 0
    malformed: int = 0
    examples: list[str] = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None


@dataclass
class ImdbImportResult:
    """What an import did, for the summary.

    Attributes:
        merged: review-made films merged into an IMDb film.
        ambiguous: review-made films that fit several films equally and were left alone.
        added: rows added per table (``films``, ``film_titles``, ``people``, ``credits``).
    """

    files: list[FileReport] = field(default_factory=list)
    films_added: int = 0
    # films already in the catalogue whose title.basics row changed something
    films_updated: int = 0
    merged: int = 0
    ambiguous: int = 0
    # titles of film-like types left out (shorts, videos ...), noted for the film resolver
    titles_noted: int = 0
    added: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    index_seconds: float | None = None  # rebuilding the search index, when it was rebuilt
    errors: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when any file (or the merging step) could not be imported."""
        return bool(self.errors)


def import_imdb(
    catalogue: Catalogue,
    paths: Iterable[Path | str],
    *,
    types: Sequence[str] = DEFAULT_TYPES,
    regions: Sequence[str] = DEFAULT_REGIONS,
    adult: bool = False,
    progress: Progress = SILENT,
) -> ImdbImportResult:
    """Import IMDb dataset files (or folders holding them) into the catalogue.

    Args:
        catalogue: the catalogue to fill.
        paths: files and folders; files are recognised by name, else by their header.
        types: title types kept (default ``movie`` and ``tvMovie``).
        regions: regions whose alternative titles are kept, most preferred first.
        adult: keep adult titles too.
        progress: told about each file (bytes read) and each reported malformed row.

    Returns:
        The per-file reports and totals. A file that fails as a whole is reported in
        ``errors`` (one line naming the file and the reason, for the caller to show) and
        the others go on.
    """
    started = time.perf_counter()
    result = ImdbImportResult()
    files, problems = find_files(Path(path) for path in paths)
    result.errors.extend(str(error) for error in problems)
    options = ImdbOptions(
        types=tuple(types), regions=tuple(r.strip().upper() for r in regions), adult=adult
    )
    store = catalogue.store
    run = ImdbRun(options, now_iso())
    with importing(catalogue):
        with _import_settings(catalogue):
            with store.read() as conn:
                before = _counts(conn)
                run.refresh(conn)
                # The catalogue's people matter only to the files that name people.
                naming = any(file.kind in _PEOPLE_FILES for file in files)
                people = people_numbers(conn) if naming else NumberSet()
                state = StageState(options, run.films.copy(), people)
            state.people = state.people_before.copy()
            if not run.films and not any(file.kind == "title.basics" for file in files):
                for file in files:  # nothing to attach their rows to: do not read them
                    report = FileReport(file.path, file.kind, error=_NO_FILMS.format(file.path))
                    result.files.append(report)
                    result.errors.append(_NO_FILMS.format(file.path))
                files = []
            size = sum(file.path.stat().st_size for file in files)
            child = len(files) > 1 and size >= staging_process.PIPELINE_BYTES
            folder = imdb_staging_folder(catalogue.path)
            with Stager(files, state, folder, progress, child=child) as stager:
                for index in range(len(files)):
                    report = _import_file(catalogue, run, stager, index, result)
                    result.files.append(report)
                    if report.error:
                        result.errors.append(report.error)
                        run.basics_failed |= report.kind == "title.basics"
            try:
                with store.write() as conn:
                    outcome = merge_review_films(conn)
            except (sqlite3.Error, ImportFailed) as error:
                result.errors.append(f"merging review-made films failed: {error}")
            else:
                result.merged, result.ambiguous = len(outcome.merged), len(outcome.ambiguous)
            with store.read() as conn:
                after = _counts(conn)
            result.added = {table: after[table] - before[table] for table in _COUNTED}
        with store.read() as conn:  # the import's page cache is not needed by the index build
            conn.execute("PRAGMA shrink_memory")
        index_started = time.perf_counter()
        if refresh_search_index(catalogue, force=run.bulk, progress=progress):
            result.index_seconds = time.perf_counter() - index_started
    _checkpoint(catalogue)
    result.seconds = time.perf_counter() - started
    return result


_PEOPLE_FILES = frozenset({"title.crew", "title.principals", "name.basics"})
_NO_FILMS = (
    "{}: the catalogue has no IMDb films yet: import title.basics first (it may be given in "
    "the same command)"
)
Apply = Callable[[sqlite3.Connection, ImdbRun, StagedFile], object]
_APPLY: dict[str, Apply] = {
    "title.basics": apply_basics,
    "title.ratings": apply_ratings,
    "title.akas": apply_akas,
    "title.crew": apply_credits,
    "title.principals": apply_credits,
    "name.basics": apply_names,
}


def _import_file(
    catalogue: Catalogue, run: ImdbRun, stager: Stager, index: int, result: ImdbImportResult
) -> FileReport:
    """Take one staged file and apply it in one transaction; report what happened."""
    started = time.perf_counter()
    staged = stager.take(index)
    file = stager.files[index]
    report = FileReport(file.path, file.kind, rows=staged.rows, malformed=staged.malformed,
                        examples=list(staged.examples), error=staged.error)  # fmt: skip
    if staged.error:
        report.seconds = time.perf_counter() - started
        return report
    store, progress = catalogue.store, _Relaying(stager)
    attached = False
    try:
        with store.read() as conn:
            run.refresh(conn)
            if file.kind != "title.basics" and not run.films:
                raise ImportFailed(_NO_FILMS.format(file.path))
            conn.execute(f"ATTACH DATABASE ? AS {STAGED}", (staged.database,))
            attached = True
        progress.note(f"{file.kind}: writing {staged.kept:,} rows to the catalogue")
        with (
            _without_foreign_keys(catalogue),
            store.write() as conn,
            sqlite_heartbeat(conn, progress),
        ):
            outcome = _APPLY[file.kind](conn, run, staged)
        if isinstance(outcome, BasicsResult):
            report.kept = outcome.added + outcome.seen
            result.films_added += outcome.added
            result.films_updated += outcome.changed
            result.titles_noted += outcome.noted
        else:
            report.kept = int(outcome)  # type: ignore[call-overload]
    except ImportFailed as error:
        report.error = str(error)
    except sqlite3.Error as error:
        report.error = f"{file.path}: the catalogue refused it ({error}); nothing was imported"
    finally:
        if attached:
            with store.read() as conn:
                conn.execute(f"DETACH DATABASE {STAGED}")
        Path(staged.database).unlink(missing_ok=True)
    report.seconds = time.perf_counter() - started
    return report


class _Relaying:
    """The importer's progress while it writes: what the stager reports is passed on at
    each heartbeat (a child process reads the next file meanwhile)."""

    def __init__(self, stager: Stager) -> None:
        self.stager, self.progress = stager, stager.progress

    def start(self, label: str, total: int | None) -> None:
        self.progress.start(label, total)

    def advance(self, amount: int) -> None:
        self.stager.relay()
        self.progress.advance(amount)

    def count(self, read: int, kept: int) -> None:
        self.progress.count(read, kept)

    def note(self, message: str) -> None:
        self.stager.relay()
        self.progress.note(message)

    def finish(self, failed: bool = False) -> None:
        self.progress.finish(failed)

    def problem(self, message: str) -> None:
        self.progress.problem(message)


@contextmanager
def _without_foreign_keys(catalogue: Catalogue) -> Iterator[None]:
    """Foreign keys unchecked while a staged file is applied: its statements join every
    row to the film and person it names, so each per-row parent look-up is wasted."""
    store = catalogue.store
    with store.read() as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        try:
            yield
        finally:
            conn.execute("PRAGMA foreign_keys=ON")


@contextmanager
def _import_settings(catalogue: Catalogue) -> Iterator[None]:
    """A larger page cache and on-disk temporary tables for the importing connection."""
    with catalogue.store.read() as conn:
        saved = [int(conn.execute(f"PRAGMA {name}").fetchone()[0])
                 for name in ("cache_size", "temp.cache_size", "temp_store")]  # fmt: skip
        conn.execute(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")
        conn.execute(f"PRAGMA temp.cache_size=-{IMPORT_CACHE_KIB}")
        conn.execute("PRAGMA temp_store=FILE")
    try:
        yield
    finally:
        with catalogue.store.read() as conn:
            drop_staging(conn, KEPT_TABLE.removeprefix("temp."))
            conn.execute(f"PRAGMA cache_size={saved[0]}")
            conn.execute(f"PRAGMA temp.cache_size={saved[1]}")
            conn.execute(f"PRAGMA temp_store={saved[2]}")


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {
        table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table in _COUNTED
    }


def _checkpoint(catalogue: Catalogue) -> None:
    """Copy the write-ahead log into the file and truncate it (a big import leaves a big log)."""
    store = catalogue.store
    with store.read() as conn, store.write_lock.hold():
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
