"""Item 5: ``export -o FILE`` never writes over kinolog's own files, and asks before it
replaces any other file (``--force`` for scripts; a script without it is refused)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from kinolog.db.backup import backup_diary
from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.models import FilmRef
from tests.safety.helpers import ROOT, files, run_kinolog

HEAT = FilmRef(key="imdb:tt0113277", title="Heat", year=1995, imdb_id="tt0113277")


@pytest.fixture
def folder(data_dir: Path) -> Path:
    Catalogue(data_dir / "catalogue.db").close()
    diary = Diary(data_dir / "diary.db")
    diary.log_viewing(HEAT, rating=8)
    backup_diary(diary)
    diary.log_viewing(HEAT, rating=9)
    diary.close()
    for side in ("diary.db-wal", "diary.db-shm", "catalogue.db-wal", "catalogue.db-shm"):
        (data_dir / side).write_bytes(b"")  # as a running kinolog has them
    return data_dir


def own_files(folder: Path) -> list[str]:
    backup = next((folder / "backups").iterdir())
    return [
        "diary.db", "catalogue.db", "diary.db-wal", "diary.db-shm", "catalogue.db-wal",
        "catalogue.db-shm", "diary.db.lock", f"backups/{backup.name}", "backups/new.csv",
        "backups", "./backups/../diary.db",
    ]  # fmt: skip


@pytest.mark.parametrize("fmt", ["csv", "json", "letterboxd", "imdb"])
def test_export_never_writes_over_kinologs_own_files(folder: Path, fmt: str) -> None:
    before = files(folder)
    for name in own_files(folder):
        for force in ([], ["--force"]):
            target = str(folder / name)
            result = run_kinolog(folder, "export", "diary", "--format", fmt, "-o", target, *force)
            assert result.returncode == 2, (name, result.stderr)
            [line] = result.stderr.splitlines()
            assert "will not write over" in line or "is a folder" in line, line
    assert files(folder) == before


def test_links_and_other_spellings_of_the_diary_are_refused(folder: Path, tmp_path: Path) -> None:
    link = tmp_path / "looks-harmless.csv"
    link.symlink_to(folder / "diary.db")
    folder_link = tmp_path / "data-link"
    folder_link.symlink_to(folder)
    before = files(folder)
    for target in (link, folder_link / "diary.db", folder / "backups" / ".." / "catalogue.db"):
        result = run_kinolog(folder, "export", "diary", "-o", str(target), "--force")
        assert result.returncode == 2 and "will not write over" in result.stderr
    result = run_kinolog(folder, "export", "catalogue", "-o", str(folder / "catalogue.db"))
    assert result.returncode == 2
    assert files(folder) == before


def test_an_existing_file_is_kept_unless_forced_when_no_one_can_be_asked(
    folder: Path, tmp_path: Path
) -> None:
    target = tmp_path / "mine.csv"
    target.write_text("my own spreadsheet")
    result = run_kinolog(folder, "export", "diary", "--format", "csv", "-o", str(target))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"kinolog: error: {target} exists: add --force to overwrite it (nothing written)"
    ]
    assert target.read_text() == "my own spreadsheet"
    forced = run_kinolog(folder, "export", "diary", "--format", "csv", "-o", str(target), "--force")
    assert forced.returncode == 0
    assert target.read_text().startswith("id,film_key")
    fresh = tmp_path / "new.csv"  # a new file needs no question
    assert run_kinolog(folder, "export", "diary", "-o", str(fresh)).returncode == 0
    assert fresh.exists()


@pytest.mark.parametrize(("answer", "replaced"), [("y\n", True), ("n\n", False), ("\n", False)])
def test_a_person_at_a_terminal_is_asked(
    folder: Path, tmp_path: Path, answer: str, replaced: bool
) -> None:
    target = tmp_path / "mine.csv"
    target.write_text("my own spreadsheet")
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "kinolog", "--data-dir", str(folder), "export", "diary",
         "--format", "csv", "-o", str(target)],
        cwd=ROOT, stdin=terminal, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    os.close(terminal)
    os.write(controller, answer.encode())
    _out, err = process.communicate(timeout=60)
    os.close(controller)
    assert "exists. Overwrite it? [y/N]" in err
    assert process.returncode == (0 if replaced else 2)
    assert target.read_text().startswith("id,film_key") == replaced


async def test_the_app_never_exports_over_the_diary(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Input

    from kinolog.db.formats import export_format
    from kinolog.tui import transfers
    from kinolog.tui.app import KinologApp
    from kinolog.tui.dialogs.path import PathModal
    from kinolog.tui.settings import Settings
    from tests.tui.helpers import ToastLog, settle

    monkeypatch.setenv("KINOLOG_CONFIG_DIR", str(folder / "config"))
    catalogue = Catalogue(folder / "catalogue.db", access="read")
    diary = Diary(folder / "diary.db")
    before = (folder / "diary.db").read_bytes()
    app = KinologApp(catalogue, diary, Settings())
    toasts = ToastLog()
    async with app.run_test(size=(120, 36), message_hook=toasts) as pilot:
        transfers.export_file(app, export_format("csv"))
        await settle(pilot)
        assert isinstance(app.screen, PathModal)
        app.screen.query_one(Input).value = str(folder / "diary.db")
        await pilot.press("enter")
        await settle(pilot)
    diary.close()
    catalogue.close()
    assert (folder / "diary.db").read_bytes() == before
    assert any("will not write over" in message for message in toasts.messages)
