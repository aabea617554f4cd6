"""Searching films: :class:`FilmSearch` tries the query as typed and with compound words
joined or split, keeps each film's best reading, and builds the hits."""

from __future__ import annotations

import heapq
from collections.abc import Collection
from typing import TYPE_CHECKING

from kinolog.db.models import Film, SearchHit
from kinolog.db.progress import SILENT, Progress
from kinolog.db.search.index import KINDS, SearchIndex
from kinolog.db.search.query import ParsedQuery, name_tokens, parse_query, token_spans
from kinolog.db.search.rank import (
    KNOWN_BOOST,
    REVIEWED_BOOST,
    VOTES_WEIGHT,
    Expansion,
    FilmMatch,
    Scorer,
    collect,
    complete,
    finish,
)
from kinolog.db.search.state import IndexState, Snapshot
from kinolog.db.search.terms import EXACT, Term, candidates, resolve, variants, weights

if TYPE_CHECKING:
    from kinolog.db.catalogue import Catalogue

MAX_LIMIT = 1_000
VARIANT_PENALTY = 3.0  # a query read with words joined or split is a little less likely
REFINE = 30  # the best films get all their names scored
YEAR_FILMS = 500  # a bare year ranks the most voted of that year's films (and all boosted)


class FilmSearch:
    """Searching one catalogue, as typed: the app owns one for its session, a command for its run.

    It keeps the catalogue's loaded index (:class:`~kinolog.db.search.state.IndexState`)
    between searches, so only the first search of a session reads it; every search still
    sees every change to the catalogue, by this process or another.

    Args:
        catalogue: the catalogue to search.
    """

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.state = IndexState(catalogue)

    def search_films(
        self,
        query: str,
        *,
        limit: int = 20,
        known_keys: Collection[str] = (),
    ) -> list[SearchHit]:
        """The films that best match ``query``, best first, with their data loaded.

        An empty query (or one without letters or digits) gives the most relevant films:
        those in the diary, those with reviews, then the most voted.

        Args:
            query: what a person typed: title words, a person's name, a year, in any
                order, with typos; the last word may be unfinished.
            limit: at most this many hits (capped at 1000).
            known_keys: diary keys (``Film.key``, e.g. ``Diary.ratings()``): those films
                rank higher.

        Returns:
            Hits with the film, the title or name that matched, its field, the matched
            character positions and a score (comparable within one query).
        """
        catalogue = self.catalogue
        limit = max(0, min(int(limit), MAX_LIMIT))
        if limit == 0:
            return []
        snapshot = self.state.snapshot()
        known = self.state.known_films(snapshot, known_keys)
        parsed = parse_query(query)
        if not parsed.tokens:
            return _most_relevant(catalogue, snapshot, known, limit)
        ranked = self._ranked(snapshot, parsed, known, limit)
        ids = [m.film_id for m in ranked]
        loaded = {film.id: film for film in catalogue.films_by_ids(ids)}
        hits = [
            _hit(catalogue, loaded[match.film_id], match)
            for match in ranked
            if match.film_id in loaded  # a film deleted since the index saw it is left out
        ]
        if all(token.year for token in parsed.tokens):
            return self._of_years(parsed, snapshot, known, limit, hits)
        return hits

    def _of_years(
        self,
        parsed: ParsedQuery,
        snapshot: Snapshot,
        known: frozenset[int],
        limit: int,
        titled: list[SearchHit],
    ) -> list[SearchHit]:
        """A bare year (``1995``): films with it in a title first ("1984"), then that year's
        films, the most relevant first (in the diary, reviewed, most voted)."""
        words = {str(year) for year in parsed.years}
        hits = [hit for hit in titled if words & set(name_tokens(hit.matched))]
        seen = {hit.film.id for hit in hits}
        years = sorted(set(parsed.years))
        marks = ", ".join("?" * len(years))
        with self.catalogue.store.read() as conn:
            ids = [
                film_id
                for (film_id,) in conn.execute(
                    f"SELECT id FROM films WHERE year IN ({marks})"
                    " ORDER BY COALESCE(votes, 0) DESC, id LIMIT ?",
                    (*years, YEAR_FILMS),
                )
            ]

        def index_of(film_id: int) -> SearchIndex:
            overlay = snapshot.overlay
            return overlay if overlay is not None and film_id in snapshot.dirty else snapshot.base

        # films in the diary or with reviews count whatever their votes
        ids += [f for f in known | snapshot.reviewed if index_of(f).year(f) in parsed.years]

        def boost(film_id: int) -> float:
            return _boost(index_of(film_id), film_id, snapshot, known)

        ranked = sorted(set(ids) - seen, key=lambda film_id: (-boost(film_id), film_id))
        ranked = ranked[: limit - len(hits)]
        loaded = {film.id: film for film in self.catalogue.films_by_ids(ranked)}
        for film_id in ranked:
            film = loaded.get(film_id)
            if film is not None:
                hits.append(
                    SearchHit(
                        film=film,
                        matched=str(film.year),
                        matched_field="year",
                        score=boost(film_id),
                        extra={"exact": False, "year_ok": True, "coverage": 1.0},
                    )
                )
        return hits[:limit]

    def candidate_ids(self, query: str, limit: int) -> list[tuple[int, float, bool]]:
        """The films a query reaches, best first, without loading them (for the resolver).

        Returns:
            ``(film id, score, whole title)``: ``whole title`` when the query is one of the
            film's titles, articles and sequel words aside (and its year, if it has one,
            is the film's).
        """
        limit = max(0, min(int(limit), MAX_LIMIT))
        parsed = parse_query(query)
        if limit == 0 or not parsed.tokens:
            return []
        snapshot = self.state.snapshot()
        title_kinds = KINDS.index("alternative")
        return [
            (m.film_id, m.score, m.exact and m.kind <= title_kinds and m.year_ok)
            for m in self._ranked(snapshot, parsed, frozenset(), limit)
        ]

    def title_ids(self, title: str, *, fresh: bool = True) -> list[int]:
        """Films with a title (main, original or alternative) made of exactly the words of
        ``title``, in any order, articles and sequel words aside: a cheap look-up without
        typos or ranking (for the resolver, which compares the titles itself).

        Args:
            fresh: see every change to the catalogue (the default); False: use the index as
                this search last read it, unless it never did (an importer adding films one
                at a time, which finds its own new films by their keys, need not rebuild
                an overlay of them for every film).
        """
        words = name_tokens(title)
        if not words:
            return []
        current = self.state.current
        snapshot = self.state.snapshot() if fresh or current is None else current
        segments: list[tuple[SearchIndex, frozenset[int]]] = [(snapshot.base, snapshot.dirty)]
        if snapshot.overlay is not None:
            segments.append((snapshot.overlay, frozenset()))
        title_kinds = KINDS.index("alternative")
        found: dict[int, None] = {}
        for index, stale in segments:
            for name in index.names_with_words(words):
                for film_id, kind in index.films_of(name):
                    if kind <= title_kinds and film_id not in stale:
                        found[film_id] = None
        return list(found)

    def _ranked(
        self, snapshot: Snapshot, parsed: ParsedQuery, known: frozenset[int], limit: int
    ) -> list[FilmMatch]:
        """The best ``limit`` films for a parsed query, best first."""
        best: dict[int, FilmMatch] = {}
        for number, variant in enumerate(variants(parsed, snapshot.base)):
            for film_id, match in _evaluate(snapshot, variant, known, limit).items():
                match.score -= VARIANT_PENALTY if number else 0.0
                if film_id not in best or match.score > best[film_id].score:
                    best[film_id] = match
        return sorted(
            best.values(),
            key=lambda m: (-m.score, -m.scorer.index.votes(m.film_id), m.film_id),
        )[:limit]

    def find_film(self, spec: str) -> Film:
        """The one film that ``spec`` names: ``imdb:tt...``, ``id:N`` or a search query.

        The film resolver decides (:meth:`kinolog.db.resolver.FilmResolver.find_film`);
        this index only finds its candidates.

        Raises:
            FilmNotFound: nothing matches.
            AmbiguousFilm: several films match and none stands out; ``candidates`` lists them.
        """
        from kinolog.db.resolver import FilmResolver

        return FilmResolver(self.catalogue, finder=self).find_film(spec)

    def refresh_index(self, *, force: bool = False, progress: Progress = SILENT) -> bool:
        """Rebuild and save the index if the catalogue changed since it was saved.

        Returns:
            True when the index was rebuilt.
        """
        return self.state.refresh(force=force, progress=progress)


