"""The queue's items: what waits for a film, named ``review:N``, ``entry:N``, ``watchlist:N``
or ``list:N``, with the film resolver's candidates; and what trying them again did."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from kinolog.db.errors import InvalidValue
from kinolog.db.resolver import Resolution

__all__ = ["DiaryKind", "Kind", "RetryReport", "Waiting", "parse_ref"]

Kind = Literal["review", "entry", "watchlist", "list"]
DiaryKind = Literal["entry", "watchlist", "list"]
_REF = re.compile(r"^(review|entry|watchlist|list|r|e|w|l)[:\s-]?(\d+)$", re.IGNORECASE)


def parse_ref(text: str) -> tuple[Kind, int]:
    """``review:12`` -> ``("review", 12)``; ``entry:34`` (or ``e34``), ``watchlist:5``
    (``w5``) and ``list:7`` (``l7``, a film of a list) likewise.

    Raises:
        InvalidValue: not a queue item's id.
    """
    match = _REF.match(text.strip())
    if match is None:
        raise InvalidValue(
            f"{text!r} is not a queue item: use review:N, entry:N, watchlist:N or list:N"
            " (kinolog films --unresolved)"
        )
    first = match[1].casefold()[0]
    kind = next(kind for kind in get_args(Kind) if kind[0] == first)
    return kind, int(match[2])


@dataclass(frozen=True)
class Waiting:
    """One item of the queue: a review, a diary entry, a watchlist film or a film of a list,
    with the resolver's candidates.

    Attributes:
        ref: ``review:N``, ``entry:N``, ``watchlist:N`` or ``list:N``.
        title, year: the film as the item names it.
        detail: what the item is (``diary: watched 2024-01-05 ★★★★``, ``review: page.md``,
            ``watchlist: added 2024-01-20``, ``list: Top five, no. 3``).
    """

    kind: Kind
    id: int
    title: str
    year: int | None
    detail: str
    resolution: Resolution

    @property
    def ref(self) -> str:
        """``review:N``, ``entry:N``, ``watchlist:N`` or ``list:N``."""
        return f"{self.kind}:{self.id}"

    @property
    def label(self) -> str:
        """``Title (Year)``."""
        return f"{self.title} ({self.year})" if self.year else self.title

    def as_json(self) -> dict[str, Any]:
        """``{"id", "kind", "title", "year", "detail", "status", "reason", "candidates"}``."""
        return {
            "id": self.ref,
            "kind": self.kind,
            "title": self.title,
            "year": self.year,
            "detail": self.detail,
            "status": self.resolution.status,
            "reason": self.resolution.reason,
            "candidates": [c.as_json() for c in self.resolution.candidates[:8]],
        }


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


@dataclass
class RetryReport:
    """What trying the waiting items again did: who found their film (labels by kind)."""

    entries: list[str] = field(default_factory=list)
    reviews: list[str] = field(default_factory=list)
    watchlist: list[str] = field(default_factory=list)
    lists: list[str] = field(default_factory=list)
    still_waiting: int = 0
    followed: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)

    @property
    def found(self) -> int:
        """How many items found their film."""
        return len(self.entries) + len(self.reviews) + len(self.watchlist) + len(self.lists)

    def summary(self) -> str:
        """``waiting for a film: 3 diary entries and 1 review found their film, 12 still
        wait``."""
        found = [
            _count(len(self.entries), "diary entry", "diary entries") if self.entries else "",
            _count(len(self.watchlist), "watchlist film", "watchlist films")
            if self.watchlist
            else "",
            _count(len(self.lists), "film of a list", "films of lists") if self.lists else "",
            _count(len(self.reviews), "review", "reviews") if self.reviews else "",
        ]
        found = [part for part in found if part]
        if found:
            done = ", ".join(found[:-1]) + " and " * (len(found) > 1) + found[-1]
            done += " found their film"
        else:
            done = "none found its film"
        line = f"waiting for a film: {done}, {self.still_waiting} still wait"
        if self.merged:
            line += (
                f"; {_count(len(self.merged), 'watchlist film was', 'watchlist films were')}"
                " on the watchlist already (the waiting one is taken off)"
            )
        if self.followed:
            line += f"; {len(self.followed)} diary rows now name their film by its IMDb id"
        return line
