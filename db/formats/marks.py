"""Planning the parts of an import that are not viewings: likes, the watchlist and lists.

* A like belongs to an entry (Letterboxd likes films; kinolog's like is on a viewing): the
  film's entry watched on the day it was liked, else its latest one, is marked liked. A
  film liked but logged nowhere (in the diary or this import) becomes an undated entry, as
  liking a film on Letterboxd marks it watched. A film liked in any live entry is liked
  already.
* A watchlist film already on the watchlist stays as it is.
* A list is the same list when its link (else its name) is; one whose header or films
  differ from the source's is updated to match (undoably); an identical one is left alone.
  A film of the list that the user attached to its film (or said is not in the catalogue)
  keeps that decision when the list is updated and the import still cannot tell its film.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from kinolog.db.diary.lists import ListHeader
from kinolog.db.diary.values import clean_tags
from kinolog.db.formats.imported import (
    ImportedEntry,
    ImportedLike,
    ImportedList,
    ImportedWatchlistItem,
    film_keys,
)
from kinolog.db.models import WAITING, DiaryEntry, FilmList
from kinolog.db.text import fold, title_film_key

if TYPE_CHECKING:
    from kinolog.db.diary import Diary
    from kinolog.db.formats.report import DiaryImportReport

__all__ = ["MarksPlan", "apply_marks", "plan_marks"]


@dataclass
class MarksPlan:
    """What an import does to likes, the watchlist and lists."""

    liked: list[str] = field(default_factory=list)
    likes_present: int = 0
    watch_add: list[ImportedWatchlistItem] = field(default_factory=list)
    watch_present: int = 0
    list_add: list[ImportedList] = field(default_factory=list)
    list_replace: list[tuple[int, ImportedList]] = field(default_factory=list)
    lists_present: int = 0

    @property
    def changes(self) -> bool:
        """Whether applying it writes anything (likes are edits of the entries plan)."""
        return bool(self.liked or self.watch_add or self.list_add or self.list_replace)

    def fill(self, report: DiaryImportReport) -> None:
        """Put what it does into the import report."""
        report.liked = list(self.liked)
        report.likes_present += self.likes_present
        report.watchlist_added = list(self.watch_add)
        report.watchlist_present += self.watch_present
        report.lists_added = [found.name for found in self.list_add]
        report.lists_updated = [found.name for _, found in self.list_replace]
        report.lists_present += self.lists_present
        made = [*self.list_add, *(found for _, found in self.list_replace)]
        report.list_films_waiting = sorted(
            {item.film.label for found in made for item in found.items if item.film.unlinked}
        )


def plan_marks(
    diary: Diary,
    live: Sequence[DiaryEntry],
    add: list[ImportedEntry],
    complete: list[tuple[DiaryEntry, dict[str, Any]]],
    likes: Sequence[ImportedLike],
    watchlist: Sequence[ImportedWatchlistItem],
    lists: Sequence[ImportedList],
) -> MarksPlan:
    """Plan likes, watchlist and lists; likes go into the entries plan (``add`` and
    ``complete`` are changed in place)."""
    plan = MarksPlan()
    _plan_likes(plan, live, add, complete, likes)
    if watchlist:
        held = {key for item in diary.watchlist.items() for key in film_keys(item.film)}
        for item in watchlist:
            if item.keys & held:
                plan.watch_present += 1
            else:
                plan.watch_add.append(item)
                held |= item.keys
    if lists:
        _plan_lists(plan, diary.lists.all(), lists)
    return plan


def _plan_likes(
    plan: MarksPlan,
    live: Sequence[DiaryEntry],
    add: list[ImportedEntry],
    complete: list[tuple[DiaryEntry, dict[str, Any]]],
    likes: Sequence[ImportedLike],
) -> None:
    if not likes:
        return
    edits = {entry.id: changes for entry, changes in complete}
    # Each film key -> the live entries and the planned additions known by it (an export
    # has thousands of likes and viewings: no pairwise comparing).
    live_by_key: dict[str, list[DiaryEntry]] = defaultdict(list)
    for entry in live:
        for key in film_keys(entry.film):
            live_by_key[key].append(entry)
    added_by_key: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(add):
        for key in item.keys:
            added_by_key[key].append(index)
    done: set[str] = set()
    for like in likes:
        keys = like.keys
        if keys & done:
            continue
        done |= keys
        mine = list({e.id: e for k in keys for e in live_by_key.get(k, ())}.values())
        planned = sorted({i for k in keys for i in added_by_key.get(k, ())})
        if any(e.liked or edits.get(e.id, {}).get("liked") for e in mine) or any(
            add[index].liked for index in planned
        ):
            plan.likes_present += 1
            continue
        plan.liked.append(like.film.label)
        # (watched day is the like's day, latest watched, latest logged) decides.
        # (then the newest entry, the latest planned one: the same choice on every run).
        options: list[tuple[tuple[bool, str, str, int, int], Any]] = [
            ((e.watched == like.liked_on, e.watched or "", e.logged_at, 0, e.id), e) for e in mine
        ]
        options += [
            (
                (
                    add[i].watched == like.liked_on,
                    add[i].watched or "",
                    add[i].logged_at or "",
                    1,
                    i,
                ),
                i,
            )
            for i in planned
        ]
        if not options:
            logged = f"{like.liked_on}T00:00:00.000000Z" if like.liked_on else None
            new = ImportedEntry(
                film=like.film, liked=True, logged_at=logged, source=like.source,
                aliases=like.aliases,
            )  # fmt: skip
            for key in new.keys:
                added_by_key[key].append(len(add))
            add.append(new)
            continue
        target = max(options, key=lambda option: option[0])[1]
        if isinstance(target, int):
            add[target] = replace(add[target], liked=True)
        elif target.id in edits:
            edits[target.id]["liked"] = True
        else:
            edits[target.id] = {"liked": True}
            complete.append((target, edits[target.id]))


def _same_list(held: FilmList, source: ImportedList) -> bool:
    header = (held.name, held.description or None, held.ranked, held.tags, held.url, held.created)
    wanted = (
        source.name, source.description or None, source.ranked, clean_tags(source.tags),
        source.url, source.created,
    )  # fmt: skip
    if header != wanted or len(held.items) != len(source.items):
        return False
    ordered = sorted(source.items, key=lambda item: item.position)
    return all(
        bool(film_keys(mine.film) & theirs.keys) and (mine.note or None) == (theirs.note or None)
        for mine, theirs in zip(held.items, ordered, strict=True)
    )


def _keep_settled(held: FilmList, source: ImportedList) -> ImportedList:
    """The source list, its films that wait for a film taking the held list's settled link
    of the same title and year (a person chose it; the import knows no better)."""
    settled = {
        title_film_key(item.film.title, item.film.year): item.film
        for item in held.items
        if item.film.unlinked != WAITING
    }
    items = []
    for item in source.items:
        own = title_film_key(item.film.title, item.film.year)
        if item.film.unlinked == WAITING and own in settled:
            item = replace(item, film=settled[own])
        items.append(item)
    return replace(source, items=tuple(items))


def _plan_lists(plan: MarksPlan, held: Sequence[FilmList], lists: Sequence[ImportedList]) -> None:
    taken: set[int] = set()
    for source in lists:
        match = next((h for h in held if source.url and h.url == source.url), None)
        if match is None:
            match = next(
                (h for h in held if h.id not in taken and fold(h.name) == fold(source.name)),
                None,
            )
        if match is None:
            plan.list_add.append(source)
            continue
        taken.add(match.id)
        if _same_list(match, source):
            plan.lists_present += 1
        else:
            plan.list_replace.append((match.id, _keep_settled(match, source)))


def _header(source: ImportedList) -> ListHeader:
    return ListHeader(
        name=source.name,
        description=source.description,
        ranked=source.ranked,
        tags=source.tags,
        url=source.url,
        created=source.created,
    )


def apply_marks(diary: Diary, plan: MarksPlan) -> None:
    """Write the watchlist and list changes (inside the import's batch)."""
    for item in plan.watch_add:
        diary.watchlist.add(item.film, added=item.added, note=item.note)
    for source in plan.list_add:
        items = sorted(source.items, key=lambda item: item.position)
        diary.lists.create(_header(source), [(item.film, item.note) for item in items])
    for list_id, source in plan.list_replace:
        items = sorted(source.items, key=lambda item: item.position)
        diary.lists.replace(list_id, _header(source), [(item.film, item.note) for item in items])
