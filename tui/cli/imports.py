"""``kinolog import KIND ...``: one subcommand per input format.

Each format's module has ``register(kinds)`` adding its own ``kinolog import KIND`` parser;
add it to :data:`FORMATS`.
"""

from __future__ import annotations

import argparse

FORMATS: list[str] = ["import_reviews", "import_imdb", "import_diary"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``import`` and each format below it."""
    import importlib

    parser = commands.add_parser(
        "import",
        help="import films, reviews or ratings",
        description="Import films, critic reviews or ratings into kinolog.",
        epilog="Each kind has --help with examples, e.g. kinolog import reviews --help",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    kinds = parser.add_subparsers(title="kinds", metavar="KIND", required=True)
    for name in FORMATS:
        importlib.import_module(f"kinolog.tui.cli.{name}").register(kinds)
