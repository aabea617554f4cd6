"""Search tokens: how titles, names and queries are cut into comparable words.

The index and the query go through the same :func:`name_tokens`, so whatever one side
writes the other side reads the same way:

* case, accents, umlauts, ligatures and composed/decomposed Unicode fold away
  (``kinolog.db.text.strip_accents``); letters of any script are kept
  (``kinolog.db.text.fold`` drops non-Latin letters, but its output names diary keys and
  must not change);
* punctuation separates words, except dotted initials (``L.A.``, ``E.T.`` become ``la``,
  ``et``) and apostrophes inside a word (``Schindler's`` becomes ``schindlers``; a French
  elision such as ``d'Amélie`` stays two words);
* sequel numbers are written one way: ``II``..``XX`` and a lone ``I``/``V``/``X`` after
  ``part``/``teil``/``episode``... or at the end of a title become digits, so
  ``godfather 2`` meets ``The Godfather: Part II``. Number words stay words (so typos in
  them can be found); a query tries ``two`` and ``2`` both ways.

:func:`parse_query` adds what only a query has: a year anywhere, the last word as a
prefix (as-you-type), low weight for articles and sequel markers, and spellings to try as
well (``ae``/``oe``/``ue`` for umlauts, a number word or numeral kept as typed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kinolog.db.text import ARTICLES, strip_accents

MAX_QUERY_CHARS = 200
MAX_QUERY_TOKENS = 10
# Bounds on what a title or name can put into the index, whatever was imported: a word is
# cut at MAX_WORD letters (the typo table grows with the square of a word's length), a
# text at MAX_NAME_CHARS characters and MAX_NAME_WORDS words. Queries are cut the same way.
MAX_WORD = 40
MAX_NAME_CHARS = 1_000
MAX_NAME_WORDS = 40

# Words that only say "this is a sequel": a query may use one where the title has another.
SEQUEL_MARKERS = frozenset(
    "part parts pt teil episode ep chapter kapitel folge vol volume partie parte chapitre"
    " capitulo episodio".split()
)
# Tokens a query may leave out without missing the film (weighted low when typed).
OPTIONAL = ARTICLES | SEQUEL_MARKERS

_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    " fifteen sixteen seventeen eighteen nineteen twenty"
).split()
_ROMAN = "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split()
_NUMBER_SPELLINGS = {word: str(n) for n, word in enumerate(_NUMBER_WORDS, start=1)}
_NUMBER_SPELLINGS.update({str(n): word for n, word in enumerate(_NUMBER_WORDS, start=1)})
_CANONICAL = {
    numeral: str(number) for number, numeral in enumerate(_ROMAN, start=1) if len(numeral) > 1
}
# A lone letter is a numeral only in sequel position ("Part V", "Rocky V"), else a word.
_LONE_NUMERALS = {"i": "1", "v": "5", "x": "10"}

_YEAR = re.compile(r"^(?:18[89]\d|19\d\d|20[0-3]\d)$")  # 1880-2039
_WORD_CHAR = re.compile(r"[^\W_]")
_WORDS = re.compile(r"[^\W_]+")
# Dotted initials (L.A., S.W.A.T.) lose their dots; an apostrophe inside a word joins it,
# unless the part before it is a one-letter elision (l', d', j') or "qu'".
_JOINS = re.compile(
    r"(?P<initials>(?<![^\W_])(?:[^\W\d_]\.){2,})"
    r"|(?P<word>[^\W_]+)(?P<apostrophe>['’ʼ`´])(?=[^\W_])"
)
_ELISIONS = frozenset({"qu"})


def _join(match: re.Match[str]) -> str:
    if match["initials"]:
        return match["initials"].replace(".", "")
    word = match["word"]
    if len(word) == 1 or word.casefold() in _ELISIONS:
        return word + " "
    return word


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower().replace("&", " and ")
    return strip_accents(text).casefold()


def canonical(tokens: list[str]) -> list[str]:
    """Write sequel numbers one way: ``ii`` becomes ``2``, a lone ``v`` after ``part`` ``5``.

    >>> canonical(["the", "godfather", "part", "ii"])
    ['the', 'godfather', 'part', '2']
    """
    out = list(tokens)
    last = len(tokens) - 1
    for index, token in enumerate(tokens):
        number = _CANONICAL.get(token)
        if number is None and token in _LONE_NUMERALS and index > 0:
            before = tokens[index - 1]
            if before in SEQUEL_MARKERS or (index == last and before not in OPTIONAL):
                number = _LONE_NUMERALS[token]
        if number is not None:
            out[index] = number
    return out


def name_tokens(text: str) -> list[str]:
    """The search words of a title or name, folded and canonical.

    >>> name_tokens("Godfather: Part II, The")
    ['godfather', 'part', '2', 'the']
    >>> name_tokens("L.A. Confidential")
    ['la', 'confidential']
    """
    words = _WORDS.findall(_fold(_JOINS.sub(_join, text[:MAX_NAME_CHARS])))[:MAX_NAME_WORDS]
    return [word[:MAX_WORD] for word in canonical(words)]


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """Like :func:`name_tokens`, with each word's ``start``/``end`` offsets in ``text``.

    Used to highlight what matched; gives the same words as :func:`name_tokens`.
    """
    text = text[:MAX_NAME_CHARS]
    drop: set[int] = set()
    split: set[int] = set()
    for match in _JOINS.finditer(text):
        if match["initials"]:
            start = match.start("initials")
            drop.update(start + i for i, ch in enumerate(match["initials"]) if ch == ".")
        elif len(match["word"]) == 1 or match["word"].casefold() in _ELISIONS:
            split.add(match.start("apostrophe"))
        else:
            drop.add(match.start("apostrophe"))
    words: list[tuple[str, int, int]] = []
    current: list[str] = []
    start = end = 0

    def close() -> None:
        if current:
            words.append(("".join(current), start, end))
            current.clear()

    for index, char in enumerate(text):
        if index in drop:
            continue
        if index in split:
            close()
            continue
        for out in _fold(char):
            if _WORD_CHAR.match(out):
                if not current:
                    start = index
                current.append(out)
                end = index + 1
            else:
                close()
    close()
    words = words[:MAX_NAME_WORDS]
    numbers = canonical([word for word, _, _ in words])
    return [(number[:MAX_WORD], s, e) for number, (_, s, e) in zip(numbers, words, strict=True)]


@dataclass(frozen=True)
class QueryToken:
    """One word of a query.

    Attributes:
        text: the canonical word.
        spellings: other exact forms to try (umlaut ``ae`` -> ``a``, a numeral as typed).
        prefix: the word may be the start of a longer word (the last word, as you type).
        optional: an article or sequel marker: a film may lack it.
        year: the year the word may mean (``psycho 1998``), else None.
    """

    text: str
    spellings: tuple[str, ...] = ()
    prefix: bool = False
    optional: bool = False
    year: int | None = None


@dataclass(frozen=True)
class ParsedQuery:
    """A query cut into words; ``tokens`` is empty for a query without letters or digits."""

    raw: str
    tokens: tuple[QueryToken, ...]

    @property
    def years(self) -> tuple[int, ...]:
        """The years the query may name."""
        return tuple(token.year for token in self.tokens if token.year is not None)


_ROMAN_PREFIX = re.compile(r"^[ivx]{1,4}$")
_UMLAUT = re.compile(r"(?<=[a-z])(ae|oe|ue)")


def _spellings(raw: str, text: str, typing_numeral: bool) -> tuple[str, ...]:
    found: list[str] = []
    if typing_numeral:  # "part i" on the way to "part ii": the numbers it may become
        found += [str(n) for n, numeral in enumerate(_ROMAN, start=1) if numeral.startswith(raw)]
    if raw != text:
        found.append(raw)  # "v" may be a word as well as the numeral 5
    if text in _NUMBER_SPELLINGS:
        found.append(_NUMBER_SPELLINGS[text])  # "two" = "2", "12" = "twelve"
    if _UMLAUT.search(text):
        found.append(_UMLAUT.sub(lambda m: m.group()[0], text))  # "gefaehrlich" = "gefährlich"
    return tuple(dict.fromkeys(spelling for spelling in found if spelling != text))


def parse_query(query: str) -> ParsedQuery:
    """Cut a query into :class:`QueryToken` words.

    Control characters, quotes, operators and SQL are plain text here: only letters and
    digits become words. The query is cut at :data:`MAX_QUERY_CHARS` characters and
    :data:`MAX_QUERY_TOKENS` words.
    """
    text = query[:MAX_QUERY_CHARS]
    raw_words = list(
        dict.fromkeys(word[:MAX_WORD] for word in _WORDS.findall(_fold(_JOINS.sub(_join, text))))
    )
    raw_words = raw_words[:MAX_QUERY_TOKENS]  # a word typed twice counts once
    words = canonical(raw_words)
    last = len(words) - 1
    typing = not text[-1:].isspace()
    only_optional = all(word in OPTIONAL for word in words)
    tokens = []
    for index, (raw, word) in enumerate(zip(raw_words, words, strict=True)):
        prefix = index == last and typing
        numeral = prefix and index > 0 and bool(_ROMAN_PREFIX.match(raw))
        tokens.append(
            QueryToken(
                text=word,
                spellings=_spellings(raw, word, numeral),
                prefix=prefix,
                optional=word in OPTIONAL and not only_optional,
                year=int(word) if _YEAR.match(word) else None,
            )
        )
    return ParsedQuery(raw=query, tokens=tuple(tokens))
