"""``kinolog diary backup`` and ``kinolog diary restore``: the diary's backups."""

from __future__ import annotations

import argparse
from pathlib import Path

from kinolog.db.backup import (
    KEEP,
    backup_diary,
    list_backups,
    replace_damaged_diary,
    restore_backup,
    verify_backup,
)
from kinolog.db.datadir import DIARY_FILE, ensure_data_dir
from kinolog.db.errors import DiaryMissing, KinologError, NotADatabase
from kinolog.tui.cli.context import Context
from kinolog.tui.cli.output import say, table

EXAMPLES = f"""\
examples:
  kinolog diary backup                 (make one now)
  kinolog diary restore --list         (the backups, newest first, numbered)
  kinolog diary restore 1              (put back the newest backup)

kinolog backs the diary up before every import into it and keeps the newest {KEEP} in
<data dir>/backups/. Each backup is checked (PRAGMA integrity_check) before it is kept, and
again before it is restored. Restoring first backs up the diary as it is, so a restore can
itself be undone by restoring that backup (kinolog undo does not reach across a restore).
A damaged or missing diary is replaced by the backup (a damaged file is kept beside it as
diary.db.damaged-TIME); a diary that opens is never replaced, only restored into."""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``diary`` with ``backup`` and ``restore``."""
    diary = commands.add_parser(
        "diary",
        help="back up or restore the diary",
        description="Back up the diary, list its backups, or restore one.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = diary.add_subparsers(title="actions", metavar="ACTION", required=True)
    backup = actions.add_parser(
        "backup",
        help="back the diary up now",
        description="Back the diary up now (verified; the newest backups are kept).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    backup.set_defaults(handler=run_backup)
    restore = actions.add_parser(
        "restore",
        help="list the diary's backups or restore one",
        description="List the diary's backups (no number, or --list) or restore backup N.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    restore.add_argument("number", nargs="?", type=int, metavar="N", help="1 = the newest")
    restore.add_argument("--list", action="store_true", help="list the backups only")
    restore.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace, context: Context) -> int:
    """Make a backup now."""
    path = backup_diary(context.diary, reason="manual")
    say(f"Backed up the diary to {path}")
    return 0


def run_restore(args: argparse.Namespace, context: Context) -> int:
    """List the backups, or restore one."""
    if args.list or args.number is None:
        return _list(context)
    try:
        diary = context.diary
    except (NotADatabase, DiaryMissing) as error:
        # The diary is damaged or missing: exactly when a backup is wanted. Put it in
        # place, keeping a damaged file beside it. (A busy diary, a full disk or a file
        # that is not kinolog's raise other errors, and nothing is replaced.)
        missing = isinstance(error, DiaryMissing)
        state = "is missing or empty" if missing else "is damaged"
        say(f"kinolog: the diary {state}; restoring the backup in its place")
        done = replace_damaged_diary(_diary_path(context), args.number)
        say(f"Restored {done.restored.name} ({done.entries} entries)")
        if done.safety.exists():
            say(f"The {'empty' if missing else 'damaged'} diary is kept as {done.safety}")
        return 0
    done = restore_backup(diary, args.number)
    say(f"Restored {done.restored.name} ({done.entries} entries)")
    say(f"The diary as it was is in {done.safety} (restore it to go back)")
    return 0


def _diary_path(context: Context) -> Path:
    """Where the diary is, without opening it (it may be the file that cannot be opened)."""
    return ensure_data_dir(context.data_dir) / DIARY_FILE


def _list(context: Context) -> int:
    backups = list_backups(_diary_path(context))
    if not backups:
        say("No diary backups yet: kinolog makes one before every import (or: kinolog diary"
            " backup)")  # fmt: skip
        return 0
    rows = []
    for number, backup in enumerate(backups, start=1):
        try:
            entries: object = verify_backup(backup.path)
        except KinologError:
            entries = "damaged"
        rows.append((number, backup.created, backup.reason, entries, f"{backup.size:,}"))
    say(table(("N", "made (UTC)", "why", "entries", "bytes"), rows, max_width=60))
    say("Restore one with: kinolog diary restore N")
    return 0
