"""Searching films: :class:`FilmSearch` tries the query as typed and with compound words
joined or split, keeps each film's best reading, and builds the hits."""

from __future__ import annotations

import heapq
import re
from collections.abc import Collection
from typing import TYPE_CHECKING

from kinolog.db.errors import AmbiguousFilm, FilmNotFound
from kinolog.db.models import Film, SearchHit
from kinolog.db.search.index import KINDS, SearchIndex
from kinolog.db.search.query import ParsedQuery, name_tokens, parse_query, token_spans
from kinolog.db.search.rank import (
    KNOWN_BOOST,
    MIN_COVERAGE,
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
CLEAR_GAP = 10.0  # score points by which a non-exact best hit must lead to name a film
VARIANT_PENALTY = 3.0  # a query read with words joined or split is a little less likely
REFINE = 30  # the best films get all their names scored
_IMDB_SPEC = re.compile(r"^imdb:(tt\d+)$", re.IGNORECASE)
_ID_SPEC = re.compile(r"^id:(\d+)$", re.IGNORECASE)


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
        best: dict[int, FilmMatch] = {}
        for number, variant in enumerate(variants(parsed, snapshot.base)):
            for film_id, match in _evaluate(snapshot, variant, known, limit).items():
                match.score -= VARIANT_PENALTY if number else 0.0
                if film_id not in best or match.score > best[film_id].score:
                    best[film_id] = match
        ranked = sorted(
            best.values(),
            key=lambda m: (-m.score, -m.scorer.index.votes(m.film_id), m.film_id),
        )[:limit]
        ids = [m.film_id for m in ranked]
        loaded = {film.id: film for film in catalogue.films_by_ids(ids)}
        return [
            _hit(catalogue, loaded[match.film_id], match)
            for match in ranked
            if match.film_id in loaded  # a film deleted since the index saw it is left out
        ]

    def find_film(self, spec: str) -> Film:
        """The one film that ``spec`` names: ``imdb:tt...``, ``id:N`` or a search query.

        Raises:
            FilmNotFound: nothing matches.
            AmbiguousFilm: several films match and none stands out; ``candidates`` lists them.
        """
        spec = spec.strip()
        if match := _IMDB_SPEC.match(spec):
            film = self.catalogue.film_by_imdb_id(match[1].lower())
            if film is None:
                raise FilmNotFound(f"no film with imdb:{match[1]} in the catalogue")
            return film
        if match := _ID_SPEC.match(spec):
            return self.catalogue.get_film(int(match[1]))
        hits = self.search_films(spec, limit=8)
        if not hits:
            raise FilmNotFound(f"no film matches {spec!r}")
        winner = clear_winner(spec, hits)
        if winner is None:
            raise AmbiguousFilm(
                f"{spec!r} matches several films: add the year, or use id:N or imdb:tt...",
                [hit.film for hit in hits],
            )
        return winner.film

    def refresh_index(self, *, force: bool = False) -> bool:
        """Rebuild and save the index if the catalogue changed since it was saved.

        Returns:
            True when the index was rebuilt.
        """
        return self.state.refresh(force=force)


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
    return {film_id: m for film_id, m in films.items() if m.coverage >= MIN_COVERAGE}


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


def clear_winner(query: str, hits: list[SearchHit]) -> SearchHit | None:
    """The hit a query clearly names, or None when a person should choose.

    A query names a film clearly when exactly one hit has it as its whole title (and the
    year, when the query has one), or when no hit does and the best one leads the next by
    a clear margin.
    """
    if not hits:
        return None
    if len(hits) == 1:
        return hits[0]
    years = parse_query(query).years
    exact = [
        hit
        for hit in hits
        if hit.extra.get("exact") and (not years or hit.extra.get("year_ok", True))
    ]
    if len(exact) == 1:
        return exact[0]
    if not exact and hits[0].score - hits[1].score >= CLEAR_GAP:
        return hits[0]
    return None
