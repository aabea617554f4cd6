"""Issue 16 item 5: every screen and dialog at 80x24 (one asserted snapshot each).

Together with ``test_snapshot_compare_80x24``, ``test_snapshot_diary_80x24`` and
``test_snapshot_stats_80x24`` elsewhere, these cover each screen at the smallest size the
app supports: the most important columns first, every cut marked with an ellipsis, the
footer whole.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.models import WAITING, FilmRef
from kinolog.tui.app import KinologApp
from kinolog.tui.dialogs.confirm import ConfirmModal
from kinolog.tui.dialogs.path import PathModal
from kinolog.tui.settings import Settings
from tests.conftest import add_sample_films
from tests.tui.helpers import settle

SIZE = (80, 24)


async def _open(pilot: Pilot[None], query: str, *keys: str) -> None:
    await settle(pilot)
    await pilot.press(*query)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def test_snapshot_search_home_80x24(sample_app: KinologApp, snap_compare: Any) -> None:
    assert snap_compare(sample_app, terminal_size=SIZE, run_before=settle)


def test_snapshot_search_results_80x24(sample_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press(*"crash")
        await settle(pilot)

    assert snap_compare(sample_app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_welcome_80x24(empty_app: KinologApp, snap_compare: Any) -> None:
    assert snap_compare(empty_app, terminal_size=SIZE, run_before=settle)


def test_snapshot_film_page_80x24(sample_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _open(pilot, "solaris 1972")

    assert snap_compare(sample_app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_reader_80x24(sample_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _open(pilot, "solaris 1972", "enter", "slash")
        await pilot.press(*"uberzeugen")  # folded find: no hit in this review, status says so
        await settle(pilot)

    assert snap_compare(sample_app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_help_80x24(sample_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _open(pilot, "solaris 1972", "enter", "f1")

    assert snap_compare(sample_app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_rating_dialog_80x24(sample_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _open(pilot, "parasite", "r")
        pilot.app.screen.query_one("#entry-date", Input).value = "2026-11-20"
        await pilot.press("7")
        await settle(pilot)

    assert snap_compare(sample_app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_review_picker_80x24(sample_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _open(pilot, "crash 2004", "c", "o")

    assert snap_compare(sample_app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_confirm_dialog_80x24(sample_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        pilot.app.push_screen(
            ConfirmModal(
                "Undo 37 entries?",
                "Undo 37 changes made together on 2026-11-21 at 14:02 UTC (37 viewings "
                "logged): Solaris (1972), Heat (1995), Alien (1979) and 34 more?",
            )
        )
        await settle(pilot)

    assert snap_compare(sample_app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_path_dialog_80x24(sample_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        pilot.app.push_screen(
            PathModal("Import a Letterboxd export (.zip, folder or CSV)", "/home/me/")
        )
        await settle(pilot)

    assert snap_compare(sample_app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_resolve_80x24(catalogue: Catalogue, diary: Diary, snap_compare: Any) -> None:
    """The resolve screen (issue 11's) at 80x24 too: an entry two films could be."""
    add_sample_films(catalogue)
    diary.log_viewing(
        FilmRef("title:ballerina:", "Ballerina", None, unlinked=WAITING),
        rating=8,
        watched="2025-03-01",
        logged_at="2025-03-01T20:00:00+00:00",
    )
    app = KinologApp(catalogue, diary, Settings(theme="textual-dark"))

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        app.action_resolve()
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_watchlist_80x24(sample_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        for spec in ("stalker", "metropolis", "seven samurai"):
            sample_app.diary.watchlist.add(
                FilmRef.of(sample_app.search.find_film(spec)), added="2026-11-01"
            )
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)

    assert snap_compare(sample_app, terminal_size=SIZE, run_before=run_before)
