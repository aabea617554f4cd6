"""``kinolog import letterboxd`` and ``kinolog import imdb-ratings``: ratings into the diary."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from functools import partial
from pathlib import Path

from kinolog.db.diary_io import DiaryImportReport
from kinolog.db.importers.imdb_ratings import import_imdb_ratings
from kinolog.db.importers.letterboxd import import_letterboxd
from kinolog.tui.context import Context
from kinolog.tui.output import say
from kinolog.tui.progress import TerminalProgress

# import_letterboxd and import_imdb_ratings share their signature.
DiaryImporter = Callable[..., DiaryImportReport]


LETTERBOXD_EXAMPLES = """\
examples:
  kinolog import letterboxd ~/Downloads/letterboxd-me-2026-11-21-10-04-utc.zip
  kinolog import letterboxd ~/Downloads/letterboxd-me-2026-11-21/      (the unpacked folder)
  kinolog import letterboxd diary.csv reviews.csv --dry-run            (what would change)
  kinolog import letterboxd kinolog-diary.csv       (kinolog export diary --format letterboxd)

Read: diary.csv (viewings), reviews.csv (their notes), ratings.csv (ratings without a
viewing become undated rated entries), watched.csv (films logged nowhere else), and
Letterboxd's import CSV (Title, Year, imdbID, Rating, WatchedDate, Rewatch, Tags, Review).
Films are found in the catalogue by title and year; unknown films are kept and listed.
The diary is backed up first (kinolog diary restore); kinolog undo takes the whole import
back; importing the same export again adds nothing."""

IMDB_EXAMPLES = """\
examples:
  kinolog import imdb-ratings ~/Downloads/ratings.csv
  kinolog import imdb-ratings ratings.csv --dry-run                    (what would change)

Read: IMDb's "Your ratings" export (Const, Your Rating, Date Rated, Title, ... Directors),
old and new forms, columns found by name. Each rating becomes an undated rated entry under
the film's imdb: key, logged at its Date Rated. The diary is backed up first (kinolog diary
restore); kinolog undo takes the whole import back; importing again adds nothing."""

SHOWN_UNMATCHED = 50


def register(kinds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``import letterboxd`` and ``import imdb-ratings``."""
    for name, help_text, description, epilog, handler in (
        (
            "letterboxd",
            "your Letterboxd export into the diary",
            "Import a Letterboxd data export (the .zip, its folder, or CSV files) into the diary.",
            LETTERBOXD_EXAMPLES,
            partial(run_import, import_letterboxd),
        ),
        (
            "imdb-ratings",
            "your IMDb ratings export into the diary",
            'Import IMDb\'s "Your ratings" CSV export into the diary.',
            IMDB_EXAMPLES,
            partial(run_import, import_imdb_ratings),
        ),
    ):
        parser = kinds.add_parser(
            name,
            help=help_text,
            description=description,
            epilog=epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files to import")
        parser.add_argument("--dry-run", action="store_true", help="report only; write nothing")
        parser.set_defaults(handler=handler)


def run_import(importer: DiaryImporter, args: argparse.Namespace, context: Context) -> int:
    """Import with ``importer`` (Letterboxd or IMDb ratings) and print what happened."""
    with TerminalProgress() as progress:
        report = importer(
            context.diary,
            args.paths,
            catalogue=context.catalogue,
            dry_run=args.dry_run,
            progress=progress,
        )
    return _finish(report)


def _finish(report: DiaryImportReport) -> int:
    """Print the report (bad rows were shown as they came); exit 1 when rows failed."""
    if report.dry_run:
        for entry in report.added:
            say(f"would add: {entry.describe()}")
        for existing, changes in report.completed:
            what = " and ".join(changes)
            say(f"would add the {what} of: {existing.film.label} [entry {existing.id}]")
    if report.unmatched:
        kept = "IMDb ids" if report.kind == "imdb-ratings" else "titles and years"
        say(f"not in the catalogue (kept under their {kept}): {len(report.unmatched)}")
        for label in report.unmatched[:SHOWN_UNMATCHED]:
            say(f"  {label}")
        if len(report.unmatched) > SHOWN_UNMATCHED:
            say(f"  ... and {len(report.unmatched) - SHOWN_UNMATCHED} more")
    say(report.summary())
    if report.backup is not None:
        say(f"diary backed up to {report.backup} (kinolog diary restore); kinolog undo undoes it")
    return 1 if report.bad else 0
