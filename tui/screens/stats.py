"""The stats screen: the diary in numbers and charts, over all time or one year."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Static

from kinolog.db.ratings import stars
from kinolog.db.stats import DiaryStats, diary_stats, diary_years
from kinolog.tui.screens.base import KinologScreen
from kinolog.tui.widgets.bar_chart import BarChart
from kinolog.tui.widgets.labels import literal
from kinolog.tui.widgets.month_chart import MonthChart


class StatsScreen(KinologScreen):
    """Counts, average, a rating histogram, viewings per month, decades and directors.

    ``[`` and ``]`` step through the years (a year in review); ``a`` shows all time.

    Args:
        year: the year to review first, None for all time.
    """

    OPENED_BY = "stats"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not in the footer: the summary line on top names them beside the years.
        Binding("left_square_bracket", "year(-1)", "Earlier year", show=False, id="stats.earlier"),
        Binding("right_square_bracket", "year(1)", "Later year", show=False, id="stats.later"),
        Binding("a", "all_time", "All time", show=False, id="stats.all"),
    ]

    def __init__(self, year: int | None = None) -> None:
        super().__init__()
        self.year = year
        self.years: list[int] = []

    def compose(self) -> ComposeResult:
        """Summary on top, the charts in a grid of panels."""
        yield Header()
        with VerticalScroll(id="stats-scroll"):
            yield Static("", id="stats-summary", markup=False)
            with Grid(id="stats-grid"):
                with Vertical(classes="stats-panel"):
                    yield Static("Ratings", classes="panel-title")
                    yield BarChart(id="chart-ratings")
                with Vertical(classes="stats-panel"):
                    yield Static("Viewings per month", classes="panel-title")
                    yield MonthChart(id="chart-months")
                    yield Static("", id="months-axis", markup=False)
                    yield Static("Average rating by decade of release", classes="panel-title")
                    yield BarChart(id="chart-decades")
                with Vertical(classes="stats-panel"):
                    yield Static("Most-watched directors", classes="panel-title")
                    yield BarChart(id="chart-directors")
                    yield Static("Best rated by you (2+ films)", classes="panel-title")
                    yield Static("", id="top-people", markup=False)
                with Vertical(classes="stats-panel"):
                    yield Static("Top rated", classes="panel-title")
                    yield Static("", id="top-rated", markup=False)
        yield Footer(compact=True)

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012 (see Screen)

    def on_mount(self) -> None:
        """Load the numbers."""
        self.load_stats()

    def diary_changed(self) -> None:
        """Count again."""
        self.load_stats()

    @work(thread=True, exclusive=True, group="stats", exit_on_error=False)
    def load_stats(self) -> None:
        """Compute in a thread (the directors need the catalogue), then show."""
        years = diary_years(self.kapp.diary)
        stats = diary_stats(self.kapp.diary, self.kapp.catalogue, year=self.year)
        self.app.call_from_thread(self._show, stats, years)

    def _show(self, stats: DiaryStats, years: list[int]) -> None:
        self.years = years
        self.title = f"Your {self.year} in films" if self.year else "Your diary in numbers"
        self.query_one("#stats-summary", Static).update(_summary(stats, self.year, years))
        self.query_one("#chart-ratings", BarChart).set_data(
            [(stars(rating), count) for rating, count in stats.histogram.items()]
        )
        months = _months(stats.per_month, self.year)
        self.query_one("#chart-months", MonthChart).months = tuple(months)
        most = max((count for _, count in months), default=0)
        axis = f"{months[0][0]} … {months[-1][0]}  (most: {most})" if most else ""
        self.query_one("#months-axis", Static).update(axis)
        self.query_one("#chart-decades", BarChart).set_data(
            [(f"{decade}s", mean) for decade, (_, mean) in stats.by_decade.items()], "{:.1f}"
        )
        self.query_one("#chart-directors", BarChart).set_data(stats.directors[:8])
        top = Text()
        for index, entry in enumerate(stats.top_rated[:8]):
            if index:
                top.append("\n")
            top.append(f"{entry.stars:<6}", style="bold")
            top.append_text(literal(entry.film.label))
        self.query_one("#top-rated", Static).update(top or Text("no ratings yet", style="dim"))
        self.query_one("#top-people", Static).update(_people(stats))

    def action_year(self, step: int) -> None:
        """Step to the previous or next year that has viewings."""
        if not self.years:
            return
        ordered = sorted(self.years)
        if self.year is None:
            self.year = ordered[-1]
        else:
            later = [y for y in ordered if y > self.year]
            earlier = [y for y in ordered if y < self.year]
            if step > 0 and later:
                self.year = later[0]
            elif step < 0 and earlier:
                self.year = earlier[-1]
        self.load_stats()

    def action_all_time(self) -> None:
        """Back to all time."""
        self.year = None
        self.load_stats()


def _summary(stats: DiaryStats, year: int | None, years: list[int]) -> Text:
    text = Text()
    text.append(f"Your {year} in films" if year else "All time", style="bold")
    if years:
        text.append(f"   [ ] years {min(years)}-{max(years)} · a all time", style="dim")
    text.append("\n")
    if not stats.viewings and not stats.ratings_given:
        text.append("No viewings yet: press r on a film to rate it.")
        return text
    average = f"{stats.average:.1f}/10 {stars(round(stats.average))}" if stats.average else "—"
    text.append(
        f"{counted(stats.films, 'film')} · {counted(stats.viewings, 'viewing')} · "
        f"{stats.rated} rated · average {average} · "
        f"{counted(stats.rewatches, 'rewatch', 'rewatches')} · {stats.liked} liked\n"
    )
    given = stats.ratings_given_average
    rated = counted(stats.ratings_given, "rating") + (f" (average {given:.1f}/10)" if given else "")
    if year:
        watched = counted(stats.watched, "viewing")
        text.append(f"Watched this year: {watched} · rated this year: {rated}")
    else:
        text.append(f"{counted(stats.watched, 'dated viewing')} · {rated}", style="dim")
    return text


def counted(number: int, thing: str, things: str | None = None) -> str:
    """``1 film``, ``2 films``: a count with its noun in the right number."""
    return f"{number} {thing if number == 1 else things or thing + 's'}"


def _people(stats: DiaryStats) -> Text:
    """The directors and actors you rated best, with your mean and how many films."""
    text = Text()
    for label, people in (("Directors", stats.top_directors), ("Actors", stats.top_actors)):
        if text:
            text.append("\n")
        text.append(label, style="dim")
        for name, mean, count in people[:4]:
            text.append(f"\n{mean:4.1f} ", style="bold")
            text.append_text(literal(name))
            text.append(f" ({count})", style="dim")
        if not people:
            text.append("\nnone with two rated films yet", style="dim")
    return text


def _months(per_month: dict[str, int], year: int | None) -> list[tuple[str, int]]:
    """Viewings per month; a year in review shows all twelve months, January to December."""
    if year is None:
        return list(per_month.items())
    return [
        (f"{year}-{month:02d}", per_month.get(f"{year}-{month:02d}", 0)) for month in range(1, 13)
    ]
