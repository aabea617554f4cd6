"""Finding the film a review is about, or making one.

Same title does not mean same film, and one film is written many ways. The review's facts
(titles, year, directors, writers, cast, an IMDb id) go to the film resolver
(:mod:`kinolog.db.resolver`), which weighs them against every film with one of the
review's titles:

* an IMDb id the catalogue has decides; a film with another IMDb id is another film;
* years two or more apart, or both director lists known and disjoint (else both cast lists
  known and disjoint): a different film;
* a title and its year, or a title and a person in common: the same film; one year off
  only with a person in common;
* several films fitting equally, or a title without the year or a person to confirm it:
  the review waits in the needs-a-film queue (``kinolog films --unresolved``).

A review that matches no film makes a new one when it knows the title and either the year or
some people; a film made without a year gains it when a later review supplies it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from kinolog.db.catalogue import (
    ROLES,
    add_alias,
    add_credit,
    add_film_keys,
    add_title,
    person_by_name,
)
from kinolog.db.errors import FilmNotFound, InvalidValue
from kinolog.db.importers.reviews.types import FilmFacts
from kinolog.db.names import same_person
from kinolog.db.resolver import ATTACHED, Evidence, FilmResolver, Resolution
from kinolog.db.resolver.known import SavedIndex
from kinolog.db.store import now_iso
from kinolog.db.text import fold, title_film_key, title_key

if TYPE_CHECKING:
    from kinolog.db.search import FilmSearch


@dataclass(frozen=True)
class FilmMatch:
    """The outcome of matching: a film id, or None with the reason it is not known.

    Attributes:
        resolution: the resolver's decision and its evidence (None when the user chose).
    """

    film_id: int | None
    created: bool = False
    reason: str = ""
    resolution: Resolution | None = None


def review_titles(facts: FilmFacts) -> list[str]:
    """The review's titles, main title first, without repeats."""
    seen: dict[str, str] = {}
    for title in (facts.title, facts.original_title, *facts.other_titles):
        if title and title.strip() and title_key(title) and title_key(title) not in seen:
            seen[title_key(title)] = title.strip()
    return list(seen.values())


def review_evidence(facts: FilmFacts, source: str = "") -> Evidence:
    """What a review's facts say about its film, for the resolver."""
    return Evidence(
        titles=tuple(review_titles(facts)),
        year=facts.year,
        imdb_id=facts.imdb_id,
        directors=tuple(facts.directors),
        # People the prose names in no role (issue 13) can only confirm a film, as writers do
        # in the resolver: they are matched against every credit and never refute one.
        writers=(*facts.writers, *facts.named_people),
        cast=tuple(facts.cast),
        source=source,
    )


def match_film(
    conn: sqlite3.Connection, facts: FilmFacts, *, search: FilmSearch | None = None
) -> FilmMatch:
    """The film a review's facts identify; creates it when new and known well enough.

    Args:
        conn: a connection inside the import's write transaction.
        facts: what the review says about its film.
        search: the catalogue's search index, to see films that share a title and year
            (they share no title key); without it only title keys are looked at.
    """
    titles = review_titles(facts)
    if not titles and not facts.imdb_id:
        return FilmMatch(None, reason="no film title found in the text")
    finder = SavedIndex(search) if search is not None else None
    resolver = FilmResolver(None, finder=finder, conn=conn, fuzzy="never")
    resolution = resolver.resolve(review_evidence(facts))
    if resolution.status == ATTACHED and resolution.film_id is not None:
        enrich_film(conn, resolution.film_id, facts)
        return FilmMatch(resolution.film_id, resolution=resolution)
    label = titles[0] if titles else facts.imdb_id
    if resolution.status != "not_in_catalogue":
        return FilmMatch(None, reason=f"{label!r}: {resolution.reason}", resolution=resolution)
    if not titles:
        return FilmMatch(None, reason=f"{label}: not in the catalogue and no title to make it")
    if not (facts.year or facts.directors or facts.cast):
        return FilmMatch(
            None,
            reason=f"{titles[0]!r}: no year and no people to identify it",
            resolution=resolution,
        )
    return FilmMatch(create_film(conn, facts, titles), created=True, resolution=resolution)


