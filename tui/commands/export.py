"""``kinolog export``: the catalogue or the diary as JSON or CSV."""

from __future__ import annotations

import argparse
import csv

from db.errors import InvalidValue
from db.ratings import stars
from tui.context import Context
from tui.output import dump_json, output_file

FORMATS = {"catalogue": ("json",), "diary": ("json", "csv")}
DIARY_CSV_COLUMNS = (
    "id", "film_key", "imdb_id", "title", "year", "rating", "stars", "watched", "logged_at",
    "rewatch", "liked", "tags", "note",
)  # fmt: skip


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``export``."""
    export = commands.add_parser(
        "export",
        help="export the catalogue or the diary",
        description="Export the catalogue (JSON) or the diary (JSON or CSV).",
        epilog=(
            "examples:\n"
            "  kinolog export catalogue --format json -o catalogue.json\n"
            "  kinolog export diary --format csv -o diary.csv\n"
            "  kinolog export diary --format json | jq ."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("what", choices=sorted(FORMATS), help="what to export")
    export.add_argument("--format", default="json", help="json (both) or csv (diary)")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    export.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace, context: Context) -> int:
    """Write the export."""
    if args.format not in FORMATS[args.what]:
        raise InvalidValue(
            f"--format {args.format}: {args.what} exports as {' or '.join(FORMATS[args.what])}"
        )
    with output_file(args.output) as out:
        if args.what == "catalogue":
            out.write('{"films": [')
            for index, film in enumerate(context.catalogue.iter_films(with_reviews=True)):
                out.write(("," if index else "") + "\n  " + dump_json(film.as_json()))
            out.write("\n]}\n")
        elif args.format == "json":
            entries = context.diary.entries()
            out.write(dump_json([entry.as_json() for entry in entries]) + "\n")
        else:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(DIARY_CSV_COLUMNS)
            for entry in context.diary.entries():
                writer.writerow(
                    (
                        entry.id, entry.film.key, entry.film.imdb_id or "", entry.film.title,
                        entry.film.year or "", entry.rating or "", stars(entry.rating),
                        entry.watched or "", entry.logged_at, int(entry.rewatch),
                        int(entry.liked), ", ".join(entry.tags), entry.note or "",
                    )
                )  # fmt: skip
    return 0
