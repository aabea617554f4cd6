"""Issue 16 item 10: viewings per month start at zero, an empty diary draws no block, a year
in review shows January to December."""

from __future__ import annotations

from kinolog.db.models import FilmRef
from kinolog.tui.app import KinologApp
from kinolog.tui.screens.stats import StatsScreen
from kinolog.tui.widgets.month_chart import MonthChart, axis_line, columns, group
from tests.tui.helpers import settle

BLOCKS = set("▁▂▃▄▅▆▇█")


def test_columns_start_at_zero() -> None:
    one, none, three = columns([1, 0, 3], top=3, rows=3)
    assert three == "███"
    assert one == "█  "  # a third of the height, not an empty bar
    assert none == "   "
    assert columns([0, 0], top=0, rows=4) == ["    ", "    "]  # no full block for nothing


def test_many_months_are_summed_into_quarters_or_years() -> None:
    months = [(f"{y}-{m:02d}", 1) for y in range(2015, 2026) for m in range(1, 13)]
    assert len(group(months, 200)) == 132
    quarters = group(months, 60)
    assert len(quarters) == 44 and quarters[0] == ("2015-Q1", 3)
    years = group(months, 20)
    assert years[0] == ("2015", 12) and len(years) == 11
    assert axis_line([f"2025-{m:02d}" for m in range(1, 13)], 2) == "J F M A M J J A S O N D"


async def test_one_viewing_beside_three_is_a_third_high(app: KinologApp) -> None:
    film = FilmRef(key="title:heat:1995", title="Heat", year=1995)
    for watched in ("2025-01-10", "2025-03-01", "2025-03-02", "2025-03-03"):
        app.diary.log_viewing(film, rating=8, watched=watched, logged_at=f"{watched}T20:00:00Z")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        chart = app.screen.query_one("#chart-months", MonthChart)
        lines = str(chart.render()).splitlines()
        bottom, top = lines[-2], lines[0]
        step = min(4, chart.size.width // 3)  # January, February, March
        january, february, march = bottom[0], bottom[step], bottom[2 * step]
        assert january in BLOCKS and february == " " and march == "█"
        assert top[2 * step] in BLOCKS and top[0] == " "  # only March reaches the top
        assert lines[-1].split() == ["J", "F", "M"]
        await pilot.press("right_square_bracket")  # the year 2025 in review
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StatsScreen) and screen.year == 2025
        assert [month for month, _ in chart.months] == [f"2025-{m:02d}" for m in range(1, 13)]
        assert str(chart.render()).splitlines()[-1].startswith("J")
        assert str(chart.render()).splitlines()[-1].rstrip().endswith("D")


async def test_an_empty_diary_draws_no_block(app: KinologApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        for chart in app.screen.query(MonthChart):
            assert not BLOCKS & set(str(chart.render()))
        assert "█" not in "".join(str(w.render()) for w in app.screen.query("BarChart"))
