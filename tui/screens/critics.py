"""The critics screen: the critics whose scores agree with your ratings, the films you both
scored, and the films your closest critics would have you see next."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Static

from kinolog.db.critics import MIN_SHARED, CriticAgreement, CriticsReport, critics_report
from kinolog.db.errors import KinologError
from kinolog.db.models import FilmRef
from kinolog.db.ratings import stars
from kinolog.tui.screens.base import KinologScreen
from kinolog.tui.widgets.labels import MUTED, literal


class CriticsScreen(KinologScreen):
    """Critics ranked by agreement with your ratings (from three films you both scored),
    the films the highlighted critic and you both scored, and recommendations.

    Tab moves between the three tables; Enter opens a film, ``r`` rates it, ``w`` puts it
    on the watchlist.
    """

    OPENED_BY = "critics"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_film", "Open film", id="critics.open"),
        Binding("r", "app.rate", "Rate", id="critics.rate"),
        Binding("w", "app.toggle_watchlist", "Watchlist", id="critics.watchlist"),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012 (see Screen)

    def __init__(self) -> None:
        super().__init__()
        self.report = CriticsReport()

    def compose(self) -> ComposeResult:
        """Summary, critics beside their shared films, recommendations."""
        yield Header()
        yield Static("", id="critics-summary", markup=False)
        with Horizontal(id="critics-top"):
            yield DataTable(id="critics-table", cursor_type="row", zebra_stripes=True)
            with Vertical(id="critics-shared-pane"):
                yield Static("", id="critics-shared-title", markup=False)
                yield DataTable(id="critics-shared", cursor_type="row")
        yield Static("", id="critics-picks-title", markup=False)
        yield DataTable(id="critics-picks", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        """Columns, then the report (computed in a thread)."""
        self.title = "Critics who agree with you"
        for label in ("Critic", "Films", "Agree", "Kinder", "r"):
            self.table("critics-table").add_column(label, key=label)
        for label in ("Film", "You", "Critic"):
            self.table("critics-shared").add_column(label, key=label)
        for label in ("Score", "Film", "From", "Watchlist"):
            self.table("critics-picks").add_column(label, key=label)
        self.load()
        self.table("critics-table").focus()

    def table(self, name: str) -> DataTable[Text]:
        """One of the three tables, by id."""
        return self.query_one(f"#{name}", DataTable)

    @work(thread=True, exclusive=True, group="critics", exit_on_error=False)
    def load(self) -> None:
        """Compare every critic with the diary (in a thread), then show."""
        report = critics_report(self.kapp.diary, self.kapp.catalogue)
        self.app.call_from_thread(self._loaded, report)

    def diary_changed(self) -> None:
        """Compare again: a rating changes the agreements."""
        self.load()

    def _loaded(self, report: CriticsReport) -> None:
        self.report = report
        summary = Text()
        if report.critics:
            summary.append(
                f"{len(report.critics)} critics share {MIN_SHARED}+ rated films with you"
            )
        else:
            summary.append(f"No critic shares {MIN_SHARED} rated films with you yet")
        if report.too_few:
            summary.append(f" · {report.too_few} share fewer", style=MUTED)
        summary.append(
            " · agree: 100 minus the mean difference (0-100) · kinder: their mean minus yours",
            style=MUTED,
        )
        used = f"\n{report.reviews_used} reviews compared"
        left = report.left_out_line()
        summary.append(used + (f" · {left}" if left else ""), style=MUTED)
        self.query_one("#critics-summary", Static).update(summary)
        critics = self.table("critics-table")
        row = critics.cursor_row
        critics.clear()
        for critic in report.critics:
            correlation = "" if critic.correlation is None else f"{critic.correlation:+.2f}"
            critics.add_row(
                literal(critic.critic),
                Text(str(len(critic.shared))),
                Text(f"{critic.agreement}%", style="bold"),
                Text(f"{critic.offset:+.0f}"),
                Text(correlation, style=MUTED),
            )
        if report.critics:
            critics.move_cursor(row=min(row, len(report.critics) - 1))
        self._show_shared()
        picks = self.table("critics-picks")
        picks.clear()
        for found in report.recommendations:
            picks.add_row(
                Text(str(found.score), style="bold"),
                literal(found.film.label),
                literal(", ".join(f"{name} {score}" for name, score in found.critics)),
                Text("on it" if found.on_watchlist else "", style=MUTED),
            )
        title = Text("Films you have not seen that your closest critics scored highly", "bold")
        if not report.recommendations:
            title.append("\nnone yet", style=MUTED)
        self.query_one("#critics-picks-title", Static).update(title)

    @property
    def critic(self) -> CriticAgreement | None:
        """The highlighted critic."""
        critics = self.report.critics
        if not critics:
            return None
        return critics[min(self.table("critics-table").cursor_row, len(critics) - 1)]

    @on(DataTable.RowHighlighted, "#critics-table")
    def _critic_highlighted(self) -> None:
        self._show_shared()

    def _show_shared(self) -> None:
        critic = self.critic
        shared = self.table("critics-shared")
        shared.clear()
        title = Text("Films you both scored", style="bold")
        if critic is not None:
            title.append(" · ")
            title.append_text(literal(critic.critic))
            for film in sorted(critic.shared, key=lambda s: (-abs(s.theirs - s.yours), s.label)):
                shared.add_row(
                    literal(film.label),
                    Text(stars(film.yours // 10)),
                    Text(f"{film.theirs}/100"),
                )
        self.query_one("#critics-shared-title", Static).update(title)

    def _film_id(self) -> int | None:
        """The catalogue id of the film highlighted in the focused table, if any."""
        focused = self.focused
        if focused is self.table("critics-picks") and self.report.recommendations:
            picks = self.report.recommendations
            return picks[min(self.table("critics-picks").cursor_row, len(picks) - 1)].film.id
        critic = self.critic
        if focused is self.table("critics-shared") and critic is not None:
            ordered = sorted(critic.shared, key=lambda s: (-abs(s.theirs - s.yours), s.label))
            return ordered[min(self.table("critics-shared").cursor_row, len(ordered) - 1)].film_id
        return None

    def film_to_rate(self) -> FilmRef | None:
        """The highlighted recommendation or shared film."""
        film_id = self._film_id()
        if film_id is None:
            return None
        try:
            return FilmRef.of(self.kapp.catalogue.get_film(film_id))
        except KinologError:
            return None

    @on(DataTable.RowSelected, "#critics-shared")
    @on(DataTable.RowSelected, "#critics-picks")
    def _row_selected(self) -> None:
        self.action_open_film()

    def action_open_film(self) -> None:
        """Open the highlighted film."""
        film_id = self._film_id()
        if film_id is not None:
            self.kapp.open_film(film_id)
