"""Critics who agree with you, and what they would have you see next.

For each critic whose scored reviews the catalogue holds, their scores (0-100) are set
against your current ratings (1-10 half stars, times ten) over the films you both scored:

* **agreement** = 100 minus the mean absolute difference: 100 when every score is yours,
  80 when they are 20 points (two stars) off on average;
* **offset** = their mean minus yours: positive when the critic scores kinder than you;
* **correlation** (Pearson) when both sides vary: whether they like what you like more,
  even at another level.

Only critics sharing at least :data:`MIN_SHARED` films are ranked (fewer would say
nothing); the others are counted. A critic is a review's author (spelling variants of a
name agree, as in search), else its source, else the readable name of its file's folder
(the collection it came in: "Filmtagebuch Lena", as the app shows it as its source). A
file's own name never is: it names one file, often the film itself. Reviews that give
nothing to compare (no film yet, no score, no critic) are counted by reason
(:attr:`CriticsReport.left_out`). The reverse: films you have not logged that
your closest critics (the best agreements, at least :data:`MIN_AGREEMENT`) scored at least
``min_score``, ranked by their scores weighted by how well each critic agrees with you.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.models import Film
from kinolog.db.names import person_key
from kinolog.db.text import collection_name, fold, title_film_key

__all__ = [
    "LEFT_OUT",
    "MIN_AGREEMENT",
    "MIN_SHARED",
    "CriticAgreement",
    "CriticsReport",
    "Recommendation",
    "critics_report",
]

MIN_SHARED = 3
MIN_AGREEMENT = 60
CLOSEST = 5


@dataclass(frozen=True)
class SharedFilm:
    """A film you and a critic both scored: your rating and their score, both 0-100."""

    film_id: int
    label: str
    yours: int
    theirs: int


@dataclass(frozen=True)
class CriticAgreement:
    """How one critic's scores compare with your ratings over the films you both scored."""

    critic: str
    shared: tuple[SharedFilm, ...]
    agreement: int
    offset: float
    correlation: float | None
    named_by: str = "author"  # author | source | folder: what the critic's name is

    def as_json(self) -> dict[str, Any]:
        """The critic JSON shape of ``kinolog critics --json``."""
        return {
            "critic": self.critic,
            "named_by": self.named_by,
            "shared": len(self.shared),
            "agreement": self.agreement,
            "offset": self.offset,
            "correlation": self.correlation,
            "films": [
                {"film_id": s.film_id, "film": s.label, "yours": s.yours, "theirs": s.theirs}
                for s in self.shared
            ],
        }


@dataclass(frozen=True)
class Recommendation:
    """A film you have not logged that your closest critics scored highly.

    Attributes:
        score: their scores' mean, weighted by each critic's agreement with you.
        critics: (critic, their score) of each close critic who scored it.
    """

    film: Film
    score: int
    critics: tuple[tuple[str, int], ...]
    on_watchlist: bool = False

    def as_json(self) -> dict[str, Any]:
        """The recommendation JSON shape of ``kinolog critics --json``."""
        return {
            "film_id": self.film.id,
            "imdb_id": self.film.imdb_id,
            "title": self.film.title,
            "year": self.film.year,
            "score": self.score,
            "critics": [{"critic": name, "score": score} for name, score in self.critics],
            "on_watchlist": self.on_watchlist,
        }


# Why reviews are left out, in the order they are asked (a review counts for the first).
LEFT_OUT = {
    "waiting_for_film": "waiting for their film",
    "no_score": "without a score",
    "no_critic": "with no author, source or folder name",
}


