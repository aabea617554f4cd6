"""The rating log (``diary.db``): viewings and ratings, their history, and undo.

The diary is the user's own data. Entries name their film by a stable key and keep a
copy of its title and year, so they never depend on the catalogue. Nothing is ever
removed: an edit keeps the version before it, a delete is soft, and every change can
be undone.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Final

from kinolog.db.errors import EntryNotFound, InvalidValue, NothingToUndo
from kinolog.db.migrations import DIARY_MIGRATIONS
from kinolog.db.models import DiaryEntry, FilmRef
from kinolog.db.ratings import check_rating, stars
from kinolog.db.store import Store, now_iso


class _Today:
    """Sentinel: "the watched date is today" (the default when logging)."""

    def __repr__(self) -> str:
        return "TODAY"


TODAY: Final = _Today()
_UNKNOWN_DATES = frozenset({"", "-", "unknown", "none", "?"})
_ENTRY_COLUMNS = (
    "id, film_key, imdb_id, title, year, rating, watched, logged_at, rewatch, liked, tags,"
    " note, deleted_at"
)
_EDITABLE = ("rating", "watched", "rewatch", "liked", "tags", "note")


def parse_watched(text: str, *, today: date | None = None) -> str | None:
    """Parse a watched date: ``YYYY-MM-DD``, ``today``, ``yesterday``; ``unknown``/``-`` -> None.

    Raises:
        InvalidValue: for anything else, an impossible date, or a date in the future.
    """
    value = text.strip().casefold()
    today = today or date.today()
    if value in _UNKNOWN_DATES:
        return None
    if value == "today":
        return today.isoformat()
    if value == "yesterday":
        return (today - timedelta(days=1)).isoformat()
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise InvalidValue(f"date {text!r} not understood: use YYYY-MM-DD") from None
    if len(value) != 10:
        raise InvalidValue(f"date {text!r} not understood: use YYYY-MM-DD")
    if parsed > today + timedelta(days=1):
        raise InvalidValue(f"date {text!r} is in the future")
    return parsed.isoformat()


def clean_tags(tags: Sequence[str]) -> tuple[str, ...]:
    """Tags trimmed, inner white space collapsed, empty ones dropped, duplicates removed."""
    seen: dict[str, str] = {}
    for tag in tags:
        cleaned = " ".join(str(tag).split())
        if cleaned and cleaned.casefold() not in seen:
            seen[cleaned.casefold()] = cleaned
    return tuple(seen.values())


@dataclass(frozen=True)
class Undone:
    """What :meth:`Diary.undo` reversed: a sentence for the user and the entries touched."""

    description: str
    entries: tuple[DiaryEntry, ...]


class Diary:
    """The user's rating log in one SQLite file (``synchronous=FULL``: a saved entry stays).

    Args:
        path: ``diary.db``; created when missing.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.store = Store(path, name="diary", migrations=DIARY_MIGRATIONS, synchronous="FULL")
        self._batch: str | None = None

    def close(self) -> None:
        """Close the file."""
        self.store.close()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group the changes made in the block: one transaction, undone together."""
        with self.store.write():
            outer, self._batch = self._batch, self._batch or uuid.uuid4().hex
            try:
                yield
            finally:
                self._batch = outer

    # -- changes -------------------------------------------------------------------------

    def log_viewing(
        self,
        film: FilmRef,
        *,
        rating: int | None = None,
        watched: str | date | _Today | None = TODAY,
        rewatch: bool = False,
        liked: bool = False,
        tags: Sequence[str] = (),
        note: str | None = None,
        logged_at: str | None = None,
    ) -> DiaryEntry:
        """Add a diary entry: a viewing of ``film`` with an optional rating.

        Args:
            watched: the date watched (``YYYY-MM-DD`` or a date); TODAY by default; None
                when unknown.
            logged_at: when it was logged; now by default (importers pass the original).
        """
        values = {
            "film_key": film.key,
            "imdb_id": film.imdb_id,
            "title": film.title,
            "year": film.year,
            "rating": check_rating(rating),
            "watched": _watched(watched),
            "logged_at": logged_at or now_iso(),
            "rewatch": int(rewatch),
            "liked": int(liked),
            "tags": json.dumps(list(clean_tags(tags)), ensure_ascii=False),
            "note": note or None,
        }
        with self.store.write() as conn:
            stamp = now_iso()
            entry_id = conn.execute(
                f"INSERT INTO entries ({', '.join(values)}, updated_at)"
                f" VALUES ({', '.join('?' * len(values))}, ?)",
                (*values.values(), stamp),
            ).lastrowid
            assert entry_id is not None
            self._record(conn, entry_id, "log", None, _snapshot(conn, entry_id), stamp)
            return _get(conn, entry_id)

    def edit_entry(self, entry_id: int, **changes: Any) -> DiaryEntry:
        """Change fields of an entry (rating, watched, rewatch, liked, tags, note).

        The version before is kept in the history and :meth:`undo` restores it.

        Raises:
            EntryNotFound: no such entry (or it was deleted).
            InvalidValue: an unknown field or a bad value.
        """
        unknown = set(changes) - set(_EDITABLE)
        if unknown:
            raise InvalidValue(f"cannot edit {', '.join(sorted(unknown))} of a diary entry")
        updates: dict[str, Any] = {}
        for name, value in changes.items():
            if name == "rating":
                updates[name] = check_rating(value)
            elif name == "watched":
                updates[name] = _watched(value)
            elif name in ("rewatch", "liked"):
                updates[name] = int(bool(value))
            elif name == "tags":
                updates[name] = json.dumps(list(clean_tags(value)), ensure_ascii=False)
            else:
                updates[name] = value or None
        with self.store.write() as conn:
            before = _snapshot(conn, entry_id, live_only=True)
            if not updates:
                return _get(conn, entry_id)
            stamp = now_iso()
            assignments = ", ".join(f"{name} = ?" for name in updates)
            conn.execute(
                f"UPDATE entries SET {assignments}, updated_at = ? WHERE id = ?",
                (*updates.values(), stamp, entry_id),
            )
            self._record(conn, entry_id, "edit", before, _snapshot(conn, entry_id), stamp)
            return _get(conn, entry_id)

    def delete_entry(self, entry_id: int) -> DiaryEntry:
        """Delete an entry (softly: :meth:`undo` brings it back).

        Raises:
            EntryNotFound: no such entry, or it is already deleted.
        """
        with self.store.write() as conn:
            before = _snapshot(conn, entry_id, live_only=True)
            stamp = now_iso()
            conn.execute(
                "UPDATE entries SET deleted_at = ?, updated_at = ? WHERE id = ?",
                (stamp, stamp, entry_id),
            )
            self._record(conn, entry_id, "delete", before, _snapshot(conn, entry_id), stamp)
            return _get(conn, entry_id)

    def undo(self) -> Undone:
        """Undo the last change (all of it, when it was a batch such as an import).

        Raises:
            NothingToUndo: when every change is already undone.
        """
        with self.store.write() as conn:
            last = conn.execute(
                "SELECT id, batch FROM changes WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1"
            ).fetchone()
            if last is None:
                raise NothingToUndo("nothing to undo: the diary has no change left to undo")
            change_id, batch = last
            rows = conn.execute(
                "SELECT id, entry_id, action, before FROM changes"
                " WHERE undone_at IS NULL AND (id = ? OR (batch IS NOT NULL AND batch = ?))"
                " ORDER BY id DESC",
                (change_id, batch),
            ).fetchall()
            stamp = now_iso()
            for row_id, entry_id, action, before in rows:
                _reverse(conn, entry_id, action, before, stamp)
                conn.execute("UPDATE changes SET undone_at = ? WHERE id = ?", (stamp, row_id))
            entries = tuple(_get(conn, entry_id) for _, entry_id, _, _ in rows)
        return Undone(_describe(rows[0][2], entries, len(rows)), entries)

    def _record(
        self,
        conn: sqlite3.Connection,
        entry_id: int,
        action: str,
        before: dict[str, Any] | None,
        after: dict[str, Any],
        stamp: str,
    ) -> None:
        conn.execute(
            "INSERT INTO changes (batch, entry_id, action, before, after, at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                self._batch,
                entry_id,
                action,
                json.dumps(before, ensure_ascii=False) if before else None,
                json.dumps(after, ensure_ascii=False),
                stamp,
            ),
        )

    # -- reading -------------------------------------------------------------------------

    def get_entry(self, entry_id: int) -> DiaryEntry:
        """The entry with this id (deleted ones too).

        Raises:
            EntryNotFound: when there is none.
        """
        with self.store.read() as conn:
            return _get(conn, entry_id)

    def entries(
        self, *, film_key: str | None = None, include_deleted: bool = False
    ) -> list[DiaryEntry]:
        """Diary entries, newest first (by watched date, then when logged)."""
        where = ["1 = 1"]
        params: list[Any] = []
        if not include_deleted:
            where.append("deleted_at IS NULL")
        if film_key is not None:
            where.append("film_key = ?")
            params.append(film_key)
        with self.store.read() as conn:
            rows = conn.execute(
                f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE {' AND '.join(where)}"
                " ORDER BY COALESCE(watched, substr(logged_at, 1, 10)) DESC, logged_at DESC,"
                " id DESC",
                params,
            ).fetchall()
        return [_entry(row) for row in rows]

    def current_rating(self, film_key: str) -> int | None:
        """The film's current rating: that of its latest rated entry."""
        with self.store.read() as conn:
            row = conn.execute(
                "SELECT rating FROM entries WHERE film_key = ? AND rating IS NOT NULL"
                " AND deleted_at IS NULL ORDER BY logged_at DESC, id DESC LIMIT 1",
                (film_key,),
            ).fetchone()
        return int(row[0]) if row else None

    def ratings(self) -> dict[str, int]:
        """Every rated film's current rating, by film key."""
        with self.store.read() as conn:
            rows = conn.execute(
                "SELECT film_key, rating FROM entries WHERE rating IS NOT NULL"
                " AND deleted_at IS NULL ORDER BY logged_at, id"
            ).fetchall()
        return {key: int(rating) for key, rating in rows}

    def history(self, entry_id: int) -> list[dict[str, Any]]:
        """Every change of one entry, oldest first: action, time, before and after."""
        with self.store.read() as conn:
            rows = conn.execute(
                "SELECT action, at, before, after, undone_at FROM changes"
                " WHERE entry_id = ? ORDER BY id",
                (entry_id,),
            ).fetchall()
        return [
            {
                "action": action,
                "at": at,
                "before": json.loads(before) if before else None,
                "after": json.loads(after) if after else None,
                "undone_at": undone_at,
            }
            for action, at, before, after, undone_at in rows
        ]

    def counts(self) -> dict[str, int]:
        """How many entries (live and deleted), rated films and recorded changes."""
        with self.store.read() as conn:
            live, deleted, films, changes = conn.execute(
                "SELECT (SELECT count(*) FROM entries WHERE deleted_at IS NULL),"
                " (SELECT count(*) FROM entries WHERE deleted_at IS NOT NULL),"
                " (SELECT count(DISTINCT film_key) FROM entries WHERE deleted_at IS NULL),"
                " (SELECT count(*) FROM changes)"
            ).fetchone()
        return {"entries": live, "deleted_entries": deleted, "films": films, "changes": changes}


