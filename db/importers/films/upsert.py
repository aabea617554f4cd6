"""Writing the films of a film list: find the film (the film resolver), add or update.

The film resolver (:mod:`kinolog.db.resolver`) finds the row's film by its IMDb id, else
by title, year, people and runtime; a row it cannot tell apart from two or more films is
left out and reported (adding it would make a third film of that title and year).

A film that came from a list (origin ``films``) takes the list's values on re-import; a film
from elsewhere (IMDb, reviews, added by hand) only gains what it lacks, so a spreadsheet
never overwrites IMDb's facts. People are matched on the film first (spelling variants of
a name already credited stay one person), then by name across the catalogue.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from kinolog.db.catalogue import (
    ROLES,
    add_alias,
    add_credit,
    add_film_keys,
    add_title,
    person_by_name,
)
from kinolog.db.names import same_person
from kinolog.db.resolver import ATTACHED, Evidence, FilmResolver, Resolution
from kinolog.db.resolver.known import SavedIndex

if TYPE_CHECKING:
    from kinolog.db.search import FilmSearch


@dataclass(frozen=True)
class FilmRow:
    """One film of a list, parsed."""

    title: str
    original_title: str | None = None
    year: int | None = None
    imdb_id: str | None = None
    runtime: int | None = None
    votes: int | None = None
    imdb_rating: float | None = None
    countries: list[str] = field(default_factory=list)
    directors: list[str] = field(default_factory=list)
    writers: list[str] = field(default_factory=list)
    cast: list[str] = field(default_factory=list)
    genres: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    tmdb_id: str | None = None
    letterboxd_uri: str | None = None

    @property
    def ids(self) -> tuple[tuple[str, str], ...]:
        """Other services' ids of the film: ``(scheme, value)``."""
        ids = (("tmdb", self.tmdb_id), ("letterboxd", self.letterboxd_uri))
        return tuple((scheme, value) for scheme, value in ids if value)

    def evidence(self) -> Evidence:
        """What the row says about its film, for the film resolver."""
        titles = dict.fromkeys(t for t in (self.title, self.original_title, *self.titles) if t)
        return Evidence(
            titles=tuple(titles),
            year=self.year,
            imdb_id=self.imdb_id,
            ids=self.ids,
            directors=tuple(self.directors),
            writers=tuple(self.writers),
            cast=tuple(self.cast),
            runtime=self.runtime,
        )


def _json(values: list[str]) -> str:
    return json.dumps(values, ensure_ascii=False)


Written = Literal["added", "updated", "ambiguous"]


