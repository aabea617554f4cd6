"""Merging films made from reviews into the catalogue films they turn out to be.

A critic review can create a film before the catalogue knows it (origin ``reviews``, no IMDb
id). When an IMDb or film-list import brings the real film, the two are merged if they agree:
the same year, a title in common (any known title: primary, original, alternative, compared
folded with the article in front), and, where both know their directors, a director in
common (spelling variants allowed, see :func:`kinolog.db.names.same_person`). Films whose directors
are known only by IMDb id (``name.basics`` not imported yet) count as "directors unknown".

Merging moves the reviews, the film keys (so diary entries keep finding the film), the
titles, the credits and the facts the target lacks onto the target, then deletes the
review-made film. When several films qualify equally, nothing is merged: a wrong merge
would attach reviews to the wrong film, a missed one only leaves two entries.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from kinolog.db.catalogue import add_alias, add_title
from kinolog.db.names import same_person
from kinolog.db.store import now_iso
from kinolog.db.text import title_key


@dataclass
class MergeOutcome:
    """What merging did: ``(review-made film, target film)`` pairs, and the ties left alone."""

    merged: list[tuple[int, int]] = field(default_factory=list)
    ambiguous: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class _Film:
    id: int
    title: str
    original_title: str | None
    year: int | None
    titles: frozenset[str]  # title keys of every known title
    directors: tuple[tuple[str, ...], ...]  # the names (and aliases) of each known director
    review_made: bool


def merge_review_films(conn: sqlite3.Connection) -> MergeOutcome:
    """Merge each review-made film into the one film it agrees with (see module docstring).

    Candidates are found by year and folded title among all films of that year (through the
    ``films_year`` index), not through ``film_keys``: a film key names one film only, so two
    IMDb films called "Ballerina" from 2023 share no key, and both must be seen to notice
    the tie.

    Args:
        conn: a connection inside a write transaction.
    """
    outcome = MergeOutcome()
    pending = conn.execute(
        "SELECT id, year FROM films WHERE imdb_id IS NULL AND origin = 'reviews'"
        " AND year IS NOT NULL ORDER BY id"
    ).fetchall()
    by_year: dict[int, dict[str, set[int]]] = {}
    for review_id, year in pending:
        film = _load(conn, review_id)
        if film is None:
            continue
        if year not in by_year:
            by_year[year] = _titles_of_year(conn, year)
        index = by_year[year]
        found: set[int] = set()
        for key in film.titles:
            found.update(index.get(key, ()))
        target = _choose(film, [c for c in (_load(conn, i) for i in sorted(found)) if c])
        if target is None:
            outcome.ambiguous.append(review_id)
        elif target >= 0:
            merge_film(conn, review_id, target)
            outcome.merged.append((review_id, target))
    return outcome


def _titles_of_year(conn: sqlite3.Connection, year: int) -> dict[str, set[int]]:
    """Folded title -> ids of the films of ``year`` with that title (review-made ones aside)."""
    index: dict[str, set[int]] = {}
    not_review_made = "NOT (f.imdb_id IS NULL AND f.origin = 'reviews')"
    for film_id, title, original in conn.execute(
        "SELECT f.id, f.title, f.original_title FROM films f"
        f" WHERE f.year = ? AND {not_review_made}",
        (year,),
    ):
        for name in (title, original):
            if name:
                index.setdefault(title_key(name), set()).add(film_id)
    for film_id, title in conn.execute(
        "SELECT t.film_id, t.title FROM films f JOIN film_titles t ON t.film_id = f.id"
        f" WHERE f.year = ? AND {not_review_made}",
        (year,),
    ):
        index.setdefault(title_key(title), set()).add(film_id)
    return index


def _choose(film: _Film, candidates: list[_Film]) -> int | None:
    """The one candidate the film agrees with; None for a tie, -1 when none agrees."""
    agreeing, unknown = [], []
    for candidate in candidates:
        if candidate.year != film.year or not candidate.titles & film.titles:
            continue
        if candidate.review_made:
            continue
        if film.directors and candidate.directors:
            if _share_person(film.directors, candidate.directors):
                agreeing.append(candidate.id)
        else:
            unknown.append(candidate.id)
    if len(agreeing) == 1:
        return agreeing[0]
    if not agreeing and len(unknown) == 1:
        return unknown[0]
    return None if agreeing or unknown else -1


def _share_person(ours: Iterable[tuple[str, ...]], theirs: Iterable[tuple[str, ...]]) -> bool:
    theirs = list(theirs)
    return any(
        same_person(a, b) for names in ours for other in theirs for a in names for b in other
    )


def _raw_titles(conn: sqlite3.Connection, film: _Film) -> set[str]:
    titles = {film.title, film.original_title or ""}
    rows = conn.execute("SELECT title FROM film_titles WHERE film_id = ?", (film.id,))
    titles.update(row[0] for row in rows)
    titles.discard("")
    return titles


def _load(conn: sqlite3.Connection, film_id: int) -> _Film | None:
    row = conn.execute(
        "SELECT id, title, original_title, year, imdb_id IS NULL AND origin = 'reviews'"
        " FROM films WHERE id = ?",
        (film_id,),
    ).fetchone()
    if row is None:
        return None
    film = _Film(row[0], row[1], row[2], row[3], frozenset(), (), bool(row[4]))
    people: dict[int, list[str]] = {}
    for person_id, name, imdb_id, alias in conn.execute(
        "SELECT p.id, p.name, p.imdb_id, a.alias FROM credits c JOIN people p ON p.id = c.person_id"
        " LEFT JOIN person_aliases a ON a.person_id = p.id"
        " WHERE c.film_id = ? AND c.role = 'director'",
        (film_id,),
    ):
        names = people.setdefault(person_id, [])
        if name != imdb_id and name not in names:  # an unnamed IMDb person is "unknown"
            names.append(name)
        if alias and alias not in names:
            names.append(alias)
    return _Film(
        film.id,
        film.title,
        film.original_title,
        film.year,
        frozenset(title_key(title) for title in _raw_titles(conn, film)),
        tuple(tuple(names) for names in people.values() if names),
        film.review_made,
    )


def merge_film(conn: sqlite3.Connection, source_id: int, target_id: int) -> None:
    """Move everything of film ``source_id`` onto film ``target_id``, then delete the source.

    Reviews and film keys move; titles, credits and facts the target lacks are added (the
    target's own values win). A person credited on both under spelling variants of one name
    stays one person: the source's spelling becomes an alias of the target's person.
    """
    source = conn.execute(
        "SELECT title, original_title, year, countries, genres, runtime FROM films WHERE id = ?",
        (source_id,),
    ).fetchone()
    target_title = conn.execute("SELECT title FROM films WHERE id = ?", (target_id,)).fetchone()[0]
    conn.execute("UPDATE reviews SET film_id = ? WHERE film_id = ?", (target_id, source_id))
    conn.execute("UPDATE film_keys SET film_id = ? WHERE film_id = ?", (target_id, source_id))
    conn.execute(
        "UPDATE OR IGNORE film_ids SET film_id = ? WHERE film_id = ?", (target_id, source_id)
    )
    for title in (source[0], source[1]):
        if title and title != target_title:
            add_title(conn, target_id, title, kind="alternative")
    conn.execute(
        "INSERT OR IGNORE INTO film_titles (film_id, title, kind, region, language)"
        " SELECT ?, title, kind, region, language FROM film_titles WHERE film_id = ?"
        " AND title != ?",
        (target_id, source_id, target_title),
    )
    conn.execute(
        "UPDATE films SET year = coalesce(year, ?),"
        " countries = CASE WHEN countries = '[]' THEN ? ELSE countries END,"
        " genres = CASE WHEN genres = '[]' THEN ? ELSE genres END,"
        " runtime = coalesce(runtime, ?), updated_at = ? WHERE id = ?",
        (source[2], source[3], source[4], source[5], now_iso(), target_id),
    )
    emptied = _move_credits(conn, source_id, target_id)
    conn.execute("DELETE FROM films WHERE id = ?", (source_id,))
    for person_id in emptied:
        conn.execute(
            "DELETE FROM people WHERE id = ? AND imdb_id IS NULL"
            " AND NOT EXISTS (SELECT 1 FROM credits WHERE person_id = ?)",
            (person_id, person_id),
        )


def _move_credits(conn: sqlite3.Connection, source_id: int, target_id: int) -> list[int]:
    """Credit the source's people on the target; return people that may now be orphans."""
    emptied = []
    for person_id, role, character in conn.execute(
        "SELECT person_id, role, character FROM credits WHERE film_id = ? ORDER BY role, ordering",
        (source_id,),
    ).fetchall():
        names = _names(conn, person_id)
        on_target = conn.execute(
            "SELECT person_id FROM credits WHERE film_id = ? AND role = ?", (target_id, role)
        ).fetchall()
        match = next(
            (
                other
                for (other,) in on_target
                if other == person_id
                or any(same_person(a, b) for a in names for b in _names(conn, other))
            ),
            None,
        )
        if match is not None:
            if match != person_id:
                for name in names:
                    add_alias(conn, match, name)
                emptied.append(person_id)
            continue
        (ordering,) = conn.execute(
            "SELECT coalesce(max(ordering) + 1, 0) FROM credits WHERE film_id = ? AND role = ?",
            (target_id, role),
        ).fetchone()
        conn.execute(
            "INSERT OR IGNORE INTO credits (film_id, person_id, role, ordering, character)"
            " VALUES (?, ?, ?, ?, ?)",
            (target_id, person_id, role, ordering, character),
        )
    return emptied


def _names(conn: sqlite3.Connection, person_id: int) -> list[str]:
    name, imdb_id = conn.execute(
        "SELECT name, imdb_id FROM people WHERE id = ?", (person_id,)
    ).fetchone()
    names = [name] if name != imdb_id else []
    names.extend(
        alias
        for (alias,) in conn.execute(
            "SELECT alias FROM person_aliases WHERE person_id = ?", (person_id,)
        )
        if alias not in names
    )
    return names
