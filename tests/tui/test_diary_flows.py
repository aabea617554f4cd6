"""Pilot tests of the diary: rating from every screen, undo, the diary and stats screens.

Each test drives the app with keys as a person would and then checks the diary file itself
(``app.diary.entries()``), the screen stack and the widgets, and which toasts were shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input, Static

from kinolog.db.models import DiaryEntry, Film, FilmRef
from kinolog.db.ratings import stars
from kinolog.db.stats import diary_stats
from kinolog.db.text import film_key
from kinolog.tui.app import KinologApp
from kinolog.tui.dialogs.entry import EntryModal
from kinolog.tui.screens.compare import CompareScreen
from kinolog.tui.screens.diary import DiaryScreen
from kinolog.tui.screens.film import FilmScreen
from kinolog.tui.screens.reader import ReaderScreen
from kinolog.tui.screens.search import SearchScreen
from kinolog.tui.screens.stats import StatsScreen, counted
from kinolog.tui.widgets.bar_chart import BarChart
from kinolog.tui.widgets.film_list import FilmList
from kinolog.tui.widgets.month_chart import MonthChart
from tests.tui.helpers import ToastLog, settle

SIZE = (120, 36)
UNKNOWN = FilmRef(key=film_key(None, "Nowhere Film", 1999), title="Nowhere Film", year=1999)
EVIL = "[bold]x[/] [@click=app.quit]klick[/] \x1b[31mrot"


def _ref(app: KinologApp, spec: str) -> FilmRef:
    return FilmRef.of(app.search.find_film(spec))


def _film(app: KinologApp, spec: str) -> Film:
    return app.search.find_film(spec)


@pytest.fixture
def diary_app(sample_app: KinologApp) -> Iterator[KinologApp]:
    """The sample app with more entries at fixed dates: two years, tags, likes, an unknown film.

    The sample's own five entries are all watched in 2026.
    """
    diary = sample_app.diary
    diary.log_viewing(
        _ref(sample_app, "heat 1995"),
        rating=8,
        watched="2025-03-14",
        liked=True,
        tags=["festival", "cinema"],
        note="Pacino and De Niro in a diner",
        logged_at="2025-03-14T22:00:00+00:00",
    )
    diary.log_viewing(
        _ref(sample_app, "stalker"),
        rating=10,
        watched="2025-07-02",
        rewatch=True,
        tags=["festival"],
        logged_at="2025-07-02T23:00:00+00:00",
    )
    diary.log_viewing(
        _ref(sample_app, "blade runner"),
        rating=6,
        watched="2024-12-31",
        note="rain, neon",
        logged_at="2025-01-01T01:00:00+00:00",
    )
    diary.log_viewing(
        UNKNOWN, rating=4, watched="2025-01-05", logged_at="2025-01-05T20:00:00+00:00"
    )
    yield sample_app


@dataclass(frozen=True)
class Filled:
    """What the dialog was given, to compare with the saved entry."""

    rating: int | None
    watched: str
    rewatch: bool
    liked: bool
    tags: tuple[str, ...]
    note: str


async def _fill(
    pilot: Pilot[None],
    rating_keys: tuple[str, ...],
    rating: int | None,
    *,
    watched: str,
    note: str,
    tag_stem: str = "",
    tag: str = "",
) -> Filled:
    """Fill the open rating dialog with keys: stars, Tab, date, rewatch and like toggled
    with space, a tag completed with Right, a note; then Enter."""
    modal = pilot.app.screen
    assert isinstance(modal, EntryModal)
    assert modal.focused is modal.stars
    await pilot.press(*rating_keys)
    assert modal.stars.value == rating
    await pilot.press("tab")
    date_box = modal.query_one("#entry-date", Input)
    assert modal.focused is date_box
    await pilot.press(*watched)  # the date is selected on focus: typing replaces it
    assert date_box.value == watched
    rewatch = modal.query_one("#entry-rewatch", Checkbox)
    like = modal.query_one("#entry-like", Checkbox)
    was_rewatch = rewatch.value
    await pilot.press("tab")
    assert modal.focused is rewatch
    await pilot.press("space", "tab")
    assert modal.focused is like and rewatch.value is not was_rewatch
    await pilot.press("space", "tab")
    assert like.value
    tags = modal.query_one("#entry-tags", Input)
    assert modal.focused is tags
    if tag_stem:
        await pilot.press(*tag_stem)
        await settle(pilot)  # the suggester runs in a worker
        await pilot.press("right")
        assert tags.value == tag
    await pilot.press("tab")
    assert modal.focused is modal.query_one("#entry-note", Input)
    await pilot.press(*note)
    filled = Filled(rating, watched, not was_rewatch, True, (tag,) if tag else (), note)
    await pilot.press("enter")
    await settle(pilot)
    assert not isinstance(pilot.app.screen, EntryModal)
    return filled


def _assert_saved(app: KinologApp, film: FilmRef, filled: Filled, toasts: ToastLog) -> DiaryEntry:
    """The film's newest entry holds what was typed, and a "Saved" toast confirmed it."""
    entries = app.diary.entries(film_key=film.key)
    newest = max(entries, key=lambda entry: entry.id)
    assert (newest.rating, newest.watched, newest.rewatch, newest.liked) == (
        filled.rating,
        filled.watched,
        filled.rewatch,
        filled.liked,
    )
    assert (newest.tags, newest.note) == (filled.tags, filled.note)
    toast = toasts.find(f"Saved {film.label}")
    assert toast is not None and toast.severity == "information", toasts.messages
    return newest


