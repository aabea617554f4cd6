"""Keeping the search index current: saved beside ``catalogue.db``, checked on every search.

How it stays correct whoever writes the catalogue (``Catalogue.add_film``, the review and
IMDb importers, a merge, a delete, another kinolog process, the ``sqlite3`` shell):

* **SQL triggers** (catalogue migration 4) add the id of every film whose titles, year,
  votes, credits or people's spellings change to ``search_dirty``. Triggers run inside
  the writer's transaction, so a rolled-back import leaves no trace, and no writer has to
  remember to call anything.
* **The saved index** is a file of arrays (:mod:`.indexfile`) named in ``search_meta``; it
  covers the catalogue as it was when it was built, and saving it (naming the new file)
  empties ``search_dirty`` in the same transaction. Opening it maps the file: nothing is
  copied, so a process starts searching at once and uses only the pages it reads.
* **Each search** first compares ``PRAGMA data_version`` (changed by other connections'
  commits) and the connection's ``total_changes`` (its own writes) with what it saw last;
  only when they moved does it re-read the small dirty list and build an in-memory
  *overlay* index of just those films (their saved entries are ignored).
* When the dirty list outgrows :func:`rebuild_threshold` or the saved index is missing,
  damaged or of an older format, the index is rebuilt and saved. A bulk import suspends
  the triggers instead (:func:`bulk_changes`) and marks the index out of date; it rebuilds
  the index at its end (:func:`refresh_search_index`). While an import runs
  (:func:`importing`), searches go on with the index they have: the new one is swapped in
  when it is ready. An out-of-date index that no import is working on (the import was
  killed) is rebuilt by the next search.

All of it runs under the store's connection lock, so Textual thread workers can search
concurrently; the returned :class:`Snapshot` is immutable and used outside the lock. The
whole-catalogue build reads through a connection of its own (no lock held meanwhile).
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kinolog.db.datadir import import_lock_path
from kinolog.db.errors import StoreBusy
from kinolog.db.locking import WriteLock
from kinolog.db.progress import SILENT, Progress, sqlite_heartbeat
from kinolog.db.search.build import build_index, write_index
from kinolog.db.search.index import FORMAT, SearchIndex
from kinolog.db.search.indexfile import IndexFileError, read_index_file

if TYPE_CHECKING:
    from kinolog.db.catalogue import Catalogue

BUILD_CACHE_KIB = 64 * 1024  # page cache of the building connection (its sorts spill to disk)
STRAY_SECONDS = 3600  # an index file nobody names is deleted after this long


@dataclass(frozen=True)
class Snapshot:
    """The index as one search sees it.

    Attributes:
        base: the saved index.
        overlay: films changed since it was saved (None when nothing changed).
        dirty: ids of those films: their entries in ``base`` are out of date.
        reviewed: ids of films that have reviews (they rank higher).
    """

    base: SearchIndex
    overlay: SearchIndex | None
    dirty: frozenset[int]
    reviewed: frozenset[int]
    cache: dict[Any, Any] = field(default_factory=dict)  # answers derived from this view


def rebuild_threshold(films: int) -> int:
    """How many changed films an overlay may hold before the index is rebuilt."""
    return max(2_000, films // 100)


def _marks(conn: sqlite3.Connection) -> tuple[int, int, bool]:
    version = int(conn.execute("PRAGMA data_version").fetchone()[0])
    return version, conn.total_changes, conn.in_transaction


def index_path(catalogue_path: Path, build: str) -> Path:
    """The index file of one build, beside the catalogue."""
    return catalogue_path.with_name(f"{catalogue_path.name}.search-{build}")


class IndexState:
    """One catalogue's search index as this process sees it: opened once, refreshed on change.

    Whoever searches a catalogue owns one (through :class:`~kinolog.db.search.FilmSearch`):
    the app for its session, a CLI command for its run. Searches from several threads may
    share it: everything that reads or replaces its fields runs under the store's lock.

    Args:
        catalogue: the catalogue whose index this is.
    """

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.base: SearchIndex | None = None
        self.build: str | None = None
        self.marks: tuple[int, int, bool] | None = None
        self.current: Snapshot | None = None

    def snapshot(self) -> Snapshot:
        """The current index, refreshed first when the catalogue changed."""
        with self.catalogue.store.read() as conn:
            if self.current is not None and _marks(conn) == self.marks:
                return self.current
            for _attempt in range(3):
                marks = _marks(conn)
                snapshot = self._read(conn)
                if snapshot is not None:
                    self.current, self.marks = snapshot, marks
                    if conn.total_changes != marks[1]:
                        self.marks = _marks(conn)
                    return snapshot
                self._rebuild()
            raise sqlite3.OperationalError("the search index could not be brought up to date")

    def refresh(self, *, force: bool = False, progress: Progress = SILENT) -> bool:
        """Rebuild and save the index if films changed since it was saved (or always, forced).

        Returns:
            True when the index was rebuilt.
        """
        with self.catalogue.store.read() as conn:
            if not force and not _stale(conn, self.catalogue, threshold=0):
                return False
        return self._rebuild(force=force, progress=progress)

    def known_films(self, snapshot: Snapshot, keys: frozenset[str] | Any) -> frozenset[int]:
        """The ids of the films that diary keys (``Film.key``) name, cached per snapshot."""
        wanted = frozenset(keys)
        if not wanted:
            return frozenset()
        cached: frozenset[int] | None = snapshot.cache.get(("known", wanted))
        if cached is not None:
            return cached
        found: set[int] = set()
        ordered = sorted(wanted)
        with self.catalogue.store.read() as conn:
            for start in range(0, len(ordered), 500):
                chunk = ordered[start : start + 500]
                marks = ",".join("?" * len(chunk))
                found.update(
                    row[0]
                    for row in conn.execute(
                        f"SELECT film_id FROM film_keys WHERE key IN ({marks})", chunk
                    )
                )
        snapshot.cache[("known", wanted)] = result = frozenset(found)
        return result

    def _read(self, conn: sqlite3.Connection) -> Snapshot | None:
        """Read the saved index and the changes since; None when it must be rebuilt first."""
        own = not conn.in_transaction
        if own:
            conn.execute("BEGIN")  # one consistent view of index, dirty list and reviews
        try:
            meta = _meta(conn)
            if meta is None:
                return None
            importing_now = import_running(self.catalogue)
            if _marked_stale(conn) and not importing_now:
                return None  # an import was killed before it rebuilt the index
            if self.base is None or self.build != meta["build"]:
                try:
                    self.base, self.build = _open(self.catalogue, meta), meta["build"]
                except IndexFileError:  # missing or damaged: build afresh
                    return None
            base = self.base
            dirty = frozenset(row[0] for row in conn.execute("SELECT film_id FROM search_dirty"))
            if len(dirty) > rebuild_threshold(len(base.films_by_votes)):
                if not importing_now:
                    return None
                dirty = frozenset()  # the import rebuilds it when done: until then, as it was
            reviewed = frozenset(
                row[0]
                for row in conn.execute(
                    "SELECT DISTINCT film_id FROM reviews WHERE film_id IS NOT NULL"
                )
            )
            overlay = build_index(conn, dirty) if dirty else None
            return Snapshot(base=base, overlay=overlay, dirty=dirty, reviewed=reviewed)
        finally:
            if own:
                conn.execute("COMMIT")

    def _rebuild(self, *, force: bool = False, progress: Progress = SILENT) -> bool:
        """Build the whole index into a new file and name it, emptying the dirty list.

        The build reads a snapshot through a connection of its own, without any lock (it
        takes minutes at IMDb scale); the write lock is taken only to name the new file,
        and if anyone committed meanwhile the saved index is checked again: another
        process may have rebuilt it already, or the build is repeated under the lock.

        Returns:
            False when another process had just saved a current index (nothing was built).
        """
        store = self.catalogue.store
        with store.read() as conn:
            if conn.in_transaction:  # inside a caller's write: build and save right there
                self._save(conn, self._write(conn, progress))
                return True
            before = _marks(conn)[:2]
        built = self._write_snapshot(progress)
        previous: str | None = None
        with store.write() as conn:
            if _marks(conn)[:2] != before:
                if not force and not _stale(conn, self.catalogue):
                    _remove(built[1])
                    self.current, self.marks = None, None
                    return False
                _remove(built[1])
                built = self._write(conn, progress)
            previous = self._save(conn, built)
        if previous is not None:
            _remove(self.catalogue.path.with_name(previous))
        _remove_strays(self.catalogue)
        return True

    def _write_snapshot(self, progress: Progress) -> tuple[dict[str, Any], Path]:
        """Build from a fresh read-only connection (falls back to the store's own)."""
        path = self.catalogue.path
        try:
            conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        except sqlite3.Error:
            with self.catalogue.store.read() as own:
                own.execute("BEGIN")
                try:
                    return self._write(own, progress)
                finally:
                    own.execute("COMMIT")
        try:
            conn.execute(f"PRAGMA cache_size=-{BUILD_CACHE_KIB}")
            conn.execute("PRAGMA temp_store=FILE")
            conn.execute("BEGIN")
            return self._write(conn, progress)
        finally:
            conn.close()

    def _write(self, conn: sqlite3.Connection, progress: Progress) -> tuple[dict[str, Any], Path]:
        """Write a new index file from what ``conn`` sees; its metadata and path."""
        build = uuid.uuid4().hex[:16]
        path = index_path(self.catalogue.path, build)
        progress.note("search index: building")
        with sqlite_heartbeat(conn, progress):
            meta = write_index(
                conn,
                path,
                meta={"format": FORMAT, "build": build, "file": path.name},
                progress=progress,
            )
        return meta, path

    def _save(self, conn: sqlite3.Connection, built: tuple[dict[str, Any], Path]) -> str | None:
        """Name the new index file (inside a write transaction); the file it replaces."""
        meta, path = built
        old = _meta(conn)
        conn.execute("DELETE FROM search_blobs")  # the arrays of kinolog <= 0.1 lived here
        conn.execute("DELETE FROM search_dirty")
        conn.execute("DELETE FROM search_meta WHERE key = 'stale'")
        saved = {key: value for key, value in meta.items() if key != "completions"}
        conn.execute(
            "INSERT OR REPLACE INTO search_meta (key, value) VALUES ('index', ?)",
            (json.dumps(saved),),
        )
        self.base, self.build, self.current, self.marks = None, None, None, None
        self.base, self.build = _open(self.catalogue, saved), saved["build"]
        return str(old["file"]) if old and old.get("file") != path.name else None


def refresh_search_index(
    catalogue: Catalogue, *, force: bool = False, progress: Progress = SILENT
) -> bool:
    """Rebuild and save the search index if films changed since it was saved.

    Importers call this at the end of a big import so the next search is fast. Small
    changes do not need it: searches see them through the overlay.

    Returns:
        True when the index was rebuilt.
    """
    return IndexState(catalogue).refresh(force=force, progress=progress)


# -- bulk imports ------------------------------------------------------------------------------


def _import_lock(catalogue: Catalogue, timeout: float) -> WriteLock:
    return WriteLock(import_lock_path(catalogue.path), timeout=timeout)


@contextmanager
def importing(catalogue: Catalogue) -> Iterator[None]:
    """Hold the catalogue's import lock: searches meanwhile keep the index they have.

    Raises:
        StoreBusy: another import into the same catalogue is running.
    """
    with ExitStack() as stack:
        try:
            stack.enter_context(_import_lock(catalogue, timeout=2.0).hold())
        except StoreBusy:
            raise StoreBusy(
                f"another kinolog import into {catalogue.path} is running; try again when it "
                "has finished"
            ) from None
        yield


def import_running(catalogue: Catalogue) -> bool:
    """Whether some process (this one included) holds the catalogue's import lock."""
    try:
        with _import_lock(catalogue, timeout=0.0).hold():
            return False
    except StoreBusy:
        return True
    except OSError:  # cannot even create the lock file: nobody can be importing
        return False


@contextmanager
def bulk_changes(conn: sqlite3.Connection) -> Iterator[None]:
    """Inside a write transaction: suspend the triggers that list changed films.

    For a bulk load after which the whole index is rebuilt: the index is marked out of
    date in the same transaction, and the triggers are created again at the end of the
    block (a failure rolls the transaction back, which brings them back too).
    """
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name GLOB 'search_dirty_*'"
    ).fetchall()
    for name, _sql in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute(
        "INSERT OR REPLACE INTO search_meta (key, value) VALUES ('stale', ?)",
        (json.dumps({"since": time.time()}),),
    )
    yield
    for _name, sql in triggers:
        conn.execute(sql)


