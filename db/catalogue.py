"""The catalogue: films, their titles, people, credits and critic reviews (``catalogue.db``).

The catalogue can be deleted and rebuilt by re-importing at any time; nothing in the
diary depends on its row ids.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from kinolog.db.errors import FilmNotFound
from kinolog.db.migrations import CATALOGUE_MIGRATIONS
from kinolog.db.models import Film, FilmRef, Review
from kinolog.db.names import person_key
from kinolog.db.store import Access, Store, now_iso
from kinolog.db.text import film_key, fold, title_film_key

ROLES = ("director", "writer", "cast")
_REVIEW_COLUMNS = (
    "id, film_id, source, author, language, published, summary, body, score_text, score, "
    "score_max, score_100, file, sha256, headline, url, layout"
)


CRITIC_SCORE_MIN = 2
"""Scored reviews a film needs before kinolog shows a critic score (one rule everywhere)."""


class ReviewStats(NamedTuple):
    """A film's reviews at a glance: how many, how many have a score, their mean (0-100)."""

    reviews: int
    scored: int
    mean_100: int | None

    @property
    def critic_score(self) -> int | None:
        """The critic score: the mean of the scores, from :data:`CRITIC_SCORE_MIN` on."""
        return self.mean_100 if self.scored >= CRITIC_SCORE_MIN else None


