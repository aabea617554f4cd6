"""Importing ``title.basics``, ``title.ratings`` and ``title.akas`` into the films tables.

Each file is *staged* (its kept rows parsed into a table of a staging database; a row of a
film that is not kept costs a split and a look-up) and then *applied* in the caller's write
transaction by a few set-based statements (see :mod:`.staging`, :mod:`.stager`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from kinolog.db.importers.imdb.bulk import bulk_load
from kinolog.db.importers.imdb.files import NULL, TsvReader
from kinolog.db.importers.imdb.staging import (
    BATCH,
    FILM_LIKE_TYPES,
    KEPT_TABLE,
    MAX_TITLE,
    STAGED,
    ImdbRun,
    NumberSet,
    StagedFile,
    StageState,
    Staging,
    drop_staging,
    genres_json,
    optional_int,
    optional_text,
)
from kinolog.db.resolver.titles import title_form
from kinolog.db.text import title_key

MAX_YEAR = 2100


@dataclass
class BasicsResult:
    """What ``title.basics`` did.

    Attributes:
        added: films added.
        seen: films already in the catalogue that the file names.
        changed: how many of those it changed.
        noted: titles of film-like types left out, noted for the film resolver.
    """

    added: int
    seen: int
    changed: int
    noted: int = 0


def _number(tconst: str) -> int:
    """``tt0110912`` -> 110912 (ValueError for anything that is not an IMDb title id)."""
    digits = tconst[2:]
    if tconst[:2] != "tt" or not digits.isdigit():
        raise ValueError(tconst)
    return int(digits)  # ValueError for digits of another script too


def _key(title: str, year: int | None) -> str:
    return f"title:{title_key(title)}:{year if year is not None else ''}"


def stage_basics(conn: sqlite3.Connection, state: StageState, reader: TsvReader) -> Staging:
    """Stage every kept title: number, id, titles, year, runtime, type, genres, title keys.

    Titles of a film-like type that the import leaves out (:data:`FILM_LIKE_TYPES`) are
    staged apart, compactly, in the companion table ``imdb_outside``. The films staged join
    ``state.films`` once the file has been read to its end (a file that fails part way adds
    none, so the credits files after it stage no people for films that never came).
    """
    col = reader.columns
    i_id, i_type, i_title = col["tconst"], col["titleType"], col["primaryTitle"]
    i_original, i_adult, i_year = col["originalTitle"], col["isAdult"], col["startYear"]
    i_runtime, i_genres = col["runtimeMinutes"], col["genres"]
    types, adult_ok = frozenset(state.options.types), state.options.adult
    staging = Staging(conn, "imdb_basics", (
        "num INTEGER PRIMARY KEY", "tconst TEXT", "title TEXT", "original TEXT", "year INTEGER",
        "runtime INTEGER", "type TEXT", "genres TEXT", "key TEXT", "original_key TEXT",
    ))  # fmt: skip
    outside = Staging(conn, "imdb_outside", OUTSIDE_COLUMNS)
    staging.companions.append(outside)
    rows, noted, films, split = staging.rows, outside.rows, state.films, reader.split
    staged = NumberSet()
    # IMDb's column order: the type is known after two tabs (most titles are not kept)
    quick = i_id == 0 and i_type == 1
    for text in reader.lines():
        if quick:
            head = text.split("\t", 2)
            if len(head) == 3 and head[1] not in types and head[1] not in FILM_LIKE_TYPES:
                continue
        row = split(text)
        if row is None:
            continue
        title_type = row[i_type]
        kept = title_type in types
        if not kept and title_type not in FILM_LIKE_TYPES:
            continue
        adult = row[i_adult]
        if adult != "0" and (adult != "1" or not adult_ok):
            if adult != "1":  # unknown: neither kept nor noted
                if kept and adult != NULL:
                    reader.bad(f"isAdult is {adult!r}, not 0 or 1")
                continue
            kept = False
            if title_type not in FILM_LIKE_TYPES:
                continue
        if not kept:
            note = _outside_row(row, i_id, i_title, i_original, i_year, title_type, adult)
            if note is not None and note[0] not in films:
                noted.append(note)
                if len(noted) >= BATCH:
                    outside.flush()
            continue
        tconst = row[i_id]
        title = row[i_title].strip()[:MAX_TITLE]
        try:
            number = _number(tconst)
        except ValueError:
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
        original: str | None = row[i_original].strip()[:MAX_TITLE]
        if not original or original in (NULL, title):
            original = None
        reader.kept += 1
        staged.add(number)
        rows.append((number, tconst, title, original, year, runtime, title_type,
                     genres_json(row[i_genres]), _key(title, year),
                     _key(original, year) if original else None))  # fmt: skip
        if len(rows) >= BATCH:
            staging.flush()
    staging.flush()
    outside.flush()
    films.update(staged)
    return staging


OUTSIDE_COLUMNS = ("num INTEGER PRIMARY KEY", "type TEXT", "adult INTEGER", "year INTEGER",
                   "form TEXT", "original_form TEXT")  # fmt: skip


def _outside_row(
    row: list[str],
    i_id: int,
    i_title: int,
    i_original: int,
    i_year: int,
    title_type: str,
    adult: str,
) -> tuple[int, str, int, int | None, str, str | None] | None:
    """The compact note of a title left out, or None when its row makes no sense (such rows
    are not counted as malformed: the import does not use them)."""
    try:
        number = _number(row[i_id])
        year = optional_int(row[i_year], 1800, MAX_YEAR)
    except ValueError:
        return None
    title = row[i_title]
    form = title_form(title[:MAX_TITLE]) if title != NULL else ""
    if not form:
        return None
    original, original_form = row[i_original], None
    if original not in (NULL, title):
        original_form = title_form(original[:MAX_TITLE])
        if original_form in ("", form):
            original_form = None
    return number, title_type, int(adult == "1"), year, form, original_form


_NEW_FILMS = f"""
INSERT INTO films (imdb_id, title, original_title, year, runtime, title_type, genres, origin,
                   added_at, updated_at)
