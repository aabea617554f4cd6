"""What one ``import imdb`` run keeps in memory between its files, and small value parsers.

The memory a run needs stays bounded by the catalogue, not by the input: the kept films as
one ``{tconst number: film id}`` dict (a few tens of MB for a million films) and the film ids
that got crew credits in this run. People are looked up by SQL through the unique index on
``people.imdb_id`` instead of a dict, because a full IMDb import references millions of them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from kinolog.db.importers.imdb.files import NULL, tt_number

DEFAULT_TYPES = ("movie", "tvMovie")
DEFAULT_REGIONS = ("DE", "AT", "CH", "XWW", "US", "GB")
BATCH = 25_000
"""Rows per ``executemany``: large enough to amortise the Python/SQLite boundary."""


@dataclass
class ImdbOptions:
    """Choices of one import.

    Attributes:
        types: IMDb title types kept (``movie``, ``tvMovie``, ``short``, ``tvSeries`` ...).
        regions: alternative-title regions kept, in order of preference (the first region
            with a given title names it); the original title is always kept.
        adult: keep adult titles too.
    """

    types: Sequence[str] = DEFAULT_TYPES
    regions: Sequence[str] = DEFAULT_REGIONS
    adult: bool = False


@dataclass
class ImdbRun:
    """State shared by the files of one run (see the module docstring).

    Attributes:
        films: tconst number -> film id of every IMDb film in the catalogue.
        next_film_id: the id the next new film gets (ids are assigned here, so a batch
            insert needs no round trip to learn them).
        crew_films: :func:`kinolog.db.importers.imdb.people.crew_slot` of each film and role that
            title.crew credited in this run; principals add directors/writers only to others.
        has_alias_key: whether ``person_aliases`` has the ``key`` column for name matching.
    """

    options: ImdbOptions
    stamp: str
    films: dict[int, int] = field(default_factory=dict)
    next_film_id: int = 1
    crew_films: set[int] = field(default_factory=set)
    has_alias_key: bool = False
    data_version: int = -1

    @classmethod
    def load(cls, conn: sqlite3.Connection, options: ImdbOptions, stamp: str) -> ImdbRun:
        """Read what the run needs from the catalogue."""
        run = cls(options=options, stamp=stamp)
        run.refresh(conn)
        columns = {row[1] for row in conn.execute("PRAGMA table_info(person_aliases)")}
        run.has_alias_key = "key" in columns
        return run

    def refresh(self, conn: sqlite3.Connection) -> None:
        """Re-read the catalogue's films when another process changed the file since.

        Called at the start of each file's transaction: new film ids are assigned here, so
        they must follow the file's real last id.
        """
        version = int(conn.execute("PRAGMA data_version").fetchone()[0])
        if version == self.data_version:
            return
        self.data_version = version
        self._reload(conn)

    def _reload(self, conn: sqlite3.Connection) -> None:
        films: dict[int, int] = {}
        for film_id, imdb_id in conn.execute(
            "SELECT id, imdb_id FROM films WHERE imdb_id IS NOT NULL"
        ):
            number = tt_number(imdb_id)
            if number is not None and imdb_id.startswith("tt"):
                films[number] = film_id
        self.films = films
        (max_id,) = conn.execute("SELECT coalesce(max(id), 0) FROM films").fetchone()
        self.next_film_id = int(max_id) + 1


Batches = Sequence[tuple[str, list[tuple[object, ...]]]]


def flush(conn: sqlite3.Connection, batches: Batches) -> list[int]:
    """Run each ``(statement, rows)`` with ``executemany``, in order, and empty the lists.

    Returns:
        The rows each statement changed (not counting changes made by triggers).
    """
    changed = []
    for statement, rows in batches:
        count = 0
        if rows:
            count = conn.executemany(statement, rows).rowcount
            rows.clear()
        changed.append(count)
    return changed


class Staging:
    """A temporary table each batch goes through, so SQLite joins and writes in bulk.

    Statements like "insert each credit, looking its person up by nconst" run far faster
    as one ``INSERT ... SELECT ... JOIN`` per batch than as one statement per row. The
    table lives in the connection's temp database and goes with the transaction.

    Args:
        name: the table's name (in ``temp``).
        columns: its column definitions.
        statements: SQL run in order on each batch (reading ``temp.<name>``).
    """

    def __init__(
        self, conn: sqlite3.Connection, name: str, columns: Sequence[str], statements: Sequence[str]
    ) -> None:
        self.conn = conn
        self.name = name
        self.statements = statements
        self.rows: list[tuple[object, ...]] = []
        conn.execute(f"DROP TABLE IF EXISTS temp.{name}")
        conn.execute(f"CREATE TEMP TABLE {name} ({', '.join(columns)})")
        self._insert = f"INSERT INTO temp.{name} VALUES ({', '.join('?' * len(columns))})"

    def flush(self) -> None:
        """Write the batch through the statements and empty it."""
        if self.rows:
            self.conn.executemany(self._insert, self.rows)
            self.rows.clear()
            for statement in self.statements:
                self.conn.execute(statement)
            self.conn.execute(f"DELETE FROM temp.{self.name}")

    def close(self) -> None:
        """Write what is left and drop the table."""
        self.flush()
        self.conn.execute(f"DROP TABLE temp.{self.name}")


def optional_int(text: str, low: int, high: int) -> int | None:
    """``\\N`` -> None; a whole number in ``low..high``; anything else raises ValueError."""
    if text == NULL or text == "":
        return None
    value = int(text)
    if not low <= value <= high:
        raise ValueError(text)
    return value


def optional_text(text: str) -> str:
    """``\\N`` -> ``""``; other text stripped."""
    return "" if text == NULL else text.strip()


_genre_cache: dict[str, str] = {}


def genres_json(text: str) -> str:
    """IMDb's ``Crime,Drama`` as the JSON array the films table stores (cached: few values)."""
    cached = _genre_cache.get(text)
    if cached is None:
        genres = [] if text == NULL else [g.strip() for g in text.split(",") if g.strip()]
        cached = json.dumps(genres, ensure_ascii=False)
        if len(_genre_cache) < 10_000:
            _genre_cache[text] = cached
    return cached


def characters_text(text: str) -> str | None:
    """The principals' ``characters`` column (``["Vincent Vega"]``) as ``Vincent Vega``.

    Several characters are joined with `` / ``; text that is not a JSON list is kept as it
    stands, without brackets and quotes.
    """
    if text == NULL or not text:
        return None
    if text.startswith("["):
        try:
            value = json.loads(text)
        except ValueError:
            value = None
        if isinstance(value, list):
            names = [str(item).strip() for item in value if str(item).strip()]
            return " / ".join(names) or None
    return text.strip("[]\"' ") or None
