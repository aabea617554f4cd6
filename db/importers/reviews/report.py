"""What an import or a re-parse did, file by file and review by review, and why each
review's film is the one it is (``kinolog import reviews --explain``/``--json``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kinolog.db.resolver import Resolution

__all__ = ["STATUSES", "FileResult", "ReviewDecision", "ReviewImportReport", "ReviewResult"]

STATUSES = ("added", "updated", "unchanged", "failed")


@dataclass(frozen=True)
class ReviewResult:
    """One review of a file: its film (or why none), or the review it duplicates.

    Attributes:
        resolution: the film resolver's decision, with its evidence and runner-up (None when
            it was not asked: a film you named, a text already stored, a review naming no
            film).
        made_film: the catalogue had no such film: one was made from the review.
        chosen: the film is the one you named (``--film``, or ``kinolog resolve`` before).
        title, year: the film as the review names it.
    """

    film_id: int | None
    film_label: str | None = None
    reason: str = ""
    duplicate_of: str | None = None
    resolution: Resolution | None = field(default=None, compare=False)
    made_film: bool = False
    chosen: bool = False
    title: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class ReviewDecision:
    """Why one review's film is the one it is: the shape of a diary import's decision.

    ``status`` is ``attached`` (the resolver chose ``film``), ``ambiguous`` (several films
    may be it: it waits), ``not_in_catalogue`` (no such film: ``made_film`` was made from the
    review), ``needs_film`` (no film, and too little to make one: it waits), ``chosen`` (the
    film you named), ``duplicate`` (the same review as another file's) or ``unchanged`` (its
    text is stored already: nothing was decided again).
    """

    source: str
    file: str
    part: int
    review: ReviewResult
    dry_run: bool = False

    @property
    def label(self) -> str:
        """The film as the review names it: ``Title (Year)``."""
        title = self.review.title
        if title is None:  # a stored text is not parsed again: its film speaks for it
            return self.review.film_label or "no film title"
        return f"{title} ({self.review.year})" if self.review.year else title

    @property
    def status(self) -> str:
        """See the class."""
        review, resolution = self.review, self.review.resolution
        if review.duplicate_of is not None:
            return "duplicate"
        if review.chosen:
            return "chosen"
        if review.made_film:
            return "not_in_catalogue"
        if resolution is None:
            return "unchanged" if review.film_id is not None or not review.reason else "needs_film"
        if resolution.status == "not_in_catalogue" or review.film_id is None:
            return "ambiguous" if resolution.status == "ambiguous" else "needs_film"
        return "attached"

    def _film(self) -> str:
        return f"{self.review.film_label} [id:{self.review.film_id}]"

    def explain(self) -> list[str]:
        """The review, then its decision: the film chosen with its evidence and runner-up, or
        "not in the catalogue", "needs a film", "ambiguous" with the candidates."""
        review, status = self.review, self.status
        lines = [f"{self.source}: {self.label}"]
        reasons = review.resolution.explain() if review.resolution else []
        if status == "duplicate":
            lines.append(f"-> the same review as {review.duplicate_of}: {self._film()}")
        elif status == "chosen":
            lines.append(f"-> {self._film()}: the film you named")
        elif status == "unchanged":
            shown = self._film() if review.film_id is not None else "waits for its film"
            lines.append(f"-> as stored: {shown} (its text is imported already)")
        elif status == "not_in_catalogue":
            verb = "would make" if self.dry_run else "made"
            lines.append(f"-> not in the catalogue: {verb} the film {self._film()} from it")
            reasons = reasons[1:]
        elif status == "needs_film":
            lines.append(f"-> needs a film: {review.reason or 'not identified'}")
            reasons = reasons[1:]
        elif not reasons:
            lines.append(f"-> {status}: {review.reason}")
        return lines + reasons

    def as_json(self) -> dict[str, Any]:
        """``{"source", "file", "part", "title", "year", "status", "film", "reason",
        "runner_up", "candidates", "made_film", "duplicate_of"}``."""
        review = self.review
        film = (
            {"id": review.film_id, "label": review.film_label}
            if review.film_id is not None
            else None
        )
        resolved = review.resolution.as_json() if review.resolution else {}
        return {
            "source": self.source,
            "file": self.file,
            "part": self.part,
            "title": review.title,
            "year": review.year,
            "status": self.status,
            "film": resolved.get("film") or film,
            "reason": resolved.get("reason") or review.reason,
            "runner_up": resolved.get("runner_up"),
            "candidates": resolved.get("candidates", []),
            "made_film": film if review.made_film else None,
            "duplicate_of": review.duplicate_of,
        }


@dataclass(frozen=True)
class FileResult:
    """What happened to one file: its status, its reviews' films (or why none), any problem.

    ``film_id`` and ``film_label`` are the first review's; a round-up has more in ``reviews``.
    """

    file: str
    status: str  # added | updated | unchanged | failed
    film_id: int | None = None
    film_label: str | None = None
    message: str = ""
    reviews: tuple[ReviewResult, ...] = ()

    @property
    def needs_film(self) -> bool:
        """True when a review of the file was stored but waits for its film."""
        if self.status == "failed":
            return False
        if self.reviews:
            return any(r.film_id is None and r.duplicate_of is None for r in self.reviews)
        return self.film_id is None


@dataclass
class ReviewImportReport:
    """The outcome of importing a batch of review files."""

    results: list[FileResult] = field(default_factory=list)
    dry_run: bool = False
    skipped: list[str] = field(default_factory=list)  # links out of the folder, pipes ...

    def count(self, status: str) -> int:
        """How many files ended with this status."""
        return sum(result.status == status for result in self.results)

    @property
    def needs_film(self) -> int:
        """How many files have a stored review that waits in the needs-a-film queue."""
        return sum(result.needs_film for result in self.results)

    @property
    def failed(self) -> int:
        """How many files could not be imported."""
        return self.count("failed")

    def review_counts(self) -> dict[str, int]:
        """Reviews (not files): attached to a film, waiting for one, duplicates of another."""
        reviews = [
            r for result in self.results if result.status != "failed" for r in result.reviews
        ]
        return {
            "reviews": len(reviews),
            "attached": sum(r.film_id is not None and r.duplicate_of is None for r in reviews),
            "need a film": sum(r.film_id is None and r.duplicate_of is None for r in reviews),
            "duplicates": sum(r.duplicate_of is not None for r in reviews),
        }

    @property
    def decisions(self) -> list[ReviewDecision]:
        """Every stored review's film decision, file by file."""
        found = []
        for result in self.results:
            for part, review in enumerate(result.reviews):
                source = result.file if len(result.reviews) == 1 else f"{result.file} #{part + 1}"
                found.append(ReviewDecision(source, result.file, part, review, self.dry_run))
        return found

    def as_json(self) -> dict[str, Any]:
        """The report for ``--json``: the summary, each file, and every review's decision."""
        return {
            "dry_run": self.dry_run,
            "summary": self.summary(),
            "counts": {status: self.count(status) for status in STATUSES}
            | {"need a film": self.needs_film},
            "reviews": self.review_counts(),
            "files": [
                {"file": r.file, "status": r.status, "message": r.message or None}
                for r in self.results
            ],
            "skipped": self.skipped,
            "decisions": [decision.as_json() for decision in self.decisions],
        }

    def summary(self) -> str:
        """One line: counts of added, updated, unchanged, needs a film, failed."""
        prefix = "dry run, nothing written: " if self.dry_run else ""
        line = (
            f"{prefix}{len(self.results)} files: {self.count('added')} added, "
            f"{self.count('updated')} updated, {self.count('unchanged')} unchanged, "
            f"{self.needs_film} need a film, {self.failed} failed"
        )
        if self.skipped:
            line += f", {len(self.skipped)} skipped"
        counts = self.review_counts()
        if counts["reviews"] != len(self.results) - self.failed or counts["duplicates"]:
            line += (
                f" ({counts['reviews']} reviews: {counts['attached']} with a film,"
                f" {counts['need a film']} waiting, {counts['duplicates']} duplicates)"
            )
        return line
