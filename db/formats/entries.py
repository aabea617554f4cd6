"""Applying an import: the one place that decides what is already in the diary.

Each format's reader turns rows into imported entries, likes, watchlist items and lists
(:mod:`.imported`) and hands them to :func:`apply_import`. An import that changes something
is one :meth:`Diary.batch` (``kinolog undo`` takes all of it back), made after a verified
backup of the diary; an import that changes nothing writes nothing at all: no backup, no
undo step.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kinolog.db.formats.imported import (
    ImportedEntry,
    ImportedLike,
    ImportedList,
    ImportedWatchlistItem,
    film_keys,
)
from kinolog.db.formats.marks import MarksPlan, apply_marks, plan_marks
from kinolog.db.formats.report import DiaryImportReport, ExportResult
from kinolog.db.models import DiaryEntry

if TYPE_CHECKING:
    from kinolog.db.diary import Diary

__all__ = [
    "DiaryImportReport",
    "ExportResult",
    "ImportedEntry",
    "apply_import",
    "film_keys",
    "plan_entries",
]


@dataclass
class EntriesPlan:
    """What an import does to the diary's entries."""

    add: list[ImportedEntry] = field(default_factory=list)
    complete: list[tuple[DiaryEntry, dict[str, Any]]] = field(default_factory=list)
    present: int = 0


def plan_entries(existing: Iterable[DiaryEntry], incoming: Sequence[ImportedEntry]) -> EntriesPlan:
    """Compare imported entries with the live diary: what to add, complete, or skip.

    An imported viewing is already there when a live entry of the same film has the same
    watched date (its rating or note may since have been edited by the user). An undated
    entry is there when an undated entry of the film has the same rating, or was logged
    at the same moment (the export's Date: a rating edited since). Each diary entry
    stands for one imported entry only, so two viewings on one day stay two.
    """
    pools: dict[str, list[DiaryEntry]] = {}
    for entry in existing:
        for key in film_keys(entry.film):
            pools.setdefault(key, []).append(entry)
    used: set[int] = set()
    plan = EntriesPlan()
    for item in incoming:
        found = {
            entry.id: entry
            for key in sorted(item.keys)
            for entry in pools.get(key, ())
            if entry.id not in used and entry.watched == item.watched
        }
        candidates = sorted(found.values(), key=lambda entry: entry.id)
        if item.watched is None:
            candidates = [
                entry
                for entry in candidates
                if entry.rating == item.rating
                or (item.logged_at is not None and entry.logged == item.logged_at)
            ]
        if not candidates:
            plan.add.append(item)
            continue
        # The closest one first: same rating and rewatch, then anything that day.
        candidates.sort(
            key=lambda entry: (entry.rating != item.rating, entry.rewatch != item.rewatch)
        )
        match = candidates[0]
        used.add(match.id)
        changes: dict[str, Any] = {}
        if item.note and not match.note:
            changes["note"] = item.note
        if item.tags and not match.tags:
            changes["tags"] = list(item.tags)
        if item.liked and not match.liked:
            changes["liked"] = True
        if changes:
            plan.complete.append((match, changes))
        else:
            plan.present += 1
    return plan


def _plan(
    diary: Diary,
    entries: Sequence[ImportedEntry],
    likes: Sequence[ImportedLike],
    watchlist: Sequence[ImportedWatchlistItem],
    lists: Sequence[ImportedList],
) -> tuple[EntriesPlan, MarksPlan]:
    live = diary.entries()
    plan = plan_entries(live, entries)
    marks = plan_marks(diary, live, plan.add, plan.complete, likes, watchlist, lists)
    return plan, marks


def apply_import(
    diary: Diary,
    entries: Sequence[ImportedEntry],
    report: DiaryImportReport,
    *,
    likes: Sequence[ImportedLike] = (),
    watchlist: Sequence[ImportedWatchlistItem] = (),
    lists: Sequence[ImportedList] = (),
    dry_run: bool = False,
    backup: bool = True,
) -> DiaryImportReport:
    """Add what the diary does not have yet, in one undoable batch.

    Entries already there are counted, not added; an existing entry without a note, tags
    or a like gets the imported ones (an edit, kept in its history). Nothing else of an
    existing entry is ever changed. A liked film's entry is marked liked; watchlist items
    and lists are added (a list that changed at the source is updated to match). When
    anything changes, the diary is backed up first (verified, rotated:
    :func:`kinolog.db.backup.backup_diary`); an import that changes nothing writes nothing.

    Args:
        diary: the diary to import into.
        entries: what the importer read, oldest first.
        report: the importer's report; filled in and returned.
        likes, watchlist, lists: the liked films, watchlist and lists the importer read.
        dry_run: only fill in the report.
        backup: back the diary up before writing (tests of other things turn it off).

    Returns:
        The report.
    """
    plan, marks = _plan(diary, entries, likes, watchlist, lists)
    changes = bool(plan.add or plan.complete or marks.changes)
    if not dry_run and changes and backup:
        from kinolog.db.backup import backup_diary

        report.backup = backup_diary(diary, reason=f"import-{report.kind}")
    if not dry_run and changes:
        with diary.batch():
            # Compare again inside the write transaction: another window may have
            # logged something since the first look.
            plan, marks = _plan(diary, entries, likes, watchlist, lists)
            for item in plan.add:
                diary.log_viewing(
                    item.film,
                    rating=item.rating,
                    watched=item.watched,
                    rewatch=item.rewatch,
                    liked=item.liked,
                    tags=item.tags,
                    note=item.note,
                    logged_at=item.logged_at,
                    logged_known=item.logged_at is not None,
                )
            for entry, edits in plan.complete:
                diary.edit_entry(entry.id, **edits)
            apply_marks(diary, marks)
    report.dry_run = dry_run
    report.added = plan.add
    report.completed = plan.complete
    report.present += plan.present  # the importer may have counted some already
    marks.fill(report)
    return report
