"""``kinolog demo``: the app on the sample catalogue, in a temporary data folder."""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from pathlib import Path

from kinolog.tui.cli.context import Context
from kinolog.tui.cli.output import say


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``demo``."""
    demo = commands.add_parser(
        "demo",
        help="open the app on the sample catalogue (your own data is not touched)",
        description=(
            "Build the sample catalogue (40 films, about 60 reviews in German and English, a "
            "few diary entries) in a temporary folder, open the app on it, and remove the "
            "folder when the app closes. Your own data folder is never read or written."
        ),
        epilog="examples:\n  kinolog demo\n  kinolog demo --keep /tmp/kinolog-sample",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    demo.add_argument(
        "--keep",
        metavar="DIR",
        type=Path,
        help="build the sample in DIR (an empty or new folder) and keep it afterwards",
    )
    demo.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace, context: Context) -> int:
    """Build the sample, run the app on it, clean up."""
    from kinolog.db.sample import build_sample
    from kinolog.tui.cli.launch import run_app

    if args.keep is not None:
        build_sample(args.keep)
        code = _run_on(args.keep, run_app)
        say(f"the sample catalogue stays in {args.keep}")
        return code
    with tempfile.TemporaryDirectory(prefix="kinolog-demo-") as folder:
        build_sample(Path(folder))
        return _run_on(Path(folder), run_app)


def _run_on(folder: Path, run_app: Callable[..., int]) -> int:
    """Run the app on the sample in ``folder``; its state file stays in that folder too."""
    sample = Context(folder)
    try:
        return int(run_app(sample, state_dir=folder))
    finally:
        sample.close()
