"""The film of each row of a diary export, through the film resolver.

Every diary format describes its rows' films as :class:`~kinolog.db.resolver.Evidence`
and gets a :class:`RowFilm`: the :class:`~kinolog.db.models.FilmRef` the diary entry
names its film by, and the resolver's decision (for the report and ``--explain``).

* attached to a catalogue film: the film's key (``imdb:tt...``, else a title key the film
  owns), with the row's own title and year as the copies (so that the same export imported
  again matches, and exporting back gives the service its own spelling);
* not attached, with an IMDb id: kept under ``imdb:<id>`` (the film joins when a catalogue
  import brings it);
* not attached, without one: kept under its own title and year, waiting for a film.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from kinolog.db.models import WAITING, FilmRef
from kinolog.db.resolver import ATTACHED, Evidence, FilmResolver, Resolution
from kinolog.db.resolver.known import stable_key
from kinolog.db.text import title_film_key

if TYPE_CHECKING:
    from kinolog.db.catalogue import Catalogue
    from kinolog.db.formats.report import DiaryImportReport

__all__ = ["DiaryFilms", "RowDecision", "RowFilm", "resolve_imported"]


@dataclass(frozen=True)
class RowFilm:
    """A row's film: how the diary names it, and the resolver's decision."""

    film: FilmRef
    resolution: Resolution

    @property
    def attached(self) -> bool:
        """Whether the row was attached to a catalogue film."""
        return self.resolution.status == ATTACHED


@dataclass(frozen=True)
class RowDecision:
    """One row's decision, for ``--explain`` and ``--json``.

    Attributes:
        source: where the row is (``diary.csv line 7``).
        label: the row's film as it names it (``Psycho (1960)``).
        found: the film reference and the resolver's decision.
    """

    source: str
    label: str
    found: RowFilm

    @property
    def status(self) -> str:
        """``attached``, ``ambiguous`` or ``not_in_catalogue``."""
        return self.found.resolution.status

    def explain(self) -> list[str]:
        """The row, then the resolver's reasons."""
        return [f"{self.source}: {self.label}", *self.found.resolution.explain()]

    def as_json(self) -> dict[str, Any]:
        """``{"source", "file", "line", "title", "year", "key", ...the Resolution}``."""
        file, _, line = self.source.rpartition(" line ")
        ref = self.found.film
        return {
            "source": self.source,
            "file": file if line.isdigit() else self.source,
            "line": int(line) if line.isdigit() else None,
            "title": ref.title,
            "year": ref.year,
            "key": ref.key or None,  # None: a row not kept
            **self.found.resolution.as_json(),
        }


class DiaryFilms:
    """Finds the films of diary rows in a catalogue (or keeps them under their own names).

    Args:
        catalogue: where films are looked up; None: every row keeps its own name (and
            waits for a film).
    """

    def __init__(self, catalogue: Catalogue | None) -> None:
        self.catalogue = catalogue
        finder = None
        if catalogue is not None:
            from kinolog.db.search import FilmSearch

            finder = FilmSearch(catalogue)
        self.resolver = FilmResolver(catalogue, finder=finder)

    def __call__(self, row: Evidence) -> RowFilm:
        """The row's film reference and the decision behind it."""
        resolution = self.resolver.resolve(row)
        title = row.titles[0] if row.titles else (row.imdb_id or "")
        if resolution.status == ATTACHED and (chosen := resolution.chosen) is not None:
            key = self._key(chosen.film_id, chosen.imdb_id, chosen.title, chosen.year)
            if key is not None:
                ref = FilmRef(
                    key=key,
                    title=title or chosen.title,
                    year=row.year or chosen.year,
                    imdb_id=chosen.imdb_id or row.imdb_id,
                )
                return RowFilm(ref, resolution)
            resolution = Resolution(
                "ambiguous",
                None,
                f"{chosen.label} has no IMDb id and no title key of its own to name it by",
                resolution.candidates,
            )
        if row.imdb_id:
            ref = FilmRef(f"imdb:{row.imdb_id}", title, row.year, row.imdb_id)
            return RowFilm(ref, resolution)
        ref = FilmRef(title_film_key(title, row.year), title, row.year, unlinked=WAITING)
        return RowFilm(ref, resolution)

    def _key(self, film_id: int, imdb_id: str | None, title: str, year: int | None) -> str | None:
        if imdb_id:
            return f"imdb:{imdb_id}"
        assert self.catalogue is not None
        with self.catalogue.store.read() as conn:
            return stable_key(conn, film_id, title, year)


Imported = TypeVar("Imported", bound="_HasEvidence")


class _HasEvidence(Protocol):
    @property
    def film(self) -> FilmRef: ...
    @property
    def evidence(self) -> Evidence | None: ...
    @property
    def source(self) -> str: ...


def resolve_imported(
    catalogue: Catalogue | None, items: Sequence[Imported], report: DiaryImportReport
) -> list[Imported]:
    """Each imported entry or watchlist item with the film its evidence names; every
    decision goes to the report. Without a catalogue the items keep the films their reader
    gave them (an IMDb row its ``imdb:`` key)."""
    if catalogue is None:
        return list(items)
    films = DiaryFilms(catalogue)
    found: list[Imported] = []
    for item in items:
        if item.evidence is None:
            found.append(item)
            continue
        row = films(item.evidence)
        report.note(item.source, item.evidence.label, row)
        found.append(replace(item, film=row.film))  # type: ignore[type-var]
    return found
