"""Named lists of films (Letterboxd lists): a name, a description, ranked or not, tags,
and the films in order, each with an optional note.

Every change is in the diary's history: a list made by an import disappears again with
``undo``, and a deleted list comes back. A list film an import could not attach to a film
waits under its own title and year (``unlinked``), as diary entries do.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kinolog.db.diary.history import snapshot
from kinolog.db.diary.links import link_row
from kinolog.db.diary.values import clean_tags
from kinolog.db.errors import EntryNotFound, InvalidValue
from kinolog.db.models import WAITING, FilmList, FilmRef, ListItem
from kinolog.db.store import now_iso
from kinolog.db.text import fold

if TYPE_CHECKING:
    from kinolog.db.diary import Diary

__all__ = ["ListHeader", "Lists"]

_LIST_COLUMNS = "id, name, description, ranked, tags, url, created"
_ITEM_COLUMNS = "id, list_id, position, film_key, imdb_id, title, year, note, unlinked"


@dataclass(frozen=True)
class ListHeader:
    """What a list says about itself (everything but its films)."""

    name: str
    description: str | None = None
    ranked: bool = False
    tags: tuple[str, ...] = ()
    url: str | None = None
    created: str | None = None

    def row(self) -> tuple[Any, ...]:
        """The values of the ``lists`` columns name .. created."""
        tags = json.dumps(list(clean_tags(self.tags)), ensure_ascii=False)
        return (self.name, self.description or None, int(self.ranked), tags, self.url, self.created)


class Lists:
    """The named lists in the diary's file (``diary.lists``).

    Args:
        diary: the diary they belong to (its file, batches and history).
    """

    def __init__(self, diary: Diary) -> None:
        self.diary = diary

    def all(self) -> list[FilmList]:
        """Every list with its films, by name."""
        with self.diary.store.read() as conn:
            rows = conn.execute(
                f"SELECT {_LIST_COLUMNS} FROM lists WHERE deleted_at IS NULL ORDER BY name, id"
            ).fetchall()
            lists = [_list(conn, row) for row in rows]
        return sorted(lists, key=lambda found: (fold(found.name), found.id))

    def get(self, list_id: int) -> FilmList:
        """The list with this id.

        Raises:
            EntryNotFound: no such list (or it was deleted).
        """
        with self.diary.store.read() as conn:
            return _get(conn, list_id)

    def find(self, *, url: str | None = None, name: str | None = None) -> FilmList | None:
        """The list with this link (else this name, ignoring case), if there is one."""
        for held in self.all():
            if url and held.url == url:
                return held
        wanted = fold(name or "")
        if not wanted:
            return None
        return next((held for held in self.all() if fold(held.name) == wanted), None)

    def create(self, header: ListHeader, items: Sequence[tuple[FilmRef, str | None]]) -> FilmList:
        """Make a list of these films (in this order, with their notes), as one change."""
        if not header.name.strip():
            raise InvalidValue("a list needs a name")
        with self.diary.batch(), self.diary.store.write() as conn:
            stamp = now_iso()
            list_id = conn.execute(
                "INSERT INTO lists (name, description, ranked, tags, url, created, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (*header.row(), stamp),
            ).lastrowid
            assert list_id is not None
            self.diary.record(conn, "lists", list_id, "add", None, stamp)
            self._add_items(conn, list_id, items, stamp)
            return _get(conn, list_id)

    def replace(
        self, list_id: int, header: ListHeader, items: Sequence[tuple[FilmRef, str | None]]
    ) -> FilmList:
        """Give a list a new header and films (a re-imported list that changed), undoably."""
        with self.diary.batch(), self.diary.store.write() as conn:
            before = snapshot(conn, "lists", list_id, live_only=True)
            stamp = now_iso()
            conn.execute(
                "UPDATE lists SET name = ?, description = ?, ranked = ?, tags = ?, url = ?,"
                " created = ?, updated_at = ? WHERE id = ?",
                (*header.row(), stamp, list_id),
            )
            self.diary.record(conn, "lists", list_id, "edit", before, stamp)
            old = conn.execute(
                "SELECT id FROM list_items WHERE list_id = ? AND deleted_at IS NULL", (list_id,)
            ).fetchall()
            for (item_id,) in old:
                item_before = snapshot(conn, "list_items", item_id)
                conn.execute(
                    "UPDATE list_items SET deleted_at = ?, updated_at = ? WHERE id = ?",
                    (stamp, stamp, item_id),
                )
                self.diary.record(conn, "list_items", item_id, "delete", item_before, stamp)
            self._add_items(conn, list_id, items, stamp)
            return _get(conn, list_id)

    def delete(self, list_id: int) -> FilmList:
        """Delete a list (softly: ``undo`` brings it back)."""
        with self.diary.store.write() as conn:
            held = _get(conn, list_id)
            before = snapshot(conn, "lists", list_id)
            stamp = now_iso()
            conn.execute(
                "UPDATE lists SET deleted_at = ?, updated_at = ? WHERE id = ?",
                (stamp, stamp, list_id),
            )
            self.diary.record(conn, "lists", list_id, "delete", before, stamp)
            return held

    def _add_items(
        self,
        conn: sqlite3.Connection,
        list_id: int,
        items: Sequence[tuple[FilmRef, str | None]],
        stamp: str,
    ) -> None:
        for position, (film, note) in enumerate(items, start=1):
            item_id = conn.execute(
                "INSERT INTO list_items (list_id, position, film_key, imdb_id, unlinked, title,"
                " year, note, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (list_id, position, film.key, film.imdb_id, film.unlinked, film.title,
                 film.year, note or None, stamp),
            ).lastrowid  # fmt: skip
            assert item_id is not None
            self.diary.record(conn, "list_items", item_id, "add", None, stamp)

    def waiting(self) -> list[tuple[FilmList, ListItem]]:
        """The films of lists an import could not attach to a film, with their lists."""
        with self.diary.store.read() as conn:
            rows = conn.execute(
                "SELECT i.list_id FROM list_items i JOIN lists l ON l.id = i.list_id"
                " WHERE i.unlinked = 'waiting' AND i.deleted_at IS NULL"
                " AND l.deleted_at IS NULL GROUP BY i.list_id ORDER BY min(i.id)"
            ).fetchall()
            lists = [_get(conn, list_id) for (list_id,) in rows]
        return [
            (found, item)
            for found in lists
            for item in found.items
            if item.film.unlinked == WAITING
        ]

    def item(self, item_id: int) -> tuple[FilmList, ListItem]:
        """A film of a live list, by its item id, with its list.

        Raises:
            EntryNotFound: no such item, or it or its list was deleted.
        """
        with self.diary.store.read() as conn:
            row = conn.execute(
                "SELECT list_id FROM list_items WHERE id = ? AND deleted_at IS NULL", (item_id,)
            ).fetchone()
            found = _get(conn, row[0]) if row else None
        item = next((i for i in found.items if i.id == item_id), None) if found else None
        if found is None or item is None:
            raise EntryNotFound(f"no film of a list with id {item_id}")
        return found, item

    def link_item(self, item_id: int, film: FilmRef) -> ListItem:
        """Change only which film a list's film names (as :meth:`Diary.link_entry` does)."""
        with self.diary.store.write() as conn:
            link_row(self.diary, conn, "list_items", item_id, film)
        return self.item(item_id)[1]

    def count(self) -> int:
        """How many lists there are."""
        with self.diary.store.read() as conn:
            row = conn.execute("SELECT count(*) FROM lists WHERE deleted_at IS NULL")
            return int(row.fetchone()[0])


