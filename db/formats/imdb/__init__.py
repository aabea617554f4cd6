"""IMDb's exports: "Your ratings" (:mod:`.ratings`), the watchlist and lists
(:mod:`.watchlist`), their title types (:mod:`.types`), and writing them (:mod:`.write`)."""

from __future__ import annotations

from kinolog.db.formats.imdb.ratings import COLUMNS, import_imdb_ratings, read_imdb_ratings
from kinolog.db.formats.imdb.types import FILM_TYPES, parse_types
from kinolog.db.formats.imdb.watchlist import import_imdb_watchlist, read_imdb_watchlist
from kinolog.db.formats.imdb.write import (
    EXPORT_COLUMNS,
    WATCHLIST_COLUMNS,
    write_imdb_ratings,
    write_imdb_watchlist,
)

__all__ = [
    "COLUMNS",
    "EXPORT_COLUMNS",
    "FILM_TYPES",
    "WATCHLIST_COLUMNS",
    "import_imdb_ratings",
    "import_imdb_watchlist",
    "parse_types",
    "read_imdb_ratings",
    "read_imdb_watchlist",
    "write_imdb_ratings",
    "write_imdb_watchlist",
]
