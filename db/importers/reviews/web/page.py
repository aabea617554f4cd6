"""A saved web page as review text plus what the page says about itself.

:func:`read_page` turns the HTML into the Markdown text the review parser reads (headline on top,
then the article) and a :class:`WebPage` with the site name, address, author, date, language,
the film and rating from JSON-LD, and the rating and fact cards trafilatura leaves out.
:func:`html_from_mhtml` takes the page out of a ``.mhtml`` archive (a MIME message).
"""

from __future__ import annotations

import email
import re
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage

from kinolog.db.importers.reviews.headline import split_headline
from kinolog.db.importers.reviews.scores import find_marked_score
from kinolog.db.importers.reviews.types import FilmFacts, Score
from kinolog.db.importers.reviews.web.extract import extract_article, link_line_key, read_tree
from kinolog.db.importers.reviews.web.jsonld import read_json_ld
from kinolog.db.text import fold

__all__ = ["WebPage", "html_from_mhtml", "read_page"]

_TITLE_SEPARATOR = re.compile(r"\s+[-–—|·:»]{1,2}\s+")
_MAX_SITE_WORDS = 5
_LANGUAGE = re.compile(r"^(de|en)\b", re.I)


@dataclass(frozen=True)
class WebPage:
    """A saved page, read.

    Attributes:
        text: The headline and the article as Markdown, for the review parser.
        headline: The page's title as its article states it.
        source: The site's name.
        url: The page's address, when the page states it.
        author: The article's author.
        published: The publication date, YYYY-MM-DD.
        language: "de" or "en" when the page declares one of them.
        film: The reviewed film from JSON-LD, None without one.
        score: The reviewer's rating from JSON-LD or a rating box, None without one.
    """

    text: str
    headline: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    film: FilmFacts | None = None
    score: Score | None = None


def read_page(html: str) -> WebPage | None:
    """Read a saved page; None when it has no article text."""
    article = extract_article(html)
    if article is None:
        return None
    tree = read_tree(html)
    data = read_json_ld(tree.json_ld)
    headline = article.title or tree.h1
    site, film_part = _split_title_tag(tree.title_tag, headline)
    source = data.source or article.sitename or site
    if film_part and headline and split_headline(headline)[1] is None:
        dated_title, year = split_headline(film_part)
        if year and dated_title and fold(headline).startswith(fold(dated_title)):
            headline = film_part  # "<title>Heat (1995) – Kinozettel" over "<h1>Heat"
    widget = find_marked_score(tree.rating_texts) if tree.rating_texts else None
    parts = [f"# {headline}"] if headline else []
    if tree.fact_lines:
        parts.append("\n".join(tree.fact_lines))
    text = article.text
    if tree.link_lines or tree.card_texts:
        # Link-only lines are no text; a fact card is read as "Label: value" lines above.
        dropped = tree.link_lines | tree.card_texts
        kept = [line for line in text.split("\n") if link_line_key(line) not in dropped]
        text = "\n".join(kept)
    parts.append(text)
    language = data.language or tree.language
    found = _LANGUAGE.match(language or "")
    return WebPage(
        text="\n\n".join(parts),
        headline=headline,
        source=source,
        url=article.url,
        author=data.author or article.author,
        published=data.published or _iso_date(article.date),
        language=found.group(1).lower() if found else None,
        film=data.film,
        score=data.score or (widget.score if widget else None),
    )


def html_from_mhtml(data: bytes) -> tuple[bytes, str | None] | None:
    """The HTML part of a ``.mhtml`` archive and its address; None when there is none."""
    message = email.message_from_bytes(data, policy=policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html" and isinstance(part, EmailMessage):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                url = part.get("Content-Location") or message.get("Snapshot-Content-Location")
                return payload, str(url) if url else None
    return None


def _split_title_tag(title_tag: str | None, headline: str | None) -> tuple[str | None, str | None]:
    """The site's name and the article's part of the ``<title>``.

    "Kinokeller - Ballerina (Netflix, 2023)" with the headline "Ballerina" gives "Kinokeller"
    and "Ballerina (Netflix, 2023)".
    """
    if not title_tag or not headline:
        return None, None
    parts = _TITLE_SEPARATOR.split(title_tag)
    if len(parts) != 2:
        return None, None
    key = fold(headline)
    ours = [p for p in parts if fold(p).startswith(key) or key in fold(p)]
    rest = [p for p in parts if p not in ours]
    if len(ours) != 1 or len(rest) != 1:
        return None, None
    site = rest[0].strip()
    if len(site.split()) > _MAX_SITE_WORDS or re.search(r"\d{4}|[()]", site):
        return None, ours[0].strip()
    return site, ours[0].strip()


def _iso_date(value: str | None) -> str | None:
    match = re.match(r"^(\d{4}-\d{2}-\d{2})", value or "")
    return match.group(1) if match else None
