"""Item 4: busy is not broken. A file another process holds, a full disk and a damaged file
each get their own one line; ``diary restore`` replaces only a damaged diary; the app shows
the same messages."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from kinolog.db.backup import backup_diary
from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.models import FilmRef
from kinolog.tui.app import KinologApp
from kinolog.tui.settings import Settings
from tests.conftest import add_sample_films
from tests.safety.helpers import ROOT, entries, files, holding, run_kinolog
from tests.tui.helpers import ToastLog, settle

HEAT = FilmRef(key="imdb:tt0113277", title="Heat", year=1995, imdb_id="tt0113277")
FAST = {"KINOLOG_BUSY_TIMEOUT": "1"}

HOLD_KINOLOG_LOCK = """
import sys, time
from pathlib import Path
from kinolog.db import locking
from kinolog.db.diary import Diary
locking.set_holder("kinolog import letterboxd")
diary = Diary(Path(sys.argv[1]))
with diary.store.write_lock.hold():
    print("ready", flush=True)
    time.sleep(600)
"""

HOLD_EXCLUSIVE_SQLITE_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA locking_mode=EXCLUSIVE")
conn.execute("BEGIN EXCLUSIVE")
conn.execute("UPDATE entries SET note = note")
print("ready", flush=True)
time.sleep(600)
"""


def diary_files(folder: Path) -> dict[str, bytes]:
    """The diary, the files beside it (but its lock and shared-memory index) and backups."""
    return {
        name: data
        for name, data in files(folder).items()
        if (name.startswith(("diary.db", "backups/")) or "damaged" in name)
        and not name.endswith((".lock", "-shm"))
    }


@pytest.fixture
def folder(data_dir: Path) -> Path:
    """A data folder with the sample films, a diary of two entries and a backup of it."""
    catalogue = Catalogue(data_dir / "catalogue.db")
    add_sample_films(catalogue)
    catalogue.close()
    diary = Diary(data_dir / "diary.db")
    diary.log_viewing(HEAT, rating=8)
    diary.log_viewing(HEAT, rating=9)
    backup_diary(diary)
    diary.close()
    return data_dir


def test_a_kinolog_writer_holding_the_diary_is_named_and_nothing_is_replaced(
    folder: Path,
) -> None:
    with holding(HOLD_KINOLOG_LOCK, str(folder / "diary.db")) as holder:
        before = diary_files(folder)
        result = run_kinolog(folder, "rate", "pulp fiction", "7", env=FAST)
        assert result.returncode == 2
        [line] = result.stderr.splitlines()
        assert f"diary.db is busy: pid {holder.pid}: kinolog import letterboxd is writing" in line
        assert "try again when it has finished" in line
        assert "damaged" not in line and "not a usable" not in line
        restore = run_kinolog(folder, "diary", "restore", "1", env=FAST)
        assert restore.returncode == 2 and "is busy" in restore.stderr
        reading = run_kinolog(folder, "log", "--json", env=FAST)  # readers go on
        assert reading.returncode == 0 and reading.stdout.count('"Heat"') == 2
        assert diary_files(folder) == before
    assert run_kinolog(folder, "rate", "pulp fiction", "7").returncode == 0


def test_another_program_holding_an_exclusive_lock_is_not_damage(folder: Path) -> None:
    with holding(HOLD_EXCLUSIVE_SQLITE_LOCK, str(folder / "diary.db")):
        for command in (["rate", "pulp fiction", "7"], ["log"], ["diary", "restore", "1"]):
            result = run_kinolog(folder, *command, env=FAST)
            assert result.returncode == 2, command
            [line] = result.stderr.splitlines()
            assert "another program (not kinolog) has locked it" in line, line
            assert "try again" in line
        assert not list(folder.glob("diary.db.damaged-*"))  # restore replaced nothing
    assert [title for title, _ in entries(folder / "diary.db")] == ["Heat", "Heat"]


def test_a_damaged_diary_names_kinolog_diary_restore_and_only_it_is_replaced(
    folder: Path,
) -> None:
    path = folder / "diary.db"
    diary = Diary(path)
    for number in range(300):  # several pages, so that one can be wrecked
        diary.log_viewing(HEAT, rating=1 + number % 10, note="x" * 200)
    diary.close()
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 5] = b"\xa5" * 8192
    path.write_bytes(bytes(data))
    for command in (["log"], []):  # a command, and the app itself
        result = run_kinolog(folder, *command)
        assert result.returncode == 2
        [line] = result.stderr.splitlines()
        assert "is damaged" in line and "kinolog diary restore" in line
        assert path.read_bytes() == bytes(data)
    restored = run_kinolog(folder, "diary", "restore", "1")
    assert restored.returncode == 0, restored.stderr
    kept = [path for path in folder.glob("diary.db.damaged-*") if path.name[-4:] != "-shm"]
    assert [path.read_bytes() for path in kept if not path.name.endswith("-wal")] == [data]
    assert len(entries(path)) == 2


