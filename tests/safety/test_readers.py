"""Item 12: commands that only read never take the write lock: they answer while an import
holds both files, and in a data folder kinolog may not write to."""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.models import FilmRef
from kinolog.db.search import refresh_search_index
from kinolog.tui.app import KinologApp
from kinolog.tui.screens.search import SearchScreen
from kinolog.tui.settings import Settings
from kinolog.tui.widgets.film_list import FilmList
from tests.conftest import add_sample_films
from tests.safety.helpers import files, holding, run_kinolog
from tests.tui.helpers import settle

HEAT = FilmRef(key="imdb:tt0113277", title="Heat", year=1995, imdb_id="tt0113277")

# An import in progress: both write locks held, a transaction open on each file with rows
# that are not committed yet.
IMPORTING = """
import sys, time
from pathlib import Path
from kinolog.db import locking
from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.models import FilmRef
locking.set_holder("kinolog import imdb")
folder = Path(sys.argv[1])
catalogue = Catalogue(folder / "catalogue.db")
diary = Diary(folder / "diary.db")
with catalogue.store.write(), diary.batch():
    for number in range(500):
        catalogue.add_film(title=f"Uncommitted film {number}", year=2001)
        diary.log_viewing(FilmRef(key=f"title:u{number}:2001", title="U", year=2001), rating=3)
    print("ready", flush=True)
    time.sleep(600)
"""
READERS = [
    ["search", "pulp fiction", "--json"],
    ["show", "pulp fiction", "--json"],
    ["log", "--json"],
    ["stats", "--json"],
    ["films", "--json"],
    ["export", "diary", "--format", "csv"],
    ["export", "catalogue"],
]


@pytest.fixture
def folder(data_dir: Path) -> Path:
    catalogue = Catalogue(data_dir / "catalogue.db")
    add_sample_films(catalogue)
    refresh_search_index(catalogue)
    catalogue.close()
    diary = Diary(data_dir / "diary.db")
    diary.log_viewing(HEAT, rating=8)
    diary.close()
    return data_dir


def test_reading_commands_answer_while_an_import_holds_both_files(folder: Path) -> None:
    with holding(IMPORTING, str(folder)):
        for command in READERS:
            started = time.monotonic()
            result = run_kinolog(folder, *command, env={"KINOLOG_BUSY_TIMEOUT": "60"})
            took = time.monotonic() - started
            assert result.returncode == 0, (command, result.stderr)
            assert took < 20, (command, took)  # no waiting for the import's lock (60 s)
            assert "Uncommitted" not in result.stdout and '"U"' not in result.stdout
        hits = json.loads(run_kinolog(folder, "search", "pulp fiction", "--json").stdout)
        assert hits[0]["title"] == "Pulp Fiction"
        entries = json.loads(run_kinolog(folder, "log", "--json").stdout)
        assert [entry["film"]["title"] for entry in entries] == ["Heat"]


async def test_the_app_opens_and_searches_while_an_import_runs(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KINOLOG_CONFIG_DIR", str(folder / "config"))
    monkeypatch.setenv("KINOLOG_BUSY_TIMEOUT", "60")
    with holding(IMPORTING, str(folder)):
        started = time.monotonic()
        catalogue = Catalogue(folder / "catalogue.db", access="read")  # as the app opens them
        diary = Diary(folder / "diary.db")
        app = KinologApp(catalogue, diary, Settings())
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press(*"pulp")
            await settle(pilot)
            assert isinstance(app.screen, SearchScreen)
            rows = app.screen.query_one(FilmList)
            assert rows.row_count >= 1
            assert [entry.film.title for entry in app.diary.entries()] == ["Heat"]
        diary.close()  # never waits: the import holds the lock, so no checkpoint now
        catalogue.close()
        assert time.monotonic() - started < 20


@pytest.fixture
def read_only_folder(folder: Path, tmp_path: Path) -> Iterator[Path]:
    """The data folder where kinolog may not write: a read-only bind mount for root (who
    may write anywhere), the folder's write permission taken away for anyone else."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
        return
    view = tmp_path / "read-only-view"
    view.mkdir()
    if subprocess.run(["mount", "--bind", str(folder), str(view)], check=False).returncode:
        pytest.skip("a read-only folder for root needs a bind mount")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], check=True)
        yield view
    finally:
        subprocess.run(["umount", str(view)], check=False)


def test_a_read_only_data_folder_still_serves_reading_commands(read_only_folder: Path) -> None:
    before = files(read_only_folder)
    for command in READERS:
        result = run_kinolog(read_only_folder, *command)
        assert result.returncode == 0, (command, result.stderr)
    assert "Pulp Fiction" in run_kinolog(read_only_folder, "search", "pulp").stdout
    writing = run_kinolog(read_only_folder, "rate", "pulp fiction", "7")
    assert writing.returncode == 2
    assert len(writing.stderr.splitlines()) == 1 and "not writable" in writing.stderr
    assert files(read_only_folder) == before
