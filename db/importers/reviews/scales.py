"""Scores whose scale the page does not write: front-matter ratings, letter grades, bare numbers.

* Letter grades map to 0-100 as Metacritic does: A+ and A 100, A- 91, B+ 83, B 75, B- 67, C+ 58,
  C 50, C- 42, D+ 33, D 25, D- 16, F 0.
* A front-matter ``rating: 4`` is out of 5, unless a rating above 5 occurs in the same collection
  (then out of 10; above 10, out of 100), or the page states the scale (``rating: 8/10``,
  ``rating_max: 10``).
* A labelled bare number ("Wertung: 9,2") takes the one scale the collection's written scores
  use ("8/10" in a sibling note); without one it is no score (kinolog never invents a scale).

A collection is the folder a review file is in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kinolog.db.importers.reviews.scores import parse_score_text
from kinolog.db.importers.reviews.types import BareScore, Score

__all__ = [
    "CollectionScale",
    "bare_score",
    "collection_scale",
    "letter_grade",
    "resolve_bare_score",
]

_GRADES = {
    "A+": 100, "A": 100, "A-": 91, "B+": 83, "B": 75, "B-": 67, "C+": 58, "C": 50, "C-": 42,
    "D+": 33, "D": 25, "D-": 16, "E": 8, "F": 0,
}  # fmt: skip
_GRADE = re.compile(r"^(?P<letter>[A-Fa-f])\s?(?P<sign>[+\-–−]?)$")
_BARE = re.compile(r"^(?P<v>\d{1,3}(?:[.,]\d{1,2})?)$")
_SCALES = (5.0, 10.0, 100.0)


@dataclass(frozen=True)
class CollectionScale:
    """What a collection's reviews say about scales.

    Attributes:
        max_bare: The largest bare front-matter rating in the collection (0 when none).
        written_scales: The scales of the scores the collection writes out ("8/10" -> 10).
    """

    max_bare: float = 0.0
    written_scales: frozenset[float] = frozenset()


def letter_grade(text: str) -> Score | None:
    """A letter grade ("B+", "A-", "f") as a score on Metacritic's 0-100 scale, else None."""
    match = _GRADE.match(text.strip())
    if match is None:
        return None
    sign = match.group("sign").replace("–", "-").replace("−", "-")
    grade = match.group("letter").upper() + sign
    if grade not in _GRADES:
        return None
    value = _GRADES[grade]
    return Score(text=text.strip(), value=float(value), scale=100.0, score_100=value)


def bare_score(key: str, value: str, *, default_scale: float | None) -> Score | BareScore | None:
    """Read a rating value from front matter or after a label.

    Args:
        key: How the page labels it ("rating", "Wertung"), kept in the written text.
        value: The value as written: "4", "3.5", "8/10", "B+", "★★★½".
        default_scale: The scale of a bare number when the collection says nothing (5 for a
            front-matter ``rating``; None when only the collection can tell).

    Returns:
        A :class:`Score` when the value states its scale (or is a letter grade), a
        :class:`BareScore` for a bare number, None for anything else.
    """
    value = value.strip()
    written = parse_score_text(value) or letter_grade(value)
    if written is not None:
        return written
    match = _BARE.match(value)
    if match is None:
        return None
    number = float(match.group("v").replace(",", "."))
    return BareScore(text=f"{key}: {value}", value=number, default_scale=default_scale)


def collection_scale(bares: Iterable[float], written: Iterable[float]) -> CollectionScale:
    """Summarise a collection: its bare front-matter ratings and its written scales."""
    return CollectionScale(max(bares, default=0.0), frozenset(written))


def resolve_bare_score(bare: BareScore, collection: CollectionScale) -> Score | None:
    """Scale a bare rating by its collection.

    Returns:
        The score with its scale named in the text ("rating: 4 (of 10)"), or None when no scale
        can be told.
    """
    scale: float | None
    if bare.default_scale is not None:
        scale = next((s for s in _SCALES if collection.max_bare <= s), None)
        scale = max(scale or 0.0, bare.default_scale) if scale else None
    elif len(collection.written_scales) == 1:
        scale = next(iter(collection.written_scales))
    else:
        scale = None
    if scale is None or not 0 <= bare.value <= scale:
        return None
    return Score(
        text=f"{bare.text} (of {scale:g})",
        value=bare.value,
        scale=scale,
        score_100=round(bare.value / scale * 100),
    )
