"""``kinolog search`` and ``kinolog show``: find films, and read one with its reviews."""

from __future__ import annotations

import argparse
import sys
import textwrap

from kinolog.db.datadir import DIARY_FILE
from kinolog.db.errors import FilmNotFound
from kinolog.db.models import Film, Review, SearchHit
from kinolog.tui.cli.context import Context
from kinolog.tui.cli.output import dump_json, say, table

SEARCH_EXAMPLES = """\
examples:
  kinolog search "pulp f"                    (as you type: the last word may be unfinished)
  kinolog search "godfather 2"               (sequels: 2, II, part 2, teil 2)
  kinolog search "psycho 1998" --limit 5     (a year anywhere picks that year's film)
  kinolog search "gefaehrliche liebschaften" (umlauts, accents, articles, typos)
  kinolog search "ana de armas" --json       (people: directors, writers, cast)
  kinolog search --json - < queries.txt      (one query a line in, one JSON array a line out)

An empty query lists the most relevant films: in the diary, with reviews, most voted."""

SHOW_EXAMPLES = """\
examples:
  kinolog show "ballerina 2023"
  kinolog show imdb:tt0110912
  kinolog show id:42 --json"""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``search`` and ``show``."""
    search = commands.add_parser(
        "search",
        help="find films by title, person or year, with typos",
        description="Find films: any title (original, German, alternative), a person's name, "
        "a year; typos, articles, sequel numbers and unfinished words are understood.",
        epilog=SEARCH_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    search.add_argument(
        "query", metavar="QUERY", help="what to look for; - reads queries from stdin"
    )
    search.add_argument("--limit", type=int, default=20, metavar="N", help="at most N films (20)")
    search.add_argument("--json", action="store_true", help="a JSON array of hits")
    search.set_defaults(handler=run_search)

    show = commands.add_parser(
        "show",
        help="one film with its reviews",
        description="Show the film a query names (or imdb:tt..., id:N) with its reviews; "
        "when several films fit, list them instead.",
        epilog=SHOW_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    show.add_argument("film", metavar="FILM", help="a search query, imdb:tt1234567 or id:N")
    show.add_argument("--json", action="store_true", help="the film as JSON, with its reviews")
    show.set_defaults(handler=run_show)


def run_search(args: argparse.Namespace, context: Context) -> int:
    """Print the films a query finds (or, with ``-``, answer one query per input line)."""
    known = _known(context)
    if args.query == "-":
        for line in sys.stdin:
            hits = context.search.search_films(
                line.rstrip("\r\n"), limit=args.limit, known_keys=known
            )
            if args.json:
                print(dump_json([hit.as_json() for hit in hits]), flush=True)
            else:
                _print_hits(line.strip(), hits)
        return 0
    hits = context.search.search_films(args.query, limit=args.limit, known_keys=known)
    if args.json:
        print(dump_json([hit.as_json() for hit in hits]))
    else:
        _print_hits(args.query, hits)
    return 0


def _known(context: Context) -> dict[str, int]:
    """The diary's rated films (they rank higher); none when there is no diary yet."""
    if not (context.data_dir / DIARY_FILE).exists():
        return {}  # searching must not create a diary
    return context.diary.ratings()


def _print_hits(query: str, hits: list[SearchHit]) -> None:
    if not hits:
        say(f"No film matches {query!r}." if query.strip() else "The catalogue is empty.")
        return
    rows = [
        (
            f"id:{hit.film.id}",
            hit.film.title,
            hit.film.year or "",
            ", ".join(hit.film.directors[:2]),
            "" if hit.matched == hit.film.title else f"{hit.matched_field}: {hit.matched}",
            f"{hit.score:.0f}",
        )
        for hit in hits
    ]
    say(table(("film", "title", "year", "directors", "matched", "score"), rows, max_width=40))


def run_show(args: argparse.Namespace, context: Context) -> int:
    """Print one film with its reviews."""
    catalogue = context.catalogue
    spec = args.film.strip()
    if not spec:
        raise FilmNotFound("no film named: give a query, imdb:tt... or id:N")
    film = catalogue.get_film(context.search.find_film(spec).id, with_reviews=True)
    if args.json:
        print(dump_json(film.as_json()))
    else:
        _print_film(film)
    return 0


def _print_film(film: Film) -> None:
    say(film.label)
    say("=" * min(len(film.label), 78))
    facts = [
        ("id", f"id:{film.id}" + (f"  imdb:{film.imdb_id}" if film.imdb_id else "")),
        ("original title", film.original_title or ""),
        ("also known as", "; ".join(t for t in film.titles if t != film.original_title)),
        ("countries", ", ".join(film.countries)),
        ("runtime", f"{film.runtime} min" if film.runtime else ""),
        ("genres", ", ".join(film.genres)),
        ("directed by", ", ".join(film.directors)),
        ("written by", ", ".join(film.writers)),
        ("cast", ", ".join(film.cast[:8]) + (" …" if len(film.cast) > 8 else "")),
    ]
    for label, value in facts:
        if value:
            say(f"{label + ':':16}{value}")
    say()
    if not film.reviews:
        say("No reviews yet. Import some with: kinolog import reviews PATH")
        return
    say(f"{len(film.reviews)} review{'s' if len(film.reviews) != 1 else ''}:")
    for review in film.reviews:
        say()
        say(_review_heading(review))
        text = " ".join((review.summary or review.body).split())
        for line in textwrap.wrap(text[:400] + ("…" if len(text) > 400 else ""), width=78):
            say(f"  {line}")


def _review_heading(review: Review) -> str:
    parts = [review.shown_source or "unknown source"]
    if review.author:
        parts.append(f"by {review.author}")
    if review.published:
        parts.append(review.published)
    if review.score_text or review.score_100 is not None:
        score = review.score_text or ""
        if review.score_100 is not None:
            score = f"{score} ({review.score_100}/100)" if score else f"{review.score_100}/100"
        parts.append(score)
    return f"- [review {review.id}] " + " · ".join(parts)
