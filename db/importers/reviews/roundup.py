"""Round-ups: one post that reviews several films, a heading per film.

"Review-Rundumschlag: Dezember 2013" with ``## Gravity``, ``## Only God Forgives``, ``## Oldboy``,
each followed by its own credits and score; a saved page "Three visitors" with ``## Solaris
(2002)``, ``## Arrival (2016)`` ... A heading starts a film's part when the part has credits or a
score of its own and the heading reads as a title; a post with two such parts or more is a
round-up. The post's introduction belongs to no film, and neither does what follows the last
part's score (the sign-off, "Next weekend: ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kinolog.db.importers.reviews.credit_line import parse_credit_line
from kinolog.db.importers.reviews.fields import find_credit_lines
from kinolog.db.importers.reviews.scores import find_marked_score

__all__ = ["Part", "split_roundup"]

# A Markdown heading, or a line in bold without a colon or a slash ("**Thief (1981)**", not
# "**Wertung: 8/10**" or "**7/10**").
_HEADING = re.compile(
    r"^(?P<marks>#{1,6})\s+(?P<text>.+?)\s*#*$|^(?P<bold>\*\*|__)(?P<btext>[^*_:/]{1,80})(?P=bold)$"
)
_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
# Section headings of one review, never a film's title.
_SECTION_WORDS = re.compile(
    r"^(?:fazit|eindruck|handlung|inhalt|story|plot|kritik|review|meinung|wertung|bewertung"
    r"|verdict|conclusion|summary|synopsis|cast|besetzung|credits|trailer|bilder|fotos"
    r"|hintergrund|background|die darsteller|the cast|spoiler|update|nachtrag)\b",
    re.I,
)
_MAX_HEADING_WORDS = 10
_MIN_PARTS = 2


@dataclass(frozen=True)
class Part:
    """One film's part of a round-up: its heading and its text (without the heading)."""

    heading: str
    text: str


def split_roundup(text: str) -> list[Part] | None:
    """Split a round-up post into one part per film.

    Args:
        text: The post's text (front matter already taken off).

    Returns:
        The parts, in order, or None when the post is not a round-up.
    """
    lines = text.split("\n")
    headings = [(i, level, h) for i, line in enumerate(lines) if (found := _heading(line.strip()))
                for level, h in [found]]  # fmt: skip
    best: list[tuple[str, list[str], int | None]] = []
    for level in sorted({level for _, level, _ in headings}):
        parts = _parts_at(lines, headings, level)
        if len(parts) > len(best):
            best = parts
    if len(best) < _MIN_PARTS:
        return None
    last_heading, last_lines, last_score = best[-1]
    if last_score is not None:
        best[-1] = (last_heading, last_lines[: last_score + 1], last_score)
    return [Part(heading, "\n".join(section).strip()) for heading, section, _ in best]


def _parts_at(
    lines: list[str], headings: list[tuple[int, int, str]], level: int
) -> list[tuple[str, list[str], int | None]]:
    """The film parts headed at one heading level: a title heading over credits or a score.

    A part runs to the next heading of the same or a higher level, or to a horizontal rule.
    """
    parts: list[tuple[str, list[str], int | None]] = []
    for number, (index, heading_level, heading) in enumerate(headings):
        if heading_level != level:
            continue
        end = next((i for i, lvl, _ in headings[number + 1 :] if lvl <= level), len(lines))
        section = lines[index + 1 : end]
        rule = next((i for i, line in enumerate(section) if _RULE.match(line.strip())), None)
        if rule is not None:
            section = section[:rule]
        stripped = [line.strip() for line in section]
        score = find_marked_score(stripped)
        has_credits = bool(find_credit_lines(stripped)) or any(
            parse_credit_line(line) for line in stripped if 20 < len(line) < 400
        )
        if _is_title_heading(heading) and (has_credits or score is not None):
            parts.append((heading, section, max(score.lines) if score and score.lines else None))
    return parts


def _heading(line: str) -> tuple[int, str] | None:
    """The level and text of a Markdown heading or a bold-only line (level 7), else None."""
    match = _HEADING.match(line)
    if match is None:
        return None
    text = (match.group("text") or match.group("btext") or "").strip().strip("*_").strip()
    if match.group("btext") and not any(char.isalpha() for char in text):
        return None  # "**8**", "**★★★★**": a score in bold
    level = len(match.group("marks")) if match.group("marks") else 7
    return (level, text) if text else None


def _is_title_heading(heading: str) -> bool:
    """A heading that can be a film's title: short, not a section word, not a sentence."""
    words = heading.split()
    if not words or len(words) > _MAX_HEADING_WORDS or _SECTION_WORDS.match(heading):
        return False
    return not heading.rstrip().endswith((".", "!", "?", ":"))