def _watched(value: str | date | _Today | None) -> str | None:
    if isinstance(value, _Today):
        return date.today().isoformat()
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return parse_watched(value)


def _snapshot(
    conn: sqlite3.Connection, entry_id: int, *, live_only: bool = False
) -> dict[str, Any]:
    conn_row = conn.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE id = ?", (entry_id,)
    ).fetchone()
    if conn_row is None or (live_only and conn_row[12] is not None):
        raise EntryNotFound(f"no diary entry with id {entry_id}")
    names = [name.strip() for name in _ENTRY_COLUMNS.split(",")]
    return dict(zip(names, conn_row, strict=True))


def _get(conn: sqlite3.Connection, entry_id: int) -> DiaryEntry:
    row = conn.execute(f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE id = ?", (entry_id,)).fetchone()
    if row is None:
        raise EntryNotFound(f"no diary entry with id {entry_id}")
    return _entry(row)


def _entry(row: Sequence[Any]) -> DiaryEntry:
    (entry_id, key, imdb_id, title, year, rating, watched, logged_at, rewatch, liked, tags,
     note, deleted_at) = row  # fmt: skip
    return DiaryEntry(
        id=entry_id,
        film=FilmRef(key=key, title=title, year=year, imdb_id=imdb_id),
        rating=rating,
        watched=watched,
        logged_at=logged_at,
        rewatch=bool(rewatch),
        liked=bool(liked),
        tags=tuple(json.loads(tags)),
        note=note,
        deleted=deleted_at is not None,
    )


def _reverse(
    conn: sqlite3.Connection, entry_id: int, action: str, before: str | None, stamp: str
) -> None:
    """Put an entry back as it was before one change."""
    if action == "log":
        conn.execute(
            "UPDATE entries SET deleted_at = ?, updated_at = ? WHERE id = ?",
            (stamp, stamp, entry_id),
        )
        return
    assert before is not None
    old = json.loads(before)
    fields = [*_EDITABLE, "deleted_at"]
    conn.execute(
        f"UPDATE entries SET {', '.join(f'{name} = ?' for name in fields)}, updated_at = ?"
        " WHERE id = ?",
        (*(old[name] for name in fields), stamp, entry_id),
    )


def _describe(action: str, entries: Sequence[DiaryEntry], count: int) -> str:
    if count > 1:
        return f"undid {count} changes made together"
    entry = entries[0]
    rating = f" {stars(entry.rating)}" if entry.rating else ""
    verbs = {"log": "logging", "edit": "the edit of", "delete": "the deletion of"}
    return f"undid {verbs[action]} {entry.film.label}{rating}"
