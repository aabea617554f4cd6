"""The film resolver: which catalogue film a row means, with its reasons.

Every path that has to find a film uses :class:`FilmResolver`: review pages, Letterboxd,
IMDb ratings, film lists, ``kinolog rate``/``show`` and the app. The search index only
*finds* candidates quickly; :func:`kinolog.db.resolver.weigh.decide` chooses.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Literal

from kinolog.db.errors import AmbiguousFilm, FilmNotFound
from kinolog.db.resolver.known import (
    CandidateFinder,
    KnownFilm,
    films_by_ids,
    ids_by_keys,
    ids_by_title,
    load_people,
)
from kinolog.db.resolver.outside import match_outside, outside_titles
from kinolog.db.resolver.titles import best_title_match
from kinolog.db.resolver.types import ATTACHED, Evidence, Resolution
from kinolog.db.resolver.weigh import BY_SEARCH, decide, weigh

if TYPE_CHECKING:
    from kinolog.db.catalogue import Catalogue
    from kinolog.db.models import Film

__all__ = ["FilmResolver", "split_query_year"]

SEARCH_LIMIT = 20  # candidates from the search index per title
QUERY_LIMIT = 8  # candidates for a typed query, as the search ranks them
_IMDB_SPEC = re.compile(r"^imdb:(tt\d+)$", re.IGNORECASE)
_ID_SPEC = re.compile(r"^id:(\d+)$", re.IGNORECASE)
_YEAR_TOKEN = re.compile(r"^\(?((?:18[89]\d|19\d\d|20[0-3]\d))\)?$")


def _too_far(row: Evidence, film: KnownFilm) -> bool:
    """Whether the years alone make the film another one (two or more apart)."""
    return row.year is not None and film.year is not None and abs(row.year - film.year) > 1


def split_query_year(query: str) -> tuple[str, int | None]:
    """A typed query's title and year: ``"ballerina (2023)"`` -> ``("ballerina", 2023)``.

    The last year-like word is the year, unless it is the only word ("1917" is a title).
    """
    words = query.split()
    for index in range(len(words) - 1, -1, -1):
        match = _YEAR_TOKEN.match(words[index])
        if match and len(words) > 1:
            return " ".join(words[:index] + words[index + 1 :]), int(match[1])
    return query.strip(), None


class FilmResolver:
    """Resolves rows to catalogue films; answers are cached (an export names a film often).

    Args:
        catalogue: the catalogue to look in.
        finder: the search index, to find candidates beyond exact titles (spelling
            variants, several films of one title and year); without it only films owning
            a title key of the row are seen.
        conn: read through this connection (an importer inside its write transaction)
            instead of the catalogue's read lock.
        fuzzy: when to ask the search index for films with close titles and parts of
            titles as well (slower): ``"people"`` for rows naming people (a close title
            with the right director is the film) and typed queries; ``"always"`` also for
            rows without people (they cannot win then, but a person choosing between
            candidates wants to see them: the resolution queue); ``"never"``.
    """

    def __init__(
        self,
        catalogue: Catalogue | None,
        *,
        finder: CandidateFinder | None = None,
        conn: sqlite3.Connection | None = None,
        fuzzy: Literal["never", "people", "always"] = "people",
    ) -> None:
        self.catalogue = catalogue
        self.finder = finder
        self.conn = conn
        self.fuzzy = fuzzy
        self._cache: dict[Evidence, Resolution] = {}

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        if self.conn is not None:
            yield self.conn
        else:
            assert self.catalogue is not None
            with self.catalogue.store.read() as conn:
                yield conn

    def forget(self) -> None:
        """Drop cached answers (after the catalogue changed)."""
        self._cache.clear()

    def resolve(self, row: Evidence) -> Resolution:
        """The row's film, or why none is clearly it (see :mod:`kinolog.db.resolver.weigh`)."""
        cached = self._cache.get(row)
        if cached is None:
            cached = self._cache[row] = self._resolve(row)
        return cached

    def _resolve(self, row: Evidence) -> Resolution:
        if self.catalogue is None and self.conn is None:
            return decide(row, [])
        with self._read() as conn:
            by_id = ids_by_keys(conn, row.imdb_id, row.ids)
            if by_id:  # an id the catalogue knows decides
                films = films_by_ids(conn, by_id)
                load_people(conn, list(films.values()))
                return decide(row, [weigh(row, f, by_id=by_id[f.id]) for f in films.values()])
        search = self._search(row)
        with self._read() as conn:
            films = films_by_ids(conn, ids_by_title(conn, row.titles) | set(search))
            titles = {
                f.id: best_title_match(row.titles, f.main_titles, f.titles) if row.titles else None
                for f in films.values()
            }
            # Films sharing a title with the row (or, for a typed query, found by the search).
            kept = [f for f in films.values() if titles[f.id] or (row.query and f.id in search)]
            # People only matter for films the year does not rule out already.
            load_people(conn, [f for f in kept if not _too_far(row, f)])
            # Typed queries name films of the catalogue; other rows may name a title it
            # leaves out (a short, a video ...).
            outside = (
                [] if row.query else outside_titles(conn, row, (f.imdb_id for f in films.values()))
            )
        weighed = []
        for film in kept:
            score, exact = search.get(film.id, (0.0, False))
            one = weigh(row, film, search_exact=exact, title=titles[film.id])
            one.search_score = score
            weighed.append(one)
        return decide(row, weighed, match_outside(row, outside))

    def _search(self, row: Evidence) -> dict[int, tuple[float, bool]]:
        """Film id -> (search score, whole-title match) of the search index's candidates.

        Films with the row's titles word for word always; the full search (typos, parts of
        titles) as ``fuzzy`` says.
        """
        found: dict[int, tuple[float, bool]] = {}
        if self.finder is None:
            return found
        for title in row.titles[:3]:
            for film_id in self.finder.title_ids(title):
                found.setdefault(film_id, (0.0, False))
        wanted = {"never": False, "people": row.query or row.has_people, "always": True}
        if not wanted[self.fuzzy]:
            return found
        limit = QUERY_LIMIT if row.query else SEARCH_LIMIT
        for title in row.titles[:3]:
            query = row.source if row.query and row.source else title
            if row.year and not row.query:
                query = f"{title} {row.year}"
            for film_id, score, exact in self.finder.candidate_ids(query, limit):
                if score > found.get(film_id, (-1.0, False))[0]:
                    found[film_id] = (score, exact)
        return found

    # -- typed queries ------------------------------------------------------------------------

    def resolve_query(self, spec: str) -> Resolution:
        """What a typed query (``"ballerina 2023"``) names; ``imdb:tt...``/``id:N`` directly.

        A year-like word is read as the year first, then as part of the title ("Wonder
        Woman 1984"), whichever names a film.
        """
        spec = " ".join(spec.split())
        if match := _IMDB_SPEC.match(spec):
            return self.resolve(Evidence(titles=(), imdb_id=match[1].lower(), query=True))
        title, year = split_query_year(spec)
        first = self.resolve(Evidence(titles=(title,), year=year, query=True, source=spec))
        if year is None or first.status == ATTACHED:
            return first
        whole = self.resolve(Evidence(titles=(spec,), query=True, source=spec))
        by_title = whole.chosen is not None and not whole.chosen.evidence[-1].endswith(BY_SEARCH)
        return whole if by_title else first

    def find_film(self, spec: str) -> Film:
        """The one film ``spec`` names: ``imdb:tt...``, ``id:N`` or a search query.

        Raises:
            FilmNotFound: nothing matches.
            AmbiguousFilm: several films may be meant; ``candidates`` lists them.
        """
        assert self.catalogue is not None
        spec = spec.strip()
        if match := _ID_SPEC.match(spec):
            return self.catalogue.get_film(int(match[1]))
        resolution = self.resolve_query(spec)
        if resolution.film_id is not None:
            return self.catalogue.get_film(resolution.film_id)
        if match := _IMDB_SPEC.match(spec):
            raise FilmNotFound(f"no film with imdb:{match[1]} in the catalogue")
        possible = resolution.possible or resolution.candidates
        if not possible:
            raise FilmNotFound(f"no film matches {spec!r}")
        if resolution.status != ATTACHED and not resolution.possible:
            labels = "; ".join(f"{c.label}: {c.rejected}" for c in resolution.candidates[:3])
            raise FilmNotFound(f"no film matches {spec!r} ({labels})")
        films = self.catalogue.films_by_ids([c.film_id for c in possible[:8]])
        raise AmbiguousFilm(
            f"{spec!r} matches several films: add the year, or use id:N or imdb:tt...", films
        )
