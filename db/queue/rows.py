"""The diary's side of the queue: entries, watchlist films and films of lists, read and
relinked alike.

Each names its film by a :class:`~kinolog.db.models.FilmRef` with a link state: waiting
(an import could not tell its film), ``none`` (the user said it is not in the catalogue),
or linked. Relinking one is an edit in the diary's history, undone like any other.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kinolog.db.errors import EntryNotFound
from kinolog.db.models import WAITING, DiaryEntry, FilmList, FilmRef, ListItem, WatchlistItem
from kinolog.db.queue.items import DiaryKind
from kinolog.db.resolver import Evidence

if TYPE_CHECKING:
    from kinolog.db.diary import Diary

__all__ = ["DiaryRow", "diary_row", "linked_rows", "relink", "waiting_rows"]


@dataclass(frozen=True)
class DiaryRow:
    """A diary row that names a film: an entry, a watchlist film or a film of a list.

    Attributes:
        detail: what it is, for people (``diary: watched 2024-01-05 ★★★★``).
        note: a watchlist film's note (kept when it joins the same film's item).
    """

    kind: DiaryKind
    id: int
    film: FilmRef
    detail: str
    note: str | None = None

    @property
    def ref(self) -> str:
        """``entry:N``, ``watchlist:N`` or ``list:N``."""
        return f"{self.kind}:{self.id}"

    def evidence(self) -> Evidence:
        """What the row says about its film: its copies of title and year, its IMDb id."""
        film = self.film
        titles = (film.title,) if film.title and film.title != film.imdb_id else ()
        return Evidence(titles, film.year, film.imdb_id, source=self.ref)


def _entry(entry: DiaryEntry) -> DiaryRow:
    when = f"watched {entry.watched}" if entry.watched else "date unknown"
    rating = f" {entry.stars}" if entry.rating else ""
    return DiaryRow("entry", entry.id, entry.film, f"diary: {when}{rating}")


def _watch(item: WatchlistItem) -> DiaryRow:
    when = f"added {item.added}" if item.added else "added on a day unknown"
    return DiaryRow("watchlist", item.id, item.film, f"watchlist: {when}", item.note)


def _listed(found: FilmList, item: ListItem) -> DiaryRow:
    return DiaryRow("list", item.id, item.film, f"list: {found.name}, no. {item.position}")


def waiting_rows(diary: Diary) -> list[DiaryRow]:
    """Every diary row waiting for its film: entries, then watchlist films, then lists'."""
    entries = sorted(diary.entries(unlinked=WAITING), key=lambda entry: entry.id)
    return [
        *(_entry(entry) for entry in entries),
        *(_watch(item) for item in diary.watchlist.waiting()),
        *(_listed(found, item) for found, item in diary.lists.waiting()),
    ]


def diary_row(diary: Diary, kind: DiaryKind, number: int) -> DiaryRow:
    """One live diary row by kind and id.

    Raises:
        EntryNotFound: no such row (or it was deleted, taken off, its list deleted).
    """
    if kind == "entry":
        entry = diary.get_entry(number)
        if entry.deleted:
            raise EntryNotFound(f"diary entry {number} is deleted")
        return _entry(entry)
    if kind == "watchlist":
        return _watch(diary.watchlist.get(number))
    return _listed(*diary.lists.item(number))


def linked_rows(diary: Diary) -> list[DiaryRow]:
    """Every live diary row that names its film."""
    return [
        *(_entry(entry) for entry in diary.entries() if entry.film.linked),
        *(_watch(item) for item in diary.watchlist.items() if item.film.linked),
        *(_listed(found, item) for found in diary.lists.all() for item in found.items
          if item.film.linked),
    ]  # fmt: skip


def relink(diary: Diary, row: DiaryRow, film: FilmRef, keys: Collection[str] = ()) -> bool:
    """Make ``row`` name ``film`` (an edit, undoable; call it inside a batch).

    A watchlist film whose film is on the watchlist already (under any of ``keys``, the
    film's keys) is not a second item of it: it is taken off instead, and its note goes to
    the item on the watchlist when that has none.

    Returns:
        True when the row was a second watchlist item of its film, and was taken off.
    """
    if row.kind == "entry":
        diary.link_entry(row.id, film)
    elif row.kind == "list":
        diary.lists.link_item(row.id, film)
    else:
        held = diary.watchlist.find({film.key, *keys}) if film.linked else None
        if held is not None and held.id != row.id:
            diary.watchlist.take_off(row.id)
            if row.note and not held.note:
                diary.watchlist.set_note(held.id, row.note)
            return True
        diary.watchlist.link(row.id, film)
    return False
