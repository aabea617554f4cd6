"""Items 1 and 2: kinolog never adopts, overwrites or silently replaces a diary.

A missing or empty diary with backups is an error naming the newest backup; rotation keeps
the newest backup holding more entries than the live diary; only a file kinolog made is
opened, and a WAL file that belongs to another database is refused before SQLite opens it.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from kinolog.db.backup import KEEP, backup_diary, list_backups
from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.errors import DiaryMissing, ForeignFile
from kinolog.db.headers import kind_of
from kinolog.db.migrations import DIARY_MIGRATIONS
from kinolog.db.models import FilmRef
from tests.conftest import add_sample_films
from tests.safety.helpers import entries, files, run_kinolog, sqlite_wal_left_by_kill

HEAT = FilmRef(key="imdb:tt0113277", title="Heat", year=1995, imdb_id="tt0113277")
ALIEN = FilmRef(key="title:alien:1979", title="Alien", year=1979)


def diary_with_backup(data_dir: Path, count: int = 3) -> Path:
    """A diary of ``count`` entries and one backup of it; returns the backup."""
    diary = Diary(data_dir / "diary.db")
    for number in range(count):
        diary.log_viewing(HEAT, rating=1 + number % 10, note=f"viewing {number}")
    backup = backup_diary(diary, reason="import-letterboxd")
    diary.close()
    return backup


# -- item 1: a missing or empty diary with backups --------------------------------------------


@pytest.mark.parametrize("how", ["deleted", "emptied"])
def test_a_lost_diary_with_backups_is_an_error_naming_the_newest_backup(
    data_dir: Path, how: str
) -> None:
    backup = diary_with_backup(data_dir)
    catalogue = Catalogue(data_dir / "catalogue.db")
    add_sample_films(catalogue)
    catalogue.close()
    path = data_dir / "diary.db"
    if how == "deleted":
        path.unlink()
    else:
        path.write_bytes(b"")
    for command in (
        ["log"],
        ["stats"],
        ["rate", "pulp fiction", "7"],
        ["export", "diary"],
        ["undo"],
    ):
        result = run_kinolog(data_dir, *command)
        assert result.returncode == 2, (command, result.stderr)
        [line] = result.stderr.splitlines()
        assert str(backup) in line and "kinolog diary restore" in line
    assert path.exists() == (how == "emptied") and (not path.exists() or path.stat().st_size == 0)
    assert list_backups(path)[0].path == backup  # and the backup is still there

    restored = run_kinolog(data_dir, "diary", "restore", "1")
    assert restored.returncode == 0, restored.stderr
    assert len(entries(path)) == 3
    assert run_kinolog(data_dir, "log").returncode == 0


def test_the_app_refuses_to_start_on_a_lost_diary(data_dir: Path) -> None:
    backup = diary_with_backup(data_dir)
    (data_dir / "diary.db").unlink()
    result = run_kinolog(data_dir)  # no command: the app
    assert result.returncode == 2
    assert str(backup) in result.stderr and "kinolog diary restore" in result.stderr
    assert not (data_dir / "diary.db").exists()


def test_in_process_the_diary_is_not_recreated(data_dir: Path) -> None:
    diary_with_backup(data_dir)
    (data_dir / "diary.db").unlink()
    for access in ("write", "read"):
        with pytest.raises(DiaryMissing, match="kinolog diary restore 1"):
            Diary(data_dir / "diary.db", access=access)  # type: ignore[arg-type]
    assert not (data_dir / "diary.db").exists()


@pytest.mark.parametrize("empty", [False, True])
def test_without_backups_a_missing_or_empty_diary_is_simply_new(
    data_dir: Path, empty: bool
) -> None:
    if empty:
        (data_dir / "diary.db").write_bytes(b"")
    assert run_kinolog(data_dir, "log").returncode == 0  # reading makes nothing
    assert (data_dir / "diary.db").exists() == empty
    result = run_kinolog(data_dir, "diary", "backup")
    assert result.returncode == 0, result.stderr
    assert entries(data_dir / "diary.db") == []
    conn = sqlite3.connect(data_dir / "diary.db")
    assert kind_of(conn.execute("PRAGMA application_id").fetchone()[0]) == "diary"
    conn.close()


def test_rotation_keeps_the_newest_backup_holding_more_than_the_live_diary(
    data_dir: Path,
) -> None:
    diary = Diary(data_dir / "diary.db")
    for number in range(20):
        diary.log_viewing(HEAT, rating=1 + number % 10)
    good = backup_diary(diary, reason="import-letterboxd")
    for entry in diary.entries():  # the diary loses its entries (say, a bad tool)
        diary.delete_entry(entry.id)
    made = []
    for number in range(KEEP + 4):  # many imports later, each a new state
        diary.log_viewing(ALIEN, rating=1 + number)
        made.append(backup_diary(diary, reason="import-imdb-ratings"))
    kept = [backup.path for backup in list_backups(diary.path)]
    assert good in kept  # never rotated away: it holds 20 entries, the diary fewer
    assert kept[:KEEP] == made[::-1][:KEEP]
    assert len(kept) == KEEP + 1
    for _ in range(25):  # once the live diary holds as many, it goes like any other
        diary.log_viewing(HEAT, rating=5)
    backup_diary(diary)
    assert good not in [backup.path for backup in list_backups(diary.path)]
    diary.close()


# -- item 2: only files kinolog made ------------------------------------------------------------


def other_program_database(path: Path, *, user_version: int = 0, app: int = 0) -> bytes:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.executemany("INSERT INTO notes (text) VALUES (?)", [(f"note {n}",) for n in range(50)])
    conn.execute(f"PRAGMA user_version={user_version}")
    conn.execute(f"PRAGMA application_id={app}")
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize(
    ("user_version", "app"), [(0, 0), (3, 0), (0, 0x12345678), (1, 0x4B430001)]
)
def test_another_programs_database_is_refused_untouched(
    data_dir: Path, user_version: int, app: int
) -> None:
    path = data_dir / "diary.db"
    other_program_database(path, user_version=user_version, app=app)
    before = files(data_dir)
    for command in (["log"], ["undo"], ["diary", "backup"], ["doctor"]):
        result = run_kinolog(data_dir, *command)
        assert result.returncode != 0, command
        assert "leaves it untouched" in result.stderr or "untouched" in result.stdout
    assert files(data_dir) == before  # byte for byte, and nothing beside it


def test_a_catalogue_is_not_taken_for_a_diary(data_dir: Path) -> None:
    Catalogue(data_dir / "catalogue.db").close()
    shutil.copyfile(data_dir / "catalogue.db", data_dir / "diary.db")
    with pytest.raises(ForeignFile, match="is a kinolog catalogue, not a diary"):
        Diary(data_dir / "diary.db")


def test_new_files_carry_an_application_id_of_their_kind(data_dir: Path) -> None:
    Catalogue(data_dir / "catalogue.db").close()
    Diary(data_dir / "diary.db").close()
    ids = {}
    for name in ("catalogue", "diary"):
        conn = sqlite3.connect(data_dir / f"{name}.db")
        ids[name] = conn.execute("PRAGMA application_id").fetchone()[0]
        conn.close()
        assert kind_of(ids[name]) == name
    assert sorted(path.name for path in data_dir.iterdir()) == [
        "catalogue.db",
        "catalogue.db.lock",
        "diary.db",
        "diary.db.lock",
    ]  # fmt: skip  (built under a temporary name: nothing half-made is left)


def test_a_diary_from_before_application_ids_is_opened_and_stamped(data_dir: Path) -> None:
    path = data_dir / "diary.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    for number, migration in enumerate(DIARY_MIGRATIONS, 1):
        conn.execute("BEGIN")
        migration(conn)
        conn.execute(f"PRAGMA user_version={number}")
        conn.execute("COMMIT")
    conn.execute(
        "INSERT INTO entries (film_key, title, year, rating, logged_at, updated_at, tags)"
        " VALUES ('imdb:tt0113277', 'Heat', 1995, 8, '2020-01-01T00:00:00Z', '', '[]')"
    )
    conn.close()
    assert run_kinolog(data_dir, "log").returncode == 0  # reading leaves it as it was
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0
    conn.close()
    assert run_kinolog(data_dir, "diary", "backup").returncode == 0
    conn = sqlite3.connect(path)
    assert kind_of(conn.execute("PRAGMA application_id").fetchone()[0]) == "diary"
    conn.close()
    assert entries(path) == [("Heat", 8)]


def test_a_wal_file_of_another_database_is_refused_before_sqlite_opens_it(
    data_dir: Path, tmp_path: Path
) -> None:
    diary_with_backup(data_dir)
    (data_dir / "backups").rename(tmp_path / "backups")  # the diary alone
    other = tmp_path / "other.db"
    wal = sqlite_wal_left_by_kill(
        other,
        ["CREATE TABLE t (x)", *[f"INSERT INTO t VALUES ({n})" for n in range(100)]],
    )
    (data_dir / "diary.db-wal").write_bytes(wal)
    before = files(data_dir)
    for command in (["log"], ["undo"], ["doctor"], ["diary", "backup"]):
        result = run_kinolog(data_dir, *command)
        assert result.returncode != 0, command
        assert "does not belong to" in result.stderr + result.stdout
    assert files(data_dir) == before
    (data_dir / "diary.db-wal").unlink()
    assert len(entries(data_dir / "diary.db")) == 3


def test_a_wal_file_of_another_kinolog_diary_is_refused(data_dir: Path, tmp_path: Path) -> None:
    diary_with_backup(data_dir, count=2)
    other = tmp_path / "other"
    other.mkdir()
    Diary(other / "diary.db").close()
    code = """
