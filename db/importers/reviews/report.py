"""What an import or a re-parse did, file by file and review by review."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["STATUSES", "FileResult", "ReviewImportReport", "ReviewResult"]

STATUSES = ("added", "updated", "unchanged", "failed")


@dataclass(frozen=True)
class ReviewResult:
    """One review of a file: its film (or why none), or the review it duplicates."""

    film_id: int | None
    film_label: str | None = None
    reason: str = ""
    duplicate_of: str | None = None


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