# -- rating from each screen -------------------------------------------------------------


async def test_rate_from_the_search_box_with_ctrl_r(diary_app: KinologApp) -> None:
    toasts = ToastLog()
    async with diary_app.run_test(size=SIZE, message_hook=toasts) as pilot:
        await settle(pilot)
        await pilot.press(*"heat 1995")
        await settle(pilot)
        screen = diary_app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.focused is screen.query_one("#search-input")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert screen.query_one(Input).value == "heat 1995"  # nothing typed into the box
        filled = await _fill(
            pilot,
            ("7", "right"),
            8,
            watched="2026-11-01",
            tag_stem="fes",
            tag="festival",
            note="second time",
        )
        entry = _assert_saved(diary_app, _ref(diary_app, "heat 1995"), filled, toasts)
        assert entry.rewatch is False  # seen before, so the dialog started as a rewatch


async def test_rate_from_the_result_list_with_r(diary_app: KinologApp) -> None:
    toasts = ToastLog()
    async with diary_app.run_test(size=SIZE, message_hook=toasts) as pilot:
        await settle(pilot)
        await pilot.press(*"crash")
        await settle(pilot)
        screen = diary_app.screen
        films = screen.query_one(FilmList)
        await pilot.press("tab", "down")
        assert screen.focused is films and films.cursor_row == 1
        target = screen.film_to_rate()
        assert target is not None
        await pilot.press("r")
        await settle(pilot)
        filled = await _fill(
            pilot, ("minus",), None, watched="2025-12-24", tag_stem="ci", tag="cinema", note="x"
        )
        _assert_saved(diary_app, target, filled, toasts)


async def test_rate_from_the_film_page(diary_app: KinologApp) -> None:
    toasts = ToastLog()
    async with diary_app.run_test(size=SIZE, message_hook=toasts) as pilot:
        diary_app.open_film(_film(diary_app, "fargo").id)
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        modal = diary_app.screen
        assert isinstance(modal, EntryModal) and modal.stars.value is None
        filled = await _fill(pilot, ("0",), 10, watched="2026-01-02", note="Yah")
        _assert_saved(diary_app, _ref(diary_app, "fargo"), filled, toasts)
        assert toasts.find("Saved Fargo (1996) ★★★★★ (10/10)") is not None, toasts.messages
        assert isinstance(diary_app.screen, FilmScreen)


async def test_rate_from_the_reader(diary_app: KinologApp) -> None:
    toasts = ToastLog()
    async with diary_app.run_test(size=SIZE, message_hook=toasts) as pilot:
        diary_app.open_film(_film(diary_app, "oldboy").id)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(diary_app.screen, ReaderScreen)
        await pilot.press("r")
        await settle(pilot)
        filled = await _fill(pilot, ("3", "left"), 2, watched="2025-05-05", note="hammer")
        _assert_saved(diary_app, _ref(diary_app, "oldboy"), filled, toasts)
        assert isinstance(diary_app.screen, ReaderScreen)


