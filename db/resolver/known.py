"""What the catalogue knows about candidate films, read in a few queries per row.

Candidates come from two places: the ``film_keys`` table (every film owning a
``title:<folded title>:<year>`` key of one of the row's titles, in any year: exact and
cheap) and the search index (through a :class:`CandidateFinder`, which also reaches
spelling variants and two films sharing one title and year, which share no key).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from kinolog.db.text import title_film_key, title_key

__all__ = [
    "CandidateFinder",
    "KnownFilm",
    "SavedIndex",
    "films_by_ids",
    "ids_by_keys",
    "ids_by_title",
    "load_people",
    "stable_key",
]

_UNNAMED = re.compile(r"^nm\d+$")  # an IMDb person whose name.basics row is not imported
_CHUNK = 400


class CandidateFinder(Protocol):
    """Finds films whose names resemble a query: the search index (``FilmSearch``)."""

    def title_ids(self, title: str) -> list[int]:
        """Films with a title of exactly these words (any order, articles aside): cheap."""
        ...

    def candidate_ids(self, query: str, limit: int) -> list[tuple[int, float, bool]]:
        """``(film id, search score, whole-title match)`` of the best films for ``query``,
        typos and partial titles included: slower."""
        ...


class _Index(Protocol):
    def title_ids(self, title: str, *, fresh: bool = True) -> list[int]: ...


class SavedIndex:
    """A :class:`CandidateFinder` over the search index as it was last read.

    For importers that add films one at a time inside one transaction (reviews, film
    lists): the films they add are found through their title keys, so the search index
    need not build an overlay of them for every row. Titles word for word only.
    """

    def __init__(self, search: _Index) -> None:
        self.search = search

    def title_ids(self, title: str) -> list[int]:
        """Films with a title of exactly these words, as the index last saw them."""
        return self.search.title_ids(title, fresh=False)

    def candidate_ids(self, query: str, limit: int) -> list[tuple[int, float, bool]]:
        """None: an importer compares whole titles only."""
        return []


@dataclass
class KnownFilm:
    """A candidate film as the catalogue knows it (people and ids loaded on demand)."""

    id: int
    imdb_id: str | None
    title: str
    original_title: str | None
    year: int | None
    runtime: int | None
    title_type: str | None
    titles: tuple[str, ...] = ()
    people: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)

    @property
    def main_titles(self) -> tuple[str, ...]:
        """The title and the original title."""
        return (self.title, self.original_title) if self.original_title else (self.title,)

    def names(self, role: str) -> tuple[tuple[str, ...], ...]:
        """Each person credited in ``role``, as every known spelling of their name."""
        return self.people.get(role, ())

    def first_names(self, role: str) -> tuple[str, ...]:
        """The main spelling of each person in ``role``."""
        return tuple(names[0] for names in self.names(role) if names)


def _chunks(values: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(values), _CHUNK):
        yield list(values[start : start + _CHUNK])


def ids_by_title(conn: sqlite3.Connection, titles: Iterable[str]) -> set[int]:
    """Films owning a film key of one of ``titles`` in any year (or a review-made
    ``title:<folded>:<year>#<id>`` look-up key)."""
    found: set[int] = set()
    for title in titles:
        folded = title_key(title)
        if not folded:  # titles without Latin letters fold to nothing in film keys
            continue
        prefix = f"title:{folded}:"
        found.update(
            row[0]
            for row in conn.execute(
                "SELECT film_id FROM film_keys WHERE key >= ? AND key < ?",
                (prefix, prefix[:-1] + ";"),  # ';' sorts right after ':'
            )
        )
    return found


def ids_by_keys(
    conn: sqlite3.Connection, imdb_id: str | None, ids: Sequence[tuple[str, str]]
) -> dict[int, str]:
    """Films the row's ids name: film id -> which id (``imdb:tt...``, ``tmdb:603``)."""
    found: dict[int, str] = {}
    if imdb_id:
        row = conn.execute("SELECT id FROM films WHERE imdb_id = ?", (imdb_id,)).fetchone()
        if row:
            found[int(row[0])] = f"imdb:{imdb_id}"
    for scheme, value in ids:
        row = conn.execute(
            "SELECT film_id FROM film_ids WHERE scheme = ? AND value = ?", (scheme, value)
        ).fetchone()
        if row:
            found.setdefault(int(row[0]), f"{scheme}:{value}")
    return found


def films_by_ids(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, KnownFilm]:
    """Titles, year, runtime and type of these films (people come later, if needed)."""
    wanted = sorted(set(ids))
    films: dict[int, KnownFilm] = {}
    titles: dict[int, list[str]] = {}
    for chunk in _chunks(wanted):
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            "SELECT id, imdb_id, title, original_title, year, runtime, title_type FROM films"
            f" WHERE id IN ({marks})",
            chunk,
        ):
            films[row[0]] = KnownFilm(*row)
        for film_id, title in conn.execute(
            f"SELECT film_id, title FROM film_titles WHERE film_id IN ({marks}) ORDER BY rowid",
            chunk,
        ):
            titles.setdefault(film_id, []).append(title)
    for film_id, film in films.items():
        film.titles = tuple(t for t in titles.get(film_id, ()) if t not in film.main_titles)
    return films


def load_people(conn: sqlite3.Connection, films: Sequence[KnownFilm]) -> None:
    """Fill in each film's people (every spelling of each name) and external ids."""
    by_id = {film.id: film for film in films}
    for chunk in _chunks(sorted(by_id)):
        marks = ",".join("?" * len(chunk))
        people: dict[tuple[int, str, int], list[str]] = {}
        for film_id, role, person_id, name, alias in conn.execute(
            "SELECT c.film_id, c.role, p.id, p.name, a.alias FROM credits c"
            " JOIN people p ON p.id = c.person_id"
            " LEFT JOIN person_aliases a ON a.person_id = p.id"
            f" WHERE c.film_id IN ({marks}) ORDER BY c.film_id, c.role, c.ordering",
            chunk,
        ):
            names = people.setdefault((film_id, role, person_id), [])
            for spelling in (name, alias):
                if spelling and not _UNNAMED.match(spelling) and spelling not in names:
                    names.append(spelling)
        grouped: dict[int, dict[str, list[tuple[str, ...]]]] = {}
        for (film_id, role, _person), names in people.items():
            if names:  # a person known only by IMDb id is a person we cannot compare
                grouped.setdefault(film_id, {}).setdefault(role, []).append(tuple(names))
        for film_id, roles in grouped.items():
            by_id[film_id].people = {role: tuple(names) for role, names in roles.items()}
        for film_id, scheme, value in conn.execute(
            f"SELECT film_id, scheme, value FROM film_ids WHERE film_id IN ({marks})", chunk
        ):
            by_id[film_id].ids[scheme] = value


def stable_key(conn: sqlite3.Connection, film_id: int, title: str, year: int | None) -> str | None:
    """A key the diary can name a film without an IMDb id by: a title key the film owns.

    Its own ``title:<title>:<year>`` when it holds that key, else another title key it
    holds (its original title ...); None when another film holds all of them (two films
    without IMDb ids, one title, one year), since an entry under that key would show on
    the other film.
    """
    owned = sorted(
        row[0]
        for row in conn.execute(
            "SELECT key FROM film_keys WHERE film_id = ? AND key >= 'title:' AND key < 'title;'",
            (film_id,),
        )
        if "#" not in row[0]
    )
    own = title_film_key(title, year)
    if own in owned:
        return own
    return owned[0] if owned else None
