r"""Values of diary entries as people type them: watched dates and tags."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Final

from kinolog.db.errors import InvalidValue

__all__ = [
    "EARLIEST_FILMS",
    "TODAY",
    "check_watched",
    "clean_tags",
    "join_tags",
    "parse_watched",
    "split_tags",
    "watched_value",
]


class _Today:
    """Sentinel: "the watched date is today" (the default when logging)."""

    def __repr__(self) -> str:
        return "TODAY"


TODAY: Final = _Today()
_UNKNOWN_DATES = frozenset({"", "-", "unknown", "none", "?"})
EARLIEST_FILMS = 1888  # the oldest surviving film: no viewing can be older


def parse_watched(text: str, *, today: date | None = None) -> str | None:
    """Parse a watched date: ``YYYY-MM-DD``, ``today``, ``yesterday``; ``unknown``/``-`` -> None.

    Raises:
        InvalidValue: for anything else, an impossible date, or a date in the future.
    """
    value = text.strip().casefold()
    today = today or date.today()
    if value in _UNKNOWN_DATES:
        return None
    if value == "today":
        return today.isoformat()
    if value == "yesterday":
        return (today - timedelta(days=1)).isoformat()
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise InvalidValue(f"date {text!r} not understood: use YYYY-MM-DD") from None
    if len(value) != 10:
        raise InvalidValue(f"date {text!r} not understood: use YYYY-MM-DD")
    if parsed > today + timedelta(days=1):
        raise InvalidValue(f"date {text!r} is in the future")
    return parsed.isoformat()


def watched_value(value: str | date | _Today | None) -> str | None:
    """A watched date given as text, a date, :data:`TODAY` or None, as ``YYYY-MM-DD``/None."""
    if isinstance(value, _Today):
        return date.today().isoformat()
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return parse_watched(value)


def clean_tags(tags: Sequence[str]) -> tuple[str, ...]:
    """Tags trimmed, inner white space collapsed, empty ones dropped, duplicates removed."""
    seen: dict[str, str] = {}
    for tag in tags:
        cleaned = " ".join(str(tag).split())
        if cleaned and cleaned.casefold() not in seen:
            seen[cleaned.casefold()] = cleaned
    return tuple(seen.values())


TAG_SEPARATOR = ", "
_TAG_SPLIT = re.compile(r"(?<!\\)((?:\\\\)*),")
_ESCAPED = re.compile(r"\\([\\,])")


def join_tags(tags: Sequence[str]) -> str:
    """Tags in one text (a CSV cell, the rating dialog's box): joined by ``", "``, a comma or
    backslash inside a tag escaped with a backslash (``rock\\, paper``)."""
    return TAG_SEPARATOR.join(tag.replace("\\", "\\\\").replace(",", "\\,") for tag in tags)


def split_tags(cell: str) -> list[str]:
    """The tags of a text :func:`join_tags` wrote (or of a plain comma-separated one)."""
    if not cell.strip():
        return []
    parts = _TAG_SPLIT.split(cell)
    # split() keeps the backslash pairs before each separator: glue them back on.
    tags = [parts[0]]
    for index in range(1, len(parts), 2):
        tags[-1] += parts[index]
        tags.append(parts[index + 1])
    return [_ESCAPED.sub(r"\1", tag).strip() for tag in tags if tag.strip()]


def check_watched(watched: str | None, year: int | None) -> str | None:
    """A watched date, refused when the film could not have been seen then; returns it.

    A festival screening may come a year before the release year, so one year early is
    fine; earlier than that, or before any film existed, is a typo.

    Raises:
        InvalidValue: naming the date and the film's year.
    """
    if watched is None:
        return None
    seen = int(watched[:4])
    if year is not None and seen < year - 1:
        raise InvalidValue(f"date {watched} is before the film was made ({year})")
    if seen < EARLIEST_FILMS:
        raise InvalidValue(f"date {watched} is before the first films ({EARLIEST_FILMS})")
    return watched