@dataclass
class CriticsReport:
    """Critics ranked by agreement (best first), how many share too few films, the films
    the closest of them would have you see, and how many reviews were left out, and why.

    Attributes:
        reviews_used: reviews with a film, a score and a critic.
        left_out: reviews left out, by reason (keys of :data:`LEFT_OUT`).
    """

    critics: list[CriticAgreement] = field(default_factory=list)
    too_few: int = 0
    rated_films: int = 0
    recommendations: list[Recommendation] = field(default_factory=list)
    reviews_used: int = 0
    left_out: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LEFT_OUT, 0))

    def left_out_line(self) -> str:
        """``left out: 2 waiting for their film, 11 without a score``; ``""`` when none was."""
        parts = [f"{count} {LEFT_OUT[reason]}" for reason, count in self.left_out.items() if count]
        return f"left out: {', '.join(parts)}" if parts else ""

    def as_json(self) -> dict[str, Any]:
        """The JSON of ``kinolog critics --json``."""
        return {
            "min_shared": MIN_SHARED,
            "rated_films": self.rated_films,
            "critics": [critic.as_json() for critic in self.critics],
            "critics_sharing_fewer_films": self.too_few,
            "reviews_used": self.reviews_used,
            "reviews_left_out": dict(self.left_out),
            "recommendations": [found.as_json() for found in self.recommendations],
        }


def _critic(author: str | None, source: str | None, file: str | None) -> tuple[str, str] | None:
    """(key, name) of a review's critic: its author, else its source, else its folder's
    readable name (a source the review does not state); None when none of them."""
    if author and author.strip():
        name = " ".join(author.split())
        return "author:" + (person_key(name) or fold(name)), name
    for given in (source, collection_name(file)):
        if given and given.strip():
            name = " ".join(given.split())
            return "source:" + fold(name), name
    return None


def _named_by(author: str | None, source: str | None) -> str:
    if author and author.strip():
        return "author"
    return "source" if source and source.strip() else "folder"


def _film_ids(catalogue: Catalogue, keys: set[str]) -> dict[str, int]:
    """Diary key -> catalogue film id, for the keys the catalogue knows."""
    wanted, found = sorted(keys), dict[str, int]()
    with catalogue.store.read() as conn:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            found.update(
                conn.execute(f"SELECT key, film_id FROM film_keys WHERE key IN ({marks})", chunk)
            )
    return found


def _reviews(
    catalogue: Catalogue,
) -> list[tuple[int | None, str | None, str | None, str | None, int | None]]:
    """(film id, author, source, file, score 0-100) of every review."""
    with catalogue.store.read() as conn:
        return conn.execute(
            "SELECT film_id, author, source, file, score_100 FROM reviews"
        ).fetchall()


def _your_ratings(diary: Diary, catalogue: Catalogue) -> tuple[dict[int, int], set[int]]:
    """Your current rating (0-100) of each catalogue film, and every film you logged.

    A rating counts for the film its entry names (its key, or its IMDb id); an entry that
    names no film yet rates none. Logged films are matched generously (also by title and
    year): a film is recommended only if you surely have not logged it.
    """
    rated: list[tuple[tuple[str, int], set[str], int]] = []
    keys: set[str] = set()
    for entry in diary.entries():
        own = {entry.film.key}
        if entry.film.imdb_id:
            own.add(f"imdb:{entry.film.imdb_id}")
        keys |= own | {title_film_key(entry.film.title, entry.film.year)}
        if entry.rating is not None and entry.film.linked:
            rated.append(((entry.logged_at, entry.id), own, entry.rating * 10))
    ids = _film_ids(catalogue, keys)
    latest: dict[int, tuple[tuple[str, int], int]] = {}
    for when, own, rating in rated:  # a film's current rating is its latest one
        for film_id in {ids[key] for key in own if key in ids}:
            if film_id not in latest or when > latest[film_id][0]:
                latest[film_id] = (when, rating)
    return {film_id: rating for film_id, (_, rating) in latest.items()}, set(ids.values())


def _pearson(xs: Sequence[int], ys: Sequence[int]) -> float | None:
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    dx = [x - mean_x for x in xs]
    dy = [y - mean_y for y in ys]
    spread = math.sqrt(sum(d * d for d in dx) * sum(d * d for d in dy))
    if spread == 0:
        return None
    return round(sum(a * b for a, b in zip(dx, dy, strict=True)) / spread, 2)


