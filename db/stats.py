"""Numbers about the diary: counts, averages, histograms, activity over time, a year in review.

Everything is computed from live diary entries; the catalogue only adds directors and
actors (diary entries keep the title and release year themselves, so the rest works
without it). A year in review tells the viewings watched that year apart from the ratings
given that year (an IMDb rating has a day it was rated, often no day it was watched).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.models import DiaryEntry


@dataclass(frozen=True)
class DiaryStats:
    """The diary summed up (over all time, or over one year of viewings).

    Attributes:
        films: distinct films with at least one entry.
        viewings: entries (each is one viewing or rating).
        rated: entries with a rating.
        average: mean rating of rated entries (1-10), None without ratings.
        histogram: count of entries per rating 1-10 (all ten keys present).
        per_month: viewings per ``YYYY-MM``, every month from the first to the last present.
        by_decade: ``1990`` -> (rated entries, mean rating) for films released that decade.
        directors: the most-watched directors with their viewing counts, most first.
        rewatches, liked: counts of entries marked so.
        top_rated: the best-rated entries (current ratings), best first.
        undated: entries without a watched date (not in ``per_month``).
        watched: viewings with a watched date (in the year, for a year in review).
        ratings_given: ratings given (in the year: rated that year, whenever watched).
        ratings_given_average: their mean (1-10), None without any.
        top_directors, top_actors: (name, your mean rating 1-10, rated films) of the people
            of at least :data:`MIN_FILMS` films you rated (that year), best first.
    """

    films: int = 0
    viewings: int = 0
    rated: int = 0
    average: float | None = None
    histogram: dict[int, int] = field(default_factory=dict)
    per_month: dict[str, int] = field(default_factory=dict)
    by_decade: dict[int, tuple[int, float]] = field(default_factory=dict)
    directors: list[tuple[str, int]] = field(default_factory=list)
    rewatches: int = 0
    liked: int = 0
    top_rated: list[DiaryEntry] = field(default_factory=list)
    undated: int = 0
    watched: int = 0
    ratings_given: int = 0
    ratings_given_average: float | None = None
    top_directors: list[tuple[str, float, int]] = field(default_factory=list)
    top_actors: list[tuple[str, float, int]] = field(default_factory=list)


MIN_FILMS = 2  # a person's average needs two rated films to mean anything
BILLED = 5  # actors: the first five billed (not every name in the credits)


def _rated_in(entry: DiaryEntry, year: int | None) -> bool:
    """Whether the entry is a rating given in ``year`` (any rating when None)."""
    if entry.rating is None:
        return False
    return year is None or (entry.logged is not None and entry.logged[:4] == str(year))


def diary_years(diary: Diary) -> list[int]:
    """The years that have dated viewings or ratings, newest first."""
    years = set()
    for entry in diary.entries():
        if entry.watched:
            years.add(int(entry.watched[:4]))
        if entry.rating is not None and entry.logged:
            years.add(int(entry.logged[:4]))
    return sorted(years, reverse=True)


def diary_stats(
    diary: Diary,
    catalogue: Catalogue | None = None,
    *,
    year: int | None = None,
    top: int = 10,
) -> DiaryStats:
    """Sum up the diary, or a year in review: the viewings watched in ``year``, the ratings
    given in it, and the directors and actors you rated best (over both)."""
    everything = diary.entries()
    entries = everything
    if year is not None:
        entries = [entry for entry in entries if entry.watched and entry.watched[:4] == str(year)]
    given = [entry for entry in everything if _rated_in(entry, year)]
    scope = {entry.id: entry for entry in (*entries, *given)}.values()
    credits = _credits(catalogue, scope) if catalogue else {}
    directors = {key: names for key, (names, _) in credits.items()}
    stats = summarise(entries, directors, top=top)
    ratings = [entry.rating for entry in given if entry.rating is not None]
    return replace(
        stats,
        watched=sum(entry.watched is not None for entry in entries),
        ratings_given=len(ratings),
        ratings_given_average=round(sum(ratings) / len(ratings), 2) if ratings else None,
        top_directors=_by_rating(scope, directors, top),
        top_actors=_by_rating(scope, {key: cast for key, (_, cast) in credits.items()}, top),
    )


def _by_rating(
    entries: Iterable[DiaryEntry], people: dict[str, tuple[str, ...]], top: int
) -> list[tuple[str, float, int]]:
    """People by your mean rating of their films (each film at its latest rating)."""
    latest: dict[str, DiaryEntry] = {}
    for entry in sorted(entries, key=lambda entry: (entry.logged_at, entry.id)):
        if entry.rating is not None:
            latest[entry.film.key] = entry
    ratings: dict[str, list[int]] = defaultdict(list)
    for key, entry in latest.items():
        for name in dict.fromkeys(people.get(key, ())):
            ratings[name].append(entry.rating or 0)
    ranked = [
        (name, round(sum(values) / len(values), 2), len(values))
        for name, values in ratings.items()
        if len(values) >= MIN_FILMS
    ]
    ranked.sort(key=lambda item: (-item[1], -item[2], item[0]))
    return ranked[:top]


def summarise(
    entries: Sequence[DiaryEntry], directors: dict[str, tuple[str, ...]], *, top: int = 10
) -> DiaryStats:
    """The statistics of these entries; ``directors`` maps film keys to their directors."""
    if not entries:
        return DiaryStats(histogram=dict.fromkeys(range(1, 11), 0))
    rated = [entry for entry in entries if entry.rating is not None]
    ratings = [entry.rating for entry in rated if entry.rating is not None]
    histogram = dict.fromkeys(range(1, 11), 0)
    histogram.update(Counter(ratings))
    decades: dict[int, list[int]] = defaultdict(list)
    for entry in rated:
        if entry.film.year and entry.rating is not None:
            decades[entry.film.year // 10 * 10].append(entry.rating)
    watched = Counter(name for entry in entries for name in directors.get(entry.film.key, ()))
    return DiaryStats(
        films=len({entry.film.key for entry in entries}),
        viewings=len(entries),
        rated=len(rated),
        average=round(sum(ratings) / len(ratings), 2) if ratings else None,
        histogram=histogram,
        per_month=_per_month(entry.watched for entry in entries),
        by_decade={
            decade: (len(values), round(sum(values) / len(values), 2))
            for decade, values in sorted(decades.items())
        },
        directors=sorted(watched.items(), key=lambda item: (-item[1], item[0]))[:top],
        rewatches=sum(entry.rewatch for entry in entries),
        liked=sum(entry.liked for entry in entries),
        top_rated=_top_rated(rated, top),
        undated=sum(entry.watched is None for entry in entries),
    )


def _per_month(dates: Iterable[str | None]) -> dict[str, int]:
    """Viewings per month, with the empty months in between present as 0."""
    counts = Counter(date[:7] for date in dates if date)
    if not counts:
        return {}
    first, last = min(counts), max(counts)
    year, month = int(first[:4]), int(first[5:7])
    months: dict[str, int] = {}
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        months[key] = counts.get(key, 0)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _top_rated(rated: Sequence[DiaryEntry], top: int) -> list[DiaryEntry]:
    """Each film once, at its latest rating, best first (ties: most recent first)."""
    latest: dict[str, DiaryEntry] = {}
    for entry in sorted(rated, key=lambda entry: (entry.logged_at, entry.id)):
        latest[entry.film.key] = entry
    ranked = sorted(
        latest.values(), key=lambda entry: (-(entry.rating or 0), entry.watched or "", entry.id)
    )
    return ranked[:top]


def _credits(
    catalogue: Catalogue, entries: Iterable[DiaryEntry]
) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Directors and first-billed actors of the entries' films, by film key, for the films
    the catalogue knows."""
    keys = sorted({entry.film.key for entry in entries if entry.film.linked})
    directors: dict[str, list[str]] = defaultdict(list)
    cast: dict[str, list[str]] = defaultdict(list)
    with catalogue.store.read() as conn:
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = conn.execute(
                "SELECT k.key, c.role, p.name FROM film_keys k"
                " JOIN credits c ON c.film_id = k.film_id"
                " AND (c.role = 'director' OR (c.role = 'cast' AND c.ordering < ?))"
                " JOIN people p ON p.id = c.person_id"
                f" WHERE k.key IN ({marks}) ORDER BY k.key, c.role, c.ordering",
                (BILLED, *chunk),
            )
            for key, role, name in rows:
                (directors if role == "director" else cast)[key].append(name)
    return {
        key: (tuple(directors.get(key, ())), tuple(cast.get(key, ())))
        for key in {*directors, *cast}
    }
