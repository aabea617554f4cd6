"""Diary import, export and backup from the command palette, on real files."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input

from kinolog.db.formats import export_format, import_formats
from kinolog.db.models import FilmRef
from kinolog.tui import transfers
from kinolog.tui.app import KinologApp
from kinolog.tui.dialogs.confirm import ConfirmModal
from kinolog.tui.dialogs.path import PathModal
from tests.tui.helpers import settle

SIZE = (120, 36)
LETTERBOXD = Path(__file__).resolve().parents[1] / "fixtures" / "letterboxd" / "export"


async def answer(pilot, path: Path) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    assert isinstance(pilot.app.screen, PathModal)
    box = pilot.app.screen.query_one(Input)
    box.value = str(path)
    await pilot.press("enter")
    await settle(pilot)


async def test_export_the_diary_as_json(app: KinologApp, tmp_path: Path) -> None:
    app.diary.log_viewing(FilmRef.of(app.search.find_film("pulp fiction")), rating=9)
    target = tmp_path / "out.json"
    async with app.run_test(size=SIZE) as pilot:
        transfers.export_file(app, export_format("json"))
        await answer(pilot, target)
    entries = json.loads(target.read_text(encoding="utf-8"))
    assert [(e["film"]["title"], e["rating"]) for e in entries] == [("Pulp Fiction", 9)]
    assert not list(tmp_path.glob("*.partial"))


async def test_import_a_letterboxd_export_and_undo_it(app: KinologApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        transfers.import_file(app, import_formats()["letterboxd"])
        await answer(pilot, LETTERBOXD)
        imported = len(app.diary.entries())
        assert imported > 0
        assert (app.diary.path.parent / "backups").is_dir()
        await pilot.press("escape")  # the summary offers to resolve the rows left waiting
        await settle(pilot)
        await pilot.press("ctrl+z")  # the search box has focus: u would be typed
        await settle(pilot)
        # a whole import is more than one entry: undo says what it will undo and asks
        assert isinstance(app.screen, ConfirmModal)
        assert "changes made together" in app.screen.question
        assert f"{imported} viewings logged" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        assert app.diary.entries() == []


async def test_a_missing_path_keeps_the_dialog_open(app: KinologApp, tmp_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        transfers.import_file(app, import_formats()["imdb-ratings"])
        await answer(pilot, tmp_path / "nope.csv")
        assert isinstance(app.screen, PathModal)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, PathModal)
        assert app.diary.entries() == []


async def test_back_up_now(app: KinologApp) -> None:
    app.diary.log_viewing(FilmRef.of(app.search.find_film("heat")), rating=8)
    async with app.run_test(size=SIZE) as pilot:
        transfers.back_up(app)
        await settle(pilot)
    assert len(list((app.diary.path.parent / "backups").glob("diary-*.db"))) == 1


async def test_palette_lists_the_diary_commands(app: KinologApp) -> None:
    async with app.run_test(size=SIZE):
        titles = [command.title for command in app.get_system_commands(app.screen)]
    assert "Theme" in titles  # Textual's own theme picker, not one command per theme
    assert not [title for title in titles if title.startswith("theme:")]
    for title in (
        "diary: Open the diary",
        "diary: Stats",
        "diary: Import a Letterboxd export",
        "diary: Import IMDb ratings",
        "diary: Export as Letterboxd's import CSV",
        "diary: Back up now",
    ):
        assert title in titles
