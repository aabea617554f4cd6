"""Finding the film a review is about, or making one.

Same title does not mean same film, and one film is written many ways. The rules:

* candidates are the films one of whose titles (folded, article moved to the front) is one
  of the review's titles;
* both years known and different, or both director lists known and disjoint (else both cast
  lists known and disjoint): a different film;
* same year (no contradiction), or a year missing on one side and a person in common: the
  same film;
* otherwise the evidence is not enough, and the review waits in the needs-a-film queue.

A review that matches no film makes a new one when it knows the title and either the year or
some people; a film made without a year gains it when a later review supplies it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kinolog.db.catalogue import (
    ROLES,
    add_alias,
    add_credit,
    add_film_keys,
    add_title,
    person_by_name,
)
from kinolog.db.importers.reviews.types import FilmFacts
from kinolog.db.names import same_person
from kinolog.db.store import now_iso
from kinolog.db.text import fold, title_film_key, title_key


@dataclass(frozen=True)
class Candidate:
    """A catalogue film that shares a title with a review, with what matching needs."""

    film_id: int
    year: int | None
    people: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class FilmMatch:
    """The outcome of matching: a film id, or None with the reason it is not known."""

    film_id: int | None
    created: bool = False
    reason: str = ""


def review_titles(facts: FilmFacts) -> list[str]:
    """The review's titles, main title first, without repeats."""
    seen: dict[str, str] = {}
    for title in (facts.title, facts.original_title, *facts.other_titles):
        if title and title.strip() and title_key(title) and title_key(title) not in seen:
            seen[title_key(title)] = title.strip()
    return list(seen.values())


def candidates(conn: sqlite3.Connection, titles: Iterable[str]) -> list[Candidate]:
    """Films with any of these titles, through the ``title:<folded>:<year>`` film keys."""
    film_ids: set[int] = set()
    for title in titles:
        prefix = f"title:{title_key(title)}:"
        film_ids.update(
            row[0]
            for row in conn.execute(
                "SELECT film_id FROM film_keys WHERE key >= ? AND key < ?",
                (prefix, prefix[:-1] + ";"),  # ';' sorts right after ':'
            )
        )
    found = []
    for film_id in sorted(film_ids):
        (year,) = conn.execute("SELECT year FROM films WHERE id = ?", (film_id,)).fetchone()
        people: dict[str, list[str]] = {role: [] for role in ROLES}
        for role, alias in conn.execute(
            "SELECT c.role, a.alias FROM credits c JOIN person_aliases a"
            " ON a.person_id = c.person_id WHERE c.film_id = ?",
            (film_id,),
        ):
            people[role].append(alias)
        found.append(Candidate(film_id, year, {r: tuple(n) for r, n in people.items()}))
    return found


def _overlap(ours: Sequence[str], theirs: Sequence[str]) -> bool:
    return any(same_person(a, b) for a in ours for b in theirs)


def judge(facts: FilmFacts, candidate: Candidate) -> tuple[str, int]:
    """Is the candidate the review's film? ``("same"|"different"|"unknown", strength)``."""
    if facts.year and candidate.year and facts.year != candidate.year:
        return "different", 0
    directors = candidate.people.get("director", ())
    cast = candidate.people.get("cast", ())
    ours = (*facts.directors, *facts.writers, *facts.cast)
    theirs = tuple(name for names in candidate.people.values() for name in names)
    if facts.directors and directors:
        if not _overlap(facts.directors, directors):
            return "different", 0
    elif facts.cast and cast and not _overlap(facts.cast, cast):
        return "different", 0
    shared_people = _overlap(ours, theirs)
    same_year = bool(facts.year and candidate.year == facts.year)
    if same_year or shared_people:
        return "same", 2 * same_year + shared_people
    return "unknown", 0


def match_film(conn: sqlite3.Connection, facts: FilmFacts) -> FilmMatch:
    """The film a review's facts identify; creates it when new and known well enough."""
    titles = review_titles(facts)
    if not titles:
        return FilmMatch(None, reason="no film title found in the text")
    verdicts = [(judge(facts, candidate), candidate) for candidate in candidates(conn, titles)]
    same = sorted(
        ((strength, c) for (verdict, strength), c in verdicts if verdict == "same"),
        key=lambda item: -item[0],
    )
    if len(same) == 1 or (len(same) > 1 and same[0][0] > same[1][0]):
        film_id = same[0][1].film_id
        enrich_film(conn, film_id, facts)
        return FilmMatch(film_id)
    if same:
        return FilmMatch(None, reason=f"{len(same)} films called {titles[0]!r} fit equally")
    if any(verdict == "unknown" for (verdict, _), _ in verdicts):
        return FilmMatch(None, reason=f"not enough to tell which {titles[0]!r} it is")
    if not (facts.year or facts.directors or facts.cast):
        return FilmMatch(None, reason=f"{titles[0]!r}: no year and no people to identify it")
    return FilmMatch(create_film(conn, facts, titles), created=True)


