"""``kinolog like``: like a film (or, with ``--off``, unlike it)."""

from __future__ import annotations

import argparse

from kinolog.db.models import FilmRef
from kinolog.db.watchlist import ref_keys
from kinolog.tui.cli.context import Context
from kinolog.tui.cli.output import say

EXAMPLES = """\
examples:
  kinolog like "in the mood for love"
  kinolog like imdb:tt0118694 --off

A like belongs to a viewing: liking marks the film's latest diary entry; a film not in the
diary yet is logged as watched (date unknown, no rating). --off unlikes every entry of it.
kinolog undo takes it back."""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``like``."""
    parser = commands.add_parser(
        "like",
        help="like a film (--off: unlike it)",
        description="Like a film, or unlike it.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("film", metavar="FILM", help="a search query, imdb:tt1234567 or id:N")
    parser.add_argument("--off", action="store_true", help="unlike it")
    parser.set_defaults(handler=run_like)


def run_like(args: argparse.Namespace, context: Context) -> int:
    """Like or unlike the film."""
    film = context.search.find_film(args.film)
    ref = FilmRef.of(film)
    changed = context.diary.set_liked(ref, not args.off, ref_keys(ref))
    if not changed:
        say(f"{film.label} is {'not liked' if args.off else 'liked'} already")
    else:
        say(f"{'Unliked' if args.off else 'Liked'} {film.label} (kinolog undo takes it back)")
    return 0