async def test_rate_from_compare_rates_the_focused_pane(diary_app: KinologApp) -> None:
    toasts = ToastLog()
    async with diary_app.run_test(size=SIZE, message_hook=toasts) as pilot:
        diary_app.open_film(_film(diary_app, "crash 2004").id)
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = diary_app.screen
        assert isinstance(screen, CompareScreen)
        await pilot.press("tab", "o")  # the right pane gets a review of the other Crash
        await settle(pilot)
        await pilot.press(*"crash 1996", "enter")
        await settle(pilot)
        assert diary_app.screen is screen and screen.view(1).body.has_focus
        cronenberg = _ref(diary_app, "crash 1996")
        assert screen.film_to_rate() == cronenberg
        await pilot.press("r")
        await settle(pilot)
        modal = diary_app.screen
        assert isinstance(modal, EntryModal) and "Crash (1996)" in modal.label
        filled = await _fill(pilot, ("6",), 6, watched="2025-09-09", note="cars")
        _assert_saved(diary_app, cronenberg, filled, toasts)
        haggis = diary_app.diary.entries(film_key=_ref(diary_app, "crash 2004").key)
        assert len(haggis) == 1  # only the sample's entry: the other pane was not rated


async def test_rate_from_the_diary_logs_a_new_viewing(diary_app: KinologApp) -> None:
    toasts = ToastLog()
    async with diary_app.run_test(size=SIZE, message_hook=toasts) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = diary_app.screen
        assert isinstance(screen, DiaryScreen)
        await pilot.press("down")  # the second newest: Parasite, rated 10
        entry = screen.current
        assert entry is not None and entry.film.title == "Parasite"
        before = len(diary_app.diary.entries())
        await pilot.press("r")
        await settle(pilot)
        modal = diary_app.screen
        assert isinstance(modal, EntryModal)
        assert modal.stars.value == 10 and modal.query_one("#entry-rewatch", Checkbox).value
        await pilot.press("tab", "tab", "space")  # the date stays as it is: today
        await pilot.press("enter")
        await settle(pilot)
        assert len(diary_app.diary.entries()) == before + 1
        viewings = diary_app.diary.entries(film_key=entry.film.key)
        assert len(viewings) == 2
        newest = max(viewings, key=lambda e: e.id)
        assert newest.rating == 10 and newest.rewatch is False
        assert toasts.find("Saved Parasite (2019)") is not None
        assert diary_app.screen is screen and len(screen.shown) == before + 1


async def test_escape_cancels_and_writes_nothing(diary_app: KinologApp) -> None:
    toasts = ToastLog()
    async with diary_app.run_test(size=SIZE, message_hook=toasts) as pilot:
        before = diary_app.diary.entries()
        diary_app.open_film(_film(diary_app, "fargo").id)
        await settle(pilot)
        await pilot.press("r", "9", "tab", *"2025-01-01")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(diary_app.screen, FilmScreen)
        assert diary_app.diary.entries() == before
        assert diary_app.diary.counts()["changes"] == len(before)
        assert toasts.find("Saved") is None


@pytest.mark.parametrize("typed", ["2025-13-45", "yesterday-ish", "2999-01-01"])
async def test_an_invalid_date_keeps_the_dialog_open(diary_app: KinologApp, typed: str) -> None:
    toasts = ToastLog()
    async with diary_app.run_test(size=SIZE, message_hook=toasts) as pilot:
        before = diary_app.diary.entries()
        diary_app.open_film(_film(diary_app, "fargo").id)
        await settle(pilot)
        await pilot.press("r", "9", "tab", *typed, "enter")
        await settle(pilot)
        modal = diary_app.screen
        assert isinstance(modal, EntryModal)
        assert modal.focused is modal.query_one("#entry-date", Input)
        error = toasts.find("date", severity="error")
        assert error is not None and typed in error.message
        assert diary_app.diary.entries() == before
        await pilot.press("ctrl+u", *"2025-01-02", "enter")  # put right, it saves
        await settle(pilot)
        assert diary_app.diary.entries(film_key=_ref(diary_app, "fargo").key)[0].watched == (
            "2025-01-02"
        )


# -- undo ----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["u", "ctrl+z"])
async def test_undo_on_the_film_page(diary_app: KinologApp, key: str) -> None:
    toasts = ToastLog()
    async with diary_app.run_test(size=SIZE, message_hook=toasts) as pilot:
        fargo = _ref(diary_app, "fargo")
        diary_app.open_film(_film(diary_app, "fargo").id)
        await settle(pilot)
        await pilot.press("r", "8", "enter")
        await settle(pilot)
        assert diary_app.diary.current_rating(fargo.key) == 8
        await pilot.press(key)
        await settle(pilot)
        assert diary_app.diary.entries(film_key=fargo.key) == []
        assert toasts.find("Undid logging Fargo (1996) ★★★★") is not None, toasts.messages