def create_film(conn: sqlite3.Connection, facts: FilmFacts, titles: Sequence[str]) -> int:
    """Make a catalogue film (origin ``reviews``) from a review's facts."""
    stamp = now_iso()
    film_id = conn.execute(
        "INSERT INTO films (title, original_title, year, countries, origin, added_at,"
        " updated_at) VALUES (?, ?, ?, ?, 'reviews', ?, ?)",
        (
            titles[0],
            facts.original_title,
            facts.year,
            json.dumps(list(facts.countries), ensure_ascii=False),
            stamp,
            stamp,
        ),
    ).lastrowid
    assert film_id is not None
    enrich_film(conn, film_id, facts)
    return film_id


def enrich_film(conn: sqlite3.Connection, film_id: int, facts: FilmFacts) -> None:
    """Add what a review knows and the film does not: year, titles, countries, people."""
    title, year, original, countries = conn.execute(
        "SELECT title, year, original_title, countries FROM films WHERE id = ?", (film_id,)
    ).fetchone()
    updates: dict[str, object] = {}
    if year is None and facts.year:
        updates["year"] = year = facts.year
    if original is None and facts.original_title and fold(facts.original_title) != fold(title):
        updates["original_title"] = facts.original_title
    if countries == "[]" and facts.countries:
        updates["countries"] = json.dumps(list(facts.countries), ensure_ascii=False)
    if updates:
        assignments = ", ".join(f"{name} = ?" for name in updates)
        conn.execute(
            f"UPDATE films SET {assignments}, updated_at = ? WHERE id = ?",
            (*updates.values(), now_iso(), film_id),
        )
    known = {fold(title)} | {
        fold(row[0])
        for row in conn.execute("SELECT title FROM film_titles WHERE film_id = ?", (film_id,))
    }
    titles = review_titles(facts)
    for alternative in titles:
        if fold(alternative) not in known:
            kind = "original" if alternative == facts.original_title else "alternative"
            add_title(conn, film_id, alternative, kind=kind)
            known.add(fold(alternative))
    add_film_keys(conn, film_id, None, [title, *titles], year)
    _add_lookup_keys(conn, film_id, [title, *titles], year)
    for role, names in zip(ROLES, (facts.directors, facts.writers, facts.cast), strict=True):
        _credit_people(conn, film_id, role, names)


def _add_lookup_keys(
    conn: sqlite3.Connection, film_id: int, titles: Sequence[str], year: int | None
) -> None:
    """Make the film findable by title when another film holds its plain key.

    A film key names one film, so the second "Crash" without a year (or a second "Solaris"
    from 1972) gets no ``title:crash:`` key; :func:`candidates` would never see it and every
    later review would make yet another film. ``title:crash:#12`` sorts under the same prefix,
    and no diary ever names a film that way.
    """
    for title in titles:
        key = title_film_key(title, year)
        owner = conn.execute("SELECT film_id FROM film_keys WHERE key = ?", (key,)).fetchone()
        if owner is not None and owner[0] != film_id:
            conn.execute(
                "INSERT OR IGNORE INTO film_keys (key, film_id) VALUES (?, ?)",
                (f"{key}#{film_id}", film_id),
            )


def _credit_people(conn: sqlite3.Connection, film_id: int, role: str, names: Sequence[str]) -> None:
    """Credit each name on the film, as a person it already has when the name is a variant."""
    on_film = conn.execute(
        "SELECT DISTINCT a.person_id, a.alias FROM credits c JOIN person_aliases a"
        " ON a.person_id = c.person_id WHERE c.film_id = ?",
        (film_id,),
    ).fetchall()
    (next_order,) = conn.execute(
        "SELECT COALESCE(max(ordering) + 1, 0) FROM credits WHERE film_id = ? AND role = ?",
        (film_id, role),
    ).fetchone()
    for name in names:
        person_id = next((pid for pid, alias in on_film if same_person(alias, name)), None)
        if person_id is None:
            person_id = person_by_name(conn, name)
            on_film.append((person_id, name))
        else:
            add_alias(conn, person_id, name)
        before = conn.total_changes
        add_credit(conn, film_id, person_id, role, next_order)
        next_order += conn.total_changes - before
