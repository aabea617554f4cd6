"""The search index: every title and person name of the catalogue as compact arrays.

A *name* is one distinct word sequence (a title, an alternative title, a spelling of a
person's name); many films may share one ("Hamlet", a director's name). Names are
numbered by popularity (the most-voted film carrying them first), so every posting list
is already in popularity order and a huge one can be cut to its most popular part.

Arrays (a few bytes per entry; an index of the whole catalogue lives in a file that is
memory-mapped, see :mod:`.store`, so opening it copies nothing and a search touches only
the pages it reads):

* ``vocab``: the sorted distinct words (:class:`Words`); a word's id is its position
  (prefixes are ranges);
* ``post_off``/``post``: word -> names containing it;
* ``name_off``/``name_tok``: name -> its words in order;
* ``nf_off``/``nf_film``/``nf_kind``: name -> (film, how the film carries it: title,
  original title, alternative title, director, writer, cast), films in popularity order;
* ``fn_off``/``fn_name``/``fn_kind``: film id -> the names it carries, and how;
* ``name_keys``: a hash of each name's sorted words -> name (whole-title lookups);
* ``deletes``: a hash of every word with up to ``delete_depth`` letters deleted -> word
  (symmetric-delete typo lookup: two words within two edits share such a variant);
* ``idf``: each word's inverse document frequency; ``film_year``/``film_votes``.
"""

from __future__ import annotations

import functools
import heapq
import json
import math
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, TypeAlias, overload

from rapidfuzz.distance import OSA

from kinolog.db.search.query import OPTIONAL

Ints: TypeAlias = "array[int] | memoryview"
"""An array of numbers: an ``array`` in memory or a ``memoryview`` of a mapped file."""
Floats: TypeAlias = "array[float] | memoryview"
FORMAT = 7
KINDS = ("title", "original_title", "alternative", "director", "writer", "cast")
ARRAYS = {
    "post_off": "I", "post": "I", "name_off": "I", "name_tok": "I", "nf_off": "I",
    "nf_film": "I", "name_keys": "Q", "deletes": "Q", "idf": "f", "films_by_votes": "I",
    "fn_off": "I", "fn_name": "I",
}  # fmt: skip
TYPECODES = {**ARRAYS, "film_year": "H", "film_votes": "I", "vocab_off": "I", "vocab": "B",
             "nf_kind": "B", "fn_kind": "B"}  # fmt: skip
"""The element type of each stored array."""
# A typo index with two deletions per word costs about 30 entries a word: above this many
# words only single deletions are indexed (queries still try two on their side).
DEPTH_TWO_MAX_WORDS = 400_000
MAX_DELETE_LENGTH = 16
_NO_YEAR = 0


def word_hash(text: str) -> int:
    """A stable 32-bit hash of a word (Python's ``hash`` changes between processes)."""
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


def deletions(word: str, depth: int) -> set[str]:
    """``word`` with up to ``depth`` characters deleted (``word`` itself included)."""
    if len(word) > MAX_DELETE_LENGTH:
        depth = min(depth, 1)
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {
            variant[:i] + variant[i + 1 :]
            for variant in frontier
            if len(variant) > 1
            for i in range(len(variant))
        }
        found |= frontier
    return found


def bag_key(words: Iterable[str]) -> str:
    """The key of a name for whole-name lookups: its distinct non-optional words, sorted."""
    words = list(words)
    kept = sorted({word for word in words if word not in OPTIONAL}) or sorted(set(words))
    return " ".join(kept)


def _lookup(table: Ints, key: int) -> Iterator[int]:
    """The values stored under a 32-bit ``key`` in a sorted ``key << 32 | value`` array."""
    index = bisect_left(table, key << 32)
    while index < len(table) and table[index] >> 32 == key:
        yield table[index] & 0xFFFFFFFF
        index += 1


class Words(Sequence[str]):
    """The sorted vocabulary as one UTF-8 blob and offsets: a word is decoded when read.

    Millions of words as Python strings would take hundreds of MB; here they cost their
    bytes. Lookups compare bytes (UTF-8 keeps code point order), so nothing is decoded
    while searching for a word.
    """

    EAGER = 200_000
    """Vocabularies up to this size are decoded once, into a list (a few MB): faster."""

    def __init__(self, blob: bytes | memoryview, offsets: Ints) -> None:
        self.blob = blob
        self.offsets = offsets
        self._raw = _RawWords(self)
        self._memo: dict[int, str] = {}
        self._list: list[str] | None = None
        if len(offsets) - 1 <= self.EAGER:
            data, ends = bytes(blob), offsets.tolist()
            self._list = [
                data[start:stop].decode("utf-8", "surrogatepass") for start, stop in pairwise(ends)
            ]

    @classmethod
    def of(cls, words: Sequence[str]) -> Words:
        """The vocabulary of a sorted list of words."""
        offsets = array("I", [0])
        parts = []
        for word in words:
            data = word.encode("utf-8", "surrogatepass")
            parts.append(data)
            offsets.append(offsets[-1] + len(data))
        return cls(b"".join(parts), offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if self._list is not None:
            return self._list[index]
        if index < 0:
            index += len(self)
        word = self._memo.get(index)
        if word is None:
            start, stop = self.offsets[index], self.offsets[index + 1]
            word = bytes(self.blob[start:stop]).decode("utf-8", "surrogatepass")
            if len(self._memo) < self.EAGER:  # the words queries reach, remembered
                self._memo[index] = word
        return word

    def bisect(self, word: str) -> int:
        """Where ``word`` is or would be (``bisect_left``)."""
        if self._list is not None:
            return bisect_left(self._list, word)
        return bisect_left(self._raw, word.encode("utf-8", "surrogatepass"))


class _RawWords(Sequence[bytes]):
    """The words of :class:`Words` as bytes, for bisecting without decoding."""

    def __init__(self, words: Words) -> None:
        self.words = words

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, index: int) -> bytes:  # type: ignore[override]
        offsets = self.words.offsets
        return bytes(self.words.blob[offsets[index] : offsets[index + 1]])


