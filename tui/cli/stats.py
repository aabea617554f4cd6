"""``kinolog stats``: the diary in numbers, over all time or for one year."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from kinolog.db.ratings import stars
from kinolog.db.stats import DiaryStats, diary_stats
from kinolog.tui.cli.context import Context
from kinolog.tui.cli.output import dump_json, say

BAR = "█"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``stats``."""
    parser = commands.add_parser(
        "stats",
        help="the diary in numbers (all time or one year)",
        description="Counts, average rating, rating histogram, viewings per month, ratings by "
        "decade of release and most-watched directors.",
        epilog="examples:\n  kinolog stats\n  kinolog stats --year 2025\n  kinolog stats --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--year", type=int, metavar="YYYY", help="a year in review")
    parser.add_argument("--json", action="store_true", help="the numbers as JSON")
    parser.set_defaults(handler=run_stats)


def bars(rows: list[tuple[str, int]], width: int = 40) -> list[str]:
    """Horizontal bars scaled to the largest value, label and count beside each."""
    top = max((value for _, value in rows), default=0) or 1
    label_width = max((len(label) for label, _ in rows), default=0)
    return [
        f"{label.rjust(label_width)} {BAR * round(value / top * width)} {value}"
        for label, value in rows
    ]


def run_stats(args: argparse.Namespace, context: Context) -> int:
    """Print the statistics."""
    stats = diary_stats(context.diary, context.catalogue, year=args.year)
    if args.json:
        data = asdict(stats)
        data["top_rated"] = [entry.as_json() for entry in stats.top_rated]
        print(dump_json({"year": args.year, **data}))
        return 0
    print_stats(stats, args.year)
    return 0


def print_stats(stats: DiaryStats, year: int | None) -> None:
    """The readable report."""
    say(f"Your {year} in films" if year else "Your diary")
    if not stats.viewings and not stats.ratings_given:
        say("  no viewings" + (f" in {year}" if year else " yet: rate a film with kinolog rate"))
        return
    average = f"{stats.average:.1f}/10 ({stars(round(stats.average))})" if stats.average else "-"
    say(
        f"  {stats.films} films, {stats.viewings} viewings, {stats.rated} rated, "
        f"average {average}, {stats.rewatches} rewatches, {stats.liked} liked"
    )
    given = stats.ratings_given_average
    rated = f"{stats.ratings_given} ratings" + (f" (average {given:.1f}/10)" if given else "")
    if year:
        say(f"  watched this year: {stats.watched} viewings; rated this year: {rated}")
    else:
        say(f"  {stats.watched} dated viewings; {rated}")
    say("\nRatings")
    for line in bars([(stars(rating), n) for rating, n in stats.histogram.items()]):
        say("  " + line)
    if stats.per_month:
        say("\nViewings per month")
        for line in bars(list(stats.per_month.items())[-24:]):
            say("  " + line)
    if stats.by_decade:
        say("\nAverage rating by decade of release")
        for decade, (count, mean) in stats.by_decade.items():
            say(f"  {decade}s  {mean:4.1f}/10  ({count} rated)")
    if stats.directors:
        say("\nMost-watched directors")
        for line in bars(stats.directors[:10], width=30):
            say("  " + line)
    for label, people in (("directors", stats.top_directors), ("actors", stats.top_actors)):
        if people:
            say(f"\nBest-rated {label} (your mean, films rated)")
            for name, mean, count in people:
                say(f"  {mean:4.1f}  {name} ({count})")
    if stats.top_rated:
        say("\nTop rated")
        for entry in stats.top_rated[:10]:
            say(f"  {entry.stars:<5} {entry.film.label}")
