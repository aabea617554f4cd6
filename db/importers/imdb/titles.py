"""Importing ``title.basics``, ``title.ratings`` and ``title.akas`` into the films tables.

Each function reads one file inside the caller's write transaction, in batches of
``executemany``; rows of films that are not kept cost only a split and a dict look-up.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from kinolog.db.importers.imdb.files import NULL, TsvReader, tt_number
from kinolog.db.importers.imdb.staging import (
    BATCH,
    ImdbRun,
    flush,
    genres_json,
    optional_int,
    optional_text,
)
from kinolog.db.text import film_key, title_film_key

_INSERT_FILM = (
    "INSERT INTO films (id, imdb_id, title, original_title, year, runtime, title_type, genres,"
    " origin, added_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'imdb', ?, ?)"
)
# Only rows that change are written: a re-import of the same file rewrites nothing.
_UPDATE_FILM = (
    "UPDATE films SET title = ?1, original_title = ?2, year = ?3, runtime = ?4,"
    " title_type = ?5, genres = ?6, updated_at = ?7 WHERE id = ?8 AND (title IS NOT ?1"
    " OR original_title IS NOT ?2 OR year IS NOT ?3 OR runtime IS NOT ?4"
    " OR title_type IS NOT ?5 OR genres IS NOT ?6)"
)
_ADD_TITLE = (
    "INSERT OR IGNORE INTO film_titles (film_id, title, kind, region, language)"
    " VALUES (?, ?, ?, ?, ?)"
)
_ADD_KEY = "INSERT OR IGNORE INTO film_keys (key, film_id) VALUES (?, ?)"
MAX_YEAR = 2100


@dataclass
class BasicsResult:
    """What ``title.basics`` did.

    Attributes:
        new_films: tconst number -> id of each film added (they join the run on commit).
        seen: films already in the catalogue that the file names.
        changed: how many of those it changed.
    """

    new_films: dict[int, int]
    seen: int
    changed: int


def import_basics(conn: sqlite3.Connection, run: ImdbRun, reader: TsvReader) -> BasicsResult:
    """Add or update every kept title (by tconst) with its original title and film keys.

    New films get ids assigned here; they join ``run.films`` only when the caller commits.
    """
    col = reader.columns
    i_id, i_type, i_title = col["tconst"], col["titleType"], col["primaryTitle"]
    i_original, i_adult, i_year = col["originalTitle"], col["isAdult"], col["startYear"]
    i_runtime, i_genres = col["runtimeMinutes"], col["genres"]
    types, adult_ok, stamp = frozenset(run.options.types), run.options.adult, run.stamp
    films, new_films = run.films, dict[int, int]()
    next_id, seen, changed = run.next_film_id, 0, 0
    inserts: list[tuple[object, ...]] = []
    updates: list[tuple[object, ...]] = []
    titles: list[tuple[object, ...]] = []
    keys: list[tuple[object, ...]] = []
    batches = ((_INSERT_FILM, inserts), (_UPDATE_FILM, updates), (_ADD_TITLE, titles),
               (_ADD_KEY, keys))  # fmt: skip
    for row in reader:
        title_type = row[i_type]
        if title_type not in types:
            continue
        adult = row[i_adult]
        if adult != "0" and (adult != "1" or not adult_ok):
            if adult not in ("1", NULL):
                reader.bad(f"isAdult is {adult!r}, not 0 or 1")
            continue
        tconst = row[i_id]
        number = tt_number(tconst)
        title = row[i_title].strip()
        if number is None or not tconst.startswith("tt"):
            reader.bad(f"tconst {tconst!r} is not an IMDb title id (tt1234567)")
            continue
        if not title or title == NULL:
            reader.bad(f"{tconst} has no primaryTitle")
            continue
        try:
            year = optional_int(row[i_year], 1800, MAX_YEAR)
            runtime = optional_int(row[i_runtime], 0, 100_000)
        except ValueError:
            reader.bad(f"{tconst}: startYear/runtimeMinutes {row[i_year]!r}/{row[i_runtime]!r}")
            continue
        original: str | None = row[i_original].strip()
        if not original or original in (NULL, title):
            original = None
        genres = genres_json(row[i_genres])
        film_id = films.get(number) or new_films.get(number)
        if film_id is None:
            film_id = next_id
            next_id += 1
            new_films[number] = film_id
            inserts.append((film_id, tconst, title, original, year, runtime, title_type, genres,
                            stamp, stamp))  # fmt: skip
            keys.append((film_key(tconst, "", None), film_id))
        else:
            seen += 1
            updates.append((title, original, year, runtime, title_type, genres, stamp, film_id))
        keys.append((title_film_key(title, year), film_id))
        if original:
            titles.append((film_id, original, "original", "", ""))
            keys.append((title_film_key(original, year), film_id))
        if len(keys) >= BATCH:
            changed += flush(conn, batches)[1]
    changed += flush(conn, batches)[1]
    return BasicsResult(new_films, seen, changed)


def import_ratings(conn: sqlite3.Connection, run: ImdbRun, reader: TsvReader) -> int:
    """Set ``votes`` and ``imdb_rating`` of the kept films; return how many were rated."""
    col = reader.columns
    i_id, i_rating, i_votes = col["tconst"], col["averageRating"], col["numVotes"]
    films = run.films
    rows: list[tuple[object, ...]] = []
    update = (
        "UPDATE films SET votes = ?1, imdb_rating = ?2 WHERE id = ?3"
        " AND (votes IS NOT ?1 OR imdb_rating IS NOT ?2)"
    )
    batches = ((update, rows),)
    rated = 0
    for row in reader:
        tconst = row[i_id]
        film_id = films.get(tt_number(tconst) or -1) if tconst[:2] == "tt" else None
        if film_id is None:
            continue
        try:
            votes = int(row[i_votes])
            rating = float(row[i_rating])
            if votes < 0 or not 0.0 <= rating <= 10.0:
                raise ValueError
        except ValueError:
            reader.bad(f"{tconst}: averageRating/numVotes {row[i_rating]!r}/{row[i_votes]!r}")
            continue
        rows.append((votes, rating, film_id))
        rated += 1
        if len(rows) >= BATCH:
            flush(conn, batches)
    flush(conn, batches)
    return rated


def import_akas(conn: sqlite3.Connection, run: ImdbRun, reader: TsvReader) -> int:
    """Add the original title and the titles of the chosen regions; return titles offered.

    IMDb lists one title in many regions ("Pulp Fiction" in US, GB, XWW, DE ...): each film
    keeps one row per distinct title (by its folded key), with the most preferred region,
    and titles equal to the primary title are left out (the films row has them).
    """
    col = reader.columns
    i_id, i_title, i_region = col["titleId"], col["title"], col["region"]
    i_language, i_types, i_original = col["language"], col["types"], col["isOriginalTitle"]
    films = run.films
    rank = {region: index for index, region in enumerate(run.options.regions)}
    titles: list[tuple[object, ...]] = []
    keys: list[tuple[object, ...]] = []
    batches = ((_ADD_TITLE, titles), (_ADD_KEY, keys))
    group: list[tuple[int, str, str, str, str]] = []
    group_film = -1
    offered = 0
    for row in reader:
        tconst = row[i_id]
        film_id = films.get(tt_number(tconst) or -1) if tconst[:2] == "tt" else None
        if film_id != group_film:
            offered += _add_group(conn, group_film, group, titles, keys)
            group.clear()
            group_film = film_id if film_id is not None else -1
            if len(keys) >= BATCH:
                flush(conn, batches)
        if film_id is None:
            continue
        is_original = row[i_original] == "1"
        region = optional_text(row[i_region]).upper()
        if not is_original and region not in rank:
            continue
        title = row[i_title].strip()
        if not title or title == NULL:
            reader.bad(f"{tconst} has an empty title")
            continue
        kind = (
            "original"
            if is_original
            else "working"
            if "working" in row[i_types]
            else ("alternative")
        )
        order = -1 if is_original else rank[region]
        group.append((order, title, kind, "" if is_original else region,
                      optional_text(row[i_language])))  # fmt: skip
    offered += _add_group(conn, group_film, group, titles, keys)
    flush(conn, batches)
    return offered


def _add_group(
    conn: sqlite3.Connection,
    film_id: int,
    group: list[tuple[int, str, str, str, str]],
    titles: list[tuple[object, ...]],
    keys: list[tuple[object, ...]],
) -> int:
    """Queue the titles of one film's akas rows (see :func:`import_akas`)."""
    if film_id < 0 or not group:
        return 0
    primary, year = conn.execute(
        "SELECT title, year FROM films WHERE id = ?", (film_id,)
    ).fetchone()
    seen = {title_film_key(primary, year)}
    group.sort(key=lambda item: item[0])  # original first, then by region preference
    added = 0
    for _order, title, kind, region, language in group:
        key = title_film_key(title, year)
        if key in seen:
            continue
        seen.add(key)
        titles.append((film_id, title, kind, region, language))
        keys.append((key, film_id))
        added += 1
    return added