@dataclass
class SearchIndex:
    """The arrays of one index segment (the whole catalogue, or a few changed films)."""

    vocab: Words
    post_off: Ints
    post: Ints
    name_off: Ints
    name_tok: Ints
    nf_off: Ints
    nf_film: Ints
    nf_kind: bytes | memoryview
    fn_off: Ints
    fn_name: Ints
    fn_kind: bytes | memoryview
    name_keys: Ints
    deletes: Ints
    idf: Floats
    films_by_votes: Ints
    film_year: Ints | dict[int, int]
    film_votes: Ints | dict[int, int]
    delete_depth: int = 2
    completions: dict[str, list[int]] | None = None
    optional_ids: frozenset[int] = field(default=frozenset())
    top_votes: int | None = None

    def __post_init__(self) -> None:
        self.optional_ids = frozenset(
            word_id for word in OPTIONAL if (word_id := self.word_id(word)) is not None
        )
        if self.completions is None:
            self.completions = short_prefixes(self.vocab, self.post, self.post_off)

    # -- sizes ---------------------------------------------------------------------------

    @property
    def name_count(self) -> int:
        """How many distinct names the index holds."""
        return len(self.name_off) - 1

    def df(self, word_id: int) -> int:
        """How many names contain the word."""
        return self.post_off[word_id + 1] - self.post_off[word_id]

    # -- words ---------------------------------------------------------------------------

    def word_id(self, word: str) -> int | None:
        """The id of a word, or None when no name contains it."""
        index = self.vocab.bisect(word)
        if index < len(self.vocab) and self.vocab[index] == word:
            return index
        return None

    def prefix_range(self, prefix: str) -> range:
        """The ids of the words that start with ``prefix`` (itself included)."""
        if not prefix:
            return range(len(self.vocab))
        low = self.vocab.bisect(prefix)
        high = self.vocab.bisect(prefix[:-1] + chr(ord(prefix[-1]) + 1))
        return range(low, max(low, high))

    def top_completions(self, prefix: str) -> list[int] | None:
        """The most popular completions of a short prefix with very many, if precomputed."""
        return self.completions.get(prefix) if self.completions else None

    def range_df(self, ids: range) -> int:
        """How many (name, word) postings the words of a range have together."""
        return self.post_off[ids.stop] - self.post_off[ids.start] if ids else 0

    def typos(self, word: str, max_distance: int) -> dict[int, int]:
        """Words within ``max_distance`` edits (a swap of neighbours is one) -> distance.

        With an index of single deletions, two-edit typos are found when at least one of
        the two edits is a deletion on the query's side.
        """
        found: dict[int, int] = {}
        if max_distance <= 0:
            return found
        for variant in deletions(word, max_distance):
            for word_id in _lookup(self.deletes, word_hash(variant)):
                if word_id in found:
                    continue
                distance = OSA.distance(word, self.vocab[word_id], score_cutoff=max_distance)
                if 0 < distance <= max_distance:
                    found[word_id] = distance
        return found

    # -- names ---------------------------------------------------------------------------

    def postings(self, word_id: int, limit: int | None = None) -> Ints:
        """The names containing a word, most popular first (the first ``limit``)."""
        start, stop = self.post_off[word_id], self.post_off[word_id + 1]
        if limit is not None:
            stop = min(stop, start + limit)
        return self.post[start:stop]

    def name_words(self, name: int) -> Ints:
        """The word ids of a name, in order."""
        return self.name_tok[self.name_off[name] : self.name_off[name + 1]]

    def names_with_words(self, words: Iterable[str]) -> list[int]:
        """The names made of exactly these words (in any order, articles aside)."""
        key = bag_key(words)
        return [
            name
            for name in _lookup(self.name_keys, word_hash(key))
            if bag_key(self.vocab[w] for w in self.name_words(name)) == key
        ]

    def films_of(self, name: int) -> Iterator[tuple[int, int]]:
        """``(film id, kind)`` for each film carrying the name, most popular first."""
        for index in range(self.nf_off[name], self.nf_off[name + 1]):
            yield self.nf_film[index], self.nf_kind[index]

    def names_of(self, film_id: int) -> list[tuple[int, int]]:
        """``(name, kind)`` for each name a film carries (titles and people)."""
        if not 0 <= film_id < len(self.fn_off) - 1:
            return []
        start, stop = self.fn_off[film_id], self.fn_off[film_id + 1]
        return list(zip(self.fn_name[start:stop], self.fn_kind[start:stop], strict=True))

    # -- films ---------------------------------------------------------------------------

    def year(self, film_id: int) -> int | None:
        """The film's year, or None when unknown."""
        try:
            year = self.film_year[film_id]
        except (IndexError, KeyError):
            return None
        return None if year == _NO_YEAR else year

    def votes(self, film_id: int) -> int:
        """The film's IMDb votes (0 when unknown)."""
        return _get(self.film_votes, film_id)

    def popularity(self, film_id: int) -> float:
        """``log10(1 + votes)``: 0 for an unknown film, about 6 for the most voted."""
        try:
            return math.log10(1 + self.film_votes[film_id])
        except (IndexError, KeyError):
            return 0.0

    @functools.cached_property
    def top_popularity(self) -> float:
        """The highest :meth:`popularity` of any film of the index."""
        if self.top_votes is not None:
            return math.log10(1 + self.top_votes)
        votes = self.film_votes.values() if isinstance(self.film_votes, dict) else self.film_votes
        return math.log10(1 + max(votes, default=0))

    # -- storage -------------------------------------------------------------------------

    def arrays(self) -> tuple[dict[str, Any], dict[str, Ints | bytes | memoryview]]:
        """Metadata and the named arrays that :meth:`from_arrays` reads back."""
        assert not isinstance(self.film_year, dict) and not isinstance(self.film_votes, dict)
        named: dict[str, Ints | bytes | memoryview] = {
            name: getattr(self, name) for name in (*ARRAYS, "film_year", "film_votes")
        }
        named["vocab"] = self.vocab.blob
        named["vocab_off"] = self.vocab.offsets
        named["nf_kind"] = self.nf_kind
        named["fn_kind"] = self.fn_kind
        meta = {
            "format": FORMAT,
            "delete_depth": self.delete_depth,
            "words": len(self.vocab),
            "names": self.name_count,
            "films": len(self.films_by_votes),
            "top_votes": self.top_votes
            if self.top_votes is not None
            else max(self.film_votes, default=0),
            "completions": self.completions,
        }
        return meta, named

    @classmethod
    def from_arrays(
        cls, meta: Mapping[str, Any], named: Mapping[str, Ints | bytes | memoryview]
    ) -> SearchIndex:
        """An index over the arrays of :meth:`arrays` (for example memoryviews of a file)."""
        arrays: dict[str, Any] = {name: named[name] for name in (*ARRAYS, "film_year",
                                                                 "film_votes")}  # fmt: skip
        vocab = Words(named["vocab"], named["vocab_off"])  # type: ignore[arg-type]
        return cls(
            vocab=vocab,
            nf_kind=named["nf_kind"],  # type: ignore[arg-type]
            fn_kind=named["fn_kind"],  # type: ignore[arg-type]
            delete_depth=int(meta["delete_depth"]),
            completions=dict(meta["completions"]),
            top_votes=int(meta["top_votes"]),
            **arrays,
        )

    def describe(self) -> str:
        """A one-line summary, for benchmarks and ``doctor``-like reports."""
        return json.dumps(
            {"words": len(self.vocab), "names": self.name_count, "films": len(self.films_by_votes)}
        )


