"""Kinds of title (film, short, series ...) as any source writes them."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["title_category"]

_CATEGORIES = {
    "film": "movie featurefilm film tvmovie video documentary pelicula",
    "short": "short shortfilm tvshort cortometraggio",
    "series": "tvseries series tvminiseries miniseries minserie serietv miniserietv",
    "episode": "tvepisode episode podcastepisode",
    "special": "tvspecial special",
    "game": "videogame game",
    "music video": "musicvideo",
    "podcast": "podcastseries podcast",
}
_CATEGORY = {label: name for name, labels in _CATEGORIES.items() for label in labels.split()}


@lru_cache(maxsize=1024)
def title_category(title_type: str | None) -> str | None:
    """The kind of title (``film``, ``series``, ``short`` ...) of a type as any source
    writes it (``movie``, ``TV Mini Series``, ``Feature Film``, ``Serie TV``); None if unknown.
    """
    if not title_type:
        return None
    folded = "".join(ch for ch in title_type.casefold() if ch.isalnum())
    return _CATEGORY.get(folded)
