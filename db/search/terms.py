"""Query words against one index: which catalogue words each may mean, and which names to score.

A query word reaches catalogue words with a *quality*: exactly 1.0; an umlaut or numeral
spelling 0.98; the start of a longer word 0.6-0.95 (more for longer prefixes; more for the
last word, which is being typed); one typo 0.8 (0.75 in words of 3-4 letters); two typos 0.62
(0.55). Typos are edits, insertions, deletions or swaps of neighbouring letters; words of
3 letters allow one, longer words two.

Exact words, spellings and (for the word being typed) prefixes are *solid* matches; a typo,
or the prefix of a word that is not the last, is *fuzzy*: a name that only fuzzy matches
reach ranks lower (see :mod:`kinolog.db.search.rank`).

Only some of those words *generate* candidate names (the rest just score names found
otherwise), so a common word does not flood the candidates: the exact word; its typo
neighbours when there is no exact word or the exact word is rare ("kil" is a word, but
"kil bill" means "kill"); prefix completions for the last word or a word with no exact match.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from itertools import islice, product

from kinolog.db.search.index import SearchIndex
from kinolog.db.search.query import ParsedQuery, QueryToken

EXACT, SPELLING = 1.0, 0.98
TYPO_QUALITY = {(1, False): 0.8, (1, True): 0.75, (2, False): 0.62, (2, True): 0.55}
RARE_EXACT = 50  # an exact word in fewer names than this lets its typo neighbours in too
WORD_POSTINGS = 5_000  # names taken from one word's posting list (the most popular)
TERM_NAMES = 30_000  # names one query word may bring when words must be intersected
PREFIX_WORDS = 64  # completions of a prefix, the most popular first
SMALL_SET = 1_000  # a word this rare brings all its names even when others are missing
POPULAR_NAMES = 500  # names a common word brings on its own: the most popular
MAX_CANDIDATES = 1_000
OPTIONAL_WEIGHT = 0.2


@dataclass
class Term:
    """One query word resolved in one index segment."""

    token: QueryToken
    matches: dict[int, float] = field(default_factory=dict)  # word id -> quality
    generators: list[int] = field(default_factory=list)  # words whose names it brings
    size: int = 0  # how many names they hold (each list cut at WORD_POSTINGS)
    df: int = 0  # postings it stands for, for its weight
    solid: set[int] = field(default_factory=set)  # exact, spelling, or typed-prefix words

    def names(self, index: SearchIndex, cap: int = TERM_NAMES) -> set[int]:
        """The names this word brings (the most popular part of each word's list)."""
        found: set[int] = set()
        for word_id in self.generators:
            found.update(index.postings(word_id, WORD_POSTINGS))
            if len(found) >= cap:
                break
        return found

    def popular(self, index: SearchIndex, count: int) -> list[int]:
        """The ``count`` most popular names this word brings (lists merged, no set)."""
        lists = [index.postings(word_id, count) for word_id in self.generators]
        found: list[int] = []
        for name in heapq.merge(*lists):
            if not found or found[-1] != name:
                found.append(name)
                if len(found) >= count:
                    break
        return found


def _prefix_quality(query: str, word: str, last: bool) -> float:
    return (0.7 if last else 0.6) + 0.25 * len(query) / len(word)


def resolve(index: SearchIndex, token: QueryToken) -> Term:
    """Find the catalogue words a query word may mean."""
    term = Term(token)
    text = token.text
    exact: list[int] = []
    for spelling, quality in ((text, EXACT), *((s, SPELLING) for s in token.spellings)):
        word_id = index.word_id(spelling)
        if word_id is not None and word_id not in term.matches:
            term.matches[word_id] = quality
            term.solid.add(word_id)
            exact.append(word_id)
    exact_df = sum(index.df(w) for w in exact)
    prefixed: list[int] = []
    if token.prefix or (not exact and len(text) >= 3 and not token.optional):
        prefixed = _prefixes(index, term, [text, *token.spellings])
        if token.prefix:
            term.solid.update(prefixed)  # "pulp f": the word being typed
    near: list[int] = []
    far: list[int] = []
    if len(text) >= 3 and not token.optional and token.year is None and not text.isdigit():
        short = len(text) <= 4
        for word_id, distance in index.typos(text, 1 if len(text) == 3 else 2).items():
            quality = TYPO_QUALITY[distance, short]
            if quality > term.matches.get(word_id, 0.0):
                term.matches[word_id] = quality
            (near if distance == 1 else far).append(word_id)
    if token.prefix and not term.matches and len(text) >= 4:
        prefixed = _typo_prefixes(index, term, text)
    if exact:
        term.df = exact_df
    elif prefixed:
        term.df = sum(index.range_df(index.prefix_range(s)) for s in (text, *token.spellings))
    else:
        term.df = sum(index.df(w) for w in near or far)
    generators = list(exact)
    if token.prefix or not exact:
        generators += prefixed
    if not exact or exact_df < RARE_EXACT:
        generators += near
    if not exact and not near:
        generators += far
    term.generators = list(dict.fromkeys(generators))
    term.size = sum(min(index.df(w), WORD_POSTINGS) for w in term.generators)
    return term


def _popular(index: SearchIndex, prefix: str, count: int) -> list[int]:
    """The ``count`` words starting with ``prefix`` whose most popular name is most popular."""
    top = index.top_completions(prefix)
    ids = top if top is not None else index.prefix_range(prefix)
    return heapq.nsmallest(count, ids, key=lambda w: index.post[index.post_off[w]])


def _prefixes(index: SearchIndex, term: Term, spellings: list[str]) -> list[int]:
    found: list[int] = []
    for spelling in spellings:
        for word_id in _popular(index, spelling, PREFIX_WORDS):
            if word_id not in term.matches:
                word = index.vocab[word_id]
                term.matches[word_id] = _prefix_quality(spelling, word, term.token.prefix)
                found.append(word_id)
    return found


def _typo_prefixes(index: SearchIndex, term: Term, text: str) -> list[int]:
    """Prefixes typed with one letter too many or two letters swapped (``godfaht``)."""
    variants = {text[:i] + text[i + 1 :] for i in range(len(text))}
    variants |= {text[:i] + text[i + 1] + text[i] + text[i + 2 :] for i in range(len(text) - 1)}
    found: list[int] = []
    for variant in sorted(variants - {text}):
        for word_id in _popular(index, variant, 8):
            if word_id not in term.matches:
                quality = 0.85 * _prefix_quality(variant, index.vocab[word_id], True)
                term.matches[word_id] = quality
                found.append(word_id)
    return found


def weights(query: ParsedQuery, terms: list[list[Term]], names: int) -> list[float]:
    """Each query word's weight: rarer words say more about the film.

    A year weighs as much as the most distinctive other word: it is as deliberate as a
    title word, whether or not it also occurs in titles.
    """
    result = []
    for index, token in enumerate(query.tokens):
        df = sum(segment[index].df for segment in terms)
        weight = math.log(1 + names / df) if df else 0.5 * math.log(1 + names)
        result.append(weight * (OPTIONAL_WEIGHT if token.optional else 1.0))
    words = [w for w, t in zip(result, query.tokens, strict=True) if t.year is None]
    if words:
        strongest = max(words)
        result = [strongest if t.year else w for w, t in zip(result, query.tokens, strict=True)]
    return result


def candidates(index: SearchIndex, terms: list[Term]) -> list[int]:
    """The names worth scoring.

    When a distinctive word is rare, the names of the rare words (any of them: a film may
    lack some query words); a common word alone brings its most popular names; several
    common words bring the names having all of them. Names made of exactly the query's
    words always come too, however unpopular.
    """
    core = [t for t in terms if not t.token.optional and t.token.year is None and t.matches]
    if not core:
        core = [t for t in terms if t.matches]
    if not core:
        return []
    core.sort(key=lambda t: t.size)
    found: set[int] = set()
    if core[0].size <= SMALL_SET:
        # Rare words bring all their names, so a film is found even if it lacks the others;
        # a word much more common than the rarest (the "2" of "godfather 2") only scores.
        rare = min(SMALL_SET, max(100, 10 * core[0].size))
        for term in core:
            if term.size <= rare:
                found |= term.names(index)
    elif len(core) == 1:
        found.update(core[0].popular(index, POPULAR_NAMES))
    else:
        sets = [term.names(index) for term in core]
        both = set.intersection(*sets)
        found.update(heapq.nsmallest(MAX_CANDIDATES, both))
        if len(found) < 200:
            for term in core:
                found.update(term.popular(index, 300))
    for term in terms:  # a year may be a title word too ("1984")
        if term.token.year and term.generators and term.size <= SMALL_SET:
            found |= term.names(index)
    if len(found) > MAX_CANDIDATES:
        found = set(heapq.nsmallest(MAX_CANDIDATES, found))
    found.update(_whole_names(index, core))
    return sorted(found)


def _whole_names(index: SearchIndex, core: list[Term]) -> list[int]:
    """Names that consist of exactly the query's words (found however unpopular)."""
    choices = [
        [index.vocab[w] for w in sorted(t.matches, key=lambda w: -t.matches[w])[:2]] for t in core
    ]
    names: list[int] = []
    for words in islice(product(*choices), 16):
        names.extend(index.names_with_words(words))
    return names


def variants(query: ParsedQuery, index: SearchIndex) -> list[ParsedQuery]:
    """The query, and the same query with compound words joined or split as the catalogue
    writes them: "brave heart" -> "braveheart", "ghostbusters" -> "ghost busters"."""
    found = [query]
    tokens = query.tokens
    for spot in range(len(tokens) - 1):
        first, second = tokens[spot], tokens[spot + 1]
        if first.optional or second.optional or first.year or second.year:
            continue
        joined = first.text + second.text
        if index.word_id(joined) is not None or (
            second.prefix and len(second.text) >= 2 and index.prefix_range(joined)
        ):
            token = QueryToken(joined, prefix=second.prefix)
            found.append(ParsedQuery(query.raw, (*tokens[:spot], token, *tokens[spot + 2 :])))
    for spot, token in enumerate(tokens):
        parts = _split(index, token)
        if parts:
            found.append(ParsedQuery(query.raw, (*tokens[:spot], *parts, *tokens[spot + 1 :])))
    return found[:3]


def _split(index: SearchIndex, token: QueryToken) -> tuple[QueryToken, QueryToken] | None:
    """Two catalogue words that ``token`` runs together, the most even split first."""
    text = token.text
    if token.optional or token.year or len(text) < 5 or text.isdigit():
        return None
    known = index.word_id(text) is not None
    shortest = 3 if known else 1  # a known word splits only into two real words
    for cut in sorted(range(shortest, len(text) - 1), key=lambda c: abs(len(text) - 2 * c)):
        left, right = text[:cut], text[cut:]
        if len(right) < max(2, shortest) or index.word_id(left) is None:
            continue
        if index.word_id(right) is not None or (token.prefix and index.prefix_range(right)):
            return QueryToken(left), QueryToken(right, prefix=token.prefix)
    return None
