"""What the resolver takes (:class:`Evidence`) and what it answers (:class:`Resolution`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "AMBIGUOUS",
    "ATTACHED",
    "NOT_IN_CATALOGUE",
    "Candidate",
    "Evidence",
    "Resolution",
    "Status",
]

Status = Literal["attached", "ambiguous", "not_in_catalogue"]
ATTACHED: Status = "attached"
AMBIGUOUS: Status = "ambiguous"
NOT_IN_CATALOGUE: Status = "not_in_catalogue"


@dataclass(frozen=True)
class Evidence:
    """Everything a row (a diary row, a review, a list row, a typed query) says about its film.

    Attributes:
        titles: its titles, the main one first (the title, an original title ...).
        year: the year it gives, if any.
        imdb_id: an IMDb title id (``tt0110912``): decisive when the catalogue has it.
        ids: other ids as ``(scheme, value)``: ``("tmdb", "603")``,
            ``("letterboxd", "https://boxd.it/2b0k")``; decisive when the catalogue knows them.
        directors, writers, cast: people as written (spelling variants match).
        title_type: the kind of title as written (``movie``, ``TV Series``, ``Feature Film``).
        runtime: minutes.
        query: a search a person typed to name a film of the catalogue (``kinolog rate``):
            a title that only one film has is then enough, and the search's own whole-title
            match counts as a title.
        source: where it comes from, for messages (``diary.csv line 7``).
    """

    titles: tuple[str, ...]
    year: int | None = None
    imdb_id: str | None = None
    ids: tuple[tuple[str, str], ...] = ()
    directors: tuple[str, ...] = ()
    writers: tuple[str, ...] = ()
    cast: tuple[str, ...] = ()
    title_type: str | None = None
    runtime: int | None = None
    query: bool = False
    source: str = ""

    @property
    def label(self) -> str:
        """``Title (Year)`` as the row gives it."""
        title = self.titles[0] if self.titles else (self.imdb_id or "?")
        return f"{title} ({self.year})" if self.year else title

    @property
    def has_people(self) -> bool:
        """Whether the row names anyone (so the people can confirm or refute a film)."""
        return bool(self.directors or self.writers or self.cast)


@dataclass(frozen=True)
class Candidate:
    """One catalogue film weighed against a row.

    Attributes:
        film_id: the film's id in the catalogue.
        imdb_id: its IMDb id, if any.
        title: its main title.
        year: its year.
        directors: its directors (for people choosing between candidates).
        score: the evidence's weight (0 when ``rejected``).
        evidence: one line per piece of evidence, with its points (``+50 title 'Heat'``).
        rejected: why this is a different film, when the evidence says so.
    """

    film_id: int
    imdb_id: str | None
    title: str
    year: int | None
    directors: tuple[str, ...] = ()
    score: float = 0.0
    evidence: tuple[str, ...] = ()
    rejected: str | None = None

    @property
    def label(self) -> str:
        """``Title (Year)``."""
        return f"{self.title} ({self.year})" if self.year else self.title

    def as_json(self) -> dict[str, Any]:
        """``{"id", "imdb_id", "title", "year", "directors", "score", "evidence", "rejected"}``."""
        return {
            "id": self.film_id,
            "imdb_id": self.imdb_id,
            "title": self.title,
            "year": self.year,
            "directors": list(self.directors),
            "score": round(self.score, 1),
            "evidence": list(self.evidence),
            "rejected": self.rejected,
        }


@dataclass(frozen=True)
class Resolution:
    """The resolver's answer for one row, with its reasons.

    Attributes:
        status: ``attached`` (``film_id`` is the row's film), ``ambiguous`` (films that may
            be it, none clearly) or ``not_in_catalogue``.
        film_id: the chosen film when attached.
        reason: one sentence for a person.
        candidates: the films weighed, best first; rejected ones last.
    """

    status: Status
    film_id: int | None = None
    reason: str = ""
    candidates: tuple[Candidate, ...] = field(default_factory=tuple)

    @property
    def chosen(self) -> Candidate | None:
        """The chosen film's candidate, when attached."""
        return self.candidates[0] if self.status == ATTACHED and self.candidates else None

    @property
    def runner_up(self) -> Candidate | None:
        """The best film after the chosen one (or after the best, when none was chosen)."""
        alive = [c for c in self.candidates if c.rejected is None]
        return alive[1] if len(alive) > 1 else None

    @property
    def possible(self) -> tuple[Candidate, ...]:
        """The candidates not ruled out, best first."""
        return tuple(c for c in self.candidates if c.rejected is None)

    def explain(self) -> list[str]:
        """Lines for ``--explain``: the decision, the chosen film's evidence, the runner-up."""
        lines: list[str] = []
        chosen = self.chosen
        if chosen is not None:
            lines.append(f"-> {chosen.label} [id:{chosen.film_id}] score {chosen.score:.0f}")
            lines += [f"   {line}" for line in chosen.evidence]
        elif self.status == AMBIGUOUS:
            lines.append(f"-> ambiguous: {self.reason}")
        else:
            lines.append(f"-> not in the catalogue: {self.reason}")
        others = [c for c in self.candidates if c is not chosen][:3]
        for number, other in enumerate(others):
            why = f"ruled out: {other.rejected}" if other.rejected else f"score {other.score:.0f}"
            tag = "candidate" if chosen is None else ("runner-up" if number == 0 else "also")
            lines.append(f"   {tag}: {other.label} [id:{other.film_id}] {why}")
            if other.rejected is None:
                lines += [f"     {line}" for line in other.evidence]
        return lines

    def as_json(self) -> dict[str, Any]:
        """``{"status", "film", "reason", "score", "evidence", "runner_up", "candidates"}``."""
        chosen = self.chosen
        runner = self.runner_up
        return {
            "status": self.status,
            "film": chosen.as_json() if chosen else None,
            "reason": self.reason,
            "runner_up": runner.as_json() if runner else None,
            "candidates": [c.as_json() for c in self.candidates[:8]],
        }
