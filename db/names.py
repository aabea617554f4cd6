"""Matching person names across spelling variants.

Review pages spell the same person in different ways: "Lee Chung-hyun" in one, "Chung-Hyun Lee"
in another, "Jun Jong-seo" next to "Jeon Jong-seo". :func:`person_key` maps a name to a canonical
key so that such variants share one key, and :func:`same_person` compares two names through it
(so the two always agree and the key can be used as a dictionary key or an index column).

Two kinds of key exist:

* **Korean names** (a known Korean family name plus given-name syllables, in either order, the
  given name hyphenated, joined or spaced): ``"ko:<family>:<given>"``. The family name goes
  through a table of well-known romanisations ("Park"/"Pak"/"Bak", "Lee"/"Yi"/"Rhee",
  "Jeon"/"Jun", "Jung"/"Jeong"/"Chung" ...); the given name through a few well-known vowel
  spellings: "eo"~"u" (not after "y": "Yeon" and "Yun" are different names), "oo"~"u", "ee"~"i",
  and "yeo"~"yu" after a consonant ("Hyeon" = "Hyun", "Myeong" = "Myung"). Consonant variants
  ("Gyeong"/"Kyung", "Ji"/"Chi") are not merged: they would make too many different people
  equal. "Chun" is not merged with "Jeon" either, because it also spells the family name "Cheon".
* **Other names**: accents folded, case folded, punctuation, hyphens and spaces dropped, and the
  letters read as a ring (the key is the ring's smallest rotation), so neither where the words
  break ("Kore-eda"/"Koreeda", "Jean-Pierre"/"Jean Pierre", "J. J."/"JJ") nor which word comes
  first ("Hirokazu Kore-eda"/"Kore-eda Hirokazu", "Armas, Ana de") matters. Particles count:
  "Ana de Armas" and "Ana Armas" get different keys, because dropping a particle can turn one
  person into another ("De Niro" vs "Niro"), and a duplicate entry is cheaper than two people
  merged into one. Only rotations count, not every order of three or more words. A Japanese
  long "o" at a word's end is one spelling whether written "ō", "ou" or "oh" ("Andō", "Andou").
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["person_key", "same_person"]

# Each variant maps to one canonical spelling. Only spellings that are widely used for the same
# Hangul family name are grouped.
_FAMILY_GROUPS: tuple[tuple[str, ...], ...] = (
    ("kim", "gim"),
    ("lee", "yi", "rhee", "li", "i", "rhie", "ri", "rie"),
    ("park", "pak", "bak", "bahk"),
    ("choi", "choe", "chwe"),
    ("jeong", "jung", "chung", "cheong", "joung"),
    ("kang", "gang"),
    ("cho", "jo"),
    ("yoon", "yun"),
    ("jang", "chang"),
    ("lim", "im", "yim", "rim"),
    ("han",),
    ("oh", "o"),
    ("seo", "suh"),
    ("shin", "sin", "shinn"),
    ("kwon", "gwon"),
    ("hwang", "whang"),
    ("ahn", "an"),
    ("song",),
    ("jeon", "jun"),
    ("hong",),
    ("yoo", "yu", "you"),
    ("ryu", "ryoo", "ryou"),
    ("ko", "go"),
    ("moon", "mun"),
    ("yang",),
    ("son", "sohn"),
    ("bae", "pae"),
    ("baek", "paek", "baik", "paik"),
    ("heo", "hur", "huh"),
    ("nam",),
    ("noh", "roh", "no"),
    ("ha",),
    ("jin",),
    ("kwak", "gwak"),
    ("bong",),
    ("min",),
    ("na", "nah", "ra"),
    ("woo", "wu"),
    ("yeon",),
    ("gong", "kong"),
    ("cha",),
    ("ju", "joo"),
    ("uhm", "eom", "um"),
    ("byun", "byeon"),
    ("chae",),
    ("won",),
    ("cheon", "chun"),
    ("sung", "seong"),
    ("ji",),
)
_FAMILY: dict[str, str] = {v: group[0] for group in _FAMILY_GROUPS for v in group}

# The most common family names: when both ends of a spaced name are family names ("Jeon Jong Seo"),
# the first token wins unless only the last one is among these ("Ji Hoon Kim").
_TOP_FAMILIES = frozenset({"kim", "lee", "park"})

# One romanised Korean syllable: optional initial, vowel, optional final consonant.
_SYLLABLE = (
    r"(?:kk|tt|pp|ss|jj|ch|sh|[gkndrtlmbpsjhcw])?"
    r"(?:yeo|yae|wae|wo|wa|we|wi|ui|oe|oi|eo|eu|ae|ai|ya|yo|yu|ye|oo|ee|ou|a|e|i|o|u)"
    r"(?:ng|n|l|m|k|p|t|g|b|r|h)?"
)
_GIVEN_RE = re.compile(rf"(?:{_SYLLABLE}){{1,3}}")
_MAX_GIVEN_LEN = 15
_YEO_RE = re.compile(r"(?<=[hgkbpm])yeo")
_EO_RE = re.compile(r"(?<!y)eo")

# Japanese long vowels at a word's end: "Satou", "Satoh" and "Satō" (folded: "Sato") are one name.
_LONG_VOWEL_END = re.compile(r"(?<=\w\w)o[uh](?![\w])")
_PARENS_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_DROP_RE = re.compile(r"[.'’`´]")
_COMBINING_RE = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_SPLIT_RE = re.compile(r"[^\w-]+")
_SPECIAL_LETTERS = str.maketrans({"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d"})


def person_key(name: str) -> str:
    """Return a canonical key for a person's name.

    Args:
        name: A name as written, e.g. "Chung-Hyun Lee" or "Ana de Armas". Text in parentheses
            (a nickname, a role) is ignored.

    Returns:
        A key that is equal for spelling variants of the same name ("Lee Chung-hyun" and
        "Chung-Hyun Lee" give ``"ko:lee:chunghyun"``); an empty string when the name has no letters.
    """
    groups = _word_groups(name)
    if not groups:
        return ""
    korean = _korean_key(groups)
    if korean is not None:
        return korean
    text = " ".join(groups)
    if "o" in text:
        text = _LONG_VOWEL_END.sub("o", text)
    return _least_rotation(text.replace(" ", "").replace("-", ""))


def _least_rotation(letters: str) -> str:
    """The smallest rotation of a name's letters, read as a ring.

    Reading the letters as a ring makes the key blind to where words start and to which word
    comes first: "Kore-eda Hirokazu", "Hirokazu Koreeda", "Jean-Pierre Jeunet" and
    "Jeunet Jean Pierre" each give one key, while every letter still counts.
    """
    if len(letters) < 2:
        return letters
    ring = letters + letters
    first = min(letters)  # the smallest rotation starts with the smallest letter
    size = len(letters)
    start = letters.find(first)
    best = ring[start : start + size]
    start = letters.find(first, start + 1)
    while start >= 0:
        best = min(best, ring[start : start + size])
        start = letters.find(first, start + 1)
    return best


def same_person(a: str, b: str) -> bool:
    """Tell whether two names are spelling variants of one person's name.

    Args:
        a: One name as written.
        b: Another name as written.

    Returns:
        True when both have the same non-empty :func:`person_key`.
    """
    key = person_key(a)
    return bool(key) and key == person_key(b)


def _word_groups(name: str) -> list[str]:
    """Fold accents and case and split a name into whitespace-separated words (hyphens kept)."""
    text = _PARENS_RE.sub(" ", name) if "(" in name or "[" in name else name
    text = text.casefold()
    if not text.isascii():  # the fast path matters: IMDb imports key millions of names
        text = text.translate(_SPECIAL_LETTERS).replace("‐", "-").replace("‑", "-")
        text = _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text))
    text = _DROP_RE.sub("", text)
    words = (word.strip("-_") for word in _SPLIT_RE.split(text))
    return [word.replace("_", "") for word in words if word]


def _korean_key(groups: list[str]) -> str | None:
    """Return the ``ko:`` key when the words read as a romanised Korean name, else None."""
    if not 2 <= len(groups) <= 4:
        return None
    family_at = _family_position(groups)
    if family_at is None:
        return None
    given_words = groups[:family_at] + groups[family_at + 1 :]
    given = "".join(word.replace("-", "") for word in given_words)
    if len(given) > _MAX_GIVEN_LEN or not _GIVEN_RE.fullmatch(given):
        return None
    return f"ko:{_FAMILY[groups[family_at]]}:{_normalise_vowels(given)}"


def _family_position(groups: list[str]) -> int | None:
    """Find which word is the family name: the first or the last one, never a hyphenated word."""
    first, last = groups[0], groups[-1]
    first_ok = "-" not in first and first in _FAMILY
    last_ok = "-" not in last and last in _FAMILY
    if first_ok and last_ok:
        # Both ends could be family names ("Jeon Jong Seo", "Ji Hoon Kim"): Korean order wins
        # unless only the last one is one of the most common family names.
        if _FAMILY[last] in _TOP_FAMILIES and _FAMILY[first] not in _TOP_FAMILIES:
            return len(groups) - 1
        return 0
    if first_ok:
        return 0
    if last_ok:
        return len(groups) - 1
    return None


def _normalise_vowels(given: str) -> str:
    """Merge the well-known romanisation variants of Korean vowels in a given name."""
    text = _YEO_RE.sub("yu", given)
    text = _EO_RE.sub("u", text)
    return text.replace("oo", "u").replace("ee", "i")
