"""A review page's headline, and the title and year it names.

Sites write headlines many ways: "Title (1999)", "Title (USA 1999)", "Title – 1999", "Kritik:
Title (1999)", "Title (1999) – Filmkritik", "Title review". :func:`find_headline` picks the line,
:func:`split_headline` reads the title and year from it.
"""

from __future__ import annotations

import re

from kinolog.db.importers.reviews.body import ends_sentence
from kinolog.db.importers.reviews.fields import strip_quotes
from kinolog.db.importers.reviews.page import BODY, FURNITURE, LABEL, Page
from kinolog.db.importers.reviews.types import Layout

__all__ = ["find_headline", "headline_text", "is_paragraph", "mark_alt_texts", "split_headline"]

_HEADLINE_YEAR = re.compile(
    r"^(?P<title>.+?)(?:\s*\((?:[^()\d]{2,30}\s)?(?P<year>(?:18|19|20)\d{2})\)"
    r"|\s+[–—-]\s+(?P<dash>(?:18|19|20)\d{2}))$"
)
_REVIEW_WORD = r"(?:film|movie)?\s?(?:kritik|review|rezension|besprechung)"
_HEADLINE_PREFIX = re.compile(rf"^{_REVIEW_WORD}(?:\s+(?:zu|of|von))?\s*[:–—-]\s*", re.I)
_HEADLINE_SUFFIX = re.compile(
    rf"(?:\s*[:|–—-]\s*|\s+)(?:die\s+|the\s+)?(?:{_REVIEW_WORD}|im test|in review)\s*$", re.I
)
# "Past Lives review – a quietly devastating love story": the title, then a tagline.
_TAGLINE = re.compile(rf"^(?P<title>.+?)\s+{_REVIEW_WORD}\s*[–—:|-]\s+\S", re.I)
_BARE_YEAR = re.compile(r"(?<![\d(])(?:18|19|20)\d{2}(?![\d)])")
_MAX_HEADLINE_WORDS = 12
_MAX_HEADLINE_CHARS = 120


def find_headline(page: Page, layout: Layout) -> str | None:
    """The headline: a dated title line at the top, else the first short line before the text.

    Where the lines above the text are photo captions (the layout's rules say so), only a
    "Title (Year)" line counts.

    Args:
        page: The page, with metadata and furniture marked.
        layout: The page's layout.

    Returns:
        The headline as written (Markdown marks removed), or None.
    """
    top: list[str] = []
    dated: list[str] = []
    for index, line in enumerate(page.lines):
        if page.kinds[index] == LABEL or is_paragraph(line):
            break
        if page.kinds[index] == BODY:
            top.append(headline_text(line))
        dated_line = page.kinds[index] in (BODY, FURNITURE) and len(line) <= _MAX_HEADLINE_CHARS
        if dated_line and split_headline(headline_text(line))[1]:
            # A "Title (Year)" line next to image furniture can be marked as part of it.
            dated.append(headline_text(line))
    text_lines = sum(kind in (BODY, LABEL) for kind in page.kinds)
    if text_lines < 2:
        return None  # a lone line is the text itself, not a headline over it
    if dated:
        return dated[0]
    if layout.rules.captions_above_text:
        return None
    for text in top:
        if text and (not ends_sentence(text) or text.endswith(("?", "!"))):
            return text
    return None


def mark_alt_texts(page: Page, headline: str) -> None:
    """Mark an image's alt-text above the text: the title with a bare year and keywords.

    "Ballerina 2023 Netflix Streamen online Video on Demand" sits between the headline and the
    review on some sites, with or without the image credit that usually gives it away.

    Args:
        page: The page; alt-text lines above the first paragraph are marked FURNITURE.
        headline: The page's headline.
    """
    title = (split_headline(headline)[0] or headline).casefold()
    for index, line in enumerate(page.lines):
        if page.kinds[index] == LABEL or is_paragraph(line):
            return
        # The headline itself is marked HEADLINE by now, so only other lines are BODY here.
        alt = page.kinds[index] == BODY and title in line.casefold() and not ends_sentence(line)
        if alt and _BARE_YEAR.search(line):
            page.kinds[index] = FURNITURE


def headline_text(line: str) -> str:
    """A line without Markdown heading marks or emphasis ("# **Title**" -> "Title")."""
    return line.lstrip("#").strip().strip("*_").strip()


def is_paragraph(line: str) -> bool:
    """A line of running text rather than a title."""
    return len(line) > _MAX_HEADLINE_CHARS or len(line.split()) > _MAX_HEADLINE_WORDS


def split_headline(headline: str | None) -> tuple[str | None, int | None]:
    """Title and year from a headline.

    Args:
        headline: e.g. "Title (1999)", "Title (USA 1999)", "Title – 1999", "Kritik: Title
            (1999)", "Title (1999) – Filmkritik", "Title review".

    Returns:
        The title and the year. A headline without a year names a title only when a review
        word marks it as one ("Filmkritik: Title"); otherwise (None, None).
    """
    if not headline:
        return None, None
    core = _HEADLINE_PREFIX.sub("", headline)
    core = _HEADLINE_SUFFIX.sub("", core).strip()
    match = _HEADLINE_YEAR.match(core)
    tagline = _TAGLINE.match(core) if match is None else None
    if tagline is not None:
        return strip_quotes(tagline.group("title")) or None, None
    if match is None:
        marked = core != headline.strip()
        return (strip_quotes(core) or None, None) if marked and core else (None, None)
    title = _HEADLINE_SUFFIX.sub("", match.group("title")).strip()  # "Title review – 1999"
    return strip_quotes(title) or None, int(match.group("year") or match.group("dash"))
