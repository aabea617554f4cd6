"""Watchlist films and films of lists that wait for their film, in the app: on no film's
page, marked on the watchlist and in lists, settled on the resolve screen, undone with u."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.diary.lists import ListHeader
from kinolog.db.models import WAITING, FilmRef
from kinolog.tui.app import KinologApp
from kinolog.tui.screens.lists import ListsScreen
from kinolog.tui.screens.resolve import ResolveScreen
from kinolog.tui.screens.watchlist import WatchlistScreen
from kinolog.tui.settings import Settings
from tests.conftest import add_sample_films
from tests.tui.helpers import ToastLog, settle

SIZE = (120, 36)


@pytest.fixture
def waiting_app(catalogue: Catalogue, diary: Diary) -> Iterator[KinologApp]:
    """The sample films (a Ballerina of 2023 and one of 2025), and watchlist and list films
    an import could not attach: "Ballerina (2025)" (the catalogue's two Ballerinas have no
    IMDb id, so an import asks), and Psycho (not in the catalogue)."""
    add_sample_films(catalogue)
    ballerina = FilmRef("title:ballerina:2025", "Ballerina", 2025, unlinked=WAITING)
    psycho = FilmRef("title:psycho:1960", "Psycho", 1960, unlinked=WAITING)
    pulp = FilmRef.of(catalogue.get_film(1))
    diary.watchlist.add(ballerina, added="2024-03-01", note="the one with Ana de Armas?")
    diary.watchlist.add(psycho, added="2024-03-02")
    diary.watchlist.add(pulp, added="2024-03-03")
    diary.lists.create(ListHeader("Dancers", ranked=True), [(ballerina, None), (pulp, "ok")])
    # A rating of the 2025 Ballerina: the waiting list film must not show it as its own.
    wiseman = next(f for f in catalogue.films_by_ids([2, 3]) if f.year == 2025)
    diary.log_viewing(FilmRef.of(wiseman), rating=8, watched="2025-06-01")
    yield KinologApp(catalogue, diary, Settings(theme="textual-dark"))


async def test_a_waiting_watchlist_film_is_on_no_film_page(waiting_app: KinologApp) -> None:
    async with waiting_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        wiseman = waiting_app.search.find_film("ballerina 2025")
        waiting_app.open_film(wiseman.id)
        await settle(pilot)
        side = str(waiting_app.screen.query_one("#film-diary", Static).render())
        assert "watchlist" not in side  # the waiting "Ballerina (2025)" is not this film's
        waiting_app.open_film(1)  # Pulp Fiction, put on the watchlist by its own key
        await settle(pilot)
        side = str(waiting_app.screen.query_one("#film-diary", Static).render())
        assert "On your watchlist since" in side


async def test_the_watchlist_marks_it_and_enter_says_how_to_settle_it(
    waiting_app: KinologApp,
) -> None:
    toasts = ToastLog()
    async with waiting_app.run_test(size=SIZE, message_hook=toasts) as pilot:
        await settle(pilot)
        waiting_app.push_screen(WatchlistScreen())
        await settle(pilot)
        table = waiting_app.screen.query_one("#watchlist-table", DataTable)
        films = [str(table.get_row_at(row)[1]) for row in range(table.row_count)]
        assert films == [
            "Pulp Fiction (1994)",
            "Psycho (1960) · waits for its film",
            "Ballerina (2025) · waits for its film",
        ]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert toasts.find("Psycho (1960) waits for its film") is not None


async def test_a_waiting_list_film_shows_no_rating_of_another_film(
    waiting_app: KinologApp,
) -> None:
    async with waiting_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        waiting_app.push_screen(ListsScreen())
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        table = waiting_app.screen.query_one("#lists-items", DataTable)
        cells = [(str(table.get_row_at(0)[1]), str(table.get_row_at(0)[2]))]
        # Not the ★★★★ of the Ballerina of 2025: which Ballerina this is, nobody knows yet.
        assert cells == [("Ballerina (2025)", "waits")]


async def test_settling_a_watchlist_film_on_the_resolve_screen_then_undo(
    waiting_app: KinologApp,
) -> None:
    async with waiting_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        waiting_app.action_resolve()
        await settle(pilot)
        screen = waiting_app.screen
        assert isinstance(screen, ResolveScreen)
        refs = [item.ref for item in screen.items]
        assert sorted(ref.split(":")[0] for ref in refs) == ["list", "watchlist", "watchlist"]
        first = screen.items[0]  # the Ballerina on the watchlist: it has candidates
        assert (first.kind, first.title) == ("watchlist", "Ballerina")
        await pilot.press("enter")  # to its candidates: Ballerina (2025) first
        await pilot.press("enter")
        await settle(pilot)
        item = waiting_app.diary.watchlist.get(first.id)
        assert item.film.linked and item.film.year == 2025
        assert first.ref not in [other.ref for other in screen.items]
        await pilot.press("u")
        await settle(pilot)
        assert waiting_app.diary.watchlist.get(first.id).film.unlinked == WAITING
        assert first.ref in [other.ref for other in screen.items]


def test_snapshot_watchlist_with_waiting_films(waiting_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        pilot.app.push_screen(WatchlistScreen())
        await settle(pilot)

    assert snap_compare(waiting_app, terminal_size=SIZE, run_before=run_before)
