"""Diary backups: verified copies in rotation, listing, restoring (and refusing bad ones)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from kinolog.db.backup import (
    KEEP,
    backup_diary,
    backup_folder,
    list_backups,
    restore_backup,
    verify_backup,
)
from kinolog.db.diary import Diary
from kinolog.db.errors import InvalidValue, NotADatabase
from kinolog.db.models import FilmRef
from tests.conftest import CliResult

HEAT = FilmRef(key="imdb:tt0113277", title="Heat", year=1995, imdb_id="tt0113277")
ALIEN = FilmRef(key="title:alien:1979", title="Alien", year=1979)
Kinolog = Callable[..., CliResult]


def titles(diary: Diary) -> list[str]:
    return sorted(entry.film.title for entry in diary.entries())


def test_a_backup_is_a_verified_single_file_copy(diary: Diary, data_dir: Path) -> None:
    diary.log_viewing(HEAT, rating=8)
    path = backup_diary(diary, reason="Import letterboxd")
    assert path.parent == data_dir / "backups" == backup_folder(diary.path)
    assert path.name.startswith("diary-") and path.name.endswith("-import-letterboxd.db")
    assert path.read_bytes()[18:20] == b"\x01\x01"  # rollback journal: no -wal to lose
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no partial left
    assert verify_backup(path) == 1
    [listed] = list_backups(diary.path)
    assert (listed.path, listed.reason) == (path, "import-letterboxd")
    assert listed.created.endswith("Z") and listed.size == path.stat().st_size


def test_only_the_newest_states_are_kept(diary: Diary) -> None:
    made = []
    for number in range(KEEP + 3):
        diary.log_viewing(HEAT, rating=1 + number)  # a new state of the diary each time
        made.append(backup_diary(diary, reason=f"n{number}"))
    kept = list_backups(diary.path)
    assert [backup.path for backup in kept] == made[::-1][:KEEP]
    assert not made[0].exists()


def test_a_backup_identical_to_the_newest_is_not_a_new_state(diary: Diary) -> None:
    diary.log_viewing(HEAT, rating=8)
    first = backup_diary(diary, reason="import-letterboxd")
    again = [backup_diary(diary, reason="import-letterboxd") for _ in range(KEEP + 2)]
    assert again == [first] * (KEEP + 2)  # nothing changed: the newest backup holds it
    assert [backup.path for backup in list_backups(diary.path)] == [first]
    diary.log_viewing(ALIEN, rating=6)
    second = backup_diary(diary)
    assert second != first and [b.path for b in list_backups(diary.path)] == [second, first]


def test_restore_puts_the_backup_back_and_backs_up_first(diary: Diary, data_dir: Path) -> None:
    diary.log_viewing(HEAT, rating=8)
    backup_diary(diary)
    diary.log_viewing(ALIEN, rating=6)
    other_window = Diary(data_dir / "diary.db")
    done = restore_backup(diary, 1)
    assert titles(diary) == ["Heat"] and done.entries == 1
    assert titles(other_window) == ["Heat"]  # another open window sees the restored diary
    other_window.log_viewing(ALIEN, rating=2)  # ... and can go on writing
    other_window.close()
    assert diary.store.integrity_check() == "ok"
    with diary.store.read() as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # The diary as it was before the restore is the newest backup: restore it back.
    assert list_backups(diary.path)[0].path == done.safety
    restore_backup(diary, done.safety)
    assert titles(diary) == ["Alien", "Heat"]


def test_a_damaged_backup_is_refused_and_nothing_changes(diary: Diary) -> None:
    diary.log_viewing(HEAT, rating=8)
    path = backup_diary(diary)
    for number in range(200):  # enough rows for a second page to wreck
        diary.log_viewing(ALIEN, rating=1 + number % 10)
    big = backup_diary(diary)
    data = bytearray(big.read_bytes())
    data[4096 * 2 : 4096 * 3] = b"\xff" * 4096
    big.write_bytes(bytes(data))
    with pytest.raises(NotADatabase):
        restore_backup(diary, big)
    assert len(diary.entries()) == 201
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(NotADatabase):
        restore_backup(diary, path)
    assert len(diary.entries()) == 201
    assert len(list_backups(diary.path)) == 2  # no safety backup was made for nothing


def test_restoring_a_number_that_does_not_exist(diary: Diary, tmp_path: Path) -> None:
    with pytest.raises(InvalidValue, match="none yet"):
        restore_backup(diary, 1)
    backup_diary(diary)
    with pytest.raises(InvalidValue, match="1-1"):
        restore_backup(diary, 3)
    with pytest.raises(InvalidValue):
        restore_backup(diary, tmp_path / "missing.db")


def test_a_backup_that_is_not_a_diary_is_refused(diary: Diary, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotADatabase, match="not a kinolog diary"):
        restore_backup(diary, other)


def test_the_cli(kinolog: Kinolog, data_dir: Path) -> None:
    assert "No diary backups yet" in kinolog("diary", "restore", "--list").out
    made = kinolog("diary", "backup")
    assert made.code == 0 and "Backed up the diary" in made.out
    listing = kinolog("diary", "restore")
    assert listing.code == 0 and "manual" in listing.out and "restore N" in listing.out
    restored = kinolog("diary", "restore", "1")
    assert restored.code == 0 and "Restored" in restored.out
    bad = kinolog("diary", "restore", "9")
    assert bad.code == 2 and bad.err.startswith("kinolog: error: no diary backup number 9")


def test_a_diary_that_cannot_be_opened_is_replaced_and_kept(
    kinolog: Kinolog, data_dir: Path
) -> None:
    diary = Diary(data_dir / "diary.db")
    diary.log_viewing(HEAT, rating=8)
    backup_diary(diary)
    diary.close()
    junk = b"this used to be a diary" * 200
    (data_dir / "diary.db").write_bytes(junk)
    assert kinolog("log").code == 2
    assert "1  " in kinolog("diary", "restore", "--list").out
    result = kinolog("diary", "restore", "1")
    assert result.code == 0, result.err
    assert "damaged diary is kept" in result.out
    [kept] = data_dir.glob("diary.db.damaged-*")
    assert kept.read_bytes() == junk
    log = kinolog("log")
    assert log.code == 0 and "Heat (1995)" in log.out
