"""Comparing titles whole: how closely a row's title is one of a film's titles.

Titles are compared whole after normalisation, never as "all the words are in there":
"Psycho" is not "Charmingly Psycho", "Dark Shadows" is not "Dark Shadows: Speak No Evil".
The levels, strongest first:

* **same**: equal after folding case, accents and special letters (``ß``, ``ø``, ``ł``),
  ``&`` as ``and``, punctuation and white space, with a trailing article moved to the front
  ("Creator, The" is "The Creator"). Letters of every script count ("Паразиты" stays itself);
* **same letters**: equal once spaces are dropped and numbers written one way ("L.A." and
  "LA", "Spider-Man" and "Spiderman", "Rocky II" and "Rocky 2", "Ocean's Eleven" and
  "Ocean's 11"): the same title typed differently;
* **close**: one letter apart (in titles of at least five letters), or apart only by a
  leading article ("Creator" and "The Creator"): possibly a typo, possibly another film;
* **part**: one title is the other's main title before a ``:`` or dash ("Dark Shadows" and
  "Dark Shadows: Speak No Evil"): a subtitle, or another film of a series.

Only *same* and *same letters* can identify a film by title and year alone; *close* and
*part* need other evidence (the people) and otherwise only show as candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache

from kinolog.db.text import ARTICLES, front_article, strip_accents

__all__ = [
    "TitleLevel",
    "TitleMatch",
    "best_title_match",
    "compare_titles",
    "letters_form",
    "title_form",
]


class TitleLevel(IntEnum):
    """How closely two titles agree (higher is closer)."""

    PART = 1
    CLOSE = 2
    SAME_LETTERS = 3
    SAME = 4


@dataclass(frozen=True)
class TitleMatch:
    """The best agreement between a row's titles and a film's.

    Attributes:
        level: how closely they agree.
        row_title: the row's title that agreed.
        film_title: the film's title it agreed with.
        main: whether that is the film's main or original title (not an alternative one).
    """

    level: TitleLevel
    row_title: str
    film_title: str
    main: bool


_NON_WORD = re.compile(r"[\W_]+")
_PART_SPLIT = re.compile(r"\s*(?::|\s[-–—]\s)\s*")
_NUMBERS = {
    **{
        word: str(number)
        for number, word in enumerate(
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
            " fifteen sixteen seventeen eighteen nineteen twenty".split(),
            start=1,
        )
    },
    **{
        numeral: str(number)
        for number, numeral in enumerate(
            "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split(),
            start=1,
        )
        if len(numeral) > 1  # a lone "I", "V" or "X" is as often a word or a letter
    },
}
MIN_CLOSE_LETTERS = 5


@lru_cache(maxsize=65_536)
def title_form(title: str) -> str:
    """The *same* form of a title: folded, punctuation as single spaces, article in front.

    >>> title_form("Creator, The")
    'the creator'
    >>> title_form("Amélie & Nino: Ça!")
    'amelie and nino ca'
    """
    text = strip_accents(front_article(title.strip())).casefold()
    return _NON_WORD.sub(" ", text.replace("&", " and ")).strip()


@lru_cache(maxsize=65_536)
def letters_form(title: str) -> str:
    """The *same letters* form: :func:`title_form` without spaces, numbers as digits."""
    words = title_form(title).split()
    return "".join(_NUMBERS.get(word, word) for word in words)


def _without_article(form: str) -> str:
    first, _, rest = form.partition(" ")
    return rest if rest and first in ARTICLES else form


def _one_edit_apart(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one inserted, deleted or replaced letter."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


@lru_cache(maxsize=65_536)
def _main_parts(title: str) -> tuple[str, ...]:
    """The title's parts around a ``:`` or dash, as *same* forms (empty when it has none)."""
    parts = [title_form(part) for part in _PART_SPLIT.split(title.strip())]
    parts = [part for part in parts if part]
    return tuple(parts) if len(parts) > 1 else ()


def compare_titles(row: str, film: str) -> TitleLevel | None:
    """How closely two titles agree, or None when they are different titles."""
    a, b = title_form(row), title_form(film)
    if not a or not b:
        return None
    if a == b:
        return TitleLevel.SAME
    la, lb = letters_form(row), letters_form(film)
    if la == lb:
        return TitleLevel.SAME_LETTERS
    if _without_article(a) == _without_article(b):
        return TitleLevel.CLOSE
    if min(len(la), len(lb)) >= MIN_CLOSE_LETTERS and _one_edit_apart(la, lb):
        return TitleLevel.CLOSE
    if (parts := _main_parts(film)) and a == parts[0]:
        return TitleLevel.PART
    if (parts := _main_parts(row)) and b == parts[0]:
        return TitleLevel.PART
    return None


def best_title_match(
    row_titles: tuple[str, ...], main_titles: tuple[str, ...], other_titles: tuple[str, ...]
) -> TitleMatch | None:
    """The closest agreement between any row title and any film title, or None.

    Args:
        row_titles: the row's titles (its title, original title ...).
        main_titles: the film's main and original title.
        other_titles: the film's alternative titles.

    Returns:
        The best match; at equal levels a main title wins over an alternative one.
    """
    best: TitleMatch | None = None
    for main, titles in ((True, main_titles), (False, other_titles)):
        for film_title in titles:
            for row_title in row_titles:
                level = compare_titles(row_title, film_title)
                if level is None:
                    continue
                if best is None or level > best.level:
                    best = TitleMatch(level, row_title, film_title, main)
                    if level is TitleLevel.SAME and main:
                        return best
    return best
