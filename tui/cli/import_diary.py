"""``kinolog import letterboxd``, ``import imdb-ratings``, ``import imdb-watchlist`` and
``import diary``: into the diary.

One subcommand per reader in :data:`kinolog.db.formats.FORMATS`, with the options its
reader takes (``--types``).
"""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path

from kinolog.db.formats import DiaryImportReport, import_diary, import_formats
from kinolog.db.formats.imdb import parse_types
from kinolog.tui.cli.context import Context
from kinolog.tui.cli.output import dump_json, say
from kinolog.tui.cli.progress import TerminalProgress

DETAILS = {
    "letterboxd": """\
examples:
  kinolog import letterboxd ~/Downloads/letterboxd-me-2026-11-21-10-04-utc.zip
  kinolog import letterboxd ~/Downloads/letterboxd-me-2026-11-21/      (the unpacked folder)
  kinolog import letterboxd diary.csv reviews.csv --dry-run            (what would change)
  kinolog import letterboxd export.zip --dry-run --explain    (which film each row is, and why)
  kinolog import letterboxd kinolog-diary.csv       (kinolog export diary --format letterboxd)

Read: diary.csv (viewings), reviews.csv (their notes), ratings.csv (ratings without a
viewing become undated rated entries), watched.csv (films logged nowhere else),
likes/films.csv (liked films), watchlist.csv (the watchlist), lists/*.csv (named lists),
and Letterboxd's import CSV (Title, Year, imdbID, Rating, WatchedDate, Rewatch, Tags,
Review; read as the watchlist when its file name says watchlist). Films are found in the
catalogue by title and year (and the directors and ids of the import CSV), only when one
film clearly fits; other rows are kept under their own title and year, listed, and wait
for a film (kinolog films --unresolved, kinolog resolve).""",
    "imdb-ratings": """\
examples:
  kinolog import imdb-ratings ~/Downloads/ratings.csv
  kinolog import imdb-ratings ratings.csv --dry-run                    (what would change)

Read: IMDb's "Your ratings" export (Const, Your Rating, Date Rated, Title, ... Directors),
old and new forms, columns found by name. Each rating becomes an undated rated entry under
the film's imdb: key, rated on its Date Rated (unknown when empty). Only films by default:
episodes, series, games, podcasts ... are left out with one line per type (--types).""",
    "imdb-watchlist": """\
examples:
  kinolog import imdb-watchlist ~/Downloads/watchlist.csv
  kinolog import imdb-watchlist my-list.csv --types films,tvMiniSeries

Read: IMDb's watchlist export, or any list export (Position, Const, Created, Modified,
Description, Title, ...), of every generation. Each film goes on the watchlist, added on
its Created day with its Description as the note. Only films by default (--types).""",
    "diary": """\
examples:
  kinolog import diary kinolog-diary.json       (kinolog export diary --format json)
  kinolog import diary kinolog-diary.csv --dry-run

Read: kinolog's own diary export, JSON or CSV: every field comes back (rating, watched
date, rewatch, like, tags, note, when it was logged).""",
}
COMMON = """
The diary is backed up first (kinolog diary restore); kinolog undo takes the whole import
back; importing the same file again adds nothing."""

SHOWN_UNMATCHED = 50


def register(kinds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add one ``import COMMAND`` per diary format reader."""
    for command, fmt in import_formats().items():
        parser = kinds.add_parser(
            command,
            help=f"{fmt.reads} into the diary",
            description=f"Import {fmt.reads} ({fmt.accepts}) into the diary.",
            epilog=DETAILS.get(command, "") + COMMON,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files to import")
        parser.add_argument("--dry-run", action="store_true", help="report only; write nothing")
        if "types" in fmt.options:
            parser.add_argument(
                "--types",
                action="append",
                default=[],
                metavar="T,T",
                help="IMDb title types to import: films (the default), all, or names such as"
                " movie,tvMovie,short,video,tvEpisode,tvSeries,tvMiniSeries,videoGame",
            )
        parser.add_argument(
            "--explain",
            action="store_true",
            help="for each row: the film chosen, or why none (evidence, runner-up)",
        )
        parser.add_argument(
            "--json", action="store_true", help="the report as JSON, with every row's decision"
        )
        parser.set_defaults(handler=partial(run_import, command))


def run_import(command: str, args: argparse.Namespace, context: Context) -> int:
    """Import with the reader of ``kinolog import COMMAND`` and print what happened."""
    options = {}
    if getattr(args, "types", None) is not None:
        options["types"] = parse_types(args.types)
    with TerminalProgress() as progress:
        report = import_diary(
            command,
            context.diary,
            args.paths,
            catalogue=context.catalogue,
            dry_run=args.dry_run,
            progress=progress,
            **options,
        )
    if getattr(args, "json", False):
        print(dump_json(report.as_json()))
        return 1 if report.incomplete else 0
    return _finish(report, explain=getattr(args, "explain", False))


def _finish(report: DiaryImportReport, *, explain: bool = False) -> int:
    """Print the report (bad rows and rows not kept were shown as they came); exit 1 when
    some rows were not imported."""
    if explain:
        for decision in report.decisions:
            for line in decision.explain():
                say(line)
    if report.dry_run:
        for entry in report.added:
            say(f"would add: {entry.describe()}")
        for existing, changes in report.completed:
            what = " and ".join(changes)
            say(f"would add the {what} of: {existing.film.label} [entry {existing.id}]")
        for label in report.liked:
            say(f"would like: {label}")
        for item in report.watchlist_added:
            say(f"would put on the watchlist: {item.film.label}")
        for name in report.lists_added:
            say(f"would make the list: {name}")
        for name in report.lists_updated:
            say(f"would update the list: {name}")
    if report.unmatched:
        kept = "IMDb ids" if report.kind.startswith("imdb") else "titles and years"
        say(f"not in the catalogue (kept under their {kept}): {len(report.unmatched)}")
        _some(report.unmatched)
    if report.ambiguous:
        say(
            f"ambiguous (kept under their titles and years; resolve them with kinolog resolve):"
            f" {len(report.ambiguous)}"
        )
        _some(report.ambiguous)
    say(report.summary())
    waiting = report.waiting
    if waiting and not report.dry_run:
        say(
            f"waiting for their film: {len(waiting)} (kinolog films --unresolved lists them with"
            " candidates; kinolog resolve settles them)"
        )
    if report.backup is not None:
        say(f"diary backed up to {report.backup} (kinolog diary restore); kinolog undo undoes it")
    return 1 if report.incomplete else 0


def _some(labels: list[str]) -> None:
    for label in labels[:SHOWN_UNMATCHED]:
        say(f"  {label}")
    if len(labels) > SHOWN_UNMATCHED:
        say(f"  ... and {len(labels) - SHOWN_UNMATCHED} more")
