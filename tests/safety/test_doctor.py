"""Item 3: ``kinolog doctor`` changes nothing: it never migrates, checkpoints or switches
journal modes, and it creates no file. It reports."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.migrations import CATALOGUE_MIGRATIONS
from kinolog.db.models import FilmRef
from tests.conftest import add_sample_films
from tests.safety.helpers import files, holding, run_kinolog

HEAT = FilmRef(key="imdb:tt0113277", title="Heat", year=1995, imdb_id="tt0113277")


def old_catalogue(path: Path, *, version: int, journal: str) -> None:
    """A catalogue as an older kinolog left it: ``version`` migrations, no application id."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA journal_mode={journal}")
    for number, migration in enumerate(CATALOGUE_MIGRATIONS[:version], 1):
        conn.execute("BEGIN")
        migration(conn)
        conn.execute(f"PRAGMA user_version={number}")
        conn.execute("COMMIT")
    conn.close()


def test_doctor_on_clean_files_creates_and_changes_nothing(data_dir: Path) -> None:
    catalogue = Catalogue(data_dir / "catalogue.db")
    add_sample_films(catalogue)
    catalogue.close()
    diary = Diary(data_dir / "diary.db")
    diary.log_viewing(HEAT, rating=8)
    diary.close()
    before = files(data_dir)
    result = run_kinolog(data_dir, "doctor", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] and report["diary"]["counts"]["entries"] == 1
    assert files(data_dir) == before  # not even a -wal or -shm file appeared


def test_doctor_never_migrates_nor_switches_the_journal_mode(data_dir: Path) -> None:
    old_catalogue(
        data_dir / "catalogue.db", version=len(CATALOGUE_MIGRATIONS) - 1, journal="delete"
    )
    before = files(data_dir)
    result = run_kinolog(data_dir, "doctor")
    assert result.returncode == 0, result.stdout
    assert "next kinolog command that writes upgrades it" in result.stdout
    assert files(data_dir) == before
    conn = sqlite3.connect(data_dir / "catalogue.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(CATALOGUE_MIGRATIONS) - 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_doctor_never_checkpoints_a_wal_left_by_a_killed_process(data_dir: Path) -> None:
    code = """
import sys, time
from pathlib import Path
from kinolog.db.diary import Diary
from kinolog.db.models import FilmRef
diary = Diary(Path(sys.argv[1]))
for number in range(25):
    diary.log_viewing(FilmRef(key="title:x:2000", title="X", year=2000), rating=5)
print("ready", flush=True)
time.sleep(600)
"""
    with holding(code, str(data_dir / "diary.db")):
        pass  # SIGKILL: the entries are in the WAL, not yet in diary.db
    database = (data_dir / "diary.db").read_bytes()
    wal = (data_dir / "diary.db-wal").read_bytes()
    result = run_kinolog(data_dir, "doctor", "--json")
    report = json.loads(result.stdout)
    assert report["diary"]["counts"]["entries"] == 25  # it sees what the WAL holds ...
    assert report["diary"]["wal_bytes"] == len(wal)
    assert (data_dir / "diary.db").read_bytes() == database  # ... and copies none of it
    assert (data_dir / "diary.db-wal").read_bytes() == wal


def test_doctor_reports_a_lost_diary_and_a_foreign_file_without_touching_them(
    data_dir: Path,
) -> None:
    diary = Diary(data_dir / "diary.db")
    diary.log_viewing(HEAT, rating=8)
    from kinolog.db.backup import backup_diary

    backup_diary(diary)
    diary.close()
    (data_dir / "diary.db").unlink()
    conn = sqlite3.connect(data_dir / "catalogue.db")
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    before = files(data_dir)
    result = run_kinolog(data_dir, "doctor")
    assert result.returncode == 1
    assert "is missing, but backups of the diary exist" in result.stdout
    assert "kinolog diary restore" in result.stdout
    assert "kinolog did not make" in result.stdout
    assert "diary backups: 1" in result.stdout
    assert files(data_dir) == before
