"""Which film a diary row names: changing an entry's, a watchlist film's or a list film's
link (key, IMDb id, link state) as an edit in the history, undone like any other."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from kinolog.db.diary.history import snapshot
from kinolog.db.models import FilmRef
from kinolog.db.store import now_iso

if TYPE_CHECKING:
    from kinolog.db.diary import Diary

__all__ = ["LINK", "link_row"]

LINK = ("film_key", "imdb_id", "unlinked")  # a row's link to its film
TARGETS = frozenset({"entries", "watchlist", "list_items"})


def link_row(
    diary: Diary, conn: sqlite3.Connection, target: str, row_id: int, film: FilmRef
) -> bool:
    """Make a live row of ``entries``, ``watchlist`` or ``list_items`` name ``film``; its
    copies of title and year stay. Returns whether anything changed.

    Raises:
        EntryNotFound: no such row (or it was deleted).
    """
    assert target in TARGETS
    before = snapshot(conn, target, row_id, live_only=True)
    link = (film.key, film.imdb_id, film.unlinked)
    if tuple(before[name] for name in LINK) == link:
        return False
    stamp = now_iso()
    conn.execute(
        f"UPDATE {target} SET film_key = ?, imdb_id = ?, unlinked = ?, updated_at = ? WHERE id = ?",
        (*link, stamp, row_id),
    )
    diary.record(conn, target, row_id, "edit", before, stamp)
    return True
