"""Links in review text: the IMDb id a page links to.

An IMDb title link (``imdb.com/title/tt0110912``) names exactly one film, so it is the strongest
evidence of a review's film there is. A page that links to several different titles (a
round-up, a review comparing films) does not say which one it is about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["find_imdb_id", "imdb_ids", "parse_imdb_id"]

# "imdb.com/title/tt0110912", "m.imdb.com/de/title/tt0110912/", "imdb.de/title/tt0110912".
_IMDB_LINK = re.compile(r"imdb\.[a-z]{2,3}/(?:[a-z]{2}(?:-[a-z]{2})?/)?title/(tt\d{7,10})\b", re.I)
_BARE_ID = re.compile(r"^(?:imdb\s*:?\s*)?(tt\d{7,10})/?$", re.I)


def imdb_ids(text: str) -> list[str]:
    """Every IMDb title id linked in ``text``, in order of first appearance, each once."""
    return list(dict.fromkeys(match.group(1).lower() for match in _IMDB_LINK.finditer(text)))


def find_imdb_id(texts: Iterable[str]) -> str | None:
    """The one IMDb title the texts link to; None when they link to none or to several."""
    found: dict[str, None] = {}
    for text in texts:
        if "imdb" in text.casefold():
            found.update(dict.fromkeys(imdb_ids(text)))
    return next(iter(found)) if len(found) == 1 else None


def parse_imdb_id(value: str) -> str | None:
    """An IMDb id written on its own (``tt0110912``) or as a link to its page, else None."""
    value = value.strip().strip("\"'<>")
    bare = _BARE_ID.match(value)
    if bare:
        return bare.group(1).lower()
    ids = imdb_ids(value)
    return ids[0] if len(ids) == 1 else None
