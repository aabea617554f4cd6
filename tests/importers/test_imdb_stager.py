"""``import imdb`` with its files read by a second process (as big imports do): the same
catalogue, failures and interruptions as before, progress passed on, nothing left behind,
and readers that answer while a file's write transaction is open."""

from __future__ import annotations

import gzip
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import kinolog.db.importers.imdb.files
import kinolog.db.importers.imdb.people
import kinolog.db.importers.imdb.stager as stager
import kinolog.db.importers.imdb.titles
import kinolog.db.progress
from kinolog.db.catalogue import Catalogue
from kinolog.db.datadir import imdb_staging_folder
from kinolog.db.importers.imdb import import_imdb
from kinolog.db.importers.imdb.staging import NumberSet
from kinolog.db.search import FilmSearch
from kinolog.tui.cli.progress import TerminalProgress
from tests.importers.test_imdb import FIXTURES, ROOT, Interrupting, imported, rows, table_counts
from tests.importers.test_imdb_scale import contents


@pytest.fixture
def second_process(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[list[str]]]:
    """Every import stages its files in a second process; the commands started are listed."""
    monkeypatch.setattr(stager, "PIPELINE_BYTES", 0)
    started: list[list[str]] = []
    real = subprocess.Popen

    def popen(command: list[str], **options: object) -> subprocess.Popen[bytes]:
        started.append(list(command))
        return real(command, **options)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(stager.subprocess, "Popen", popen)
    yield started


def leftovers(catalogue: Catalogue) -> bool:
    return imdb_staging_folder(catalogue.path).exists()


def test_a_second_process_stages_the_same_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, second_process: list[list[str]]
) -> None:
    alone = Catalogue(tmp_path / "alone" / "catalogue.db")
    monkeypatch.setattr(stager, "PIPELINE_BYTES", 1 << 62)
    expected_reports = [(r.kind, r.rows, r.kept) for r in imported(alone, FIXTURES).files]
    expected = contents(alone)
    alone.close()
    assert not second_process
    # in small batches and chunks too, which the second process is told about
    monkeypatch.setattr(stager, "PIPELINE_BYTES", 0)
    for module in (kinolog.db.importers.imdb.titles, kinolog.db.importers.imdb.people):
        monkeypatch.setattr(module, "BATCH", 2)
    monkeypatch.setattr(kinolog.db.importers.imdb.files, "_CHUNK_BYTES", 64)
    both = Catalogue(tmp_path / "both" / "catalogue.db")
    result = imported(both, FIXTURES)
    assert [command[-1] for command in second_process] == ["kinolog.db.importers.imdb.stage_child"]
    assert [(r.kind, r.rows, r.kept) for r in result.files] == expected_reports
    assert contents(both) == expected
    assert not leftovers(both)
    imported(both, FIXTURES)  # again: nothing changes
    assert contents(both) == expected
    both.close()


