"""Naming the films of an export that has no IMDb ids (Letterboxd) by catalogue key."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from kinolog.db.models import Film, FilmRef
from kinolog.db.text import title_film_key, title_key

if TYPE_CHECKING:
    from kinolog.db.catalogue import Catalogue
    from kinolog.db.search import FilmSearch

__all__ = ["FilmFinder", "same_film"]

SAME_TITLE = 85.0  # rapidfuzz ratio of folded titles for a search hit to be the row's film


class FilmFinder:
    """Names the films of an export that has no IMDb ids (Letterboxd) by catalogue key.

    Look-ups are cached: an export names the same film in several files.

    Args:
        catalogue: where films are looked up: by title-and-year key (every known title,
            exact), then by the catalogue search with the year; None: no look-ups.
    """

    def __init__(self, catalogue: Catalogue | None) -> None:
        self.catalogue = catalogue
        self._search: FilmSearch | None = None
        self._seen: dict[tuple[str, int | None, str | None], tuple[FilmRef, bool]] = {}

    def __call__(self, name: str, year: int | None, imdb_id: str | None) -> tuple[FilmRef, bool]:
        """The film reference for a row, and whether the catalogue knows the film."""
        key = (name, year, imdb_id)
        if key not in self._seen:
            self._seen[key] = self._find(name, year, imdb_id)
        return self._seen[key]

    def _find(self, name: str, year: int | None, imdb_id: str | None) -> tuple[FilmRef, bool]:
        catalogue = self.catalogue
        if imdb_id:
            film = catalogue.film_by_imdb_id(imdb_id) if catalogue else None
            title = name or (film.title if film else imdb_id)
            ref = FilmRef(key=f"imdb:{imdb_id}", title=title, year=year, imdb_id=imdb_id)
            return ref, film is not None
        fallback = FilmRef(key=title_film_key(name, year), title=name, year=year)
        if catalogue is None:
            return fallback, False
        film = catalogue.film_by_key(fallback.key)
        if film is None:
            from kinolog.db.search import FilmSearch, clear_winner

            self._search = self._search or FilmSearch(catalogue)
            query = f"{name} {year}" if year else name
            hits = self._search.search_films(query, limit=8)
            winner = clear_winner(query, hits)
            if winner is not None and same_film(winner.film, name, year):
                film = winner.film
        if film is None:
            return fallback, False
        # The catalogue's key and IMDb id, but the title as the export spells it: the
        # entry then still matches this row if the catalogue is deleted and the export
        # imported again, and exporting back gives the service its own title.
        ref = FilmRef.of(film)
        return replace(ref, title=name or ref.title, year=year or ref.year), True


def same_film(film: Film, name: str, year: int | None) -> bool:
    """Whether a search winner is the row's film, not one that merely shares words.

    With the same year (or none known), one of its titles must be nearly the row's, or
    hold all of its words ("Amélie" is "Die fabelhafte Welt der Amélie"); a year out
    (festival and release years differ) needs the very title.
    """
    titles = {
        title_key(title) for title in (film.title, film.original_title, *film.titles) if title
    }
    wanted = title_key(name)
    if year is not None and film.year is not None and film.year != year:
        return abs(film.year - year) == 1 and wanted in titles
    words = set(wanted.split())
    return any(
        fuzz.ratio(wanted, title) >= SAME_TITLE or (words and words <= set(title.split()))
        for title in titles
    )