import sys, time
from pathlib import Path
from kinolog.db.diary import Diary
from kinolog.db.models import FilmRef
diary = Diary(Path(sys.argv[1]))
diary.log_viewing(FilmRef(key="title:x:2000", title="X", year=2000), rating=3)
print("ready", flush=True)
time.sleep(600)
"""
    from tests.safety.helpers import holding

    with holding(code, str(other / "diary.db")):
        pass  # killed: its WAL holds the entry, never checkpointed
    wal = (other / "diary.db-wal").read_bytes()
    assert wal
    (data_dir / "diary.db-wal").write_bytes(wal)
    before = (data_dir / "diary.db").read_bytes()
    result = run_kinolog(data_dir, "log")
    assert result.returncode == 2 and "does not belong to" in result.stderr
    assert (data_dir / "diary.db").read_bytes() == before
    assert (data_dir / "diary.db-wal").read_bytes() == wal
    # ... while the same WAL beside its own diary is that diary's: nothing is lost.
    assert entries(other / "diary.db") == [("X", 3)]


def test_the_wal_a_killed_kinolog_left_is_its_own_and_is_applied(data_dir: Path) -> None:
    catalogue = Catalogue(data_dir / "catalogue.db")
    add_sample_films(catalogue)
    catalogue.close()
    code = """
import sys, time
from pathlib import Path
from kinolog.db.diary import Diary
from kinolog.db.models import FilmRef
diary = Diary(Path(sys.argv[1]))
for number in range(30):
    diary.log_viewing(FilmRef(key="title:x:2000", title="X", year=2000), rating=1 + number % 10)
print("ready", flush=True)
time.sleep(600)
"""
    from tests.safety.helpers import holding

    with holding(code, str(data_dir / "diary.db")):
        pass
    assert (data_dir / "diary.db-wal").stat().st_size > 0
    result = run_kinolog(data_dir, "log", "--json")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count('"title": "X"') == 30
