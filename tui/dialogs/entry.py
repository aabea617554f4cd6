"""The rating dialog: a diary entry's rating, date, rewatch, like, tags and note.

Used to rate a film (a new viewing) and to edit an entry; the caller writes the diary with
the :class:`EntryResult` it gets back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Checkbox, Footer, Input, Label, Static

from kinolog.db.diary.values import check_watched, clean_tags, join_tags, parse_watched, split_tags
from kinolog.db.errors import InvalidValue
from kinolog.db.models import DiaryEntry
from kinolog.tui.widgets.labels import literal
from kinolog.tui.widgets.search_box import InOrderInput, after_keys_typed
from kinolog.tui.widgets.star_rating import StarRating


@dataclass(frozen=True)
class EntryResult:
    """What the dialog returns: every field of a diary entry the user can set, and whether
    to take the film off the watchlist (offered when it is on it)."""

    rating: int | None
    watched: str | None
    rewatch: bool
    liked: bool
    tags: tuple[str, ...]
    note: str | None
    off_watchlist: bool = False

    def fields(self) -> dict[str, Any]:
        """The values as keyword arguments of ``Diary.log_viewing`` and ``Diary.edit_entry``."""
        fields = asdict(self)
        del fields["off_watchlist"]
        return fields


class TagSuggester(Suggester):
    """Completes the tag being typed (after the last comma) from tags used before."""

    def __init__(self, tags: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = list(tags)

    async def get_suggestion(self, value: str) -> str | None:
        """The value with its last tag completed, or None."""
        stem = value.rpartition(",")[2].lstrip()
        if not stem:
            return None
        for tag in self.tags:
            if len(tag) > len(stem) and tag.casefold().startswith(stem.casefold()):
                return value + tag[len(stem) :]
        return None


class EntryModal(ModalScreen[EntryResult | None]):
    """Rate a film or edit a diary entry.

    With the stars focused: ``1``-``9`` and ``0`` set ½ to 5 stars, Left/Right step half a
    star, ``-`` means no rating, ``l`` likes. Tab moves through date, rewatch, like, tags
    (completed from tags used before: Right accepts) and note. Enter saves, Escape cancels.
    When the film is on the watchlist the dialog offers to take it off (``w`` toggles).

    Args:
        label: the film, as ``Title (Year)``.
        entry: the entry to edit; None to log a new viewing.
        rating: the rating to start a new viewing from (the film's current one).
        rewatch: whether a new viewing starts marked as a rewatch.
        known_tags: tags used before, most used first.
        on_watchlist: the film is on the watchlist: offer to take it off (checked).
        year: the film's year: a watched date much earlier is refused here, before saving.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="entry.cancel"),
        Binding("enter", "save", "Save", id="entry.save", priority=True),
        Binding("left", "step(-1)", "½ star less", show=False, id="entry.less"),
        Binding("right", "step(1)", "½ star more", show=False, id="entry.more"),
        Binding("minus", "clear", "No rating", show=False, id="entry.clear"),
        Binding("l", "tick('#entry-like')", "Like", show=False, id="entry.like"),
        Binding(
            "w",
            "tick('#entry-off-watchlist')",
            "Off the watchlist",
            show=False,
            id="entry.watchlist",
        ),
    ]

    def __init__(
        self,
        label: str,
        *,
        entry: DiaryEntry | None = None,
        rating: int | None = None,
        rewatch: bool = False,
        known_tags: Sequence[str] = (),
        on_watchlist: bool = False,
        year: int | None = None,
    ) -> None:
        super().__init__()
        self.on_watchlist = on_watchlist
        self.label = label
        self.year = year if year is not None else (entry.film.year if entry else None)
        self.entry = entry
        self.start_rating = entry.rating if entry else rating
        self.start_rewatch = entry.rewatch if entry else rewatch
        self.known_tags = known_tags

    def compose(self) -> ComposeResult:
        """Title, stars, date, flags, tags, note, hint."""
        entry = self.entry
        with Vertical(id="entry-dialog"):
            title = Text("Edit " if entry else "Rate ", style="bold")
            title.append_text(literal(self.label))
            yield Static(title, markup=False, id="entry-title")
            stars = StarRating(id="entry-stars")
            stars.value = self.start_rating
            yield stars
            yield Label("Watched (YYYY-MM-DD; empty: unknown)")
            watched = (entry.watched or "") if entry else date.today().isoformat()
            yield InOrderInput(watched, id="entry-date", compact=True)
            with Horizontal(id="entry-flags"):
                yield Checkbox("Rewatch", self.start_rewatch, id="entry-rewatch", compact=True)
                yield Checkbox(
                    "Like ♥", entry.liked if entry else False, id="entry-like", compact=True
                )
            if self.on_watchlist:
                yield Checkbox(
                    "Take it off the watchlist (w)", True, id="entry-off-watchlist", compact=True
                )
            yield Label("Tags (comma-separated)")
            yield InOrderInput(
                join_tags(entry.tags) if entry else "",  # a comma inside a tag shows escaped
                id="entry-tags",
                suggester=TagSuggester(self.known_tags),
                compact=True,
            )
            yield Label("Note")
            yield InOrderInput((entry.note or "") if entry else "", id="entry-note", compact=True)
            yield Static(
                # Two lines cut where a reader would: one line wrapped mid-phrase at 64 wide.
                "1-9, 0 = ½-5 stars · ←/→ ½ star · - no rating · l like\n"
                "Tab next field · Enter save · Esc cancel",
                markup=False,
                id="entry-hint",
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Focus the stars, so digits rate at once."""
        self.stars.focus()

    @property
    def stars(self) -> StarRating:
        """The star widget."""
        return self.query_one("#entry-stars", StarRating)

    def action_step(self, step: int) -> None:
        """Half a star more or less (only reached when no text box has focus)."""
        current = self.stars.value or (0 if step > 0 else 11)
        self.stars.value = max(1, min(10, current + step))

    def action_tick(self, selector: str) -> None:
        """Tick or untick a checkbox (``l`` like, ``w`` off the watchlist) from the stars."""
        for box in self.query(selector).results(Checkbox):
            box.toggle()

    def action_clear(self) -> None:
        """A viewing without a rating."""
        self.stars.value = None

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._save()

    def action_save(self) -> None:
        """Check the date and return everything, as typed before Enter."""
        after_keys_typed(self, self._save)

    def _save(self) -> None:
        text = self.query_one("#entry-date", Input).value
        try:
            watched = parse_watched(text) if text.strip() else None
            check_watched(watched, self.year)
        except InvalidValue as error:
            self.notify(str(error), severity="error")
            self.query_one("#entry-date", Input).focus()
            return
        tags = clean_tags(split_tags(self.query_one("#entry-tags", Input).value))
        note = self.query_one("#entry-note", Input).value.strip() or None
        self.dismiss(
            EntryResult(
                rating=self.stars.value,
                watched=watched,
                rewatch=self.query_one("#entry-rewatch", Checkbox).value,
                liked=self.query_one("#entry-like", Checkbox).value,
                tags=tags,
                note=note,
                off_watchlist=any(
                    box.value for box in self.query("#entry-off-watchlist").results(Checkbox)
                ),
            )
        )
