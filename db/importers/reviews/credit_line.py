"""Credits written on one line, as blogs, magazines and notes apps do.

``*USA (2008) / Regie: Darren Aronofsky / Darsteller: Mickey Rourke, Marisa Tomei u.a.*``,
``Südkorea 2023 · Regie: Lee Chung-hyun · Darsteller: Jeon Jong-seo · 93 Minuten · Netflix``,
``**Oldboy** · Südkorea 2003 · Regie: Park Chan-wook · mit Choi Min-sik``,
``Paterson (2016). Directed by Jim Jarmusch. Starring Adam Driver, Golshifteh Farahani.``,
``Regie: Volker Schlöndorff – Darsteller: David Bennent, Mario Adorf``.

The line is cut into segments (at ``/``, ``·``, ``|``, dashes and full stops); each segment is a
labelled credit, a countries-and-year note, a running time or rating, or, first on the line, the
film's title. A line counts only when it names a director or cast under a label and has no
prose in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kinolog.db.importers.reviews.fields import (
    CAST,
    COUNTRIES,
    DIRECTORS,
    WRITERS,
    label_fields,
    parse_fact_value,
    strip_quotes,
)
from kinolog.db.importers.reviews.infer import is_person_name
from kinolog.db.text import fold

__all__ = ["CreditLine", "parse_credit_line"]

_COUNTRY_NAMES = (
    "usa|us|u.s.|u.s.a.|vereinigte staaten|united states|uk|gb|großbritannien|grossbritannien"
    "|vereinigtes königreich|united kingdom|great britain|england|schottland|scotland|irland"
    "|ireland|deutschland|germany|brd|ddr|west germany|east germany|westdeutschland|österreich"
    "|austria|schweiz|switzerland|frankreich|france|italien|italy|spanien|spain|portugal"
    "|niederlande|netherlands|holland|belgien|belgium|luxemburg|luxembourg|dänemark|denmark"
    "|schweden|sweden|norwegen|norway|finnland|finland|island|iceland|polen|poland|tschechien"
    "|czech republic|czechia|tschechoslowakei|czechoslovakia|slowakei|slovakia|ungarn|hungary"
    "|rumänien|romania|bulgarien|bulgaria|griechenland|greece|türkei|turkey|russland|russia"
    "|udssr|sowjetunion|soviet union|ussr|ukraine|jugoslawien|yugoslavia|serbien|serbia"
    "|kroatien|croatia|slowenien|slovenia|estland|estonia|lettland|latvia|litauen|lithuania"
    "|kanada|canada|mexiko|mexico|brasilien|brazil|argentinien|argentina|chile|kolumbien"
    "|colombia|peru|kuba|cuba|japan|china|hongkong|hong kong|taiwan|südkorea|suedkorea"
    "|south korea|korea|nordkorea|north korea|indien|india|iran|israel|libanon|lebanon"
    "|ägypten|egypt|marokko|morocco|tunesien|tunisia|südafrika|south africa|nigeria|senegal"
    "|australien|australia|neuseeland|new zealand|thailand|indonesien|indonesia|philippinen"
    "|philippines|vietnam|malaysia|singapur|singapore|palästina|palestine|jordanien|jordan"
    "|saudi-arabien|saudi arabia|georgien|georgia|armenien|armenia|kasachstan|kazakhstan"
)
_COUNTRIES = frozenset(fold(name) for name in _COUNTRY_NAMES.split("|"))
_SEGMENT_SPLIT = re.compile(r"\s+[/·•|–—]\s+|\s*;\s+|(?<=[\w)][\w)]\.)\s+(?=\S)")
_YEAR = re.compile(r"\(?\b((?:18|19|20)\d{2})\)?")
_RUNTIME = re.compile(
    r"^(?:ca\.\s*)?\d{2,3}\s*(?:min(?:uten|utes|\.)?|minutes|mins?\.?)$|^(?:fsk|ab|rated|pg-?)\s*\d*"
    r"|^(?:laufzeit|länge|runtime)\b",
    re.I,
)
_PREFIX = re.compile(
    r"^(?P<label>directed by|regie von|regie|written and directed by|written by|screenplay by"
    r"|drehbuch von|drehbuch|starring|with|mit|darsteller(?:innen)?|cast|besetzung|music by"
    r"|musik von|musik|music|kamera|produced by|produziert von)\s+(?P<value>\S.*)$",
    re.I,
)
_PREFIX_FIELDS = {
    "directed by": (DIRECTORS,), "regie von": (DIRECTORS,), "regie": (DIRECTORS,),
    "written and directed by": (DIRECTORS, WRITERS), "written by": (WRITERS,),
    "screenplay by": (WRITERS,), "drehbuch von": (WRITERS,), "drehbuch": (WRITERS,),
    "starring": (CAST,), "with": (CAST,), "mit": (CAST,), "darsteller": (CAST,),
    "darstellerinnen": (CAST,), "cast": (CAST,), "besetzung": (CAST,),
}  # fmt: skip
_TITLE_YEAR = re.compile(r"^(?P<title>.+?)\s*\((?:[^()\d]{2,30}\s)?(?P<year>(?:18|19|20)\d{2})\)$")
_EMPHASIS = "*_"
_MAX_LINE = 400
_MAX_SEGMENT = 200
_MAX_TITLE_WORDS = 10
_MAX_STRAY_WORDS = 3


@dataclass(frozen=True)
class CreditLine:
    """The facts of a one-line credits note."""

    title: str | None = None
    year: int | None = None
    countries: tuple[str, ...] = ()
    directors: tuple[str, ...] = ()
    writers: tuple[str, ...] = ()
    cast: tuple[str, ...] = ()


def parse_credit_line(line: str) -> CreditLine | None:
    """Read a one-line credits note.

    Args:
        line: One stripped line, with or without Markdown emphasis around it.

    Returns:
        Its facts, or None when the line is not a credits note (prose, a lone label, ...).
    """
    text = _unemphasise(line)
    if len(text) > _MAX_LINE or len(text) < 8:
        return None
    segments = [s.strip(" .,") for s in _SEGMENT_SPLIT.split(text) if s.strip(" .,")]
    if len(segments) < 2:
        return None
    facts: dict[str, object] = {}
    labelled_people = False
    stray = 0
    for position, segment in enumerate(segments):
        segment = _unemphasise(segment)
        if len(segment) > _MAX_SEGMENT:
            return None
        kind = _segment(segment, facts)
        if kind == "people":
            labelled_people = True
        elif kind is None and position == 0 and _title(segment, facts):
            continue
        elif kind is None:
            stray += 1
            if stray > 1 or len(segment.split()) > _MAX_STRAY_WORDS:
                return None
    if not labelled_people:
        return None
    return CreditLine(
        title=_get_str(facts, "title"),
        year=facts.get("year") if isinstance(facts.get("year"), int) else None,  # type: ignore[arg-type]
        countries=_get_tuple(facts, COUNTRIES),
        directors=_get_tuple(facts, DIRECTORS),
        writers=_get_tuple(facts, WRITERS),
        cast=_get_tuple(facts, CAST),
    )


def _segment(segment: str, facts: dict[str, object]) -> str | None:
    """Classify one segment and collect its facts: "people", "fact", "other" or None."""
    label, sep, value = segment.partition(":")
    if sep and value.strip():
        fields = label_fields(label.strip())
        if fields:
            return "people" if _offer(facts, fields, value) else "other"
    prefixed = _PREFIX.match(segment)
    if prefixed is not None:
        fields = _PREFIX_FIELDS.get(prefixed.group("label").casefold(), ())
        value = prefixed.group("value")
        if fields and value[:1].isupper():
            return "people" if _offer(facts, fields, value) else "other"
        return "other" if not fields else None
    if _RUNTIME.match(segment):
        return "other"
    return "fact" if _countries_and_year(segment, facts) else None


def _countries_and_year(segment: str, facts: dict[str, object]) -> bool:
    """ "USA (2008)", "Italien/USA 2018", "Soviet Union, 166 minutes", "2013"."""
    years = _YEAR.findall(segment)
    rest = _YEAR.sub("", segment)
    parts = [p.strip(" .()") for p in re.split(r"[/,&]|\s+und\s+|\s+and\s+", rest)]
    parts = [p for p in parts if p]
    countries = [p for p in parts if fold(p) in _COUNTRIES]
    runtime = [p for p in parts if _RUNTIME.match(p)]
    if len(countries) + len(runtime) != len(parts) or not (countries or years):
        return False
    if countries:
        facts.setdefault(COUNTRIES, tuple(countries))
    if len(years) == 1:
        facts.setdefault("year", int(years[0]))
    return True


def _title(segment: str, facts: dict[str, object]) -> bool:
    """The first segment as the film's title: "Oldboy", "Paterson (2016)"."""
    match = _TITLE_YEAR.match(segment)
    title = strip_quotes(match.group("title") if match else segment)
    if not title or len(title.split()) > _MAX_TITLE_WORDS or not title[:1].isupper():
        return False
    facts["title"] = title
    if match is not None:
        facts.setdefault("year", int(match.group("year")))
    return True


def _offer(facts: dict[str, object], fields: tuple[str, ...], value: str) -> bool:
    """Collect a labelled value; True when it names a director or an actor who reads as a name."""
    people = False
    for name in fields:
        parsed = parse_fact_value(name, value)
        if not parsed or not isinstance(parsed, tuple):
            continue
        if name in (DIRECTORS, CAST):
            if not any(is_person_name(item) for item in parsed):
                continue
            people = True
        facts.setdefault(name, parsed)
    return people


def _unemphasise(text: str) -> str:
    """Drop Markdown emphasis around a whole line or segment ("*...*", "**Oldboy**")."""
    text = text.strip()
    while len(text) > 2 and text[0] in _EMPHASIS and text[-1] == text[0]:
        text = text[1:-1].strip()
    return text


def _get_str(facts: dict[str, object], name: str) -> str | None:
    value = facts.get(name)
    return value if isinstance(value, str) else None


def _get_tuple(facts: dict[str, object], name: str) -> tuple[str, ...]:
    value = facts.get(name)
    return value if isinstance(value, tuple) else ()
