"""Real processes on one data folder: concurrent writers, and a writer killed mid-stream."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from tests.conftest import add_sample_films

ROOT = Path(__file__).resolve().parents[2]


def kinolog_process(data_dir: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kinolog", "--data-dir", str(data_dir), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_rating_at_the_same_moment_both_succeed(
    catalogue: Catalogue, data_dir: Path
) -> None:
    add_sample_films(catalogue)
    for _round in range(3):
        first = kinolog_process(data_dir, "rate", "pulp fiction", "9")
        second = kinolog_process(data_dir, "rate", "amelie", "8")
        for process in (first, second):
            _out, err = process.communicate(timeout=60)
            assert process.returncode == 0, err
    diary = Diary(data_dir / "diary.db")
    entries = diary.entries()
    assert len(entries) == 6
    assert diary.store.integrity_check() == "ok"
    diary.close()


WRITER = """
import sys
from pathlib import Path
from kinolog.db.diary import Diary
from kinolog.db.models import FilmRef
diary = Diary(Path(sys.argv[1]))
film = FilmRef(key="imdb:tt0110912", title="Pulp Fiction", year=1994, imdb_id="tt0110912")
for number in range(100000):
    entry = diary.log_viewing(film, rating=number % 10 + 1, note=f"viewing {number}")
    print(entry.id, flush=True)
"""


def test_killing_a_writer_loses_no_committed_entry(data_dir: Path) -> None:
    path = data_dir / "diary.db"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert writer.stdout is not None
    committed: list[int] = []
    deadline = time.monotonic() + 60
    while len(committed) < 40 and time.monotonic() < deadline:
        line = writer.stdout.readline()
        if not line:
            break
        committed.append(int(line))
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    assert len(committed) >= 40

    diary = Diary(path)
    stored = {entry.id for entry in diary.entries()}
    assert set(committed) <= stored
    assert diary.store.integrity_check() == "ok"
    # The diary stays writable after the crash (no stale lock).
    diary.log_viewing(diary.entries()[0].film, rating=5)
    diary.close()


def test_concurrent_cli_writers_with_the_log_json_reader(
    catalogue: Catalogue, data_dir: Path
) -> None:
    add_sample_films(catalogue)
    writers = [kinolog_process(data_dir, "rate", "pulp fiction", str(n)) for n in (5, 6, 7, 8)]
    reader = kinolog_process(data_dir, "log", "--json")
    out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    json.loads(out)
    for process in writers:
        process.communicate(timeout=60)
        assert process.returncode == 0
    diary = Diary(data_dir / "diary.db")
    assert sorted(entry.rating or 0 for entry in diary.entries()) == [5, 6, 7, 8]
    diary.close()


def test_a_closed_pipe_is_not_an_error(catalogue: Catalogue, data_dir: Path) -> None:
    add_sample_films(catalogue)
    for number in range(60):
        catalogue.add_film(title=f"Film number {number}", year=2000 + number % 20)
    process = subprocess.run(
        f"{sys.executable} -m kinolog --data-dir {data_dir} export catalogue | head -c 10",
        shell=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.stdout == '{"films": '
    assert process.stderr == ""
