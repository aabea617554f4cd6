"""From a file's text (or a saved page) to its reviews: the parser's entry points.

A text goes through the same steps whatever it came from:

1. front matter is taken off the top (:mod:`.front`);
2. a round-up is cut into one part per film (:mod:`.roundup`);
3. markup that is not text goes (:mod:`.markdown`), after the IMDb links are read;
4. each part is parsed (:mod:`.parse`): credits, headline, body, verdict, score;
5. what the page states about itself wins: front matter, and for a saved web page its site name,
   address, author, date and structured data (:mod:`.web`);
6. a title only in the file name is used when the text names none (:mod:`.filename`);
7. the language is identified (:mod:`.language`) and the people named in the prose collected.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePath

from kinolog.db.importers.reviews.filename import date_from_name, title_from_name
from kinolog.db.importers.reviews.front import (
    FrontMatter,
    apply_front_matter,
    declared_language,
    split_front_matter,
)
from kinolog.db.importers.reviews.headline import (
    bare_title,
    is_post_title,
    split_headline,
    title_and_year,
)
from kinolog.db.importers.reviews.language import identify_language
from kinolog.db.importers.reviews.links import find_imdb_id
from kinolog.db.importers.reviews.markdown import clean_markup
from kinolog.db.importers.reviews.parse import parse_page, prepare_text
from kinolog.db.importers.reviews.people import named_people
from kinolog.db.importers.reviews.roundup import Part, split_roundup
from kinolog.db.importers.reviews.types import FilmFacts, ParsedReview
from kinolog.db.importers.reviews.web import WebPage, read_page
from kinolog.db.text import fold

__all__ = ["NoArticle", "parse_html", "parse_review", "parse_reviews"]


class NoArticle(ValueError):
    """A saved page in which no article text was found."""


def parse_review(text: str, *, name: str | PurePath | None = None) -> ParsedReview:
    """Parse a text that reviews one film (a round-up gives its first film's review).

    Args:
        text: The file's text (ideally from :func:`~.text.decode_review_bytes`).
        name: The file's path, for a title that is only in the file name.
    """
    return parse_reviews(text, name=name)[0]


def parse_reviews(
    text: str, *, name: str | PurePath | None = None, page: WebPage | None = None
) -> list[ParsedReview]:
    """Parse a text into its reviews: one, or one per film of a round-up.

    Args:
        text: The file's text, or the Markdown :func:`~.web.read_page` made of a saved page.
        name: The file's path, for a title or a date that is only in the file name.
        page: What a saved web page says about itself.

    Returns:
        At least one review. Facts the text does not state are None or empty; a score is never
        invented.
    """
    clean = prepare_text(text)
    front = split_front_matter(clean)
    rest = front.rest if front is not None else clean
    parts = split_roundup(rest)
    if parts is None:
        reviews = [_single(rest, front, page, name)]
    else:
        reviews = [_part(part, front, page) for part in parts]
    declared = (declared_language(front.values) if front else None) or (
        page.language if page else None
    )
    return [_finish(review, declared) for review in reviews]


def parse_html(
    html: str, *, name: str | PurePath | None = None, url: str | None = None
) -> list[ParsedReview]:
    """Parse a saved web page into its reviews.

    Args:
        html: The page, decoded from its bytes.
        name: The file's path.
        url: The page's address when the file knows it (a ``.mhtml``'s Content-Location).

    Raises:
        NoArticle: The page has no article text.
    """
    page = read_page(html)
    if page is None:
        raise NoArticle("no article text found in the page")
    if page.url is None and url:
        page = replace(page, url=url)
    return parse_reviews(page.text, name=name, page=page)


def _single(
    rest: str, front: FrontMatter | None, page: WebPage | None, name: str | PurePath | None
) -> ParsedReview:
    imdb_id = find_imdb_id([rest])  # before the links become their text
    review = parse_page(clean_markup(rest))
    if front is not None:
        review = apply_front_matter(review, front.values)
    if page is not None:
        review = _apply_page(review, page, film=True)
    facts = review.facts
    if facts.imdb_id is None and imdb_id:
        facts = replace(facts, imdb_id=imdb_id)
    if facts.title is None:
        facts = replace(facts, title=_confirmed(bare_title(review.headline), review, facts))
    if facts.title is None and page is None and name is not None:
        named = title_from_name(name)
        facts = replace(facts, title=None if named and is_post_title(named) else named)
    published = review.published or (date_from_name(name) if name is not None else None)
    return replace(review, facts=facts, published=published)


def _confirmed(title: str | None, review: ParsedReview, facts: FilmFacts) -> str | None:
    """A bare headline names the film only with support: it recurs in the text, or the page
    names the film's people or IMDb id ("Notizen zum Filmabend" over a text is no title)."""
    if title is None:
        return None
    if facts.directors or facts.cast or facts.imdb_id:
        return title
    words = f" {fold(review.body)} {fold(review.summary or '')} "
    return title if f" {fold(title)} " in words else None


def _part(part: Part, front: FrontMatter | None, page: WebPage | None) -> ParsedReview:
    """One film of a round-up: its heading names it, its own credits and score describe it."""
    imdb_id = find_imdb_id([part.text])
    review = parse_page(clean_markup(part.text))
    title, year = split_headline(part.heading)
    if title is None:
        title, year = title_and_year(part.heading)
    facts = replace(
        review.facts,
        title=title,
        year=review.facts.year or year,
        imdb_id=review.facts.imdb_id or imdb_id,
    )
    review = replace(review, facts=facts, headline=part.heading)
    if front is not None:
        review = apply_front_matter(review, front.values, film=False)
    if page is not None:
        review = _apply_page(review, page, film=False)
    return review


def _apply_page(review: ParsedReview, page: WebPage, *, film: bool) -> ParsedReview:
    """What a saved page states about itself wins over what the text suggests."""
    changes: dict[str, object] = {
        "source": page.source or review.source,
        "url": page.url or review.url,
        "author": page.author or review.author,
        "published": page.published or review.published,
    }
    if film and page.film is not None:
        changes["facts"] = _merge_facts(review.facts, page.film)
    if film and page.score is not None:
        changes["score"], changes["bare_score"] = page.score, None
    return replace(review, **changes)  # type: ignore[arg-type]


def _merge_facts(found: FilmFacts, stated: FilmFacts) -> FilmFacts:
    """Facts the page's structured data states win; the text fills in the rest."""
    return FilmFacts(
        title=stated.title or found.title,
        original_title=stated.original_title or found.original_title,
        other_titles=stated.other_titles or found.other_titles,
        year=stated.year or found.year,
        countries=stated.countries or found.countries,
        directors=stated.directors or found.directors,
        writers=stated.writers or found.writers,
        cast=stated.cast or found.cast,
        imdb_id=stated.imdb_id or found.imdb_id,
    )


def _finish(review: ParsedReview, declared: str | None) -> ParsedReview:
    """The language (declared, else identified) and the people named in the prose."""
    prose = f"{review.body}\n\n{review.summary or ''}"
    # No guess for a text too short to tell ("Brilliant."): the language stays unknown.
    language = declared or identify_language(prose)
    facts = review.facts
    if facts.directors or facts.cast or facts.imdb_id:
        return replace(review, language=language)  # the film's people are known already
    people = named_people(prose, exclude=facts.writers)
    return replace(review, language=language, facts=replace(facts, named_people=people))
