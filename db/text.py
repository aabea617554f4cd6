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


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _without_marks(match: re.Match[str]) -> str:
    return "".join(ch for ch in match[0] if not unicodedata.combining(ch))


def strip_accents(text: str) -> str:
    """Return ``text`` without combining marks and with ligatures spelt out (keeps case)."""
    text = text.translate(_LETTERS)
    if text.isascii():  # most titles and names: nothing to decompose
        return text
    # Only the runs of other letters are looked at one by one (folding runs per title
    # and name of a whole IMDb import).
    return _NON_ASCII.sub(_without_marks, unicodedata.normalize("NFKD", text))


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


# C0 and C1 controls but newline and tab, DEL, bidi marks, embeddings, overrides and
# isolates (and the Arabic letter mark), the line and paragraph separators.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


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


def visible_line(text: str) -> str:
    """:func:`visible`, and line breaks shown too (``␊``): text that must stay on one line,
    such as a message naming a file whose name holds a newline, which could otherwise
    forge a line of output."""
    return visible(text).replace("\n", "\u240a")


# -- file names -------------------------------------------------------------------------------

_MADE_UP_HASH = re.compile(r"(?:^|[-_ ])[0-9a-f]{8,}$|^\d+$|^[0-9a-f]{8,}(?:[-_ ]|$)", re.I)
_MADE_UP_WORD = re.compile(
    r"^(?:index|review|reviews|kritik|kritiken|rezension|post|posts|page|seite|note|notes|notiz"
    r"|notizen|draft|entwurf|untitled|unbenannt|neu|new|article|artikel|text|file|datei|copy"
    r"|kopie|export|download|downloads|saved|film|filme|movie|movies|readme|tmp|temp|home|root"
    r"|desktop|documents|dokumente)(?:[-_ ]?\(?\d+\)?)?$",
    re.I,
)


# Folders that hold anything, or only say "reviews": no collection's name.
_SYSTEM_FOLDERS = frozenset(
    "tmp temp downloads download desktop home root documents dokumente users var data review"
    " reviews kritik kritiken rezension rezensionen critiques".split()
)


def is_made_up_name(name: str) -> bool:
    """Tell whether a file or folder name was made by a tool: a hash, a number, "index", "tmp"."""
    return bool(_MADE_UP_HASH.search(name) or _MADE_UP_WORD.match(name))


def readable_source(path: str | None) -> str | None:
    """What to show as the source of a review that states none: its folder, else its file's stem.

    The folder names the collection ("Filmtagebuch Lena"); a name a tool made
    ("000_dbf18c36027eb9be", "index", "tmp") is skipped.

    Args:
        path: The review file's path, as stored.

    Returns:
        The name to show, or None when neither the folder nor the file has a readable name.
    """
    if not path:
        return None
    folder = collection_name(path)
    if folder is not None:
        return folder
    name = path.replace("\\", "/").rstrip("/").split("/")[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return stem if stem and not is_made_up_name(stem) else None


def collection_name(path: str | None) -> str | None:
    """The readable name of the folder a review file is in (the collection it belongs to:
    "Filmtagebuch Lena"); None for a system folder ("Downloads", "reviews") or a made-up
    name."""
    parts = (path or "").replace("\\", "/").rstrip("/").split("/")
    folder = parts[-2] if len(parts) > 1 else ""
    if folder and not _MADE_UP_HASH.search(folder) and folder.casefold() not in _SYSTEM_FOLDERS:
        return folder
    return None
