"""The watchlist: films the user wants to see, each with the day it was added and a note.

A film is on the watchlist at most once (by its diary key). Taking it off is soft and every
change is in the diary's history, so ``undo`` reverses it like any diary change.

Like a diary entry, a watchlist film an import could not attach to a film is kept under its
own title and year and waits (``unlinked``): it is on no film's page (:meth:`Watchlist.find`
sees only films that name their film), and waits in the resolution queue.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

from kinolog.db.diary.history import snapshot
from kinolog.db.diary.links import link_row
from kinolog.db.diary.values import TODAY, _Today, watched_value
from kinolog.db.models import FilmRef, WatchlistItem
from kinolog.db.store import now_iso

if TYPE_CHECKING:
    from kinolog.db.diary import Diary

__all__ = ["Watchlist"]

_COLUMNS = "id, film_key, imdb_id, title, year, added, note, unlinked"


class Watchlist:
    """The watchlist in the diary's file (``diary.watchlist``).

    Args:
        diary: the diary it belongs to (its file, batches and history).
    """

    def __init__(self, diary: Diary) -> None:
        self.diary = diary

    def items(self) -> list[WatchlistItem]:
        """The films on the watchlist, most recently added first (unknown dates last)."""
        with self.diary.store.read() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM watchlist WHERE removed_at IS NULL"
                " ORDER BY added IS NULL, added DESC, id DESC"
            ).fetchall()
        return [_item(row) for row in rows]

    def find(self, keys: Collection[str]) -> WatchlistItem | None:
        """The watchlist item of a film known by any of these keys, if it is on it (items
        that name no film yet are not any film's)."""
        with self.diary.store.read() as conn:
            return _find(conn, keys)

    def waiting(self) -> list[WatchlistItem]:
        """The items an import could not attach to a film, oldest first."""
        with self.diary.store.read() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM watchlist WHERE removed_at IS NULL"
                " AND unlinked = 'waiting' ORDER BY id"
            ).fetchall()
        return [_item(row) for row in rows]

    def get(self, item_id: int) -> WatchlistItem:
        """The item with this id, on the watchlist now.

        Raises:
            EntryNotFound: no such item, or it was taken off.
        """
        with self.diary.store.read() as conn:
            snapshot(conn, "watchlist", item_id, live_only=True)
            return _get(conn, item_id)

    def link(self, item_id: int, film: FilmRef) -> WatchlistItem:
        """Change only which film an item names (as :meth:`Diary.link_entry` does)."""
        with self.diary.store.write() as conn:
            link_row(self.diary, conn, "watchlist", item_id, film)
            return _get(conn, item_id)

    def add(
        self, film: FilmRef, *, added: str | _Today | None = TODAY, note: str | None = None
    ) -> WatchlistItem:
        """Put a film on the watchlist.

        Args:
            added: the day it was added, ``YYYY-MM-DD``; today by default; None: unknown.

        A film already on it stays as it is (its date and note are kept). A film that names
        no catalogue film (``film.unlinked``) is kept under its own title and year, waiting.
        """
        added = watched_value(added)
        with self.diary.store.write() as conn:
            held = _find(conn, {film.key}, film.unlinked)
            if held is not None:
                return held
            stamp = now_iso()
            row_id = conn.execute(
                "INSERT INTO watchlist (film_key, imdb_id, unlinked, title, year, added, note,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (film.key, film.imdb_id, film.unlinked, film.title, film.year, added or None,
                 note or None, stamp),
            ).lastrowid  # fmt: skip
            assert row_id is not None
            self.diary.record(conn, "watchlist", row_id, "add", None, stamp)
            return _get(conn, row_id)

    def set_note(self, item_id: int, note: str | None) -> WatchlistItem:
        """Change the note of a watchlist item (undoable)."""
        with self.diary.store.write() as conn:
            before = snapshot(conn, "watchlist", item_id, live_only=True)
            if before["note"] == (note or None):
                return _get(conn, item_id)
            stamp = now_iso()
            conn.execute(
                "UPDATE watchlist SET note = ?, updated_at = ? WHERE id = ?",
                (note or None, stamp, item_id),
            )
            self.diary.record(conn, "watchlist", item_id, "edit", before, stamp)
            return _get(conn, item_id)

    def remove(self, keys: Collection[str], *, unlinked: str | None = None) -> WatchlistItem | None:
        """Take a film (known by any of these keys) off the watchlist; None if it was not on.

        Args:
            unlinked: take off an item that names no film (waiting, or not in the
                catalogue) under one of these keys instead.
        """
        with self.diary.store.write() as conn:
            held = _find(conn, keys, unlinked)
            if held is None:
                return None
            return self.take_off(held.id)

    def take_off(self, item_id: int) -> WatchlistItem:
        """Take the item with this id off the watchlist (undoably).

        Raises:
            EntryNotFound: no such item, or it is off already.
        """
        with self.diary.store.write() as conn:
            before = snapshot(conn, "watchlist", item_id, live_only=True)
            stamp = now_iso()
            conn.execute(
                "UPDATE watchlist SET removed_at = ?, updated_at = ? WHERE id = ?",
                (stamp, stamp, item_id),
            )
            self.diary.record(conn, "watchlist", item_id, "remove", before, stamp)
            return _get(conn, item_id)

    def toggle(self, film: FilmRef, keys: Collection[str] = ()) -> tuple[bool, WatchlistItem]:
        """Put the film on the watchlist, or take it off when it is on already.

        Returns:
            Whether it is on the watchlist now, and its item.
        """
        with self.diary.store.write():
            removed = self.remove({film.key, *keys}, unlinked=film.unlinked)
            if removed is not None:
                return False, removed
            return True, self.add(film)

    def count(self) -> int:
        """How many films are on the watchlist."""
        with self.diary.store.read() as conn:
            row = conn.execute("SELECT count(*) FROM watchlist WHERE removed_at IS NULL")
            return int(row.fetchone()[0])


def _find(
    conn: sqlite3.Connection, keys: Collection[str], unlinked: str | None = None
) -> WatchlistItem | None:
    """The live item under one of ``keys`` in this link state (None: naming its film)."""
    wanted = sorted(keys)
    if not wanted:
        return None
    marks = ", ".join("?" * len(wanted))
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM watchlist WHERE removed_at IS NULL AND film_key IN ({marks})"
        " AND unlinked IS ? ORDER BY id LIMIT 1",
        [*wanted, unlinked],
    ).fetchone()
    return _item(row) if row else None


def _get(conn: sqlite3.Connection, row_id: int) -> WatchlistItem:
    row = conn.execute(f"SELECT {_COLUMNS} FROM watchlist WHERE id = ?", (row_id,)).fetchone()
    return _item(row)


def _item(row: Sequence[Any]) -> WatchlistItem:
    row_id, key, imdb_id, title, year, added, note, unlinked = row
    return WatchlistItem(
        id=row_id,
        film=FilmRef(key=key, title=title, year=year, imdb_id=imdb_id, unlinked=unlinked),
        added=added,
        note=note,
    )
