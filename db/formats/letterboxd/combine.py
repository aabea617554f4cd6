"""Turning the rows of a Letterboxd export into diary entries, likes, watchlist and lists.

How the files combine, so that nothing is counted twice:

* each diary row is a viewing; a review joins the viewing with the same Letterboxd URI
  (else the same film and watched date) as its note, or is an entry of its own;
* a rating is an undated rated entry when no viewing of the film carries that rating as
  its latest (Letterboxd's film rating is the current one; kinolog's current rating is
  the latest rated entry);
* a watched film is an undated, unrated entry only when nothing else logs that film;
* a liked film (``likes/films.csv``) marks its entry liked (see :mod:`..marks`);
* ``watchlist.csv`` rows are watchlist films; each ``lists/*.csv`` is a named list.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from kinolog.db.diary.values import clean_tags
from kinolog.db.formats.film_finder import DiaryFilms, RowDecision, RowFilm
from kinolog.db.formats.imported import (
    ImportedEntry,
    ImportedLike,
    ImportedList,
    ImportedListItem,
    ImportedWatchlistItem,
    film_keys,
)
from kinolog.db.formats.letterboxd.files import LetterboxdExport, LetterboxdRow
from kinolog.db.formats.letterboxd.lists import looks_ranked
from kinolog.db.formats.report import DiaryImportReport
from kinolog.db.formats.values import html_to_text, parse_date
from kinolog.db.models import DiaryEntry, FilmRef
from kinolog.db.progress import SILENT, Progress
from kinolog.db.resolver import NOT_IN_CATALOGUE, Resolution
from kinolog.db.text import title_film_key

__all__ = ["combine", "find_films", "letterboxd_lists", "likes", "watchlist"]


def entry_of(row: LetterboxdRow, film: FilmRef, *, rating: bool = True) -> ImportedEntry:
    return ImportedEntry(
        film=film,
        aliases=(title_film_key(row.name, row.year),),
        rating=row.rating if rating else None,
        watched=row.watched,
        logged_at=row.logged_at,
        rewatch=row.rewatch,
        tags=row.tags,
        note=row.note,
        liked=row.liked,
        source=row.source,
    )


def find_films(
    rows: Sequence[LetterboxdRow],
    find: DiaryFilms,
    report: DiaryImportReport,
    progress: Progress = SILENT,
) -> tuple[list[LetterboxdRow], dict[int, FilmRef]]:
    """Each row's film (by ``id(row)``), through the film resolver; the report gets every
    decision and the films the catalogue lacks or cannot tell apart.

    A row that names its film only by a TMDB id or its Letterboxd link takes the title and
    year of the film that id names; when the catalogue does not know the id, the row has
    nothing to be kept under and is not imported (one line in ``report.unkept``).

    Returns:
        The rows kept (an id-only row with its film's title) and their films.
    """
    films: dict[int, FilmRef] = {}
    kept: list[LetterboxdRow] = []
    progress.start("finding the films in the catalogue", len(rows))
    for row in rows:
        found = find(row.evidence())
        progress.advance(1)
        if row.by_id_only:
            if not found.attached:
                _not_kept(row, found, report, progress)
                continue
            report.note(row.source, row.ids_label, found)
            row = replace(row, name=found.film.title, year=row.year or found.film.year)
        else:
            report.note(row.source, f"{row.name} ({row.year})" if row.year else row.name, found)
        films[id(row)] = found.film
        kept.append(row)
    progress.finish()
    return kept, films


def _not_kept(
    row: LetterboxdRow, found: RowFilm, report: DiaryImportReport, progress: Progress
) -> None:
    """An id-only row whose id the catalogue does not know: reported, not imported."""
    reason = (
        f"the catalogue knows no film by {row.ids_label}, and the row gives no title and year"
        " to keep it under: not imported (import a film list with this id first: kinolog"
        " import films; or add Title and Year to the row)"
    )
    unknown = Resolution(NOT_IN_CATALOGUE, None, reason, found.resolution.candidates)
    ref = FilmRef("", row.ids_label, row.year)
    report.decisions.append(RowDecision(row.source, row.ids_label, RowFilm(ref, unknown)))
    message = f"{row.source}: {reason}"
    report.unkept.append(message)
    progress.problem(message)


def combine(
    rows: Sequence[LetterboxdRow],
    films: Mapping[int, FilmRef],
    existing: Sequence[DiaryEntry] = (),
) -> tuple[list[ImportedEntry], int]:
    """Turn the rows of all files into diary entries, each viewing once (see the module).

    Args:
        rows: the rows of every file read.
        films: each row's film, by ``id(row)`` (:func:`find_films`).
        existing: the live diary: a rating it already has as its film's latest, or a film
            it already logs, is not imported again from ``ratings.csv`` or ``watched.csv``.

    Returns:
        The entries, in the order they were logged on Letterboxd, and how many rating or
        watched rows were left out because the diary already has them.
    """
    entries: list[ImportedEntry] = []
    by_uri: dict[str, int] = {}
    by_day: dict[tuple[str, str | None], list[int]] = {}

    def add(entry: ImportedEntry) -> None:
        by_day.setdefault((entry.film.key, entry.watched), []).append(len(entries))
        entries.append(entry)

    for row in rows:
        if row.kind in ("diary", "import"):
            if row.uri:
                by_uri[row.uri] = len(entries)
            add(entry_of(row, films[id(row)]))
    for row in (row for row in rows if row.kind == "reviews"):
        film = films[id(row)]
        target = by_uri.get(row.uri) if row.uri else None
        if target is None:
            same_day = by_day.get((film.key, row.watched), [])
            target = next((index for index in same_day if not entries[index].note), None)
        if target is None:
            add(entry_of(row, film))
            continue
        held = entries[target]
        entries[target] = replace(
            held,
            note=held.note or row.note,
            tags=clean_tags([*held.tags, *row.tags]),
            rating=held.rating if held.rating is not None else row.rating,
        )
    # A rating row is the film's current rating: new only when the film's latest rating,
    # in this import (else in the diary), differs. Otherwise the apply step decides.
    in_import = _latest_ratings((e.film, e.logged_at or "", e.rating) for e in entries)
    in_diary = _latest_ratings((e.film, e.logged_at, e.rating) for e in existing)
    in_diary_already, counted = 0, set[str]()
    for row in (row for row in rows if row.kind == "ratings" and row.rating is not None):
        entry = replace(entry_of(row, films[id(row)]), watched=None, rewatch=False)
        keys = entry.keys
        latest = max((in_import[k] for k in keys if k in in_import), default=None)
        in_this_import = latest is not None
        if latest is None:
            latest = max((in_diary[k] for k in keys if k in in_diary), default=None)
        if latest is None or latest[1] != entry.rating:
            add(entry)
        elif not in_this_import:
            in_diary_already += 1
            counted |= keys
    logged = {key for entry in entries for key in entry.keys}
    in_diary_logged = {key for entry in existing for key in film_keys(entry.film)}
    # A rating row without a rating (hand-made files) says no more than a watched row.
    unrated = ("watched", "ratings")
    for row in (row for row in rows if row.kind in unrated and row.rating is None):
        entry = entry_of(row, films[id(row)], rating=False)
        if not entry.keys & (logged | in_diary_logged):
            add(entry)
            logged |= entry.keys
        elif not entry.keys & (logged | counted):
            in_diary_already += 1
            counted |= entry.keys
    order = {id(entry): index for index, entry in enumerate(entries)}
    entries.sort(key=lambda entry: (entry.logged_at or "9999", order[id(entry)]))
    return entries, in_diary_already


def _latest_ratings(
    facts: Iterable[tuple[FilmRef, str, int | None]],
) -> dict[str, tuple[str, int]]:
    """Film key -> (when logged, rating) of each film's latest rated entry."""
    latest: dict[str, tuple[str, int]] = {}
    for film, logged_at, rating in facts:
        if rating is None:
            continue
        for key in film_keys(film):
            if key not in latest or logged_at >= latest[key][0]:
                latest[key] = (logged_at, rating)
    return latest


def _aliases(row: LetterboxdRow) -> tuple[str, ...]:
    return (title_film_key(row.name, row.year),)


def likes(rows: Sequence[LetterboxdRow], films: Mapping[int, FilmRef]) -> list[ImportedLike]:
    """The liked films of ``likes/films.csv`` (an import-CSV row with a like column carries
    its like on its entry)."""
    return [
        ImportedLike(films[id(row)], row.day, row.source, _aliases(row))
        for row in rows
        if row.kind == "likes"
    ]


def watchlist(
    rows: Sequence[LetterboxdRow], films: Mapping[int, FilmRef]
) -> list[ImportedWatchlistItem]:
    """The watchlist films, in the order they were added."""
    return [
        ImportedWatchlistItem(films[id(row)], row.day, row.note, row.source, _aliases(row))
        for row in rows
        if row.kind == "watchlist"
    ]


def letterboxd_lists(
    export: LetterboxdExport, films: Mapping[int, FilmRef], report: DiaryImportReport
) -> list[ImportedList]:
    """Each list file as a named list; its film rows are the ``list`` rows read from it."""
    by_source: dict[str, list[LetterboxdRow]] = {}
    for row in export.rows:
        if row.kind == "list":
            by_source.setdefault(row.source.rsplit(" line ", 1)[0], []).append(row)
    found: list[ImportedList] = []
    for list_file in export.lists:
        header = list_file.header
        name = " ".join(header.get("name", "").split())
        if not name:
            report.bad.append(f"{list_file.source}: the list has no name")
            continue
        description = html_to_text(header.get("description", "")) or None
        tags = clean_tags(header.get("tags", "").split(","))
        try:
            created = parse_date(header.get("date", ""))
        except ValueError as error:
            report.bad.append(f"{list_file.source}: {error}")
            created = None
        rows = by_source.get(list_file.source, [])
        items = tuple(
            ImportedListItem(films[id(row)], row.position or index, row.note, _aliases(row))
            for index, row in enumerate(rows, start=1)
        )
        found.append(
            ImportedList(
                name=name,
                description=description,
                ranked=looks_ranked(name, description, tags),
                tags=tags,
                url=header.get("url") or None,
                created=created,
                items=items,
                source=list_file.source,
            )
        )
    return found
