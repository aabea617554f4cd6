"""Filtering diary entries by what a person types: words, year, rating, tag, flags.

Syntax (all parts optional, combined with AND)::

    heat 1995        words in the title, tags or note; a bare year is the watched year
    year:2024        watched in 2024
    rating:8         rated 8/10 (also rating:>=7, rating:<5, rated, unrated)
    tag:netflix      tagged so (also #netflix)
    liked  rewatch   marked as liked / as a rewatch
"""

from __future__ import annotations

import operator
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from kinolog.db.models import DiaryEntry
from kinolog.db.text import fold

_COMPARISONS: dict[str, Callable[[int, int], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "=": operator.eq,
    "": operator.eq,
}
_RATING = re.compile(r"^(?:rating|r):(>=|<=|>|<|=)?(\d{1,2})$")
_YEAR = re.compile(r"^(?:year:|y:)?((?:19|20)\d\d)$")
_TAG = re.compile(r"^(?:tag:|#)(.+)$")


@dataclass(frozen=True)
class DiaryFilter:
    """A parsed filter; :meth:`matches` tests one entry."""

    words: tuple[str, ...] = ()
    year: str | None = None
    rating: tuple[Callable[[int, int], bool], int] | None = None
    rated: bool | None = None
    tags: tuple[str, ...] = ()
    liked: bool = False
    rewatch: bool = False
    unknown: tuple[str, ...] = field(default=())

    def matches(self, entry: DiaryEntry) -> bool:
        """True when the entry passes every part of the filter."""
        if self.year and not (entry.watched or "").startswith(self.year):
            return False
        if self.rating is not None:
            compare, value = self.rating
            if entry.rating is None or not compare(entry.rating, value):
                return False
        if self.rated is not None and (entry.rating is not None) != self.rated:
            return False
        if (self.liked and not entry.liked) or (self.rewatch and not entry.rewatch):
            return False
        entry_tags = {fold(tag) for tag in entry.tags}
        if any(tag not in entry_tags for tag in self.tags):
            return False
        if self.words:
            haystack = fold(" ".join([entry.film.title, *entry.tags, entry.note or ""]))
            return all(word in haystack for word in self.words)
        return True


def parse_filter(text: str) -> DiaryFilter:
    """Parse what the user typed into a :class:`DiaryFilter` (never fails)."""
    words: list[str] = []
    tags: list[str] = []
    year = None
    rating = None
    rated: bool | None = None
    flags = {"liked": False, "rewatch": False}
    for token in text.split():
        lowered = token.casefold()
        if match := _RATING.match(lowered):
            rating = (_COMPARISONS[match[1] or ""], int(match[2]))
        elif match := _YEAR.match(lowered):
            year = match[1]
        elif match := _TAG.match(token):
            tags.append(fold(match[1]))
        elif lowered in ("liked", "like", "♥"):
            flags["liked"] = True
        elif lowered in ("rewatch", "rewatched", "↻"):
            flags["rewatch"] = True
        elif lowered in ("rated", "unrated"):
            rated = lowered == "rated"
        else:
            words.extend(fold(token).split())
    return DiaryFilter(
        words=tuple(words),
        year=year,
        rating=rating,
        rated=rated,
        tags=tuple(tags),
        liked=flags["liked"],
        rewatch=flags["rewatch"],
    )


def filter_entries(entries: Iterable[DiaryEntry], text: str) -> list[DiaryEntry]:
    """The entries that match the filter text, in their order."""
    wanted = parse_filter(text)
    return [entry for entry in entries if wanted.matches(entry)]


def known_tags(entries: Sequence[DiaryEntry]) -> list[str]:
    """Tags used before, most used first (for completion)."""
    counts = Counter(tag for entry in entries for tag in entry.tags)
    return [tag for tag, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
