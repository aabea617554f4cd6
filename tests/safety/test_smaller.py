"""The smaller points of issue 12: an empty rating, Ctrl-C at any moment, permission errors,
and a backup with another page size."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kinolog.db.backup import backup_diary, list_backups
from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.models import FilmRef
from tests.conftest import add_sample_films
from tests.safety.helpers import ROOT, entries, run_kinolog

HEAT = FilmRef(key="imdb:tt0113277", title="Heat", year=1995, imdb_id="tt0113277")


@pytest.fixture
def folder(data_dir: Path) -> Path:
    catalogue = Catalogue(data_dir / "catalogue.db")
    add_sample_films(catalogue)
    catalogue.close()
    return data_dir


def test_an_empty_rating_is_refused(folder: Path) -> None:
    for empty in ("", "  "):
        result = run_kinolog(folder, "rate", "pulp fiction", empty)
        assert result.returncode == 2
        assert result.stderr.splitlines() == [
            "kinolog: error: empty rating: give one (7, 7/10, 3.5/5, ★★★½), or - for none"
        ]
    assert not (folder / "diary.db").exists() or entries(folder / "diary.db") == []
    assert run_kinolog(folder, "rate", "pulp fiction", "-").returncode == 0  # "no rating"


# The console script, as a person runs it.
KINOLOG = str(Path(sys.executable).with_name("kinolog"))


def interrupt(folder: Path, args: list[str], after: float) -> subprocess.CompletedProcess[str]:
    process = subprocess.Popen(
        [KINOLOG, "--data-dir", str(folder), *args],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    time.sleep(after)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


@pytest.mark.parametrize("after", [0.25, 0.35, 0.5, 0.65, 0.8, 1.0, 1.3, 1.8, 2.5])
def test_ctrl_c_at_any_moment_prints_one_line(folder: Path, after: float) -> None:
    # `search --json -` waits for queries on standard input: Ctrl-C lands while Python
    # imports kinolog, while the files open, or while it waits. (The first milliseconds,
    # while the Python interpreter itself starts and before kinolog's code runs, are
    # Python's own: a Ctrl-C there can print Python's traceback.)
    result = interrupt(folder, ["search", "--json", "-"], after)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.splitlines() == ["kinolog: interrupted"]
    assert result.returncode == 130


def test_ctrl_c_during_an_import_leaves_the_diary_as_it_was(folder: Path, tmp_path: Path) -> None:
    diary = Diary(folder / "diary.db")
    diary.log_viewing(HEAT, rating=8)
    diary.close()
    export = tmp_path / "ratings.csv"
    rows = [
        f"tt{n},{1 + n % 10},2020-01-01,Film {n},https://www.imdb.com/title/tt{n}/"
        for n in range(1000000, 1060000)
    ]
    export.write_text("Const,Your Rating,Date Rated,Title,URL\n" + "\n".join(rows) + "\n")
    for after in (1.0, 2.0, 3.0):
        result = interrupt(folder, ["import", "imdb-ratings", str(export)], after)
        assert "Traceback" not in result.stderr, result.stderr
        if result.returncode == 0:
            break  # it finished first: nothing left to interrupt
        assert result.stderr.splitlines()[-1] == "kinolog: interrupted"
        assert entries(folder / "diary.db") == [("Heat", 8)]  # all of an import or none


def test_a_backup_with_another_page_size_restores(folder: Path) -> None:
    diary = Diary(folder / "diary.db")
    for number in range(40):
        diary.log_viewing(HEAT, rating=1 + number % 10, note=f"viewing {number}")
    path = backup_diary(diary)
    diary.log_viewing(HEAT, rating=1)
    diary.close()
    conn = sqlite3.connect(path, isolation_level=None)  # as another machine might have made it
    conn.execute("PRAGMA page_size=1024")
    conn.execute("VACUUM")
    assert conn.execute("PRAGMA page_size").fetchone()[0] == 1024
    conn.close()
    result = run_kinolog(folder, "diary", "restore", str(1 + [b.path for b in list_backups(
        folder / "diary.db")].index(path)))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert len(entries(folder / "diary.db")) == 40
    conn = sqlite3.connect(folder / "diary.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_permission_errors_are_one_line_with_exit_2(folder: Path, tmp_path: Path) -> None:
    import os

    blocked = tmp_path / "blocked"
    blocked.mkdir()
    target = blocked / "out.csv"
    if os.geteuid() == 0:
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(blocked)], check=False
        )
        if mounted.returncode:
            pytest.skip("root writes anywhere, and no read-only tmpfs can be mounted here")
    else:
        blocked.chmod(0o500)
    try:
        result = run_kinolog(folder, "export", "diary", "-o", str(target))
        assert result.returncode == 2
        [line] = result.stderr.splitlines()
        assert line.startswith("kinolog: error: cannot use") and str(blocked) in line
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(blocked)], check=False)
        else:
            blocked.chmod(0o700)
