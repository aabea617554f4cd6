"""The film resolver: the one place that decides which catalogue film a row means.

Review pages, Letterboxd and IMDb exports, film lists, ``kinolog rate``/``show`` and the
app all describe a film by what they know (:class:`Evidence`: titles, year, ids, people,
kind of title, runtime) and get a :class:`Resolution`: the film, or "ambiguous" with its
candidates, or "not in the catalogue", each with the evidence that decided and the
runner-up. How:

* :mod:`.known` finds candidates (film keys of the row's titles, and the search index
  through a :class:`CandidateFinder`) and reads what the catalogue knows about them;
* :mod:`.titles` compares titles whole (never "all the words are in there");
* :mod:`.weigh` gives each piece of evidence its points and wants a clear winner;
* :mod:`.resolver` is :class:`FilmResolver`, with typed queries (:meth:`~FilmResolver.find_film`).
"""

from kinolog.db.resolver.known import CandidateFinder
from kinolog.db.resolver.resolver import FilmResolver, split_query_year
from kinolog.db.resolver.titles import TitleLevel, compare_titles
from kinolog.db.resolver.types import (
    AMBIGUOUS,
    ATTACHED,
    NOT_IN_CATALOGUE,
    Candidate,
    Evidence,
    Resolution,
    Status,
)
from kinolog.db.resolver.weigh import MARGIN, MIN_SCORE, title_category

__all__ = [
    "AMBIGUOUS",
    "ATTACHED",
    "MARGIN",
    "MIN_SCORE",
    "NOT_IN_CATALOGUE",
    "Candidate",
    "CandidateFinder",
    "Evidence",
    "FilmResolver",
    "Resolution",
    "Status",
    "TitleLevel",
    "compare_titles",
    "split_query_year",
    "title_category",
]
