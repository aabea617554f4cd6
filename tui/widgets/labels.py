"""Turning catalogue values into safe, short display text.

Every function here returns a :class:`rich.text.Text` built from :func:`kinolog.db.text.visible`
output, never a markup string: catalogue text is untrusted (a title may contain ``[bold]``,
``[@click=app.quit]``, an unclosed ``[`` or an escape sequence) and must show literally.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from kinolog.db.catalogue import ReviewStats
from kinolog.db.models import Film, Review
from kinolog.db.text import visible

MATCH_STYLE = "bold underline"
MUTED = "dim"
UNKNOWN = "—"


def literal(text: str | None, style: str = "") -> Text:
    """Untrusted text as a Text that shows every character literally (controls made visible)."""
    return Text(visible(text or ""), style=style)


def highlighted(text: str, positions: Sequence[int], style: str = MATCH_STYLE) -> Text:
    """``text`` with the characters at ``positions`` styled (the search match)."""
    shown = literal(text)
    for position in positions:
        if 0 <= position < len(shown):
            shown.stylize(style, position, position + 1)
    return shown


def names(values: Sequence[str], limit: int = 2) -> str:
    """A short list of names: ``A, B`` or ``A, B +3``."""
    shown = ", ".join(values[:limit])
    return shown + (f" +{len(values) - limit}" if len(values) > limit else "")


def critic_score(stats: ReviewStats | None) -> Text:
    """The critic score and how many scores it averages: ``72 (3)``; empty below
    :data:`~kinolog.db.catalogue.CRITIC_SCORE_MIN` scored reviews (the film page's rule)."""
    if stats is None or stats.critic_score is None:
        return Text("")
    return Text.assemble(str(stats.critic_score), (f" ({stats.scored})", MUTED))


def review_score(review: Review) -> Text:
    """A review's score as written with its 0-100 value: ``7 von 10 · 70``; ``—`` when none."""
    if review.score_text is None and review.score_100 is None:
        return Text(UNKNOWN, style=MUTED)
    shown = literal(review.score_text or "")
    if review.score_100 is not None:
        shown.append(f" · {review.score_100}", style=MUTED)
    return shown


def review_source(review: Review) -> Text:
    """Where a review comes from: its source, else its folder or file (dimmed), else ``—``."""
    if review.source:
        return literal(review.source)
    if review.shown_source:
        return literal(review.shown_source, MUTED)
    return Text(UNKNOWN, style=MUTED)


def review_byline(review: Review) -> Text:
    """Source, author, language and score on one line: ``Kino-Zeit · A. Muster · de · 7/10``."""
    text = Text()  # not review_source's Text: its base style (dim for a file name) would spread
    text.append_text(review_source(review))
    if review.author:
        text.append(" · ", style=MUTED)
        text.append_text(literal(review.author))
    if review.language:
        text.append(f" · {visible(review.language)}", style=MUTED)
    text.append(" · ", style=MUTED)
    text.append_text(review_score(review))
    return text


def first_words(text: str | None, length: int = 60) -> str:
    """The start of a text on one line, headings left out, cut at a word with an ellipsis."""
    lines = [line for line in (text or "").splitlines() if not line.lstrip().startswith("#")]
    flat = " ".join(" ".join(lines).split())
    if len(flat) <= length:
        return flat
    cut = flat[:length].rsplit(" ", 1)[0]
    return cut + "…"


def film_label(film: Film | None) -> Text:
    """``Title (Year)`` of a film, or ``(no film yet)``."""
    if film is None:
        return Text("(no film yet)", style=MUTED)
    return literal(film.label)
