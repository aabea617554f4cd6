"""Snapshots of the rating dialog, the diary screen and the stats screen.

The diary is written here with fixed watched dates and fixed logging times, so nothing shown
depends on today's date or on the clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.models import FilmRef
from kinolog.db.search import FilmSearch
from kinolog.tui.app import KinologApp
from kinolog.tui.settings import Settings
from tests.tui.helpers import settle

WIDE = (120, 36)
NARROW = (80, 24)

# (query, rating, watched, rewatch, liked, tags, note)
ENTRIES: tuple[tuple[str, int | None, str, bool, bool, tuple[str, ...], str | None], ...] = (
    ("solaris 1972", 9, "2025-02-08", False, True, ("tarkovsky", "cinema"), "Slow and huge."),
    ("stalker", 10, "2025-02-22", False, True, ("tarkovsky",), None),
    ("heat", 8, "2025-03-14", False, False, ("festival", "cinema"), "The diner scene."),
    ("pulp fiction", 7, "2025-06-01", True, False, (), None),
    ("blade runner", 8, "2025-08-19", False, True, ("festival",), "Rain, neon, tears."),
    ("casablanca", 9, "2025-11-30", False, False, ("classic",), None),
    ("parasite", 10, "2026-01-10", False, True, ("cinema",), "Peach."),
    ("crash 2004", 4, "2026-02-03", False, False, (), "Heavy-handed."),
    ("solaris 1972", 8, "2026-03-21", True, False, ("tarkovsky",), "Better on the big screen."),
    ("der himmel uber berlin", None, "2026-04-05", False, True, ("cinema",), None),
    ("metropolis", 7, "2026-05-17", False, False, ("classic", "silent"), None),
)


@pytest.fixture
def fixed_app(sample_dir: Path) -> Iterator[KinologApp]:
    """The sample catalogue with a diary of fixed entries (no date depends on today)."""
    for name in ("diary.db", "diary.db-wal", "diary.db-shm"):
        (sample_dir / name).unlink(missing_ok=True)
    catalogue = Catalogue(sample_dir / "catalogue.db")
    diary = Diary(sample_dir / "diary.db")
    for query, rating, watched, rewatch, liked, tags, note in ENTRIES:
        diary.log_viewing(
            FilmRef.of(FilmSearch(catalogue).find_film(query)),
            rating=rating,
            watched=watched,
            rewatch=rewatch,
            liked=liked,
            tags=tags,
            note=note,
            logged_at=f"{watched}T21:00:00+00:00",
        )
    yield KinologApp(catalogue, diary, Settings(theme="textual-dark"))
    catalogue.close()
    diary.close()


async def _diary(pilot: Pilot[None], *keys: str) -> None:
    await settle(pilot)
    await pilot.press("f2")
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def test_snapshot_edit_dialog(fixed_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _diary(pilot, "down", "down", "down", "down")  # Parasite: liked, a tag, a note
        await pilot.press("e")
        await settle(pilot)

    assert snap_compare(fixed_app, terminal_size=WIDE, run_before=run_before)


def test_snapshot_diary_filtered(fixed_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _diary(pilot, "slash")
        await pilot.press(*"2025 #cinema")
        await settle(pilot)

    assert snap_compare(fixed_app, terminal_size=WIDE, run_before=run_before)


def test_snapshot_diary_80x24(fixed_app: KinologApp, snap_compare: Any) -> None:
    assert snap_compare(fixed_app, terminal_size=NARROW, run_before=_diary)


def test_snapshot_stats_wide(fixed_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _diary(pilot, "s")

    assert snap_compare(fixed_app, terminal_size=WIDE, run_before=run_before)


def test_snapshot_stats_80x24(fixed_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _diary(pilot, "s")

    assert snap_compare(fixed_app, terminal_size=NARROW, run_before=run_before)


def test_snapshot_stats_one_year(fixed_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _diary(pilot, "s", "right_square_bracket", "left_square_bracket")  # 2025

    assert snap_compare(fixed_app, terminal_size=WIDE, run_before=run_before)
