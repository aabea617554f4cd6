"""``kinolog export``: the catalogue as JSON; the diary as JSON, CSV, Letterboxd or IMDb CSV;
the watchlist as Letterboxd or IMDb CSV; the lists as Letterboxd list files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kinolog.db.datadir import CATALOGUE_FILE, protected_reason
from kinolog.db.errors import InvalidValue, KinologError
from kinolog.db.formats import SUBJECTS, export_diary, export_folder, export_format, export_formats
from kinolog.tui.cli.context import Context
from kinolog.tui.cli.output import dump_json, output_file, say

FORMATS = {
    "catalogue": ("json",),
    **{subject: tuple(fmt.name for fmt in export_formats(subject)) for subject in SUBJECTS},
}


_EPILOG = "\n".join(
    [
        *(
            line
            for subject in SUBJECTS
            for line in (
                f"{subject} formats:",
                *(
                    f"  {fmt.name:<11} {fmt.writes}; carries {', '.join(fmt.carries)}"
                    for fmt in export_formats(subject)
                ),
            )
        ),
        "",
        "examples:",
        "  kinolog export catalogue --format json -o catalogue.json",
        "  kinolog export diary --format csv -o diary.csv",
        "  kinolog export diary --format json | jq .",
        "  kinolog export diary --format letterboxd -o letterboxd.csv   (for Letterboxd)",
        "  kinolog export diary --format imdb -o ratings.csv       (current ratings)",
        "  kinolog export watchlist --format imdb -o watchlist.csv",
        "  kinolog export lists --format letterboxd -o lists/      (one file per list)",
        "",
        "An existing FILE is replaced only after you say yes (--force: without asking; a script",
        "without --force is refused). kinolog's own files (diary.db, catalogue.db, the files",
        "beside them, the backups folder) are never written over. Standard output shows",
        "control characters as symbols; -o FILE writes the exact text. CSV cells starting",
        "with = + - @, a tab or CR get a leading ' so spreadsheets show them as text",
        "(kinolog's own imports take it off again).",
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
        help="json (catalogue, diary); csv, letterboxd, imdb (diary); letterboxd, imdb"
        " (watchlist); letterboxd (lists)",
    )
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (default: stdout); lists: a folder"
    )
    export.add_argument(
        "--force", action="store_true", help="replace an existing FILE without asking"
    )
    export.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace, context: Context) -> int:
    """Write the export."""
    if args.format not in FORMATS[args.what]:
        raise InvalidValue(
            f"--format {args.format}: {args.what} exports as {' or '.join(FORMATS[args.what])}"
        )
    if args.what != "catalogue" and export_format(args.format, args.what).folder:
        if not args.output or args.output == "-":
            raise InvalidValue(f"{args.what} --format {args.format}: -o FOLDER is needed")
        folder = Path(args.output)
        reason = protected_reason(context.data_dir, folder / "list.csv")
        if reason is not None:
            raise InvalidValue(f"will not write over {reason}: choose another folder")
        try:
            result = export_folder(context.diary, folder, args.format, args.what)
        except OSError as error:
            raise KinologError(f"cannot write {args.output}: {error.strerror or error}") from None
        say(f"Wrote {result.rows} {args.what} to {args.output}", file=sys.stderr)
        return 0
    json_text = args.format == "json"
    with output_file(
        args.output, data_dir=context.data_dir, force=args.force, json_text=json_text
    ) as out:
        if args.what == "catalogue":
            out.write('{"films": [')
            for index, film in enumerate(context.catalogue.iter_films(with_reviews=True)):
                out.write(("," if index else "") + "\n  " + dump_json(film.as_json()))
            out.write("\n]}\n")
        else:
            catalogue_there = (context.data_dir / CATALOGUE_FILE).exists()
            catalogue = context.catalogue if catalogue_there else None
            result = export_diary(
                context.diary, out, args.format, catalogue=catalogue, subject=args.what
            )
            if result.left_out:
                say(f"kinolog: left out {result.left_out}: {result.reason}", file=sys.stderr)
            for warning in result.warnings:
                say(f"kinolog: {warning}", file=sys.stderr)
    return 0
