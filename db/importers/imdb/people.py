"""Importing ``title.crew``, ``title.principals`` and ``name.basics``: people and credits.

Only people credited on kept films are stored. Crew and principals come before names, so a
person is created when first credited, named by the nconst until ``name.basics`` gives the
real name (a later ``kinolog import imdb name.basics.tsv.gz`` fills the names in).

Rows go through :class:`~kinolog.db.importers.imdb.staging.Staging` tables: people are created and
credits written by one joined statement per batch, and no set of people is kept in memory.
"""

from __future__ import annotations

import sqlite3

from kinolog.db.importers.imdb.files import NULL, TsvReader, tt_number
from kinolog.db.importers.imdb.staging import BATCH, ImdbRun, Staging, characters_text, optional_int
from kinolog.db.names import person_key

CAST = frozenset(("actor", "actress", "self"))
CREW = frozenset(("director", "writer"))
_CREDIT_COLUMNS = ("film_id INTEGER", "role TEXT", "ordering INTEGER", "character TEXT",
                   "nconst TEXT", "replace_ INTEGER")  # fmt: skip
# "WHERE true" lets SQLite tell the upsert clause from a join condition.
_ADD_PEOPLE = (
    "INSERT INTO people (imdb_id, name) SELECT DISTINCT nconst, nconst FROM temp.{table}"
    " WHERE true ON CONFLICT (imdb_id) DO NOTHING"
)
_CREDIT = (
    " INTO credits (film_id, person_id, role, ordering, character)"
    " SELECT t.film_id, p.id, t.role, t.ordering, t.character FROM temp.{table} t"
    " JOIN people p ON p.imdb_id = t.nconst WHERE t.replace_ = {replace}"
)
# Crew and cast replace what an earlier import said (the ordering may have changed);
# directors and writers from principals never override title.crew's.
_SET_CREDITS = "INSERT OR REPLACE" + _CREDIT
_ADD_CREDITS = "INSERT OR IGNORE" + _CREDIT


def _credit_staging(conn: sqlite3.Connection, table: str) -> Staging:
    statements = (
        _ADD_PEOPLE.format(table=table),
        _SET_CREDITS.format(table=table, replace=1),
        _ADD_CREDITS.format(table=table, replace=0),
    )
    return Staging(conn, table, _CREDIT_COLUMNS, statements)


def _nconst(text: str) -> int | None:
    return tt_number(text) if text.startswith("nm") else None


def crew_slot(film_id: int, role: str) -> int:
    """One int for "this film's directors" or "this film's writers" (compact in a set)."""
    return film_id * 2 + (role == "writer")


def import_crew(conn: sqlite3.Connection, run: ImdbRun, reader: TsvReader) -> int:
    """Credit the directors and writers of kept films, in the order listed; return credits."""
    col = reader.columns
    i_id, i_directors, i_writers = col["tconst"], col["directors"], col["writers"]
    films = run.films
    staging = _credit_staging(conn, "crew_in")
    rows = staging.rows
    count = 0
    for row in reader:
        tconst = row[i_id]
        film_id = films.get(tt_number(tconst) or -1) if tconst[:2] == "tt" else None
        if film_id is None:
            continue
        credits = _crew_credits(film_id, row[i_directors], row[i_writers])
        if isinstance(credits, str):
            reader.bad(f"{tconst}: {credits} is not a list of nconsts (nm1234567)")
            continue
        for credit in credits:
            rows.append(credit)
            run.crew_films.add(crew_slot(film_id, str(credit[1])))
        count += len(credits)
        if len(rows) >= BATCH:
            staging.flush()
    staging.close()
    return count


def _crew_credits(film_id: int, directors: str, writers: str) -> list[tuple[object, ...]] | str:
    """The staged credits of one crew row, or the text that is wrong."""
    credits: list[tuple[object, ...]] = []
    for role, text in (("director", directors), ("writer", writers)):
        if text == NULL or not text:
            continue
        for ordering, item in enumerate(text.split(","), start=1):
            nconst = item.strip()
            if _nconst(nconst) is None:
                return f"{role}s {text[:60]!r}"
            credits.append((film_id, role, ordering, None, nconst, 1))
    return credits


