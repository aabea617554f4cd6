"""``kinolog critics``: the critics who agree with you, and the films they would have you see."""

from __future__ import annotations

import argparse

from kinolog.db.critics import MIN_SHARED, CriticsReport, critics_report
from kinolog.tui.cli.context import Context
from kinolog.tui.cli.output import dump_json, say, table

EXAMPLES = f"""\
examples:
  kinolog critics
  kinolog critics --min-score 80 --limit 10
  kinolog critics --json

For each critic whose scored reviews the catalogue holds: how many films you both scored
(only from {MIN_SHARED} up), their agreement with your ratings (100 minus the mean difference
on a 0-100 scale), how much kinder (+) or harsher (-) they score, and the correlation
(whether they like what you like, at whatever level). Then the films you have not logged
that your closest critics scored highly, their scores weighted by how well each agrees.

A critic is a review's author, else its source, else the name of the folder it was imported
from (its collection, as the app shows it). Reviews waiting for their film, without a score,
or naming no critic (no author, no source, a file in a folder such as Downloads) are left
out, and counted by reason."""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``critics``."""
    parser = commands.add_parser(
        "critics",
        help="critics who agree with your ratings, and films they would have you see",
        description="Rank the critics by how well their scores agree with your ratings, and"
        " recommend films you have not seen that your closest critics scored highly.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--json", action="store_true", help="the report as JSON")
    parser.add_argument(
        "--min-score", type=int, default=70, metavar="N", help="least critic score 0-100 (70)"
    )
    parser.add_argument("--limit", type=int, default=20, metavar="N", help="films to suggest")
    parser.set_defaults(handler=run_critics)


def run_critics(args: argparse.Namespace, context: Context) -> int:
    """Print the report."""
    report = critics_report(
        context.diary, context.catalogue, min_score=args.min_score, limit=max(args.limit, 0)
    )
    if args.json:
        print(dump_json(report.as_json()))
        return 0
    print_report(report)
    return 0


def reviews_line(report: CriticsReport) -> str:
    """``Compared 15 reviews; left out: 11 reviews without a score, ...``."""
    used = f"Compared {report.reviews_used} review{'s' * (report.reviews_used != 1)}"
    left = report.left_out_line()
    return f"{used}; {left}" if left else used


def print_report(report: CriticsReport) -> None:
    """The readable report."""
    if not report.critics:
        fewer = f" ({report.too_few} share fewer)" if report.too_few else ""
        say(
            f"No critic shares {MIN_SHARED} rated films with you yet{fewer}: rate films that"
            " have scored reviews (kinolog rate)"
        )
        say(reviews_line(report))
        return
    say(f"Critics who agree with you (from {MIN_SHARED} films you both scored)")
    rows = [
        (
            critic.critic,
            len(critic.shared),
            f"{critic.agreement}%",
            f"{critic.offset:+.0f}",
            "" if critic.correlation is None else f"{critic.correlation:+.2f}",
        )
        for critic in report.critics
    ]
    say(table(("critic", "films", "agreement", "kinder", "correlation"), rows))
    if report.too_few:
        say(f"({report.too_few} more critics share fewer than {MIN_SHARED} films with you)")
    say(reviews_line(report))
    say("")
    if not report.recommendations:
        say("Your closest critics scored no film you have not logged highly enough.")
        return
    say("Films you have not seen that your closest critics scored highly")
    films = [
        (
            found.score,
            found.film.label,
            ", ".join(f"{name} {score}" for name, score in found.critics),
            "on your watchlist" if found.on_watchlist else "",
        )
        for found in report.recommendations
    ]
    say(table(("score", "film", "critics", ""), films, max_width=60))
