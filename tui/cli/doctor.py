"""``kinolog doctor``: is everything sound? Paths, schema versions, integrity, counts."""

from __future__ import annotations

import argparse
from pathlib import Path

from kinolog.db.catalogue import Catalogue
from kinolog.db.datadir import CATALOGUE_FILE, DIARY_FILE
from kinolog.db.diary import Diary
from kinolog.db.errors import KinologError
from kinolog.db.migrations import CATALOGUE_MIGRATIONS, DIARY_MIGRATIONS
from kinolog.tui.cli.context import Context
from kinolog.tui.cli.output import dump_json, say


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``doctor``."""
    doctor = commands.add_parser(
        "doctor",
        help="check both files: integrity, schema versions, counts",
        description="Check the data folder and both files (a full integrity check).",
        epilog="examples:\n  kinolog doctor\n  kinolog --data-dir /tmp/films doctor --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    doctor.add_argument("--json", action="store_true", help="the report as JSON")
    doctor.set_defaults(handler=run_doctor)


def _check(path: Path, kind: type[Catalogue] | type[Diary], known: int) -> dict[str, object]:
    report: dict[str, object] = {"path": str(path), "exists": path.exists()}
    if not path.exists():
        report["status"] = "not created yet"
        return report
    report["size_bytes"] = path.stat().st_size
    try:
        store = kind(path)
    except KinologError as error:
        report["status"] = f"problem: {error}"
        return report
    try:
        report["schema_version"] = store.store.schema_version
        report["schema_version_known"] = known
        integrity = store.store.integrity_check()
        report["integrity"] = integrity
        schema = store.store.schema_problems()
        report["schema_problems"] = schema
        report["counts"] = store.counts()
        with store.store.read():
            database = store.store.db
            report["tables"] = {
                name: database.table(name).count
                for name in database.table_names()
                if not name.startswith("sqlite_")
            }
        if integrity != "ok":
            report["status"] = "problem: integrity check failed"
        elif schema:
            report["status"] = f"problem: the schema is not what version {known} has: " + "; ".join(
                schema
            )
        else:
            report["status"] = "ok"
    finally:
        store.close()
    return report


def run_doctor(args: argparse.Namespace, context: Context) -> int:
    """Print the report; exit 1 when something is wrong."""
    folder = context.data_dir
    reports = {
        "catalogue": _check(folder / CATALOGUE_FILE, Catalogue, len(CATALOGUE_MIGRATIONS)),
        "diary": _check(folder / DIARY_FILE, Diary, len(DIARY_MIGRATIONS)),
    }
    healthy = all(not str(r["status"]).startswith("problem") for r in reports.values())
    if args.json:
        print(dump_json({"data_dir": str(folder), "ok": healthy, **reports}))
        return 0 if healthy else 1
    say(f"data folder: {folder}" + ("" if folder.exists() else " (not created yet)"))
    for name, report in reports.items():
        say(f"{name}: {report['path']}")
        say(f"  status: {report['status']}")
        if "schema_version" in report:
            version, known = report["schema_version"], report["schema_version_known"]
            say(f"  schema: version {version} (this kinolog: {known})")
            say(f"  size: {report['size_bytes']:,} bytes")
            counts = report["counts"]
            assert isinstance(counts, dict)
            say("  " + ", ".join(f"{key.replace('_', ' ')}: {n:,}" for key, n in counts.items()))
    return 0 if healthy else 1
