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
from kinolog.db.text import fold, strip_accents, visible
from kinolog.tui.widgets.labels import MUTED, film_label, names, review_byline

HIT_STYLE = "reverse"
HEADING_MAX = 60
CURRENT_HIT_STYLE = "bold reverse underline"
WHEEL_LINES = 3
VERDICT_LABELS = {"de": "Fazit", "en": "Verdict", "fr": "En bref", "es": "Veredicto"}
"""The verdict's label in the review's own language; other languages get none (the bar
beside the verdict marks it)."""


@dataclass(frozen=True)
class Block:
    """One block of review text: ``kind`` is ``headline``, ``verdict``, ``heading`` or ``text``."""

    kind: str
    text: str


def review_blocks(review: Review, film: Film | None = None) -> list[Block]:
    """The review as display blocks: headline, verdict, then the body split at blank lines.

    A body block starting with ``## `` is a heading. A headline or first heading that only
    repeats the film's title (with or without its year) is left out: the header names the
    film already. All text has passed :func:`visible`.
    """
    blocks: list[Block] = []
    titles = _titles(film)
    if review.headline and fold(review.headline) not in titles:
        blocks.append(Block("headline", visible(review.headline.strip())))
    if review.summary:
        blocks.append(Block("verdict", visible(review.summary.strip())))
    for chunk in re.split(r"\n\s*\n", review.body or ""):
        chunk = chunk.strip()
        if not chunk:
            continue
        if len(blocks) <= 1 and "\n" not in chunk and fold(chunk.lstrip("#")) in titles:
            continue  # the page's own title line, before any text
        if chunk.startswith("## "):
            blocks.append(Block("heading", visible(chunk[3:].strip())))
        elif _looks_like_heading(chunk):
            blocks.append(Block("heading", visible(chunk)))
        else:
            blocks.append(Block("text", visible(chunk)))
    return blocks


def _titles(film: Film | None) -> set[str]:
    """The folded ways a page writes its film's title at the top: ``Solaris (1972)``..."""
    if film is None:
        return set()
    names_ = [film.title, film.original_title or "", *film.titles]
    found = {fold(name) for name in names_ if name}
    if film.year:
        found |= {f"{name} {film.year}" for name in list(found)}
    return found - {""}


def verdict_label(review: Review) -> str:
    """``Fazit`` for a German review, ``Verdict`` for an English one, none for others."""
    return VERDICT_LABELS.get((review.language or "").casefold(), "")


def find_folded(text: str, needle: str) -> list[tuple[int, int]]:
    """Where ``needle`` occurs in ``text``, as search matches: case, accents and umlauts
    folded (``uberzeugen`` finds "überzeugen", ``strasse`` "Straße"); offsets into ``text``."""
    target = _fold_chars(needle)[0]
    if not target:
        return []
    folded, origin = _fold_chars(text)
    found: list[tuple[int, int]] = []
    start = folded.find(target)
    while start >= 0:
        end = start + len(target)
        found.append((origin[start], origin[end - 1] + 1))
        start = folded.find(target, end)
    return found


def _fold_chars(text: str) -> tuple[str, list[int]]:
    """``text`` folded character by character, with the offset each folded one came from."""
    chars: list[str] = []
    origin: list[int] = []
    for offset, char in enumerate(text):
        for out in strip_accents(char).casefold():
            chars.append(out)
            origin.append(offset)
    return "".join(chars), origin


def _looks_like_heading(chunk: str) -> bool:
    """A short single line without closing punctuation: a section title of a saved page."""
    return "\n" not in chunk and len(chunk) <= HEADING_MAX and chunk[-1] not in '.!?:;,…"“”»«)'


