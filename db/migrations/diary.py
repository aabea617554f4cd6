"""The diary's schema migrations (``diary.db``), in order."""

from __future__ import annotations

import sqlite3

from kinolog.db.store import Migration, run_script
from kinolog.db.text import title_film_key

__all__ = ["DIARY_MIGRATIONS"]


def _diary_v1(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE entries (
            id INTEGER PRIMARY KEY,
            film_key TEXT NOT NULL,                 -- imdb:tt... or title:folded title:year
            imdb_id TEXT,
            title TEXT NOT NULL,                    -- copies, readable without the catalogue
            year INTEGER,
            rating INTEGER CHECK (rating BETWEEN 1 AND 10),   -- half stars, NULL: unrated
            watched TEXT,                           -- YYYY-MM-DD, NULL: unknown
            logged_at TEXT NOT NULL,
            rewatch INTEGER NOT NULL DEFAULT 0,
            liked INTEGER NOT NULL DEFAULT 0,
            tags TEXT NOT NULL DEFAULT '[]',        -- JSON array
            note TEXT,
            deleted_at TEXT,                        -- soft delete: undo brings it back
            updated_at TEXT NOT NULL
        );
        CREATE INDEX entries_film ON entries(film_key);
        CREATE INDEX entries_logged ON entries(logged_at);
        -- Every change with the entry before and after: the history, and what undo reverses.
        CREATE TABLE changes (
            id INTEGER PRIMARY KEY,
            batch TEXT,                             -- changes made together undo together
            entry_id INTEGER NOT NULL REFERENCES entries(id),
            action TEXT NOT NULL CHECK (action IN ('log', 'edit', 'delete')),
            before TEXT,
            after TEXT,
            at TEXT NOT NULL,
            undone_at TEXT
        );
        CREATE INDEX changes_entry ON changes(entry_id);
        """,
    )


def _diary_v2_collections(conn: sqlite3.Connection) -> None:
    """Unknown rating dates, the watchlist, named lists, and one history for all of them.

    ``changes`` is rebuilt (a child table: nothing references it) so that a change can name
    a row of any of the diary's tables; the old rows keep their ids, so undo order holds.
    """
    run_script(
        conn,
        """
        -- 0 when the source gave no date for the entry (an IMDb rating without Date Rated):
        -- logged_at then holds when it came into kinolog, for ordering only.
        ALTER TABLE entries ADD COLUMN logged_known INTEGER NOT NULL DEFAULT 1;
        CREATE TABLE watchlist (
            id INTEGER PRIMARY KEY,
            film_key TEXT NOT NULL,
            imdb_id TEXT,
            title TEXT NOT NULL,
            year INTEGER,
            added TEXT,                             -- YYYY-MM-DD, NULL: unknown
            note TEXT,
            removed_at TEXT,                        -- soft removal: undo brings it back
            updated_at TEXT NOT NULL
        );
        CREATE INDEX watchlist_film ON watchlist(film_key);
        CREATE TABLE lists (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            description TEXT,
            ranked INTEGER NOT NULL DEFAULT 0,
            tags TEXT NOT NULL DEFAULT '[]',        -- JSON array
            url TEXT,                               -- the list's own link, when imported
            created TEXT,                           -- YYYY-MM-DD
            deleted_at TEXT,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE list_items (
            id INTEGER PRIMARY KEY,
            list_id INTEGER NOT NULL REFERENCES lists(id),
            position INTEGER NOT NULL,
            film_key TEXT NOT NULL,
            imdb_id TEXT,
            title TEXT NOT NULL,
            year INTEGER,
            note TEXT,
            deleted_at TEXT,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX list_items_list ON list_items(list_id, position);
        CREATE TABLE changes_v2 (
            id INTEGER PRIMARY KEY,
            batch TEXT,                             -- changes made together undo together
            target TEXT NOT NULL CHECK (target IN ('entries', 'watchlist', 'lists', 'list_items')),
            row_id INTEGER NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('log', 'add', 'edit', 'delete', 'remove')),
            before TEXT,
            after TEXT,
            at TEXT NOT NULL,
            undone_at TEXT
        );
        INSERT INTO changes_v2 (id, batch, target, row_id, action, before, after, at, undone_at)
            SELECT id, batch, 'entries', entry_id, action, before, after, at, undone_at
            FROM changes;
        DROP TABLE changes;
        ALTER TABLE changes_v2 RENAME TO changes;
        CREATE INDEX changes_row ON changes(target, row_id);
        CREATE INDEX changes_open ON changes(undone_at, id);
        """,
    )


def _diary_v3_film_links(conn: sqlite3.Connection) -> None:
    """Entries an import could not attach to a film, and the user's "not in the catalogue"."""
    run_script(
        conn,
        """
        -- NULL: film_key names the entry's film. 'waiting': no film was clearly the row's
        -- (film_key is the row's own title and year; the queue lists it, and it is tried
        -- again when the catalogue grows). 'none': the user said it is not in the catalogue.
        ALTER TABLE entries ADD COLUMN unlinked TEXT CHECK (unlinked IN ('waiting', 'none'));
        CREATE INDEX entries_unlinked ON entries(unlinked) WHERE unlinked IS NOT NULL;
        """,
    )


def _diary_v4_collection_links(conn: sqlite3.Connection) -> None:
    """Watchlist films and list films an import could not attach to a film wait, as entries do.

    A row an import added under its own title and year, without an IMDb id, may be one the
    film resolver could not attach (the diary kept no sign of it): such rows wait, so that
    they show on no other film of that title and year; the next ``kinolog resolve --retry``
    (or catalogue import) attaches every one that has a clear film again.
    """
    run_script(
        conn,
        """
        -- As entries.unlinked: NULL names the film; 'waiting' for one; 'none' (the user said
        -- not in the catalogue).
        ALTER TABLE watchlist ADD COLUMN unlinked TEXT CHECK (unlinked IN ('waiting', 'none'));
        ALTER TABLE list_items ADD COLUMN unlinked TEXT CHECK (unlinked IN ('waiting', 'none'));
        CREATE INDEX watchlist_unlinked ON watchlist(unlinked) WHERE unlinked IS NOT NULL;
        CREATE INDEX list_items_unlinked ON list_items(unlinked) WHERE unlinked IS NOT NULL;
        """,
    )
    # Watchlist films a person added by hand name the film they chose: only an import's.
    imported = {
        row[0]
        for row in conn.execute(
            "SELECT row_id FROM changes WHERE target = 'watchlist' AND action = 'add'"
            " AND batch IS NOT NULL"
        )
    }
    for table, rows in (
        ("watchlist", [r for r in _own_title_rows(conn, "watchlist") if r in imported]),
        ("list_items", _own_title_rows(conn, "list_items")),  # lists come only from imports
    ):
        conn.executemany(
            f"UPDATE {table} SET unlinked = 'waiting' WHERE id = ?", [(row,) for row in rows]
        )


def _own_title_rows(conn: sqlite3.Connection, table: str) -> list[int]:
    """Rows named by their own title-and-year key, without an IMDb id."""
    return [
        row_id
        for row_id, key, title, year in conn.execute(
            f"SELECT id, film_key, title, year FROM {table} WHERE imdb_id IS NULL"
        )
        if key == title_film_key(title, year)
    ]


DIARY_MIGRATIONS: list[Migration] = [
    _diary_v1,
    _diary_v2_collections,
    _diary_v3_film_links,
    _diary_v4_collection_links,
]
