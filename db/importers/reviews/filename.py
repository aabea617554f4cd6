"""What a review file's name and folder say: a title, a date, a readable source.

Notes apps and blog exports name files after the film ("Blue Ruin.md") or the post
("2017-10-09-kingsman-the-golden-circle.md": a Jekyll date and a slug). Such a title is used only
when the text names none. Names made by tools ("000_dbf18c36027eb9be.txt", "index.html",
"Untitled 3.md") say nothing (see :func:`kinolog.db.text.readable_source` for what is shown as
the source of a review that states none).
"""

from __future__ import annotations

import re
from pathlib import PurePath

from kinolog.db.text import is_made_up_name

__all__ = ["date_from_name", "title_from_name"]

_DATE_PREFIX = re.compile(r"^(?P<date>(?:19|20)\d{2}-\d{2}-\d{2})[-_ ]+(?P<rest>.*)$")
_NUMBER_PREFIX = re.compile(r"^\d{1,4}[-_ ]+")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")
_SITE_SLUG = re.compile(r"^[a-z0-9-]+_(?P<rest>[a-z0-9-]+)$")
_MAX_TITLE_WORDS = 10


def title_from_name(path: str | PurePath) -> str | None:
    """A film title from a file name ("Blue Ruin.md" -> "Blue Ruin"), else None.

    Slugs become words ("kingsman-the-golden-circle" -> "Kingsman the golden circle"); the film
    resolver compares titles without case and punctuation.
    """
    stem = _stem(path)
    stem = _DATE_PREFIX.sub(lambda m: m.group("rest"), stem)
    stem = _NUMBER_PREFIX.sub("", stem) if not stem.isdigit() else stem
    if not stem or is_made_up_name(stem):
        return None
    if _SLUG.match(stem) or ("_" in stem and " " not in stem):
        words = re.split(r"[-_]+", stem)
        title = " ".join(words)
        title = title[:1].upper() + title[1:]
    else:
        title = " ".join(stem.split())
    if not any(ch.isalpha() for ch in title) or len(title.split()) > _MAX_TITLE_WORDS:
        return None
    return title


def date_from_name(path: str | PurePath) -> str | None:
    """The date a blog export puts in front of a post's name ("2017-10-09-..."), else None."""
    match = _DATE_PREFIX.match(_stem(path))
    return match.group("date") if match else None


def _stem(path: str | PurePath) -> str:
    return PurePath(str(path).replace("\\", "/")).stem.strip()
