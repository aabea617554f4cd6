"""Ratings: kinolog stores half stars as integers 1-10 (1 = ½, 10 = ★★★★★).

People type ratings many ways; :func:`parse_rating` accepts the common ones and refuses
anything ambiguous rather than guess which scale was meant.
"""

from __future__ import annotations

import re

from kinolog.db.errors import InvalidValue

_FULL, _HALF, _EMPTY = "★", "½", "☆"
_NUMBER = r"(\d+(?:[.,]\d+)?)"
_FRACTION = re.compile(rf"^{_NUMBER}\s*/\s*{_NUMBER}$")
_STARS_SUFFIX = re.compile(rf"^{_NUMBER}\s*(?:\*|★|stars?|sterne?)$", re.IGNORECASE)
_PLAIN = re.compile(rf"^{_NUMBER}$")
_STAR_STRING = re.compile(r"^[★☆*]*½?[☆]*$")
NO_RATING = frozenset({"", "-", "none", "no"})


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _half_stars(stars: float, original: str) -> int:
    """Convert a star count (0.5-5 in half steps) to 1-10."""
    doubled = stars * 2
    if doubled != int(doubled) or not 1 <= doubled <= 10:
        raise InvalidValue(
            f"rating {original!r}: stars must be ½ to 5 in half steps (e.g. 3.5/5 or ★★★½)"
        )
    return int(doubled)


def parse_rating(text: str) -> int | None:
    """Parse a rating as a person writes it into kinolog's 1-10 scale.

    Accepts ``7``, ``7/10``, ``3.5/5``, ``3,5/5``, ``★★★½``, ``3.5*``, ``4 stars``; ``-``
    or an empty string mean "no rating" and return None.

    Raises:
        InvalidValue: for anything else, including a bare ``3.5`` (stars or tenths?).
    """
    value = text.strip()
    if value.casefold() in NO_RATING:
        return None
    if match := _FRACTION.match(value):
        amount, scale = _number(match[1]), _number(match[2])
        if scale == 10:
            if amount != int(amount) or not 1 <= amount <= 10:
                raise InvalidValue(f"rating {text!r}: out of ten must be a whole number 1-10")
            return int(amount)
        if scale == 5:
            return _half_stars(amount, text)
        raise InvalidValue(f"rating {text!r}: use a scale of /10 or /5")
    if match := _STARS_SUFFIX.match(value):
        return _half_stars(_number(match[1]), text)
    if match := _PLAIN.match(value):
        amount = _number(match[1])
        if amount != int(amount):
            raise InvalidValue(
                f"rating {text!r} is ambiguous: write {match[1]}/5, {match[1]}* or N/10"
            )
        if not 1 <= amount <= 10:
            raise InvalidValue(f"rating {text!r}: a plain number must be 1-10 (half stars)")
        return int(amount)
    if _STAR_STRING.match(value) and value.replace(_EMPTY, ""):
        full = value.count(_FULL) + value.count("*")
        return _half_stars(full + (0.5 if _HALF in value else 0), text)
    raise InvalidValue(f"rating {text!r} not understood: use 7, 7/10, 3.5/5, ★★★½ or 3.5*")


def stars(rating: int | None) -> str:
    """Show a 1-10 rating as stars: ``7`` -> ``★★★½``; None -> ``""``."""
    if rating is None:
        return ""
    return _FULL * (rating // 2) + (_HALF if rating % 2 else "")


def out_of_ten(rating: int | None) -> str:
    """Show a 1-10 rating as ``7/10``; None -> ``""``."""
    return "" if rating is None else f"{rating}/10"


def check_rating(rating: int | None) -> int | None:
    """Validate an already numeric rating (1-10 or None)."""
    if rating is None:
        return None
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 10:
        raise InvalidValue(f"rating {rating!r}: must be a whole number 1-10")
    return rating