COMPLETIONS_KEPT = 64
COMPLETIONS_OVER = 512  # prefixes with more completions than this get a precomputed list
COMPLETIONS_MAX_LENGTH = 4


def short_prefixes(vocab: Words, post: Ints, post_off: Ints) -> dict[str, list[int]]:
    """The most popular completions of each short prefix that has very many words.

    Choosing among 50,000 words starting with ``s`` on every keystroke would cost more
    than the rest of the search.
    """

    def prefix_range(prefix: str) -> range:
        low = vocab.bisect(prefix)
        return range(low, vocab.bisect(prefix[:-1] + chr(ord(prefix[-1]) + 1)))

    table: dict[str, list[int]] = {}
    pending = [("", range(len(vocab)))]
    while pending:
        parent, ids = pending.pop()
        length = len(parent) + 1
        start = ids.start
        while start < ids.stop:
            prefix = vocab[start][:length]
            if len(prefix) < length:  # the parent itself is a word: no longer prefix here
                start += 1
                continue
            children = prefix_range(prefix)
            if len(children) > COMPLETIONS_OVER:
                table[prefix] = heapq.nsmallest(
                    COMPLETIONS_KEPT, children, key=lambda w: post[post_off[w]]
                )
                if length < COMPLETIONS_MAX_LENGTH:
                    pending.append((prefix, children))
            start = children.stop
    return table


def _get(values: Ints | dict[int, int], film_id: int) -> int:
    if isinstance(values, dict):
        return values.get(film_id, 0)
    return values[film_id] if 0 <= film_id < len(values) else 0
