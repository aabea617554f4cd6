"""``kinolog import reviews``: critic reviews saved as text files."""

from __future__ import annotations

import argparse
from pathlib import Path

from kinolog.db.errors import InvalidValue
from kinolog.db.importers.reviews import (
    ReviewImportReport,
    import_reviews,
    reparse_reviews,
)
from kinolog.db.queue import RetryReport
from kinolog.tui.cli.context import Context
from kinolog.tui.cli.output import dump_json, say
from kinolog.tui.cli.progress import TerminalProgress
from kinolog.tui.cli.resolve import film_queue

EXAMPLES = """\
examples:
  kinolog import reviews ~/reviews/                 (every review file below it)
  kinolog import reviews saved-page.html --dry-run  (what would happen; nothing written)
  kinolog import reviews ~/reviews/ --dry-run --explain  (which film each review is, and why)
  kinolog import reviews odd-page.txt --film "ballerina 2023"
  kinolog import reviews --reparse                  (parse the stored texts again)

Files: .txt, .md, .markdown, .text, and web pages saved from a browser (.html, .htm, .mhtml).
Layouts read: review pages with a credits block (OT:, Land:, Jahr:, Regie: ...), Story:/Review:
pages, |Label: value__Label: value| field lines, front matter (YAML, Ruby keys, TOML), notes
with one-line credits, round-ups (one review per film), and any other text (its review then
waits in `kinolog films --unresolved`). Nothing is fetched from the network."""


def register(kinds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``import reviews``."""
    parser = kinds.add_parser(
        "reviews",
        help="critic reviews saved as text files or web pages",
        description="Import critic reviews saved as text files or web pages (files or folders).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders")
    parser.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    parser.add_argument(
        "--film", metavar="FILM", help="attach the files to this film (query, imdb:tt..., id:N)"
    )
    parser.add_argument(
        "--reparse", action="store_true", help="parse every stored review's text again"
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="for each review: the film chosen, or why none (evidence, runner-up)",
    )
    parser.add_argument(
        "--json", action="store_true", help="the report as JSON, with every review's decision"
    )
    parser.set_defaults(handler=run_import_reviews)


def run_import_reviews(args: argparse.Namespace, context: Context) -> int:
    """Import, print one line per problem file and a summary; exit 1 when any file failed."""
    catalogue = context.catalogue
    if args.reparse:
        if args.paths or args.film:
            raise InvalidValue("--reparse takes no paths and no --film")
        with TerminalProgress() as progress:
            report = reparse_reviews(catalogue, progress=progress)
        return _finish(args, report)
    if not args.paths:
        raise InvalidValue("name at least one file or folder to import (or use --reparse)")
    missing = [path for path in args.paths if not path.exists()]
    film = context.search.find_film(args.film) if args.film else None
    with TerminalProgress() as progress:
        for path in missing:
            progress.problem(f"{path}: no such file or folder")
        present = [path for path in args.paths if path.exists()]
        report = import_reviews(
            catalogue, present, film=film, dry_run=args.dry_run, progress=progress
        )
    if not args.json:
        for result in report.results:
            if result.status != "failed" and result.film_label:
                say(f"{result.status}: {result.file} -> {result.film_label}")
    # Films made from the reviews may be what others wait for.
    retried = None if args.dry_run else film_queue(context).retry()
    code = _finish(args, report, missing=len(missing), retried=retried)
    return code


def _finish(
    args: argparse.Namespace,
    report: ReviewImportReport,
    missing: int = 0,
    retried: RetryReport | None = None,
) -> int:
    """The decisions (--explain), the summary and the retry's line, or all of it as JSON."""
    found = retried is not None and (retried.found or retried.still_waiting)
    if args.json:
        data = report.as_json()
        data["missing"] = missing
        data["retried"] = retried.summary() if retried is not None and found else None
        print(dump_json(data))
    else:
        if args.explain:
            for decision in report.decisions:
                for line in decision.explain():
                    say(line)
        say(report.summary() + (f", {missing} missing" if missing else ""))
        if retried is not None and found:
            say(retried.summary())
    return 1 if report.failed or missing else 0
