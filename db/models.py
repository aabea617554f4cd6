"""Frozen dataclasses the data layer returns. Their ``as_json`` methods define the JSON
shapes documented in the README (other tools read them: change them only on purpose)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kinolog.db.ratings import stars
from kinolog.db.text import film_key, readable_source


@dataclass(frozen=True)
class Review:
    """A critic review of a film, as imported from a saved page."""

    id: int
    film_id: int | None
    source: str | None
    author: str | None
    language: str | None
    published: str | None
    summary: str | None
    body: str
    score_text: str | None
    score: float | None
    score_max: float | None
    score_100: int | None
    file: str | None
    sha256: str
    headline: str | None = None
    url: str | None = None
    layout: str | None = None

    @property
    def shown_source(self) -> str | None:
        """Where the review comes from, for people: the stated source, else the file's folder
        (or its name when the folder says nothing), never a made-up name like a hash."""
        return self.source or readable_source(self.file)

    def as_json(self) -> dict[str, Any]:
        """The Review JSON shape."""
        return {
            "id": self.id,
            "source": self.source,
            "author": self.author,
            "language": self.language,
            "published": self.published,
            "summary": self.summary,
            "body": self.body,
            "score_text": self.score_text,
            "score": self.score,
            "score_max": self.score_max,
            "score_100": self.score_100,
            "file": self.file,
            "sha256": self.sha256,
        }


@dataclass(frozen=True)
class Film:
    """A film of the catalogue with its titles, people and (when loaded) reviews."""

    id: int
    imdb_id: str | None
    title: str
    original_title: str | None
    year: int | None
    countries: tuple[str, ...] = ()
    directors: tuple[str, ...] = ()
    writers: tuple[str, ...] = ()
    cast: tuple[str, ...] = ()
    genres: tuple[str, ...] = ()
    runtime: int | None = None
    titles: tuple[str, ...] = ()
    reviews: tuple[Review, ...] = ()
    votes: int | None = None

    @property
    def key(self) -> str:
        """The stable key the diary names this film by."""
        return film_key(self.imdb_id, self.title, self.year)

    @property
    def label(self) -> str:
        """``Title (Year)``, or the title alone when the year is unknown."""
        return f"{self.title} ({self.year})" if self.year else self.title

    def as_json(self) -> dict[str, Any]:
        """The Film JSON shape."""
        return {
            "id": self.id,
            "imdb_id": self.imdb_id,
            "title": self.title,
            "original_title": self.original_title,
            "year": self.year,
            "countries": list(self.countries),
            "directors": list(self.directors),
            "writers": list(self.writers),
            "cast": list(self.cast),
            "genres": list(self.genres),
            "runtime": self.runtime,
            "titles": list(self.titles),
            "reviews": [review.as_json() for review in self.reviews],
        }


WAITING = "waiting"  # FilmRef.unlinked: no film was clearly the row's; it waits in the queue
NO_FILM = "none"  # FilmRef.unlinked: the user said the film is not in the catalogue


@dataclass(frozen=True)
class FilmRef:
    """How a diary entry (or a watchlist or list film) names its film: the stable key plus
    copies of title and year.

    Attributes:
        unlinked: None when ``key`` names the entry's film; :data:`WAITING` when an import
            could not tell which film it is (the key is then the row's own title and year,
            which another film may share), :data:`NO_FILM` when the user said it is not in
            the catalogue. An unlinked entry shows on no film's page.
    """

    key: str
    title: str
    year: int | None
    imdb_id: str | None = None
    unlinked: str | None = None

    @property
    def linked(self) -> bool:
        """Whether the key names the entry's film."""
        return self.unlinked is None

    @property
    def link_note(self) -> str:
        """``waits for its film`` or ``not in the catalogue`` when it names no film, else ``""``."""
        return {WAITING: "waits for its film", NO_FILM: "not in the catalogue"}.get(
            self.unlinked or "", ""
        )

    @classmethod
    def of(cls, film: Film) -> FilmRef:
        """The reference to a catalogue film."""
        return cls(key=film.key, title=film.title, year=film.year, imdb_id=film.imdb_id)

    @property
    def label(self) -> str:
        """``Title (Year)``, or the title alone when the year is unknown."""
        return f"{self.title} ({self.year})" if self.year else self.title

    def as_json(self) -> dict[str, Any]:
        """The ``film`` object of the diary's JSON shapes."""
        return {"key": self.key, "imdb_id": self.imdb_id, "title": self.title, "year": self.year}