def test_restore_does_not_replace_a_diary_that_opens(folder: Path) -> None:
    from kinolog.db.backup import replace_damaged_diary
    from kinolog.db.errors import StoreError

    with pytest.raises(StoreError, match="opens fine"):
        replace_damaged_diary(folder / "diary.db", 1)
    assert not list(folder.glob("diary.db.damaged-*"))


# -- a full disk --------------------------------------------------------------------------------

# Runs on a 4 MB tmpfs: makes a data folder, fills the disk to the last byte, rates a film,
# frees the space, rates again; prints what happened as JSON.
FULL_DISK = """
import contextlib, json, os, subprocess, sys
from pathlib import Path
from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.models import FilmRef
from kinolog.db.search import refresh_search_index
from tests.conftest import add_sample_films

disk = Path(sys.argv[1])
folder = disk / "data"
folder.mkdir()
catalogue = Catalogue(folder / "catalogue.db")
add_sample_films(catalogue)
refresh_search_index(catalogue)
catalogue.close()
diary = Diary(folder / "diary.db")
diary.log_viewing(FilmRef(key="imdb:tt0113277", title="Heat", year=1995), rating=8)
diary.close()
fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)
for size in (65536, 512, 1):
    with contextlib.suppress(OSError):
        while os.write(fd, b"\\0" * size):
            pass
os.close(fd)

def rate():
    return subprocess.run(
        [sys.executable, "-m", "kinolog", "--data-dir", str(folder), "rate", "pulp fiction", "7"],
        capture_output=True, text=True, env={**os.environ, "KINOLOG_BUSY_TIMEOUT": "1"},
    )

def titles():
    diary = Diary(folder / "diary.db", access="read")
    try:
        return [entry.film.title for entry in diary.entries()]
    finally:
        diary.close()

full = rate()
before = titles()
(disk / "filler").unlink()
again = rate()
print(json.dumps({"full": [full.returncode, full.stderr], "before": before,
                  "again": [again.returncode, again.stderr], "after": titles()}))
"""


def run_on_small_disk(tmp_path: Path) -> dict[str, list[object]]:
    """Run :data:`FULL_DISK` on a 4 MB tmpfs: mounted here when this process may, else in
    a user and mount namespace of its own (``unshare -Urm``); skipped where neither works."""
    disk = tmp_path / "small"
    disk.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", FULL_DISK, str(disk)]
    mount = ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)]
    if subprocess.run(mount, capture_output=True, check=False).returncode == 0:
        try:
            done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        finally:
            subprocess.run(["umount", str(disk)], check=False)
    else:
        script = " ".join(shlex.quote(part) for part in [*mount, "&&", "exec", *command])
        script = script.replace("'&&'", "&&")
        done = subprocess.run(
            ["unshare", "-Urm", "sh", "-c", script], cwd=ROOT, env=env,
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0 and "mount" in done.stderr:
            pytest.skip(f"no tmpfs can be mounted here ({done.stderr.strip()[:120]})")
    assert done.returncode == 0, done.stderr
    result: dict[str, list[object]] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_a_full_disk_says_how_much_to_free_and_changes_nothing(tmp_path: Path) -> None:
    result = run_on_small_disk(tmp_path)
    code, error = result["full"]
    assert code == 2, error
    [line] = str(error).splitlines()
    assert "is full" in line and "free at least" in line, line
    assert "damaged" not in line and "busy" not in line
    assert result["before"] == ["Heat"]  # nothing half-written
    assert result["again"][0] == 0, result["again"]
    assert sorted(map(str, result["after"])) == ["Heat", "Pulp Fiction"]


# -- the app shows the same messages ------------------------------------------------------------


async def test_the_app_shows_the_busy_message_of_the_command_line(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KINOLOG_BUSY_TIMEOUT", "0.5")
    monkeypatch.setenv("KINOLOG_CONFIG_DIR", str(folder / "config"))
    catalogue = Catalogue(folder / "catalogue.db", access="read")
    diary = Diary(folder / "diary.db")
    app = KinologApp(catalogue, diary, Settings())
    toasts = ToastLog()
    with holding(HOLD_KINOLOG_LOCK, str(folder / "diary.db")) as holder:
        command = run_kinolog(folder, "rate", "pulp fiction", "7", env=FAST)
        async with app.run_test(size=(120, 36), message_hook=toasts) as pilot:
            await settle(pilot)
            film = FilmRef.of(app.search.find_film("pulp fiction"))
            from kinolog.tui.dialogs.entry import EntryResult

            result = EntryResult(7, None, rewatch=False, liked=False, tags=(), note=None)
            app.save_viewing(film, result)  # what the rating dialog hands over
            await settle(pilot)
        shown = toasts.find("diary.db is busy", "error")
        assert shown is not None
        assert f"pid {holder.pid}: kinolog import letterboxd" in shown.message
        assert shown.message.splitlines()[0] in command.stderr
    diary.close()
    catalogue.close()