@pytest.mark.parametrize("key", ["u", "ctrl+z"])
async def test_undo_on_the_diary_screen(diary_app: KinologApp, key: str) -> None:
    toasts = ToastLog()
    async with diary_app.run_test(size=SIZE, message_hook=toasts) as pilot:
        before = diary_app.diary.entries()
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = diary_app.screen
        assert isinstance(screen, DiaryScreen)
        await pilot.press("r", "5", "enter")
        await settle(pilot)
        assert len(screen.shown) == len(before) + 1
        await pilot.press(key)
        await settle(pilot)
        assert diary_app.diary.entries() == before
        assert len(screen.shown) == len(before)
        assert toasts.find("Undid logging") is not None


async def test_nothing_to_undo_says_so(app: KinologApp) -> None:
    toasts = ToastLog()
    async with app.run_test(size=SIZE, message_hook=toasts) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+z")  # works while the search box has focus
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        nothing = [text for text in toasts.messages if text.startswith("nothing to undo")]
        assert len(nothing) == 2
        assert app.is_running and isinstance(app.screen, DiaryScreen)


# -- the diary screen ------------------------------------------------------------------


async def test_d_types_in_the_search_box_and_opens_the_diary_from_the_list(
    diary_app: KinologApp,
) -> None:
    async with diary_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        search = diary_app.screen
        await pilot.press("d")
        await settle(pilot)
        assert diary_app.screen is search and search.query_one(Input).value == "d"
        await pilot.press("tab", "d")
        await settle(pilot)
        assert isinstance(diary_app.screen, DiaryScreen)


@pytest.mark.parametrize("where", ["search box", "film page", "reader", "stats"])
async def test_f2_opens_the_diary_from_anywhere(diary_app: KinologApp, where: str) -> None:
    async with diary_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if where != "search box":
            diary_app.open_film(_film(diary_app, "heat").id)
            await settle(pilot)
        if where == "reader":
            await pilot.press("enter")
        elif where == "stats":
            await pilot.press("f3")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = diary_app.screen
        assert isinstance(screen, DiaryScreen)
        assert len(screen.shown) == len(diary_app.diary.entries()) == 9


@pytest.mark.parametrize(
    ("typed", "titles"),
    [
        ("2025", {"Heat", "Stalker", "Nowhere Film"}),
        ("rating:>=8", {"Heat", "Stalker", "Solaris", "Pulp Fiction", "Parasite"}),
        ("tag:festival", {"Heat", "Stalker"}),
        ("#cinema liked", {"Heat"}),
        ("liked", {"Heat"}),
        ("rewatch", {"Stalker"}),
        ("unrated", {"Der Himmel über Berlin"}),
        ("neon", {"Blade Runner"}),
        ("de niro diner", {"Heat"}),
        ("2024 rating:<7", {"Blade Runner"}),
        ("nothing-like-this", set()),
    ],
)
async def test_the_filter_narrows_the_table(
    diary_app: KinologApp, typed: str, titles: set[str]
) -> None:
    async with diary_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = diary_app.screen
        assert isinstance(screen, DiaryScreen)
        table = screen.query_one("#diary-table", DataTable)
        assert table.row_count == 9
        await pilot.press("slash", *typed)
        await settle(pilot)
        assert screen.focused is screen.query_one("#diary-filter")
        assert table.row_count == len(titles)
        assert {entry.film.title for entry in screen.shown} == titles
        shown_titles = {
            str(table.get_row_at(row)[1]).rsplit(" (", 1)[0] for row in range(len(titles))
        }
        assert shown_titles == titles
        status = str(screen.query_one("#diary-status", Static).render())
        assert f"{len(titles)} of 9 entries" in status
        await pilot.press("escape")  # the filter first: focus back on the table
        assert diary_app.screen is screen and screen.focused is table
        await pilot.press("escape")  # then the screen
        await settle(pilot)
        assert isinstance(diary_app.screen, SearchScreen)


