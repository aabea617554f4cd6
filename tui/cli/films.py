"""``kinolog films``: the films with reviews, and the reviews that still need a film."""

from __future__ import annotations

import argparse

from kinolog.tui.cli.context import Context
from kinolog.tui.cli.output import dump_json, say, table


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``films``."""
    parser = commands.add_parser(
        "films",
        help="list films with reviews, or reviews that need a film",
        description="List the films that have reviews, or (--unresolved) the reviews whose "
        "film is not known yet.",
        epilog=(
            "examples:\n"
            "  kinolog films\n"
            "  kinolog films --unresolved\n"
            "  kinolog import reviews page.txt --film 'ballerina 2023'   (resolve one)"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--unresolved", action="store_true", help="the reviews that need a film")
    parser.add_argument("--json", action="store_true", help="JSON output")
    parser.set_defaults(handler=run_films)


def run_films(args: argparse.Namespace, context: Context) -> int:
    """Print the list."""
    catalogue = context.catalogue
    if args.unresolved:
        reviews = catalogue.unresolved_reviews()
        if args.json:
            print(dump_json([review.as_json() for review in reviews]))
        elif not reviews:
            say("No review needs a film.")
        else:
            unresolved_rows = [
                (review.id, review.file, review.headline or review.body[:60]) for review in reviews
            ]
            say(table(("review", "file", "starts"), unresolved_rows, max_width=60))
            say("Attach one with: kinolog import reviews FILE --film QUERY|imdb:tt...|id:N")
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
