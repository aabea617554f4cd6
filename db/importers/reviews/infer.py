"""Facts read from review prose: quoted titles, directors, cast, language.

These are the careful guesses for pages without a credits block: a title counts only when it is
quoted more often than any other, a director only after a word that says so ("Regisseur",
"directed by"), an actor only in the ``Character (Actor Name)`` form.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from kinolog.db.names import person_key

__all__ = [
    "cast_from_parentheses",
    "detect_language",
    "directors_from_phrases",
    "is_person_name",
    "leading_quoted_title",
    "main_quoted_title",
    "quoted_titles",
]

# The lookahead lets the regex engine skip to quote characters instead of trying every position.
_QUOTED = re.compile(
    r"(?=[„“»«\"])(?:„(?P<a>[^„“”\n]{1,80})[“”]"
    r"|“(?P<b>[^“”„\n]{1,80})”"
    r"|»(?P<c>[^»«\n]{1,80})«"
    r"|«(?P<d>[^«»\n]{1,80})»"
    r'|(?<!\w)"(?P<e>[^"\s][^"\n]{0,79}?)"(?!\w))'
)
_SENTENCE_INSIDE = re.compile(r"[.!?]\s+\S")
_MAX_TITLE_WORDS = 10

_DIRECTOR_TRIGGER = re.compile(
    r"(?:[Rr]egisseur(?:in|s)?|[Rr]egie führ(?:te|t|ten)(?:\s+(?:hier|dabei|diesmal|erneut))?"
    r"|[Rr]egie von|[Rr]egie|[Ff]ilmemacher(?:in|s)?|[Dd]irector|[Dd]irected by)"
    r"(?:\s+(?:und|and|&)\s+(?:[Dd]rehbuchautor(?:in)?|[Aa]utor(?:in)?|[Ww]riter|co-writer"
    r"|screenwriter))?:?[ \t]+"
)
_TRIGGER_NEEDLES = ("egisseur", "egie f", "egie v", "egie:", "ilmemacher", "irector", "irected by")
# "Paul Haggis, who directed and co-wrote the film": the name before the phrase.
_WHO_DIRECTED = re.compile(
    r"(?P<name>[A-Z][\w'’-]+(?: (?:[a-z]{1,3} )?[A-Z][\w'’-]+){1,2}),? who (?:also )?(?:co-)?"
    r"direct(?:ed|s)\b"
)
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’-]*\.?")
_JOINER = re.compile(r"\s*(?:,|\bund\b|\band\b|&)\s*")
_PARTICLES = frozenset(
    "de da di del della dos du van von der den le la ten ter bin al el y".split()
)
_ARTICLE_PARTICLES = frozenset({"der", "den"})
# Capitalised words that start phrases, not names ("Der Film", "The Call").
_NOT_NAME_START = frozenset(
    "der die das des dem den ein eine einen the a an le la les el il mit und in im auf für von "
    "zum zur als wie auch er sie es wir ich this that his her their film teil part".split()
)
_MAX_NAME_WORDS = 3
_CAST_PAREN = re.compile(r"\((?P<inner>[^()\n]{3,60})\)")

_DE_WORDS = frozenset(
    "der die das und ist nicht ein eine mit auch sich auf für den dem des zu von wird sind war "
    "im nur aber wie noch doch dass einen einer hat".split()
)
_EN_WORDS = frozenset(
    "the and is of to that it with this for was as but his her are be not on by its at from "
    "has have which who".split()
)
_LANGUAGE_SAMPLE = 4000


def quoted_titles(text: str) -> Counter[str]:
    """Count the title-like quoted strings in a text, in order of first appearance.

    Args:
        text: Prose.

    Returns:
        A counter from quoted title to how often it is quoted.
    """
    counts: Counter[str] = Counter()
    for match in _QUOTED.finditer(text):
        candidate = " ".join(match.group(match.lastgroup or 0).split())
        if _is_title_like(candidate):
            counts[candidate] += 1
    return counts


def leading_quoted_title(text: str) -> str | None:
    """Return the title quoted at the very start of a text ("„Oldboy“ ist ..."), else None."""
    match = _QUOTED.match(text.lstrip())
    if match is None:
        return None
    candidate = " ".join(match.group(match.lastgroup or 0).split())
    return candidate if _is_title_like(candidate) else None


def main_quoted_title(counts: Counter[str], *, min_count: int = 2) -> str | None:
    """Return the quoted title used clearly more often than any other, else None.

    Args:
        counts: From :func:`quoted_titles`.
        min_count: How often the title must be quoted at least.

    Returns:
        The title, or None when no title leads (a tie is not a title).
    """
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < min_count:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def directors_from_phrases(text: str) -> tuple[str, ...]:
    """Find directors named after "Regisseur", "Regie führte", "director", "directed by" ...

    Args:
        text: Prose.

    Returns:
        The names named most often after such a word (a review usually names other films'
        directors less often than the reviewed film's); co-directors joined by "und"/"and" are
        kept together. Empty when there is none.
    """
    mentions: list[tuple[str, ...]] = []
    for start in _trigger_starts(text):
        match = _DIRECTOR_TRIGGER.match(text, start)
        if match is None:
            continue
        names = _names_at(text, match.end())
        if names and not (_is_noun(match.group(0)) and _is_character(text, match.end(), names)):
            mentions.append(names)
    if "direct" in text:
        for found in _WHO_DIRECTED.finditer(text):
            name = found.group("name")
            if is_person_name(name, max_words=_MAX_NAME_WORDS):
                mentions.append((name,))
    if not mentions:
        return ()
    counts = Counter(tuple(person_key(name) for name in names) for names in mentions)
    best = max(counts.values())
    return next(n for n in mentions if counts[tuple(person_key(x) for x in n)] == best)


def cast_from_parentheses(text: str, *, exclude: Iterable[str] = ()) -> tuple[str, ...]:
    """Find actors written as ``Character (Actor Name)``.

    Args:
        text: Prose.
        exclude: Names that are not cast (the directors).

    Returns:
        The actors in order of first mention, each once.
    """
    seen = {person_key(name) for name in exclude}
    cast: list[str] = []
    for match in _CAST_PAREN.finditer(text):
        inner = match.group("inner").strip()
        # "Character (Actor)": a word right before the parenthesis.
        before = text[max(0, match.start() - 2) : match.start()].rstrip(" ")
        if not before or not (before[-1].isalnum() or before[-1] == "."):
            continue
        if not is_person_name(inner):
            continue
        key = person_key(inner)
        if key and key not in seen:
            seen.add(key)
            cast.append(inner)
    return tuple(cast)


def is_person_name(text: str, *, max_words: int = 4) -> bool:
    """Tell whether a text reads as a person's name: 2+ capitalised words, particles allowed.

    Args:
        text: The candidate, e.g. "Ana de Armas" or "Kim Ji-hoon".
        max_words: The most capitalised words a name may have.

    Returns:
        True for names; False for titles ("The Call"), phrases and single words.
    """
    words = text.split()
    capitals = [w for w in words if w.lower() not in _PARTICLES]
    if not 2 <= len(capitals) <= max_words or len(words) > max_words + 2:
        return False
    if words[0].casefold() in _NOT_NAME_START or words[-1].lower() in _PARTICLES:
        return False
    return all(_NAME_TOKEN.fullmatch(w) and w[0].isupper() for w in capitals)


def detect_language(text: str) -> str:
    """Guess whether a text is German ("de") or English ("en") from its function words.

    Args:
        text: Prose.

    Returns:
        "en" when English function words outnumber German ones, else "de".
    """
    # Splitting on blanks is enough: function words rarely carry punctuation.
    counts = Counter(text[:_LANGUAGE_SAMPLE].lower().split())
    german = sum(counts[word] for word in _DE_WORDS)
    english = sum(counts[word] for word in _EN_WORDS)
    return "en" if english > german else "de"


def _is_title_like(text: str) -> bool:
    """A quoted string that could be a film title: short, capitalised, not a sentence."""
    if not text or len(text.split()) > _MAX_TITLE_WORDS or text[-1] in ".,;:":
        return False
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    return not _SENTENCE_INSIDE.search(text)


def _trigger_starts(text: str) -> list[int]:
    """Where a director phrase may start; ``str.find`` is much faster than a regex scan."""
    starts: set[int] = set()
    for needle in _TRIGGER_NEEDLES:
        position = text.find(needle)
        while position >= 0:
            # "codirector" is not a phrase of its own; "Kultregisseur" is.
            compound = needle.startswith("irect") and position > 1 and text[position - 2].isalnum()
            if position >= 1 and not compound:
                starts.add(position - 1)
            position = text.find(needle, position + 1)
    return sorted(starts)


def _names_at(text: str, pos: int) -> tuple[str, ...]:
    """Read one name, or several joined by commas/"und"/"and", starting at ``pos``."""
    names: list[str] = []
    while True:
        name, end = _name_at(text, pos)
        if name is None:
            break
        names.append(name)
        joiner = _JOINER.match(text, end)
        if joiner is None:
            break
        pos = joiner.end()
    return tuple(names)


def _is_noun(trigger: str) -> bool:
    """A trigger naming a job ("director", "Regisseur"), which a character can have too."""
    return not any(word in trigger.casefold() for word in ("by", "regie", "führ"))


def _is_character(text: str, pos: int, names: tuple[str, ...]) -> bool:
    """A character who is a director in the story: "director Cameron Thayer (Terrence Howard)"."""
    after = text.find(names[-1], pos)
    following = _CAST_PAREN.match(text, after + len(names[-1]) + 1) if after >= 0 else None
    return following is not None and is_person_name(following.group("inner").strip())


def _name_at(text: str, pos: int) -> tuple[str | None, int]:
    """Read up to three capitalised words (with particles) at ``pos`` as a person's name."""
    words: list[str] = []
    end = pos
    while len([w for w in words if w.lower() not in _PARTICLES]) < _MAX_NAME_WORDS:
        token = _NAME_TOKEN.match(text, end)
        if token is None:
            break
        word = token.group(0)
        if not (word[0].isupper() or _is_particle(word, words[-1] if words else "")):
            break
        words.append(word)
        end = token.end()
        if word.endswith(".") and len(word) > 2:
            break  # a sentence ends here, not an initial
        if text[end : end + 1] != " ":
            break
        end += 1
    while words and words[-1].lower() in _PARTICLES:
        words.pop()
    name = _clean_name(" ".join(words))
    if not name or not is_person_name(name, max_words=_MAX_NAME_WORDS):
        return None, pos
    return name, pos + len(" ".join(words))


def _is_particle(word: str, previous: str) -> bool:
    """A lower-case name particle; "der"/"den" only after "van"/"von" (else German articles)."""
    lower = word.lower()
    if lower in _ARTICLE_PARTICLES:
        return previous.lower() in ("van", "von")
    return lower in _PARTICLES


def _clean_name(name: str) -> str:
    """Drop a possessive ("Bong Joon-ho's") and a sentence's full stop."""
    name = re.sub(r"['’]s$", "", name)
    return name[:-1] if name.endswith(".") and not re.search(r"\b\w\.$", name) else name