def _get(conn: sqlite3.Connection, list_id: int) -> FilmList:
    row = conn.execute(
        f"SELECT {_LIST_COLUMNS} FROM lists WHERE id = ? AND deleted_at IS NULL", (list_id,)
    ).fetchone()
    if row is None:
        raise EntryNotFound(f"no list with id {list_id}")
    return _list(conn, row)


def _list(conn: sqlite3.Connection, row: Sequence[Any]) -> FilmList:
    list_id, name, description, ranked, tags, url, created = row
    items = conn.execute(
        f"SELECT {_ITEM_COLUMNS} FROM list_items WHERE list_id = ? AND deleted_at IS NULL"
        " ORDER BY position, id",
        (list_id,),
    ).fetchall()
    return FilmList(
        id=list_id,
        name=name,
        description=description,
        ranked=bool(ranked),
        tags=tuple(json.loads(tags)),
        url=url,
        created=created,
        items=tuple(_item(item) for item in items),
    )


def _item(row: Sequence[Any]) -> ListItem:
    item_id, _list_id, position, key, imdb_id, title, year, note, unlinked = row
    film = FilmRef(key=key, title=title, year=year, imdb_id=imdb_id, unlinked=unlinked)
    return ListItem(id=item_id, position=position, film=film, note=note)
