"""``kinolog doctor``: is everything sound? Paths, schema versions, integrity, counts.

The doctor only looks: both files are opened read-only (a file without a ``-wal`` as it is
on disk, so that not even a ``-wal`` or ``-shm`` file appears), nothing is migrated,
checkpointed, switched to another journal mode, created or tidied up.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kinolog.db.backup import list_backups
from kinolog.db.catalogue import Catalogue
from kinolog.db.datadir import CATALOGUE_FILE, DIARY_FILE
from kinolog.db.diary import Diary
from kinolog.db.errors import KinologError
from kinolog.db.headers import has_wal_content, kind_of
from kinolog.db.migrations import CATALOGUE_MIGRATIONS, DIARY_MIGRATIONS
from kinolog.tui.cli.context import Context
from kinolog.tui.cli.output import dump_json, say


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``doctor``."""
    doctor = commands.add_parser(
        "doctor",
        help="check both files: integrity, schema versions, counts",
        description=(
            "Check the data folder and both files (a full integrity check). The doctor "
            "changes nothing: it never migrates, checkpoints or repairs."
        ),
        epilog="examples:\n  kinolog doctor\n  kinolog --data-dir /tmp/films doctor --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    doctor.add_argument("--json", action="store_true", help="the report as JSON")
    doctor.set_defaults(handler=run_doctor)


def _fingerprint(path: Path) -> tuple[tuple[int, int] | None, ...]:
    """Size and modification time of a file and its WAL: did anyone write meanwhile?"""
    stamps: list[tuple[int, int] | None] = []
    for suffix in ("", "-wal"):
        try:
            stat = path.with_name(path.name + suffix).stat()
            stamps.append((stat.st_size, stat.st_mtime_ns))
        except OSError:
            stamps.append(None)
    return tuple(stamps)


def _check(path: Path, kind: type[Catalogue] | type[Diary], known: int) -> dict[str, object]:
    report: dict[str, object] = {"path": str(path), "exists": path.exists()}
    if not path.exists() or not path.stat().st_size:
        try:  # a lost diary with backups is a problem, not "not created yet"
            kind(path, access="inspect").close()
        except KinologError as error:
            report["status"] = f"problem: {error}"
            return report
        report["status"] = "not created yet" if not path.exists() else "empty: made on first use"
        return report
    report["size_bytes"] = path.stat().st_size
    report["wal_bytes"] = path.with_name(path.name + "-wal").stat().st_size if has_wal_content(
        path
    ) else 0  # fmt: skip
    before = _fingerprint(path)
    try:
        store = kind(path, access="inspect")
    except KinologError as error:
        report["status"] = f"problem: {error}"
        return report
    try:
        version = store.store.schema_version
        report["schema_version"] = version
        report["schema_version_known"] = known
        application_id = store.store.application_id
        report["application_id"] = f"{application_id:#010x}" if application_id else None
        integrity = store.store.integrity_check()
        report["integrity"] = integrity
        if version < known:
            report["status"] = (
                f"ok, schema {version}: the next kinolog command that writes upgrades it to "
                f"{known} (backing it up first)"
            )
            return report
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
            report["status"] = "problem: integrity check failed: " + integrity[:300]
        elif schema:
            report["status"] = f"problem: the schema is not what version {known} has: " + "; ".join(
                schema
            )
        elif kind_of(application_id) is None:
            report["status"] = (
                "ok (made by an older kinolog: the next command that writes gives it "
                "kinolog's application id)"
            )
        else:
            report["status"] = "ok"
    except KinologError as error:
        report["status"] = f"problem: {error}"
    finally:
        store.close()
    if str(report["status"]).startswith("problem") and _fingerprint(path) != before:
        report["status"] = (
            "changed while it was checked (another kinolog process wrote to it): "
            "run kinolog doctor again"
        )
    return report


def _backups(diary_path: Path) -> dict[str, object]:
    backups = list_backups(diary_path)
    return {
        "count": len(backups),
        "newest": str(backups[0].path) if backups else None,
        "newest_made": backups[0].created if backups else None,
    }


def run_doctor(args: argparse.Namespace, context: Context) -> int:
    """Print the report; exit 1 when something is wrong."""
    folder = context.data_dir
    reports = {
        "catalogue": _check(folder / CATALOGUE_FILE, Catalogue, len(CATALOGUE_MIGRATIONS)),
        "diary": _check(folder / DIARY_FILE, Diary, len(DIARY_MIGRATIONS)),
    }
    backups = _backups(folder / DIARY_FILE)
    healthy = all(not str(r["status"]).startswith("problem") for r in reports.values())
    if args.json:
        print(dump_json({"data_dir": str(folder), "ok": healthy, **reports, "backups": backups}))
        return 0 if healthy else 1
    say(f"data folder: {folder}" + ("" if folder.exists() else " (not created yet)"))
    for name, report in reports.items():
        say(f"{name}: {report['path']}")
        say(f"  status: {report['status']}")
        if "schema_version" in report:
            version, known = report["schema_version"], report["schema_version_known"]
            say(f"  schema: version {version} (this kinolog: {known})")
            wal = report.get("wal_bytes") or 0
            say(
                f"  size: {report['size_bytes']:,} bytes" + (f" (+ {wal:,} in its WAL)" * bool(wal))
            )
        counts = report.get("counts")
        if isinstance(counts, dict):
            say("  " + ", ".join(f"{key.replace('_', ' ')}: {n:,}" for key, n in counts.items()))
    if backups["count"]:
        say(f"diary backups: {backups['count']}, the newest {backups['newest']}")
    else:
        say("diary backups: none yet")
    return 0 if healthy else 1
