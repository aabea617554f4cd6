"""People named in a review's prose, whatever their role.

"Jonathan Glazer's Under the Skin", "Macon Blair spielt den Rächer": reviews name the director
and the actors without a label. These names are weak evidence (a review also names other films'
people), so the film resolver uses them only to confirm a film that already shares the review's
title; they are never credited on a film.
"""

from __future__ import annotations

import re

from kinolog.db.importers.reviews.infer import is_person_name
from kinolog.db.names import person_key

__all__ = ["named_people"]

_TOKEN = r"[A-ZÄÖÜÉ](?:[\w'’-]+|\.)"
_CANDIDATE = re.compile(
    rf"(?<![\w'’-]){_TOKEN}(?:\s+(?:(?:de|da|di|del|van|von|la|le|du|bin|al)\s+)*"
    rf"{_TOKEN}){{1,2}}"
)
_POSSESSIVE = re.compile(r"['’]s?$")
_MAX_PEOPLE = 40
_MAX_TEXT = 12_000  # a review names its film's people early


def named_people(text: str, *, exclude: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Names of people in a text, in order of first mention, each once.

    Args:
        text: The review's prose.
        exclude: Names already known in a role (directors, cast): left out.

    Returns:
        At most 40 names that read as a person's name (two or three capitalised words).
    """
    seen = {person_key(name) for name in exclude}
    found: list[str] = []
    for match in _CANDIDATE.finditer(text, 0, _MAX_TEXT):
        words = _POSSESSIVE.sub("", match.group(0)).split()
        # "When Jonathan Glazer": a sentence's first word may stand in front of a name.
        names = [" ".join(words), " ".join(words[1:])] if len(words) == 3 else [" ".join(words)]
        for name in names:
            if not is_person_name(name, max_words=3):
                continue
            key = person_key(name)
            if key and key not in seen:
                seen.add(key)
                found.append(name)
        if len(found) >= _MAX_PEOPLE:
            break
    return tuple(found[:_MAX_PEOPLE])
