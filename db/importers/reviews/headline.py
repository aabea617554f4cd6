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

__all__ = [
    "bare_title",
    "find_headline",
    "headline_text",
    "is_paragraph",
    "is_post_title",
    "mark_alt_texts",
    "split_headline",
    "title_and_year",
]

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
# "Solaris (1972): the ocean that remembers", "Suspiria (2018) – Tanz der Hexen".
_YEAR_TAGLINE = re.compile(
    r"^(?P<title>.+?)\s*\((?:[^()\d]{2,30}\s)?(?P<year>(?:18|19|20)\d{2})\)\s*[:–—|-]\s+\S"
)
# A title in quotes: first with a tagline after it ("„Crash“: Cronenbergs ..."), or the only
# quoted words in the headline ("Second look: 'Under the Skin' ten years on").
_QUOTED_IN_HEADLINE = re.compile(
    r"„(?P<a>[^„“”\n]{1,80})[“”]|“(?P<b>[^“”„\n]{1,80})”|»(?P<c>[^»«\n]{1,80})«"
    r"|«(?P<d>[^«»\n]{1,80})»|(?<!\w)\"(?P<e>[^\"\n]{1,80})\"(?!\w)"
    r"|(?<!\w)['‘](?P<f>[^'‘’\n]{1,80})['’](?!\w)"
)
_BARE_YEAR = re.compile(r"(?<![\d(])(?:18|19|20)\d{2}(?![\d)])")
# Titles of posts that gather several reviews, or a period's viewing: never a film's title.
_POST_TITLE = re.compile(
    r"rundumschlag|round-?up|kurzkritik|kurz (?:notiert|gesehen)|mini-?(?:reviews?|kritiken)"
    r"|capsule reviews?|short takes|quick takes|rückblick|recap|wrap-?up|filmtagebuch|film diary"
    r"|what i watched|gesehene filme|films? (?:i|we) (?:saw|watched)|top \d+|best of|flop \d+"
    r"|(?:filme|films|movies) (?:des|of the) (?:jahres|monats|year|month)"
    r"|\b(?:januar|jänner|january|februar|february|märz|march|april|mai|may|juni|june|juli|july"
    r"|august|september|oktober|october|november|dezember|december)\s+(?:18|19|20)\d{2}\b",
    re.I,
)
_MAX_HEADLINE_WORDS = 12
_MAX_BARE_WORDS = 6
_GENERIC_HEADLINE = re.compile(
    rf"^(?:{_REVIEW_WORD}|kritiken|reviews|notizen|notes|filmtagebuch|tagebuch|home|startseite"
    r"|blog|archiv|archive|untitled|unbenannt|neue notiz|new note)$",
    re.I,
)
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
    dated = _YEAR_TAGLINE.match(core) if match is None else None
    if dated is not None:
        return strip_quotes(dated.group("title")) or None, int(dated.group("year"))
    quoted = [m for m in _QUOTED_IN_HEADLINE.finditer(core)] if match is None else []
    if len(quoted) == 1:
        title = quoted[0].group(quoted[0].lastgroup or 0).strip()
        if title and title[0].isupper() and len(title.split()) <= 8:
            return title, None
    if match is None:
        marked = core != headline.strip()
        return (strip_quotes(core) or None, None) if marked and core else (None, None)
    title = _HEADLINE_SUFFIX.sub("", match.group("title")).strip()  # "Title review – 1999"
    return strip_quotes(title) or None, int(match.group("year") or match.group("dash"))


def title_and_year(text: str) -> tuple[str, int | None]:
    """A title written with its year: "Blue Ruin (2013)" and "Film (USA 2017)" -> title, year.

    Args:
        text: A title as a page states it (front matter, a credits line).

    Returns:
        The title without the year, and the year (None when none is written).
    """
    match = _HEADLINE_YEAR.match(text.strip())
    if match is None:
        return strip_quotes(text.strip()), None
    title = strip_quotes(match.group("title").strip())
    return (title, int(match.group("year") or match.group("dash"))) if title else (text, None)


def bare_title(headline: str | None) -> str | None:
    """A short headline that is nothing but a title ("Ballerina", "Crash"), else None.

    Used when nothing else names the film: not a sentence, no tagline, no review word alone, not
    a round-up's title.
    """
    if not headline:
        return None
    text = strip_quotes(headline_text(headline))
    words = text.split()
    if not words or len(words) > _MAX_BARE_WORDS or ends_sentence(text) or is_post_title(text):
        return None
    if _GENERIC_HEADLINE.match(text) or re.search(r"\s[:–—|]\s|:\s", text):
        return None
    return text if text[0].isupper() or text[0].isdigit() else None


def is_post_title(text: str) -> bool:
    """Tell whether a post's title names a collection of reviews rather than a film.

    "Review-Rundumschlag: Dezember 2013", "Kurzkritiken", "Top 10 of 2019", "Short takes".
    """
    return bool(_POST_TITLE.search(text))
