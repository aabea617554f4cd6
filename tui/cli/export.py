"""``kinolog export``: the catalogue as JSON; the diary as JSON, CSV, Letterboxd or IMDb CSV."""

from __future__ import annotations

import argparse
import sys

from kinolog.db.datadir import CATALOGUE_FILE
from kinolog.db.errors import InvalidValue
from kinolog.db.formats import export_diary, export_formats
from kinolog.tui.cli.context import Context
from kinolog.tui.cli.output import dump_json, output_file, say

FORMATS = {"catalogue": ("json",), "diary": tuple(fmt.name for fmt in export_formats())}


_EPILOG = "\n".join(
    [
        "diary formats:",
        *(f"  {fmt.name:<11} {fmt.writes}" for fmt in export_formats()),
        "",
        "examples:",
        "  kinolog export catalogue --format json -o catalogue.json",
        "  kinolog export diary --format csv -o diary.csv",
        "  kinolog export diary --format json | jq .",
        "  kinolog export diary --format letterboxd -o letterboxd.csv   (for Letterboxd)",
        "  kinolog export diary --format imdb -o ratings.csv       (current ratings)",
    ]
)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``export``."""
    export = commands.add_parser(
        "export",
        help="export the catalogue or the diary",
        description="Export the catalogue (JSON) or the diary.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("what", choices=sorted(FORMATS), help="what to export")
    export.add_argument(
        "--format",
        default="json",
        help=f"json (both); {', '.join(FORMATS['diary'])} (diary)",
    )
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
        else:
            catalogue_there = (context.data_dir / CATALOGUE_FILE).exists()
            catalogue = context.catalogue if catalogue_there else None
            result = export_diary(context.diary, out, args.format, catalogue=catalogue)
            if result.left_out:
                say(f"kinolog: left out {result.left_out}: {result.reason}", file=sys.stderr)
    return 0
