import sqlite3
from pathlib import Path

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.errors import NotADatabase, SchemaTooNew
from kinolog.db.migrations import DIARY_MIGRATIONS
from kinolog.db.store import Store


def test_new_files_are_migrated_and_configured(data_dir: Path) -> None:
    diary = Diary(data_dir / "diary.db")
    with diary.store.read() as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert diary.store.schema_version == len(DIARY_MIGRATIONS)
    diary.close()


def test_a_file_from_a_newer_kinolog_is_refused_and_left_alone(data_dir: Path) -> None:
    path = data_dir / "diary.db"
    Diary(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNew, match="newer kinolog"):
        Diary(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("content", [b"this is not a database at all" * 100, b"\x00" * 4096])
def test_a_file_that_is_not_sqlite_is_never_overwritten(data_dir: Path, content: bytes) -> None:
    path = data_dir / "catalogue.db"
    path.write_bytes(content)
    with pytest.raises(NotADatabase, match="not a"):
        Catalogue(path)
    assert path.read_bytes() == content


def test_a_corrupt_sqlite_file_is_refused(data_dir: Path) -> None:
    path = data_dir / "catalogue.db"
    catalogue = Catalogue(path)
    catalogue.add_film(title="Alien", year=1979)
    catalogue.close()
    data = bytearray(path.read_bytes())
    data[4096 : 4096 * 2] = b"\xff" * 4096  # wreck the second page
    path.write_bytes(bytes(data))
    with pytest.raises(NotADatabase):
        Catalogue(path)
    assert path.read_bytes() == bytes(data)


def test_migrating_an_existing_file_backs_it_up_first(data_dir: Path) -> None:
    path = data_dir / "thing.db"

    def first(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE t (x)")

    def second(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE t ADD COLUMN y")

    store = Store(path, name="thing", migrations=[first])
    with store.write() as conn:
        conn.execute("INSERT INTO t VALUES (1)")
    store.close()

    store = Store(path, name="thing", migrations=[first, second])
    assert store.schema_version == 2
    store.close()
    backups = list(data_dir.glob("thing.db.v1.*.bak"))
    assert len(backups) == 1
    backup = sqlite3.connect(backups[0])
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
    assert backup.execute("SELECT x FROM t").fetchall() == [(1,)]
    backup.close()


def test_a_failing_migration_changes_nothing(data_dir: Path) -> None:
    path = data_dir / "thing.db"

    def first(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE t (x)")

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE u (x)")
        raise RuntimeError("boom")

    Store(path, name="thing", migrations=[first]).close()
    with pytest.raises(RuntimeError):
        Store(path, name="thing", migrations=[first, broken])
    store = Store(path, name="thing", migrations=[first])
    assert store.schema_version == 1
    with store.read() as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "u" not in tables
    store.close()


def test_a_write_that_fails_leaves_nothing_behind(catalogue: Catalogue) -> None:
    with pytest.raises(RuntimeError), catalogue.store.write() as conn:
        conn.execute(
            "INSERT INTO films (title, origin, added_at, updated_at) VALUES ('X', 'm', '', '')"
        )
        raise RuntimeError("half way")
    assert catalogue.counts()["films"] == 0


def test_the_connection_works_from_other_threads(catalogue: Catalogue) -> None:
    import threading

    catalogue.add_film(title="Heat", year=1995)
    found: list[str] = []
    thread = threading.Thread(target=lambda: found.append(catalogue.get_film(1).title))
    thread.start()
    thread.join()
    assert found == ["Heat"]
