"""schema.org data in a saved page (``<script type="application/ld+json">``).

Magazines describe a review for search engines: the film (``itemReviewed``, a ``Movie`` with its
name, year, director, actors and an IMDb link in ``sameAs``), the rating (``reviewRating``), the
author, the date and the publisher. That is the best evidence a page has, and extraction
libraries do not pass it on. Blocks may be one object, a list, or an ``@graph``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kinolog.db.importers.reviews.links import parse_imdb_id
from kinolog.db.importers.reviews.scores import parse_score_text
from kinolog.db.importers.reviews.types import FilmFacts, Score

__all__ = ["JsonLd", "read_json_ld"]

_YEAR = re.compile(r"^((?:18|19|20)\d{2})")
_FILM_TYPES = frozenset({"movie", "film", "tvmovie", "creativework"})
_MAX_BLOCK = 200_000


@dataclass(frozen=True)
class JsonLd:
    """What a page's structured data says about its review.

    Attributes:
        film: The reviewed film's facts (None when no ``Movie`` is named).
        score: The reviewer's rating (``reviewRating``), None without one.
        author: The review's author.
        published: The publication date, YYYY-MM-DD.
        source: The publisher's name.
        language: ``inLanguage`` as written ("de-DE").
    """

    film: FilmFacts | None = None
    score: Score | None = None
    author: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None


def read_json_ld(blocks: list[str]) -> JsonLd:
    """Read the ``Review`` (or the article) from a page's JSON-LD blocks.

    Args:
        blocks: The text of each ``application/ld+json`` script.

    Returns:
        What the blocks say; empty when they say nothing usable or are not valid JSON.
    """
    objects = [obj for block in blocks for obj in _objects(block)]
    review = next((o for o in objects if "review" in _types(o)), None)
    article = next(
        (o for o in objects if _types(o) & {"article", "newsarticle", "blogposting"}), None
    )
    main = review or article or {}
    other = article or {}
    film = None
    item = main.get("itemReviewed") if review else None
    if isinstance(item, dict) and _types(item) & _FILM_TYPES:
        film = _film(item)
    return JsonLd(
        film=film,
        score=_rating(main.get("reviewRating")) if review else None,
        author=_name(main.get("author")) or _name(other.get("author")),
        published=_date(main.get("datePublished")) or _date(other.get("datePublished")),
        source=_name(main.get("publisher")) or _name(other.get("publisher")),
        language=_text(main.get("inLanguage")) or _text(other.get("inLanguage")),
    )


def _objects(block: str) -> Iterator[dict[str, Any]]:
    """Every object in a block: the top object(s) and the members of an ``@graph``."""
    if len(block) > _MAX_BLOCK:
        return
    try:
        data = json.loads(block)
    except ValueError:
        return
    stack = data if isinstance(data, list) else [data]
    for item in stack:
        if not isinstance(item, dict):
            continue
        yield item
        graph = item.get("@graph")
        if isinstance(graph, list):
            yield from (member for member in graph if isinstance(member, dict))


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).casefold() for k in kinds if k}


def _film(item: dict[str, Any]) -> FilmFacts | None:
    name = _text(item.get("name"))
    if not name:
        return None
    others = tuple(_texts(item.get("alternateName")))
    year = None
    for key in ("dateCreated", "datePublished", "copyrightYear", "releaseDate"):
        found = _YEAR.match(_text(item.get(key)) or "")
        if found:
            year = int(found.group(1))
            break
    imdb_id = next(
        (
            i
            for link in (*_texts(item.get("sameAs")), _text(item.get("url")) or "")
            if (i := parse_imdb_id(link))
        ),
        None,
    )
    return FilmFacts(
        title=name,
        other_titles=tuple(t for t in others if t != name),
        year=year,
        directors=tuple(_names(item.get("director"))),
        writers=tuple(_names(item.get("author"))),
        cast=tuple(_names(item.get("actor") or item.get("actors"))),
        imdb_id=imdb_id,
    )


def _rating(rating: Any) -> Score | None:
    if not isinstance(rating, dict):
        return None
    value = _text(rating.get("ratingValue"))
    best = _text(rating.get("bestRating")) or "5"
    if not value:
        return None
    return parse_score_text(f"{value}/{best}")


def _name(value: Any) -> str | None:
    names = _names(value)
    return ", ".join(names) if names else None


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = _text(item.get("name")) if isinstance(item, dict) else _text(item)
        if name:
            names.append(name)
    return names


def _texts(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [text for item in items if (text := _text(item))]


def _text(value: Any) -> str | None:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        return text or None
    return None


def _date(value: Any) -> str | None:
    text = _text(value) or ""
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    return "-".join(match.groups()) if match else None