class Catalogue:
    """The film catalogue in one SQLite file.

    Args:
        path: ``catalogue.db``; created when missing.
        access: ``write``, or ``read``/``inspect`` for commands that only read
            (:class:`~kinolog.db.store.Store`).
    """

    def __init__(self, path: Path, *, access: Access = "write") -> None:
        self.path = path
        self.store = Store(path, name="catalogue", migrations=CATALOGUE_MIGRATIONS, access=access)

    def close(self) -> None:
        """Close the file."""
        self.store.close()

    # -- writing -------------------------------------------------------------------------

    def add_film(
        self,
        *,
        title: str,
        year: int | None = None,
        original_title: str | None = None,
        imdb_id: str | None = None,
        countries: Sequence[str] = (),
        genres: Sequence[str] = (),
        runtime: int | None = None,
        directors: Sequence[str] = (),
        writers: Sequence[str] = (),
        cast: Sequence[str] = (),
        titles: Sequence[str] = (),
        votes: int | None = None,
        origin: str = "manual",
    ) -> Film:
        """Add one film with its people and titles, all in one transaction."""
        with self.store.write() as conn:
            stamp = now_iso()
            film_id = conn.execute(
                "INSERT INTO films (imdb_id, title, original_title, year, runtime, countries,"
                " genres, votes, origin, added_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    imdb_id,
                    title,
                    original_title,
                    year,
                    runtime,
                    json.dumps(list(countries), ensure_ascii=False),
                    json.dumps(list(genres), ensure_ascii=False),
                    votes,
                    origin,
                    stamp,
                    stamp,
                ),
            ).lastrowid
            assert film_id is not None
            alternatives = [original_title or "", *titles]
            for alternative in alternatives:
                if alternative and alternative != title:
                    kind = "original" if alternative == original_title else "alternative"
                    add_title(conn, film_id, alternative, kind=kind)
            add_film_keys(conn, film_id, imdb_id, [title, *alternatives], year)
            for role, names in zip(ROLES, (directors, writers, cast), strict=True):
                for ordering, name in enumerate(names):
                    person_id = person_by_name(conn, name)
                    add_credit(conn, film_id, person_id, role, ordering)
        return self.get_film(film_id)

    # -- reading -------------------------------------------------------------------------

    def get_film(self, film_id: int, *, with_reviews: bool = False) -> Film:
        """The film with this id.

        Raises:
            FilmNotFound: when there is none.
        """
        films = self.films_by_ids([film_id], with_reviews=with_reviews)
        if not films:
            raise FilmNotFound(f"no film with id:{film_id} in the catalogue")
        return films[0]

    def films_by_ids(self, ids: Sequence[int], *, with_reviews: bool = False) -> list[Film]:
        """The films with these ids, in the order given (unknown ids are left out)."""
        with self.store.read() as conn:
            return [
                film
                for film_id in ids
                if (film := _load_film(conn, film_id, with_reviews)) is not None
            ]

    def film_by_imdb_id(self, imdb_id: str) -> Film | None:
        """The film with this IMDb id (``tt0110912``), or None."""
        with self.store.read() as conn:
            row = conn.execute("SELECT id FROM films WHERE imdb_id = ?", (imdb_id,)).fetchone()
        return self.get_film(row[0]) if row else None

    def film_by_key(self, key: str) -> Film | None:
        """The film a diary key names, or None."""
        with self.store.read() as conn:
            row = conn.execute("SELECT film_id FROM film_keys WHERE key = ?", (key,)).fetchone()
        return self.get_film(row[0]) if row else None

    def resolve(self, ref: FilmRef) -> Film | None:
        """Find the catalogue film a diary entry names: by IMDb id, key, then title and year.

        None for an entry that names no film (waiting for one, or "not in the catalogue"):
        its own title key may belong to another film of that title.
        """
        if not ref.linked:
            return None
        if ref.imdb_id and (film := self.film_by_imdb_id(ref.imdb_id)):
            return film
        if film := self.film_by_key(ref.key):
            return film
        return self.film_by_key(title_film_key(ref.title, ref.year))

    def iter_films(self, *, with_reviews: bool = True) -> Iterator[Film]:
        """Every film, in id order."""
        with self.store.read() as conn:
            ids = [row[0] for row in conn.execute("SELECT id FROM films ORDER BY id")]
        for start in range(0, len(ids), 500):
            yield from self.films_by_ids(ids[start : start + 500], with_reviews=with_reviews)

    def reviews_of(self, film_id: int) -> list[Review]:
        """The reviews attached to a film, in import order."""
        with self.store.read() as conn:
            return _reviews(conn, film_id)

    def unresolved_reviews(self) -> list[Review]:
        """The needs-a-film queue: reviews whose film is not known yet, oldest first."""
        with self.store.read() as conn:
            return [
                review_from_row(row)
                for row in conn.execute(
                    f"SELECT {_REVIEW_COLUMNS} FROM reviews WHERE film_id IS NULL ORDER BY id"
                )
            ]

    def reviewed_films(self) -> list[tuple[Film, int]]:
        """Films that have reviews, with how many, by title and year."""
        with self.store.read() as conn:
            rows = conn.execute(
                "SELECT film_id, count(*) FROM reviews WHERE film_id IS NOT NULL GROUP BY film_id"
            ).fetchall()
        counts = dict(rows)
        films = self.films_by_ids(list(counts))
        films.sort(key=lambda film: (film.title.casefold(), film.year or 0, film.id))
        return [(film, counts[film.id]) for film in films]

    # -- reading for the app (review statistics, pickers, neighbours) ---------------------

    def film_review_stats(self, film_ids: Sequence[int]) -> dict[int, ReviewStats]:
        """How many reviews each film has and the mean of their 0-100 scores.

        Films without reviews are left out of the result.
        """
        stats: dict[int, ReviewStats] = {}
        with self.store.read() as conn:
            for start in range(0, len(film_ids), 500):
                chunk = list(film_ids[start : start + 500])
                marks = ", ".join("?" * len(chunk))
                for film_id, reviews, scored, mean in conn.execute(
                    "SELECT film_id, count(*), count(score_100), avg(score_100) FROM reviews"
                    f" WHERE film_id IN ({marks}) GROUP BY film_id",
                    chunk,
                ):
                    rounded = round(mean) if mean is not None else None
                    stats[film_id] = ReviewStats(reviews, scored, rounded)
        return stats

    def get_review(self, review_id: int) -> Review:
        """The review with this id.

        Raises:
            FilmNotFound: when there is none (a missing review is reported the same way).
        """
        with self.store.read() as conn:
            row = conn.execute(
                f"SELECT {_REVIEW_COLUMNS} FROM reviews WHERE id = ?", (review_id,)
            ).fetchone()
        if row is None:
            raise FilmNotFound(f"no review with id {review_id} in the catalogue")
        return review_from_row(row)

    def reviews_with_films(self) -> list[tuple[Review, Film | None]]:
        """Every review with its film (None while it waits for one), by film title then id."""
        with self.store.read() as conn:
            reviews = [
                review_from_row(row)
                for row in conn.execute(f"SELECT {_REVIEW_COLUMNS} FROM reviews ORDER BY id")
            ]
        ids = sorted({review.film_id for review in reviews if review.film_id is not None})
        films = {film.id: film for film in self.films_by_ids(ids)}
        pairs = [(review, films.get(review.film_id or -1)) for review in reviews]
        pairs.sort(key=lambda pair: (pair[1].title.casefold() if pair[1] else "~", pair[0].id))
        return pairs

    def films_sharing_title(self, film: Film) -> list[Film]:
        """Other films known by the same (folded) title as ``film``'s main title, by year."""
        prefix = title_film_key(film.title, None)  # "title:<folded>:"
        with self.store.read() as conn:
            ids = {
                row[0]
                for row in conn.execute(
                    "SELECT film_id FROM film_keys WHERE key >= ? AND key < ?",
                    (prefix, prefix[:-1] + ";"),  # ';' sorts right after ':'
                )
            }
        ids.discard(film.id)
        others = self.films_by_ids(sorted(ids))
        return sorted(others, key=lambda other: (other.year or 0, other.id))

    def counts(self) -> dict[str, int]:
        """How many films, titles, people, credits and reviews the catalogue holds."""
        tables = ("films", "film_titles", "people", "credits", "reviews")
        with self.store.read() as conn:
            counts = {
                table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table in tables
            }
            counts["reviews_needing_a_film"] = int(
                conn.execute("SELECT count(*) FROM reviews WHERE film_id IS NULL").fetchone()[0]
            )
        return counts

    def is_empty(self) -> bool:
        """True when the catalogue holds no film and no review."""
        with self.store.read() as conn:
            return (
                conn.execute("SELECT 1 FROM films LIMIT 1").fetchone() is None
                and conn.execute("SELECT 1 FROM reviews LIMIT 1").fetchone() is None
            )


