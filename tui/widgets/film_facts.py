"""The facts of a film as a block of label/value lines, plus the critic score aggregate."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.table import Table
from rich.text import Text

from kinolog.db.catalogue import CRITIC_SCORE_MIN, ReviewStats
from kinolog.db.models import DiaryEntry, Film, WatchlistItem
from kinolog.tui.widgets.labels import MUTED, UNKNOWN, literal

CAST_SHOWN = 8


def _line(grid: Table, label: str, value: str | Sequence[str] | None) -> None:
    shown = (value or "") if isinstance(value, str) or value is None else ", ".join(value)
    if shown:
        grid.add_row(Text(label, style=MUTED), literal(shown))


def facts_text(film: Film) -> Group:
    """Title and year, then other titles, countries, runtime, genres and people as a grid."""
    title = literal(film.title, "bold")
    if film.year:
        title.append(f" ({film.year})", style="bold")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    others = [t for t in (film.original_title, *film.titles) if t and t != film.title]
    _line(grid, "Original", film.original_title if film.original_title != film.title else None)
    _line(grid, "Also", [t for t in dict.fromkeys(others) if t != film.original_title])
    _line(grid, "Country", film.countries)
    _line(grid, "Runtime", f"{film.runtime} min" if film.runtime else None)
    _line(grid, "Genres", film.genres)
    _line(grid, "Directed by", film.directors)
    _line(grid, "Written by", film.writers)
    cast = list(film.cast[:CAST_SHOWN])
    if len(film.cast) > CAST_SHOWN:
        cast.append(f"+{len(film.cast) - CAST_SHOWN} more")
    _line(grid, "Cast", cast)
    return Group(title, grid)


def score_text(stats: ReviewStats | None) -> Text:
    """The critic score aggregate: the mean only from two scored reviews on."""
    if stats is None or stats.reviews == 0:
        return Text("No reviews yet", style=MUTED)
    reviews = f"{stats.reviews} review{'s' * (stats.reviews != 1)}"
    if stats.critic_score is None:
        scored = f"{stats.scored} with a score" if stats.scored else "none with a score"
        return Text(f"{reviews} · {scored} (a critic score needs {CRITIC_SCORE_MIN})", style=MUTED)
    return Text.assemble(
        ("Critics ", MUTED),
        (f"{stats.critic_score}/100", "bold"),
        (f"  mean of {stats.scored} scores · {reviews}", MUTED),
    )


def diary_text(entries: Sequence[DiaryEntry], watch: WatchlistItem | None = None) -> Text:
    """This film's diary entries, newest first, one per line; whether it is liked and on the
    watchlist above them."""
    marks = Text()
    if any(entry.liked for entry in entries):
        marks.append("♥ liked", style="bold")
    if watch is not None:
        if marks:
            marks.append(" · ", style=MUTED)
        marks.append("On your watchlist", style="bold")
        marks.append(f" since {watch.added}" if watch.added else " (date unknown)", style=MUTED)
        if watch.note:
            marks.append(" · ", style=MUTED)
            marks.append_text(literal(watch.note))
    if marks:
        marks.append("\n")
    if not entries:
        return marks + Text("Not in your diary yet: press r to rate it", style=MUTED)
    text = marks + Text("Your diary", style="bold")
    for entry in entries:
        text.append(f"\n{entry.watched or 'date unknown':<12}", style=MUTED)
        text.append(entry.stars or "watched, no rating")
        if entry.rewatch:
            text.append(" · rewatch", style=MUTED)
        if entry.liked:
            text.append(" · ♥")
        if entry.tags:
            text.append(" · ", style=MUTED)
            text.append_text(literal(", ".join(entry.tags)))
        if entry.note:
            text.append(" · ", style=MUTED)
            text.append_text(literal(entry.note))
    return text or Text(UNKNOWN)
