"""The diary's history: every change of every row, and undoing the last one.

Each change to a row of ``entries``, ``watchlist``, ``lists`` or ``list_items`` is one row
of ``changes`` holding the row before and after. Nothing is ever removed: a delete sets
the row's deletion column, so undo can bring it back. Changes made in one batch (an
import) share a batch id and are undone together.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kinolog.db.errors import EntryNotFound, NothingToUndo

__all__ = ["TABLES", "Change", "Table", "record", "snapshot", "undo_last"]


@dataclass(frozen=True)
class Table:
    """What undo restores of one table's rows: the columns a change may alter, and the
    column that marks a row deleted (soft: undo clears it)."""

    columns: tuple[str, ...]
    gone: str


TABLES: dict[str, Table] = {
    "entries": Table(
        # film_key, imdb_id, unlinked: the entry's link to its film (Diary.link_entry)
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
    "watchlist": Table(("added", "note"), "removed_at"),
    "lists": Table(("name", "description", "ranked", "tags", "url", "created"), "deleted_at"),
    "list_items": Table(("position", "note"), "deleted_at"),
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
) -> None:
    """Add a change of one row to the history (the row after is read from the table)."""
    after = snapshot(conn, target, row_id)
    conn.execute(
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


def undo_last(conn: sqlite3.Connection, stamp: str) -> list[Change]:
    """Reverse the last change not undone yet (all of its batch), newest first.

    Raises:
        NothingToUndo: every change is undone already.
    """
    last = conn.execute(
        "SELECT id, batch FROM changes WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if last is None:
        raise NothingToUndo("nothing to undo: the diary has no change left to undo")
    change_id, batch = last
    rows = conn.execute(
        "SELECT id, target, row_id, action, before, after FROM changes"
        " WHERE undone_at IS NULL AND (id = ? OR (batch IS NOT NULL AND batch = ?))"
        " ORDER BY id DESC",
        (change_id, batch),
    ).fetchall()
    undone: list[Change] = []
    for change, target, row_id, action, before, after in rows:
        old = json.loads(before) if before else None
        _reverse(conn, target, row_id, action, old, stamp)
        conn.execute("UPDATE changes SET undone_at = ? WHERE id = ?", (stamp, change))
        undone.append(Change(target, row_id, action, old, json.loads(after) if after else None))
    return undone


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


def describe_other(changes: Sequence[Change]) -> str:
    """A sentence for one undone change of the watchlist or a list."""
    change = changes[0]
    row = change.after or change.before
    if change.target == "watchlist":
        label = film_label(row)
        if change.action == "add":
            return f"undid adding {label} to the watchlist"
        if change.action == "remove":
            return f"undid taking {label} off the watchlist"
        return f"undid the edit of {label} on the watchlist"
    if change.target == "lists":
        name = (row or {}).get("name") or "a list"
        verbs = {"add": "making", "delete": "the deletion of", "edit": "the edit of"}
        return f"undid {verbs.get(change.action, 'a change of')} the list {name}"
    return f"undid a change of {film_label(row)} in a list"
