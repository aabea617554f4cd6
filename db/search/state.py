"""Keeping the search index current: saved in ``catalogue.db``, checked on every search.

How it stays correct whoever writes the catalogue (``Catalogue.add_film``, the review and
IMDb importers, a merge, a delete, another kinolog process, the ``sqlite3`` shell):

* **SQL triggers** (catalogue migration 3) add the id of every film whose titles, year,
  votes, credits or people's spellings change to ``search_dirty``. Triggers run inside
  the writer's transaction, so a rolled-back import leaves no trace, and no writer has to
  remember to call anything.
* **The saved index** (``search_blobs``, ``search_meta``) covers the catalogue as it was
  when it was built; saving it empties ``search_dirty`` in the same transaction.
* **Each search** first compares ``PRAGMA data_version`` (changed by other connections'
  commits) and the connection's ``total_changes`` (its own writes) with what it saw last;
  only when they moved does it re-read the small dirty list and build an in-memory
  *overlay* index of just those films (their saved entries are ignored).
* When the dirty list outgrows :func:`rebuild_threshold` (a bulk import) or the saved
  index is missing or of an older format, the index is rebuilt and saved.
  :func:`refresh_search_index` does this on purpose: importers call it at the end of a
  big import so the next search does not pay for it.

All of it runs under the store's connection lock, so Textual thread workers can search
concurrently; the returned :class:`Snapshot` is immutable and used outside the lock.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kinolog.db.search.build import build_index
from kinolog.db.search.index import FORMAT, SearchIndex

if TYPE_CHECKING:
    from kinolog.db.catalogue import Catalogue

_PART_BYTES = 32 << 20  # blobs are saved in parts: SQLite caps one value at 1 GB


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


class IndexState:
    """One catalogue's search index as this process sees it: loaded once, refreshed on change.

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

    def refresh(self, *, force: bool = False) -> bool:
        """Rebuild and save the index if films changed since it was saved (or always, forced).

        Returns:
            True when the index was rebuilt.
        """
        with self.catalogue.store.read() as conn:
            meta = _meta(conn)
            dirty = conn.execute("SELECT 1 FROM search_dirty LIMIT 1").fetchone() is not None
            if not force and meta is not None and not dirty:
                return False
            return self._rebuild(force=force)

    def known_films(self, snapshot: Snapshot, keys: Collection[str]) -> frozenset[int]:
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
            if self.base is None or self.build != meta["build"]:
                try:
                    self.base, self.build = _load(conn, meta), meta["build"]
                except (KeyError, ValueError):  # blobs missing or damaged: build afresh
                    return None
            base = self.base
            dirty = frozenset(row[0] for row in conn.execute("SELECT film_id FROM search_dirty"))
            if len(dirty) > rebuild_threshold(len(base.films_by_votes)):
                return None
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

    def _rebuild(self, *, force: bool = False) -> bool:
        """Build the whole index and save it, emptying the dirty list in the same transaction.

        The build reads a snapshot without the write lock (it takes half a minute at a
        million films); the lock is taken only to save, and if anyone committed meanwhile
        the saved index is checked again: another process may have rebuilt it already, or
        the build is repeated under the lock.

        Returns:
            False when another process had just saved a current index (nothing was built).
        """
        store = self.catalogue.store
        with store.read() as conn:
            if conn.in_transaction:  # inside a caller's write: build and save right there
                self._save(conn, build_index(conn))
                return True
            before = _marks(conn)[:2]
            conn.execute("BEGIN")
            try:
                index = build_index(conn)
            finally:
                conn.execute("COMMIT")
        with store.write() as conn:
            if _marks(conn)[:2] != before:
                if not force and not _stale(conn):
                    self.current, self.marks = None, None
                    return False
                index = build_index(conn)
            self._save(conn, index)
        return True

    def _save(self, conn: sqlite3.Connection, index: SearchIndex) -> None:
        """Replace the saved index (inside a write transaction) and use it."""
        meta, blobs = index.to_blobs()
        meta["build"] = uuid.uuid4().hex
        conn.execute("DELETE FROM search_blobs")
        for name, data in blobs.items():
            for part, start in enumerate(range(0, max(len(data), 1), _PART_BYTES)):
                conn.execute(
                    "INSERT INTO search_blobs (name, part, data) VALUES (?, ?, ?)",
                    (name, part, data[start : start + _PART_BYTES]),
                )
        conn.execute("DELETE FROM search_dirty")
        conn.execute(
            "INSERT OR REPLACE INTO search_meta (key, value) VALUES ('index', ?)",
            (json.dumps(meta),),
        )
        self.base, self.build, self.current, self.marks = index, meta["build"], None, None


def refresh_search_index(catalogue: Catalogue, *, force: bool = False) -> bool:
    """Rebuild and save the search index if films changed since it was saved.

    Importers call this at the end of a big import so the next search is fast. Small
    changes do not need it: searches see them through the overlay.

    Returns:
        True when the index was rebuilt.
    """
    return IndexState(catalogue).refresh(force=force)


# -- reading and saving ----------------------------------------------------------------------


def _meta(conn: sqlite3.Connection) -> dict[str, Any] | None:
    row = conn.execute("SELECT value FROM search_meta WHERE key = 'index'").fetchone()
    if row is None:
        return None
    meta: dict[str, Any] = json.loads(row[0])
    return meta if meta.get("format") == FORMAT else None


def _load(conn: sqlite3.Connection, meta: dict[str, Any]) -> SearchIndex:
    parts: dict[str, list[bytes]] = {}
    for name, data in conn.execute("SELECT name, data FROM search_blobs ORDER BY name, part"):
        parts.setdefault(name, []).append(data)
    return SearchIndex.from_blobs(meta, parts)


def _stale(conn: sqlite3.Connection) -> bool:
    """True when the saved index is missing, of another format, or has too many changes."""
    meta = _meta(conn)
    if meta is None:
        return True
    (changed,) = conn.execute("SELECT count(*) FROM search_dirty").fetchone()
    return bool(changed > rebuild_threshold(int(meta.get("films", 0))))
