"""Film search: from what a person types to the films they mean, best first."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from db.models import SearchHit
from db.text import fold, front_article

if TYPE_CHECKING:
    from db.catalogue import Catalogue

_YEAR = re.compile(r"\(?\b(18[89]\d|19\d\d|20\d\d)\b\)?")


def _split_year(query: str) -> tuple[str, int | None]:
    match = _YEAR.search(query)
    if not match or not query.replace(match.group(), "").strip():
        return query, None
    return query.replace(match.group(), " "), int(match.group(1))


def search_films(catalogue: Catalogue, query: str, *, limit: int = 20) -> list[SearchHit]:
    """The films that best match ``query``, best first.

    Every title of a film is matched with typo tolerance; a year in the query picks
    that year's film.
    """
    text, year = _split_year(query[:200])
    folded = fold(text)
    if not folded:
        return []
    with catalogue.store.read() as conn:
        rows = conn.execute(
            "SELECT f.id, f.title, f.year, f.title AS matched, 'title' FROM films f"
            " UNION ALL SELECT t.film_id, f.title, f.year, t.title, t.kind"
            " FROM film_titles t JOIN films f ON f.id = t.film_id"
        ).fetchall()
    choices = [fold(front_article(row[3])) for row in rows]
    scored = process.extract(folded, choices, scorer=fuzz.WRatio, limit=limit * 5)
    best: dict[int, tuple[float, str, str]] = {}
    for _choice, score, index in scored:
        film_id, _title, film_year, matched, field = rows[index]
        if choices[index] == folded:
            score += 20
        if year is not None:
            score += 15 if film_year == year else -15
        if score > best.get(film_id, (-1.0, "", ""))[0]:
            best[film_id] = (score, matched, field)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
    films = {film.id: film for film in catalogue.films_by_ids([film_id for film_id, _ in ranked])}
    return [
        SearchHit(film=films[film_id], matched=matched, matched_field=field, score=score)
        for film_id, (score, matched, field) in ranked
        if film_id in films and score >= 60
    ]


def clear_winner(query: str, hits: list[SearchHit]) -> SearchHit | None:
    """The hit a query clearly names, or None when a person should choose.

    A query names a film clearly when exactly one film matches it exactly (title and,
    when given, year), or when the best hit is well ahead of the next one.
    """
    if not hits:
        return None
    if len(hits) == 1:
        return hits[0]
    text, year = _split_year(query)
    folded = fold(text)
    exact = [
        hit
        for hit in hits
        if fold(front_article(hit.matched)) == folded and (year is None or hit.film.year == year)
    ]
    if len(exact) == 1:
        return exact[0]
    if not exact and hits[0].score - hits[1].score >= 15:
        return hits[0]
    return None
