"""A saved page as lines, each with a kind (text, metadata, furniture ...).

The parser's steps each mark the lines they recognise; what is still BODY at the end is the review.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["BLANK", "BODY", "FURNITURE", "HEADLINE", "LABEL", "META", "SUMMARY", "Page"]

BODY, BLANK, META, FURNITURE, SUMMARY, HEADLINE, LABEL = (
    "body",
    "blank",
    "meta",
    "furniture",
    "summary",
    "headline",
    "label",
)


@dataclass
class Page:
    """The lines of a page and what each line is.

    Attributes:
        lines: Stripped lines (blank lines are "").
        kinds: One kind per line (BODY, BLANK, META ...).
        labels: For LABEL lines (story-review layout): the label and the text after it.
    """

    lines: list[str]
    kinds: list[str] = field(default_factory=list)
    labels: dict[int, tuple[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.kinds:
            self.kinds = [BODY if line else BLANK for line in self.lines]

    def blocks(self) -> list[list[int]]:
        """Indexes of runs of non-blank lines (the page's blocks, as the blank lines cut them)."""
        blocks: list[list[int]] = []
        current: list[int] = []
        for index, line in enumerate(self.lines):
            if line:
                current.append(index)
            elif current:
                blocks.append(current)
                current = []
        if current:
            blocks.append(current)
        return blocks

    def mark(self, indexes: list[int] | tuple[int, ...] | range, kind: str) -> None:
        """Set the kind of some lines."""
        for index in indexes:
            self.kinds[index] = kind
