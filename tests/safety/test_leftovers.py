"""Item 6: what a crash leaves (partial backups with their journal, WAL and shared-memory
files, restore work folders, half-made databases) is removed when kinolog next starts."""

from __future__ import annotations

import signal
import time
from pathlib import Path

from kinolog.db.backup import list_backups, verify_backup
from kinolog.db.diary import Diary
from kinolog.db.files import partial_path
from kinolog.db.models import FilmRef
from tests.safety.helpers import files, holding, python, run_kinolog

HEAT = FilmRef(key="imdb:tt0113277", title="Heat", year=1995, imdb_id="tt0113277")

HOLD_DIARY_LOCK = """
import sys, time
from pathlib import Path
from kinolog.db.diary import Diary
diary = Diary(Path(sys.argv[1]))
with diary.store.write_lock.hold():
    print("ready", flush=True)
    time.sleep(600)
"""


def leave_crash_leftovers(data_dir: Path) -> list[Path]:
    """The files and folders interrupted kinolog processes leave, named as kinolog names them."""
    backups = data_dir / "backups"
    backups.mkdir(exist_ok=True)
    partial = partial_path(backups / "diary-20261121T100000000000Z-manual.db")
    made = [partial]
    made += [partial.with_name(partial.name + side) for side in ("-journal", "-wal", "-shm")]
    for path in made:
        path.write_bytes(b"half a backup")
    scratch = backups / ".restore-abc123"
    scratch.mkdir()
    (scratch / "diary.db").write_bytes(b"a work copy")
    new_diary = partial_path(data_dir / "diary.db")
    new_catalogue = partial_path(data_dir / "catalogue.db")
    migration_copy = partial_path(data_dir / "catalogue.db.v3.20261121T100000.bak")
    for path in (new_diary, new_catalogue, migration_copy):
        path.write_bytes(b"half a database")
    return [*made, scratch, new_diary, new_catalogue, migration_copy]


def test_the_next_start_removes_what_a_crash_left(data_dir: Path) -> None:
    diary = Diary(data_dir / "diary.db")
    diary.log_viewing(HEAT, rating=8)
    diary.close()
    left = leave_crash_leftovers(data_dir)
    (data_dir / "my-notes.partial.txt").write_text("not kinolog's")  # never touched
    run_kinolog(data_dir, "doctor")
    assert all(path.exists() for path in left)  # the doctor changes nothing
    result = run_kinolog(data_dir, "log")  # any start will do, a reading command too
    assert result.returncode == 0, result.stderr
    assert [path for path in left if path.exists()] == []
    assert (data_dir / "my-notes.partial.txt").exists()
    assert not [name for name in files(data_dir) if "partial" in name and "my-notes" not in name]


def test_leftovers_stay_while_another_kinolog_holds_the_diary(data_dir: Path) -> None:
    Diary(data_dir / "diary.db").close()
    left = leave_crash_leftovers(data_dir)
    with holding(HOLD_DIARY_LOCK, str(data_dir / "diary.db")):
        assert run_kinolog(data_dir, "log").returncode == 0
        backups_side = [path for path in left if "backups" in path.parts or "diary" in path.name]
        assert all(path.exists() for path in backups_side)  # it may be writing them now
    run_kinolog(data_dir, "log")
    assert [path for path in left if path.exists()] == []


def test_a_backup_killed_halfway_leaves_nothing_that_survives_the_next_start(
    data_dir: Path,
) -> None:
    diary = Diary(data_dir / "diary.db")
    with diary.batch():
        for number in range(3000):
            diary.log_viewing(HEAT, rating=1 + number % 10, note="a note " * 40)
    diary.close()
    code = """
import sys
from pathlib import Path
from kinolog.db.backup import backup_diary
from kinolog.db.diary import Diary
from kinolog.db.models import FilmRef
diary = Diary(Path(sys.argv[1]))
print("ready", flush=True)
number = 0
while True:
    number += 1
    diary.log_viewing(FilmRef(key="title:x:2000", title="X", year=2000), rating=5)
    backup_diary(diary, reason=f"round-{number}")
"""
    seen_partial = False
    for round_number, delay in enumerate([0.3, 0.5, 0.8, 1.1, 1.5] * 3):
        if seen_partial and round_number >= 3:
            break
        process = python(code, str(data_dir / "diary.db"))
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        seen_partial |= any((data_dir / "backups").glob(".*.partial*"))
        result = run_kinolog(data_dir, "log", "--limit", "1")
        assert result.returncode == 0, result.stderr
        assert not list((data_dir / "backups").glob(".*.partial*"))
    for backup in list_backups(data_dir / "diary.db"):
        assert verify_backup(backup.path) >= 3000  # every backup under its name is whole
    assert seen_partial  # the kills did catch a backup halfway
