"""What the diary formats' readers produce, before it is compared with the diary: entries,
likes, watchlist items and lists, each naming its film by a :class:`FilmRef` plus the other
keys the film may have in the diary already.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kinolog.db.models import FilmRef
from kinolog.db.ratings import stars
from kinolog.db.resolver import Evidence
from kinolog.db.text import title_film_key

__all__ = [
    "ImportedEntry",
    "ImportedLike",
    "ImportedList",
    "ImportedListItem",
    "ImportedWatchlistItem",
    "film_keys",
]


def film_keys(film: FilmRef) -> set[str]:
    """The keys an entry's film may be known by: its own and its title-and-year key.

    An entry imported before the catalogue knew its film has a title key; after an IMDb
    import the same row matches an ``imdb:`` key. Both name the same film.
    """
    return {film.key, title_film_key(film.title, film.year)}


@dataclass(frozen=True)
class ImportedEntry:
    """One diary entry an import would add, before it is compared with the diary.

    Attributes:
        logged_at: when it was logged in the source (its Date column); None when the
            source does not say (it stays unknown in the diary).
        source: where it came from, for messages (``diary.csv line 7``).
        aliases: other keys the source's film may have in the diary already (the
            title-and-year key of the title as the source spells it).
        evidence: what the source says about the film, when the film resolver is still to
            find it (:func:`kinolog.db.formats.film_finder.resolve_imported`).
    """

    film: FilmRef
    rating: int | None = None
    watched: str | None = None
    logged_at: str | None = None
    rewatch: bool = False
    liked: bool = False
    tags: tuple[str, ...] = ()
    note: str | None = None
    source: str = ""
    aliases: tuple[str, ...] = ()
    evidence: Evidence | None = field(default=None, compare=False)

    @property
    def keys(self) -> set[str]:
        """Every key this entry's film may be known by in the diary."""
        return film_keys(self.film) | set(self.aliases)

    def describe(self) -> str:
        """``Heat (1995) ★★★★½ watched 2024-01-05``: one line for a person."""
        rating = f" {stars(self.rating)}" if self.rating else ""
        watched = f" watched {self.watched}" if self.watched else " (date unknown)"
        liked = " ♥" if self.liked else ""
        return f"{self.film.label}{rating}{watched}{' ↻' if self.rewatch else ''}{liked}"


@dataclass(frozen=True)
class ImportedLike:
    """A film the source marks as liked (Letterboxd's ``likes/films.csv``).

    Attributes:
        liked_on: the day it was liked, ``YYYY-MM-DD``, if known.
    """

    film: FilmRef
    liked_on: str | None = None
    source: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def keys(self) -> set[str]:
        """Every key the film may be known by in the diary."""
        return film_keys(self.film) | set(self.aliases)


@dataclass(frozen=True)
class ImportedWatchlistItem:
    """A film on the source's watchlist, with the day it was added and a note."""

    film: FilmRef
    added: str | None = None
    note: str | None = None
    source: str = ""
    aliases: tuple[str, ...] = ()
    evidence: Evidence | None = field(default=None, compare=False)

    @property
    def keys(self) -> set[str]:
        """Every key the film may be known by in the diary."""
        return film_keys(self.film) | set(self.aliases)


@dataclass(frozen=True)
class ImportedListItem:
    """One film of an imported list, at its position, with the list's note on it."""

    film: FilmRef
    position: int
    note: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def keys(self) -> set[str]:
        """Every key the film may be known by in the diary."""
        return film_keys(self.film) | set(self.aliases)


@dataclass(frozen=True)
class ImportedList:
    """A named list as the source has it (a Letterboxd list export).

    Attributes:
        url: the list's own link, which names it across re-imports (else its name).
        created: the day it was made, ``YYYY-MM-DD``.
    """

    name: str
    description: str | None = None
    ranked: bool = False
    tags: tuple[str, ...] = ()
    url: str | None = None
    created: str | None = None
    items: tuple[ImportedListItem, ...] = ()
    source: str = ""
