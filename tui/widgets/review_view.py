"""A review laid out for reading: a fixed header, then headline, verdict and text blocks.

Used by the reader (one view) and by the compare screen (two views side by side). Finding in
the text highlights every hit and scrolls to the current one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from kinolog.db.models import Film, Review
from kinolog.db.text import visible
from kinolog.tui.widgets.labels import MUTED, film_label, review_byline

HIT_STYLE = "reverse"
HEADING_MAX = 60
CURRENT_HIT_STYLE = "bold reverse underline"


@dataclass(frozen=True)
class Block:
    """One block of review text: ``kind`` is ``headline``, ``verdict``, ``heading`` or ``text``."""

    kind: str
    text: str


def review_blocks(review: Review) -> list[Block]:
    """The review as display blocks: headline, verdict, then the body split at blank lines.

    A body block starting with ``## `` is a heading. All text has passed :func:`visible`.
    """
    blocks: list[Block] = []
    if review.headline:
        blocks.append(Block("headline", visible(review.headline.strip())))
    if review.summary:
        blocks.append(Block("verdict", visible(review.summary.strip())))
    for chunk in re.split(r"\n\s*\n", review.body or ""):
        chunk = chunk.strip()
        if not chunk:
            continue
        if chunk.startswith("## "):
            blocks.append(Block("heading", visible(chunk[3:].strip())))
        elif _looks_like_heading(chunk):
            blocks.append(Block("heading", visible(chunk)))
        else:
            blocks.append(Block("text", visible(chunk)))
    return blocks


def _looks_like_heading(chunk: str) -> bool:
    """A short single line without closing punctuation: a section title of a saved page."""
    return "\n" not in chunk and len(chunk) <= HEADING_MAX and chunk[-1] not in '.!?:;,…"“”»«)'


def header_text(review: Review, film: Film | None) -> Text:
    """Two lines: film and year; source, author, language and score."""
    text = film_label(film)
    text.stylize("bold")
    text.append("\n")
    text.append_text(review_byline(review))
    return text


class ReviewHeader(Static):
    """The header of a review: film, source, author, score. A click posts :class:`Clicked`."""

    @dataclass
    class Clicked(Message):
        """The header was clicked (the compare screen opens the picker for its pane)."""

        header: ReviewHeader

    def on_click(self, event: events.Click) -> None:
        """Tell the screen."""
        event.stop()
        self.post_message(self.Clicked(self))


class ReviewBody(VerticalScroll):
    """The scrolling text of a review; posts :class:`Scrolled` when the user scrolls it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "page_down", "Page down", show=False, id="review.page_down"),
        Binding("shift+space,b", "page_up", "Page up", show=False, id="review.page_up"),
    ]

    @dataclass
    class Scrolled(Message):
        """The body scrolled to ``fraction`` (0-1) of its height."""

        body: ReviewBody
        fraction: float

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._echo: float | None = None

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Post the new position, except for positions set by :meth:`follow`."""
        super().watch_scroll_y(old_value, new_value)
        if self._echo is not None and abs(new_value - self._echo) < 1:
            self._echo = None
            return
        fraction = new_value / self.max_scroll_y if self.max_scroll_y else 0.0
        self.post_message(self.Scrolled(self, fraction))

    def follow(self, fraction: float) -> None:
        """Scroll to the same fraction as another body (synchronised scrolling)."""
        target = round(max(0.0, min(1.0, fraction)) * self.max_scroll_y)
        if abs(target - self.scroll_y) >= 1:
            self._echo = target
            self.scroll_to(y=target, animate=False)


class ReviewView(Vertical):
    """A review: header on top, the text below it at a comfortable, centred width.

    Args:
        width: the text column width in cells (the reader width setting).
    """

    DEFAULT_CSS = """
    ReviewView { height: 1fr; }
    ReviewView .review-header {
        height: auto; padding: 0 2; background: $boost; border-bottom: solid $primary;
    }
    ReviewView .review-body { height: 1fr; align-horizontal: center; }
    ReviewView .review-body:focus { background-tint: $foreground 3%; }
    ReviewView .review-column { height: auto; max-width: 100%; padding: 1 2; }
    ReviewView .block { margin-bottom: 1; }
    ReviewView .block-headline { text-style: bold; color: $accent; }
    ReviewView .block-heading { text-style: bold; color: $primary; }
    ReviewView .block-verdict { border-left: thick $accent; padding: 0 1; background: $boost; }
    """

    def __init__(self, *, width: int = 88, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text_width = width
        self.review: Review | None = None
        self.film: Film | None = None
        self.blocks: list[Block] = []
        self.hits: list[tuple[int, int, int]] = []  # (block, start, end)
        self.hit_index = -1
        self._needle = ""

    def compose(self) -> ComposeResult:
        """Header and scrolling body."""
        yield ReviewHeader("", markup=False, classes="review-header")
        with ReviewBody(classes="review-body"):
            yield Vertical(classes="review-column")

    @property
    def body(self) -> ReviewBody:
        """The scrolling part."""
        return self.query_one(ReviewBody)

    async def show(self, review: Review | None, film: Film | None) -> None:
        """Show a review (None: an empty pane with a hint)."""
        self.review, self.film = review, film
        self.hits, self.hit_index, self._needle = [], -1, ""
        header = self.query_one(ReviewHeader)
        column = self.query_one(".review-column", Vertical)
        column.styles.width = self.text_width
        await column.remove_children()
        if review is None:
            self.blocks = []
            header.update(Text("No review here: press o to pick one", style=MUTED))
            return
        header.update(header_text(review, film))
        self.blocks = review_blocks(review)
        await column.mount_all(
            Static(self._render_block(i), markup=False, classes=f"block block-{block.kind}")
            for i, block in enumerate(self.blocks)
        )
        self.body.scroll_home(animate=False)

    def _render_block(self, index: int) -> Text:
        block = self.blocks[index]
        text = Text(block.text)
        if block.kind == "verdict":
            text = Text.assemble(("Verdict  ", "bold"), text)
            offset = len("Verdict  ")
        else:
            offset = 0
        for number, (hit_block, start, end) in enumerate(self.hits):
            if hit_block == index:
                style = CURRENT_HIT_STYLE if number == self.hit_index else HIT_STYLE
                text.stylize(style, start + offset, end + offset)
        return text

    def _refresh_blocks(self, indexes: set[int]) -> None:
        statics = list(self.query(".block").results(Static))
        for index in indexes:
            if 0 <= index < len(statics):
                statics[index].update(self._render_block(index))

    def find(self, needle: str) -> int:
        """Highlight every case-insensitive occurrence of ``needle``; returns how many.

        The first hit becomes current and is scrolled into view.
        """
        touched = {block for block, _, _ in self.hits}
        self._needle = needle
        self.hits = []
        if needle:
            pattern = re.compile(re.escape(needle), re.IGNORECASE)
            for index, block in enumerate(self.blocks):
                self.hits += [(index, m.start(), m.end()) for m in pattern.finditer(block.text)]
        self.hit_index = 0 if self.hits else -1
        self._refresh_blocks(touched | {block for block, _, _ in self.hits})
        self._scroll_to_hit()
        return len(self.hits)

    def next_hit(self, step: int) -> tuple[int, int]:
        """Make the next (``step=1``) or previous (``-1``) hit current; ``(number, count)``."""
        if not self.hits:
            return 0, 0
        old = self.hits[self.hit_index][0]
        self.hit_index = (self.hit_index + step) % len(self.hits)
        self._refresh_blocks({old, self.hits[self.hit_index][0]})
        self._scroll_to_hit()
        return self.hit_index + 1, len(self.hits)

    def _scroll_to_hit(self) -> None:
        if self.hit_index < 0:
            return
        block_index, start, _ = self.hits[self.hit_index]
        statics = list(self.query(".block").results(Static))
        if block_index >= len(statics):
            return
        target = statics[block_index]

        def scroll() -> None:
            # Which wrapped line of the block holds the hit: roughly chars / width (enough to
            # bring the line into view).
            width = max(1, target.content_region.width or self.text_width)
            line = start // width
            top = target.virtual_region.y + line - self.body.scrollable_content_region.height // 3
            self.body.scroll_to(y=max(0, top), animate=False)

        self.call_after_refresh(scroll)
