"""Issue 16 items 2, 3, 6 and 14 (Compare): synchronised scrolling that reaches both ends,
the pane with the focus marked, text that reflows on resize, headers that name the director."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.importers.reviews import import_reviews
from kinolog.tui.app import KinologApp
from kinolog.tui.screens.compare import CompareScreen
from kinolog.tui.settings import Settings
from tests.tui.helpers import settle

PARAGRAPH = (
    "Ein Satz über den Film, der lang genug ist, um in einer Spalte umzubrechen, und der "
    "noch ein paar Wörter mehr hat, damit es sich lohnt. "
)


def _review(title: str, year: int, director: str, paragraphs: int) -> str:
    body = "\n\n".join(f"{number}. {PARAGRAPH * 2}" for number in range(paragraphs))
    return (
        f"---\ntitle: {title}\nyear: {year}\ndirector: {director}\nlanguage: de\n"
        f"source: Blatt {year}\n---\n\n{body}\n"
    )


@pytest.fixture
def crashes(catalogue: Catalogue, diary: Diary, tmp_path: Path) -> Iterator[KinologApp]:
    """Two films called Crash, a short and a three times longer review."""
    folder = tmp_path / "reviews"
    folder.mkdir()
    (folder / "short.md").write_text(_review("Crash", 1996, "David Cronenberg", 8), "utf-8")
    (folder / "long.md").write_text(_review("Crash", 2004, "Paul Haggis", 24), "utf-8")
    import_reviews(catalogue, [folder])
    yield KinologApp(catalogue, diary, Settings())


async def _compare(app: KinologApp, pilot: Pilot[None]) -> CompareScreen:
    await settle(pilot)
    pairs = app.catalogue.reviews_with_films()
    by_year = {film.year: (review, film) for review, film in pairs if film is not None}
    app.push_screen(CompareScreen(by_year[1996], by_year[2004]))
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, CompareScreen)
    return screen


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_sync_moves_both_panes_alike_and_reaches_both_ends(
    crashes: KinologApp, size: tuple[int, int]
) -> None:
    async with crashes.run_test(size=size) as pilot:
        screen = await _compare(crashes, pilot)
        short, long = screen.view(0).body, screen.view(1).body
        assert short.max_scroll_y > 0 and long.max_scroll_y > 2 * short.max_scroll_y
        await pilot.press("end")  # sync off: the other pane stays
        await settle(pilot)
        assert (short.scroll_y, long.scroll_y) == (short.max_scroll_y, 0)
        await pilot.press("s")  # on: the other pane lines up at the same relative position
        await settle(pilot)
        assert long.scroll_y == long.max_scroll_y
        await pilot.press("end")
        await settle(pilot)
        assert (short.scroll_y, long.scroll_y) == (short.max_scroll_y, long.max_scroll_y)
        await pilot.press("home")
        await settle(pilot)
        assert (short.scroll_y, long.scroll_y) == (0, 0)
        for _ in range(40):
            await pilot.press("pagedown")
        await settle(pilot)
        assert (short.scroll_y, long.scroll_y) == (short.max_scroll_y, long.max_scroll_y)
        await pilot.press("pageup")
        await settle(pilot)
        page = short.scrollable_content_region.height - 1
        assert short.scroll_y == short.max_scroll_y - min(page, short.max_scroll_y)
        assert long.scroll_y == long.max_scroll_y - min(page, long.max_scroll_y)
        await pilot.press("home", "down")
        await settle(pilot)
        assert (short.scroll_y, long.scroll_y) == (1, 1)  # one line is one line in both
        await pilot.press("up", "down", "down", "up")
        await settle(pilot)
        assert (short.scroll_y, long.scroll_y) == (1, 1)
        # the other pane leads after Tab, and its End also reaches both ends
        await pilot.press("tab", "end")
        await settle(pilot)
        assert (short.scroll_y, long.scroll_y) == (short.max_scroll_y, long.max_scroll_y)
        await pilot.press("s", "home")  # sync off: only the focused pane moves
        await settle(pilot)
        assert (short.scroll_y, long.scroll_y) == (short.max_scroll_y, 0)


async def test_the_focused_pane_is_marked(crashes: KinologApp) -> None:
    async with crashes.run_test(size=(120, 36)) as pilot:
        screen = await _compare(crashes, pilot)
        left, right = screen.view(0), screen.view(1)
        assert left.has_class("-active") and not right.has_class("-active")
        await pilot.press("tab")
        await settle(pilot)
        assert right.has_class("-active") and not left.has_class("-active")
        assert right.body.has_focus
        left_header = left.query_one(".review-header").styles
        right_header = right.query_one(".review-header").styles
        assert right_header.background != left_header.background
        assert right_header.border_bottom != left_header.border_bottom


async def test_the_text_reflows_when_the_terminal_is_resized(crashes: KinologApp) -> None:
    async with crashes.run_test(size=(160, 45)) as pilot:
        screen = await _compare(crashes, pilot)
        column = screen.view(0).query_one(".review-column")
        wide = column.size.width
        assert wide > 60
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert screen.has_class("-narrow")
        assert column.size.width <= 80 - 2 and column.size.width != wide
        await pilot.resize_terminal(120, 36)
        await settle(pilot)
        assert column.size.width < wide and column.size.width <= 120 // 2


async def test_headers_name_the_director_of_two_films_with_one_title(
    crashes: KinologApp,
) -> None:
    async with crashes.run_test(size=(120, 36)) as pilot:
        screen = await _compare(crashes, pilot)
        headers = [str(screen.view(n).query_one(".review-header").render()) for n in (0, 1)]
        assert "Crash (1996) · David Cronenberg" in headers[0]
        assert "Crash (2004) · Paul Haggis" in headers[1]
