"""What one ``import imdb`` run keeps between its files, staging tables, and value parsers.

Memory stays bounded whatever the size of the files: the films and people the catalogue
already has are known to Python only as bitmaps of their IMDb numbers (one bit per number:
a few MB for IMDb's whole range), and everything else lives in SQLite. A file is first
*staged*: its rows are read, the ones kinolog keeps are parsed and written in batches into a
staging database of its own (a scratch SQLite file, by a second process for big imports, see
:mod:`.stager`). Then one transaction *applies* the staged rows to the catalogue with a few
set-based statements (joins, sorted inserts), see :mod:`.bulk`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kinolog.db.importers.imdb.files import NULL

DEFAULT_TYPES = ("movie", "tvMovie")
FILM_LIKE_TYPES = frozenset(
    ("movie", "tvMovie", "short", "tvShort", "video", "tvSpecial", "tvMiniSeries")
)
"""IMDb title types that people log as films elsewhere (Letterboxd lists shorts, TV films,
specials, direct-to-video and concert films, some mini-series; IMDb users rate them). Those an
import leaves out are noted in ``outside_titles``, so that a diary row naming one is not taken
for a catalogue film of the same title a year away. Episodes, series, pilots and games are
never logged as films: they are not noted (episodes alone are most of IMDb)."""
DEFAULT_REGIONS = ("DE", "AT", "CH", "XWW", "US", "GB")
BATCH = 20_000
"""Rows per ``executemany``: large enough to amortise the Python/SQLite boundary."""
MAX_TITLE = 500
"""Characters of a title kept; longer ones are cut (a title is never a text)."""
MAX_NAME = 300
"""Characters of a person's name kept."""


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


