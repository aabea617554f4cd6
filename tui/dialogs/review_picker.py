"""A picker listing every review of every film, filtered fuzzily by film, source or author."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rapidfuzz import fuzz, process, utils
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from kinolog.db.models import Film, Review
from kinolog.tui.widgets.labels import first_words, literal, review_byline

SHOWN = 200
MIN_SCORE = 55


def review_choice(review: Review, film: Film | None) -> Text:
    """One line of the picker: film, source, author, language, score."""
    text = literal(film.label if film else "(no film yet)", "bold")
    text.append("  ")
    text.append_text(review_byline(review))
    return text


def search_key(review: Review, film: Film | None) -> str:
    """What the filter matches against: titles, source, author, language, first words."""
    titles: list[str] = []
    if film is not None:
        titles = [film.title, film.original_title or "", *film.titles, str(film.year or "")]
    parts = [*titles, review.shown_source or "", review.author or "", review.language or ""]
    parts.append(first_words(review.summary or review.body, 40))
    return " ".join(part for part in parts if part)


class ReviewPickerModal(ModalScreen[int | None]):
    """Choose a review: type to filter (typos allowed), Enter picks, Escape cancels.

    Args:
        reviews: every review with its film.
        title: what the picker is for, e.g. "Review for the left pane".
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("enter", "pick", "Pick", id="picker.pick", priority=True),
        Binding("down", "move(1)", "Next", show=False, priority=True, id="picker.next"),
        Binding("up", "move(-1)", "Previous", show=False, priority=True, id="picker.previous"),
    ]

    def __init__(self, reviews: Sequence[tuple[Review, Film | None]], title: str) -> None:
        super().__init__()
        self.reviews = list(reviews)
        self.heading = title
        self.keys = [utils.default_process(search_key(r, f)) for r, f in self.reviews]

    def compose(self) -> ComposeResult:
        """Heading, filter box, list."""
        with Vertical(id="picker-dialog"):
            yield Static(self.heading, markup=False, id="picker-title")
            yield Input(placeholder="Filter by film, source or author…", id="picker-input")
            yield OptionList(id="picker-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """List everything; the filter box has focus."""
        self._fill("")
        self.query_one("#picker-input", Input).focus()

    def _fill(self, query: str) -> None:
        options = self.query_one("#picker-list", OptionList)
        options.clear_options()
        if query.strip():
            found = process.extract(
                utils.default_process(query),
                self.keys,
                scorer=fuzz.WRatio,
                processor=None,
                limit=SHOWN,
                score_cutoff=MIN_SCORE,
            )
            indexes = [index for _, _, index in found]
        else:
            indexes = list(range(min(SHOWN, len(self.reviews))))
        options.add_options(
            Option(review_choice(*self.reviews[i]), id=str(self.reviews[i][0].id)) for i in indexes
        )
        if indexes:
            options.highlighted = 0

    @on(Input.Changed, "#picker-input")
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#picker-input")
    def _submitted(self) -> None:
        self.action_pick()

    def action_pick(self) -> None:
        """Pick the highlighted review."""
        options = self.query_one("#picker-list", OptionList)
        if options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            self.dismiss(int(option.id or 0))

    @on(OptionList.OptionSelected, "#picker-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_move(self, step: int) -> None:
        """Move the highlight while the filter box keeps focus."""
        options = self.query_one("#picker-list", OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else -1
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
