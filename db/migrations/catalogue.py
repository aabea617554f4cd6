"""The catalogue's schema migrations (``catalogue.db``), in order."""

from __future__ import annotations

import hashlib
import sqlite3

from kinolog.db.external_ids import letterboxd_link
from kinolog.db.store import Migration, run_script

__all__ = ["CATALOGUE_MIGRATIONS"]


def _catalogue_v1(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE films (
            id INTEGER PRIMARY KEY,
            imdb_id TEXT UNIQUE,
            title TEXT NOT NULL,
            original_title TEXT,
            year INTEGER,
            runtime INTEGER,
            title_type TEXT,
            countries TEXT NOT NULL DEFAULT '[]',   -- JSON array
            genres TEXT NOT NULL DEFAULT '[]',      -- JSON array
            votes INTEGER,                          -- IMDb numVotes, for ranking
            imdb_rating REAL,
            origin TEXT NOT NULL,                   -- imdb | reviews | films | manual
            added_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        -- Every known title: original, German and other alternative titles.
        CREATE TABLE film_titles (
            film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            kind TEXT NOT NULL,                     -- original | alternative | working
            region TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT '',
            UNIQUE (film_id, title, region)
        );
        -- Keys the diary uses to name a film (imdb:tt..., title:folded title:year).
        CREATE TABLE film_keys (
            key TEXT PRIMARY KEY,
            film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE
        ) WITHOUT ROWID;
        CREATE INDEX film_keys_film ON film_keys(film_id);
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            imdb_id TEXT UNIQUE,
            name TEXT NOT NULL,
            birth_year INTEGER,
            death_year INTEGER
        );
        -- Spellings of a person's name seen in sources, so search finds any of them.
        CREATE TABLE person_aliases (
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            PRIMARY KEY (person_id, alias)
        ) WITHOUT ROWID;
        CREATE TABLE credits (
            film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('director', 'writer', 'cast')),
            ordering INTEGER NOT NULL,
            character TEXT,
            PRIMARY KEY (film_id, role, person_id)
        ) WITHOUT ROWID;
        CREATE INDEX credits_person ON credits(person_id);
        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            film_id INTEGER REFERENCES films(id) ON DELETE SET NULL,  -- NULL: needs a film
            source TEXT,
            author TEXT,
            language TEXT,
            published TEXT,
            url TEXT,
            headline TEXT,
            summary TEXT,
            body TEXT NOT NULL,
            score_text TEXT,
            score REAL,
            score_max REAL,
            score_100 INTEGER,
            layout TEXT,
            facts TEXT NOT NULL DEFAULT '{}',       -- JSON: film facts found in the text
            file TEXT,
            sha256 TEXT NOT NULL UNIQUE,
            encoding TEXT,
            raw_text TEXT NOT NULL,                 -- kept so --reparse can improve it later
            imported_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX reviews_film ON reviews(film_id);
        CREATE INDEX reviews_file ON reviews(file);
        """,
    )


def _catalogue_v2_reviews(conn: sqlite3.Connection) -> None:
    """Review import: pinned films, person-name keys for matching spelling variants."""
    run_script(
        conn,
        """
        -- 1 when the user chose the film (import --film): re-parsing never moves it.
        ALTER TABLE reviews ADD COLUMN film_pinned INTEGER NOT NULL DEFAULT 0;
        -- db.names.person_key of the alias: "Lee Chung-hyun" and "Chung-Hyun Lee" share it.
        ALTER TABLE person_aliases ADD COLUMN key TEXT;
        CREATE INDEX person_aliases_key ON person_aliases(key) WHERE key IS NOT NULL;
        """,
    )


def _catalogue_v3_imdb(conn: sqlite3.Connection) -> None:
    """Catalogue imports at IMDb scale: look-ups that must not scan a million rows."""
    run_script(
        conn,
        """
        -- person_by_name: find a person by an exact spelling.
        CREATE INDEX person_aliases_alias ON person_aliases(alias);
        -- merging review-made films: every film of a year (film_keys name one film per title).
        CREATE INDEX films_year ON films(year);
        """,
    )


def _catalogue_v4_search(conn: sqlite3.Connection) -> None:
    """Search index storage, and triggers that list the films it has to look at again.

    See ``db/search_state.py``: the saved index covers the catalogue as it was built;
    ``search_dirty`` names every film changed since, whoever changed it.
    """
    run_script(
        conn,
        """
        CREATE TABLE search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE search_blobs (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            part INTEGER NOT NULL,
            data BLOB NOT NULL,
            UNIQUE (name, part)
        );
        CREATE TABLE search_dirty (film_id INTEGER PRIMARY KEY);
        """,
    )
    film = "INSERT OR IGNORE INTO search_dirty (film_id) VALUES ({});"
    person = (
        "INSERT OR IGNORE INTO search_dirty (film_id)"
        " SELECT film_id FROM credits WHERE person_id = {};"
    )
    both = "{0} {1}"
    triggers = [
        ("films", "INSERT", film.format("NEW.id")),
        ("films", "UPDATE OF id, title, original_title, year, votes",
         both.format(film.format("OLD.id"), film.format("NEW.id"))),
        ("films", "DELETE", film.format("OLD.id")),
        ("person_aliases", "INSERT", person.format("NEW.person_id")),
        ("person_aliases", "UPDATE OF person_id, alias",
         both.format(person.format("OLD.person_id"), person.format("NEW.person_id"))),
        ("person_aliases", "DELETE", person.format("OLD.person_id")),
        ("people", "UPDATE OF id, name",
         both.format(person.format("OLD.id"), person.format("NEW.id"))),
    ]  # fmt: skip
    for table in ("film_titles", "credits"):
        triggers += [
            (table, "INSERT", film.format("NEW.film_id")),
            (table, "UPDATE", both.format(film.format("OLD.film_id"), film.format("NEW.film_id"))),
            (table, "DELETE", film.format("OLD.film_id")),
        ]
    for table, event, body in triggers:
        name = f"search_dirty_{table}_{event.split()[0].lower()}"
        conn.execute(
            f"CREATE TRIGGER {name} AFTER {event} ON {table}{_changed(event)} BEGIN {body} END"
        )


def _changed(event: str) -> str:
    """For ``UPDATE OF a, b``: fire only when one of the columns really changed.

    Re-imports rewrite rows with the values they already have; without this each such
    row would mark its films for re-indexing.
    """
    if not event.startswith("UPDATE OF "):
        return ""
    columns = [column.strip() for column in event.removeprefix("UPDATE OF ").split(",")]
    return " WHEN " + " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)


def _catalogue_v5_film_ids(conn: sqlite3.Connection) -> None:
    """Other services' ids of a film (TMDB, Letterboxd), so the resolver can use them."""
    run_script(
        conn,
        """
        -- scheme: tmdb | letterboxd; value: the id as the service writes it (603,
        -- https://boxd.it/2b0k). One id names one film; a film may have one per scheme.
        CREATE TABLE film_ids (
            scheme TEXT NOT NULL,
            value TEXT NOT NULL,
            film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,
            PRIMARY KEY (scheme, value)
        ) WITHOUT ROWID;
        CREATE INDEX film_ids_film ON film_ids(film_id);
        """,
    )


