"""The watchlist with what the catalogue and the diary know of each film: its release year,
the critics' score, whether the user has watched it; and the filters over those.

Filters are written as a person would type them (the watchlist screen's box, the CLI's
options)::

    1970-1989  1990s  2001    released then (a range, a decade, a year)
    score:70   score:>=70     critics' mean score 0-100 at least 70 (needs 2 scored reviews)
    unwatched  watched        not in the diary yet / logged already
    words                     in the title or the note
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kinolog.db.catalogue import CRITIC_SCORE_MIN, Catalogue
from kinolog.db.diary import Diary
from kinolog.db.errors import InvalidValue
from kinolog.db.models import Film, FilmRef, WatchlistItem
from kinolog.db.text import fold, title_film_key

__all__ = [
    "MIN_SCORED",
    "WatchlistFilter",
    "WatchlistRow",
    "filter_rows",
    "parse_filter",
    "ref_keys",
    "watchlist_rows",
]

MIN_SCORED = CRITIC_SCORE_MIN  # the one critic-score rule (ReviewStats.critic_score)
_RANGE = re.compile(r"^(\d{4})\s*(?:-|–|\.\.)\s*(\d{4})$")
_DECADE = re.compile(r"^(\d{3})0s$")
_YEAR = re.compile(r"^(?:year:)?(\d{4})$")
_SCORE = re.compile(r"^(?:score|critics|s):(?:>=|>)?(\d{1,3})$")


@dataclass(frozen=True)
class WatchlistRow:
    """A watchlist film with the catalogue's film (None when unknown), its critics' mean
    score (0-100, None with fewer than two scored reviews) and whether it was watched."""

    item: WatchlistItem
    film: Film | None
    score: int | None
    reviews: int
    watched: bool

    @property
    def year(self) -> int | None:
        """The release year: the diary's copy, else the catalogue's."""
        return self.item.film.year or (self.film.year if self.film else None)

    def as_json(self) -> dict[str, Any]:
        """The watchlist item JSON shape with ``score``, ``reviews`` and ``watched``."""
        return {
            **self.item.as_json(),
            "score": self.score,
            "reviews": self.reviews,
            "watched": self.watched,
        }


@dataclass(frozen=True)
class WatchlistFilter:
    """A parsed filter; :meth:`matches` tests one row."""

    years: tuple[int, int] | None = None
    min_score: int | None = None
    watched: bool | None = None
    words: tuple[str, ...] = ()

    def matches(self, row: WatchlistRow) -> bool:
        """Whether the row passes every part of the filter."""
        years = self.years
        if years is not None and (row.year is None or not years[0] <= row.year <= years[1]):
            return False
        if self.min_score is not None and (row.score is None or row.score < self.min_score):
            return False
        if self.watched is not None and row.watched != self.watched:
            return False
        text = fold(f"{row.item.film.title} {row.item.note or ''}")
        return all(word in text for word in self.words)


def parse_filter(text: str) -> WatchlistFilter:
    """Read a filter (see the module). Unknown parts are words to look for.

    Raises:
        InvalidValue: a year range that ends before it starts, or a score over 100.
    """
    years: tuple[int, int] | None = None
    score: int | None = None
    watched: bool | None = None
    words: list[str] = []
    for part in text.replace(" - ", "-").split():
        lower = part.casefold()
        if match := _RANGE.match(lower):
            years = (int(match[1]), int(match[2]))
            if years[0] > years[1]:
                raise InvalidValue(f"years {part}: the range ends before it starts")
        elif match := _DECADE.match(lower):
            years = (int(match[1]) * 10, int(match[1]) * 10 + 9)
        elif match := _YEAR.match(lower):
            years = (int(match[1]), int(match[1]))
        elif match := _SCORE.match(lower):
            score = int(match[1])
            if score > 100:
                raise InvalidValue(f"{part}: critics' scores go from 0 to 100")
        elif lower in ("unwatched", "unseen", "new"):
            watched = False
        elif lower in ("watched", "seen"):
            watched = True
        else:
            words.extend(fold(part).split())
    return WatchlistFilter(years, score, watched, tuple(words))


def ref_keys(film: FilmRef) -> set[str]:
    """Every key a diary film may be known by: its own, its title-and-year one, its IMDb one."""
    keys = {film.key, title_film_key(film.title, film.year)}
    if film.imdb_id:
        keys.add(f"imdb:{film.imdb_id}")
    return keys


def watchlist_rows(diary: Diary, catalogue: Catalogue | None) -> list[WatchlistRow]:
    """Every watchlist film with what the catalogue and the diary know of it, newest first."""
    items = diary.watchlist.items()
    entries = diary.entries()
    logged = {key for entry in entries if entry.film.linked for key in ref_keys(entry.film)}
    # A film that names no film yet is watched when an entry names that same unknown film.
    unknown = {entry.film.key for entry in entries if not entry.film.linked}
    films = [catalogue.resolve(item.film) if catalogue else None for item in items]
    stats = {}
    if catalogue is not None:
        stats = catalogue.film_review_stats([film.id for film in films if film is not None])
    rows = []
    for item, film in zip(items, films, strict=True):
        keys = ref_keys(item.film) | (ref_keys(FilmRef.of(film)) if film else set())
        found = stats.get(film.id) if film else None
        score = found.critic_score if found else None
        rows.append(
            WatchlistRow(
                item=item,
                film=film,
                score=score,
                reviews=found.reviews if found else 0,
                watched=bool(keys & logged) if item.film.linked else item.film.key in unknown,
            )
        )
    return rows


def filter_rows(rows: Sequence[WatchlistRow], text: str) -> list[WatchlistRow]:
    """The rows a filter keeps (see :func:`parse_filter`)."""
    wanted = parse_filter(text)
    return [row for row in rows if wanted.matches(row)]
