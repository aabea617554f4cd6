"""``kinolog resolve``: settle the film of a review, diary entry, watchlist film or film of a
list waiting in the queue.

``kinolog films --unresolved`` lists the queue; ``kinolog resolve ID FILM`` settles one
item (for scripts), ``kinolog resolve`` walks through them on a terminal, ``kinolog resolve
--retry`` tries them all again (done after every catalogue import anyway).
"""

from __future__ import annotations

import argparse
import sys

from kinolog.db.datadir import DIARY_FILE
from kinolog.db.errors import InvalidValue, KinologError
from kinolog.db.queue import FilmQueue, Waiting
from kinolog.tui.cli.context import Context
from kinolog.tui.cli.output import dump_json, say, table

EXAMPLES = """\
examples:
  kinolog films --unresolved                 (the queue, with each item's candidates)
  kinolog resolve                            (go through the queue on a terminal)
  kinolog resolve entry:12 id:345            (attach diary entry 12 to film id:345)
  kinolog resolve review:3 "crash 1996"      (a search query, or imdb:tt0115964)
  kinolog resolve entry:13 none              (not in the catalogue: keep it as it is)
  kinolog resolve watchlist:4 imdb:tt0079944 (a watchlist film; list:N: a film of a list)
  kinolog resolve --retry                    (try every waiting item again)

A diary row's link (an entry's, a watchlist film's, a list film's) changes like an edit:
kinolog undo takes it back."""
NONE_WORDS = frozenset({"none", "n", "-", "not-in-catalogue"})
SHOWN_CANDIDATES = 5


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``resolve``."""
    parser = commands.add_parser(
        "resolve",
        help="settle the film of a review or diary row that waits for one",
        description="Attach a waiting review, diary entry, watchlist film or film of a list to"
        " its film, or say its film is not in the catalogue. Without arguments, go through the"
        " queue on a terminal.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "item", nargs="?", metavar="ID", help="review:N, entry:N, watchlist:N or list:N"
    )
    parser.add_argument(
        "film", nargs="?", metavar="FILM", help="a search query, imdb:tt..., id:N, or none"
    )
    parser.add_argument("--retry", action="store_true", help="try every waiting item again")
    parser.set_defaults(handler=run_resolve)


def film_queue(context: Context) -> FilmQueue:
    """The queue of this data folder (diary entries only when there is a diary)."""
    has_diary = (context.data_dir / DIARY_FILE).exists()
    return FilmQueue(context.catalogue, context.diary if has_diary else None)


def settle(queue: FilmQueue, context: Context, ref: str, film_spec: str) -> str:
    """Settle one item: ``none`` says not in the catalogue, anything else names a film."""
    if film_spec.strip().casefold() in NONE_WORDS:
        return queue.not_in_catalogue(ref)
    return queue.attach(ref, context.search.find_film(film_spec))


def run_resolve(args: argparse.Namespace, context: Context) -> int:
    """Settle one item, try all again, or go through the queue."""
    queue = film_queue(context)
    if args.retry:
        say(queue.retry().summary())
        return 0
    if args.item is not None:
        if args.film is None:
            raise InvalidValue(
                "kinolog resolve ID FILM: name the film (query, imdb:tt..., id:N, none)"
            )
        say(settle(queue, context, args.item, args.film))
        return 0
    if not sys.stdin.isatty():
        raise InvalidValue(
            "kinolog resolve without ID FILM needs a terminal; in scripts use"
            " kinolog resolve ID FILM (kinolog films --unresolved lists the IDs)"
        )
    return _interactive(queue, context)


def show_item(item: Waiting) -> None:
    """An item and its numbered candidates, with why each is one."""
    say(f"{item.ref}  {item.label}  ({item.detail})")
    say(f"  {item.resolution.reason or item.resolution.status}")
    for number, candidate in enumerate(item.resolution.possible[:SHOWN_CANDIDATES], start=1):
        directors = ", ".join(candidate.directors[:2]) or "director unknown"
        say(f"  {number}. {candidate.label} — {directors} [id:{candidate.film_id}]")
        say(f"     {'; '.join(candidate.evidence)}")


def _interactive(queue: FilmQueue, context: Context) -> int:
    items = queue.items()
    if not items:
        say("Nothing waits for a film.")
        return 0
    say(f"{len(items)} waiting. For each: a number attaches, n = not in the catalogue,")
    say("s = skip, q = quit, or type a search, imdb:tt... or id:N.")
    for listed in items:
        say()
        item = queue.item(listed.ref)  # with close titles too: a person is choosing
        show_item(item)
        while True:
            try:
                answer = input("> ").strip()
            except EOFError:
                return 0
            if answer.casefold() in ("q", "quit"):
                return 0
            if answer.casefold() in ("", "s", "skip"):
                break
            possible = item.resolution.possible
            if answer.isdigit() and 1 <= int(answer) <= min(len(possible), SHOWN_CANDIDATES):
                answer = f"id:{possible[int(answer) - 1].film_id}"
            try:
                say(settle(queue, context, item.ref, answer))
                break
            except KinologError as error:
                say(f"  {error}")
    return 0


def print_queue(context: Context, *, as_json: bool) -> None:
    """``kinolog films --unresolved``: every waiting item with its best candidates."""
    items = film_queue(context).items()
    if as_json:
        print(dump_json([item.as_json() for item in items]))
        return
    if not items:
        say("Nothing waits for a film.")
        return
    rows = []
    for item in items:
        best = "; ".join(
            f"id:{c.film_id} {c.label} {', '.join(c.directors[:1])}".rstrip()
            for c in item.resolution.possible[:3]
        )
        rows.append((item.ref, item.label, item.detail, best or item.resolution.reason))
    say(table(("id", "film", "what", "candidates"), rows, max_width=60))
    say("Settle one with: kinolog resolve ID FILM (id:N, imdb:tt..., a query, or none)")


def retry_after_import(context: Context) -> None:
    """After a catalogue import: try the waiting reviews and diary rows again, and say
    how many found their film (nothing when nothing waits)."""
    queue = film_queue(context)
    report = queue.retry()
    if report.found or report.still_waiting:
        say(report.summary())