def critics_report(
    diary: Diary,
    catalogue: Catalogue,
    *,
    min_score: int = 70,
    limit: int = 20,
) -> CriticsReport:
    """Rank the critics by how well they agree with you, and recommend films.

    Args:
        min_score: the least score (0-100) a close critic must have given a film for it to
            be recommended.
        limit: how many films to recommend at most.
    """
    yours, logged = _your_ratings(diary, catalogue)
    scores: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    names: dict[str, tuple[str, str]] = {}
    report = CriticsReport(rated_films=len(yours))
    for film_id, author, source, file, score in _reviews(catalogue):
        found = _critic(author, source, file)
        if film_id is None:
            report.left_out["waiting_for_film"] += 1
        elif score is None:
            report.left_out["no_score"] += 1
        elif found is None:
            report.left_out["no_critic"] += 1
        else:
            key, name = found
            names.setdefault(key, (name, _named_by(author, source)))
            scores[key][film_id].append(score)
            report.reviews_used += 1
    labels = {film.id: film.label for film in catalogue.films_by_ids(sorted(yours))}
    for key, films in scores.items():
        both = sorted(film_id for film_id in films if film_id in yours)
        if not both:
            continue
        if len(both) < MIN_SHARED:
            report.too_few += 1
            continue
        theirs = [round(sum(films[i]) / len(films[i])) for i in both]
        mine = [yours[i] for i in both]
        differences = [t - m for t, m in zip(theirs, mine, strict=True)]
        shared = tuple(
            SharedFilm(i, labels.get(i, f"id:{i}"), m, t)
            for i, m, t in zip(both, mine, theirs, strict=True)
        )
        report.critics.append(
            CriticAgreement(
                critic=names[key][0],
                shared=shared,
                agreement=round(100 - sum(abs(d) for d in differences) / len(differences)),
                offset=round(sum(differences) / len(differences), 1),
                correlation=_pearson(mine, theirs),
                named_by=names[key][1],
            )
        )
    report.critics.sort(key=lambda c: (-c.agreement, -len(c.shared), c.critic.casefold()))
    keys = {names[key][0]: key for key in scores}
    close = [c for c in report.critics if c.agreement >= MIN_AGREEMENT][:CLOSEST]
    report.recommendations = _recommend(
        catalogue, diary, close, {c.critic: scores[keys[c.critic]] for c in close},
        logged, min_score, limit,
    )  # fmt: skip
    return report


def _recommend(
    catalogue: Catalogue,
    diary: Diary,
    close: Sequence[CriticAgreement],
    their_scores: dict[str, dict[int, list[int]]],
    logged: set[int],
    min_score: int,
    limit: int,
) -> list[Recommendation]:
    """Films none of your entries names that the close critics scored ``min_score`` up."""
    found: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
    for critic in close:
        for film_id, values in their_scores[critic.critic].items():
            score = round(sum(values) / len(values))
            if film_id not in logged and score >= min_score:
                found[film_id].append((critic.critic, score, critic.agreement))
    ranked = sorted(
        found.items(),
        key=lambda item: (
            -sum(s * a for _, s, a in item[1]) / sum(a for _, _, a in item[1]),
            -len(item[1]),
            -max(a for _, _, a in item[1]),  # then the film of the closer critic
            item[0],
        ),
    )[:limit]
    films = {film.id: film for film in catalogue.films_by_ids([film_id for film_id, _ in ranked])}
    # A watchlist film that names no film yet is on no film's watchlist.
    listed = [item for item in diary.watchlist.items() if item.film.linked]
    watch = {item.film.key for item in listed}
    watch |= {title_film_key(item.film.title, item.film.year) for item in listed}
    result = []
    for film_id, votes in ranked:
        film = films.get(film_id)
        if film is None:
            continue
        weighted = sum(s * a for _, s, a in votes) / sum(a for _, _, a in votes)
        on = bool({film.key, title_film_key(film.title, film.year)} & watch)
        critics = tuple((name, score) for name, score, _ in votes)
        result.append(Recommendation(film, round(weighted), critics, on))
    return result
