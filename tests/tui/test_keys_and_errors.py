"""Keys that work everywhere, clicks, and errors that become notifications."""

from __future__ import annotations

import pytest

from kinolog.db.errors import StoreError
from kinolog.db.search import FilmSearch
from kinolog.tui.app import KinologApp
from kinolog.tui.dialogs.review_picker import ReviewPickerModal
from kinolog.tui.screens.compare import CompareScreen
from kinolog.tui.screens.film import FilmScreen
from kinolog.tui.screens.reader import ReaderScreen
from kinolog.tui.screens.search import SearchScreen
from kinolog.tui.widgets.film_list import FilmList
from kinolog.tui.widgets.review_view import ReviewHeader
from tests.tui.helpers import settle

SIZE = (120, 36)


async def test_q_types_in_the_box_goes_back_elsewhere_and_quits_at_home(
    sample_app: KinologApp,
) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert sample_app.is_running
        assert sample_app.screen.query_one("#search-input").value == "q"  # type: ignore[attr-defined]
        sample_app.open_film(sample_app.search.find_film("fargo").id)
        await settle(pilot)
        await pilot.press("enter")  # the reader
        await settle(pilot)
        assert isinstance(sample_app.screen, ReaderScreen)
        await pilot.press("q")  # back, as in less
        await settle(pilot)
        assert isinstance(sample_app.screen, FilmScreen) and sample_app.is_running
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(sample_app.screen, SearchScreen) and sample_app.is_running
        sample_app.screen.query_one("#results").focus()  # off the box: q is a key again
        await pilot.press("q")
        await settle(pilot)
        assert not sample_app.is_running


async def test_ctrl_q_quits_from_a_text_box(sample_app: KinologApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not sample_app.is_running


async def test_escape_goes_back_one_screen_at_a_time(sample_app: KinologApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        sample_app.open_film(sample_app.search.find_film("heat").id)
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(sample_app.screen, CompareScreen)
        await pilot.press("escape")
        assert isinstance(sample_app.screen, FilmScreen)
        await pilot.press("escape")
        assert isinstance(sample_app.screen, SearchScreen)
        await pilot.press("escape")
        assert isinstance(sample_app.screen, SearchScreen) and sample_app.is_running


async def test_a_click_on_a_pane_header_opens_the_picker(sample_app: KinologApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        sample_app.open_film(sample_app.search.find_film("alien").id)
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.click(ReviewHeader)
        await settle(pilot)
        assert isinstance(sample_app.screen, ReviewPickerModal)
        await pilot.press("escape")
        assert isinstance(sample_app.screen, CompareScreen)


async def test_same_titles_are_told_apart(sample_app: KinologApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"crash")
        await settle(pilot)
        films = sample_app.screen.query_one(FilmList)
        rows = [[str(cell) for cell in films.cells(i)] for i in range(films.row_count)]
        assert {(row[0], row[1], row[3]) for row in rows} == {
            ("Crash", "1996", "David Cronenberg"),
            ("Crash", "2004", "Paul Haggis"),
        }


async def test_a_search_error_becomes_a_notification(
    sample_app: KinologApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise StoreError("catalogue.db is locked")

    monkeypatch.setattr(FilmSearch, "search_films", broken)
    async with sample_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"solaris")
        await settle(pilot)
        assert sample_app.is_running
        assert any("locked" in note.message for note in sample_app._notifications)
        await pilot.press("backspace")
        assert sample_app.is_running


async def test_markup_in_a_title_stays_literal_in_toasts_and_titles(
    sample_app: KinologApp,
) -> None:
    film = sample_app.catalogue.add_film(title="[@click=app.quit]Klick[/] \x1b[31m", year=2021)
    async with sample_app.run_test(size=SIZE) as pilot:
        sample_app.open_film(film.id)
        await settle(pilot)
        assert "\x1b" not in str(sample_app.screen.title)
        await pilot.press("r", "8", "enter")
        await settle(pilot)
        notes = [note for note in sample_app._notifications if "Klick" in note.message]
        assert notes and not notes[0].markup and "[@click=app.quit]" in notes[0].message
        assert sample_app.is_running


async def test_a_matched_director_is_highlighted_in_the_directors_column(
    sample_app: KinologApp,
) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"tarkovsky")
        await settle(pilot)
        films = sample_app.screen.query_one(FilmList)
        title, _, _, directors, *_ = films.cells(0)
        assert str(directors) == "Andrei Tarkovsky" and directors.spans
        assert str(title) in {"Solaris", "Stalker"}
