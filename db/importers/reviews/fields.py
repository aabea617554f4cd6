"""Labelled film facts: credits blocks, ``__``-separated field lines and front matter.

All three layouts write facts as ``Label: value``. This module knows the labels (German and
English), splits values into names, countries and titles, and collects what it reads into a
:class:`FactsDraft` that only keeps the first value found for each fact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kinolog.db.importers.reviews.links import parse_imdb_id

__all__ = [
    "FactsDraft",
    "find_credit_lines",
    "find_stacked_credits",
    "match_label_line",
    "parse_field_line",
    "strip_quotes",
]

TITLE, ORIGINAL, OTHER = "title", "original_title", "other_titles"
YEAR, COUNTRIES, DIRECTORS, WRITERS, CAST = "year", "countries", "directors", "writers", "cast"
IMDB = "imdb_id"
_FACT_FIELDS = frozenset({TITLE, ORIGINAL, OTHER, YEAR, COUNTRIES, DIRECTORS, WRITERS, CAST, IMDB})
_KNOWN = "known"  # a credits label that holds no fact we keep (music, runtime, ...)


def _labels(fields: tuple[str, ...], names: str) -> dict[str, tuple[str, ...]]:
    """Map each ``|``-separated label to the facts it holds."""
    return dict.fromkeys(names.split("|"), fields)


_CREDIT_LABELS: dict[str, tuple[str, ...]] = {
    **_labels((ORIGINAL,), "ot|originaltitel|original title|orig. titel|originaltitle"),
    **_labels((TITLE,), "titel|title|deutscher titel|dt. titel|german title"),
    **_labels(
        (OTHER,),
        "at|alternativtitel|alternative titel|alternative title|alternative titles|aka|a.k.a."
        "|also known as|auch bekannt als|weitere titel|internationaler titel"
        "|international title|englischer titel|english title|other titles|other title",
    ),
    **_labels(
        (COUNTRIES,),
        "land|länder|produktionsland|produktionsländer|herstellungsland|herstellungsländer"
        "|herkunftsland|country|countries|country of origin",
    ),
    **_labels(
        (YEAR,),
        "jahr|erscheinungsjahr|produktionsjahr|entstehungsjahr|year|release year|production year",
    ),
    **_labels((IMDB,), "imdb|imdb id|imdb-id|imdb link"),
    **_labels((DIRECTORS,), "regie|regisseur|regisseurin|director|directors|directed by"),
    **_labels(
        (WRITERS,),
        "drehbuch|buch|drehbuchautor|drehbuchautorin|screenplay|screenplay by|writer|writers"
        "|written by|writing credits",
    ),
    **_labels(
        (CAST,),
        "besetzung|darsteller|darstellerinnen|darsteller*innen|darsteller:innen|schauspieler"
        "|hauptdarsteller|mit|cast|starring|stars|main cast",
    ),
    **_labels(
        (COUNTRIES, YEAR),
        "land/jahr|land, jahr|land und jahr|produktionsland/-jahr|produktionsland/jahr"
        "|country/year|country, year",
    ),
    **_labels(
        (DIRECTORS, WRITERS),
        "regie und drehbuch|regie & drehbuch|buch und regie|buch & regie|drehbuch und regie"
        "|written and directed by|writer/director|writer-director",
    ),
    **_labels(
        (_KNOWN,),
        "musik|music|filmmusik|kamera|kameramann|cinematography|director of photography"
        "|schnitt|editing|editor|produktion|producer|producers|produzent|produzenten|laufzeit"
        "|länge|runtime|running time|length|fsk|altersfreigabe|freigabe|fsk freigabe|genre"
        "|genres|verleih|distributor|studio|production company|produktionsfirma|budget"
        "|kinostart|release date|deutschland-start|heimkino|vorlage|based on|ausstattung"
        "|kostüme|kostümbild|szenenbild|production design|geschnitten|blu ray/dvd|blu-ray/dvd"
        "|label|copyright aller filmbilder/label|sprache|language|ton|format|dauer|mpaa|rated",
    ),
}
_LABEL_LINE = re.compile(r"^(?P<label>[^\W\d_][\w .&/*:'’-]{0,44}?)\s*:\s*(?P<value>\S.*)$")
_QUOTE_PAIRS = ("„“", "„”", "“”", '""', "»«", "«»", "‚‘", "‘’", "''")
_ETC = re.compile(
    r"(?:\s*,)?\s*(?:u\.\s?a\.?|u\.\s?v\.\s?m\.?|uvm\.?|and (?:many )?others\b.*|and more\b.*"
    r"|et al\.?|etc\.?|usw\.?|(?:und|sowie) (?:viele |einige )?(?:andere|weitere|viele mehr)\b.*"
    r"|\.\.\.|…)\s*$",
    re.I,
)
_PEOPLE_SPLIT = re.compile(r"\s*(?:,|;|\s/\s|\s+und\s+|\s+and\s+|\s+&\s+|\s+sowie\s+)\s*")
_COUNTRY_SPLIT = re.compile(r"\s*(?:,|;|/|\s+und\s+|\s+and\s+|\s+&\s+)\s*")
_TITLE_SPLIT = re.compile(r"\s+/\s+|\s*;\s*|\s+\|\s+")
# "Jim Uhls nach dem Roman von Chuck Palahniuk": the source work is not a credit of its own.
_SOURCE_WORK = re.compile(
    r"\s*[,;(]?\s*\b(?:nach (?:dem|der|einem|einer|den|motiven)|frei nach|basierend auf"
    r"|based on|adapted from|from the (?:novel|book|story|play))\b.*$",
    re.I,
)
_ABBREVIATION_END = re.compile(r"(?:\b(?:jr|sr|st)|(?<![^\W\d_])[^\W\d_])\.$", re.I)
_ROLE_SUFFIX = re.compile(r"\s+(?:as|als)\s+.*$|\s*(?:\.{3,}|…|–|—)\s+.*$")
_MAX_STACKED_VALUE = 80
_PARENS = re.compile(r"\s*\([^()]*\)")
_YEAR = re.compile(r"(?<!\d)(18[89]\d|19\d\d|20\d\d)(?!\d)")
_FIELD_SEPARATOR = re.compile(r"__|\s\|\s")


@dataclass
class FactsDraft:
    """Film facts being collected; the first value found for a fact is kept."""

    values: dict[str, object] = field(default_factory=dict)

    def offer(self, name: str, raw: str) -> None:
        """Offer a raw labelled value for fact ``name``; ignored when the fact is already set.

        Args:
            name: One of the fact names ("title", "cast", ...).
            raw: The value as written after the label.
        """
        if name not in _FACT_FIELDS or self.values.get(name):
            return
        parsed = parse_fact_value(name, raw)
        if parsed:
            self.values[name] = parsed

    def get(self, name: str) -> object:
        """Return the collected value of fact ``name`` (None or () when unknown)."""
        return self.values.get(name)


def parse_fact_value(name: str, raw: str) -> object:
    """Parse a labelled value for one fact: a title, a year, or a tuple of names.

    Args:
        name: The fact's name.
        raw: The value as written.

    Returns:
        A str (titles, the IMDb id), an int (year), a tuple of str (lists) or None when nothing
        is usable.
    """
    value = strip_quotes(raw.strip().strip("|").strip())
    if not value:
        return None
    if name in (TITLE, ORIGINAL):
        return value
    if name == IMDB:
        return parse_imdb_id(value)
    if name == YEAR:
        match = _YEAR.search(value)
        return int(match.group(1)) if match else None
    if name == OTHER:
        return _unique(strip_quotes(part) for part in _TITLE_SPLIT.split(value))
    splitter = _COUNTRY_SPLIT if name == COUNTRIES else _PEOPLE_SPLIT
    value = _ETC.sub("", value)
    # "Südkorea 2023" under "Land/Jahr"; "Name nach dem Roman von ..." under "Drehbuch".
    value = _YEAR.sub("", value).strip(" ,;/") if name == COUNTRIES else _SOURCE_WORK.sub("", value)
    # Roles in parentheses go first: "(Damiel, Engel)" must not split the list.
    value = _PARENS.sub("", value)
    return _unique(_trim_item(part) for part in splitter.split(value))


def _trim_item(item: str) -> str:
    """Trim a list item, keeping the full stop of "Jr." or an initial ("T.K.")."""
    item = item.strip(" ")
    if item.endswith(".") and not _ABBREVIATION_END.search(item):
        item = item.rstrip(" .")
    return item.lstrip(".").strip()


def strip_quotes(text: str) -> str:
    """Remove one pair of quotes around a whole value ("„Ballerina“" -> "Ballerina")."""
    text = text.strip()
    for pair in _QUOTE_PAIRS:
        if len(text) >= 2 and text[0] == pair[0] and text[-1] == pair[1]:
            return text[1:-1].strip()
    return text


def label_fields(label: str) -> tuple[str, ...] | None:
    """Return the facts a credits label holds (``("known",)`` for labels without a kept fact)."""
    key = " ".join(label.casefold().replace("_", " ").split()).rstrip(".")
    return _CREDIT_LABELS.get(key)


def match_label_line(line: str) -> tuple[tuple[str, ...], str] | None:
    """Read a ``Label: value`` credits line with a known label.

    Args:
        line: One stripped line.

    Returns:
        The facts the label holds and the raw value, or None when this is not a credits line.
    """
    if ":" not in line[:50]:
        return None  # the cheap test first: most lines are prose
    match = _LABEL_LINE.match(line)
    if match is None:
        return None
    fields = label_fields(match.group("label"))
    return (fields, match.group("value")) if fields else None


def find_credit_lines(lines: Sequence[str]) -> list[int]:
    """Find the lines of credits blocks: runs of known ``Label: value`` lines.

    A run may have blank lines in it, needs two known labels and at least one that holds a film
    fact (so a lone "Genre: Drama" or a sentence starting "Mit: ..." is not a credits block).

    Args:
        lines: The page's stripped lines.

    Returns:
        Indexes of the credits lines, in order.
    """
    found: list[int] = []
    run: list[int] = []
    facts = 0
    for index, line in enumerate([*lines, "<end>"]):
        if not line:
            continue
        matched = match_label_line(line) if index < len(lines) else None
        if matched:
            run.append(index)
            facts += _KNOWN not in matched[0]
            continue
        if len(run) >= 2 and facts:
            found.extend(run)
        run, facts = [], 0
    return found


def find_stacked_credits(lines: Sequence[str]) -> list[tuple[int, list[int], tuple[str, ...]]]:
    """Find credits written as a label line with the values on the lines below it.

    ``Director`` / ``Celine Song`` / blank / ``Cast`` / ``Greta Lee as Nora`` / ``Teo Yoo``: each
    group is a known label alone on its line (a colon allowed) after a blank line, then up to
    30 short value lines. Two groups at least, one holding a film fact, or none count.

    Args:
        lines: The page's stripped lines.

    Returns:
        (label index, value indexes, facts the label holds) per group, in order.
    """
    groups: list[tuple[int, list[int], tuple[str, ...]]] = []
    for index, line in enumerate(lines):
        if not line or len(line) > 45 or (index and lines[index - 1]) or index + 1 >= len(lines):
            continue
        fields = label_fields(line.rstrip(":").strip())
        if not fields:
            continue
        values: list[int] = []
        for following in range(index + 1, min(len(lines), index + 31)):
            if not lines[following] or len(lines[following]) > _MAX_STACKED_VALUE:
                break
            values.append(following)
        end = index + 1 + len(values)
        if values and (end >= len(lines) or not lines[end]):
            groups.append((index, values, fields))
    if len(groups) < 2 or all(_KNOWN in fields for _, _, fields in groups):
        return []
    return groups


def stacked_value(lines: Sequence[str], values: Sequence[int]) -> str:
    """A stacked group's value lines as one list ("Greta Lee as Nora" -> "Greta Lee")."""
    return ", ".join(_ROLE_SUFFIX.sub("", lines[i]) for i in values)


def parse_field_line(line: str) -> list[tuple[str, str]] | None:
    """Read a line of ``Label: value`` fields separated by ``__`` and framed by ``|``.

    Args:
        line: One stripped line, e.g. ``| Originaltitel: X__Regie: Y | ``.

    Returns:
        (label, value) pairs, or None when the line is not a field line.
    """
    framed = line.startswith("|") and line.rstrip().endswith("|") and len(line) > 2
    parts = [part.strip() for part in _FIELD_SEPARATOR.split(line.strip().strip("|"))]
    if len(parts) < 2 and not framed:
        return None
    pairs: list[tuple[str, str]] = []
    for part in parts:
        label, sep, value = part.partition(":")
        if sep and label.strip() and len(label) <= 45 and value.strip():
            pairs.append((label.strip(), value.strip()))
    return pairs if len(pairs) >= 2 or (framed and pairs) else None


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    """Non-empty items in order, without repeats (ignoring case)."""
    seen: dict[str, str] = {}
    for item in items:
        text = item.strip()
        if text and text.casefold() not in seen:
            seen[text.casefold()] = text
    return tuple(seen.values())