async def test_edit_keeps_the_old_version_in_the_history(diary_app: KinologApp) -> None:
    toasts = ToastLog()
    async with diary_app.run_test(size=SIZE, message_hook=toasts) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = diary_app.screen
        assert isinstance(screen, DiaryScreen)
        await pilot.press("slash", *"heat", "escape")
        entry = screen.current
        assert entry is not None and entry.film.title == "Heat"
        await pilot.press("e")
        await settle(pilot)
        modal = diary_app.screen
        assert isinstance(modal, EntryModal) and modal.entry == entry
        assert modal.stars.value == 8
        assert modal.query_one("#entry-date", Input).value == "2025-03-14"
        assert modal.query_one("#entry-tags", Input).value == "festival, cinema"
        await pilot.press("4", "tab", "tab", "tab", "tab", "tab")
        assert modal.focused is modal.query_one("#entry-note", Input)
        await pilot.press(*"better the second time", "enter")
        await settle(pilot)
        edited = diary_app.diary.get_entry(entry.id)
        assert edited.rating == 4 and edited.note == "better the second time"
        assert (edited.watched, edited.tags, edited.liked) == (entry.watched, entry.tags, True)
        assert len(diary_app.diary.entries()) == 9  # an edit, not a new viewing
        history = diary_app.diary.history(entry.id)
        assert [change["action"] for change in history] == ["log", "edit"]
        old = history[1]["before"]
        assert old["rating"] == 8 and old["note"] == "Pacino and De Niro in a diner"
        assert toasts.find("Saved Heat (1995) ★★") is not None
        assert screen.current is not None and screen.current.rating == 4


async def test_delete_then_undo(diary_app: KinologApp) -> None:
    toasts = ToastLog()
    async with diary_app.run_test(size=SIZE, message_hook=toasts) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = diary_app.screen
        assert isinstance(screen, DiaryScreen)
        entry = screen.current
        assert entry is not None
        await pilot.press("delete")
        await settle(pilot)
        assert entry.id not in {e.id for e in diary_app.diary.entries()}
        assert diary_app.diary.get_entry(entry.id).deleted
        assert screen.query_one(DataTable).row_count == 8
        assert toasts.find(f"Deleted {entry.film.label}: u undoes") is not None
        await pilot.press("u")
        await settle(pilot)
        assert diary_app.diary.entries()[0] == entry
        assert screen.query_one(DataTable).row_count == 9
        assert toasts.find("Undid the deletion of") is not None


async def test_enter_opens_the_film_or_says_it_is_unknown(diary_app: KinologApp) -> None:
    toasts = ToastLog()
    async with diary_app.run_test(size=SIZE, message_hook=toasts) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = diary_app.screen
        assert isinstance(screen, DiaryScreen)
        await pilot.press("slash", *"nowhere", "escape", "enter")
        await settle(pilot)
        assert diary_app.screen is screen
        assert toasts.find("Nowhere Film (1999) is not in the catalogue.") is not None
        await pilot.press("slash", *"stalker", "escape", "enter")
        await settle(pilot)
        film_screen = diary_app.screen
        assert isinstance(film_screen, FilmScreen) and film_screen.film.title == "Stalker"


# -- the stats screen ------------------------------------------------------------------


def _summary(app: KinologApp) -> str:
    return str(app.screen.query_one("#stats-summary", Static).render())


def _assert_stats_shown(app: KinologApp, year: int | None) -> None:
    """What the screen shows is what ``diary_stats`` computes."""
    screen = app.screen
    assert isinstance(screen, StatsScreen) and screen.year == year
    stats = diary_stats(app.diary, app.catalogue, year=year)
    summary = _summary(app)
    films, viewings = counted(stats.films, "film"), counted(stats.viewings, "viewing")
    assert f"{films} · {viewings} · {stats.rated} rated" in summary
    assert stats.average is not None and f"average {stats.average:.1f}/10" in summary
    rewatches = counted(stats.rewatches, "rewatch", "rewatches")
    assert f"{rewatches} · {stats.liked} liked" in summary

    ratings = screen.query_one("#chart-ratings", BarChart).rows
    assert [(label, value) for label, value, _ in ratings] == [
        (stars(rating), count) for rating, count in stats.histogram.items()
    ]
    directors = screen.query_one("#chart-directors", BarChart).rows
    assert [(label, value) for label, value, _ in directors] == stats.directors[:8]
    decades = screen.query_one("#chart-decades", BarChart).rows
    assert [label for label, _, _ in decades] == [f"{d}s" for d in stats.by_decade]
    months = dict(screen.query_one("#chart-months", MonthChart).months)
    assert {month: count for month, count in months.items() if count} == {
        month: count for month, count in stats.per_month.items() if count
    }
    if year is not None:  # a year in review shows January to December
        assert list(months) == [f"{year}-{month:02d}" for month in range(1, 13)]
    top = str(screen.query_one("#top-rated", Static).render())
    for entry in stats.top_rated[:8]:
        assert entry.film.label in top