# -- reading and saving ----------------------------------------------------------------------


def _meta(conn: sqlite3.Connection) -> dict[str, Any] | None:
    row = conn.execute("SELECT value FROM search_meta WHERE key = 'index'").fetchone()
    if row is None:
        return None
    meta: dict[str, Any] = json.loads(row[0])
    return meta if meta.get("format") == FORMAT and "file" in meta else None


def _marked_stale(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM search_meta WHERE key = 'stale'").fetchone() is not None


def _open(catalogue: Catalogue, meta: dict[str, Any]) -> SearchIndex:
    path = catalogue.path.with_name(str(meta["file"]))
    saved, arrays = read_index_file(path)
    if saved.get("format") != FORMAT or saved.get("build") != meta.get("build"):
        raise IndexFileError(f"{path}: not the search index the catalogue names")
    return SearchIndex.from_arrays(saved, arrays)


def _stale(conn: sqlite3.Connection, catalogue: Catalogue, *, threshold: int | None = None) -> bool:
    """True when the saved index is missing, out of date, or has too many changes."""
    meta = _meta(conn)
    if meta is None or _marked_stale(conn):
        return True
    if not catalogue.path.with_name(str(meta["file"])).exists():
        return True
    (changed,) = conn.execute("SELECT count(*) FROM search_dirty").fetchone()
    limit = rebuild_threshold(int(meta.get("films", 0))) if threshold is None else threshold
    return bool(changed > limit)


def _remove(path: Path) -> None:
    with suppress(OSError):  # in use (Windows) or not ours to delete: cleaned up later
        path.unlink(missing_ok=True)


def _remove_strays(catalogue: Catalogue) -> None:
    """Delete old index files that the catalogue no longer names (from killed builds)."""
    with catalogue.store.read() as conn:
        meta = _meta(conn)
    current = meta["file"] if meta else None
    cutoff = time.time() - STRAY_SECONDS
    for path in catalogue.path.parent.glob(f"{catalogue.path.name}.search-*"):
        try:
            old = path.stat().st_mtime < cutoff
        except OSError:
            continue
        if path.name != current and old:
            _remove(path)
