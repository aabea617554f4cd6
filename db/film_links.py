"""Diary entries follow their film, whichever key they name it by.

A film is known by several keys (``film_keys``): ``imdb:tt...`` once it has an IMDb id, and
``title:<title>:<year>`` for each of its titles. An entry keeps the key it was logged
under; when its film later gains an IMDb id (a review-made film merged into the IMDb film)
the film's own key changes, but the entry's key still names it through ``film_keys``. These
functions look through every key of a film, so its page shows all its entries and the
search list its current rating. Entries that name no film (waiting, or "not in the
catalogue") are never shown on a film, even when another film holds their title key.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from kinolog.db.models import DiaryEntry, Film, FilmRef
from kinolog.db.text import film_key

if TYPE_CHECKING:
    from kinolog.db.catalogue import Catalogue
    from kinolog.db.diary import Diary

__all__ = ["film_entries", "film_ratings", "keys_of", "ref_entries"]

_CHUNK = 500


def keys_of(catalogue: Catalogue, film: Film) -> set[str]:
    """Every key a diary entry may name ``film`` by."""
    with catalogue.store.read() as conn:
        rows = conn.execute("SELECT key FROM film_keys WHERE film_id = ?", (film.id,))
        return {film.key, *(row[0] for row in rows)}


def film_entries(catalogue: Catalogue, diary: Diary, film: Film) -> list[DiaryEntry]:
    """The film's diary entries under any of its keys, newest first."""
    return diary.entries(film_keys=keys_of(catalogue, film))


def ref_entries(catalogue: Catalogue, diary: Diary, ref: FilmRef) -> list[DiaryEntry]:
    """The entries of the film a reference names (all its keys when the catalogue has it)."""
    film = catalogue.resolve(ref)
    keys = keys_of(catalogue, film) if film is not None else set()
    return diary.entries(film_keys=keys | {ref.key})


def film_ratings(catalogue: Catalogue, diary: Diary) -> dict[str, int]:
    """Every rated film's current rating by key: by the key it was rated under, and by
    the current key of the catalogue film that key names (its own rating wins)."""
    ratings = diary.ratings()
    found = dict(ratings)
    for key, own in _current_keys(catalogue, ratings):
        found.setdefault(own, ratings[key])
    return found


def _current_keys(catalogue: Catalogue, ratings: dict[str, int]) -> Iterable[tuple[str, str]]:
    """``(key, the film's own key)`` for each rated key whose film now has another key."""
    keys = sorted(ratings)
    with catalogue.store.read() as conn:
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            for key, imdb_id, title, year in conn.execute(
                "SELECT k.key, f.imdb_id, f.title, f.year FROM film_keys k"
                f" JOIN films f ON f.id = k.film_id WHERE k.key IN ({marks})",
                chunk,
            ):
                own = film_key(imdb_id, title, year)
                if own != key:
                    yield key, own
