"""The diary's history: every change of every row; undo and redo, step by step.

Each change to a row of ``entries``, ``watchlist``, ``lists`` or ``list_items`` is one row
of ``changes`` holding the row before and after. Nothing is ever removed: a delete sets
the row's deletion column, so undo can bring it back. Changes made in one batch (an
import) form one *step* and are undone together.

A step can be looked at before it is undone (:func:`undo_step`: what it is, how many rows,
whose it is), and undone (:func:`reverse`) or redone (:func:`replay`) exactly as shown.
Redo replays the step undone last until a new change is made, as in any editor; a redone
change is live again, so it can be undone again. A :class:`Session` limits both to what one
``Diary`` object did: the app undoes its own changes, never an import another process made
meanwhile. A step that cannot be reversed without overwriting a later change of the same
row is refused (:class:`~kinolog.db.errors.UndoConflict`) and nothing is changed.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kinolog.db.errors import EntryNotFound, UndoConflict
from kinolog.db.ratings import stars

__all__ = [
    "TABLES",
    "Change",
    "Session",
    "Step",
    "Table",
    "record",
    "redo_step",
    "replay",
    "reverse",
    "snapshot",
    "undo_step",
]


@dataclass(frozen=True)
class Table:
    """What undo restores of one table's rows: the columns a change may alter, and the
    column that marks a row deleted (soft: undo clears it)."""

    columns: tuple[str, ...]
    gone: str


TABLES: dict[str, Table] = {
    "entries": Table(
        # film_key, imdb_id, unlinked: the entry's link to its film (links.link_row)
        (
            "rating",
            "watched",
            "rewatch",
            "liked",
            "tags",
            "note",
            "film_key",
            "imdb_id",
            "unlinked",
        ),
        "deleted_at",
    ),
    # film_key, imdb_id, unlinked: the film link of a watchlist or list film (links.link_row)
    "watchlist": Table(("added", "note", "film_key", "imdb_id", "unlinked"), "removed_at"),
    "lists": Table(("name", "description", "ranked", "tags", "url", "created"), "deleted_at"),
    "list_items": Table(("position", "note", "film_key", "imdb_id", "unlinked"), "deleted_at"),
}
# A change that created its row: undoing it marks the row deleted.
CREATING = frozenset({"log", "add"})


@dataclass(frozen=True)
class Change:
    """One undone change: which row of which table, what was done, the row before."""

    target: str
    row_id: int
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def snapshot(
    conn: sqlite3.Connection, target: str, row_id: int, *, live_only: bool = False
) -> dict[str, Any]:
    """The row as a dict of all its columns.

    Raises:
        EntryNotFound: no such row (or, with ``live_only``, it is deleted).
    """
    cursor = conn.execute(f"SELECT * FROM {target} WHERE id = ?", (row_id,))
    row = cursor.fetchone()
    names = [column[0] for column in cursor.description]
    found = dict(zip(names, row, strict=True)) if row else None
    if found is None or (live_only and found[TABLES[target].gone] is not None):
        what = "diary entry" if target == "entries" else f"{target} row"
        raise EntryNotFound(f"no {what} with id {row_id}")
    return found


def record(
    conn: sqlite3.Connection,
    batch: str | None,
    target: str,
    row_id: int,
    action: str,
    before: dict[str, Any] | None,
    stamp: str,
) -> int:
    """Add a change of one row to the history (the row after is read from the table);
    returns the change's id."""
    after = snapshot(conn, target, row_id)
    cursor = conn.execute(
        "INSERT INTO changes (batch, target, row_id, action, before, after, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            batch,
            target,
            row_id,
            action,
            json.dumps(before, ensure_ascii=False) if before else None,
            json.dumps(after, ensure_ascii=False),
            stamp,
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _reverse(
    conn: sqlite3.Connection,
    target: str,
    row_id: int,
    action: str,
    before: dict[str, Any] | None,
    stamp: str,
) -> None:
    """Put a row back as it was before one change."""
    table = TABLES[target]
    if action in CREATING or before is None:
        conn.execute(
            f"UPDATE {target} SET {table.gone} = ?, updated_at = ? WHERE id = ?",
            (stamp, stamp, row_id),
        )
        return
    # Rows recorded by an older kinolog may lack a column added since: leave it be.
    names = [name for name in (*table.columns, table.gone) if name in before]
    assignments = ", ".join(f"{name} = ?" for name in names)
    conn.execute(
        f"UPDATE {target} SET {assignments}, updated_at = ? WHERE id = ?",
        (*(before[name] for name in names), stamp, row_id),
    )


def history_of(conn: sqlite3.Connection, target: str, row_id: int) -> list[dict[str, Any]]:
    """Every change of one row, oldest first: action, time, before and after."""
    rows = conn.execute(
        "SELECT action, at, before, after, undone_at FROM changes"
        " WHERE target = ? AND row_id = ? ORDER BY id",
        (target, row_id),
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


def film_label(row: dict[str, Any] | None) -> str:
    """``Title (Year)`` of a row that copies a film's title and year."""
    if not row:
        return "a film"
    title, year = row.get("title") or "a film", row.get("year")
    return f"{title} ({year})" if year else str(title)


def describe(change: Change) -> str:
    """What one change was: ``logging Heat (1995) ★★★★``, ``adding Alien (1979) to the
    watchlist``, ``the deletion of the list Top three``."""
    row = change.after or change.before
    if change.target == "entries":
        rating = (row or {}).get("rating")
        verbs = {"log": "logging", "edit": "the edit of", "delete": "the deletion of"}
        shown = f" {stars(rating)}" if rating else ""
        return f"{verbs.get(change.action, 'a change of')} {film_label(row)}{shown}"
    if change.target == "watchlist":
        label = film_label(row)
        if change.action == "add":
            return f"adding {label} to the watchlist"
        if change.action == "remove":
            return f"taking {label} off the watchlist"
        return f"the edit of {label} on the watchlist"
    if change.target == "lists":
        name = (row or {}).get("name") or "a list"
        verbs = {"add": "making", "delete": "the deletion of", "edit": "the edit of"}
        return f"{verbs.get(change.action, 'a change of')} the list {name}"
    return f"a change of {film_label(row)} in a list"


# -- steps: what undo and redo take -------------------------------------------------------

_ROWS = "(id = :first OR (:batch IS NOT NULL AND batch = :batch))"  # the changes of a step
_NAMED = 3  # films named in the description of a bigger step
_KINDS = {
    "log": ("viewing logged", "viewings logged"),
    "add": ("addition", "additions"),
    "edit": ("edit", "edits"),
    "delete": ("deletion", "deletions"),
    "remove": ("removal", "removals"),
}


@dataclass
class Session:
    """What one ``Diary`` object did: the ids of its changes and the stamps of its undos."""

    changes: set[int] = field(default_factory=set)
    undos: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Step:
    """Changes undone (or redone) together, and what they mean to a person.

    Attributes:
        change_ids: the ``changes`` rows, newest first.
        batch: the batch they were made in (None: a single change).
        changes: each change, in the same order.
        at: when the step was made (an undo step) or undone (a redo step).
        own: every change of the step was made by the session asking.
    """

    change_ids: tuple[int, ...]
    batch: str | None
    changes: tuple[Change, ...]
    at: str
    own: bool

    @property
    def rows(self) -> list[tuple[str, int]]:
        """The rows the step touches, each once: (table, id)."""
        return list(dict.fromkeys((change.target, change.row_id) for change in self.changes))

    @property
    def size(self) -> int:
        """How many films (or lists) the step touches: rating a film that also takes it off
        the watchlist is one; an import is many (more than one: the app asks first)."""
        return len({_label(change) for change in self.changes})

    @property
    def summary(self) -> str:
        """Short: ``logging Heat (1995) ★★★★`` or ``37 changes made together``."""
        if len(self.changes) == 1:
            return describe(self.changes[0])
        return f"{len(self.changes)} changes made together"

    @property
    def description(self) -> str:
        """In full, to ask before undoing it: the summary, when, what kinds, which films."""
        if len(self.changes) == 1:
            return self.summary
        counts = Counter(change.action for change in self.changes)
        kinds = [
            f"{counts[action]} {_KINDS[action][counts[action] != 1]}"
            for action in _KINDS
            if counts[action]
        ]
        labels = list(dict.fromkeys(_label(change) for change in self.changes))
        more = len(labels) - _NAMED
        films = ", ".join(labels[:_NAMED]) + (f" and {more} more" if more > 0 else "")
        when = self.at[:16].replace("T", " at ")
        return f"{self.summary} on {when} UTC ({', '.join(kinds)}): {films}"


def _label(change: Change) -> str:
    """The film (or list) a change is about."""
    row = change.after or change.before
    if change.target == "lists":
        return f"the list {(row or {}).get('name') or change.row_id}"
    return film_label(row)


def undo_step(conn: sqlite3.Connection, session: Session | None) -> Step | None:
    """The step undo would reverse: the newest live one (of ``session``, when given)."""
    row: tuple[int, str | None] | None = None
    if session is None:
        row = conn.execute(
            "SELECT id, batch FROM changes WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1"
        ).fetchone()
    elif session.changes:
        for change_id, batch in conn.execute(
            "SELECT id, batch FROM changes WHERE undone_at IS NULL AND id >= ? ORDER BY id DESC",
            (min(session.changes),),
        ):
            if change_id in session.changes:
                row = (change_id, batch)
                break
    if row is None:
        return None
    params = {"first": row[0], "batch": row[1]}
    rows = conn.execute(
        "SELECT id, target, row_id, action, before, after, at FROM changes"
        f" WHERE undone_at IS NULL AND {_ROWS} ORDER BY id DESC",
        params,
    ).fetchall()
    return _step(conn, rows, row[1], rows[0][6], session)


def redo_step(conn: sqlite3.Connection, session: Session | None) -> Step | None:
    """The step redo would replay: the one undone last (by ``session``, when given).

    None when nothing was undone, or when a change was made after that undo (by anyone;
    with a session, by that session): a new change ends the redo.
    """
    stamps = [
        stamp
        for (stamp,) in conn.execute(
            "SELECT DISTINCT undone_at FROM changes WHERE undone_at IS NOT NULL"
            " ORDER BY undone_at DESC LIMIT 50"
        )
        if session is None or stamp in session.undos
    ]
    if not stamps:
        return None
    later = conn.execute("SELECT id FROM changes WHERE at > ?", (stamps[0],)).fetchall()
    if any(session is None or change_id in session.changes for (change_id,) in later):
        return None
    rows = conn.execute(
        "SELECT id, target, row_id, action, before, after, at, batch FROM changes"
        " WHERE undone_at = ? ORDER BY id DESC",
        (stamps[0],),
    ).fetchall()
    return _step(conn, [row[:7] for row in rows], rows[0][7], stamps[0], session)


def _step(
    conn: sqlite3.Connection,
    rows: Sequence[tuple[Any, ...]],
    batch: str | None,
    at: str,
    session: Session | None,
) -> Step:
    changes = []
    for _, target, row_id, action, before, after, _ in rows:
        after_row = json.loads(after) if after else None
        if target != "lists" and not (after_row or {}).get("title"):
            # An older kinolog recorded less: the row itself still has its film's copies.
            found = conn.execute(f"SELECT title, year FROM {target} WHERE id = ?", (row_id,))
            title_year = found.fetchone()
            if title_year is not None:
                after_row = {**(after_row or {}), "title": title_year[0], "year": title_year[1]}
        changes.append(
            Change(target, row_id, action, json.loads(before) if before else None, after_row)
        )
    ids = tuple(row[0] for row in rows)
    own = session is not None and all(change_id in session.changes for change_id in ids)
    return Step(change_ids=ids, batch=batch, changes=tuple(changes), at=at, own=own)


def reverse(conn: sqlite3.Connection, step: Step, stamp: str) -> None:
    """Undo ``step``: put each row back as it was before it (newest change first).

    Raises:
        UndoConflict: the step is no longer live, or a row was changed after it.
    """
    _check(conn, step, undone=None)
    for change_id, change in zip(step.change_ids, step.changes, strict=True):
        _reverse(conn, change.target, change.row_id, change.action, change.before, stamp)
        conn.execute("UPDATE changes SET undone_at = ? WHERE id = ?", (stamp, change_id))


def replay(conn: sqlite3.Connection, step: Step, stamp: str) -> None:
    """Redo ``step``: put each row back as the step left it (oldest change first).

    Raises:
        UndoConflict: the step is no longer the one undone, or a row was changed since.
    """
    _check(conn, step, undone=step.at)
    pairs = list(zip(step.change_ids, step.changes, strict=True))
    for change_id, change in reversed(pairs):
        table = TABLES[change.target]
        after = change.after or {}
        names = [name for name in (*table.columns, table.gone) if name in after]
        assignments = ", ".join(f"{name} = ?" for name in names)
        conn.execute(
            f"UPDATE {change.target} SET {assignments}, updated_at = ? WHERE id = ?",
            (*(after[name] for name in names), stamp, change.row_id),
        )
        conn.execute("UPDATE changes SET undone_at = NULL WHERE id = ?", (change_id,))


def _check(conn: sqlite3.Connection, step: Step, *, undone: str | None) -> None:
    """Refuse a step that is stale, or whose rows a later live change touched."""
    params = {"first": step.change_ids[0], "batch": step.batch}
    rows = conn.execute(f"SELECT id, undone_at FROM changes WHERE {_ROWS}", params).fetchall()
    if sorted(change_id for change_id, _ in rows) != sorted(step.change_ids) or any(
        state != undone for _, state in rows
    ):
        raise UndoConflict("the diary changed meanwhile: nothing was undone or redone; try again")
    later = conn.execute(
        "SELECT later.target, later.row_id FROM changes AS mine JOIN changes AS later"
        " ON later.target = mine.target AND later.row_id = mine.row_id"
        " WHERE (mine.id = :first OR (:batch IS NOT NULL AND mine.batch = :batch))"
        " AND later.undone_at IS NULL AND later.id > :last LIMIT 1",
        {**params, "last": max(step.change_ids)},
    ).fetchone()
    if later is not None:
        change = next(c for c in step.changes if (c.target, c.row_id) == tuple(later))
        label = film_label(change.after or change.before)
        raise UndoConflict(
            f"{label} was changed after this step (perhaps by another kinolog):"
            " undo that change first"
        )
