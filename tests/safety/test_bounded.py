"""Item 8: bounded inputs. A small zip that unpacks to hundreds of MB, a zip of thousands of
entries and a million-row diary CSV are refused with one line, quickly and in little memory,
before anything is written; what an import reads is streamed. (The time a large import takes
is measured by ``bench/bench_diary_import.py``.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kinolog.db.diary import Diary
from kinolog.db.files import MAX_CSV_ROWS, read_csv
from kinolog.db.formats.values import MAX_EXPORT_BYTES, MAX_EXPORT_MEMBERS
from kinolog.db.models import FilmRef
from tests.safety.helpers import ROOT, entries

HEAT = FilmRef(key="imdb:tt0113277", title="Heat", year=1995, imdb_id="tt0113277")
HEADER = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"

# Runs one import in a process of its own; prints its exit code, seconds and peak memory:
# VmHWM, the process's own peak (ru_maxrss carries the parent's peak across fork and exec, so
# it reads as the test runner's size once that has grown past the limit).
MEASURED = """
import json, re, sys, time
from pathlib import Path
from kinolog.tui.cli.main import run
started = time.perf_counter()
code = run(["--data-dir", sys.argv[1], "import", *sys.argv[2:]])
peak = re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text())[1]
print(json.dumps({"code": code, "seconds": time.perf_counter() - started,
                  "peak_mb": int(peak) / 1024}))
"""


def measured_import(data_dir: Path, *args: str) -> tuple[dict[str, float], str]:
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, str(data_dir), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return figures, done.stderr


@pytest.fixture
def diary_before(data_dir: Path) -> Path:
    diary = Diary(data_dir / "diary.db")
    diary.log_viewing(HEAT, rating=8)
    diary.close()
    return data_dir


def rows(count: int, start: int = 0) -> str:
    return "".join(
        f"2024-01-01,Film {n},2001,https://boxd.it/{n:x},3.5,,,2024-01-01\n"
        for n in range(start, start + count)
    )


def test_a_small_zip_that_unpacks_to_hundreds_of_megabytes_is_refused(
    diary_before: Path, tmp_path: Path
) -> None:
    bomb = tmp_path / "letterboxd-export.zip"
    block = rows(1).encode() * 10_000  # one row again and again: it packs very small
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("diary.csv", "w", force_zip64=True) as member,
    ):
        member.write(HEADER.encode())
        for _ in range(300 * 1024 * 1024 // len(block)):
            member.write(block)
    assert bomb.stat().st_size < 10 * 1024 * 1024
    figures, err = measured_import(diary_before, "letterboxd", str(bomb))
    assert figures["code"] == 1
    [line] = [line for line in err.splitlines() if line.startswith("kinolog: error")]
    assert "refused before reading" in line or "not an export" in line, line
    assert figures["seconds"] < 30 and figures["peak_mb"] < 250, figures
    assert entries(diary_before / "diary.db") == [("Heat", 8)]
    assert not (diary_before / "backups").exists()  # refused before any backup or write


def test_a_highly_compressed_member_is_refused_by_its_expansion(
    diary_before: Path, tmp_path: Path
) -> None:
    bomb = tmp_path / "export.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("diary.csv", HEADER + "x" * (40 * 1024 * 1024))
    result = subprocess.run(
        [sys.executable, "-m", "kinolog", "--data-dir", str(diary_before), "import",
         "letterboxd", str(bomb)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "unpacks to" in result.stderr and "not an export" in result.stderr


def test_a_zip_of_too_many_entries_is_refused_before_reading(
    diary_before: Path, tmp_path: Path
) -> None:
    crowded = tmp_path / "export.zip"
    with zipfile.ZipFile(crowded, "w") as archive:
        for number in range(MAX_EXPORT_MEMBERS + 1):
            archive.writestr(f"lists/list-{number}.csv", "")
    figures, err = measured_import(diary_before, "letterboxd", str(crowded))
    assert figures["code"] == 1
    assert f"{MAX_EXPORT_MEMBERS + 1:,} entries in the zip" in err


@pytest.mark.parametrize("kind", ["letterboxd", "imdb-ratings", "diary"])
def test_a_million_row_diary_file_is_refused_quickly_and_in_little_memory(
    diary_before: Path, tmp_path: Path, kind: str
) -> None:
    export = tmp_path / ("export.json" if kind == "diary" else "export.csv")
    with export.open("w", encoding="utf-8") as file:
        if kind == "letterboxd":
            file.write(HEADER)
            for start in range(0, 1_000_000, 50_000):
                file.write(rows(50_000, start))
        elif kind == "imdb-ratings":
            file.write("Const,Your Rating,Date Rated,Title,Year\n")
            for number in range(1_000_000):
                file.write(f"tt{1000000 + number},7,2024-01-01,Film {number},2001\n")
        else:
            item = {"film": {"key": "title:x:2001", "title": "X", "year": 2001}, "rating": 7}
            file.write("[" + ",".join([json.dumps(item)] * (MAX_CSV_ROWS + 1)) + "]")
    figures, err = measured_import(diary_before, kind, str(export))
    assert figures["code"] == 1, err
    assert f"more than {MAX_CSV_ROWS:,}" in err
    assert figures["seconds"] < 60 and figures["peak_mb"] < 600, figures
    assert entries(diary_before / "diary.db") == [("Heat", 8)]


def test_the_limits_are_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{MAX_CSV_ROWS:,} rows" in readme
    assert f"{MAX_EXPORT_BYTES // (1024 * 1024)} MiB" in readme
    assert f"{MAX_EXPORT_MEMBERS:,} entries" in readme


def test_csv_is_streamed_from_a_file_not_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text(HEADER + rows(5000), encoding="utf-8")
    table = read_csv(path, "big.csv")
    assert len(table.rows) == 5000 and table.rows[0][0] == 2
    assert table.rows[-1][1]["name"] == "Film 4999"


def test_a_pipe_named_as_an_export_is_refused_not_waited_on(
    diary_before: Path, tmp_path: Path
) -> None:
    pipe = tmp_path / "diary.csv"
    os.mkfifo(pipe)
    result = subprocess.run(
        [sys.executable, "-m", "kinolog", "--data-dir", str(diary_before), "import",
         "letterboxd", str(pipe)],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "not a regular file" in result.stderr
