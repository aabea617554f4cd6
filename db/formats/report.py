"""What an import into the diary did, and what an export wrote."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kinolog.db.formats.film_finder import RowDecision, RowFilm
from kinolog.db.formats.imported import ImportedEntry, ImportedWatchlistItem
from kinolog.db.models import DiaryEntry

__all__ = ["DiaryImportReport", "ExportResult"]


@dataclass
class DiaryImportReport:
    """What an import into the diary did (or, on a dry run, would do).

    Attributes:
        added: the entries added (would be added).
        present: entries already in the diary (nothing to do).
        completed: existing entries given the note, tags or like they lacked, with what
            changed.
        liked: films marked liked by this import (labels); ``likes_present`` were already.
        watchlist_added: films put on the watchlist; ``watchlist_present`` were on it.
        lists_added, lists_updated: names of the lists made, and changed to match the
            source; ``lists_present`` were already as the source has them.
        list_films_waiting: films of those lists that wait for their film (labels).
        unmatched: films the catalogue does not know (kept under their own keys), as
            ``Title (Year)``.
        ambiguous: films the catalogue may have, but not clearly one film (kept under their
            own title and year, waiting in ``kinolog films --unresolved``).
        decisions: the film resolver's decision for each row (``--explain``, ``--json``).
        skipped: rows left out on purpose, by kind (an IMDb title type such as
            ``tvEpisode``), each also explained in ``notes``.
        notes: lines for the user after the summary (what was skipped and how to get it).
        bad: one line per row or file that could not be used; the rest went on.
        unkept: one line per row that names its film only by an id the catalogue does not
            know (a TMDB id, a Letterboxd link): with no title and year to keep it under, it
            is not imported; the rest went on.
        backup: the diary backup made before the import (None on a dry run, or when the
            import changed nothing).
    """

    source: str
    kind: str
    dry_run: bool = False
    rows: int = 0
    added: list[ImportedEntry] = field(default_factory=list)
    present: int = 0
    completed: list[tuple[DiaryEntry, dict[str, Any]]] = field(default_factory=list)
    liked: list[str] = field(default_factory=list)
    likes_present: int = 0
    watchlist_added: list[ImportedWatchlistItem] = field(default_factory=list)
    watchlist_present: int = 0
    lists_added: list[str] = field(default_factory=list)
    lists_updated: list[str] = field(default_factory=list)
    lists_present: int = 0
    list_films_waiting: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    decisions: list[RowDecision] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)
    unkept: list[str] = field(default_factory=list)
    backup: Path | None = None
    # The labels already in unmatched/ambiguous: a million rows must not each scan a list.
    _listed: set[tuple[bool, str]] = field(default_factory=set, repr=False, compare=False)

    def note(self, source: str, label: str, found: RowFilm) -> None:
        """Record one row's film decision (and list its film when it was not attached)."""
        self.decisions.append(RowDecision(source, label, found))
        if found.attached:
            return
        # Rows kept under an IMDb id have their film (once the catalogue has it).
        waiting = found.film.unlinked is not None and found.resolution.status == "ambiguous"
        listed = self.ambiguous if waiting else self.unmatched
        if (waiting, found.film.label) not in self._listed:
            self._listed.add((waiting, found.film.label))
            listed.append(found.film.label)

    def as_json(self) -> dict[str, Any]:
        """The report for ``--json``: counts, lists, and every row's film decision."""
        return {
            "source": self.source,
            "kind": self.kind,
            "dry_run": self.dry_run,
            "rows": self.rows,
            "added": [entry.describe() for entry in self.added],
            "present": self.present,
            "completed": [
                {"entry": entry.id, "film": entry.film.label, "adds": sorted(changes)}
                for entry, changes in self.completed
            ],
            "unmatched": self.unmatched,
            "ambiguous": self.ambiguous,
            "bad": self.bad,
            "unkept": self.unkept,
            "notes": self.notes,
            "backup": str(self.backup) if self.backup else None,
            "decisions": [decision.as_json() for decision in self.decisions],
        }

    @property
    def incomplete(self) -> bool:
        """Whether some rows were not imported (bad, or not kept): the CLI exits 1."""
        return bool(self.bad or self.unkept)

    @property
    def waiting(self) -> set[str]:
        """The films the import left waiting for their film (entries, watchlist films and
        films of lists it added), as ``Title (Year)``: the resolve queue will list them."""
        return (
            {entry.film.label for entry in self.added if entry.film.unlinked}
            | {item.film.label for item in self.watchlist_added if item.film.unlinked}
            | set(self.list_films_waiting)
        )

    @property
    def changed(self) -> bool:
        """True when the import writes (or would write) anything."""
        return bool(
            self.added
            or self.completed
            or self.liked
            or self.watchlist_added
            or self.lists_added
            or self.lists_updated
        )

    def summary(self) -> str:
        """``letterboxd: 12 rows, added 9 entries, 3 already there, ...``, then one line per
        note (what was skipped on purpose)."""
        would = self.dry_run
        parts = [f"{self.rows} rows"]
        others = self.liked or self.watchlist_added or self.watchlist_present or self.lists_added
        if self.added or self.present or self.completed or not (others or self.lists_present):
            verb = "would add" if would else "added"
            parts += [f"{verb} {len(self.added)} entries", f"{self.present} already there"]
        if self.completed:
            done = "would complete" if would else "completed"
            parts.append(f"{done} {len(self.completed)} with a note, tags or a like")
        if self.liked or self.likes_present:
            verb = "would like" if would else "liked"
            parts.append(f"{verb} {len(self.liked)} films ({self.likes_present} already)")
        if self.watchlist_added or self.watchlist_present:
            verb = "would put" if would else "put"
            parts.append(
                f"{verb} {len(self.watchlist_added)} on the watchlist"
                f" ({self.watchlist_present} already on it)"
            )
        if self.lists_added or self.lists_updated or self.lists_present:
            made, changed = ("would make", "would update") if would else ("made", "updated")
            parts.append(
                f"lists: {made} {len(self.lists_added)}, {changed} {len(self.lists_updated)},"
                f" {self.lists_present} unchanged"
            )
        if self.unmatched:
            parts.append(f"{len(self.unmatched)} films not in the catalogue")
        if self.ambiguous:
            parts.append(f"{len(self.ambiguous)} films to resolve")
        if self.bad:
            parts.append(f"{len(self.bad)} bad rows")
        if self.unkept:
            rows = f"{len(self.unkept)} row{'s' * (len(self.unkept) != 1)}"
            parts.append(
                f"{rows} not kept (their film named only by an id the catalogue does not know)"
            )
        line = f"{self.kind} {self.source}: " + ", ".join(parts)
        if not self.changed:
            line += ": nothing would change" if would else ": nothing changed"
        return "\n".join([line, *self.notes])


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: how many rows, how many entries it had to leave out (and why),
    and warnings about values the format could not carry exactly."""

    rows: int
    left_out: int = 0
    reason: str = ""
    warnings: tuple[str, ...] = ()