def _evaluate(
    snapshot: Snapshot, query: ParsedQuery, known: frozenset[int], limit: int
) -> dict[int, FilmMatch]:
    """Score the films a query reaches, in the saved index and in the overlay of changes."""
    segments: list[tuple[SearchIndex, frozenset[int]]] = [(snapshot.base, snapshot.dirty)]
    if snapshot.overlay is not None:
        segments.append((snapshot.overlay, frozenset()))
    terms = [[resolve(index, token) for token in query.tokens] for index, _ in segments]
    weight = weights(query, terms, sum(index.name_count for index, _ in segments))
    films: dict[int, FilmMatch] = {}
    required = sum(w for w, t in zip(weight, query.tokens, strict=True) if not t.optional)
    years = sum(w for w, t in zip(weight, query.tokens, strict=True) if t.year)
    expansion = Expansion(
        keep=limit + REFINE,
        boost=lambda index, film_id: _boost(index, film_id, snapshot, known),
        boosted=lambda index: _boosted_names(snapshot, index, known),
        year_gain=100 * years / required if required else 0.0,
    )
    for (index, skip), segment_terms in zip(segments, terms, strict=True):
        scorer = Scorer(index, segment_terms, weight)
        collect(films, scorer, candidates(index, segment_terms), skip, expansion)

    def final(match: FilmMatch) -> float:
        index = match.scorer.index
        boost = _boost(index, match.film_id, snapshot, known)
        return finish(match, index.year(match.film_id), boost)

    for match in films.values():
        final(match)
    for match in heapq.nlargest(REFINE, films.values(), key=lambda m: m.score):
        complete(match)
        final(match)
    return {film_id: m for film_id, m in films.items() if m.shown}