def import_principals(conn: sqlite3.Connection, run: ImdbRun, reader: TsvReader) -> int:
    """Credit the cast of kept films (and crew where title.crew had none); return credits."""
    col = reader.columns
    i_id, i_ordering, i_person = col["tconst"], col["ordering"], col["nconst"]
    i_category, i_characters = col["category"], col["characters"]
    films, crew_films = run.films, run.crew_films
    staging = _credit_staging(conn, "principals_in")
    rows = staging.rows
    count = 0
    for row in reader:
        tconst = row[i_id]
        film_id = films.get(tt_number(tconst) or -1) if tconst[:2] == "tt" else None
        if film_id is None:
            continue
        category = row[i_category]
        if category in CAST:
            role, replace = "cast", 1
        elif category in CREW and crew_slot(film_id, category) not in crew_films:
            role, replace = category, 0
        else:
            continue
        nconst = row[i_person].strip()
        ordering = row[i_ordering]
        if _nconst(nconst) is None or not ordering.isdigit():
            reader.bad(f"{tconst}: nconst/ordering {nconst!r}/{ordering!r}")
            continue
        character = characters_text(row[i_characters]) if replace else None
        rows.append((film_id, role, int(ordering), character, nconst, replace))
        count += 1
        if len(rows) >= BATCH:
            staging.flush()
    staging.close()
    return count


_NAME_STATEMENTS = (
    # Only rows that change: a re-import rewrites nothing (and wakes no search trigger).
    "UPDATE people SET name = t.name, birth_year = t.birth, death_year = t.death"
    " FROM temp.names_in t WHERE people.imdb_id = t.nconst AND (people.name IS NOT t.name"
    " OR people.birth_year IS NOT t.birth OR people.death_year IS NOT t.death)",
    "INSERT OR IGNORE INTO person_aliases (person_id, alias{key})"
    " SELECT p.id, t.name{t_key} FROM temp.names_in t JOIN people p ON p.imdb_id = t.nconst"
    " ORDER BY p.id",  # in key order: neighbouring pages, not one page per row
)


def import_names(conn: sqlite3.Connection, run: ImdbRun, reader: TsvReader) -> int:
    """Name the people of kept films (others in the file are skipped); return how many.

    The primary name also becomes an alias, so search and review matching find the person.
    """
    col = reader.columns
    i_person, i_name = col["nconst"], col["primaryName"]
    i_birth, i_death = col["birthYear"], col["deathYear"]
    needed: set[int] = set()
    for (imdb_id,) in conn.execute("SELECT imdb_id FROM people WHERE imdb_id IS NOT NULL"):
        number = _nconst(imdb_id)
        if number is not None:
            needed.add(number)
    keyed = run.has_alias_key  # person_aliases.key: the name-matching key, when the schema has it
    statements = [_NAME_STATEMENTS[0], _NAME_STATEMENTS[1].format(
        key=", key" if keyed else "", t_key=", t.key" if keyed else "")]  # fmt: skip
    columns = ("nconst TEXT", "name TEXT", "birth INTEGER", "death INTEGER", "key TEXT")
    staging = Staging(conn, "names_in", columns, statements)
    rows = staging.rows
    named = 0
    for row in reader:
        nconst = row[i_person]
        number = _nconst(nconst)
        if number not in needed:
            if number is None:
                reader.bad(f"nconst {nconst!r} is not an IMDb name id (nm1234567)")
            continue
        name = row[i_name].strip()
        if not name or name == NULL:
            reader.bad(f"{nconst} has no primaryName")
            continue
        try:
            birth = optional_int(row[i_birth], 0, 2100)
            death = optional_int(row[i_death], 0, 2100)
        except ValueError:
            reader.bad(f"{nconst}: birthYear/deathYear {row[i_birth]!r}/{row[i_death]!r}")
            continue
        rows.append((nconst, name, birth, death, person_key(name) if keyed else None))
        named += 1
        if len(rows) >= BATCH:
            staging.flush()
    staging.close()
    return named
