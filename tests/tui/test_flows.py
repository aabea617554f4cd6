"""Pilot tests of each flow on the sample catalogue, as a person would use the app."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Input, OptionList

from kinolog.db.catalogue import Catalogue
from kinolog.db.importers.reviews import import_reviews
from kinolog.db.search import FilmSearch
from kinolog.tui.app import KinologApp
from kinolog.tui.dialogs.entry import EntryModal
from kinolog.tui.dialogs.help import HelpModal
from kinolog.tui.dialogs.review_picker import ReviewPickerModal
from kinolog.tui.screens.compare import CompareScreen
from kinolog.tui.screens.film import FilmScreen
from kinolog.tui.screens.reader import ReaderScreen
from kinolog.tui.screens.search import SearchScreen
from kinolog.tui.screens.welcome import WelcomeScreen
from kinolog.tui.widgets.film_list import FilmList
from kinolog.tui.widgets.review_view import ReviewView
from tests.tui.helpers import settle

SIZE = (120, 36)


async def test_typo_search_open_read_and_find(sample_app: KinologApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"solars 2002")  # a typo, and the year tells the two apart
        await settle(pilot)
        films = sample_app.screen.query_one(FilmList)
        assert films.highlighted_film_id is not None
        await pilot.press("enter")
        await settle(pilot)
        screen = sample_app.screen
        assert isinstance(screen, FilmScreen)
        assert (screen.film.title, screen.film.year) == ("Solaris", 2002)
        assert screen.focused is screen.query_one("#film-reviews")
        await pilot.press("enter")
        await settle(pilot)
        reader = sample_app.screen
        assert isinstance(reader, ReaderScreen)
        await pilot.press("slash", *"clooney")
        await settle(pilot)
        view = reader.query_one(ReviewView)
        assert len(view.hits) >= 1 and view.hit_index == 0
        await pilot.press("enter", "n")
        assert view.hit_index == (1 if len(view.hits) > 1 else 0)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert reader.index == 1
        await pilot.press("escape", "escape")  # the find box first, then back to the film
        await settle(pilot)
        assert isinstance(sample_app.screen, FilmScreen)


async def test_keys_move_the_highlight_while_the_box_has_focus(sample_app: KinologApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"crash")
        await settle(pilot)
        screen = sample_app.screen
        films = screen.query_one(FilmList)
        assert films.row_count == 2
        await pilot.press("down")
        assert films.cursor_row == 1
        await pilot.press("ctrl+home")
        assert films.cursor_row == 0
        await pilot.press("ctrl+end")
        assert films.cursor_row == 1
        assert screen.focused is screen.query_one(Input)
        # Home and End edit the text, as in any text box (and fzf)
        await pilot.press("home", "x")
        assert screen.query_one(Input).value == "xcrash"
        await pilot.press("end", "backspace", "backspace")
        await settle(pilot)
        assert screen.query_one(Input).value == "xcra"
        await pilot.press("tab", "slash")
        box = screen.query_one(Input)
        assert screen.focused is box and box.selected_text == "xcra"


async def test_compare_swap_sync_and_pick(sample_app: KinologApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        film = sample_app.search.find_film("solaris 1972")
        sample_app.open_film(film.id)
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = sample_app.screen
        assert isinstance(screen, CompareScreen)
        first, second = (screen.view(n).review for n in (0, 1))
        assert first is not None and second is not None and first.id != second.id
        await pilot.press("x")
        await settle(pilot)
        assert screen.view(0).review == second and screen.view(1).review == first
        await pilot.press("s")
        assert screen.sync
        await pilot.press("tab")
        assert screen.view(1).body.has_focus
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(sample_app.screen, ReviewPickerModal)
        await pilot.press(*"crash 1996")
        await pilot.press("enter")
        await settle(pilot)
        assert sample_app.screen is screen
        assert screen.view(1).film is not None and screen.view(1).film.title == "Crash"


async def test_one_review_is_compared_with_a_namesake(sample_dir: Path) -> None:
    catalogue = Catalogue(sample_dir / "catalogue.db")
    from kinolog.db.diary import Diary
    from kinolog.tui.settings import Settings

    app = KinologApp(catalogue, Diary(sample_dir / "diary.db"), Settings())
    film = catalogue.add_film(title="Crash", year=1977, directors=["Charles Band"])
    folder = sample_dir / "more"
    folder.mkdir()
    (folder / "crash77.md").write_text(
        "---\ntitle: Crash\nyear: 1977\ndirector: Charles Band\nscore: 2/5\n---\n\nA car.\n",
        encoding="utf-8",
    )
    import_reviews(catalogue, [folder])
    async with app.run_test(size=SIZE) as pilot:
        app.compare_film(film, catalogue.reviews_of(film.id))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        other = screen.view(1).film
        assert other is not None and other.title == "Crash" and other.year != 1977


async def test_compare_is_usable_at_80x24(sample_app: KinologApp) -> None:
    async with sample_app.run_test(size=(80, 24)) as pilot:
        sample_app.open_film(sample_app.search.find_film("crash 2004").id)
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = sample_app.screen
        assert screen.has_class("-narrow")
        assert all(screen.view(n).size.height >= 5 for n in (0, 1))


async def test_rate_from_the_film_page(sample_app: KinologApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        film = sample_app.search.find_film("heat")
        sample_app.open_film(film.id)
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(sample_app.screen, EntryModal)
        await pilot.press("7", "right", "enter")
        await settle(pilot)
        assert sample_app.diary.current_rating(film.key) == 8


async def test_help_lists_the_bindings_with_ids(sample_app: KinologApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        sample_app.open_film(sample_app.search.find_film("parasite").id)
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        help_screen = sample_app.screen
        assert isinstance(help_screen, HelpModal)
        ids = {one for _, _, ids_ in help_screen.rows for one in ids_.split(", ")}
        assert {"film.compare", "film.rate", "film.read", "app.quit", "screen.back"} <= ids
        await pilot.press("escape")
        assert isinstance(sample_app.screen, FilmScreen)


async def test_palette_goes_to_a_film(sample_app: KinologApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(sample_app.screen, CommandPalette)
        await pilot.press(*"stalker")
        await pilot.pause(0.5)
        await settle(pilot)
        options = sample_app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("film: Go to Stalker (1979)" in prompt for prompt in prompts)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(sample_app.screen, FilmScreen)
        assert sample_app.screen.film.title == "Stalker"


async def test_welcome_then_the_sample(empty_app: KinologApp) -> None:
    async with empty_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(empty_app.screen, WelcomeScreen)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(empty_app.screen, SearchScreen)
        assert not empty_app.catalogue.is_empty()
        await pilot.press(*"parasite")
        await settle(pilot)
        assert empty_app.screen.query_one(FilmList).row_count >= 1


async def test_untrusted_review_text_is_shown_literally(sample_dir: Path) -> None:
    from kinolog.db.diary import Diary
    from kinolog.tui.settings import Settings

    catalogue = Catalogue(sample_dir / "catalogue.db")
    evil = (
        "[bold]Böse[/] [@click=app.quit]klick[/] [unclosed \x1b[31mrot\x1b]0;title\x07 \u202eevil"
    )
    folder = sample_dir / "evil"
    folder.mkdir()
    (folder / "evil.md").write_text(
        f"---\ntitle: Evil\nyear: 2020\ndirector: Nobody\nauthor: \x1b[2J[b]x\n---\n\n{evil}\n",
        encoding="utf-8",
    )
    import_reviews(catalogue, [folder])
    film = FilmSearch(catalogue).find_film("evil 2020")
    app = KinologApp(catalogue, Diary(sample_dir / "diary.db"), Settings())
    async with app.run_test(size=SIZE) as pilot:
        app.open_film(film.id)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.query_one(ReviewView)
        shown = "\n".join(str(static.render()) for static in view.query(".block"))
        assert "[bold]Böse[/]" in shown and "[@click=app.quit]klick[/]" in shown
        assert "\x1b" not in shown and "\u202e" not in shown and "\x07" not in shown
        await pilot.click(".block")
        assert app.is_running