async def test_stats_from_the_diary_and_with_f3(diary_app: KinologApp) -> None:
    async with diary_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        _assert_stats_shown(diary_app, None)
        assert "Andrei Tarkovsky" in {
            label for label, _, _ in diary_app.screen.query_one("#chart-directors", BarChart).rows
        }
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(diary_app.screen, DiaryScreen)
        diary_app.open_film(_film(diary_app, "heat").id)
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        _assert_stats_shown(diary_app, None)


async def test_stats_step_through_the_years(diary_app: KinologApp) -> None:
    async with diary_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        screen = diary_app.screen
        assert isinstance(screen, StatsScreen) and screen.years == [2026, 2025, 2024]
        assert "All time" in _summary(diary_app) and "years 2024-2026" in _summary(diary_app)
        seen = []
        for key in ("right_square_bracket", "left_square_bracket", "left_square_bracket"):
            await pilot.press(key)
            await settle(pilot)
            seen.append(screen.year)
            _assert_stats_shown(diary_app, screen.year)
            assert f"Your {screen.year} in films" in _summary(diary_app)
            assert screen.title == f"Your {screen.year} in films"
        assert seen == [2026, 2025, 2024]
        await pilot.press("left_square_bracket")  # no earlier year: stays
        await settle(pilot)
        assert screen.year == 2024
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.year == 2025
        await pilot.press("a")
        await settle(pilot)
        _assert_stats_shown(diary_app, None)
        assert "All time" in _summary(diary_app)


async def test_stats_at_80x24(diary_app: KinologApp) -> None:
    async with diary_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        screen = diary_app.screen
        assert isinstance(screen, StatsScreen) and screen.has_class("-narrow")
        _assert_stats_shown(diary_app, None)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        _assert_stats_shown(diary_app, 2026)
        assert diary_app.is_running


async def test_stats_of_an_empty_diary(app: KinologApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert "No viewings yet" in _summary(app)
        await pilot.press("right_square_bracket", "a")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, StatsScreen)


# -- untrusted text ----------------------------------------------------------------------


async def test_notes_and_tags_show_literally(sample_app: KinologApp) -> None:
    entry = sample_app.diary.log_viewing(
        _ref(sample_app, "heat"),
        rating=7,
        watched="2026-11-20",
        tags=[EVIL],
        note=EVIL,
        logged_at="2026-11-20T20:00:00+00:00",
    )
    async with sample_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = sample_app.screen
        assert isinstance(screen, DiaryScreen)
        table = screen.query_one("#diary-table", DataTable)
        cells = [str(cell) for cell in table.get_row(str(entry.id))]
        for shown in (cells[5], cells[6]):  # tags, note (cut to their columns, marked)
            assert shown.startswith("[bold]x[/] [@click") and shown.endswith("…")
            assert "\x1b" not in shown
        drawn = "".join(segment.text for segment in table.render_line(1))  # the first row
        assert "Heat (1995)" in drawn and "[bold]x[/] [@click" in drawn
        assert "\x1b" not in drawn
        await pilot.click("#diary-table", offset=(100, 1))  # on the tags and note
        await settle(pilot)
        assert sample_app.is_running
        if isinstance(sample_app.screen, FilmScreen):  # a click may select the row
            await pilot.press("escape")
            await settle(pilot)
        assert sample_app.screen is screen
        table.move_cursor(row=0)
        await pilot.press("e")
        await settle(pilot)
        modal = sample_app.screen
        assert isinstance(modal, EntryModal)
        assert modal.query_one("#entry-note", Input).value == EVIL
        await pilot.press("escape")
        await settle(pilot)
        assert sample_app.is_running and sample_app.screen is screen


def test_counts_are_said_in_the_right_number() -> None:
    assert [counted(n, "film") for n in (0, 1, 2)] == ["0 films", "1 film", "2 films"]
    assert counted(1, "rewatch", "rewatches") == "1 rewatch"
    assert counted(3, "rewatch", "rewatches") == "3 rewatches"
