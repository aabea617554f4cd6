"""Numbers about the diary: counts, averages, histograms, activity over time, a year in review.

Everything is computed from live diary entries; the catalogue only adds directors (diary
entries keep the title and release year themselves, so the rest works without it).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

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


def diary_years(diary: Diary) -> list[int]:
    """The years that have dated viewings, newest first."""
    years = {int(entry.watched[:4]) for entry in diary.entries() if entry.watched}
    return sorted(years, reverse=True)


def diary_stats(
    diary: Diary,
    catalogue: Catalogue | None = None,
    *,
    year: int | None = None,
    top: int = 10,
) -> DiaryStats:
    """Sum up the diary, or only the viewings watched in ``year`` (a year in review)."""
    entries = diary.entries()
    if year is not None:
        entries = [entry for entry in entries if entry.watched and entry.watched[:4] == str(year)]
    return summarise(entries, _directors(catalogue, entries) if catalogue else {}, top=top)


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


def _directors(catalogue: Catalogue, entries: Sequence[DiaryEntry]) -> dict[str, tuple[str, ...]]:
    """Directors of the entries' films, by film key, for the films the catalogue knows."""
    keys = sorted({entry.film.key for entry in entries if entry.film.linked})  # no film: none
    found: dict[str, list[str]] = defaultdict(list)
    with catalogue.store.read() as conn:
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = conn.execute(
                "SELECT k.key, p.name FROM film_keys k"
                " JOIN credits c ON c.film_id = k.film_id AND c.role = 'director'"
                " JOIN people p ON p.id = c.person_id"
                f" WHERE k.key IN ({marks}) ORDER BY k.key, c.ordering",
                chunk,
            )
            for key, name in rows:
                found[key].append(name)
    return {key: tuple(names) for key, names in found.items()}