def _boosted_names(
    snapshot: Snapshot, index: SearchIndex, known: frozenset[int]
) -> dict[int, list[tuple[int, int]]]:
    """Name -> (film, kind) for the films in the diary or with reviews (cached per view)."""
    key = ("boosted", id(index), known)
    cached: dict[int, list[tuple[int, int]]] | None = snapshot.cache.get(key)
    if cached is None:
        cached = {}
        for film_id in sorted(known | snapshot.reviewed):
            for name, kind in index.names_of(film_id):
                cached.setdefault(name, []).append((film_id, kind))
        snapshot.cache[key] = cached
    return cached


def _boost(index: SearchIndex, film_id: int, snapshot: Snapshot, known: frozenset[int]) -> float:
    """Popularity: IMDb votes, reviews and diary entries."""
    boost = VOTES_WEIGHT * index.popularity(film_id)
    if film_id in snapshot.reviewed:
        boost += REVIEWED_BOOST
    if film_id in known:
        boost += KNOWN_BOOST
    return boost


def _most_relevant(
    catalogue: Catalogue, snapshot: Snapshot, known: frozenset[int], limit: int
) -> list[SearchHit]:
    """For an empty query: films with reviews, then films in the diary, then the most voted."""
    base, overlay = snapshot.base, snapshot.overlay
    ids = set(known) | set(snapshot.reviewed)
    popular = (film_id for film_id in base.films_by_votes if film_id not in snapshot.dirty)
    for count, film_id in enumerate(popular):
        if count >= limit:
            break
        ids.add(film_id)
    if overlay is not None:
        ids.update(overlay.films_by_votes[:limit])

    def index_of(film_id: int) -> SearchIndex:
        return overlay if overlay is not None and film_id in snapshot.dirty else base

    def order(film_id: int) -> tuple[bool, bool, float, int]:
        votes = VOTES_WEIGHT * index_of(film_id).popularity(film_id)
        return (film_id not in snapshot.reviewed, film_id not in known, -votes, film_id)

    chosen = sorted(ids, key=order)[:limit]
    return [
        SearchHit(
            film=film,
            matched=film.title,
            matched_field="title",
            score=_boost(index_of(film.id), film.id, snapshot, known),
        )
        for film in catalogue.films_by_ids(chosen)
    ]


def _hit(catalogue: Catalogue, film: Film, match: FilmMatch) -> SearchHit:
    index = match.scorer.index
    words = [index.vocab[w] for w in index.name_words(match.name)]
    matched = _matched_text(catalogue, film, match.kind, words)
    return SearchHit(
        film=film,
        matched=matched,
        matched_field=KINDS[match.kind],
        positions=_positions(index, match.scorer.terms, matched),
        score=match.score,
        extra={
            "exact": match.exact and match.kind <= KINDS.index("alternative"),
            "year_ok": match.year_ok,
            "coverage": round(match.coverage, 3),
        },
    )


def _matched_text(catalogue: Catalogue, film: Film, kind: int, words: list[str]) -> str:
    """The title or name, as written, whose words are ``words``."""
    by_kind = (
        (film.title,),
        (film.original_title or "", *film.titles),
        film.titles,
        film.directors,
        film.writers,
        film.cast,
    )
    everything = [text for texts in by_kind for text in texts]
    for text in (*by_kind[kind], *everything):
        if text and name_tokens(text) == words:
            return text
    if kind >= KINDS.index("director"):  # a spelling other than the person's main name
        with catalogue.store.read() as conn:
            for (alias,) in conn.execute(
                "SELECT a.alias FROM credits c JOIN person_aliases a"
                " ON a.person_id = c.person_id WHERE c.film_id = ?",
                (film.id,),
            ):
                if name_tokens(alias) == words:
                    return str(alias)
    return film.title


def _positions(index: SearchIndex, terms: list[Term], text: str) -> tuple[int, ...]:
    """Offsets of the characters of ``text`` that the query matched."""
    positions: list[int] = []
    for word, start, end in token_spans(text):
        word_id = index.word_id(word)
        if word_id is None:
            continue
        for term in terms:
            quality = term.matches.get(word_id)
            if quality is None:
                continue
            typed = term.token.text
            if quality < EXACT and word.startswith(typed) and word != typed:
                end = min(end, start + len(typed))  # the typed start of the word only
            positions.extend(range(start, end))
            break
    return tuple(sorted(set(positions)))
