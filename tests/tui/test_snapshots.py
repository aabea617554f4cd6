"""One asserted snapshot per screen state, on the sample catalogue, at a fixed size and theme."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from kinolog.tui.app import KinologApp
from tests.tui.helpers import settle

WIDE = (120, 36)
NARROW = (80, 24)


async def _open(pilot: Pilot[None], query: str, *keys: str) -> None:
    await settle(pilot)
    await pilot.press(*query)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def test_snapshot_search_results(sample_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press(*"solaris")
        await settle(pilot)

    assert snap_compare(sample_app, terminal_size=WIDE, run_before=run_before)


def test_snapshot_search_home(sample_app: KinologApp, snap_compare: Any) -> None:
    assert snap_compare(sample_app, terminal_size=WIDE, run_before=settle)


def test_snapshot_welcome(empty_app: KinologApp, snap_compare: Any) -> None:
    assert snap_compare(empty_app, terminal_size=WIDE, run_before=settle)


def test_snapshot_film_page(sample_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _open(pilot, "crash 1996")

    assert snap_compare(sample_app, terminal_size=WIDE, run_before=run_before)


def test_snapshot_reader_with_find(sample_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _open(pilot, "solaris 1972", "enter", "slash")
        await pilot.press(*"solaris")
        await settle(pilot)

    assert snap_compare(sample_app, terminal_size=WIDE, run_before=run_before)


def test_snapshot_compare_wide(sample_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _open(pilot, "crash 2004", "c")

    assert snap_compare(sample_app, terminal_size=WIDE, run_before=run_before)


def test_snapshot_compare_80x24(sample_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _open(pilot, "crash 2004", "c")

    assert snap_compare(sample_app, terminal_size=NARROW, run_before=run_before)


def test_snapshot_help(sample_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _open(pilot, "parasite", "f1")

    assert snap_compare(sample_app, terminal_size=WIDE, run_before=run_before)


def test_snapshot_rating_modal(sample_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _open(pilot, "parasite", "r")
        pilot.app.screen.query_one("#entry-date", Input).value = "2026-11-20"
        await pilot.press("7")
        await settle(pilot)

    assert snap_compare(sample_app, terminal_size=WIDE, run_before=run_before)