def header_text(review: Review, film: Film | None, *, with_film: bool = True) -> Text:
    """Film, year and director (so two films of one title differ); then source, author,
    language and score. Without the film line when the screen's title names it already."""
    if not with_film:
        return review_byline(review)
    text = film_label(film)
    text.stylize("bold")
    if film is not None and film.directors:
        text.append(" · ", style=MUTED)
        text.append_text(Text(visible(names(film.directors, 2))))
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
    """The scrolling text of a review; posts :class:`Moved` for each move the user makes.

    The reading keys (as in less) and the mouse wheel move without animation; in Compare,
    with synchronised scrolling on, the other pane makes the same move.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move('lines', 1)", "Line down", show=False, id="review.line_down"),
        Binding("up", "move('lines', -1)", "Line up", show=False, id="review.line_up"),
        Binding(
            "space,pagedown", "move('pages', 1)", "Page down", show=False, id="review.page_down"
        ),
        Binding(
            "b,shift+space,pageup", "move('pages', -1)", "Page up", show=False, id="review.page_up"
        ),
        Binding("home", "move('end', -1)", "Top", show=False, id="review.top"),
        Binding("end", "move('end', 1)", "End", show=False, id="review.end"),
    ]

    @dataclass
    class Moved(Message):
        """The user moved the text: ``how`` is ``lines``, ``pages`` or ``end``; ``step``
        is how many, negative upwards (for ``end``: -1 the top, 1 the end)."""

        body: ReviewBody
        how: str
        step: int

    @property
    def fraction(self) -> float:
        """How far down the text is scrolled: 0 at the top, 1 at the end."""
        return min(1.0, self.scroll_y / self.max_scroll_y) if self.max_scroll_y else 0.0

    def action_move(self, how: str, step: int) -> None:
        """Make a reading move and tell the screen (the other pane may follow)."""
        self.move(how, step)
        self.post_message(self.Moved(self, how, step))

    def move(self, how: str, step: int) -> None:
        """Scroll by lines, by pages (keeping one line of the last page), or to an end."""
        target: float
        if how == "end":
            target = self.max_scroll_y if step > 0 else 0
        elif how == "pages":
            target = self.scroll_y + step * max(1, self.scrollable_content_region.height - 1)
        else:
            target = self.scroll_y + step
        self.scroll_to(y=max(0, min(target, self.max_scroll_y)), animate=False, immediate=True)

    def _on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.focus()  # the pane the wheel scrolls leads
        self.action_move("lines", WHEEL_LINES)

    def _on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.focus()
        self.action_move("lines", -WHEEL_LINES)

    def follow(self, fraction: float) -> None:
        """Scroll to the same relative position as another body (sync turned on)."""
        target = round(max(0.0, min(1.0, fraction)) * self.max_scroll_y)
        self.scroll_to(y=target, animate=False, immediate=True)


class ReviewView(Vertical):
    """A review: header on top, the text below it at a comfortable, centred width.

    The text column is as wide as the view, at most ``width`` cells, so it reflows when the
    terminal (or a compare pane) is resized.

    Args:
        width: the widest text column in cells (the reader width setting).
        with_film: whether the header names the film (compare) or only the review (the
            reader, whose title names the film).
    """

    DEFAULT_CSS = """
    ReviewView { height: 1fr; }
    ReviewView .review-header {
        height: auto; padding: 0 2; background: $boost; border-bottom: solid $primary;
    }
    ReviewView .review-body { height: 1fr; align-horizontal: center; }
    ReviewView .review-body:focus { background-tint: $foreground 3%; }
    ReviewView .review-column { height: auto; width: 100%; padding: 1 2; }
    ReviewView .block { margin-bottom: 1; }
    ReviewView .block-headline { text-style: bold; color: $accent; }
    ReviewView .block-heading { text-style: bold; color: $primary; }
    ReviewView .block-verdict { border-left: thick $accent; padding: 0 1; background: $boost; }
    """

    def __init__(self, *, width: int = 88, with_film: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text_width = width
        self.with_film = with_film
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
        column.styles.max_width = self.text_width + 4  # the padding comes on top
        await column.remove_children()
        if review is None:
            self.blocks = []
            header.update(Text("No review here: press o to pick one", style=MUTED))
            return
        header.update(header_text(review, film, with_film=self.with_film))
        self.blocks = review_blocks(review, film)
        await column.mount_all(
            Static(self._render_block(i), markup=False, classes=f"block block-{block.kind}")
            for i, block in enumerate(self.blocks)
        )
        self.body.scroll_home(animate=False)

    def _render_block(self, index: int) -> Text:
        block = self.blocks[index]
        text = Text(block.text)
        label = verdict_label(self.review) if self.review and block.kind == "verdict" else ""
        offset = len(label) + 2 if label else 0
        if label:
            text = Text.assemble((f"{label}  ", "bold"), text)
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
        """Highlight every occurrence of ``needle`` (case, accents and umlauts folded, as
        search does); returns how many. The first hit becomes current and is scrolled into view.
        """
        touched = {block for block, _, _ in self.hits}
        self._needle = needle
        self.hits = []
        if needle:
            for index, block in enumerate(self.blocks):
                self.hits += [(index, s, e) for s, e in find_folded(block.text, needle)]
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
