"""``kinolog films``: the films with reviews, and the queue of what still needs a film."""

from __future__ import annotations

import argparse

from kinolog.tui.cli.context import Context
from kinolog.tui.cli.output import dump_json, say, table


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``films``."""
    parser = commands.add_parser(
        "films",
        help="list films with reviews, or what waits for a film",
        description="List the films that have reviews, or (--unresolved) the reviews and diary "
        "entries waiting for their film, with the candidates and why each is one.",
        epilog=(
            "examples:\n"
            "  kinolog films\n"
            "  kinolog films --unresolved\n"
            "  kinolog resolve review:3 'ballerina 2023'   (settle one; kinolog resolve --help)"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--unresolved", action="store_true", help="reviews and diary entries waiting for a film"
    )
    parser.add_argument("--json", action="store_true", help="JSON output")
    parser.set_defaults(handler=run_films)


def run_films(args: argparse.Namespace, context: Context) -> int:
    """Print the list."""
    catalogue = context.catalogue
    if args.unresolved:
        from kinolog.tui.cli.resolve import print_queue

        print_queue(context, as_json=args.json)
        return 0
    films = catalogue.reviewed_films()
    if args.json:
        print(dump_json([{**film.as_json(), "review_count": n} for film, n in films]))
    elif not films:
        say("No film has reviews yet. Import some with: kinolog import reviews PATH")
    else:
        rows = [
            (film.id, film.title, film.year or "", ", ".join(film.directors[:2]), count)
            for film, count in films
        ]
        say(table(("id", "title", "year", "directors", "reviews"), rows))
    return 0
