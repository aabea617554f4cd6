"""Issue 16 item 1: Enter acts on the query in the box, even while its results are pending."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual import events

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.models import FilmRef, SearchHit
from kinolog.tui.app import KinologApp
from kinolog.tui.dialogs.path import PathModal
from kinolog.tui.screens.film import FilmScreen
from kinolog.tui.screens.search import SearchScreen
from kinolog.tui.settings import Settings
from kinolog.tui.widgets.film_list import FilmList
from tests.tui.helpers import settle

DELAY = 0.4  # seconds each search takes once the test slows it down


@pytest.fixture
def hearts(catalogue: Catalogue, diary: Diary) -> Iterator[KinologApp]:
    """A catalogue where "heart" and "heart 2000" have different first films."""
    catalogue.add_film(title="Heart", year=1939, directors=["Ann Old"], votes=90_000)
    catalogue.add_film(title="Heart", year=2000, directors=["Bo New"], votes=900)
    catalogue.add_film(title="Heart of Glass", year=1976, directors=["Werner Herzog"], votes=9_000)
    yield KinologApp(catalogue, diary, Settings())


def _slow_down(app: KinologApp, delays: list[float]) -> None:
    """Make every search take DELAY seconds, as on a huge catalogue or a busy machine."""
    search = app.search.search_films

    def slow(query: str, **kwargs: object) -> list[SearchHit]:
        time.sleep(DELAY)
        delays.append(DELAY)
        return search(query, **kwargs)  # type: ignore[arg-type]

    app.search.search_films = slow  # type: ignore[method-assign]


async def test_enter_opens_the_first_film_of_the_query_in_the_box(hearts: KinologApp) -> None:
    async with hearts.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"heart")
        await settle(pilot)
        films = hearts.screen.query_one(FilmList)
        first = hearts.catalogue.get_film(films.highlighted_film_id or 0)
        assert (first.title, first.year) == ("Heart", 1939)
        delays: list[float] = []
        _slow_down(hearts, delays)
        started = time.perf_counter()
        await pilot.press(*" 2000", "enter")  # Enter before the new results are drawn
        assert isinstance(hearts.screen, SearchScreen)  # it waits for them
        assert hearts.screen.open_when_ready == "heart 2000"
        await settle(pilot)
        waited = time.perf_counter() - started
        screen = hearts.screen
        assert isinstance(screen, FilmScreen), "Enter was lost"
        assert (screen.film.title, screen.film.year) == ("Heart", 2000)
        assert delays and waited >= DELAY


async def test_enter_keeps_a_highlight_the_user_moved(hearts: KinologApp) -> None:
    async with hearts.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"heart")
        await settle(pilot)
        await pilot.press("down", "enter")  # results shown: Enter opens the highlighted film
        await settle(pilot)
        screen = hearts.screen
        assert isinstance(screen, FilmScreen) and (screen.film.year) == 2000


async def test_typing_on_after_enter_cancels_the_pending_open(hearts: KinologApp) -> None:
    async with hearts.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        _slow_down(hearts, [])
        await pilot.press(*"heart", "enter", "backspace")  # Enter for "heart", then "hear"
        await settle(pilot)
        assert isinstance(hearts.screen, SearchScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(hearts.screen, FilmScreen)


async def test_a_burst_of_keys_is_taken_in_the_order_typed(hearts: KinologApp) -> None:
    """A terminal (or tmux) may deliver many keys at once: Backspace and Ctrl+U edit the box
    where they were typed, and Enter opens the film of the text as typed."""
    async with hearts.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        burst = [*"heart 2001", "backspace", "0", "enter"]
        for key in burst:  # posted at once, as one read from a terminal
            character = {"backspace": "\x7f", "enter": "\r", "space": " "}.get(key, key)
            hearts.post_message(events.Key("space" if key == " " else key, character))
        await settle(pilot)
        screen = hearts.screen
        assert isinstance(screen, FilmScreen)
        assert (screen.film.title, screen.film.year) == ("Heart", 2000)
        await pilot.press("escape")
        await settle(pilot)
        for key in ("ctrl+u", *"heart", "enter"):
            character = {"ctrl+u": "\x15", "enter": "\r"}.get(key, key)
            hearts.post_message(events.Key(key, character))
        await settle(pilot)
        screen = hearts.screen
        assert isinstance(screen, FilmScreen) and screen.film.year == 1939


def _send_burst(app: KinologApp, keys: list[str]) -> None:
    """Post keys at once, as one read from a terminal (tmux send-keys)."""
    names = {" ": "space", "/": "slash", ".": "full_stop", "-": "minus"}
    for key in keys:
        character = {"backspace": "\x7f", "enter": "\r", "tab": "\t"}.get(key, key)
        if len(key) > 1 and key not in ("backspace", "enter", "tab"):
            character = None
        app.post_message(events.Key(names.get(key, key), character))


async def test_a_path_typed_in_a_burst_is_the_path_accepted(hearts: KinologApp) -> None:
    """The palette's import and export dialogs take the path as typed, Enter included."""
    chosen: list[Path | None] = []
    async with hearts.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        hearts.push_screen(PathModal("Import", "/somewhere/else"), chosen.append)
        await settle(pilot)
        _send_burst(hearts, ["ctrl+u", *"/tmp/x.csv", "backspace", "v", "enter"])
        await settle(pilot)
    assert chosen == [Path("/tmp/x.csv")]


async def test_a_note_typed_in_a_burst_is_saved_with_the_rating(hearts: KinologApp) -> None:
    """The rating dialog saves what was typed just before Enter: the stars and the note."""
    async with hearts.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        film = hearts.search.find_film("heart of glass")
        hearts.rate_film(FilmRef.of(film))
        await settle(pilot)
        _send_burst(hearts, ["8"])  # the stars have the focus
        await settle(pilot)
        hearts.screen.query_one("#entry-note").focus()
        await settle(pilot)
        _send_burst(hearts, [*"grand", "backspace", "d", "enter"])
        await settle(pilot)
        film = hearts.search.find_film("heart 1939")
        hearts.rate_film(FilmRef.of(film))
        await settle(pilot)
        _send_burst(hearts, ["7", "enter"])
        await settle(pilot)
    saved = sorted((entry.rating or 0, entry.note or "") for entry in hearts.diary.entries())
    assert saved == [(7, ""), (8, "grand")]
