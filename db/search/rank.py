"""Ranking: how well each film answers the query.

A film's score, higher is better (every part documented so an order can be explained):

* ``100 * coverage``: the query words the film answers, each weighted by how rare it is
  (inverse document frequency; articles and sequel markers count a fifth; a year as much
  as the most distinctive word) and by the quality of its match (:mod:`kinolog.db.search.terms`).
  Words count within one name of the film (a title, or a person's name), and a year
  counts when it is in that name or is the film's year (half one year off);
* ``+12 * completeness``: the share of the name's own (weighted) words the query covers,
  so "godfather" prefers *The Godfather* to *The Godfather: Part II*;
* ``+8`` when the query is the whole name (articles and sequel markers aside) and its
  years are right, ``+2`` when its words come in the name's order;
* ``-0..6`` by how the film carries the name: title, original title, alternative title,
  director, writer, cast;
* when words are answered only by different names together (a title word and a
  director's name), ``100 * combined coverage + 4`` if that is more;
* ``-15`` when every query word meets the film's best name, but none solidly (exactly, as a
  spelling, or as the start of the word being typed): titles that match only with a typo in
  every word ("See Jane Run" for ``jun jong-seo``) rank below a person matched by two exact
  words;
* popularity: ``2.2 * log10(1 + IMDb votes)``, ``+5`` with reviews, ``+8`` in the diary.

A film met only fuzzily through a person's name must answer every word of the query
(articles and years aside) with its titles and that name, or it is not shown at all
(:attr:`FilmMatch.shown`): ``ana de armas`` on a
catalogue without her finds nobody, rather than Solaris through "Anatoly" and The Matrix
through "Lana".

Exact whole-word matches thus beat typos and prefixes, and popularity decides between
matches of the same quality; ties go to the lower film id.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from kinolog.db.search.index import Ints, SearchIndex
from kinolog.db.search.terms import SPELLING, Term

VOTES_WEIGHT, REVIEWED_BOOST, KNOWN_BOOST = 2.2, 5.0, 8.0
KIND_PENALTY = (0.0, 1.0, 2.0, 5.0, 6.0, 6.0)
MIN_COVERAGE = 0.3
FUZZY_PENALTY = 15.0
TITLE_KINDS = 2  # kinds 0-2 are titles (title, original, alternative), the rest people


@dataclass
class NameScore:
    """How well one name answers the query (before the film's year is known)."""

    coverage: float
    completeness: float
    exact: bool  # every word matched exactly and the name has no other (weighted) words
    in_order: bool
    qualities: list[float]
    solid: bool = True  # a query word met one of its words exactly (or as typed so far)

    @property
    def points(self) -> float:
        """The name's share of the score."""
        bonus = (8 if self.exact else 0) + (2 if self.in_order else 0)
        return 100 * self.coverage + 12 * self.completeness + bonus


class Scorer:
    """Scores the names of one index segment against one query (results cached per name).

    One table maps each word id the query reached to the query words it answers, so a
    name is scored in one pass over its words.
    """

    def __init__(self, index: SearchIndex, terms: list[Term], weight: list[float]) -> None:
        self.index = index
        self.terms = terms
        self.table: dict[int, list[tuple[int, float]]] = {}
        for position, term in enumerate(terms):
            for word_id, quality in term.matches.items():
                self.table.setdefault(word_id, []).append((position, quality))
        self.weight = weight
        self.required = [not term.token.optional for term in terms]
        self.years = [term.token.year for term in terms]
        self.required_weight = sum(w for w, r in zip(weight, self.required, strict=True) if r)
        self.solid = [term.solid for term in terms]
        self.cache: dict[int, NameScore | None] = {}

    def score(self, name: int) -> NameScore | None:
        """Score one name; None when no query word matched it."""
        if name in self.cache:
            return self.cache[name]
        self.cache[name] = scored = self._score(name)
        return scored

    def _score(self, name: int) -> NameScore | None:
        index, table = self.index, self.table
        idf, optional = index.idf, index.optional_ids
        words = index.name_tok[index.name_off[name] : index.name_off[name + 1]]
        count = len(self.weight)
        best = [0.0] * count
        where = [-1] * count
        own = 0.0
        for spot, word_id in enumerate(words):
            if word_id not in optional:
                own += idf[word_id]
            answers = table.get(word_id)
            if answers:
                for position, quality in answers:
                    if quality > best[position]:
                        best[position], where[position] = quality, spot
        spots = [spot for spot in where if spot >= 0]
        if not spots:
            return None
        if len(set(spots)) < len(spots):  # two query words on one name word: rare, careful
            best, where = self._assign(words)
            spots = [spot for spot in where if spot >= 0]
        covered = 0.0
        for spot in set(spots):
            if words[spot] not in optional:
                covered += idf[words[spot]]
        completeness = covered / own if own else 1.0
        exact = completeness > 0.999
        if exact:
            required, years = self.required, self.years
            for i in range(count):
                if required[i] and best[i] < SPELLING and (years[i] is None or best[i] > 0):
                    exact = False
                    break
        solid = self.solid
        return NameScore(
            coverage=self.coverage(best),
            completeness=completeness,
            exact=exact,
            in_order=len(spots) > 1 and spots == sorted(spots),
            qualities=best,
            solid=any(spot >= 0 and words[spot] in solid[i] for i, spot in enumerate(where)),
        )

    def coverage(self, qualities: list[float]) -> float:
        """Weighted share of the query words answered (an unanswered article not counted)."""
        weight, required = self.weight, self.required
        answered, total = 0.0, self.required_weight
        for i, quality in enumerate(qualities):
            if quality:
                answered += weight[i] * quality
                if not required[i]:
                    total += weight[i]
        return answered / total if total else 0.0

    def _assign(self, words: Ints) -> tuple[list[float], list[int]]:
        """Give each query word its best name word, never one word to two query words."""
        count = len(self.weight)
        best, where = [0.0] * count, [-1] * count
        options = sorted(
            (-quality, position, spot)
            for spot, word_id in enumerate(words)
            for position, quality in self.table.get(word_id, ())
        )
        taken: set[int] = set()
        for negative, position, spot in options:
            if where[position] < 0 and spot not in taken:
                best[position], where[position] = -negative, spot
                taken.add(spot)
        return best, where


@dataclass
class FilmMatch:
    """A film's best name and the best quality of each query word over all its names."""

    film_id: int
    scorer: Scorer
    name: int
    kind: int
    best: NameScore
    qualities: list[float]
    score: float = 0.0
    coverage: float = 0.0
    exact: bool = False
    year_ok: bool = True
    solid: bool = False  # one of its names met a query word solidly
    # For a film met only fuzzily: what its titles answer, and what each person's name does.
    titles: list[float] = field(default_factory=list)
    people: list[list[float]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.solid = self.best.solid
        self.titles = [0.0] * len(self.qualities)
        self._note(self.kind, self.best)

    def _note(self, kind: int, scored: NameScore) -> None:
        if self.solid:
            return  # only needed while nothing is solid
        if kind <= TITLE_KINDS:
            self.titles = [max(a, b) for a, b in zip(self.titles, scored.qualities, strict=True)]
        else:
            self.people.append(scored.qualities)

    @property
    def shown(self) -> bool:
        """Whether the film is a hit: enough of the query answered, and, when nothing meets
        it solidly and a person's name is its best match, every word (articles and years
        aside) met by its titles and that one person's name: a person's name that matches
        nobody is not pieced together from typos in other people's names ("Lana" for "ana de
        armas"), while a title with typos ("mullholland drive") still is a hit."""
        if self.coverage < MIN_COVERAGE:
            return False
        if self.solid or self.kind <= TITLE_KINDS:
            return True
        return any(
            _answers_all(self.scorer, [max(t, p) for t, p in zip(self.titles, person, strict=True)])
            for person in [[0.0] * len(self.titles), *self.people]
        )

    @property
    def pair_points(self) -> float:
        """The best name's points, less the penalty for how the film carries it."""
        return self.best.points - KIND_PENALTY[self.kind]

    def offer(self, name: int, kind: int, scored: NameScore) -> None:
        """Take another name of the film into account."""
        self.qualities = [max(a, b) for a, b in zip(self.qualities, scored.qualities, strict=True)]
        self.solid = self.solid or scored.solid
        self._note(kind, scored)
        if scored.points - KIND_PENALTY[kind] > self.pair_points:
            self.name, self.kind, self.best = name, kind, scored


@dataclass
class Expansion:
    """How far to follow names to their films: a running top of estimated film scores.

    Names are followed best first, and each name's films (in popularity order) only while
    they can still reach the top ``keep``: a name carried by 5,000 films costs a few
    dozen. Films of the query's year and boosted films (diary, reviews) are found anyway.

    Attributes:
        keep: how many films must be found before others can be ruled out.
        boost: popularity and diary/review boost of a film of an index.
        boosted: per index, name -> (film, kind) of its boosted films.
        year_gain: the most a film gains by being of the query's year.
    """

    keep: int
    boost: Callable[[SearchIndex, int], float]
    boosted: Callable[[SearchIndex], dict[int, list[tuple[int, int]]]]
    year_gain: float
    heap: list[float] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)
    scanned: int = 0

    @property
    def threshold(self) -> float:
        """The estimated score a film must beat to enter the top."""
        return self.heap[0] if len(self.heap) >= self.keep else -math.inf

    def note(self, film_id: int, estimate: float) -> None:
        """Record a film's estimated score (each film once)."""
        if film_id in self.seen:
            return
        self.seen.add(film_id)
        if len(self.heap) < self.keep:
            heapq.heappush(self.heap, estimate)
        elif estimate > self.heap[0]:
            heapq.heapreplace(self.heap, estimate)


SCAN_LIMIT = 40_000  # film entries one query may look at for the query's year


def collect(
    films: dict[int, FilmMatch],
    scorer: Scorer,
    names: list[int],
    skip: frozenset[int],
    expansion: Expansion,
) -> None:
    """Score ``names`` and fold their films into ``films`` (best name per film)."""
    index = scorer.index
    nf_off, nf_film, nf_kind = index.nf_off, index.nf_film, index.nf_kind
    years = frozenset(year for year in scorer.years if year)
    boosted = expansion.boosted(index)
    ceiling = VOTES_WEIGHT * index.top_popularity + (REVIEWED_BOOST + KNOWN_BOOST) * bool(boosted)
    ranked = []
    for name in names:
        scored = scorer.score(name)
        if scored is not None:
            ranked.append((scored.points, name, scored))
    ranked.sort(key=lambda item: -item[0])

    def add(name: int, film_id: int, kind: int, scored: NameScore, estimate: float) -> None:
        match = films.get(film_id)
        if match is None:
            films[film_id] = FilmMatch(film_id, scorer, name, kind, scored, scored.qualities)
        elif match.scorer is scorer:
            match.offer(name, kind, scored)
        expansion.note(film_id, estimate)

    for points, name, scored in ranked:
        if points + ceiling + expansion.year_gain < expansion.threshold:
            break  # names come best first: no later one can reach the top
        for film_id, kind in boosted.get(name, ()):
            if film_id not in skip:
                add(name, film_id, kind, scored, points + expansion.boost(index, film_id))
        stop = nf_off[name + 1]
        for entry in range(nf_off[name], stop):
            film_id = nf_film[entry]
            kind = nf_kind[entry]
            estimate = points - KIND_PENALTY[kind] + expansion.boost(index, film_id)
            of_year = bool(years) and index.year(film_id) in years
            if of_year:
                estimate += expansion.year_gain
            if estimate >= expansion.threshold:
                if film_id not in skip:
                    add(name, film_id, kind, scored, estimate)
                continue
            # Films come most popular first: the rest score less, unless of the year.
            if years and not of_year and estimate + expansion.year_gain >= expansion.threshold:
                for later in _of_years(index, entry + 1, stop, years, expansion):
                    film_id, kind = nf_film[later], nf_kind[later]
                    estimate = points - KIND_PENALTY[kind] + expansion.year_gain
                    estimate += expansion.boost(index, film_id)
                    if film_id not in skip and estimate >= expansion.threshold:
                        add(name, film_id, kind, scored, estimate)
            break


def _of_years(
    index: SearchIndex, start: int, stop: int, years: frozenset[int], expansion: Expansion
) -> list[int]:
    """Entries ``start:stop`` of the name -> films list whose film is of one of ``years``."""
    stop = min(stop, start + max(0, SCAN_LIMIT - expansion.scanned))
    expansion.scanned += stop - start
    film_year = index.film_year
    films = index.nf_film[start:stop]
    if isinstance(film_year, dict):
        return [start + i for i, f in enumerate(films) if film_year.get(f) in years]
    size = len(film_year)
    return [start + i for i, f in enumerate(films) if f < size and film_year[f] in years]


def complete(match: FilmMatch) -> None:
    """Score every name of the film, not only those the candidates brought.

    A film found through its director's name learns here that its title answers the
    rest of the query ("fincher seven" and *Se7en*).
    """
    scorer = match.scorer
    for name, kind in scorer.index.names_of(match.film_id):
        scored = scorer.score(name)
        if scored is not None:
            match.offer(name, kind, scored)


def finish(match: FilmMatch, year: int | None, boost: float) -> float:
    """The film's final score: its best name, words across names, its year, popularity."""
    scorer = match.scorer
    best = list(match.best.qualities)
    across = list(match.qualities)
    match.year_ok = True
    for position, wanted in enumerate(scorer.years):
        if wanted is None or best[position] > 0:
            continue
        by_year = 1.0 if year == wanted else 0.5 if year and abs(year - wanted) == 1 else 0.0
        best[position] = by_year
        across[position] = max(across[position], by_year)
        match.year_ok = match.year_ok and by_year == 1.0
    coverage = scorer.coverage(best)
    combined = scorer.coverage(across)
    match.exact = match.best.exact and match.year_ok
    score = match.best.points - 100 * match.best.coverage + 100 * coverage
    score += (8 if match.exact else 0) - (8 if match.best.exact else 0)
    score -= KIND_PENALTY[match.kind]
    if combined > coverage + 0.05:  # title words + a person's name
        score = max(score, 100 * combined + 4)
    if not match.solid and _answers_all(scorer, match.best.qualities):
        score -= FUZZY_PENALTY  # a typo in every word
    match.coverage = max(coverage, combined)
    match.score = score + boost
    return match.score


def _answers_all(scorer: Scorer, qualities: list[float]) -> bool:
    """Whether every query word (articles and years aside) has a match in ``qualities``."""
    return all(
        quality > 0
        for quality, required, year in zip(qualities, scorer.required, scorer.years, strict=True)
        if required and year is None
    )