SELECT b.tconst, b.title, b.original, b.year, b.runtime, b.type, b.genres, 'imdb', ?1, ?1
FROM {STAGED}.imdb_basics b
WHERE NOT EXISTS (SELECT 1 FROM films f WHERE f.imdb_id = b.tconst)
ORDER BY b.tconst
"""
# The films the catalogue had before this file (the kept table still says so); only rows
# that change are written: a re-import of the same file rewrites nothing.
_CHANGED_FILMS = f"""
UPDATE films SET title = b.title, original_title = b.original, year = b.year,
    runtime = b.runtime, title_type = b.type, genres = b.genres, updated_at = ?1
FROM {STAGED}.imdb_basics b JOIN {KEPT_TABLE} k ON k.num = b.num
WHERE films.id = k.film_id AND films.imdb_id = b.tconst
  AND (films.title IS NOT b.title OR films.original_title IS NOT b.original
       OR films.year IS NOT b.year OR films.runtime IS NOT b.runtime
       OR films.title_type IS NOT b.type OR films.genres IS NOT b.genres)
"""
_IDS = f"""
INSERT OR REPLACE INTO {KEPT_TABLE} (num, film_id)
SELECT b.num, f.id FROM {STAGED}.imdb_basics b JOIN films f ON f.imdb_id = b.tconst ORDER BY b.num
"""
_KEYS = f"""
INSERT OR IGNORE INTO film_keys (key, film_id)
SELECT key, film_id FROM (
    SELECT 'imdb:' || b.tconst AS key, k.film_id AS film_id, 0 AS kind, b.num AS num
      FROM {STAGED}.imdb_basics b JOIN {KEPT_TABLE} k ON k.num = b.num
    UNION ALL
    SELECT b.key, k.film_id, 1, b.num FROM {STAGED}.imdb_basics b
      JOIN {KEPT_TABLE} k ON k.num = b.num
    UNION ALL
    SELECT b.original_key, k.film_id, 2, b.num FROM {STAGED}.imdb_basics b
      JOIN {KEPT_TABLE} k ON k.num = b.num WHERE b.original_key IS NOT NULL
) ORDER BY key
"""
_ORIGINAL_TITLES = f"""
INSERT OR IGNORE INTO film_titles (film_id, title, kind, region, language)
SELECT k.film_id, b.original, 'original', '', '' FROM {STAGED}.imdb_basics b
JOIN {KEPT_TABLE} k ON k.num = b.num WHERE b.original IS NOT NULL ORDER BY k.film_id
"""


# Titles left out (see FILM_LIKE_TYPES): a note per IMDb number, rewritten only when it
# changes; a title that is a film of the catalogue now is no longer noted.
_NOT_OUTSIDE = f"DELETE FROM outside_titles WHERE num IN (SELECT num FROM {STAGED}.imdb_basics)"
_OUTSIDE = f"""
INSERT INTO outside_titles (num, type, adult, year, form, original_form)
SELECT num, type, adult, year, form, original_form FROM {STAGED}.imdb_outside
WHERE true ORDER BY num
ON CONFLICT (num) DO UPDATE SET type = excluded.type, adult = excluded.adult,
    year = excluded.year, form = excluded.form, original_form = excluded.original_form
