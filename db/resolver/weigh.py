"""Weighing the evidence: points per candidate, then a clear winner or an honest "unsure".

Each piece of evidence adds points, and some rule a film out (a different year, other
directors, another IMDb id, another kind of title). The points, which ``--explain`` prints:

=========================================  ======
an id the row and the film share            +100
the same title (main / alternative)        +50 / +45
the same letters (main / alternative)      +45 / +40
a close title (one letter, an article)      +20
part of the title (before a colon)          +15
the same year                               +40
one year off                                +10
the only film of the title around the year  +20
a director in common                        +30
someone else in common                      +20 (+10 after a director)
the same runtime (within 5 %)               +10
the same kind of title                       +5
a runtime far off                           -25
=========================================  ======

A film is the row's when it scores at least :data:`MIN_SCORE` and leads the next by
:data:`MARGIN`. So a title and its year are enough; a title one year off, or a film
without a year, only with other evidence (people, runtime) or when no other film of
that title is anywhere near (festival and release years differ, and some catalogues
lack years); a close title or a part of one never without the people.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from kinolog.db.external_ids import letterboxd_form, letterboxd_link
from kinolog.db.names import person_key
from kinolog.db.resolver.kinds import title_category
from kinolog.db.resolver.known import KnownFilm
from kinolog.db.resolver.outside import OutsideMatch
from kinolog.db.resolver.titles import TitleLevel, TitleMatch, best_title_match
from kinolog.db.resolver.types import (
    AMBIGUOUS,
    ATTACHED,
    NOT_IN_CATALOGUE,
    Candidate,
    Evidence,
    Resolution,
)

__all__ = ["MARGIN", "MIN_SCORE", "decide", "title_category"]

MIN_SCORE = 65.0
MARGIN = 20.0
SEARCH_GAP = 10.0  # a typed query without a title: the search's best must lead by this
BY_SEARCH = "the search's clear best match"
MAX_REJECTED = 5  # different films shown with a decision

ID_POINTS = 100.0
TITLE_POINTS = {
    (TitleLevel.SAME, True): 50.0,
    (TitleLevel.SAME, False): 45.0,
    (TitleLevel.SAME_LETTERS, True): 45.0,
    (TitleLevel.SAME_LETTERS, False): 40.0,
    (TitleLevel.CLOSE, True): 20.0,
    (TitleLevel.CLOSE, False): 20.0,
    (TitleLevel.PART, True): 15.0,
    (TitleLevel.PART, False): 15.0,
}
SEARCH_TITLE_POINTS = 45.0  # a query's whole title, articles and sequel words aside
SAME_YEAR, NEAR_YEAR, ONLY_ONE = 40.0, 10.0, 20.0
DIRECTOR, OTHER_PERSON, PEOPLE_CAP = 30.0, 20.0, 40.0
SAME_RUNTIME, FAR_RUNTIME, SAME_TYPE = 10.0, -25.0, 5.0


@lru_cache(maxsize=65_536)
def _key(name: str) -> str:
    return person_key(name)


def _common(ours: Sequence[str], theirs: Sequence[Sequence[str]]) -> str | None:
    """The first of ``ours`` that is one of ``theirs`` (any spelling), else None."""
    keys = {_key(name): name for name in ours if _key(name)}
    for spellings in theirs:
        for spelling in spellings:
            if _key(spelling) in keys:
                return spelling
    return None


@dataclass
class _Weighed:
    film: KnownFilm
    title: TitleMatch | None
    points: list[tuple[float, str]] = field(default_factory=list)
    rejected: str | None = None
    search_exact: bool = False
    search_score: float = 0.0

    @property
    def score(self) -> float:
        return 0.0 if self.rejected else sum(points for points, _ in self.points)

    @property
    def strong_title(self) -> bool:
        """A title that identifies the film together with its year."""
        return self.search_exact or (
            self.title is not None and self.title.level >= TitleLevel.SAME_LETTERS
        )

    def add(self, points: float, line: str) -> None:
        self.points.append((points, line))

    def candidate(self) -> Candidate:
        film = self.film
        lines = tuple(f"{points:+.0f} {line}" for points, line in self.points)
        return Candidate(
            film.id, film.imdb_id, film.title, film.year, film.first_names("director"),
            self.score, lines, self.rejected,
        )  # fmt: skip


def _ids(row: Evidence, film: KnownFilm, weighed: _Weighed, by_id: str | None) -> None:
    if by_id is not None:
        weighed.add(ID_POINTS, f"{by_id} names this film")
        return
    if row.imdb_id and film.imdb_id and row.imdb_id != film.imdb_id:
        weighed.rejected = f"another IMDb id ({film.imdb_id}, not {row.imdb_id})"
    for scheme, value in row.ids:
        known = film.ids.get(scheme)
        if known is None or known == value:
            continue
        if scheme == "letterboxd" and (
            letterboxd_form(known) != letterboxd_form(value)
            or letterboxd_link(known) == letterboxd_link(value)
        ):
            continue  # a short link and a film page link: neither says it is another film
        weighed.rejected = f"another {scheme} id ({known}, not {value})"


def _title(row: Evidence, weighed: _Weighed) -> None:
    match = weighed.title
    if match is not None and (match.level >= TitleLevel.SAME_LETTERS or not weighed.search_exact):
        level = {
            TitleLevel.SAME: "the same title",
            TitleLevel.SAME_LETTERS: "the same title, written differently:",
            TitleLevel.CLOSE: "a close title:",
            TitleLevel.PART: "part of the title:",
        }[match.level]
        which = "" if match.main else " (an alternative title)"
        weighed.add(TITLE_POINTS[(match.level, match.main)], f"{level} {match.film_title!r}{which}")
    elif weighed.search_exact:
        weighed.add(SEARCH_TITLE_POINTS, f"the whole title {weighed.film.title!r}, as searched")


def _year(row: Evidence, film: KnownFilm, weighed: _Weighed) -> None:
    if film.year is None:
        weighed.add(0.0, "the film has no year")
        return
    if row.year is None:
        weighed.add(0.0, "no year given")
        return
    gap = abs(row.year - film.year)
    if gap == 0:
        weighed.add(SAME_YEAR, f"the same year, {film.year}")
    elif gap == 1:
        weighed.add(NEAR_YEAR, f"one year off ({film.year}, not {row.year})")
    else:
        weighed.rejected = f"made in {film.year}, not {row.year}"


def _people(row: Evidence, film: KnownFilm, weighed: _Weighed) -> None:
    if not row.has_people:
        return
    directors = film.names("director")
    director = _common(row.directors, directors) if row.directors else None
    if row.directors and directors and director is None:
        theirs = ", ".join(film.first_names("director")[:2])
        weighed.rejected = f"directed by {theirs}, not {', '.join(row.directors[:2])}"
        return
    cast = film.names("cast")
    if not (row.directors and directors) and row.cast and cast and not _common(row.cast, cast):
        weighed.rejected = f"no actor in common ({', '.join(film.first_names('cast')[:2])} ...)"
        return
    everyone = [names for role in ("director", "writer", "cast") for names in film.names(role)]
    other = _common((*row.writers, *row.cast), everyone)
    points = 0.0
    if director is not None:
        points = DIRECTOR
        weighed.add(DIRECTOR, f"directed by {director}")
    if other is not None:
        extra = min(OTHER_PERSON, PEOPLE_CAP - points)
        weighed.add(extra, f"{other} in the credits")


def _runtime(row: Evidence, film: KnownFilm, weighed: _Weighed) -> None:
    if not row.runtime or not film.runtime:
        return
    gap, longer = abs(row.runtime - film.runtime), max(row.runtime, film.runtime)
    if gap <= max(3, 0.05 * longer):
        weighed.add(SAME_RUNTIME, f"runtime {film.runtime} min")
    elif gap > max(20, 0.25 * longer):
        weighed.add(FAR_RUNTIME, f"runtime {film.runtime} min, not {row.runtime}")


def _kind(row: Evidence, film: KnownFilm, weighed: _Weighed) -> None:
    ours, theirs = title_category(row.title_type), title_category(film.title_type)
    if ours is None or theirs is None:
        return
    if ours != theirs:
        weighed.rejected = f"a {theirs}, not a {ours}"
    else:
        weighed.add(SAME_TYPE, f"a {theirs}")


def weigh(
    row: Evidence,
    film: KnownFilm,
    *,
    by_id: str | None = None,
    search_exact: bool = False,
    title: TitleMatch | None = None,
) -> _Weighed:
    """Weigh one film against the row (without the "only film around" bonus).

    Args:
        title: the best title match, when the caller has it already.
    """
    if by_id is not None:
        title = None  # an id decides alone
    elif title is None and row.titles:
        title = best_title_match(row.titles, film.main_titles, film.titles)
    weighed = _Weighed(film, title, search_exact=search_exact and row.query)
    _ids(row, film, weighed, by_id)
    if by_id is None:
        _title(row, weighed)
        for step in (_year, _people, _runtime, _kind):
            if weighed.rejected is not None:
                break  # a different film: the rest cannot change that
            step(row, film, weighed)
    return weighed


def _only_one(row: Evidence, weighed: list[_Weighed], outside: bool = False) -> None:
    """Add the "only film of this title around the year" bonus where it applies.

    Never while a title the catalogue leaves out (``outside``) may be the row's: then the
    film is not the only one of its title around.

    A row with a year: a film one year off, or without a year, is the only film with the
    row's title (same or same letters) within a year of it; a film without a year counts
    only when no film with that title has a year at all. A row without a year: the only
    film with the title, if it has no year either. A typed query without a year: the only
    film with the title.
    """
    strong = [w for w in weighed if w.strong_title]
    if outside and not row.query:
        return
    if row.year is not None and not row.query:
        near = [w for w in strong if w.rejected is None and w.film.year is not None]
        dated = [w for w in strong if w.film.year is not None]
        undated = [w for w in strong if w.rejected is None and w.film.year is None]
        if len(near) == 1 and abs((near[0].film.year or 0) - row.year) == 1:
            only = near[0]
            line = f"the only film of this title within a year of {row.year}"
        elif not near and not dated and len(undated) == 1:
            only, line = undated[0], "the only film of this title, and it has no year"
        else:
            return
        # Two soft signals (a title written differently, a year off) do not make one.
        if only.title is not None and only.title.level is TitleLevel.SAME:
            only.add(ONLY_ONE, line)
    elif row.query and row.year is None:
        alive = [w for w in strong if w.rejected is None]
        if len(alive) == 1:
            alive[0].add(ONLY_ONE, "the only film of this title")
    elif row.year is None and len(strong) == 1 and strong[0].film.year is None:
        # Neither side has a year (a film list without years, imported again).
        only = strong[0]
        if only.rejected is None and only.title and only.title.level is TitleLevel.SAME:
            only.add(ONLY_ONE, "the only film of this title, and neither has a year")


def decide(
    row: Evidence, weighed: list[_Weighed], outside: Sequence[OutsideMatch] = ()
) -> Resolution:
    """The clear winner among the weighed films, or why there is none.

    Args:
        outside: titles the catalogue leaves out that may be the row's, best first
            (see :mod:`kinolog.db.resolver.outside`).
    """
    _only_one(row, weighed, bool(outside))
    alive = sorted(
        (w for w in weighed if w.rejected is None),
        key=lambda w: (-w.score, -w.search_score, w.film.id),
    )
    if row.query and alive and not any(w.title or w.search_exact for w in alive):
        # A person's name or a partial title: the search's ranking is the only evidence.
        alive.sort(key=lambda w: (-w.search_score, w.film.id))
        lead = alive[0].search_score - (alive[1].search_score if len(alive) > 1 else 0.0)
        if len(alive) == 1 or lead >= SEARCH_GAP:
            alive[0].add(MIN_SCORE, f"{lead:.0f} points ahead: {BY_SEARCH}")
    rejected = [w for w in weighed if w.rejected is not None]
    # The few nearest different films explain a refusal; a hundred remakes would not.
    rejected.sort(key=lambda w: (not w.strong_title, abs((w.film.year or 0) - (row.year or 0))))
    ordered = tuple(w.candidate() for w in (*alive, *rejected[:MAX_REJECTED]))
    best = alive[0] if alive else None
    runner = alive[1] if len(alive) > 1 else None
    outcome = _against_outside(row, alive, outside, ordered)
    if outcome is not None:
        return outcome
    if best is not None and best.score >= MIN_SCORE:
        if runner is None or best.score - runner.score >= MARGIN:
            return Resolution(ATTACHED, best.film.id, "", ordered)
        tied = ", ".join(c.label for c in ordered[:3] if best.score - c.score < MARGIN)
        return Resolution(AMBIGUOUS, None, f"no clear winner between {tied}", ordered)
    if any(w.strong_title for w in alive):
        names = ", ".join(w.candidate().label for w in alive if w.strong_title)
        return Resolution(AMBIGUOUS, None, f"not enough to tell if it is {names}", ordered)
    if outside:
        return Resolution(NOT_IN_CATALOGUE, None, outside[0].describe(row), ordered)
    if rejected and any(w.strong_title for w in rejected):
        first = next(w for w in rejected if w.strong_title)
        why = f"{first.candidate().label} is another film ({first.rejected})"
        return Resolution(NOT_IN_CATALOGUE, None, why, ordered)
    reason = "no film of the catalogue has this title"
    if best is not None and best.title is not None:
        kind = "a close title" if best.title.level is TitleLevel.CLOSE else "part of the title"
        reason += f" (nearest: {best.candidate().label}, {kind})"
    return Resolution(NOT_IN_CATALOGUE, None, reason, ordered)


def _against_outside(
    row: Evidence,
    alive: list[_Weighed],
    outside: Sequence[OutsideMatch],
    ordered: tuple[Candidate, ...],
) -> Resolution | None:
    """The decision when a title the catalogue leaves out competes with the best film:
    not in the catalogue when it is clearly the row's (or the row's IMDb id names it),
    ambiguous when it is as likely as the film; None when the films decide alone.

    A film with the row's title and year is preferred to any outside title without the
    row's id (see :mod:`kinolog.db.resolver.outside`)."""
    if not outside:
        return None
    rival = outside[0]
    if rival.by_id:
        return Resolution(NOT_IN_CATALOGUE, None, rival.describe(row), ordered)
    if row.year is not None and any(w.strong_title and w.film.year == row.year for w in alive):
        return None
    best = alive[0] if alive else None
    top = best.score if best is not None else 0.0
    if best is None or rival.score - top >= MARGIN:
        return Resolution(NOT_IN_CATALOGUE, None, rival.describe(row), ordered)
    if top >= MIN_SCORE and top - rival.score < MARGIN:
        assert best is not None  # top >= MIN_SCORE
        why = f"no clear winner between {best.candidate().label} and {rival.describe(row)}"
        return Resolution(AMBIGUOUS, None, why, ordered)
    return None
