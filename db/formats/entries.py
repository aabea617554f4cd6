"""What every diary format shares: imported entries, the import report, applying an import.

Each format's reader turns rows into :class:`ImportedEntry` values and hands them to
:func:`apply_import`, the one place that decides what is already in the diary. An import
is one :meth:`Diary.batch` (``kinolog undo`` takes all of it back), made after a verified
backup of the diary. Each format's writer returns an :class:`ExportResult`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kinolog.db.models import DiaryEntry, FilmRef
from kinolog.db.ratings import stars
from kinolog.db.text import title_film_key

if TYPE_CHECKING:
    from kinolog.db.diary import Diary

__all__ = ["DiaryImportReport", "ExportResult", "ImportedEntry", "apply_import", "film_keys"]


# -- what importers produce ------------------------------------------------------------------


@dataclass(frozen=True)
class ImportedEntry:
    """One diary entry an import would add, before it is compared with the diary.

    Attributes:
        logged_at: when it was logged in the source (its Date column), or None for now.
        source: where it came from, for messages (``diary.csv line 7``).
        aliases: other keys the source's film may have in the diary already (the
            title-and-year key of the title as the source spells it).
    """

    film: FilmRef
    rating: int | None = None
    watched: str | None = None
    logged_at: str | None = None
    rewatch: bool = False
    liked: bool = False
    tags: tuple[str, ...] = ()
    note: str | None = None
    source: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def keys(self) -> set[str]:
        """Every key this entry's film may be known by in the diary."""
        return film_keys(self.film) | set(self.aliases)

    def describe(self) -> str:
        """``Heat (1995) ★★★★½ watched 2024-01-05``: one line for a person."""
        rating = f" {stars(self.rating)}" if self.rating else ""
        watched = f" watched {self.watched}" if self.watched else " (date unknown)"
        return f"{self.film.label}{rating}{watched}{' ↻' if self.rewatch else ''}"


@dataclass
class DiaryImportReport:
    """What an import into the diary did (or, on a dry run, would do).

    Attributes:
        added: the entries added (would be added).
        present: entries already in the diary (nothing to do).
        completed: existing entries given the note or tags they lacked, with what changed.
        unmatched: films the catalogue does not know (kept under their own keys), as
            ``Title (Year)``.
        bad: one line per row or file that could not be used; the rest went on.
        backup: the diary backup made before the import (None on a dry run).
    """

    source: str
    kind: str
    dry_run: bool = False
    rows: int = 0
    added: list[ImportedEntry] = field(default_factory=list)
    present: int = 0
    completed: list[tuple[DiaryEntry, dict[str, Any]]] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)
    backup: Path | None = None

    @property
    def changed(self) -> bool:
        """True when the import writes (or would write) anything."""
        return bool(self.added or self.completed)

    def summary(self) -> str:
        """One line: ``letterboxd: 12 rows, added 9 entries, 3 already there, ...``."""
        verb = "would add" if self.dry_run else "added"
        parts = [f"{self.rows} rows", f"{verb} {len(self.added)} entries"]
        parts.append(f"{self.present} already there")
        if self.completed:
            done = "would complete" if self.dry_run else "completed"
            parts.append(f"{done} {len(self.completed)} with a note or tags")
        if self.unmatched:
            parts.append(f"{len(self.unmatched)} films not in the catalogue")
        if self.bad:
            parts.append(f"{len(self.bad)} bad rows")
        return f"{self.kind} {self.source}: " + ", ".join(parts)


# -- applying an import ---------------------------------------------------------------------


@dataclass
class _Plan:
    add: list[ImportedEntry] = field(default_factory=list)
    complete: list[tuple[DiaryEntry, dict[str, Any]]] = field(default_factory=list)
    present: int = 0


def film_keys(film: FilmRef) -> set[str]:
    """The keys an entry's film may be known by: its own and its title-and-year key.

    An entry imported before the catalogue knew its film has a title key; after an IMDb
    import the same row matches an ``imdb:`` key. Both name the same film.
    """
    return {film.key, title_film_key(film.title, film.year)}


def _plan(existing: Iterable[DiaryEntry], incoming: Sequence[ImportedEntry]) -> _Plan:
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
    plan = _Plan()
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
                or (item.logged_at is not None and entry.logged_at == item.logged_at)
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
        if changes:
            plan.complete.append((match, changes))
        else:
            plan.present += 1
    return plan


def apply_import(
    diary: Diary,
    entries: Sequence[ImportedEntry],
    report: DiaryImportReport,
    *,
    dry_run: bool = False,
    backup: bool = True,
) -> DiaryImportReport:
    """Add the imported entries that are not in the diary yet, in one undoable batch.

    Entries already there are counted, not added; an existing entry without a note or
    tags gets the imported ones (an edit, kept in its history). Nothing else of an
    existing entry is ever changed. Unless it is a dry run, the diary is backed up first
    (verified, rotated: :func:`kinolog.db.backup.backup_diary`).

    Args:
        diary: the diary to import into.
        entries: what the importer read, oldest first.
        report: the importer's report; filled in and returned.
        dry_run: only fill in the report.
        backup: back the diary up before writing (tests of other things turn it off).

    Returns:
        The report.
    """
    plan = _plan(diary.entries(), entries)
    if not dry_run and backup:
        from kinolog.db.backup import backup_diary

        # Before every import, even one that turns out to change nothing: the rotation
        # then always holds the diary as it was before each of the last imports.
        report.backup = backup_diary(diary, reason=f"import-{report.kind}")
    if not dry_run and (plan.add or plan.complete):
        with diary.batch():
            # Compare again inside the write transaction: another window may have
            # logged something since the first look.
            plan = _plan(diary.entries(), entries)
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
                )
            for entry, changes in plan.complete:
                diary.edit_entry(entry.id, **changes)
    report.dry_run = dry_run
    report.added = plan.add
    report.completed = plan.complete
    report.present += plan.present  # the importer may have counted some already
    return report


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: how many rows, and how many entries it had to leave out."""

    rows: int
    left_out: int = 0
    reason: str = ""
