"""The rating log (``diary.db``): viewings and ratings, the watchlist, named lists, their
history, and undo.

The diary is the user's own data. Entries name their film by a stable key and keep a
copy of its title and year, so they never depend on the catalogue. Nothing is ever
removed: an edit keeps the version before it, a delete is soft, and every change (of an
entry, the watchlist or a list) can be undone (:mod:`.history`).
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from kinolog.db.diary import history
from kinolog.db.diary.history import Session, Step, history_of, record, snapshot
from kinolog.db.diary.links import link_row
from kinolog.db.diary.lists import Lists
from kinolog.db.diary.values import (
    TODAY,
    _Today,
    check_watched,
    clean_tags,
    parse_watched,
    watched_value,
)
from kinolog.db.diary.watchlist import Watchlist
from kinolog.db.errors import EntryNotFound, InvalidValue, NothingToRedo, NothingToUndo
from kinolog.db.migrations import DIARY_MIGRATIONS
from kinolog.db.models import DiaryEntry, FilmRef
from kinolog.db.ratings import check_rating
from kinolog.db.store import Access, Store, now_iso

__all__ = ["TODAY", "Diary", "Step", "Undone", "check_watched", "clean_tags", "parse_watched"]

_ENTRY_COLUMNS = (
    "id, film_key, imdb_id, title, year, rating, watched, logged_at, rewatch, liked, tags,"
    " note, deleted_at, logged_known, unlinked"
)
_EDITABLE = ("rating", "watched", "rewatch", "liked", "tags", "note")


@dataclass(frozen=True)
class Undone:
    """What :meth:`Diary.undo` reversed (or :meth:`Diary.redo` replayed): a sentence for the
    user and the entries touched."""

    description: str
    entries: tuple[DiaryEntry, ...]


class Diary:
    """The user's rating log in one SQLite file (``synchronous=FULL``: a saved entry stays).

    Args:
        path: ``diary.db``; created when missing (unless backups of it exist: then
            :class:`~kinolog.db.errors.DiaryMissing`).
        access: ``write``, or ``read``/``inspect`` for commands that only read
            (:class:`~kinolog.db.store.Store`).
    """

    def __init__(self, path: Path, *, access: Access = "write") -> None:
        self.path = path
        self.store = Store(
            path,
            name="diary",
            migrations=DIARY_MIGRATIONS,
            synchronous="FULL",
            access=access,
            precious=True,
        )
        self._batch: str | None = None
        self.watchlist = Watchlist(self)
        """Films the user wants to see."""
        self.lists = Lists(self)
        """Named lists of films."""
        self.session = Session()
        """What this object changed and undid: the app's undo and redo stay within it."""

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
        logged_known: bool = True,
    ) -> DiaryEntry:
        """Add a diary entry: a viewing of ``film`` with an optional rating.

        Args:
            watched: the date watched (``YYYY-MM-DD`` or a date); TODAY by default; None
                when unknown.
            logged_at: when it was logged; now by default (importers pass the original).
            logged_known: False when the source did not say when it was logged or rated:
                the entry keeps that as unknown (``logged_at`` is then only for ordering).
        """
        values = {
            "film_key": film.key,
            "imdb_id": film.imdb_id,
            "unlinked": film.unlinked,
            "title": film.title,
            "year": film.year,
            "rating": check_rating(rating),
            "watched": check_watched(watched_value(watched), film.year),
            "logged_at": logged_at or now_iso(),
            "logged_known": int(logged_known),
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
            self.record(conn, "entries", entry_id, "log", None, stamp)
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
                updates[name] = watched_value(value)
            elif name in ("rewatch", "liked"):
                updates[name] = int(bool(value))
            elif name == "tags":
                updates[name] = json.dumps(list(clean_tags(value)), ensure_ascii=False)
            else:
                updates[name] = value or None
        with self.store.write() as conn:
            before = snapshot(conn, "entries", entry_id, live_only=True)
            if "watched" in updates:
                check_watched(updates["watched"], before["year"])
            updates = {name: value for name, value in updates.items() if before[name] != value}
            if not updates:  # nothing differs: no change, nothing to undo
                return _get(conn, entry_id)
            stamp = now_iso()
            assignments = ", ".join(f"{name} = ?" for name in updates)
            conn.execute(
                f"UPDATE entries SET {assignments}, updated_at = ? WHERE id = ?",
                (*updates.values(), stamp, entry_id),
            )
            self.record(conn, "entries", entry_id, "edit", before, stamp)
            return _get(conn, entry_id)

    def delete_entry(self, entry_id: int) -> DiaryEntry:
        """Delete an entry (softly: :meth:`undo` brings it back).

        Raises:
            EntryNotFound: no such entry, or it is already deleted.
        """
        with self.store.write() as conn:
            before = snapshot(conn, "entries", entry_id, live_only=True)
            stamp = now_iso()
            conn.execute(
                "UPDATE entries SET deleted_at = ?, updated_at = ? WHERE id = ?",
                (stamp, stamp, entry_id),
            )
            self.record(conn, "entries", entry_id, "delete", before, stamp)
            return _get(conn, entry_id)

    def link_entry(self, entry_id: int, film: FilmRef) -> DiaryEntry:
        """Change only which film an entry names (key, IMDb id, link state): an edit in the
        history, undone like any other; the entry's copies of title and year stay.

        Raises:
            EntryNotFound: no such entry (or it was deleted).
        """
        with self.store.write() as conn:
            link_row(self, conn, "entries", entry_id, film)
            return _get(conn, entry_id)

    def next_undo(self, *, session_only: bool = False) -> Step | None:
        """The step :meth:`undo` would reverse, to show (and confirm) first; None: nothing.

        Args:
            session_only: only changes made through this object (the app's own).
        """
        with self.store.read() as conn:
            return history.undo_step(conn, self.session if session_only else None)

    def next_redo(self, *, session_only: bool = False) -> Step | None:
        """The step :meth:`redo` would replay (the one undone last); None when there is none."""
        with self.store.read() as conn:
            return history.redo_step(conn, self.session if session_only else None)

    def undo(self, step: Step | None = None, *, session_only: bool = False) -> Undone:
        """Undo the last change (all of it, when it was a batch such as an import).

        Args:
            step: the step to undo as :meth:`next_undo` showed it; the newest by default.
            session_only: only consider changes made through this object.

        Raises:
            NothingToUndo: when there is no change left to undo.
            UndoConflict: the step changed meanwhile, or undoing it would overwrite a later
                change of one of its rows (nothing is changed then).
        """
        with self.store.write() as conn:
            step = step or history.undo_step(conn, self.session if session_only else None)
            if step is None:
                where = "this session made" if session_only else "the diary has"
                raise NothingToUndo(f"nothing to undo: {where} no change left to undo")
            stamp = now_iso()
            history.reverse(conn, step, stamp)
            self.session.undos.add(stamp)
            return Undone(f"undid {step.summary}", self._entries_of(conn, step))

    def redo(self, step: Step | None = None, *, session_only: bool = False) -> Undone:
        """Redo the step undone last, unless a change was made after that undo.

        Raises:
            NothingToRedo: nothing was undone, or a later change ended the redo.
            UndoConflict: a row of the step was changed since it was undone.
        """
        with self.store.write() as conn:
            step = step or history.redo_step(conn, self.session if session_only else None)
            if step is None:
                raise NothingToRedo("nothing to redo: no undo since the last change")
            history.replay(conn, step, now_iso())
            return Undone(f"redid {step.summary}", self._entries_of(conn, step))

    @staticmethod
    def _entries_of(conn: sqlite3.Connection, step: Step) -> tuple[DiaryEntry, ...]:
        return tuple(_get(conn, row_id) for target, row_id in step.rows if target == "entries")

    def record(
        self,
        conn: sqlite3.Connection,
        target: str,
        row_id: int,
        action: str,
        before: dict[str, Any] | None,
        stamp: str,
    ) -> None:
        """Add a change of a row of ``target`` to the history, in the current batch (and
        in this object's session)."""
        self.session.changes.add(record(conn, self._batch, target, row_id, action, before, stamp))

    # -- likes -------------------------------------------------------------------------

    def liked_keys(self) -> set[str]:
        """The keys of films liked in a live entry (a film is liked when an entry is)."""
        with self.store.read() as conn:
            rows = conn.execute(
                "SELECT DISTINCT film_key FROM entries WHERE liked = 1 AND deleted_at IS NULL"
                " AND unlinked IS NULL"
            ).fetchall()
        return {row[0] for row in rows}

    def set_liked(self, film: FilmRef, liked: bool, keys: Collection[str] = ()) -> list[DiaryEntry]:
        """Like or unlike a film (known by its key or any of ``keys``), as one undoable change.

        Liking marks the film's latest entry liked; a film without an entry is logged
        as watched (date unknown, no rating), as liking a film on Letterboxd marks it
        watched. Unliking clears the like of each of its entries.

        Returns:
            The entries changed or added (none when it already was so).
        """
        wanted = {film.key, *keys}
        with self.batch():
            entries = self.entries(film_keys=wanted)  # entries that name no film are not it
            if not liked:
                return [self.edit_entry(e.id, liked=False) for e in entries if e.liked]
            if any(entry.liked for entry in entries):
                return []
            if not entries:
                return [self.log_viewing(film, watched=None, liked=True)]
            return [self.edit_entry(entries[0].id, liked=True)]

    # -- reading -------------------------------------------------------------------------

    def get_entry(self, entry_id: int) -> DiaryEntry:
        """The entry with this id (deleted ones too).

        Raises:
            EntryNotFound: when there is none.
        """
        with self.store.read() as conn:
            return _get(conn, entry_id)

    def entries(
        self,
        *,
        film_key: str | None = None,
        film_keys: Collection[str] | None = None,
        unlinked: str | None = None,
        include_deleted: bool = False,
    ) -> list[DiaryEntry]:
        """Diary entries, newest first (by watched date, then when logged).

        ``film_key``/``film_keys``: only the entries naming that film by one of its keys
        (never those without a film); ``unlinked``: only those in that link state.
        """
        keys = [*([film_key] if film_key is not None else []), *(film_keys or ())]
        where = ["1 = 1" if include_deleted else "deleted_at IS NULL"]
        if film_key is not None or film_keys is not None:
            where.append(f"film_key IN ({', '.join('?' * len(keys))}) AND unlinked IS NULL")
        if unlinked is not None:
            where.append("unlinked = ?")
        with self.store.read() as conn:
            rows = conn.execute(
                f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE {' AND '.join(where)}"
                " ORDER BY COALESCE(watched, substr(logged_at, 1, 10)) DESC, logged_at DESC,"
                " id DESC",
                [*keys, *([unlinked] if unlinked is not None else [])],
            ).fetchall()
        return [_entry(row) for row in rows]

    def current_rating(self, film_key: str) -> int | None:
        """The film's current rating: that of its latest rated entry."""
        with self.store.read() as conn:
            row = conn.execute(
                "SELECT rating FROM entries WHERE film_key = ? AND rating IS NOT NULL"
                " AND deleted_at IS NULL AND unlinked IS NULL ORDER BY logged_at DESC, id DESC"
                " LIMIT 1",
                (film_key,),
            ).fetchone()
        return int(row[0]) if row else None

    def ratings(self) -> dict[str, int]:
        """Every rated film's current rating, by film key (entries without a film aside)."""
        with self.store.read() as conn:
            rows = conn.execute(
                "SELECT film_key, rating FROM entries WHERE rating IS NOT NULL"
                " AND deleted_at IS NULL AND unlinked IS NULL ORDER BY logged_at, id"
            ).fetchall()
        return {key: int(rating) for key, rating in rows}

    def history(self, entry_id: int) -> list[dict[str, Any]]:
        """Every change of one entry, oldest first: action, time, before and after."""
        with self.store.read() as conn:
            return history_of(conn, "entries", entry_id)

    def counts(self) -> dict[str, int]:
        """How many entries (live and deleted), films, recorded changes, watchlist films and
        lists."""
        with self.store.read() as conn:
            live, deleted, films, changes = conn.execute(
                "SELECT (SELECT count(*) FROM entries WHERE deleted_at IS NULL),"
                " (SELECT count(*) FROM entries WHERE deleted_at IS NOT NULL),"
                " (SELECT count(DISTINCT film_key) FROM entries WHERE deleted_at IS NULL),"
                " (SELECT count(*) FROM changes)"
            ).fetchone()
        return {
            "entries": live,
            "deleted_entries": deleted,
            "films": films,
            "changes": changes,
            "watchlist": self.watchlist.count(),
            "lists": self.lists.count(),
        }


def _get(conn: sqlite3.Connection, entry_id: int) -> DiaryEntry:
    row = conn.execute(f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE id = ?", (entry_id,)).fetchone()
    if row is None:
        raise EntryNotFound(f"no diary entry with id {entry_id}")
    return _entry(row)


def _entry(row: Sequence[Any]) -> DiaryEntry:
    (entry_id, key, imdb_id, title, year, rating, watched, logged_at, rewatch, liked, tags,
     note, deleted_at, logged_known, unlinked) = row  # fmt: skip
    return DiaryEntry(
        id=entry_id,
        film=FilmRef(key=key, title=title, year=year, imdb_id=imdb_id, unlinked=unlinked),
        rating=rating,
        watched=watched,
        logged_at=logged_at,
        rewatch=bool(rewatch),
        liked=bool(liked),
        tags=tuple(json.loads(tags)),
        note=note,
        deleted=deleted_at is not None,
        logged_known=bool(logged_known),
    )