class ListWriter:
    """Adds or updates the films of one list inside the caller's transaction.

    Args:
        conn: the connection, inside a write transaction.
        stamp: the time to record as added/updated.
        search: the catalogue's search index (finds films sharing a title and year).
    """

    def __init__(
        self, conn: sqlite3.Connection, stamp: str, search: FilmSearch | None = None
    ) -> None:
        self.conn = conn
        self.stamp = stamp
        finder = SavedIndex(search) if search is not None else None
        self.resolver = FilmResolver(None, finder=finder, conn=conn, fuzzy="never")
        self.last: Resolution | None = None

    def write(self, row: FilmRow) -> Written:
        """Add or update the row's film (``added``/``updated``), or leave it out when the
        catalogue has several films it may be (``ambiguous``; :attr:`last` says which)."""
        film_id, owned = self._find(row)
        if film_id is None and self.last is not None and self.last.status == "ambiguous":
            return "ambiguous"
        if film_id is None:
            film_id = self._insert(row)
            written: Written = "added"
        else:
            self._update(film_id, row, overwrite=owned)
            written = "updated"
        self._titles_and_keys(film_id, row)
        for role, names in zip(ROLES, (row.directors, row.writers, row.cast), strict=True):
            self._credit(film_id, role, names)
        self.conn.executemany(  # an id already naming another film stays with it
            "INSERT OR IGNORE INTO film_ids (scheme, value, film_id) VALUES (?, ?, ?)",
            [(scheme, value, film_id) for scheme, value in row.ids],
        )
        self.resolver.forget()  # the catalogue changed: the next row must see it
        return written

    def _find(self, row: FilmRow) -> tuple[int | None, bool]:
        """The film this row is: ``(id or None, whether the list owns it)``."""
        self.last = resolution = self.resolver.resolve(row.evidence())
        if resolution.status != ATTACHED or resolution.film_id is None:
            return None, True
        (origin,) = self.conn.execute(
            "SELECT origin FROM films WHERE id = ?", (resolution.film_id,)
        ).fetchone()
        return resolution.film_id, origin == "films"

    def _insert(self, row: FilmRow) -> int:
        values = (
            row.imdb_id, row.title, row.original_title, row.year, row.runtime,
            _json(row.countries), _json(row.genres), row.votes, row.imdb_rating, self.stamp,
            self.stamp,
        )  # fmt: skip
        film_id = self.conn.execute(
            "INSERT INTO films (imdb_id, title, original_title, year, runtime, countries, genres,"
            " votes, imdb_rating, origin, added_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'films', ?, ?)",
            values,
        ).lastrowid
        assert film_id is not None
        return film_id

    def _update(self, film_id: int, row: FilmRow, *, overwrite: bool) -> None:
        """Given values replace a list film's; other films only gain what they lack."""
        values = {
            "imdb_id": row.imdb_id,
            "title": row.title,
            "original_title": row.original_title,
            "year": row.year,
            "runtime": row.runtime,
            "countries": _json(row.countries) if row.countries else None,
            "genres": _json(row.genres) if row.genres else None,
            "votes": row.votes,
            "imdb_rating": row.imdb_rating,
        }
        given = {name: value for name, value in values.items() if value is not None}
        if overwrite:
            sets = [f"{name} = ?" for name in given]
        else:
            given.pop("title", None)
            sets = [
                f"{name} = CASE WHEN {name} IS NULL OR {name} = '[]' THEN ? ELSE {name} END"
                for name in given
            ]
        if "imdb_id" in given:
            # Only a film without an id gains one (the look-up excluded other ids).
            sets[list(given).index("imdb_id")] = "imdb_id = coalesce(imdb_id, ?)"
        if sets:
            self.conn.execute(
                f"UPDATE films SET {', '.join(sets)}, updated_at = ? WHERE id = ?",
                (*given.values(), self.stamp, film_id),
            )

    def _titles_and_keys(self, film_id: int, row: FilmRow) -> None:
        conn = self.conn
        title, year, imdb_id = conn.execute(
            "SELECT title, year, imdb_id FROM films WHERE id = ?", (film_id,)
        ).fetchone()
        if row.original_title and row.original_title != title:
            add_title(conn, film_id, row.original_title, kind="original")
        for alternative in (row.title, *row.titles):
            if alternative != title:
                add_title(conn, film_id, alternative)
        names = [title, row.title, row.original_title or "", *row.titles]
        add_film_keys(conn, film_id, imdb_id, names, year)

    def _credit(self, film_id: int, role: str, names: list[str]) -> None:
        """Credit names in order after the film's existing credits in that role."""
        if not names:
            return
        conn = self.conn
        on_film = conn.execute(
            "SELECT c.person_id, p.name FROM credits c JOIN people p ON p.id = c.person_id"
            " WHERE c.film_id = ? AND c.role = ?",
            (film_id, role),
        ).fetchall()
        (ordering,) = conn.execute(
            "SELECT coalesce(max(ordering) + 1, 0) FROM credits WHERE film_id = ? AND role = ?",
            (film_id, role),
        ).fetchone()
        for name in names:
            person_id = next((pid for pid, known in on_film if same_person(known, name)), None)
            if person_id is not None:
                add_alias(conn, person_id, name)
                continue
            person_id = person_by_name(conn, name)
            on_film.append((person_id, name))
            before = conn.total_changes
            add_credit(conn, film_id, person_id, role, ordering)
            ordering += conn.total_changes - before
