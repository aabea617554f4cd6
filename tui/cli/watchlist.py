"""``kinolog watchlist``: the films you want to see; ``add`` and ``remove`` change it."""

from __future__ import annotations

import argparse

from kinolog.db.diary import parse_watched
from kinolog.db.models import FilmRef
from kinolog.db.watchlist import filter_rows, ref_keys, watchlist_rows
from kinolog.tui.cli.context import Context
from kinolog.tui.cli.output import dump_json, say, table
from kinolog.tui.cli.waiting import WAITING_HINT, link_cell

EXAMPLES = """\
examples:
  kinolog watchlist                               (newest first)
  kinolog watchlist --filter "1960-1979 unwatched score:70"
  kinolog watchlist --json
  kinolog watchlist add "seven samurai" --note "the long version"
  kinolog watchlist remove imdb:tt0047478

filter: a year, a range (1960-1979) or a decade (1990s) of release; score:70 (the critics'
mean score, 0-100, from two scored reviews); watched or unwatched; words of the title or
note. kinolog undo takes back an add or a remove. Rating a film in the app offers to take
it off the watchlist. A film an import could not tell (two films of that title and year, or
none) is listed as waiting for its film: kinolog resolve watchlist:N FILM settles it."""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``watchlist`` with ``add`` and ``remove``."""
    parser = commands.add_parser(
        "watchlist",
        help="the films you want to see (add, remove)",
        description="List the watchlist, or put a film on it or take one off.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--filter", default="", metavar="TEXT", help="only films that match")
    parser.add_argument("--json", action="store_true", help="a JSON array of watchlist films")
    parser.set_defaults(handler=run_show)
    actions = parser.add_subparsers(title="actions", metavar="ACTION")
    add = actions.add_parser("add", help="put a film on the watchlist", epilog=EXAMPLES,
                             formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    add.add_argument("film", metavar="FILM", help="a search query, imdb:tt1234567 or id:N")
    add.add_argument("--note", help="why, where, who said so")
    add.add_argument("--date", default="today", help="the day it was added (YYYY-MM-DD)")
    add.set_defaults(handler=run_add)
    remove = actions.add_parser("remove", help="take a film off the watchlist")
    remove.add_argument("film", metavar="FILM", help="a search query, imdb:tt1234567 or id:N")
    remove.set_defaults(handler=run_remove)


def run_show(args: argparse.Namespace, context: Context) -> int:
    """Print the watchlist."""
    rows = filter_rows(watchlist_rows(context.diary, context.catalogue), args.filter)
    if args.json:
        print(dump_json([row.as_json() for row in rows]))
        return 0
    if not rows:
        empty = "no film on the watchlist matches" if args.filter else "the watchlist is empty"
        say(f"{empty[:1].upper()}{empty[1:]} (kinolog watchlist add FILM)")
        return 0
    waiting = [row for row in rows if row.item.film.unlinked]
    columns = ("added", "film", "critics", "seen", "note", *(("film?",) if waiting else ()))
    lines = [
        (
            row.item.added or "date unknown",
            row.item.film.label,
            f"{row.score}/100" if row.score is not None else "",
            "yes" if row.watched else "",
            row.item.note or "",
            *((link_cell(row.item.film, f"watchlist:{row.item.id}"),) if waiting else ()),
        )
        for row in rows
    ]
    say(table(columns, lines))
    if waiting:
        say(WAITING_HINT)
    return 0


def run_add(args: argparse.Namespace, context: Context) -> int:
    """Put a film on the watchlist."""
    film = context.search.find_film(args.film)
    ref = FilmRef.of(film)
    held = context.diary.watchlist.find(ref_keys(ref))
    if held is not None:
        say(f"{film.label} is on the watchlist already (added {held.added or 'date unknown'})")
        return 0
    item = context.diary.watchlist.add(ref, added=parse_watched(args.date), note=args.note)
    say(f"Put {film.label} on the watchlist (added {item.added or 'date unknown'})")
    return 0


def run_remove(args: argparse.Namespace, context: Context) -> int:
    """Take a film off the watchlist."""
    film = context.search.find_film(args.film)
    removed = context.diary.watchlist.remove(ref_keys(FilmRef.of(film)))
    if removed is None:
        say(f"{film.label} is not on the watchlist")
        return 0
    say(f"Took {film.label} off the watchlist (kinolog undo puts it back)")
    return 0
