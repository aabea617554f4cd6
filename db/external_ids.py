"""Other services' ids of a film as kinolog stores and compares them (``film_ids``).

A Letterboxd film is linked two ways: by its short link (``https://boxd.it/2b0k``, in
Letterboxd's exports) and by its page (``https://letterboxd.com/film/heat-1995/``, in its
import format and in other tools' lists). Neither can be turned into the other offline, so
a link of one form never contradicts a link of the other; links of one form are compared
after writing them one way (https, no ``www.``, a film page with its trailing slash).
"""

from __future__ import annotations

import re

__all__ = ["letterboxd_form", "letterboxd_link"]

_LINK = re.compile(
    r"^(?:https?://)?(?:www\.)?(?P<host>boxd\.it|letterboxd\.com)(?P<path>/[^?#]*)?", re.I
)


def letterboxd_link(value: str) -> str:
    """A Letterboxd link written one way: ``http://www.letterboxd.com/film/Heat-1995`` ->
    ``https://letterboxd.com/film/heat-1995/``; ``boxd.it/2b0k/`` -> ``https://boxd.it/2b0k``
    (short links are case-sensitive). Anything else is returned stripped."""
    text = value.strip()
    match = _LINK.match(text)
    if match is None:
        return text
    host, path = match["host"].casefold(), (match["path"] or "/").rstrip("/")
    if host == "boxd.it":
        return f"https://boxd.it{path}"
    return f"https://letterboxd.com{path.casefold()}/"


def letterboxd_form(value: str) -> str | None:
    """``short`` (a boxd.it link), ``page`` (a letterboxd.com link), or None."""
    match = _LINK.match(value.strip())
    if match is None:
        return None
    return "short" if match["host"].casefold() == "boxd.it" else "page"
