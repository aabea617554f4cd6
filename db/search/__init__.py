"""Film search: from what a person types to the films they mean, best first.

The search reads every title of a film (title, original title, alternative and German
titles), the names of its directors, writers and cast by any recorded spelling, and its
year. How the pieces fit:

* :mod:`.query` cuts titles, names and queries into comparable words;
* :mod:`.index` holds them as compact arrays, :mod:`.build` builds them (in bounded
  memory, the heavy lifting in SQLite), :mod:`.indexfile` saves them in a file that
  searching processes map into memory;
* :mod:`.state` keeps the index current (SQL triggers list changed films; each search
  checks for changes first; bulk imports suspend the triggers and rebuild at their end);
* :mod:`.terms` finds the catalogue words each query word may mean (typos, prefixes,
  spellings) and the names worth scoring; :mod:`.rank` scores films;
* :mod:`.films` is :class:`FilmSearch`: it tries the query as typed and with compound words
  joined or split, keeps each film's best reading, and builds the hits.

This package's public API is what it exports here: everything else is its own business.

Why not SQLite FTS5: its trigram tokenizer finds substrings, not typos, ranks by BM25
rather than by what a person means, and its query syntax would have to be escaped; the
arrays here answer in milliseconds at a million films and load in a fraction of a second.

A query is plain text: quotes, ``*``, ``AND``, ``%`` or SQL are words like any other, and
no part of it ever reaches SQL or FTS syntax.
"""

from kinolog.db.search.films import FilmSearch
from kinolog.db.search.query import parse_query
from kinolog.db.search.state import (
    bulk_changes,
    import_running,
    importing,
    refresh_search_index,
)

__all__ = [
    "FilmSearch",
    "bulk_changes",
    "import_running",
    "importing",
    "parse_query",
    "refresh_search_index",
]
