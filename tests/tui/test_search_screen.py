from typing import Any

from textual.widgets import Input, Static

from kinolog.db.models import FilmRef
from kinolog.tui.app import KinologApp
from kinolog.tui.widgets.film_list import FilmList
from tests.tui.helpers import settle

SIZE = (100, 24)


async def test_search_as_you_type(app: KinologApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.focused is app.screen.query_one(Input)
        await pilot.press(*"ballerina")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(FilmList)
        years = {str(table.cells(index)[1]) for index in range(table.row_count)}
        assert {"2023", "2025"} <= years


async def test_the_index_is_loaded_before_the_first_key(app: KinologApp) -> None:
    """The home list's worker loads the search index, so typing never waits for it."""
    assert app.search.state.current is None
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.search.state.current is not None


async def test_down_moves_the_highlight_while_typing(app: KinologApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"ballerina")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(FilmList)
        await pilot.press("down")
        assert table.cursor_row == 1
        assert app.screen.focused is app.screen.query_one(Input)


async def test_rated_films_show_their_stars(app: KinologApp) -> None:
    app.diary.log_viewing(FilmRef.of(app.search.find_film("pulp fiction")), rating=7)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"pulp")
        await app.workers.wait_for_complete()
        await pilot.pause()
        row = app.screen.query_one(FilmList).cells(0)
        assert str(row[6]) == "★★★½"


async def test_markup_in_titles_is_shown_literally(app: KinologApp) -> None:
    app.catalogue.add_film(title="[bold]Evil[/] \x1b[31m[@click=app.quit]", year=2020)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"evil")
        await app.workers.wait_for_complete()
        await pilot.pause()
        cell = str(app.screen.query_one(FilmList).get_row_at(0)[0])
        assert "[bold]Evil[/]" in cell and "\x1b" not in cell
        assert app.is_running


async def test_empty_catalogue_says_how_to_import(empty_app: KinologApp) -> None:
    async with empty_app.run_test(size=SIZE):
        text = empty_app.screen.query_one("#welcome-text", Static)
        assert "empty" in str(text.render()) and "kinolog import reviews" in str(text.render())


def test_snapshot_search_screen(app: KinologApp, snap_compare: Any) -> None:
    async def type_query(pilot: Any) -> None:
        await pilot.press(*"ballerina")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=type_query)


async def test_a_bare_year_lists_that_years_films(sample_app: KinologApp) -> None:
    """Issue 16 item 11, in the app: ``1995`` lists the films of 1995."""
    async with sample_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"1995")
        await settle(pilot)
        table = sample_app.screen.query_one(FilmList)
        titles = {str(table.cells(index)[0]) for index in range(table.row_count)}
        years = {str(table.cells(index)[1]) for index in range(table.row_count)}
        assert years == {"1995"} and {"Heat", "La Haine"} <= titles


async def test_a_name_that_matches_nobody_lists_nothing(sample_app: KinologApp) -> None:
    """The README's own example on the sample, which has no film with Ana de Armas."""
    async with sample_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"ana de armas")
        await settle(pilot)
        assert sample_app.screen.query_one(FilmList).row_count == 0
        status = str(sample_app.screen.query_one("#search-status").render())
        assert status.startswith("nothing matches 'ana de armas'")
