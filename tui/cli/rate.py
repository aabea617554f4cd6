"""``kinolog rate``, ``kinolog log``, ``kinolog undo`` and ``kinolog redo``."""

from __future__ import annotations

import argparse

from kinolog.db.errors import InvalidValue
from kinolog.db.models import FilmRef
from kinolog.db.ratings import out_of_ten, parse_rating, stars
from kinolog.tui.cli.context import Context
from kinolog.tui.cli.output import dump_json, say, table

RATE_EXAMPLES = """\
examples:
  kinolog rate "pulp fiction" 9
  kinolog rate "ballerina 2023" 3.5/5 --date 2026-11-20 --tag netflix --tag korea
  kinolog rate imdb:tt0110912 ★★★★½ --rewatch --like --note "still great"
  kinolog rate id:42 - --date unknown        (log a viewing without a rating)

ratings: 7, 7/10, 3.5/5, 3,5/5, ★★★½, 3.5* (half stars, stored as 1-10)"""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the diary subcommands."""
    rate = commands.add_parser(
        "rate",
        help="rate a film and log a viewing in the diary",
        description="Rate a film and log a viewing in the diary.",
        epilog=RATE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    rate.add_argument("film", metavar="FILM", help="a search query, imdb:tt1234567 or id:N")
    rate.add_argument("rating", metavar="RATING", help="the rating, or - for none")
    rate.add_argument(
        "--date", default="today", help="watched date YYYY-MM-DD, 'today' or 'unknown'"
    )
    rate.add_argument("--rewatch", action="store_true", help="a rewatch")
    rate.add_argument("--like", action="store_true", help="mark as liked")
    rate.add_argument("--tag", action="append", default=[], metavar="T", help="a tag (repeat)")
    rate.add_argument("--note", help="a note")
    rate.set_defaults(handler=run_rate)

    log = commands.add_parser(
        "log",
        help="show the diary, newest first",
        description="Show the diary, newest first.",
        epilog="examples:\n  kinolog log\n  kinolog log --json > diary.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    log.add_argument("--json", action="store_true", help="a JSON array of diary entries")
    log.add_argument("--limit", type=int, metavar="N", help="only the newest N entries")
    log.set_defaults(handler=run_log)

    undo = commands.add_parser(
        "undo",
        help="undo the last diary change",
        description="Undo the last diary change (a rating, an edit, a delete or an import).",
        epilog="example:\n  kinolog undo",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    undo.set_defaults(handler=run_undo)

    redo = commands.add_parser(
        "redo",
        help="redo what undo undid last",
        description=(
            "Redo the change kinolog undo (or the app's u) undid last, as long as no new"
            " change was made since."
        ),
        epilog="example:\n  kinolog undo\n  kinolog redo      (it was right after all)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    redo.set_defaults(handler=run_redo)


def run_rate(args: argparse.Namespace, context: Context) -> int:
    """Log a rated viewing."""
    from kinolog.db.diary import parse_watched

    if not args.rating.strip():  # an empty argument is a slip (a shell variable?), not "-"
        raise InvalidValue("empty rating: give one (7, 7/10, 3.5/5, ★★★½), or - for none")
    rating = parse_rating(args.rating)
    watched = parse_watched(args.date)
    film = context.search.find_film(args.film)
    entry = context.diary.log_viewing(
        FilmRef.of(film),
        rating=rating,
        watched=watched,
        rewatch=args.rewatch,
        liked=args.like,
        tags=args.tag,
        note=args.note,
    )
    rated = f" {stars(rating)} ({out_of_ten(rating)})" if rating else " (no rating)"
    say(f"Logged {film.label}{rated}, watched {entry.watched or 'date unknown'} [entry {entry.id}]")
    return 0


def run_log(args: argparse.Namespace, context: Context) -> int:
    """Print the diary."""
    entries = context.diary.entries()
    if args.limit is not None:
        entries = entries[: max(args.limit, 0)]
    if args.json:
        print(dump_json([entry.as_json() for entry in entries]))
        return 0
    if not entries:
        say("The diary is empty. Rate a film with: kinolog rate FILM RATING")
        return 0
    rows = [
        (
            entry.id,
            entry.watched or "date unknown",
            entry.stars,
            out_of_ten(entry.rating),
            entry.film.label,
            ("↻" if entry.rewatch else "") + ("♥" if entry.liked else ""),
            ", ".join(entry.tags),
            entry.note or "",
        )
        for entry in entries
    ]
    headers = ("id", "watched", "stars", "rating", "film", "", "tags", "note")
    say(table(headers, rows))
    return 0


def run_undo(args: argparse.Namespace, context: Context) -> int:
    """Undo the last diary change."""
    description = context.diary.undo().description
    say(description[:1].upper() + description[1:] + " (kinolog redo takes it back)")
    return 0


def run_redo(args: argparse.Namespace, context: Context) -> int:
    """Redo the change undone last."""
    description = context.diary.redo().description
    say(description[:1].upper() + description[1:])
    return 0
