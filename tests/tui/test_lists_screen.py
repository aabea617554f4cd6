"""The lists screen: Letterboxd lists imported into the sample, browsed, opened, deleted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.formats.letterboxd import import_letterboxd
from kinolog.tui.app import KinologApp
from kinolog.tui.screens.film import FilmScreen
from kinolog.tui.screens.lists import ListsScreen
from kinolog.tui.settings import Settings
from tests.tui.helpers import settle

EXPORT = Path(__file__).resolve().parents[1] / "fixtures" / "diary" / "letterboxd" / "full"
SIZE = (120, 36)
NARROW = (80, 24)


@pytest.fixture
def lists_app(sample_dir: Path) -> Iterator[KinologApp]:
    """The sample catalogue with the fixture export imported into a fresh diary."""
    for name in ("diary.db", "diary.db-wal", "diary.db-shm"):
        (sample_dir / name).unlink(missing_ok=True)
    catalogue = Catalogue(sample_dir / "catalogue.db")
    diary = Diary(sample_dir / "diary.db")
    import_letterboxd(diary, [EXPORT], catalogue=catalogue)
    yield KinologApp(catalogue, diary, Settings(theme="textual-dark"))
    catalogue.close()
    diary.close()


async def test_browse_open_and_delete_a_list(lists_app: KinologApp) -> None:
    async with lists_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        screen = lists_app.screen
        assert isinstance(screen, ListsScreen)
        assert [found.name for found in screen.lists] == ["All-time top five", "Cities at night"]
        items = screen.query_one("#lists-items", DataTable)
        assert items.row_count == 5
        about = str(screen.query_one("#lists-about", Static).render())
        assert "ranked" in about and "Ranked, and it changes every year." in about
        await pilot.press("down")
        await settle(pilot)
        assert items.row_count == 3
        await pilot.press("up", "enter")  # to the films of the top five
        await settle(pilot)
        assert screen.focused is items
        assert screen.film_to_rate() is not None and screen.film_to_rate().title == "Alien"
        await pilot.press("enter")  # Alien is in the sample catalogue
        await settle(pilot)
        assert isinstance(lists_app.screen, FilmScreen)
        assert lists_app.screen.film.title == "Alien"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")  # back to the list names
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert [found.name for found in lists_app.diary.lists.all()] == ["Cities at night"]
        assert screen.names.row_count == 1
        await pilot.press("u")
        await settle(pilot)
        assert screen.names.row_count == 2


def test_snapshot_lists(lists_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)

    assert snap_compare(lists_app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_lists_80x24(lists_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)

    assert snap_compare(lists_app, terminal_size=NARROW, run_before=run_before)