def _catalogue_v6_review_pages(conn: sqlite3.Connection) -> None:
    """Reviews from saved web pages and round-ups; one review per text, whatever its encoding.

    ``sha256`` becomes the hash of the decoded, normalised text (it was over the file's bytes,
    so a review re-saved as cp1252 or UTF-16 counted twice); a stored review whose text another
    one already has keeps its old hash, and ``kinolog import reviews --reparse`` merges it.
    """
    run_script(
        conn,
        """
        -- A round-up post gives one review per film: its parts 0, 1, 2 ... share the file.
        ALTER TABLE reviews ADD COLUMN part INTEGER NOT NULL DEFAULT 0;
        -- text | html: how raw_text is parsed again (html: the saved page itself).
        ALTER TABLE reviews ADD COLUMN format TEXT NOT NULL DEFAULT 'text';
        -- JSON {"text", "value", "default"}: a rating written without its scale ("rating: 4"),
        -- scaled by the folder's other reviews (and again when they change).
        ALTER TABLE reviews ADD COLUMN score_bare TEXT;
        CREATE INDEX reviews_file_part ON reviews(file, part);
        """,
    )
    taken = {row[0] for row in conn.execute("SELECT sha256 FROM reviews")}
    rows = conn.execute("SELECT id, raw_text, sha256 FROM reviews").fetchall()
    for review_id, raw_text, old in rows:
        new = hashlib.sha256(raw_text.encode("utf-8")).hexdigest()
        if new != old and new not in taken:
            conn.execute("UPDATE reviews SET sha256 = ? WHERE id = ?", (new, review_id))
            taken.discard(old)
            taken.add(new)


def _catalogue_v7_outside_titles(conn: sqlite3.Connection) -> None:
    """Titles an IMDb import leaves out that people log as films elsewhere (shorts, videos,
    specials ...), so the resolver can tell a row of one from a film of a near year."""
    run_script(
        conn,
        """
        -- One row per IMDb title (num: tt8536212 -> 8536212): its titleType, isAdult,
        -- startYear, and its primary and original titles as the resolver compares titles
        -- (kinolog.db.resolver.titles.title_form), nothing else: a note, not a film.
        CREATE TABLE outside_titles (
            num INTEGER PRIMARY KEY,
            type TEXT NOT NULL,
            adult INTEGER NOT NULL DEFAULT 0,
            year INTEGER,
            form TEXT NOT NULL,
            original_form TEXT
        );
        CREATE INDEX outside_titles_form ON outside_titles(form);
        CREATE INDEX outside_titles_original ON outside_titles(original_form)
            WHERE original_form IS NOT NULL;
        """,
    )


def _catalogue_v8_letterboxd_links(conn: sqlite3.Connection) -> None:
    """Letterboxd links written one way (https, no www, a film page with its trailing slash),
    so that a row's link finds its film however either side wrote it."""
    rows = conn.execute("SELECT value FROM film_ids WHERE scheme = 'letterboxd'").fetchall()
    for (value,) in rows:
        if letterboxd_link(value) != value:
            # A film already holding the link as written the other way keeps it.
            conn.execute(
                "UPDATE OR IGNORE film_ids SET value = ? WHERE scheme = 'letterboxd' AND value = ?",
                (letterboxd_link(value), value),
            )


CATALOGUE_MIGRATIONS: list[Migration] = [
    _catalogue_v1,
    _catalogue_v2_reviews,
    _catalogue_v3_imdb,
    _catalogue_v4_search,
    _catalogue_v5_film_ids,
    _catalogue_v6_review_pages,
    _catalogue_v7_outside_titles,
    _catalogue_v8_letterboxd_links,
]