class NumberSet:
    """A set of IMDb id numbers (``tt0110912`` -> 110912) as a bitmap.

    One bit per number up to the largest one in the set: IMDb's numbers stay below a few
    tens of millions, so this is a few MB where a Python set of millions of ints would take
    hundreds. Numbers beyond :attr:`LIMIT` (not IMDb's, but a file may say anything) go to a
    small ordinary set.
    """

    LIMIT = 1 << 28

    def __init__(self, numbers: Iterable[int] = ()) -> None:
        self.bits = bytearray()
        self.extra: set[int] = set()
        for number in numbers:
            self.add(number)

    def add(self, number: int) -> None:
        """Add one number (>= 0)."""
        if number >= self.LIMIT:
            self.extra.add(number)
            return
        byte = number >> 3
        if byte >= len(self.bits):
            self.bits.extend(bytes(max(byte + 1 - len(self.bits), len(self.bits) // 4)))
        self.bits[byte] |= 1 << (number & 7)

    def __contains__(self, number: object) -> bool:
        if not isinstance(number, int) or number < 0:
            return False
        byte = number >> 3
        if byte < len(self.bits):
            return bool(self.bits[byte] >> (number & 7) & 1)
        return number in self.extra

    def __len__(self) -> int:
        return int.from_bytes(self.bits, "little").bit_count() + len(self.extra)

    def __bool__(self) -> bool:
        return bool(self.extra) or self.bits.count(0) < len(self.bits)

    def copy(self) -> NumberSet:
        """An independent copy."""
        other = NumberSet()
        other.bits, other.extra = bytearray(self.bits), set(self.extra)
        return other

    def update(self, other: NumberSet) -> None:
        """Add every number of ``other``."""
        import numpy as np  # imported by imports only

        if len(other.bits) > len(self.bits):
            self.bits.extend(bytes(len(other.bits) - len(self.bits)))
        mine = np.frombuffer(self.bits, np.uint8)
        mine[: len(other.bits)] |= np.frombuffer(other.bits, np.uint8)
        self.extra |= other.extra

    def difference(self, other: NumberSet) -> Iterator[int]:
        """The numbers of this set that ``other`` lacks, in order (a slice of the bitmap at
        a time: a few MB at most, whatever the sets hold)."""
        import numpy as np

        step = 1 << 16  # bytes of the bitmap: 524,288 numbers
        for start in range(0, len(self.bits), step):
            mine = np.frombuffer(self.bits, np.uint8, min(step, len(self.bits) - start), start)
            theirs = np.zeros(len(mine), np.uint8)
            shared = max(0, min(len(mine), len(other.bits) - start))
            if shared:
                theirs[:shared] = np.frombuffer(other.bits, np.uint8, shared, start)
            found = np.flatnonzero(np.unpackbits(mine & ~theirs, bitorder="little"))
            yield from (found + 8 * start).tolist()
        yield from sorted(number for number in self.extra if number not in other)

    def save(self, path: Path) -> None:
        """Write the set to a file (its bitmap, then the numbers beyond it as text)."""
        extra = ",".join(str(number) for number in sorted(self.extra))
        path.write_bytes(len(self.bits).to_bytes(8, "big") + self.bits + extra.encode())

    @classmethod
    def load(cls, path: Path) -> NumberSet:
        """Read a set written by :meth:`save`."""
        data = path.read_bytes()
        size = int.from_bytes(data[:8], "big")
        numbers = cls()
        numbers.bits = bytearray(data[8 : 8 + size])
        tail = data[8 + size :].decode()
        numbers.extra = {int(text) for text in tail.split(",")} if tail else set()
        return numbers


KEPT_TABLE = "temp.imdb_kept"
"""IMDb number -> film id of every IMDb film in the catalogue (a temp table)."""


@dataclass
class ImdbRun:
    """State shared by the files of one run.

    Attributes:
        films: the IMDb numbers of the catalogue's IMDb films (:data:`KEPT_TABLE` maps
            them to film ids for SQL).
        data_version: the catalogue's ``PRAGMA data_version`` when ``films`` was read.
        bulk: a file was written with the search triggers suspended (see :mod:`.bulk`):
            the search index must be rebuilt at the end, whatever it says about itself.
        basics_failed: a title.basics file of this run failed: the credits files after it
            were staged for its films too, so only people credited in kept films are added.
    """

    options: ImdbOptions
    stamp: str
    films: NumberSet = field(default_factory=NumberSet)
    data_version: int = -1
    stale: bool = True
    bulk: bool = False  # a file was loaded with the search triggers suspended
    basics_failed: bool = False

    def refresh(self, conn: sqlite3.Connection) -> None:
        """Re-read the catalogue's IMDb films when the file changed since they were read.

        Fills :data:`KEPT_TABLE` with one statement and the bitmap from it: no Python
        object per film survives.
        """
        version = int(conn.execute("PRAGMA data_version").fetchone()[0])
        if version == self.data_version and not self.stale:
            return
        conn.execute(f"DROP TABLE IF EXISTS {KEPT_TABLE}")
        conn.execute(f"CREATE TABLE {KEPT_TABLE} (num INTEGER PRIMARY KEY, film_id INTEGER)")
        conn.execute(
            f"INSERT OR IGNORE INTO {KEPT_TABLE} (num, film_id)"
            " SELECT CAST(substr(imdb_id, 3) AS INTEGER), id FROM films"
            " WHERE imdb_id GLOB 'tt[0-9]*' AND substr(imdb_id, 3) NOT GLOB '*[^0-9]*'"
            " ORDER BY 1"
        )
        self.films = NumberSet(row[0] for row in conn.execute(f"SELECT num FROM {KEPT_TABLE}"))
        self.data_version = int(conn.execute("PRAGMA data_version").fetchone()[0])
        self.stale = False

    def changed(self) -> None:
        """This run changed the catalogue's films: read them again before the next file."""
        self.stale = True


def people_numbers(conn: sqlite3.Connection) -> NumberSet:
    """The nconst numbers of the catalogue's IMDb people."""
    return NumberSet(
        row[0]
        for row in conn.execute(
            "SELECT CAST(substr(imdb_id, 3) AS INTEGER) FROM people"
            " WHERE imdb_id GLOB 'nm[0-9]*' AND substr(imdb_id, 3) NOT GLOB '*[^0-9]*'"
        )
    )


STAGED = "stage"
"""The schema a file's staging database is attached as while it is applied."""


@dataclass
class StageState:
    """What staging needs to know, kept by whoever stages (this process or the stager's).

    Attributes:
        films: IMDb numbers of the films the catalogue has once the files staged so far are
            applied: its films when the import began, and the films title.basics staged.
        people_before: nconst numbers of the catalogue's people when the import began.
        people: those, and every person staged with a credit since (name.basics names them).
    """

    options: ImdbOptions
    films: NumberSet = field(default_factory=NumberSet)
    people_before: NumberSet = field(default_factory=NumberSet)
    people: NumberSet = field(default_factory=NumberSet)


@dataclass
class StagedFile:
    """One file, staged: where, how many rows of each table, and how reading it went.

    Attributes:
        database: the staging database (a SQLite file, attached as :data:`STAGED`).
        counts: rows staged per table.
        kept: rows of the file kept.
        error: why the file cannot be imported (then nothing of it is applied).
    """

    kind: str
    path: str
    database: str
    counts: dict[str, int] = field(default_factory=dict)
    rows: int = 0
    kept: int = 0
    malformed: int = 0
    examples: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0

    def count(self, table: str) -> int:
        """Rows staged in ``table`` (0 when it has none)."""
        return self.counts.get(table, 0)


class Staging:
    """A table of the staging database that a file's kept rows are written to, in batches.

    Args:
        conn: the staging database's connection.
        name: the table's name.
        columns: its column definitions.
    """

    def __init__(self, conn: sqlite3.Connection, name: str, columns: Sequence[str]) -> None:
        self.conn = conn
        self.table = name
        self.rows: list[tuple[object, ...]] = []
        self.count = 0
        conn.execute(f"DROP TABLE IF EXISTS {self.table}")
        conn.execute(f"CREATE TABLE {self.table} ({', '.join(columns)})")
        # A file that repeats an id (a title twice in title.basics) keeps its last row, as a
        # re-import would, instead of failing on the staging table's key.
        marks = ", ".join("?" * len(columns))
        self._insert = f"INSERT OR REPLACE INTO {self.table} VALUES ({marks})"
        self.companions: list[Staging] = []  # staged with this one

    @property
    def counts(self) -> dict[str, int]:
        """Rows written per table, this one's and its companions'."""
        return {s.table: s.count for s in (self, *self.companions)}

    def flush(self) -> None:
        """Write the batch and empty it."""
        if self.rows:
            self.conn.executemany(self._insert, self.rows)
            self.count += len(self.rows)
            self.rows.clear()


def drop_staging(conn: sqlite3.Connection, *names: str) -> None:
    """Drop staging tables (``temp.<name>``) that may exist."""
    for name in names:
        conn.execute(f"DROP TABLE IF EXISTS temp.{name}")


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
    if text.startswith('["') and text.endswith('"]') and '"' not in text[2:-2] and "\\" not in text:
        return text[2:-2].strip()[:MAX_NAME] or None  # the usual one plain name, fast
    if text.startswith("["):
        try:
            value = json.loads(text)
        except ValueError:
            value = None
        if isinstance(value, list):
            names = [str(item).strip() for item in value if str(item).strip()]
            return " / ".join(names)[:MAX_NAME] or None
    return text.strip("[]\"' ")[:MAX_NAME] or None
