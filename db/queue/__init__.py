"""The resolution queue: reviews and diary rows waiting for their film, and settling them.

One queue for all (``kinolog films --unresolved``, ``kinolog resolve``, the app's resolve
screen): a review the importer could not attach (its film is unknown), and a diary entry,
watchlist film or film of a list an import kept under its own title and year (``unlinked =
'waiting'``). Each comes with the film resolver's candidates and why each is one.

A person settles an item: *attach* it to a film (a diary row's link changes, an edit undone
like any other; a review is pinned to the film), or say the film is *not in the catalogue*
(a diary row keeps its own title and year and leaves the queue: the decision is kept in the
diary, so a rebuilt catalogue does not lose it; a review gets a film of its own, made from
what it says).

When the catalogue grows (``import imdb``, ``import films``, ``import reviews``),
:meth:`FilmQueue.retry` tries every waiting item again and attaches those that now have a
clear winner. It also lets diary rows follow their film: a row named by a title key whose
film has since gained an IMDb id (a review-made film merged into the IMDb film) is named by
that id from then on, so it finds its film in any rebuilt catalogue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from kinolog.db.errors import EntryNotFound, FilmNotFound, InvalidValue
from kinolog.db.film_links import keys_of
from kinolog.db.formats.film_finder import DiaryFilms
from kinolog.db.importers.reviews.films import (
    attach_review,
    film_from_review,
    review_evidence,
    stored_facts,
)
from kinolog.db.models import NO_FILM, WAITING, Film, FilmRef
from kinolog.db.queue.items import Kind, RetryReport, Waiting, parse_ref
from kinolog.db.queue.rows import DiaryRow, diary_row, linked_rows, relink, waiting_rows
from kinolog.db.resolver import ATTACHED, FilmResolver, Resolution
from kinolog.db.resolver.known import stable_key
from kinolog.db.search import FilmSearch

if TYPE_CHECKING:
    from kinolog.db.catalogue import Catalogue
    from kinolog.db.diary import Diary

__all__ = ["FilmQueue", "Kind", "RetryReport", "Waiting", "parse_ref"]

_NAMES = {"entry": "diary entry", "watchlist": "watchlist film", "list": "film of a list"}


class FilmQueue:
    """The reviews and diary rows (entries, watchlist films, films of lists) waiting for
    their film.

    Args:
        catalogue: the catalogue (reviews, films).
        diary: the diary; None leaves diary rows out (no diary yet).
    """

    def __init__(self, catalogue: Catalogue, diary: Diary | None) -> None:
        self.catalogue = catalogue
        self.diary = diary
        self._search = FilmSearch(catalogue)

    # -- listing ------------------------------------------------------------------------------

    def items(self, *, thorough: bool = False) -> list[Waiting]:
        """Every waiting item (reviews first, then those with candidates), each with the
        resolver's candidates.

        Args:
            thorough: also look for films with close titles or parts of titles (slower:
                :meth:`item` does it for one item, when a person looks at it).
        """
        resolver = self._resolver(thorough)
        found = [self._review_item(resolver, review_id) for review_id in self._review_ids()]
        if self.diary is not None:
            found += [self._row_item(resolver, row) for row in waiting_rows(self.diary)]
        # Reviews first, then what has candidates to choose from, oldest first.
        found.sort(key=lambda item: (item.kind != "review", not item.resolution.possible))
        return found

    def item(self, ref: str) -> Waiting:
        """One waiting item by its id (``review:N``, ``entry:N``, ``watchlist:N``,
        ``list:N``), with every candidate (close titles and parts of titles too).

        Raises:
            InvalidValue: a malformed id. EntryNotFound/FilmNotFound: no such item waiting.
        """
        kind, number = parse_ref(ref)
        resolver = self._resolver(True)
        if kind == "review":
            if number not in self._review_ids():
                raise FilmNotFound(f"review {number} is not waiting for a film")
            return self._review_item(resolver, number)
        row = self._row(kind, number)
        if row.film.unlinked != WAITING:
            raise EntryNotFound(f"{_NAMES[kind]} {number} is not waiting for a film")
        return self._row_item(resolver, row)

    def _resolver(self, thorough: bool) -> FilmResolver:
        fuzzy: Literal["always", "people"] = "always" if thorough else "people"
        return FilmResolver(self.catalogue, finder=self._search, fuzzy=fuzzy)

    def _review_ids(self) -> list[int]:
        with self.catalogue.store.read() as conn:
            return [
                row[0]
                for row in conn.execute("SELECT id FROM reviews WHERE film_id IS NULL ORDER BY id")
            ]

    def _review_item(self, resolver: FilmResolver, review_id: int) -> Waiting:
        with self.catalogue.store.read() as conn:
            facts = stored_facts(conn, review_id)
            file, headline = conn.execute(
                "SELECT file, headline FROM reviews WHERE id = ?", (review_id,)
            ).fetchone()
        evidence = review_evidence(facts, source=f"review {review_id}")
        resolution = (
            resolver.resolve(evidence)
            if evidence.titles
            else Resolution("not_in_catalogue", None, "the review names no film title")
        )
        title = facts.title or facts.original_title or headline or file or f"review {review_id}"
        return Waiting("review", review_id, title, facts.year, f"review: {file}", resolution)

    def _row(self, kind: Kind, number: int) -> DiaryRow:
        if self.diary is None:
            raise EntryNotFound(f"no {_NAMES.get(kind, kind)} with id {number}")
        assert kind != "review"
        return diary_row(self.diary, kind, number)

    def _row_item(self, resolver: FilmResolver, row: DiaryRow) -> Waiting:
        film = row.film
        resolution = resolver.resolve(row.evidence())
        return Waiting(row.kind, row.id, film.title, film.year, row.detail, resolution)

    # -- settling -----------------------------------------------------------------------------

    def attach(self, ref: str, film: Film) -> str:
        """Attach a waiting item to ``film``; returns a sentence for the person.

        A watchlist film whose film is on the watchlist already is taken off instead (the
        film is on it once).

        Raises:
            InvalidValue: a malformed id, or a film the diary cannot name.
            EntryNotFound/FilmNotFound: no such item.
        """
        kind, number = parse_ref(ref)
        if kind == "review":
            with self.catalogue.store.write() as conn:
                stored_facts(conn, number)  # raises when there is no such review
                attach_review(conn, number, film.id)
            return f"review {number} is now about {film.label} [id:{film.id}]"
        row = self._row(kind, number)
        assert self.diary is not None
        with self.diary.batch():
            merged = relink(self.diary, row, self._ref_of(film, row.film), self._keys(film))
        what = f"{_NAMES[kind]} {number} ({row.film.label})"
        if merged:
            return f"{what}: {film.label} is on the watchlist already; took this one off"
        return f"{what} is now {film.label} [id:{film.id}]"

    def not_in_catalogue(self, ref: str) -> str:
        """The person says the item's film is not in the catalogue; returns a sentence.

        A diary row keeps its own title and year and leaves the queue (``unlinked =
        'none'``, undone like an edit); a review gets a film made from what it says.
        """
        kind, number = parse_ref(ref)
        if kind == "review":
            with self.catalogue.store.write() as conn:
                film_id = film_from_review(conn, number)
            film = self.catalogue.get_film(film_id)
            return f"review {number}: made the film {film.label} [id:{film_id}] from it"
        row = self._row(kind, number)
        assert self.diary is not None
        kept = row.film
        none = FilmRef(kept.key, kept.title, kept.year, kept.imdb_id, unlinked=NO_FILM)
        with self.diary.batch():
            relink(self.diary, row, none)
        return f"{_NAMES[kind]} {number} ({kept.label}): not in the catalogue, kept as it is"

    def _keys(self, film: Film) -> set[str]:
        """Every key the diary may know ``film`` by."""
        return keys_of(self.catalogue, film)

    def _ref_of(self, film: Film, kept: FilmRef) -> FilmRef:
        """The reference a diary row names ``film`` by (its IMDb id, else a title key),
        with the row's own copies of title and year."""
        key = f"imdb:{film.imdb_id}" if film.imdb_id else None
        if key is None:
            with self.catalogue.store.read() as conn:
                key = stable_key(conn, film.id, film.title, film.year)
        if key is None:
            raise InvalidValue(
                f"{film.label} [id:{film.id}] has no IMDb id and shares its title and year with"
                " another film: the diary cannot name it apart (import its IMDb id first)"
            )
        return FilmRef(key, kept.title, kept.year, film.imdb_id or kept.imdb_id)

    # -- when the catalogue grows -------------------------------------------------------------

    def retry(self, *, dry_run: bool = False) -> RetryReport:
        """Try every waiting item again; attach those that now have a clear winner.

        The diary's changes are one batch (one ``kinolog undo``), after a backup.
        """
        report = RetryReport()
        resolver = self._resolver(False)
        reviews = []
        for review_id in self._review_ids():
            with self.catalogue.store.read() as conn:
                pinned = conn.execute(
                    "SELECT film_pinned FROM reviews WHERE id = ?", (review_id,)
                ).fetchone()[0]
            item = None if pinned else self._review_item(resolver, review_id)
            if item is not None and item.resolution.status == ATTACHED:
                reviews.append(item)
            else:
                report.still_waiting += 1
        report.reviews = [item.label for item in reviews]
        relinks = self._found(report)
        followers = self._followers(resolver)
        report.followed = [row.film.label for row, _, _ in followers]
        relinks += followers
        if dry_run:
            return report
        if reviews:
            with self.catalogue.store.write() as conn:
                for item in reviews:
                    assert item.resolution.film_id is not None
                    attach_review(conn, item.id, item.resolution.film_id)
                    conn.execute("UPDATE reviews SET film_pinned = 0 WHERE id = ?", (item.id,))
        if relinks and self.diary is not None:
            from kinolog.db.backup import backup_diary

            backup_diary(self.diary, reason="resolve")
            with self.diary.batch():
                for row, film, keys in relinks:
                    if relink(self.diary, row, film, keys):
                        report.merged.append(row.film.label)
        return report

    def _found(self, report: RetryReport) -> list[tuple[DiaryRow, FilmRef, set[str]]]:
        """The waiting diary rows that now have a clear film (counted in the report)."""
        if self.diary is None:
            return []
        finder = DiaryFilms(self.catalogue)
        found: list[tuple[DiaryRow, FilmRef, set[str]]] = []
        labels = {"entry": report.entries, "watchlist": report.watchlist, "list": report.lists}
        for row in waiting_rows(self.diary):
            row_film = finder(row.evidence())
            film_id = row_film.resolution.film_id
            if not row_film.attached or film_id is None:
                report.still_waiting += 1
                continue
            watch = row.kind == "watchlist"  # a film on the watchlist twice is merged
            keys = self._keys(self.catalogue.get_film(film_id)) if watch else set()
            found.append((row, row_film.film, keys))
            labels[row.kind].append(row.film.label)
        return found

    def _followers(self, resolver: FilmResolver) -> list[tuple[DiaryRow, FilmRef, set[str]]]:
        """Diary rows named by a title key whose film now has an IMDb id, when the resolver
        finds that film for them too: to be named by the id."""
        follow: list[tuple[DiaryRow, FilmRef, set[str]]] = []
        for row in linked_rows(self.diary) if self.diary else []:
            ref = row.film
            if not ref.key.startswith("title:"):
                continue
            film = self.catalogue.film_by_key(ref.key)
            if film is None or film.imdb_id is None:
                continue
            if resolver.resolve(row.evidence()).film_id == film.id:
                key = f"imdb:{film.imdb_id}"
                follow.append((row, FilmRef(key, ref.title, ref.year, film.imdb_id), set()))
        return follow
