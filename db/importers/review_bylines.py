"""Bylines and page data: author, publication, address and publication date.

Only what a page states counts: a publication date must carry a label that says so (a release date
is not a publication date), and an image credit ("© Studio/Photographer") is never an author.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from db.importers.review_infer import is_person_name
from db.importers.review_page import BODY, META, Page

__all__ = [
    "author_from_line",
    "mark_bylines",
    "parse_date",
    "published_from_line",
    "source_from_line",
    "url_from_line",
]

_MONTH_NAMES = (
    "januar jänner january jan",
    "februar february feb",
    "märz maerz march mär mar",
    "april apr",
    "mai may",
    "juni june jun",
    "juli july jul",
    "august aug",
    "september sept sep",
    "oktober october okt oct",
    "november nov",
    "dezember december dez dec",
)
_MONTHS = {name: n for n, names in enumerate(_MONTH_NAMES, start=1) for name in names.split()}
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DOTTED_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?!\d)")
_DAY_MONTH = re.compile(r"(?<!\d)(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})(?!\d)")
_MONTH_DAY = re.compile(r"\b([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)")

_PUBLISHED = re.compile(
    r"^(?:veröffentlicht|publiziert|erschienen|gepostet|online seit|published|posted|"
    r"publication date|publiziert am|datum|date)\b(?:\s+(?:am|on|at))?\s*:?\s*(?P<rest>.+)$",
    re.I,
)
_AUTHOR_LABEL = re.compile(
    r"^(?:autor|autorin|author|verfasser|verfasserin|text|kritik von|rezension von|review by|"
    r"reviewed by|geschrieben von|von|by)\s*:?\s+(?P<name>.+)$",
    re.I,
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\))\s*(?P<name>[^/|()]+?)\s*(?:\((?P<nick>[^()]*)\))?$", re.I)
_COMPANY = re.compile(
    r"\b(?:pictures|films?|netflix|studios?|entertainment|universal|warner|disney|verleih|media|"
    r"productions?|releasing|distribution|amazon|prime|apple|hbo|sony|paramount|lionsgate|leonine|"
    r"constantin|concorde|capelight|koch|splendid|plaion|alamode|weltkino|studiocanal|pandora|"
    r"mubi|a24|neon|fox|columbia|mgm|kino|gmbh|inc|ltd|llc|ag|co|presse|press|images?|photos?|"
    r"fotos?|getty|imago|dpa|ap)\b",
    re.I,
)
_SOURCE_LABEL = re.compile(
    r"^(?:quelle|source|publication|publikation|erschienen (?:in|bei|auf)|zuerst erschienen "
    r"(?:in|bei|auf)|originally published (?:in|on|at|by)|first published (?:in|on|at|by))"
    r"\s*:?\s+(?P<value>.+)$",
    re.I,
)
_URL = re.compile(r"^<?(?P<url>https?://[^\s<>\"]+)>?$")
_URL_LABEL = re.compile(r"^(?:url|link|permalink|adresse)\s*:\s*(?P<url>https?://\S+)$", re.I)
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$", re.I)
_DATE_FORMS = ((_ISO_DATE, "ymd"), (_DOTTED_DATE, "dmy"), (_DAY_MONTH, "dMy"), (_MONTH_DAY, "Mdy"))
_EDGE_LINES = 6
_MAX_BYLINE = 160


def mark_bylines(page: Page) -> dict[str, str]:
    """Find the author, source, url and publication date lines and mark them META.

    Args:
        page: The page; byline lines are marked META.

    Returns:
        The values found, keyed "author", "source", "url", "published" (first one wins).
    """
    found: dict[str, str] = {}
    filled = [i for i, line in enumerate(page.lines) if line]
    edge = set(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:])
    end_from = filled[int(len(filled) * 0.75)] if filled else 0
    for index in filled:
        if page.kinds[index] != BODY or len(page.lines[index]) > _MAX_BYLINE:
            continue
        line = page.lines[index]
        values = {
            "author": author_from_line(line, near_end=index >= end_from, near_edge=index in edge),
            "url": url_from_line(line, near_edge=index in edge),
            "source": source_from_line(line),
            "published": published_from_line(line),
        }
        for key, value in values.items():
            if value and key not in found:
                found[key] = value
                page.kinds[index] = META
    return found


def parse_date(text: str) -> str | None:
    """Find a full calendar date in a text and return it as ISO ``YYYY-MM-DD``.

    Args:
        text: e.g. "2024-03-12", "12.03.2024", "12. März 2024", "March 12, 2024", "12 March 2024".

    Returns:
        The ISO date, or None when the text has no complete, valid date.
    """
    for pattern, order in _DATE_FORMS:
        for match in pattern.finditer(text):
            iso = _iso_from_parts(match.groups(), order)
            if iso:
                return iso
    return None


def published_from_line(line: str) -> str | None:
    """Read a publication date from a labelled line ("Veröffentlicht am 3. Mai 2024")."""
    match = _PUBLISHED.match(line) if len(line) <= 100 else None
    return parse_date(match.group("rest")) if match else None


def author_from_line(line: str, *, near_end: bool, near_edge: bool) -> str | None:
    """Read an author from a byline.

    Args:
        line: One stripped line.
        near_end: The line is in the last part of the page (where a bare "© Name" byline sits;
            at the top such a line is an image credit).
        near_edge: The line is among the first or last lines (where "Von Name" is a byline).

    Returns:
        The author's name, or None. "© Name (Nickname)" gives "Name"; a credit with a "/" or a
        company name ("© Yoo Eun Mi/Netflix", "© Sony Pictures") is never an author.
    """
    copyright_line = _COPYRIGHT.match(line)
    if copyright_line:
        name = copyright_line.group("name").strip()
        if _COMPANY.search(name) or any(ch.isdigit() for ch in name):
            return None
        if is_person_name(name) and (copyright_line.group("nick") or near_end):
            return name
        return None
    labelled = _AUTHOR_LABEL.match(line) if len(line) <= 80 else None
    if labelled is None:
        return None
    name = re.sub(r"\s*\([^()]*\)\s*$", "", labelled.group("name").split(",")[0]).strip(" .")
    is_loose = line.split(None, 1)[0].casefold() in ("von", "by")
    if is_loose and not near_edge:
        return None
    return name if is_person_name(name) else None


def source_from_line(line: str) -> str | None:
    """Read a publication named on a line ("Zuerst erschienen in epd Film, 05/2024")."""
    match = _SOURCE_LABEL.match(line) if len(line) <= 120 else None
    if match is None:
        return None
    value = match.group("value").strip(" .")
    label = line[: match.start("value")].casefold()
    if _URL.match(value):
        return None
    if label.startswith(("quelle", "source")) and not _DOMAIN.match(value):
        return None  # "Quelle: Netflix" is usually an image credit
    return re.split(r",\s*(?=[^,]*\d)", value, maxsplit=1)[0].strip() or None


def url_from_line(line: str, *, near_edge: bool) -> str | None:
    """Read the page's address from "URL: ...", "Quelle: https://..." or a bare URL line."""
    labelled = _URL_LABEL.match(line)
    if labelled:
        return labelled.group("url")
    source = _SOURCE_LABEL.match(line)
    in_source = _URL.match(source.group("value").strip()) if source else None
    if in_source:
        return in_source.group("url")
    bare = _URL.match(line)
    return bare.group("url") if bare and near_edge else None


def _iso_from_parts(parts: Sequence[str], order: str) -> str | None:
    """Build a valid ISO date from regex groups in the given order (M = month name)."""
    values: dict[str, int] = {}
    for part, kind in zip(parts, order, strict=True):
        if kind == "M":
            month = _MONTHS.get(part.casefold())
            if month is None:
                return None
            values["m"] = month
        else:
            values[kind] = int(part)
    year, month, day = values["y"], values["m"], values["d"]
    if not (1 <= month <= 12 and 1 <= day <= _days_in(year, month) and 1888 <= year <= 2200):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _days_in(year: int, month: int) -> int:
    """Days in a month of a year."""
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31