# -- shared SQL helpers (used by importers too) --------------------------------------------


def add_title(
    conn: sqlite3.Connection,
    film_id: int,
    title: str,
    *,
    kind: str = "alternative",
    region: str = "",
    language: str = "",
) -> None:
    """Record an alternative title of a film (ignored when already known)."""
    conn.execute(
        "INSERT OR IGNORE INTO film_titles (film_id, title, kind, region, language)"
        " VALUES (?, ?, ?, ?, ?)",
        (film_id, title, kind, region, language),
    )


def add_film_keys(
    conn: sqlite3.Connection,
    film_id: int,
    imdb_id: str | None,
    titles: Iterable[str],
    year: int | None,
) -> None:
    """Record the keys a diary may name this film by (existing keys stay where they are)."""
    keys = {title_film_key(title, year) for title in titles if title}
    if imdb_id:
        keys.add(film_key(imdb_id, "", None))
    conn.executemany(
        "INSERT OR IGNORE INTO film_keys (key, film_id) VALUES (?, ?)",
        [(key, film_id) for key in sorted(keys)],
    )


def person_by_name(conn: sqlite3.Connection, name: str) -> int:
    """The person known by this name or a spelling variant of it, created when unknown.

    Exact spellings are looked up first, then :func:`kinolog.db.names.person_key` (so "Chung-Hyun
    Lee" finds "Lee Chung-hyun"); a new spelling of a known person becomes an alias.
    """
    row = conn.execute(
        "SELECT person_id FROM person_aliases WHERE alias = ? LIMIT 1", (name,)
    ).fetchone()
    key = person_key(name)
    if row is None and key:  # a name without letters has an empty key: never match on it
        row = conn.execute(
            "SELECT person_id FROM person_aliases WHERE key = ? LIMIT 1", (key,)
        ).fetchone()
    if row is not None:
        add_alias(conn, row[0], name)
        return int(row[0])
    person_id = conn.execute("INSERT INTO people (name) VALUES (?)", (name,)).lastrowid
    assert person_id is not None
    add_alias(conn, person_id, name)
    return person_id


def add_alias(conn: sqlite3.Connection, person_id: int, name: str) -> None:
    """Record a spelling of a person's name, with its matching key."""
    conn.execute(
        "INSERT OR IGNORE INTO person_aliases (person_id, alias, key) VALUES (?, ?, ?)",
        (person_id, name, person_key(name) or None),
    )


def add_credit(
    conn: sqlite3.Connection,
    film_id: int,
    person_id: int,
    role: str,
    ordering: int,
    character: str | None = None,
) -> None:
    """Credit a person on a film (ignored when already credited in that role)."""
    conn.execute(
        "INSERT OR IGNORE INTO credits (film_id, person_id, role, ordering, character)"
        " VALUES (?, ?, ?, ?, ?)",
        (film_id, person_id, role, ordering, character),
    )


def _load_film(conn: sqlite3.Connection, film_id: int, with_reviews: bool) -> Film | None:
    row = conn.execute(
        "SELECT id, imdb_id, title, original_title, year, countries, genres, runtime, votes"
        " FROM films WHERE id = ?",
        (film_id,),
    ).fetchone()
    if row is None:
        return None
    people: dict[str, list[str]] = {role: [] for role in ROLES}
    for role, name in conn.execute(
        "SELECT c.role, p.name FROM credits c JOIN people p ON p.id = c.person_id"
        " WHERE c.film_id = ? ORDER BY c.role, c.ordering",
        (film_id,),
    ):
        people[role].append(name)
    titles = [
        title
        for (title,) in conn.execute(
            "SELECT DISTINCT title FROM film_titles WHERE film_id = ? ORDER BY rowid", (film_id,)
        )
        if title != row[2]
    ]
    return Film(
        id=row[0],
        imdb_id=row[1],
        title=row[2],
        original_title=row[3],
        year=row[4],
        countries=tuple(json.loads(row[5])),
        genres=tuple(json.loads(row[6])),
        runtime=row[7],
        votes=row[8],
        directors=tuple(people["director"]),
        writers=tuple(people["writer"]),
        cast=tuple(people["cast"]),
        titles=tuple(titles),
        reviews=tuple(_reviews(conn, film_id)) if with_reviews else (),
    )


def review_from_row(row: Sequence[Any]) -> Review:
    """Build a :class:`Review` from a row selected with the review columns."""
    return Review(*row)


def _reviews(conn: sqlite3.Connection, film_id: int) -> list[Review]:
    return [
        review_from_row(row)
        for row in conn.execute(
            f"SELECT {_REVIEW_COLUMNS} FROM reviews WHERE film_id = ? ORDER BY id", (film_id,)
        )
    ]


def folded_titles(film: Film) -> set[str]:
    """Every known title of a film, folded (for matching)."""
    return {fold(title) for title in (film.title, film.original_title, *film.titles) if title}