def test_a_damaged_file_read_by_the_second_process(
    catalogue: Catalogue, tmp_path: Path, second_process: list[list[str]]
) -> None:
    imported(catalogue, FIXTURES / "title.basics.tsv", FIXTURES / "title.crew.tsv")
    before = table_counts(catalogue)
    whole = gzip.compress((FIXTURES / "title.principals.tsv").read_bytes())
    broken = tmp_path / "title.principals.tsv.gz"
    broken.write_bytes(whole[: len(whole) * 2 // 3])
    result = import_imdb(catalogue, [broken, FIXTURES / "name.basics.tsv"])
    assert second_process
    assert len(result.errors) == 1 and "damaged or incomplete" in result.errors[0]
    assert table_counts(catalogue)["credits"] == before["credits"]
    assert rows(catalogue, "SELECT name FROM people WHERE imdb_id = 'nm0000233'") == [
        ("Quentin Tarantino",)
    ]
    assert not leftovers(catalogue)


def test_progress_from_the_second_process(
    catalogue: Catalogue, second_process: list[list[str]]
) -> None:
    out = io.StringIO()
    with TerminalProgress(unit="bytes", every=0.0, stream=out) as progress:
        import_imdb(catalogue, [FIXTURES], progress=progress)
    assert second_process
    lines = out.getvalue().splitlines()
    for kind in ("title.basics", "title.crew", "title.principals", "name.basics", "title.akas"):
        assert sum(line.startswith(f"{kind} (") and "started" in line for line in lines) == 1
        done = [line for line in lines if line.startswith(f"{kind} (") and ": done: " in line]
        assert len(done) == 1 and "rows read" in done[0] and "kept" in done[0]
        assert sum(line.startswith(f"{kind}: writing") for line in lines) == 1
    assert any("12 rows read, 8 kept" in line for line in lines if "title.basics (" in line)


@pytest.mark.parametrize("kind", ["title.principals", "name.basics"])
def test_ctrl_c_while_writing_with_a_second_process(
    catalogue: Catalogue,
    kind: str,
    monkeypatch: pytest.MonkeyPatch,
    second_process: list[list[str]],
) -> None:
    monkeypatch.setattr(kinolog.db.progress, "HEARTBEAT_STEPS", 10)
    imported(catalogue, FIXTURES / "title.basics.tsv", FIXTURES / "title.crew.tsv")
    before = table_counts(catalogue)
    with pytest.raises(KeyboardInterrupt):
        import_imdb(
            catalogue,
            [FIXTURES / "title.principals.tsv", FIXTURES / "name.basics.tsv"],
            progress=Interrupting(kind),
        )
    assert second_process and not leftovers(catalogue)
    after = table_counts(catalogue)
    if kind == "title.principals":
        assert after == before
    else:  # principals went in before Ctrl-C; name.basics did not
        assert after["credits"] > before["credits"]
        assert rows(catalogue, "SELECT count(*) FROM people WHERE name = imdb_id")[0][0] > 0
    imported(catalogue, FIXTURES / "title.principals.tsv", FIXTURES / "name.basics.tsv")
    assert rows(catalogue, "SELECT count(*) FROM people WHERE name = imdb_id") == [(0,)]


def test_number_sets_saved_and_combined(tmp_path: Path) -> None:
    numbers = NumberSet([3, 8, 110912, NumberSet.LIMIT + 5])
    numbers.save(tmp_path / "set")
    loaded = NumberSet.load(tmp_path / "set")
    assert loaded.bits == numbers.bits and loaded.extra == numbers.extra and len(loaded) == 4
    other = NumberSet([8, 9, 2_000_000])
    assert list(numbers.difference(other)) == [3, 110912, NumberSet.LIMIT + 5]
    assert list(other.difference(numbers)) == [9, 2_000_000]
    many = NumberSet(range(0, 3_000_000, 3))  # several slices of the bitmap
    assert list(many.difference(NumberSet(range(0, 3_000_000, 6)))) == list(range(3, 3_000_000, 6))
    numbers.update(other)
    assert [n for n in (3, 8, 9, 110912, 2_000_000, NumberSet.LIMIT + 5) if n in numbers] == [
        3, 8, 9, 110912, 2_000_000, NumberSet.LIMIT + 5,
    ]  # fmt: skip
    assert len(numbers) == 6 and not NumberSet() and NumberSet([0])


# -- real processes: a killed importer, and readers during a write transaction ---------------

IMPORTER = """
import os, sys, time
from pathlib import Path
from kinolog.db.catalogue import Catalogue
from kinolog.db.importers.imdb import import_imdb
import kinolog.db.importers.imdb.importer as imdb
import kinolog.db.importers.imdb.stager as stager

folder = Path(sys.argv[1])
stager.PIPELINE_BYTES = 0
popen = stager.subprocess.Popen
def recorded(*args, **options):
    process = popen(*args, **options)
    (folder / "stager.pid").write_text(str(process.pid))
    return process
stager.subprocess.Popen = recorded
apply = imdb._APPLY["title.principals"]
def paused(conn, run, staged):
    done = apply(conn, run, staged)  # written, not committed
    assert conn.in_transaction
    (folder / "paused").touch()
    while not (folder / "go").exists():
        time.sleep(0.05)
    return done
imdb._APPLY["title.principals"] = paused
catalogue = Catalogue(folder / "data" / "catalogue.db")
result = import_imdb(catalogue, [Path(path) for path in sys.argv[2:]])
catalogue.close()
sys.exit(1 if result.errors else 0)
"""


def start_importer(tmp_path: Path, *paths: Path) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-c", IMPORTER, str(tmp_path), *map(str, paths)], cwd=ROOT
    )
    deadline = time.monotonic() + 60
    while not (tmp_path / "paused").exists():
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    return process


def gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True
    return "\nState:\tZ" in state


@pytest.fixture
def data_dir_with_films(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    catalogue = Catalogue(data / "catalogue.db")
    imported(catalogue, FIXTURES / "title.basics.tsv", FIXTURES / "title.ratings.tsv")
    catalogue.close()
    return data


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_the_second_process_ends_with_a_killed_importer(
    tmp_path: Path, data_dir_with_films: Path
) -> None:
    importer = start_importer(tmp_path, FIXTURES)
    child = int((tmp_path / "stager.pid").read_text())
    importer.send_signal(signal.SIGKILL)
    importer.wait(timeout=30)
    deadline = time.monotonic() + 20
    while not gone(child):
        assert time.monotonic() < deadline, "the stager outlived its importer"
        time.sleep(0.1)
    catalogue = Catalogue(data_dir_with_films / "catalogue.db")
    assert catalogue.store.integrity_check() == "ok"
    assert rows(catalogue, "SELECT count(*) FROM credits WHERE role = 'cast'") == [(0,)]
    assert leftovers(catalogue)  # what the killed import staged ...
    imported(catalogue, FIXTURES)
    assert not leftovers(catalogue)  # ... goes with the next import
    assert rows(catalogue, "SELECT count(*) FROM credits WHERE role = 'cast'")[0][0] > 0
    catalogue.close()


def test_reads_answer_while_a_file_is_being_written(
    tmp_path: Path, data_dir_with_films: Path
) -> None:
    """title.principals written but not committed: search, show and log in other processes
    and a search in this one answer at once, with the catalogue as it was before the file."""
    importer = start_importer(tmp_path, FIXTURES)
    try:
        for command, expected in (
            (["search", "pulp fiction"], "Pulp Fiction"),
            (["search", "uma thurman"], ""),  # her credit is not committed yet
            (["show", "amelie"], "Amélie"),
            (["log"], ""),
        ):
            started = time.monotonic()
            read = subprocess.run(
                [sys.executable, "-m", "kinolog", "--data-dir", str(data_dir_with_films),
                 *command],
                capture_output=True, text=True, check=False, cwd=ROOT, timeout=60,
                env={**os.environ, "KINOLOG_BUSY_TIMEOUT": "30"},
            )  # fmt: skip
            seconds = time.monotonic() - started
            assert read.returncode == 0, read.stderr
            assert expected in read.stdout and (expected or "Thurman" not in read.stdout)
            assert seconds < 10, (command, seconds)  # a waiting read would take 30 s
        catalogue = Catalogue(data_dir_with_films / "catalogue.db", access="read")
        started = time.monotonic()
        hits = FilmSearch(catalogue).search_films("pulp fiction")
        assert time.monotonic() - started < 1.0
        assert hits[0].film.imdb_id == "tt0110912"
        catalogue.close()
        assert importer.poll() is None  # still inside the transaction
    finally:
        (tmp_path / "go").touch()
        assert importer.wait(timeout=60) == 0
    catalogue = Catalogue(data_dir_with_films / "catalogue.db")
    assert FilmSearch(catalogue).search_films("uma thurman")[0].film.imdb_id == "tt0110912"
    assert not leftovers(catalogue)
    catalogue.close()
    shutil.rmtree(tmp_path / "data", ignore_errors=True)
