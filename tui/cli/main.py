"""``kinolog``: global options, the subcommands, and one-line errors.

Starting fast matters (``kinolog search`` is run from scripts and editors): only the module
of the command being run is imported; ``kinolog --help`` imports them all to list them.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sqlite3
import sys
from collections.abc import Sequence

from kinolog import __version__
from kinolog.db import locking
from kinolog.db.errors import AmbiguousFilm, KinologError
from kinolog.db.failures import explain_os_error
from kinolog.tui.cli.context import Context
from kinolog.tui.cli.output import describe_film, say

DESCRIPTION = """\
kinolog: an offline film-review reader and film diary for the terminal.

Run without a subcommand to open the app."""

EPILOG = """\
data folder: --data-dir DIR, else $KINOLOG_DATA_DIR, else the platform's user data folder.
Each subcommand has --help with examples."""


# Each command, and the module (in kinolog.tui.cli) whose register() adds it.
COMMANDS = {
    "search": "search", "show": "search", "rate": "rate", "log": "rate", "undo": "rate",
    "redo": "rate", "like": "like", "watchlist": "watchlist", "lists": "lists", "stats": "stats",
    "critics": "critics", "films": "films", "resolve": "resolve", "export": "export",
    "doctor": "doctor", "demo": "demo", "diary": "diary", "import": "imports",
}  # fmt: skip
_MODULES = tuple(dict.fromkeys(COMMANDS.values()))


def _modules(argv: Sequence[str]) -> Sequence[str]:
    """The command modules that parsing ``argv`` needs: the named command's, none for the
    app (no command), all for help or a command kinolog does not know (to list them)."""
    words = iter(argv)
    for word in words:
        if word == "--data-dir":
            next(words, None)
        elif not word.startswith("-"):
            return (COMMANDS[word],) if word in COMMANDS else _MODULES
        elif word in ("-h", "--help") or not word.startswith("--data-dir="):
            return _MODULES
    return ()


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser: with the subcommand ``argv`` names, else with every one."""
    parser = argparse.ArgumentParser(
        prog="kinolog",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--data-dir", metavar="DIR", help="the folder holding catalogue.db and diary.db"
    )
    parser.add_argument("--version", action="version", version=f"kinolog {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")
    for module in _MODULES if argv is None else _modules(argv):
        importlib.import_module(f"kinolog.tui.cli.{module}").register(commands)
    return parser


def _holder(args: argparse.Namespace, argv: Sequence[str]) -> str:
    """What this process is, for the lock files: ``kinolog import imdb``, ``the kinolog app``."""
    command = getattr(args, "command", None)
    if command is None:
        return "the kinolog app"
    words = ["kinolog", command]
    rest = list(argv)
    if command in ("import", "diary", "export") and command in rest:
        following = rest[rest.index(command) + 1 :]
        words += [word for word in following if not word.startswith("-")][:1]
    return " ".join(words)


def _interrupt_once(signum: int, frame: object) -> None:
    """Ctrl-C: stop what runs (KeyboardInterrupt), then ignore more Ctrl-C, so that closing
    the files (which must finish) cannot end in a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def run(argv: Sequence[str] | None = None) -> int:
    """Run kinolog with these arguments and return the exit code."""
    args = build_parser(sys.argv[1:] if argv is None else argv).parse_args(argv)
    command = getattr(args, "command", None)
    context = Context(args.data_dir, command=command)
    locking.set_holder(_holder(args, sys.argv[1:] if argv is None else argv))
    locking.set_waiting_notice(lambda message: say(f"kinolog: {message}", file=sys.stderr))
    try:
        if command != "doctor" and context.data_dir.is_dir():
            from kinolog.db.backup import clean_leftovers

            clean_leftovers(context.data_dir)  # what an interrupted kinolog left behind
        handler = getattr(args, "handler", None)
        if handler is None:
            from kinolog.tui.cli.launch import run_app

            return run_app(context)
        return int(handler(args, context))
    except KinologError as error:
        return _report(error)
    except BrokenPipeError:
        # The reader went away (`kinolog log | head`): stop quietly, and keep Python from
        # complaining when it flushes stdout on the way out.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        # Permissions, a full disk ... anything the stores did not already explain.
        return _report(explain_os_error(error))
    except sqlite3.Error as error:
        say(f"kinolog: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        say("kinolog: interrupted", file=sys.stderr)
        return 130
    finally:
        try:
            context.close()
        except KinologError as error:
            _report(error)


def _report(error: KinologError) -> int:
    """Print an error as one line (and an ambiguous film's candidates); its exit code."""
    say(f"kinolog: error: {error}", file=sys.stderr)
    if isinstance(error, AmbiguousFilm):
        for film in error.candidates:
            say(f"  {describe_film(film)}", file=sys.stderr)
    return error.exit_code


def main(argv: Sequence[str] | None = None) -> None:
    """The console script: run and exit with its code. Ctrl-C at any moment, even while
    kinolog starts or closes its files, ends with one line and exit code 130."""
    signal.signal(signal.SIGINT, _interrupt_once)
    try:
        code = run(argv)
    except KeyboardInterrupt:  # while closing the files after the work was done
        say("kinolog: interrupted", file=sys.stderr)
        code = 130
    sys.exit(code)
