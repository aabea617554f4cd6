"""Bylines and page data: author, publication, address and publication date.

Only what a page states counts: a publication date must carry a label that says so (a release date
is not a publication date), and an image credit ("© Studio/Photographer") is never an author.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kinolog.db.importers.reviews.infer import is_person_name
from kinolog.db.importers.reviews.page import BODY, META, Page

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
    r"^(?:veröffentlicht|publiziert|erschienen|gepostet|geschrieben|online seit|published|posted|"
    r"publication date|publiziert am|datum|date)\b(?:\s+(?:am|on|at))?\s*:?\s*(?P<rest>.+)$",
    re.I,
)
_AUTHOR_LABEL = re.compile(
    r"^(?:autor|autorin|author|verfasser|verfasserin|text|kritik von|rezension von|review by|"
    r"reviewed by|geschrieben von|von|by)\s*:?\s+(?P<name>.+)$",
    re.I,
)
# "Posted on 4 January 2017 by Tom Ashby", "Geschrieben am 14.10.2023 von Ole Kruse".
_DATED_BYLINE = re.compile(
    r"^(?:posted|published|written|geschrieben|veröffentlicht|gepostet|erschienen)\b.{4,40}?"
    r"\s(?:by|von)\s+(?P<name>[^,|·•]+?)\s*$",
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
_TOP_LINES = 12
_PART_SEPARATOR = re.compile(r"\s+[|·•]\s+|\s+[–—]\s+(?=\D)")
_MAX_BYLINE = 160
# What may stand next to a bare date: a weekday, a time, a time zone ("Thu 7 Sep 2023 11.00 BST").
_CLOCK = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun|mo|di|mi|do|fr|sa|so)[a-z]*\.?,?(?=\s)"
    r"|\b\d{1,2}[.:]\d{2}(?:\s*(?:uhr|am|pm|[A-Z]{2,4}\b))?",
    re.I,
)
# The cheap first test: a byline has a "©" or an address, or starts with a label word; at the
# top of the page a bare date counts too.
_FOUR_DIGITS = re.compile(r"\d{4}")
_BYLINE_HINT = re.compile(
    r"©|\(c\)|https?://|^(?:autor|author|verfasser|text|kritik|rezension|review|geschrieben"
    r"|von|by|quelle|source|publi|erschienen|zuerst|originally|first|url|link|permalink|adresse"
    r"|veröffentlicht|gepostet|online|posted|datum|date)",
    re.I,
)


def mark_bylines(page: Page) -> dict[str, str]:
    """Find the author, source, url and publication date lines and mark them META.

    A byline may hold several of them, separated by ``|``, ``·`` or ``•`` ("By Jane Doe |
    Published March 3, 2024"); each part is read on its own.

    Args:
        page: The page; byline lines are marked META.

    Returns:
        The values found, keyed "author", "source", "url", "published" (first one wins).
    """
    found: dict[str, str] = {}
    filled = [i for i, line in enumerate(page.lines) if line]
    top = set(filled[:_TOP_LINES])
    edge = top | set(filled[-_EDGE_LINES:])
    end_from = filled[int(len(filled) * 0.75)] if filled else 0
    dated: int | None = None
    for index in filled:
        line = page.lines[index]
        if page.kinds[index] != BODY or len(line) > _MAX_BYLINE:
            continue
        if not (_BYLINE_HINT.search(line) or (index in top and _FOUR_DIGITS.search(line))):
            continue
        parts = [part for part in _PART_SEPARATOR.split(line) if part]
        values: dict[str, str | None] = {}
        for part in parts if len(parts) > 1 else [line]:
            for key, value in _byline_values(
                part, near_end=index >= end_from, near_edge=index in edge
            ).items():
                values[key] = values.get(key) or value
        if values.get("author") and not values.get("published"):
            values["published"] = _date_after_name(line)
        if not values.get("published") and index in top:
            values["published"] = _bare_date(parts)
        for key, value in values.items():
            if value and key not in found:
                found[key] = value
                page.kinds[index] = META
                if key == "published":
                    dated = index
    if "author" not in found and dated is not None and dated in top:
        _bare_name_next_to(page, dated, found)
    return found


def _bare_name_next_to(page: Page, dated: int, found: dict[str, str]) -> None:
    """A name alone on the line above or below the date at the top is the byline's author."""
    for index in (dated - 1, dated + 1):
        if not 0 <= index < len(page.lines) or page.kinds[index] != BODY:
            continue
        line = page.lines[index]
        if not _COMPANY.search(line) and is_person_name(line, max_words=3):
            found["author"] = line
            page.kinds[index] = META
            return


def _byline_values(part: str, *, near_end: bool, near_edge: bool) -> dict[str, str | None]:
    """What one byline (or one part of it) states."""
    return {
        "author": author_from_line(part, near_end=near_end, near_edge=near_edge),
        "url": url_from_line(part, near_edge=near_edge),
        "source": source_from_line(part),
        "published": published_from_line(part),
    }


def _date_after_name(line: str) -> str | None:
    """The date in an author line ("Von Jonas Keller, 05.11.2023"): when the review appeared."""
    return parse_date(line) if len(line) <= 80 else None


def _bare_date(parts: Sequence[str]) -> str | None:
    """A date standing alone near the top ("12.03.2024", "Kritik | Drama | 23.05.2024")."""
    for part in parts:
        date = parse_date(part)
        rest = part
        for pattern, _ in _DATE_FORMS:
            rest = pattern.sub("", rest)
        if date and not _CLOCK.sub("", rest).strip(" ,.|·•-–"):
            return date
    return None


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
    dated = _DATED_BYLINE.match(line) if len(line) <= 100 else None
    if dated is not None:
        name = dated.group("name").strip(" .")
        return name if is_person_name(name) and not _COMPANY.search(name) else None
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
