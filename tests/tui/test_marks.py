"""Likes and the watchlist in the app: l and w from any film, the rating dialog's offers,
the watchlist screen and its filters, and snapshots of them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input, Static

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.models import FilmRef
from kinolog.db.search import FilmSearch
from kinolog.tui.app import KinologApp
from kinolog.tui.dialogs.entry import EntryModal
from kinolog.tui.screens.film import FilmScreen
from kinolog.tui.screens.watchlist import WatchlistScreen
from kinolog.tui.settings import Settings
from tests.tui.helpers import ToastLog, settle

SIZE = (120, 36)
NARROW = (80, 24)
# (query, added, note): a watchlist at fixed dates.
WATCHLIST = (
    ("seven samurai", "2024-01-05", "the long cut"),
    ("stalker", "2024-03-10", None),
    ("oldboy", "2024-06-01", "hallway fight"),
    ("la dolce vita", "2024-09-20", None),
    ("metropolis", None, "restored version"),
)


def _ref(app: KinologApp, query: str) -> FilmRef:
    return FilmRef.of(app.search.find_film(query))


@pytest.fixture
def watch_app(sample_dir: Path) -> Iterator[KinologApp]:
    """The sample catalogue with a fixed diary and watchlist (nothing depends on today)."""
    for name in ("diary.db", "diary.db-wal", "diary.db-shm"):
        (sample_dir / name).unlink(missing_ok=True)
    catalogue = Catalogue(sample_dir / "catalogue.db")
    diary = Diary(sample_dir / "diary.db")
    search = FilmSearch(catalogue)
    for query, added, note in WATCHLIST:
        diary.watchlist.add(FilmRef.of(search.find_film(query)), added=added, note=note)
    oldboy = FilmRef.of(search.find_film("oldboy"))
    diary.log_viewing(oldboy, rating=8, watched="2024-07-01", logged_at="2024-07-01T20:00:00Z")
    yield KinologApp(catalogue, diary, Settings(theme="textual-dark"))
    catalogue.close()
    diary.close()


async def test_l_likes_and_unlikes_on_the_film_page(sample_app: KinologApp) -> None:
    toasts = ToastLog()
    async with sample_app.run_test(size=SIZE, message_hook=toasts) as pilot:
        parasite = _ref(sample_app, "parasite")
        sample_app.open_film(sample_app.search.find_film("parasite").id)
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        [entry] = sample_app.diary.entries(film_key=parasite.key)
        assert entry.liked and toasts.find("Liked Parasite (2019)") is not None
        side = str(sample_app.screen.query_one("#film-diary", Static).render())
        assert "♥ liked" in side
        await pilot.press("l")
        await settle(pilot)
        assert not sample_app.diary.entries(film_key=parasite.key)[0].liked
        await pilot.press("u")
        await settle(pilot)
        assert sample_app.diary.entries(film_key=parasite.key)[0].liked


async def test_w_from_the_film_page_and_the_search_list(sample_app: KinologApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        stalker = sample_app.search.find_film("stalker")
        sample_app.open_film(stalker.id)
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        [item] = sample_app.diary.watchlist.items()
        assert item.film.key == stalker.key and item.added is not None
        side = str(sample_app.screen.query_one("#film-diary", Static).render())
        assert "On your watchlist since" in side
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press(*"stalker")
        await settle(pilot)
        await pilot.press("tab")  # into the result list: w acts on the highlighted film
        await settle(pilot)
        assert sample_app.screen.film_to_rate() == FilmRef.of(stalker)
        await pilot.press("w")
        await settle(pilot)
        assert sample_app.diary.watchlist.items() == []


async def test_rating_offers_to_take_the_film_off_the_watchlist(watch_app: KinologApp) -> None:
    toasts = ToastLog()
    async with watch_app.run_test(size=SIZE, message_hook=toasts) as pilot:
        watch_app.open_film(watch_app.search.find_film("stalker").id)
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        modal = watch_app.screen
        assert isinstance(modal, EntryModal)
        offer = modal.query_one("#entry-off-watchlist", Checkbox)
        assert offer.value
        await pilot.press("9", "l")  # rate and like from the stars
        await settle(pilot)
        assert modal.query_one("#entry-like", Checkbox).value
        await pilot.press("enter")
        await settle(pilot)
        stalker = _ref(watch_app, "stalker")
        [entry] = watch_app.diary.entries(film_key=stalker.key)
        assert (entry.rating, entry.liked) == (9, True)
        assert watch_app.diary.watchlist.find({stalker.key}) is None
        assert toasts.find("Saved Stalker (1979) ★★★★½ (9/10), off the watchlist") is not None
        await pilot.press("u")  # one change: the viewing and the watchlist come back together
        await settle(pilot)
        assert watch_app.diary.entries(film_key=stalker.key) == []
        assert watch_app.diary.watchlist.find({stalker.key}) is not None
        # Keeping it on the watchlist: w unticks the offer.
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("7", "w", "enter")
        await settle(pilot)
        assert watch_app.diary.watchlist.find({stalker.key}) is not None


async def test_the_watchlist_screen_filters_opens_and_takes_off(watch_app: KinologApp) -> None:
    async with watch_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        screen = watch_app.screen
        assert isinstance(screen, WatchlistScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 5
        assert str(screen.query_one("#watchlist-status", Static).render()).startswith(
            "5 of 5 films · 4 not seen yet"
        )
        await pilot.press("slash", *"1950-1979 unwatched")
        await settle(pilot)
        titles = [row.item.film.title for row in screen.shown]
        assert titles == ["La Dolce Vita", "Stalker", "Seven Samurai"]
        screen.query_one(Input).value = "score:90"
        await settle(pilot)
        assert [row.item.film.title for row in screen.shown] == ["Seven Samurai"]
        screen.query_one(Input).value = "watched"
        await settle(pilot)
        assert [row.item.film.title for row in screen.shown] == ["Oldboy"]
        screen.query_one(Input).value = ""
        await pilot.press("escape")  # out of the filter box
        await settle(pilot)
        await pilot.press("delete")  # the newest: La Dolce Vita
        await settle(pilot)
        assert table.row_count == 4
        assert "La Dolce Vita" not in {i.film.title for i in watch_app.diary.watchlist.items()}
        await pilot.press("u")
        await settle(pilot)
        assert table.row_count == 5
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(watch_app.screen, FilmScreen)
        assert watch_app.screen.film.title == "La Dolce Vita"


def test_snapshot_watchlist(watch_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)

    assert snap_compare(watch_app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_watchlist_filtered_80x24(watch_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("slash", *"score:80 unwatched")
        await settle(pilot)

    assert snap_compare(watch_app, terminal_size=NARROW, run_before=run_before)


def test_snapshot_film_page_liked_and_on_the_watchlist(
    watch_app: KinologApp, snap_compare: Any
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        watch_app.open_film(watch_app.search.find_film("oldboy").id)
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)

    assert snap_compare(watch_app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_rating_dialog_offering_the_watchlist(
    watch_app: KinologApp, snap_compare: Any
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        watch_app.open_film(watch_app.search.find_film("seven samurai").id)
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        pilot.app.screen.query_one("#entry-date", Input).value = "2026-11-20"
        await pilot.press("8")
        await settle(pilot)

    assert snap_compare(watch_app, terminal_size=SIZE, run_before=run_before)


async def test_the_palette_exports_the_watchlist(watch_app: KinologApp, tmp_path: Path) -> None:
    from kinolog.db.formats import export_format
    from kinolog.tui import transfers
    from kinolog.tui.commands import kinolog_commands
    from kinolog.tui.dialogs.path import PathModal

    titles = [command.title for command in kinolog_commands(watch_app)]
    assert "watchlist: Export as IMDb's watchlist CSV" in titles
    assert "lists: Export as Letterboxd's list files (one per list)" in titles
    assert "watchlist: Open the watchlist" in titles
    target = tmp_path / "watchlist.csv"
    async with watch_app.run_test(size=SIZE) as pilot:
        transfers.export_file(watch_app, export_format("imdb", "watchlist"))
        await settle(pilot)
        assert isinstance(watch_app.screen, PathModal)
        watch_app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6 and lines[1].startswith("1,tt0017136,,,restored version,Metropolis")


async def test_editing_keeps_a_tag_with_a_comma(sample_app: KinologApp) -> None:
    entry = sample_app.diary.log_viewing(
        _ref(sample_app, "heat"), rating=8, watched="2025-03-14", tags=("rock, paper", "cult")
    )
    async with sample_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        table = sample_app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(str(entry.id)))
        await pilot.press("e")
        await settle(pilot)
        box = sample_app.screen.query_one("#entry-tags", Input)
        assert box.value == "rock\\, paper, cult"
        box.value += ", new"
        await pilot.press("enter")
        await settle(pilot)
    assert sample_app.diary.get_entry(entry.id).tags == ("rock, paper", "cult", "new")