def create_film(conn: sqlite3.Connection, facts: FilmFacts, titles: Sequence[str]) -> int:
    """Make a catalogue film (origin ``reviews``) from a review's facts."""
    stamp = now_iso()
    imdb_id = facts.imdb_id
    if imdb_id and conn.execute("SELECT 1 FROM films WHERE imdb_id = ?", (imdb_id,)).fetchone():
        imdb_id = None  # the resolver found that film another film: keep the id to itself
    film_id = conn.execute(
        "INSERT INTO films (imdb_id, title, original_title, year, countries, origin, added_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, 'reviews', ?, ?)",
        (
            imdb_id,
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
    (imdb_id,) = conn.execute("SELECT imdb_id FROM films WHERE id = ?", (film_id,)).fetchone()
    add_film_keys(conn, film_id, imdb_id, [title, *titles], year)
    _add_lookup_keys(conn, film_id, [title, *titles], year)
    for role, names in zip(ROLES, (facts.directors, facts.writers, facts.cast), strict=True):
        _credit_people(conn, film_id, role, names)
    _add_spellings(conn, film_id, facts.spellings)


def _add_spellings(conn: sqlite3.Connection, film_id: int, names: Sequence[str]) -> None:
    """A name the text spells otherwise than the credits ("Jun Jong-seo" in the text, "Jong-seo
    Jeon" in the cast) becomes an alias of that person, so search finds the film by it. Only
    a name that is a variant of exactly one person of the film; nobody new is credited."""
    if not names:
        return
    on_film = conn.execute(
        "SELECT DISTINCT a.person_id, a.alias FROM credits c JOIN person_aliases a"
        " ON a.person_id = c.person_id WHERE c.film_id = ?",
        (film_id,),
    ).fetchall()
    for name in names:
        people = {person_id for person_id, alias in on_film if same_person(alias, name)}
        if len(people) == 1:
            add_alias(conn, people.pop(), name)


def _add_lookup_keys(
    conn: sqlite3.Connection, film_id: int, titles: Sequence[str], year: int | None
) -> None:
    """Make the film findable by title when another film holds its plain key.

    A film key names one film, so the second "Crash" without a year (or a second "Solaris"
    from 1972) gets no ``title:crash:`` key; the resolver would never see it and every
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


# -- the resolution queue: a person settles a review's film -----------------------------------


def stored_facts(conn: sqlite3.Connection, review_id: int) -> FilmFacts:
    """The film facts a stored review was parsed with (lists as tuples; unknown keys of an
    older or newer parser left out)."""
    row = conn.execute("SELECT facts FROM reviews WHERE id = ?", (review_id,)).fetchone()
    if row is None:
        raise FilmNotFound(f"no review with id {review_id} in the catalogue")
    data = json.loads(row[0] or "{}")
    known = {item.name for item in fields(FilmFacts)}
    values: dict[str, Any] = {
        name: tuple(value) if isinstance(value, list) else value
        for name, value in data.items()
        if name in known
    }
    return FilmFacts(**values)


def attach_review(conn: sqlite3.Connection, review_id: int, film_id: int) -> None:
    """Attach a review to the film a person chose (pinned: re-parsing never moves it), and
    give the film what the review knows about it."""
    facts = stored_facts(conn, review_id)
    conn.execute(
        "UPDATE reviews SET film_id = ?, film_pinned = 1, updated_at = ? WHERE id = ?",
        (film_id, now_iso(), review_id),
    )
    enrich_film(conn, film_id, facts)


def film_from_review(conn: sqlite3.Connection, review_id: int) -> int:
    """A person says a review's film is not in the catalogue: make it from the review.

    Raises:
        InvalidValue: the review names no title to make a film of.
    """
    facts = stored_facts(conn, review_id)
    titles = review_titles(facts)
    if not titles:
        raise InvalidValue(
            f"review {review_id} names no film title: attach it to a film (id:N, imdb:tt...)"
        )
    film_id = create_film(conn, facts, titles)
    conn.execute(
        "UPDATE reviews SET film_id = ?, film_pinned = 1, updated_at = ? WHERE id = ?",
        (film_id, now_iso(), review_id),
    )
    return film_id
