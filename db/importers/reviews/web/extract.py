"""The article of a saved web page, through trafilatura, and what trafilatura leaves out.

trafilatura (https://trafilatura.readthedocs.io) finds the main text of a page without the
navigation, sidebars, share bars, related posts, newsletter boxes and comments, and reads the
title, author, date and site name, in German and English alike. kinolog hands it a string (the
page decoded from its bytes by :func:`kinolog.db.files.decode_text`, never by the charset the page
declares) and never a URL: trafilatura's fetching functions are never called, so an import never
touches the network.

trafilatura drops a few things a review needs, read here from the page's tree instead: rating
boxes (elements whose class says ``rating``/``wertung``/``score``), ``<dt>``/``<dd>`` fact cards,
JSON-LD blocks, the page's language, and the ``<title>`` (for the site name when the page has no
``og:site_name``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Article", "PageTree", "extract_article", "link_line_key", "read_tree"]

# Furniture that trafilatura's English class lists miss on old German pages (table layouts,
# hand-written sites): header, navigation, footer, guest book, comment blocks.
_FURNITURE_TOKENS = (
    "kopf", "kopfzeile", "fuss", "fusszeile", "fußzeile", "navi", "navigation", "menue", "menü",
    "seitenleiste", "werbung", "anzeige", "kommentare", "gaestebuch", "gästebuch", "impressum",
    "breadcrumb", "breadcrumbs", "cookie", "cookies", "newsletter", "teilen",
)  # fmt: skip
_PRUNE = [
    f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {token} ') or @id='{token}']"
    for token in _FURNITURE_TOKENS
]
_RATING_CLASS = re.compile(r"rating|wertung|bewertung|score|verdict|urteil|sterne|stars", re.I)
_NOT_OURS = re.compile(
    r"comment|kommentar|respond|reply|leser|reader|user|community|audience|average|aggregate"
    r"|imdb|related|teaser|widget-area|sidebar",
    re.I,
)
_MAX_WIDGET = 120
_MIN_ARTICLE_LETTERS = 40
_BLOCKS = frozenset({"p", "li", "td", "div", "dd", "span", "nav"})
_MAX_LINK_LINE = 300
_LINK_SEPARATORS = " \t\n·|•,;/»«›‹>–—-()[]*_:"


@dataclass(frozen=True)
class Article:
    """The main text of a page as Markdown, and the metadata trafilatura found."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None


@dataclass
class PageTree:
    """What kinolog reads from the page's tree itself."""

    language: str | None = None
    title_tag: str | None = None
    h1: str | None = None
    json_ld: list[str] = field(default_factory=list)
    rating_texts: list[str] = field(default_factory=list)
    fact_lines: list[str] = field(default_factory=list)
    link_lines: set[str] = field(default_factory=set)
    card_texts: set[str] = field(default_factory=set)


def extract_article(html: str) -> Article | None:
    """Extract the main text and metadata of a page; None when there is no article in it."""
    import trafilatura  # imported on first use: it takes a quarter of a second to load

    doc = trafilatura.bare_extraction(
        html,
        url=None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_formatting=True,
        include_links=True,
        include_images=False,
        prune_xpath=_PRUNE,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or isinstance(doc, dict) or not doc.text:
        return None
    if sum(ch.isalpha() for ch in doc.text) < _MIN_ARTICLE_LETTERS:
        return None  # a menu or a cookie notice, not an article
    return Article(
        text=str(doc.text),
        title=_clean(doc.title),
        author=_clean(doc.author),
        date=_clean(doc.date),
        sitename=_clean(doc.sitename),
        url=_clean(doc.url),
    )


def read_tree(html: str) -> PageTree:
    """Read the language, title, JSON-LD, rating boxes and fact cards from the page's tree."""
    from lxml import html as lxml_html  # installed with trafilatura

    page = PageTree()
    try:
        root = lxml_html.fromstring(html)
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return page
    page.language = _clean(root.get("lang") or root.get("xml:lang"))
    page.title_tag = _text_of(next(iter(root.iter("title")), None))
    page.h1 = _text_of(next(iter(root.iter("h1")), None))
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json" and script.text:
            page.json_ld.append(script.text)
    scope = _article_scope(root)
    for element in scope.iter():
        if not isinstance(element.tag, str) or _inside_others(element):
            continue
        if element.tag == "dt":
            value = element.getnext()
            if value is not None and value.tag == "dd":
                page.fact_lines.append(f"{_text_of(element)}: {_text_of(value)}")
                page.card_texts.update(
                    link_line_key(text) for text in (_text_of(element), _text_of(value)) if text
                )
            continue
        if element.tag in _BLOCKS:
            _note_link_line(element, page.link_lines)
        marks = f"{element.get('class') or ''} {element.get('id') or ''}"
        if _RATING_CLASS.search(marks):
            text = _text_of(element)
            if text and len(text) <= _MAX_WIDGET:
                page.rating_texts.append(text)
    return page


def _note_link_line(element: Any, lines: set[str]) -> None:
    """A paragraph made of links only ("« zurück zur Übersicht · Gästebuch"): not text."""
    links = [_text_of(link) or "" for link in element.iter("a")]
    text = _text_of(element)
    if not links or not text or len(text) > _MAX_LINK_LINE:
        return
    rest = text
    for link in links:
        rest = rest.replace(link, "", 1)
    if not rest.strip(_LINK_SEPARATORS):
        lines.add(link_line_key(text))


def link_line_key(text: str) -> str:
    """How a link line is compared with the article's lines (no emphasis, no spacing)."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _article_scope(root: Any) -> Any:
    """The article element when the page has exactly one, else the ``<main>``, else the page."""
    articles = list(root.iter("article"))
    if len(articles) == 1:
        return articles[0]
    main = next(iter(root.iter("main")), None)
    return main if main is not None else root


def _inside_others(element: Any) -> bool:
    """Inside comments, readers' ratings, sidebars or related posts: not the reviewer's."""
    node = element
    while node is not None:
        marks = f"{node.get('class') or ''} {node.get('id') or ''}"
        if _NOT_OURS.search(marks):
            return True
        node = node.getparent()
    return False


def _text_of(element: Any) -> str | None:
    if element is None:
        return None
    return _clean(element.text_content())


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None
