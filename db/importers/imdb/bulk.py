"""Writing a staged file into the catalogue in one transaction, the fast way.

A big load (a file whose staged rows are many compared with what a table holds) runs:

* with the search triggers suspended and the index marked out of date
  (:func:`kinolog.db.search.bulk_changes`): the import rebuilds the index at its end, so
  writing and deleting a ``search_dirty`` row per film, credit and person is wasted work;
* with the table's secondary indexes dropped before and built again after: one sorted
  build is far faster than millions of inserts at random places of an index that no longer
  fits in memory.

Both happen inside the file's write transaction, so no other connection ever sees the
catalogue without them, and a file that fails or is interrupted brings them back with its
rollback.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager

from kinolog.db.importers.imdb.staging import ImdbRun
from kinolog.db.search import bulk_changes

BIG_SHARE = 4
"""Secondary indexes are rebuilt when a table has fewer than this many rows per staged row."""
BIG_ROWS = 5_000
"""Fewer staged rows than this are written row by row, triggers and indexes left alone."""


def is_big(conn: sqlite3.Connection, table: str, staged: int) -> bool:
    """Whether ``staged`` new rows are many for ``table`` (cheap: counts a bounded prefix)."""
    if staged < BIG_ROWS:
        return False
    limit = BIG_SHARE * staged
    (existing,) = conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {table} LIMIT ?)", (limit,)
    ).fetchone()
    return int(existing) < limit


@contextmanager
def bulk_load(conn: sqlite3.Connection, run: ImdbRun, staged: Mapping[str, int]) -> Iterator[bool]:
    """Prepare the tables written by one file (``table -> staged rows``) for a bulk load.

    Must run inside the write transaction. Yields whether the load is big (the search
    triggers are then suspended until the block ends, and ``run.bulk`` says the search
    index must be rebuilt at the end of the import).
    """
    big = [table for table, rows in staged.items() if is_big(conn, table, rows)]
    if not big:
        yield False
        return
    run.bulk = True
    with ExitStack() as stack:
        stack.enter_context(bulk_changes(conn))
        indexes = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            f" AND tbl_name IN ({','.join('?' * len(big))})",
            big,
        ).fetchall()
        for name, _sql in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        yield True
        for _name, sql in indexes:
            conn.execute(sql)
