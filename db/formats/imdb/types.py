"""IMDb's title types in its exports: which rows are films, and ``--types``.

IMDb has spelled the ``Title Type`` column three ways: the datasets' names (``movie``,
``tvEpisode``; 2017-2024), display labels (``Movie``, ``TV Episode``; since 2024, translated
with the site language: ``Film``, ``Serie TV``), and before 2017 other labels (``Feature
Film``, ``Mini-Series``). Each is read as the datasets' name. The diary keeps films by
default; episodes, series, games, music videos and podcasts are left out (one summary line
per type) unless ``--types`` asks for them.
"""

from __future__ import annotations

from collections.abc import Iterable

from kinolog.db.errors import InvalidValue
from kinolog.db.files import fold_column

__all__ = ["FILM_TYPES", "NON_FILM_TYPES", "parse_types", "title_type", "type_label"]

FILM_TYPES = frozenset({"movie", "tvMovie", "short", "tvShort", "video", "tvSpecial"})
# What a skipped row is called in the summary: one, several.
NON_FILM_TYPES: dict[str, tuple[str, str]] = {
    "tvSeries": ("TV series", "TV series"),
    "tvMiniSeries": ("TV mini-series", "TV mini-series"),
    "tvEpisode": ("TV episode", "TV episodes"),
    "tvPilot": ("TV pilot", "TV pilots"),
    "videoGame": ("video game", "video games"),
    "musicVideo": ("music video", "music videos"),
    "podcastSeries": ("podcast series", "podcast series"),
    "podcastEpisode": ("podcast episode", "podcast episodes"),
}
_EXACT: dict[str, str] = {
    **{fold_column(name): name for name in (*FILM_TYPES, *NON_FILM_TYPES)},
    "featurefilm": "movie", "film": "movie", "documentary": "movie", "spielfilm": "movie",
    "pelicula": "movie", "filme": "movie", "madefortvmovie": "tvMovie", "tvfilm": "tvMovie",
    "filmtv": "tvMovie", "fernsehfilm": "tvMovie", "telefilm": "tvMovie",
    "shortfilm": "short", "kurzfilm": "short", "cortometraggio": "short",
    "cortometraje": "short", "courtmetrage": "short", "serie": "tvSeries",
    "series": "tvSeries", "miniseries": "tvMiniSeries", "episode": "tvEpisode",
    "game": "videoGame", "podcast": "podcastSeries",
}  # fmt: skip
# For labels in other languages: the first rule whose words appear in the folded label.
_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("podcast", "episod"), "podcastEpisode"),
    (("podcast",), "podcastSeries"),
    (("episod",), "tvEpisode"),
    (("folge",), "tvEpisode"),
    (("mini", "seri"), "tvMiniSeries"),
    (("seri",), "tvSeries"),
    (("music",), "musicVideo"),
    (("musik",), "musicVideo"),
    (("film",), "movie"),
    (("movie",), "movie"),
    (("game",), "videoGame"),
    (("spiel",), "videoGame"),
    (("gioco",), "videoGame"),
    (("juego",), "videoGame"),
    (("jeu",), "videoGame"),
    (("short",), "short"),
    (("kurz",), "short"),
    (("corto",), "short"),
    (("special",), "tvSpecial"),
    (("video",), "video"),
)
_TV_WORDS = ("tv", "fernseh", "tele")


def title_type(label: str) -> str | None:
    """The datasets' name of a ``Title Type`` value (``TV Episode`` -> ``tvEpisode``).

    None for an empty cell; a label no rule knows is returned as written (and kept as a
    film: kinolog does not leave out what it cannot name).
    """
    folded = fold_column(label)
    if not folded:
        return None
    if folded in _EXACT:
        return _EXACT[folded]
    for words, name in _WORDS:
        if all(word in folded for word in words):
            if name == "movie" and any(word in folded for word in _TV_WORDS):
                return "tvMovie"
            return name
    return label.strip()


def type_label(name: str, count: int = 2) -> str:
    """What rows of a type are called in a summary (``tvEpisode`` -> ``TV episodes``)."""
    one, several = NON_FILM_TYPES.get(name, (f"{name} row", f"{name} rows"))
    return one if count == 1 else several


def parse_types(values: Iterable[str]) -> frozenset[str] | None:
    """The ``--types`` option: names or labels (``tvEpisode``, ``TV Episode``), ``films`` for
    the film types, ``all`` for everything (None). Commas separate several.

    Raises:
        InvalidValue: a name that is no IMDb title type.
    """
    wanted: set[str] = set()
    for value in values:
        for part in (part.strip() for part in value.split(",")):
            if not part:
                continue
            if part.casefold() == "all":
                return None
            if part.casefold() == "films":
                wanted |= FILM_TYPES
                continue
            name = _EXACT.get(fold_column(part))
            if name is None:
                known = ", ".join(sorted({*FILM_TYPES, *NON_FILM_TYPES}))
                raise InvalidValue(f"--types {part}: not an IMDb title type ({known}, films, all)")
            wanted.add(name)
    return frozenset(wanted) if wanted else FILM_TYPES


def kept(name: str | None, types: frozenset[str] | None) -> bool:
    """Whether a row of this type is imported (unknown types and empty cells always are)."""
    if types is None or name is None:
        return True
    if name not in FILM_TYPES and name not in NON_FILM_TYPES:
        return True
    return name in types
