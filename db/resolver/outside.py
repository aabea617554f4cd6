"""Titles the catalogue leaves out: a short, a video, a TV special of the row's title and year.

An IMDb import keeps films (``movie``, ``tvMovie`` by default) and notes, in the
``outside_titles`` table, the other titles people log as films elsewhere (see
``kinolog.db.importers.imdb.staging.FILM_LIKE_TYPES``): IMDb number, type, year and the
title as :func:`~kinolog.db.resolver.titles.title_form` compares it. Without that note a
Letterboxd row "Bao (2018)" (Pixar's short) would find only the films called *Bao* and take
one of 2017 or 2019 for it (one year off is allowed when no other film of the title is near);
with it, the resolver knows that a *Bao* of 2018 exists and is not in the catalogue.

The row's IMDb id naming an outside title decides: not in the catalogue. Otherwise an
outside title competes like a candidate that can never be attached: the same title with the
same year scores as a film would (+50 +40), one year off +10, and neither side's year known
+0. A catalogue film of the row's title and year still wins over an outside title (the
catalogue holds what a diary names most, and a film sharing its title and year with some
short is common); any other film must lead the outside title by the margin, and no film
gets the "only film of this title within a year" bonus while an outside title is that near.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from kinolog.db.resolver.kinds import title_category
from kinolog.db.resolver.titles import title_form
from kinolog.db.resolver.types import Evidence

__all__ = ["OutsideMatch", "OutsideTitle", "match_outside", "outside_titles"]

TITLE, SAME_YEAR, NEAR_YEAR, BY_ID = 50.0, 40.0, 10.0, 100.0
_KINDS = {
    "movie": "film",
    "tvMovie": "TV film",
    "short": "short",
    "tvShort": "TV short",
    "video": "video",
    "tvSpecial": "TV special",
    "tvMiniSeries": "mini-series",
}


@dataclass(frozen=True)
class OutsideTitle:
    """A title of IMDb's that the catalogue leaves out (only what the resolver needs)."""

    number: int
    title_type: str
    adult: bool
    year: int | None

    @property
    def imdb_id(self) -> str:
        """``tt`` and the number with at least seven digits, as IMDb writes it."""
        return f"tt{self.number:07d}"

    @property
    def kind(self) -> str:
        """What it is, for a sentence: ``a short``, ``an adult film``."""
        kind = _KINDS.get(self.title_type, self.title_type)
        kind = f"adult {kind}" if self.adult else kind
        return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def _number(imdb_id: str | None) -> int | None:
    digits = (imdb_id or "")[2:]
    if not imdb_id or imdb_id[:2].lower() != "tt" or not (digits.isdigit() and digits.isascii()):
        return None
    return int(digits)


def outside_titles(
    conn: sqlite3.Connection, row: Evidence, catalogue_ids: Iterable[str | None] = ()
) -> list[OutsideTitle]:
    """The outside titles with one of the row's titles, or the row's IMDb id.

    Args:
        catalogue_ids: IMDb ids of catalogue films (the candidates): a title noted as left
            out that a later import (or a film list) made a film is that film, not a note.
    """
    forms = sorted({form for form in (title_form(title) for title in row.titles) if form})
    number = _number(row.imdb_id)
    if not forms and number is None:
        return []
    marks = ",".join("?" * len(forms))
    sql = " UNION ".join(
        part
        for part, wanted in (
            (f"SELECT num, type, adult, year FROM outside_titles WHERE form IN ({marks})", forms),
            (
                "SELECT num, type, adult, year FROM outside_titles"
                f" WHERE original_form IN ({marks})",
                forms,
            ),
            ("SELECT num, type, adult, year FROM outside_titles WHERE num = ?", number),
        )
        if wanted
    )
    args: list[object] = [*forms, *forms] + ([number] if number is not None else [])
    try:
        found = conn.execute(sql, args).fetchall()
    except sqlite3.OperationalError:  # a catalogue read before its upgrade: no notes yet
        return []
    films = {n for n in (_number(imdb_id) for imdb_id in catalogue_ids) if n is not None}
    return [
        OutsideTitle(int(num), str(kind), bool(adult), year)
        for num, kind, adult, year in found
        if num not in films
    ]


@dataclass(frozen=True)
class OutsideMatch:
    """An outside title that may be the row's, with its points and a sentence why."""

    title: OutsideTitle
    score: float
    by_id: bool

    def describe(self, row: Evidence) -> str:
        """``Bao (2018) is a short on IMDb (tt8536212), not a film of the catalogue``."""
        title = self.title
        label = row.titles[0] if row.titles else title.imdb_id
        year = title.year if title.year is not None else row.year
        label = f"{label} ({year})" if year else label
        return (
            f"{label} is {title.kind} on IMDb ({title.imdb_id}), which the catalogue "
            "leaves out (see import imdb --types)"
        )


def match_outside(row: Evidence, titles: Iterable[OutsideTitle]) -> list[OutsideMatch]:
    """The outside titles that may be the row's, best first.

    An outside title of another kind than the row says (a short for a row that says
    ``movie``), of another IMDb id than the row's, or two or more years away is not.
    """
    number = _number(row.imdb_id)
    ours = title_category(row.title_type)
    found: list[OutsideMatch] = []
    for title in titles:
        by_id = number is not None and number == title.number
        if number is not None and not by_id:
            continue
        theirs = title_category(title.title_type)
        if not by_id and ours is not None and theirs is not None and ours != theirs:
            continue
        gap = None if row.year is None or title.year is None else abs(row.year - title.year)
        if gap is not None and gap > 1 and not by_id:
            continue
        years = SAME_YEAR if gap == 0 else NEAR_YEAR if gap == 1 else 0.0
        found.append(OutsideMatch(title, BY_ID if by_id else TITLE + years, by_id))
    found.sort(key=lambda match: (-match.score, match.title.number))
    return found
