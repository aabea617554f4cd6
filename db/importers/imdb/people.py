"""Importing ``title.crew``, ``title.principals`` and ``name.basics``: people and credits.

Only people credited on kept films are stored. Crew and principals come before names, so a
person is created when first credited, named by the nconst until ``name.basics`` gives the
real name (a later ``kinolog import imdb name.basics.tsv.gz`` fills the names in).

Crew and cast replace what an earlier import said (the ordering may have changed); the
directors and writers that principals lists are added only to films that have none of that
role (title.crew, when imported, is the list of record).
"""

from __future__ import annotations

import sqlite3

from kinolog.db.importers.imdb.bulk import bulk_load
from kinolog.db.importers.imdb.files import NULL, TsvReader
from kinolog.db.importers.imdb.staging import (
    BATCH,
    KEPT_TABLE,
    MAX_NAME,
    STAGED,
    ImdbRun,
    NumberSet,
    StagedFile,
    StageState,
    Staging,
    characters_text,
    drop_staging,
    optional_int,
)
from kinolog.db.names import person_key

CAST = frozenset(("actor", "actress", "self"))
CREW = frozenset(("director", "writer"))
_CREDIT_COLUMNS = ("num INTEGER", "role TEXT", "ordering INTEGER", "character TEXT",
                   "nconst TEXT", "replace_ INTEGER")  # fmt: skip


def _number(tconst: str) -> int:
    digits = tconst[2:]
    if tconst[:2] != "tt" or not digits.isdigit():
        return -1
    try:
        return int(digits)
    except ValueError:  # digits of another script
        return -1


def _nconst(text: str) -> tuple[int, str] | None:
    """``nm0000151`` -> ``(151, "nm0000151")``, the id as IMDb writes it (seven digits at
    least), or None when ``text`` is not an nconst."""
    digits = text[2:]
    if text[:2] != "nm" or not digits.isdigit() or not digits.isascii():
        return None
    number = int(digits)
    return number, (text if len(digits) == 7 else f"nm{number:07d}")


_KEYS_KEPT = 100_000
_key_cache: dict[str, str] = {}


def _person_key(name: str) -> str:
    """:func:`person_key`, remembered for the names seen last (many people share a name)."""
    key = _key_cache.get(name)
    if key is None:
        if len(_key_cache) >= _KEYS_KEPT:
            _key_cache.clear()
        key = _key_cache[name] = person_key(name)
    return key


def _credited(
    conn: sqlite3.Connection, state: StageState, credits: Staging, seen: NumberSet
) -> None:
    """The people a credits file named (``seen``) that the catalogue did not have when the
    import began, once each and in nconst order, in the companion table ``imdb_people``
    (so that applying the file needs no DISTINCT over its credits); all of them join
    ``state.people`` (name.basics names them)."""
    people = Staging(conn, "imdb_people", ("num INTEGER",))
    credits.companions.append(people)
    for number in seen.difference(state.people_before):
        people.rows.append((number,))
        if len(people.rows) >= BATCH:
            people.flush()
    people.flush()
    state.people.update(seen)


def stage_crew(conn: sqlite3.Connection, state: StageState, reader: TsvReader) -> Staging:
    """Stage the directors and writers of kept films, in the order listed."""
    col = reader.columns
    i_directors, i_writers = col["directors"], col["writers"]
    films, split, seen = state.films, reader.split, NumberSet()
    staging = Staging(conn, "imdb_credits", _CREDIT_COLUMNS)
    rows = staging.rows
    for tconst, text in reader.keyed("tconst"):
        number = _number(tconst)
        if number not in films:
            continue
        row = split(text)
        if row is None:
            continue
        credits = _crew_credits(number, row[i_directors], row[i_writers], seen)
        if isinstance(credits, str):
            reader.bad(f"{tconst}: {credits} is not a list of nconsts (nm1234567)")
            continue
        reader.kept += 1
        rows.extend(credits)
        if len(rows) >= BATCH:
            staging.flush()
    staging.flush()
    _credited(conn, state, staging, seen)
    return staging


