"""Applying front matter (``key: value`` lines between ``---`` fences) to a parsed review.

People who write their own reviews state the facts at the top; those values win over anything the
parser inferred from the text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from kinolog.db.importers.reviews.bylines import parse_date
from kinolog.db.importers.reviews.fields import parse_fact_value, strip_quotes
from kinolog.db.importers.reviews.scores import parse_score_text
from kinolog.db.importers.reviews.types import Layout, ParsedReview

__all__ = ["apply_front_matter"]


def _keys(target: str, names: str) -> dict[str, str]:
    """Map each ``|``-separated front-matter key to the field it sets."""
    return dict.fromkeys(names.split("|"), target)


_FACT_KEYS: dict[str, str] = {
    **_keys("title", "title|titel|deutscher_titel|german_title|film"),
    **_keys("original_title", "original_title|originaltitel|ot|original|originaltitle"),
    **_keys(
        "other_titles",
        "other_titles|aka|also_known_as|alternative_titles|alternativtitel|alt_titles|titles",
    ),
    **_keys("year", "year|jahr|release_year|erscheinungsjahr"),
    **_keys("countries", "country|countries|land|länder|produktionsland"),
    **_keys("directors", "director|directors|regie|regisseur|directed_by"),
    **_keys("writers", "writer|writers|drehbuch|screenplay|written_by"),
    **_keys("cast", "cast|besetzung|darsteller|starring|actors|stars"),
    **_keys("imdb_id", "imdb|imdb_id|imdbid|imdb_url|imdb_link|imdb_title"),
}
_META_KEYS: dict[str, str] = {
    **_keys("source", "source|quelle|publication|site|publikation"),
    **_keys("author", "author|autor|autorin|by|reviewer|verfasser"),
    **_keys(
        "published",
        "published|date|datum|veröffentlicht|published_at|pubdate|publish_date|publication_date",
    ),
    **_keys("url", "url|link|permalink"),
    **_keys("language", "language|lang|sprache"),
    **_keys("score", "score|rating|wertung|bewertung"),
    **_keys("headline", "headline|überschrift|heading"),
    **_keys("summary", "summary|fazit|verdict"),
}
_LANGUAGES = {
    **_keys("de", "de|deu|ger|german|deutsch|de-de|de-at|de-ch"),
    **_keys("en", "en|eng|english|englisch|en-us|en-gb"),
}
_SINGLE_FACTS = frozenset({"title", "original_title", "year", "imdb_id"})


def apply_front_matter(review: ParsedReview, values: Mapping[str, str | list[str]]) -> ParsedReview:
    """Override a parsed review with its front-matter values.

    Args:
        review: The review parsed from the text after the front matter.
        values: Front-matter keys (lower case, ``_`` for spaces) and values.

    Returns:
        The review with the front-matter layout and every usable front-matter value applied.
    """
    facts: dict[str, object] = {}
    meta: dict[str, object] = {}
    for key, raw in values.items():
        if key in _FACT_KEYS:
            parsed = _fact(_FACT_KEYS[key], raw)
            if parsed:
                facts[_FACT_KEYS[key]] = parsed
        elif key in _META_KEYS:
            parsed = _meta(_META_KEYS[key], _text(raw))
            if parsed is not None:
                meta[_META_KEYS[key]] = parsed
    new_facts = replace(review.facts, **facts)  # type: ignore[arg-type]
    return replace(review, layout=Layout.FRONT_MATTER, facts=new_facts, **meta)  # type: ignore[arg-type]


def _fact(name: str, raw: str | list[str]) -> object:
    """Parse one fact: a list stays a list, a string is split like a credits value."""
    if isinstance(raw, list):
        items = tuple(strip_quotes(item) for item in raw if item.strip())
        if name in _SINGLE_FACTS:
            return parse_fact_value(name, items[0]) if items else None
        return items
    return parse_fact_value(name, raw)


def _meta(name: str, value: str) -> object:
    """Parse one review field; None when the value is empty or unusable."""
    if not value:
        return None
    if name == "score":
        return parse_score_text(value)
    if name == "published":
        return parse_date(value)
    if name == "language":
        return _LANGUAGES.get(value.casefold().replace("_", "-"))
    return value


def _text(raw: str | list[str]) -> str:
    """A scalar front-matter value (a list is joined with commas)."""
    return ", ".join(raw) if isinstance(raw, list) else raw.strip()
