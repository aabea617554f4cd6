"""``kinolog import imdb`` and ``kinolog import films``: whole film catalogues."""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from kinolog.db.errors import InvalidValue
from kinolog.db.importers.films import FIELDS, FilmsListResult, import_films_list
from kinolog.db.importers.imdb import (
    DEFAULT_REGIONS,
    DEFAULT_TYPES,
    ImdbImportResult,
    import_imdb,
)
from kinolog.tui.cli.context import Context
from kinolog.tui.cli.output import say, table
from kinolog.tui.cli.progress import TerminalProgress
from kinolog.tui.cli.resolve import retry_after_import

IMDB_EXAMPLES = f"""\
examples:
  kinolog import imdb ~/Downloads/imdb/                  (a folder with the .tsv.gz files)
  kinolog import imdb title.basics.tsv.gz title.ratings.tsv.gz title.akas.tsv.gz
  kinolog import imdb title.ratings.tsv.gz               (later: refresh the votes)
  kinolog import imdb imdb/ --types movie,tvMovie,short --regions DE,AT,CH,FR

files (from https://datasets.imdbws.com, tab-separated, plain or .gz; recognised by name or
header): title.basics (required the first time), title.ratings, title.akas, title.crew,
title.principals, name.basics. Defaults: --types {",".join(DEFAULT_TYPES)},
--regions {",".join(DEFAULT_REGIONS)}.

Each file is imported in one transaction: an interrupted import or a damaged file leaves the
catalogue as it was before that file; run the command again to finish. Malformed rows are
skipped, counted and the first few shown with their line numbers."""

FILMS_EXAMPLES = f"""\
examples:
  kinolog import films watchlist.csv
  kinolog import films catalogue.json                   (kinolog export catalogue output too)
  kinolog import films list.csv --map title=Name --map year="Release Year" --map directors=By

fields: {", ".join(FIELDS)} (title is required). Columns are matched to fields by name,
ignoring case (IMDb list exports and similar names such as Const, Name, Directors work);
--map field=Column sets one explicitly. Lists (directors, cast, genres, titles ...) are JSON
arrays, or in CSV separated by | (or by , when the cell has no |). Re-importing updates a film
by its IMDb id, else by title and year."""


def register(kinds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``import imdb`` and ``import films``."""
    imdb = kinds.add_parser(
        "imdb",
        help="a film catalogue from IMDb's public dataset files",
        description="Import IMDb's public (non-commercial) dataset files into the catalogue.",
        epilog=IMDB_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    imdb.add_argument("paths", nargs="+", metavar="PATH", help="dataset files or folders")
    imdb.add_argument(
        "--types",
        default=",".join(DEFAULT_TYPES),
        metavar="T,T",
        help="IMDb title types to keep (comma-separated)",
    )
    imdb.add_argument(
        "--regions",
        default=",".join(DEFAULT_REGIONS),
        metavar="R,R",
        help="regions whose alternative titles to keep, most preferred first",
    )
    imdb.add_argument("--adult", action="store_true", help="keep adult titles too")
    imdb.set_defaults(handler=run_import_imdb)

    films = kinds.add_parser(
        "films",
        help="a film list from a CSV or JSON file",
        description="Import a list of films (CSV or JSON) into the catalogue.",
        epilog=FILMS_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    films.add_argument("file", metavar="FILE", help="a .csv or .json file")
    films.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="read FIELD from COLUMN (repeat)",
    )
    films.set_defaults(handler=run_import_films)


def _split(text: str) -> list[str]:
    """``movie,tvMovie`` or ``movie tvMovie`` as a list."""
    return [part for part in re.split(r"[,\s]+", text) if part]


def run_import_imdb(args: argparse.Namespace, context: Context) -> int:
    """Import the files and print a summary; 1 when any file failed."""
    types, regions = _split(args.types), _split(args.regions)
    if not types:
        raise InvalidValue("--types: name at least one title type, e.g. movie,tvMovie")
    with TerminalProgress(unit="bytes") as progress:
        result = import_imdb(
            context.catalogue,
            [Path(path).expanduser() for path in args.paths],
            types=types,
            regions=regions,
            adult=args.adult,
            progress=progress,
        )
    print_imdb_summary(result)
    if result.index_seconds is not None:
        say(f"search index: rebuilt in {result.index_seconds:.1f} s")
    retry_after_import(context)
    for error in result.errors:
        say(f"kinolog: error: {error}", file=sys.stderr)
    return 1 if result.failed else 0


def rebuild_search_index(context: Context) -> None:
    """Bring the search index up to date now, so the first search after a bulk import is
    fast."""
    started = time.perf_counter()
    with TerminalProgress(unit="items") as progress:
        rebuilt = context.search.refresh_index(progress=progress)
    if rebuilt:
        say(f"search index: rebuilt in {time.perf_counter() - started:.1f} s")


def print_imdb_summary(result: ImdbImportResult) -> None:
    """Per-file lines and the totals."""
    rows = [
        (
            report.path.name,
            f"{report.rows:,}",
            f"{report.kept:,}",
            f"{report.malformed:,}",
            f"{report.seconds:.1f} s",
            "failed" if report.error else "ok",
        )
        for report in result.files
    ]
    if rows:
        say(table(("file", "rows", "kept", "malformed", "time", ""), rows))
    added = result.added
    say(
        f"films: {result.films_added:,} added, {result.films_updated:,} updated, "
        f"{result.merged:,} merged from reviews"
        + (f" ({result.ambiguous:,} left: several films fit)" if result.ambiguous else "")
    )
    if result.titles_noted:
        say(
            f"other titles: {result.titles_noted:,} shorts, videos, specials and the like left "
            "out, noted so that diary rows naming them are not taken for films"
        )
    say(
        f"added: {added.get('film_titles', 0):,} titles, {added.get('people', 0):,} people, "
        f"{added.get('credits', 0):,} credits; {result.seconds:.1f} s"
    )


def run_import_films(args: argparse.Namespace, context: Context) -> int:
    """Import one film list and print a summary."""
    mapping: dict[str, str] = {}
    for item in args.map:
        field, sep, column = item.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise InvalidValue(f"--map {item!r}: write FIELD=COLUMN, e.g. --map title=Name")
        mapping[field.strip().lower()] = column.strip()
    with TerminalProgress(unit="bytes") as progress:
        result = import_films_list(
            context.catalogue, Path(args.file).expanduser(), mapping=mapping, progress=progress
        )
    print_films_summary(result)
    rebuild_search_index(context)
    retry_after_import(context)
    return 0


def print_films_summary(result: FilmsListResult) -> None:
    """One line of counts."""
    say(
        f"{result.path.name}: {result.rows:,} rows, {result.added:,} films added, "
        f"{result.updated:,} updated, {result.merged:,} merged from reviews, "
        f"{result.malformed:,} malformed, {result.ambiguous:,} left out as ambiguous;"
        f" {result.seconds:.1f} s"
    )
