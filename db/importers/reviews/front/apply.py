"""Applying front matter to a parsed review.

People who keep their reviews as files state the facts at the top; those values win over anything
the parser inferred from the text. Keys kinolog does not know (``layout``, ``tags``, ``meta``,
``weight`` ...) are ignored. A blog's ``title`` is the post's title: "Blue Ruin (2013)" gives the
title and the year, and a title that names a collection of reviews ("Review-Rundumschlag:
Dezember 2013") is the headline, never a film.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from kinolog.db.importers.reviews.bylines import parse_date
from kinolog.db.importers.reviews.fields import parse_fact_value, strip_quotes
from kinolog.db.importers.reviews.front.split import FrontValue
from kinolog.db.importers.reviews.headline import is_post_title, title_and_year
from kinolog.db.importers.reviews.scales import bare_score, letter_grade
from kinolog.db.importers.reviews.scores import parse_score_text
from kinolog.db.importers.reviews.types import BareScore, Layout, ParsedReview, Score

__all__ = ["apply_front_matter", "declared_language"]


def _keys(target: str, names: str) -> dict[str, str]:
    """Map each ``|``-separated front-matter key to the field it sets."""
    return dict.fromkeys(names.split("|"), target)


_FACT_KEYS: dict[str, str] = {
    **_keys("title", "title|titel|deutscher_titel|german_title|film|movie|film_title"),
    **_keys("original_title", "original_title|originaltitel|ot|original|originaltitle"),
    **_keys(
        "other_titles",
        "other_titles|aka|also_known_as|alternative_titles|alternativtitel|alt_titles|titles",
    ),
    **_keys("year", "year|jahr|release_year|erscheinungsjahr|film_year|movie_year"),
    **_keys("countries", "country|countries|land|länder|produktionsland"),
    **_keys("directors", "director|directors|regie|regisseur|directed_by"),
    **_keys("writers", "writer|writers|drehbuch|screenplay|written_by"),
    **_keys("cast", "cast|besetzung|darsteller|starring|actors|stars_cast"),
    **_keys("imdb_id", "imdb|imdb_id|imdbid|imdb_url|imdb_link|imdb_title"),
}
_META_KEYS: dict[str, str] = {
    **_keys("source", "source|quelle|publication|site|publikation|blog|site_name|sitename"),
    **_keys("author", "author|autor|autorin|by|reviewer|verfasser"),
    **_keys(
        "published",
        "published|date|datum|veröffentlicht|published_at|pubdate|publish_date|publication_date"
        "|created_at|created|posted|posted_at",
    ),
    **_keys("url", "url|link|permalink|canonical_url"),
    **_keys("language", "language|lang|sprache|locale"),
    **_keys("headline", "headline|überschrift|heading"),
    **_keys("summary", "summary|fazit|verdict"),
}
# Ratings: a written score ("8/10", "★★★½", "B+") as it is; a bare number out of 5 unless the
# collection says otherwise. "stars" are always out of 5.
_RATING_KEYS = ("score", "rating", "wertung", "bewertung", "punkte", "my_rating")
_STAR_KEYS = ("stars", "sterne")
_GRADE_KEYS = ("grade", "letter_grade", "note_letter")
_SCALE_KEYS = ("rating_max", "max_rating", "rating_scale", "scale", "out_of", "best_rating")
_LANGUAGES = {
    **_keys("de", "de|deu|ger|german|deutsch|de-de|de-at|de-ch"),
    **_keys("en", "en|eng|english|englisch|en-us|en-gb"),
}
_SINGLE_FACTS = frozenset({"title", "original_title", "year", "imdb_id"})


def apply_front_matter(
    review: ParsedReview, values: Mapping[str, FrontValue], *, film: bool = True
) -> ParsedReview:
    """Override a parsed review with its front-matter values.

    Args:
        review: The review parsed from the text after the front matter.
        values: Front-matter keys (see :func:`~.split.split_front_matter`) and values.
        film: Apply the film's facts and the rating too; False for one film's part of a
            round-up, which takes only the post's author, date, source and address.

    Returns:
        The review with the front-matter layout and every usable front-matter value applied.
    """
    facts: dict[str, object] = {}
    meta: dict[str, object] = {}
    for key, raw in values.items():
        if key in _FACT_KEYS and not film:
            continue
        if key in _META_KEYS and not film and _META_KEYS[key] in ("headline", "summary"):
            continue
        if key in _FACT_KEYS:
            parsed = _fact(_FACT_KEYS[key], raw)
            if parsed and _FACT_KEYS[key] not in facts:
                facts[_FACT_KEYS[key]] = parsed
        elif key in _META_KEYS and _META_KEYS[key] not in meta:
            parsed = _meta(_META_KEYS[key], _text(raw))
            if parsed is not None:
                meta[_META_KEYS[key]] = parsed
    title = facts.get("title")
    if isinstance(title, str):
        facts.pop("title")
        if is_post_title(title):
            meta.setdefault("headline", title)
        else:
            name, year = title_and_year(title)
            facts["title"] = name
            if year is not None:
                facts.setdefault("year", year)
    scored = _score(values) if film else None
    if isinstance(scored, Score):
        meta["score"], meta["bare_score"] = scored, None
    elif isinstance(scored, BareScore):
        meta["score"], meta["bare_score"] = None, scored
    new_facts = replace(review.facts, **facts)  # type: ignore[arg-type]
    layout = Layout.FRONT_MATTER if film else review.layout
    return replace(review, layout=layout, facts=new_facts, **meta)  # type: ignore[arg-type]


def declared_language(values: Mapping[str, FrontValue]) -> str | None:
    """The language the front matter declares ("de"/"en"), None when it declares none."""
    for key, raw in values.items():
        if _META_KEYS.get(key) == "language":
            found = _meta("language", _text(raw))
            if isinstance(found, str):
                return found
    return None


def _fact(name: str, raw: FrontValue) -> object:
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
    if name == "published":
        return parse_date(value)
    if name == "language":
        return _LANGUAGES.get(value.casefold().replace("_", "-"))
    if name == "url" and not value.casefold().startswith(("http://", "https://")):
        return None  # a permalink path ("/2014/06/15/blue-ruin/") is no address
    return value


def _score(values: Mapping[str, FrontValue]) -> Score | BareScore | None:
    """The front matter's rating: a grade, a written score, or a bare number to scale."""
    scale = next((_text(values[k]) for k in _SCALE_KEYS if k in values), "")
    for key in _GRADE_KEYS:
        if key in values:
            grade = letter_grade(_text(values[key]))
            if grade is not None:
                return grade
    for key in (*_RATING_KEYS, *_STAR_KEYS):
        if key not in values:
            continue
        text = _text(values[key])
        if scale and text.replace(",", ".").replace(".", "", 1).isdigit():
            stated = parse_score_text(f"{text}/{scale}")
            if stated is not None:
                return stated
        found = bare_score(key, text, default_scale=5.0)
        if isinstance(found, BareScore) and key in _STAR_KEYS:
            return parse_score_text(f"{text}/5")
        if found is not None:
            return found
    return None


def _text(raw: FrontValue) -> str:
    """A scalar front-matter value (a list is joined with commas)."""
    return ", ".join(raw) if isinstance(raw, list) else raw.strip()