def _crew_credits(
    number: int, directors: str, writers: str, seen: NumberSet
) -> list[tuple[object, ...]] | str:
    """The staged credits of one crew row (its people join ``seen``), or the text that is
    wrong."""
    credits: list[tuple[object, ...]] = []
    people: list[int] = []
    for role, text in (("director", directors), ("writer", writers)):
        if text == NULL or not text:
            continue
        for ordering, item in enumerate(text.split(","), start=1):
            person = _nconst(item.strip())
            if person is None:
                return f"{role}s {text[:60]!r}"
            people.append(person[0])
            credits.append((number, role, ordering, None, person[1], 1))
    for person_number in people:  # only once the whole row is sound
        seen.add(person_number)
    return credits


def stage_principals(conn: sqlite3.Connection, state: StageState, reader: TsvReader) -> Staging:
    """Stage the cast of kept films, and the directors and writers principals lists."""
    col = reader.columns
    i_ordering, i_person = col["ordering"], col["nconst"]
    i_category, i_characters = col["category"], col["characters"]
    films, split = state.films, reader.split
    seen = NumberSet()
    staging = Staging(conn, "imdb_credits", _CREDIT_COLUMNS)
    rows = staging.rows
    last, number = "", -1  # rows come grouped by title: decide once per title
    for tconst, text in reader.keyed("tconst"):
        if tconst != last:
            last = tconst
            number = _number(tconst)
            if number not in films:
                number = -1
        if number < 0:
            continue
        row = split(text)
        if row is None:
            continue
        category = row[i_category]
        if category in CAST:
            role, replace = "cast", 1
        elif category in CREW:
            role, replace = category, 0
        else:
            continue
        nconst, ordering = row[i_person].strip(), row[i_ordering]
        digits = nconst[2:]
        if nconst[:2] != "nm" or not (
            digits.isdigit() and digits.isascii() and ordering.isdecimal() and ordering.isascii()
        ):
            reader.bad(f"{tconst}: nconst/ordering {nconst!r}/{ordering!r}")
            continue
        person = int(digits)
        if len(digits) != 7:
            nconst = f"nm{person:07d}"
        seen_bits, byte = seen.bits, person >> 3  # seen.add, inline: the hottest loop
        if byte < len(seen_bits):
            seen_bits[byte] |= 1 << (person & 7)
        else:
            seen.add(person)
        character = characters_text(row[i_characters]) if replace else None
        reader.kept += 1
        rows.append((number, role, int(ordering), character, nconst, replace))
        if len(rows) >= BATCH:
            staging.flush()
    staging.flush()
    _credited(conn, state, staging, seen)
    return staging


# The people staged with the file that the catalogue lacks (one look-up each, no DISTINCT
# over the credits), in nconst order (as staged).
_ADD_PEOPLE = f"""
INSERT INTO people (imdb_id, name)
SELECT nconst, nconst FROM (SELECT printf('nm%07d', num) AS nconst FROM {STAGED}.imdb_people) n
WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.imdb_id = n.nconst)
"""
# The same after a title.basics that failed in this run: the credits were staged for its
# films too (they were read, not written), so people come only from credits of kept films.
_ADD_CREDITED_PEOPLE = f"""
INSERT INTO people (imdb_id, name)
SELECT DISTINCT c.nconst, c.nconst FROM {STAGED}.imdb_credits c JOIN {KEPT_TABLE} k ON k.num = c.num
WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.imdb_id = c.nconst)
"""
# (film, role) of the crew roles principals lists for films that have nobody in that role.
_OPEN_ROLES = f"""
INSERT OR IGNORE INTO temp.imdb_open_roles
SELECT k.film_id, c.role FROM {STAGED}.imdb_credits c JOIN {KEPT_TABLE} k ON k.num = c.num
WHERE c.replace_ = 0
  AND NOT EXISTS (SELECT 1 FROM credits x WHERE x.film_id = k.film_id AND x.role = c.role)
"""
_CREDITS = f"""
INSERT OR REPLACE INTO credits (film_id, person_id, role, ordering, character)
SELECT k.film_id, p.id, c.role, c.ordering, c.character
FROM {STAGED}.imdb_credits c JOIN {KEPT_TABLE} k ON k.num = c.num
JOIN people p ON p.imdb_id = c.nconst
WHERE c.replace_ = 1 OR EXISTS (
    SELECT 1 FROM temp.imdb_open_roles o WHERE o.film_id = k.film_id AND o.role = c.role)
ORDER BY k.film_id, c.role
"""


