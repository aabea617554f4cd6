"""Text normalisation shared by keys, matching and search.

``fold`` is the one definition of "the same letters" in kinolog: case, accents, umlauts,
ligatures, punctuation and white space do not matter to it.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter plus marks.
_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "&": " and ",
    }
)
_NON_WORD = re.compile(r"[^0-9a-z]+")

# Articles that library catalogues move behind the title ("Godfather, The").
ARTICLES = frozenset(
    "the a an der die das ein eine le la les l un une el los las il lo gli i de het een".split()
)
_TRAILING_ARTICLE = re.compile(r"^(?P<rest>.+),\s*(?P<article>[\w']+)$")


def strip_accents(text: str) -> str:
    """Return ``text`` without combining marks and with ligatures spelt out (keeps case)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Fold text for comparison: lower case, no accents, words joined by single spaces.

    >>> fold("Amélie: Die fabelhafte Welt!")
    'amelie die fabelhafte welt'
    """
    return _NON_WORD.sub(" ", strip_accents(text).casefold()).strip()


def front_article(title: str) -> str:
    """Move a trailing article to the front.

    >>> front_article("Pickwick Papers, The")
    'The Pickwick Papers'
    """
    match = _TRAILING_ARTICLE.match(title.strip())
    if match and fold(match["article"]) in ARTICLES:
        return f"{match['article']} {match['rest']}"
    return title


def title_key(title: str) -> str:
    """The folded form of a title used in film keys (articles moved to the front first)."""
    return fold(front_article(title))


def film_key(imdb_id: str | None, title: str, year: int | None) -> str:
    """The stable key that names a film in the diary.

    The IMDb id when known, else the folded title and the year, so a diary entry can
    find its film again after the catalogue was deleted and rebuilt.
    """
    if imdb_id:
        return f"imdb:{imdb_id}"
    return title_film_key(title, year)


def title_film_key(title: str, year: int | None) -> str:
    """The title-and-year form of a film key, e.g. ``title:ballerina:2023``."""
    return f"title:{title_key(title)}:{year if year is not None else ''}"


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Replace control characters and bidi overrides with visible placeholders.

    Catalogue text is untrusted: an ESC or a right-to-left override must never reach the
    terminal. Newlines and tabs are kept; everything else becomes ``U+FFFD``-like ``�``
    or the Unicode "control picture" for C0 characters.
    """

    def replace(match: re.Match[str]) -> str:
        code = ord(match.group())
        if code < 0x20:
            return chr(0x2400 + code)
        if code == 0x7F:
            return "\u2421"
        return "\ufffd"

    return _CONTROL.sub(replace, text)
