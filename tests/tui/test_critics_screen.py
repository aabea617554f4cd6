"""The critics screen: agreement, the films you both scored, recommendations; the CLI too."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.models import FilmRef
from kinolog.tui.app import KinologApp
from kinolog.tui.cli.main import run
from kinolog.tui.screens.critics import CriticsScreen
from kinolog.tui.screens.film import FilmScreen
from kinolog.tui.settings import Settings
from tests.db.test_critics import RATINGS
from tests.tui.helpers import settle

SIZE = (120, 36)
NARROW = (80, 24)


@pytest.fixture
def rated_dir(sample_dir: Path) -> Path:
    """The sample catalogue and a diary rating films its critics scored (fixed dates)."""
    for name in ("diary.db", "diary.db-wal", "diary.db-shm"):
        (sample_dir / name).unlink(missing_ok=True)
    catalogue = Catalogue(sample_dir / "catalogue.db")
    diary = Diary(sample_dir / "diary.db")
    for imdb_id, rating in RATINGS:
        film = catalogue.film_by_imdb_id(imdb_id)
        assert film is not None
        diary.log_viewing(
            FilmRef.of(film), rating=rating, watched="2025-01-01", logged_at="2025-01-01T20:00:00Z"
        )
    catalogue.close()
    diary.close()
    return sample_dir


@pytest.fixture
def critics_app(rated_dir: Path) -> Iterator[KinologApp]:
    catalogue = Catalogue(rated_dir / "catalogue.db")
    diary = Diary(rated_dir / "diary.db")
    yield KinologApp(catalogue, diary, Settings(theme="textual-dark"))
    catalogue.close()
    diary.close()


async def test_critics_screen_ranks_explains_and_opens(critics_app: KinologApp) -> None:
    async with critics_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        screen = critics_app.screen
        assert isinstance(screen, CriticsScreen)
        assert [c.critic for c in screen.report.critics][:2] == ["Dev Example", "Sam Example"]
        shared = screen.table("critics-shared")
        assert shared.row_count == 3
        assert "Dev Example" in str(screen.query_one("#critics-shared-title", Static).render())
        await pilot.press("down")
        await settle(pilot)
        assert "Sam Example" in str(screen.query_one("#critics-shared-title", Static).render())
        picks = screen.table("critics-picks")
        assert picks.row_count == 3
        await pilot.press("tab", "tab")  # the shared films, then the recommendations
        await settle(pilot)
        assert screen.focused is picks
        assert screen.film_to_rate() is not None and screen.film_to_rate().title == "Lola rennt"
        await pilot.press("w")  # onto the watchlist from here
        await settle(pilot)
        assert [i.film.title for i in critics_app.diary.watchlist.items()] == ["Lola rennt"]
        assert "on it" in str(picks.get_row_at(0)[3])
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(critics_app.screen, FilmScreen)
        assert critics_app.screen.film.title == "Lola rennt"


async def test_critics_screen_of_an_empty_diary(app: KinologApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        summary = str(app.screen.query_one("#critics-summary", Static).render())
        assert summary.startswith("No critic shares 3 rated films with you yet")
        assert "0 reviews compared" in summary
        assert app.screen.query_one("#critics-table", DataTable).row_count == 0


def test_the_cli(rated_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--data-dir", str(rated_dir), "critics"]) == 0
    out = capsys.readouterr().out
    assert "Dev Example    3      93%        +7      +0.94" in out
    assert "Lola rennt (1998)" in out and "Dev Example 80" in out
    # The sample's reviews without author or source sit in a folder called "reviews": no
    # collection's name, so they name no critic; they are counted, not silently dropped.
    assert (
        "Compared 19 reviews; left out: 11 without a score, 30 with no author, source or folder"
        " name"
    ) in out
    assert run(["--data-dir", str(rated_dir), "critics", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["critics"][0]["critic"] == "Dev Example" and data["critics"][0]["shared"] == 3
    assert data["reviews_left_out"] == {"waiting_for_film": 0, "no_score": 11, "no_critic": 30}
    assert data["recommendations"][0]["title"] == "Lola rennt"


def test_snapshot_critics(critics_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)

    assert snap_compare(critics_app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_critics_80x24(critics_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)

    assert snap_compare(critics_app, terminal_size=NARROW, run_before=run_before)