WHERE outside_titles.type IS NOT excluded.type OR outside_titles.adult IS NOT excluded.adult
   OR outside_titles.year IS NOT excluded.year OR outside_titles.form IS NOT excluded.form
   OR outside_titles.original_form IS NOT excluded.original_form
"""


def apply_basics(conn: sqlite3.Connection, run: ImdbRun, staged_file: StagedFile) -> BasicsResult:
    """Add or update the staged films (by IMDb id) with their original titles and keys, and
    note the titles left out."""
    staged, noted = staged_file.count("imdb_basics"), staged_file.count("imdb_outside")
    tables = {"films": staged, "film_keys": 2 * staged, "film_titles": staged // 2,
              "outside_titles": noted}  # fmt: skip
    with bulk_load(conn, run, tables):
        changed = conn.execute(_CHANGED_FILMS, (run.stamp,)).rowcount
        added = conn.execute(_NEW_FILMS, (run.stamp,)).rowcount
        conn.execute(_IDS)
        conn.execute(_KEYS)
        conn.execute(_ORIGINAL_TITLES)
        conn.execute(_NOT_OUTSIDE)
        if noted:
            conn.execute(_OUTSIDE)
    run.changed()
    return BasicsResult(added=added, seen=staged - added, changed=changed, noted=noted)


def stage_ratings(conn: sqlite3.Connection, state: StageState, reader: TsvReader) -> Staging:
    """Stage the votes and rating of each kept film."""
    col = reader.columns
    i_rating, i_votes = col["averageRating"], col["numVotes"]
    films = state.films
    staging = Staging(conn, "imdb_ratings", ("num INTEGER PRIMARY KEY", "votes INTEGER",
                                             "rating REAL"))  # fmt: skip
    rows, split = staging.rows, reader.split
    for tconst, text in reader.keyed("tconst"):
        try:
            number = _number(tconst)
        except ValueError:
            continue
        if number not in films:
            continue
        row = split(text)
        if row is None:
            continue
        try:
            votes = int(row[i_votes])
            rating = float(row[i_rating])
            if votes < 0 or not 0.0 <= rating <= 10.0:
                raise ValueError
        except ValueError:
            reader.bad(f"{tconst}: averageRating/numVotes {row[i_rating]!r}/{row[i_votes]!r}")
            continue
        reader.kept += 1
        rows.append((number, votes, rating))
        if len(rows) >= BATCH:
            staging.flush()
    staging.flush()
    return staging


_RATINGS = f"""
UPDATE films SET votes = r.votes, imdb_rating = r.rating
FROM {STAGED}.imdb_ratings r JOIN {KEPT_TABLE} k ON k.num = r.num
WHERE films.id = k.film_id AND (films.votes IS NOT r.votes OR films.imdb_rating IS NOT r.rating)
"""


def apply_ratings(conn: sqlite3.Connection, run: ImdbRun, staged: StagedFile) -> int:
    """Set ``votes`` and ``imdb_rating`` of the staged films; return how many were rated."""
    count = staged.count("imdb_ratings")
    with bulk_load(conn, run, {"films": count}):
        conn.execute(_RATINGS)
    return count


def stage_akas(conn: sqlite3.Connection, state: StageState, reader: TsvReader) -> Staging:
    """Stage the original titles and the titles of the chosen regions of kept films."""
    col = reader.columns
    i_title, i_region = col["title"], col["region"]
    i_language, i_types, i_original = col["language"], col["types"], col["isOriginalTitle"]
    films = state.films
    rank = {region: index for index, region in enumerate(state.options.regions)}
    staging = Staging(conn, "imdb_akas", (
        "num INTEGER", "rank INTEGER", "title TEXT", "kind TEXT", "region TEXT",
        "language TEXT", "folded TEXT",
    ))  # fmt: skip
    rows, split = staging.rows, reader.split
    last, kept = "", False  # rows come grouped by title: decide once per title
    for tconst, text in reader.keyed("titleId"):
        if tconst != last:
            last = tconst
            try:
                number = _number(tconst)
            except ValueError:
                number = -1
            kept = number in films
        if not kept:
            continue
        row = split(text)
        if row is None:
            continue
        is_original = row[i_original] == "1"
        region = optional_text(row[i_region]).upper()
        if not is_original and region not in rank:
            continue
        title = row[i_title].strip()[:MAX_TITLE]
        if not title or title == NULL:
            reader.bad(f"{tconst} has an empty title")
            continue
        if is_original:
            kind, order, region = "original", -1, ""
        else:
            kind, order = ("working" if "working" in row[i_types] else "alternative"), rank[region]
        reader.kept += 1
        rows.append((number, order, title, kind, region, optional_text(row[i_language]),
                     title_key(title)))  # fmt: skip
        if len(rows) >= BATCH:
            staging.flush()
    staging.flush()
    return staging


# Each film keeps one row per distinct folded title, from its most preferred region (the
# original title first), and none equal to its primary title (the films row has that).
_AKA_FILMS = f"""
CREATE TABLE temp.imdb_akas_films AS
SELECT k.film_id AS film_id, kinolog_title_key(f.title) AS primary_key, f.year AS year
FROM (SELECT DISTINCT num FROM {STAGED}.imdb_akas) a
JOIN {KEPT_TABLE} k ON k.num = a.num JOIN films f ON f.id = k.film_id
"""
_CHOSEN_AKAS = f"""
CREATE TABLE temp.imdb_akas_chosen AS
SELECT film_id, title, kind, region, language, key FROM (
    SELECT k.film_id, a.title, a.kind, a.region, a.language, a.folded, f.primary_key,
           'title:' || a.folded || ':' || coalesce(f.year, '') AS key,
           row_number() OVER (PARTITION BY k.film_id, a.folded ORDER BY a.rank, a.rowid) AS n
    FROM {STAGED}.imdb_akas a JOIN {KEPT_TABLE} k ON k.num = a.num
    JOIN temp.imdb_akas_films f ON f.film_id = k.film_id
) WHERE n = 1 AND folded IS NOT primary_key
"""
_AKA_TITLES = """
INSERT OR IGNORE INTO film_titles (film_id, title, kind, region, language)
SELECT film_id, title, kind, region, language FROM temp.imdb_akas_chosen
ORDER BY film_id, title, region
"""
_AKA_KEYS = """
INSERT OR IGNORE INTO film_keys (key, film_id)
SELECT key, film_id FROM temp.imdb_akas_chosen ORDER BY key
"""


def apply_akas(conn: sqlite3.Connection, run: ImdbRun, staged: StagedFile) -> int:
    """Add the staged titles (see :data:`_CHOSEN_AKAS`); return how many were offered."""
    conn.create_function("kinolog_title_key", 1, title_key, deterministic=True)
    drop_staging(conn, "imdb_akas_films", "imdb_akas_chosen")
    conn.execute(_AKA_FILMS)
    conn.execute("CREATE UNIQUE INDEX temp.imdb_akas_films_id ON imdb_akas_films(film_id)")
    conn.execute(_CHOSEN_AKAS)
    (offered,) = conn.execute("SELECT count(*) FROM temp.imdb_akas_chosen").fetchone()
    with bulk_load(conn, run, {"film_titles": offered, "film_keys": offered}):
        conn.execute(_AKA_TITLES)
        conn.execute(_AKA_KEYS)
    drop_staging(conn, "imdb_akas_films", "imdb_akas_chosen")
    return int(offered)