def _unlinked(film: FilmRef) -> dict[str, str]:
    return {"unlinked": film.unlinked} if film.unlinked else {}


def imdb_id_of_ref(film: FilmRef) -> str | None:
    """A diary film's IMDb id: its copy, else the one in an ``imdb:`` key."""
    if film.imdb_id:
        return film.imdb_id
    return film.key.removeprefix("imdb:") if film.key.startswith("imdb:") else None


@dataclass(frozen=True)
class DiaryEntry:
    """One viewing or rating in the user's diary."""

    id: int
    film: FilmRef
    rating: int | None
    watched: str | None
    logged_at: str
    rewatch: bool = False
    liked: bool = False
    tags: tuple[str, ...] = ()
    note: str | None = None
    deleted: bool = False
    logged_known: bool = True

    @property
    def stars(self) -> str:
        """The rating as stars, ``""`` when unrated."""
        return stars(self.rating)

    @property
    def logged(self) -> str | None:
        """When it was logged or rated, None when the source did not say (``logged_at``
        then holds when it came into kinolog, used only to order entries)."""
        return self.logged_at if self.logged_known else None

    def as_json(self) -> dict[str, Any]:
        """The diary entry JSON shape."""
        return {
            "id": self.id,
            # "unlinked" ("waiting" or "none") only for an entry that names no film.
            "film": {**self.film.as_json(), **_unlinked(self.film)},
            "rating": self.rating,
            "stars": self.stars or None,
            "watched": self.watched,
            "logged_at": self.logged,
            "rewatch": self.rewatch,
            "liked": self.liked,
            "tags": list(self.tags),
            "note": self.note,
        }


@dataclass(frozen=True)
class WatchlistItem:
    """A film on the watchlist: when it was added (None: unknown) and an optional note."""

    id: int
    film: FilmRef
    added: str | None
    note: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The watchlist item JSON shape (``unlinked`` as in a diary entry's film)."""
        film = {**self.film.as_json(), **_unlinked(self.film)}
        return {"id": self.id, "film": film, "added": self.added, "note": self.note}


@dataclass(frozen=True)
class ListItem:
    """One film of a named list, at its position (1 first), with the list's note on it."""

    id: int
    position: int
    film: FilmRef
    note: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The list item JSON shape (``unlinked`` as in a diary entry's film)."""
        film = {**self.film.as_json(), **_unlinked(self.film)}
        return {"position": self.position, "film": film, "note": self.note}


@dataclass(frozen=True)
class FilmList:
    """A named list of films (a Letterboxd list): ranked or not, with its items in order.

    Attributes:
        url: the list's own link where it came from (``https://boxd.it/...``), if any.
        created: the day it was made, ``YYYY-MM-DD``, if known.
    """

    id: int
    name: str
    description: str | None = None
    ranked: bool = False
    tags: tuple[str, ...] = ()
    url: str | None = None
    created: str | None = None
    items: tuple[ListItem, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """The list JSON shape."""
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "ranked": self.ranked,
            "tags": list(self.tags),
            "url": self.url,
            "created": self.created,
            "items": [item.as_json() for item in self.items],
        }


@dataclass(frozen=True)
class SearchHit:
    """One film found by search, with what matched and where (for highlighting).

    Attributes:
        matched: the title or person name that matched.
        matched_field: ``title``, ``original_title``, ``alternative``, ``director``,
            ``writer`` or ``cast``.
        positions: character offsets in ``matched`` that matched the query.
        score: higher is better; comparable within one query.
    """

    film: Film
    matched: str
    matched_field: str
    positions: tuple[int, ...] = ()
    score: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The search hit JSON shape."""
        return {
            "id": self.film.id,
            "title": self.film.title,
            "year": self.film.year,
            "original_title": self.film.original_title,
            "directors": list(self.film.directors),
            "matched": self.matched,
            "score": round(self.score, 2),
        }
