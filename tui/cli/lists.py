"""``kinolog lists``: the named lists (imported from Letterboxd), or the films of one."""

from __future__ import annotations

import argparse

from kinolog.db.errors import InvalidValue
from kinolog.db.models import FilmList
from kinolog.tui.cli.context import Context
from kinolog.tui.cli.output import dump_json, say, table
from kinolog.tui.cli.waiting import WAITING_HINT, link_cell

EXAMPLES = """\
examples:
  kinolog lists                          (every list: name, films, ranked)
  kinolog lists "all-time top five"      (its films in order, with their notes)
  kinolog lists --json
  kinolog export lists --format letterboxd -o lists/    (one file per list)

Lists come from a Letterboxd export (kinolog import letterboxd: lists/*.csv); importing a
list again updates it to match, and kinolog undo takes an import back."""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``lists``."""
    parser = commands.add_parser(
        "lists",
        help="your named lists of films",
        description="Show the named lists, or the films of one.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("name", nargs="?", metavar="NAME", help="a list's name (or id:N)")
    parser.add_argument("--json", action="store_true", help="the lists (or list) as JSON")
    parser.set_defaults(handler=run_lists)


def chosen_list(lists: list[FilmList], name: str) -> FilmList:
    """The list a name (ignoring case), a unique start of one, or ``id:N`` means.

    Raises:
        InvalidValue: no list, or several, fit.
    """
    wanted = name.strip().casefold()
    if wanted.startswith("id:") and wanted[3:].isdigit():
        found = [held for held in lists if held.id == int(wanted[3:])]
    else:
        found = [held for held in lists if held.name.casefold() == wanted]
        found = found or [held for held in lists if held.name.casefold().startswith(wanted)]
    if len(found) != 1:
        names = ", ".join(held.name for held in found or lists) or "none yet"
        fit = "several lists fit" if found else "no such list"
        raise InvalidValue(f"{fit}: {name!r} (lists: {names})")
    return found[0]


def run_lists(args: argparse.Namespace, context: Context) -> int:
    """Print the lists, or one list."""
    lists = context.diary.lists.all()
    if args.name:
        one = chosen_list(lists, args.name)
        if args.json:
            print(dump_json(one.as_json()))
            return 0
        say(f"{one.name}{' (ranked)' if one.ranked else ''}")
        if one.description:
            say(one.description)
        waiting = any(item.film.unlinked for item in one.items)
        items = [
            (
                item.position,
                item.film.label,
                item.note or "",
                *((link_cell(item.film, f"list:{item.id}"),) if waiting else ()),
            )
            for item in one.items
        ]
        say(table(("#", "film", "note", *(("film?",) if waiting else ())), items, max_width=60))
        if waiting:
            say(WAITING_HINT)
        return 0
    if args.json:
        print(dump_json([held.as_json() for held in lists]))
        return 0
    if not lists:
        say("No lists yet: they come from a Letterboxd export (kinolog import letterboxd)")
        return 0
    rows = [
        (held.id, held.name, len(held.items), "yes" if held.ranked else "", held.created or "")
        for held in lists
    ]
    say(table(("id", "name", "films", "ranked", "made"), rows))
    return 0