def apply_credits(conn: sqlite3.Connection, run: ImdbRun, staged_file: StagedFile) -> int:
    """Create the people of the staged credits and write the credits; return how many."""
    drop_staging(conn, "imdb_open_roles")
    conn.execute(
        "CREATE TABLE temp.imdb_open_roles (film_id INTEGER, role TEXT,"
        " PRIMARY KEY (film_id, role)) WITHOUT ROWID"
    )
    conn.execute(_OPEN_ROLES)
    staged, new = staged_file.count("imdb_credits"), staged_file.count("imdb_people")
    with bulk_load(conn, run, {"people": new, "credits": staged}):
        conn.execute(_ADD_CREDITED_PEOPLE if run.basics_failed else _ADD_PEOPLE)
        count = conn.execute(_CREDITS).rowcount
    drop_staging(conn, "imdb_open_roles")
    return int(count)


def stage_names(conn: sqlite3.Connection, state: StageState, reader: TsvReader) -> Staging:
    """Stage the names of the catalogue's people and of everyone credited in this import
    (others in the file are skipped).

    The primary name also becomes an alias, so search and review matching find the person.
    """
    col = reader.columns
    i_name = col["primaryName"]
    i_birth, i_death = col["birthYear"], col["deathYear"]
    needed = state.people
    bits, size = needed.bits, len(needed.bits)
    staging = Staging(conn, "imdb_names", ("nconst TEXT", "name TEXT", "birth INTEGER",
                                           "death INTEGER", "key TEXT"))  # fmt: skip
    rows, split = staging.rows, reader.split
    for nconst, text in reader.keyed("nconst"):
        digits = nconst[2:]
        if nconst[:2] != "nm" or not digits.isdigit() or not digits.isascii():
            reader.bad(f"nconst {nconst!r} is not an IMDb name id (nm1234567)")
            continue
        number = int(digits)
        byte = number >> 3
        if not (bits[byte] >> (number & 7) & 1 if byte < size else number in needed):
            continue
        row = split(text)
        if row is None:
            continue
        if len(digits) != 7:
            nconst = f"nm{number:07d}"
        name = row[i_name].strip()[:MAX_NAME]
        if not name or name == NULL:
            reader.bad(f"{nconst} has no primaryName")
            continue
        try:
            birth = optional_int(row[i_birth], 0, 2100)
            death = optional_int(row[i_death], 0, 2100)
        except ValueError:
            reader.bad(f"{nconst}: birthYear/deathYear {row[i_birth]!r}/{row[i_death]!r}")
            continue
        reader.kept += 1
        rows.append((nconst, name, birth, death, _person_key(name)))
        if len(rows) >= BATCH:
            staging.flush()
    staging.flush()
    return staging


# Only rows that change: a re-import rewrites nothing.
_NAMES = f"""
UPDATE people SET name = t.name, birth_year = t.birth, death_year = t.death
FROM {STAGED}.imdb_names t WHERE people.imdb_id = t.nconst AND (people.name IS NOT t.name
    OR people.birth_year IS NOT t.birth OR people.death_year IS NOT t.death)
"""
_ALIASES = f"""
INSERT OR IGNORE INTO person_aliases (person_id, alias, key)
SELECT p.id, t.name, t.key FROM {STAGED}.imdb_names t JOIN people p ON p.imdb_id = t.nconst
ORDER BY p.id, t.name
"""


def apply_names(conn: sqlite3.Connection, run: ImdbRun, staged_file: StagedFile) -> int:
    """Name the staged people and add each name as an alias; return how many were named."""
    staged = staged_file.count("imdb_names")
    with bulk_load(conn, run, {"people": staged, "person_aliases": staged}):
        conn.execute(_NAMES)
        conn.execute(_ALIASES)
    return staged
