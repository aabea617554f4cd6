"""The resolution queue: reviews and diary entries waiting for their film, and settling them.

One queue for both (``kinolog films --unresolved``, ``kinolog resolve``, the app's resolve
screen): a review the importer could not attach (its film is unknown), and a diary entry an
import kept under its own title and year (``unlinked = 'waiting'``). Each comes with the
film resolver's candidates and why each is one.

A person settles an item: *attach* it to a film (a diary entry's link changes, an edit
undone like any other; a review is pinned to the film), or say the film is *not in the
catalogue* (a diary entry keeps its own title and year and leaves the queue: the decision
is kept in the diary, so a rebuilt catalogue does not lose it; a review gets a film of its
own, made from what it says).

When the catalogue grows (``import imdb``, ``import films``, ``import reviews``),
:meth:`FilmQueue.retry` tries every waiting item again and attaches those that now have a
clear winner. It also lets entries follow their film: an entry named by a title key whose
film has since gained an IMDb id (a review-made film merged into the IMDb film) is named by
that id from then on, so it finds its film in any rebuilt catalogue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from kinolog.db.errors import EntryNotFound, FilmNotFound, InvalidValue
from kinolog.db.formats.film_finder import DiaryFilms
from kinolog.db.importers.reviews.films import (
    attach_review,
    film_from_review,
    review_evidence,
    stored_facts,
)
from kinolog.db.models import NO_FILM, WAITING, DiaryEntry, Film, FilmRef
from kinolog.db.resolver import ATTACHED, Evidence, FilmResolver, Resolution
from kinolog.db.resolver.known import stable_key
from kinolog.db.search import FilmSearch

if TYPE_CHECKING:
    from kinolog.db.catalogue import Catalogue
    from kinolog.db.diary import Diary

__all__ = ["FilmQueue", "RetryReport", "Waiting", "parse_ref"]

Kind = Literal["review", "entry"]
_REF = re.compile(r"^(review|entry|r|e)[:\s-]?(\d+)$", re.IGNORECASE)


def parse_ref(text: str) -> tuple[Kind, int]:
    """``review:12`` -> ``("review", 12)``; ``entry:34`` (or ``e34``) -> ``("entry", 34)``.

    Raises:
        InvalidValue: not a queue item's id.
    """
    match = _REF.match(text.strip())
    if match is None:
        raise InvalidValue(
            f"{text!r} is not a queue item: use review:N or entry:N (kinolog films --unresolved)"
        )
    kind: Kind = "review" if match[1].casefold().startswith("r") else "entry"
    return kind, int(match[2])


@dataclass(frozen=True)
class Waiting:
    """One item of the queue: a review or a diary entry, with the resolver's candidates.

    Attributes:
        ref: ``review:N`` or ``entry:N``.
        title, year: the film as the item names it.
        detail: what the item is (``diary: watched 2024-01-05 ★★★★``, ``review: page.md``).
    """

    kind: Kind
    id: int
    title: str
    year: int | None
    detail: str
    resolution: Resolution

    @property
    def ref(self) -> str:
        """``review:N`` or ``entry:N``."""
        return f"{self.kind}:{self.id}"

    @property
    def label(self) -> str:
        """``Title (Year)``."""
        return f"{self.title} ({self.year})" if self.year else self.title

    def as_json(self) -> dict[str, Any]:
        """``{"id", "kind", "title", "year", "detail", "status", "reason", "candidates"}``."""
        return {
            "id": self.ref,
            "kind": self.kind,
            "title": self.title,
            "year": self.year,
            "detail": self.detail,
            "status": self.resolution.status,
            "reason": self.resolution.reason,
            "candidates": [c.as_json() for c in self.resolution.candidates[:8]],
        }


@dataclass
class RetryReport:
    """What trying the waiting items again did: who found their film."""

    entries: list[str] = field(default_factory=list)
    reviews: list[str] = field(default_factory=list)
    still_waiting: int = 0
    followed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """``waiting for a film: 3 diary entries and 1 review found theirs, 12 still wait``."""
        found = []
        if self.entries:
            found.append(
                f"{len(self.entries)} diary entr{'y' if len(self.entries) == 1 else 'ies'}"
            )
        if self.reviews:
            found.append(f"{len(self.reviews)} review{'s' * (len(self.reviews) != 1)}")
        done = " and ".join(found) + " found their film" if found else "none found its film"
        line = f"waiting for a film: {done}, {self.still_waiting} still wait"
        if self.followed:
            line += f"; {len(self.followed)} diary entries now name their film by its IMDb id"
        return line


class FilmQueue:
    """The reviews and diary entries waiting for their film.

    Args:
        catalogue: the catalogue (reviews, films).
        diary: the diary; None leaves diary entries out (no diary yet).
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
            waiting = sorted(self.diary.entries(unlinked=WAITING), key=lambda entry: entry.id)
            found += [self._entry_item(resolver, entry) for entry in waiting]
        # Reviews first, then what has candidates to choose from, oldest first.
        found.sort(key=lambda item: (item.kind != "review", not item.resolution.possible))
        return found

    def item(self, ref: str) -> Waiting:
        """One waiting item by its ``review:N``/``entry:N`` id, with every candidate (close
        titles and parts of titles too).

        Raises:
            InvalidValue: a malformed id. EntryNotFound/FilmNotFound: no such item waiting.
        """
        kind, number = parse_ref(ref)
        resolver = self._resolver(True)
        if kind == "review":
            if number not in self._review_ids():
                raise FilmNotFound(f"review {number} is not waiting for a film")
            return self._review_item(resolver, number)
        entry = self._entry(number)
        if entry.film.unlinked != WAITING:
            raise EntryNotFound(f"diary entry {number} is not waiting for a film")
        return self._entry_item(resolver, entry)

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

    def _entry(self, entry_id: int) -> DiaryEntry:
        if self.diary is None:
            raise EntryNotFound(f"no diary entry with id {entry_id}")
        return self.diary.get_entry(entry_id)

    def _entry_item(self, resolver: FilmResolver, entry: DiaryEntry) -> Waiting:
        film = entry.film
        resolution = resolver.resolve(_entry_evidence(entry))
        when = f"watched {entry.watched}" if entry.watched else "date unknown"
        rating = f" {entry.stars}" if entry.rating else ""
        return Waiting(
            "entry", entry.id, film.title, film.year, f"diary: {when}{rating}", resolution
        )

    # -- settling -----------------------------------------------------------------------------

    def attach(self, ref: str, film: Film) -> str:
        """Attach a waiting item to ``film``; returns a sentence for the person.

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
        entry = self._entry(number)
        assert self.diary is not None
        self.diary.link_entry(number, self._ref_of(film, entry))
        return f"diary entry {number} ({entry.film.label}) is now {film.label} [id:{film.id}]"

    def not_in_catalogue(self, ref: str) -> str:
        """The person says the item's film is not in the catalogue; returns a sentence.

        A diary entry keeps its own title and year and leaves the queue (``unlinked =
        'none'``, undone like an edit); a review gets a film made from what it says.
        """
        kind, number = parse_ref(ref)
        if kind == "review":
            with self.catalogue.store.write() as conn:
                film_id = film_from_review(conn, number)
            film = self.catalogue.get_film(film_id)
            return f"review {number}: made the film {film.label} [id:{film_id}] from it"
        entry = self._entry(number)
        assert self.diary is not None
        kept = entry.film
        none = FilmRef(kept.key, kept.title, kept.year, kept.imdb_id, unlinked=NO_FILM)
        self.diary.link_entry(number, none)
        return f"diary entry {number} ({kept.label}): not in the catalogue, kept as it is"

    def _ref_of(self, film: Film, entry: DiaryEntry) -> FilmRef:
        """The reference a diary entry names ``film`` by (its IMDb id, else a title key)."""
        key = f"imdb:{film.imdb_id}" if film.imdb_id else None
        if key is None:
            with self.catalogue.store.read() as conn:
                key = stable_key(conn, film.id, film.title, film.year)
        if key is None:
            raise InvalidValue(
                f"{film.label} [id:{film.id}] has no IMDb id and shares its title and year with"
                " another film: the diary cannot name it apart (import its IMDb id first)"
            )
        imdb_id = film.imdb_id or entry.film.imdb_id
        return FilmRef(key, entry.film.title, entry.film.year, imdb_id)

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
        finder = DiaryFilms(self.catalogue)
        relinks: list[tuple[DiaryEntry, FilmRef]] = []
        for entry in self.diary.entries(unlinked=WAITING) if self.diary else []:
            found = finder(_entry_evidence(entry))
            if found.attached:
                relinks.append((entry, found.film))
            else:
                report.still_waiting += 1
        report.reviews = [item.label for item in reviews]
        report.entries = [entry.film.label for entry, _ in relinks]
        followers = self._followers(resolver)
        report.followed = [entry.film.label for entry, _ in followers]
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
                for entry, film in relinks:
                    self.diary.link_entry(entry.id, film)
        return report

    def _followers(self, resolver: FilmResolver) -> list[tuple[DiaryEntry, FilmRef]]:
        """Entries named by a title key whose film now has an IMDb id, when the resolver
        finds that film for them too: to be named by the id."""
        follow: list[tuple[DiaryEntry, FilmRef]] = []
        for entry in self.diary.entries() if self.diary else []:
            ref = entry.film
            if not ref.linked or not ref.key.startswith("title:"):
                continue
            film = self.catalogue.film_by_key(ref.key)
            if film is None or film.imdb_id is None:
                continue
            if resolver.resolve(_entry_evidence(entry)).film_id == film.id:
                key = f"imdb:{film.imdb_id}"
                follow.append((entry, FilmRef(key, ref.title, ref.year, film.imdb_id)))
        return follow


def _entry_evidence(entry: DiaryEntry) -> Evidence:
    film = entry.film
    titles = (film.title,) if film.title and film.title != film.imdb_id else ()
    return Evidence(titles, film.year, film.imdb_id, source=f"entry {entry.id}")
