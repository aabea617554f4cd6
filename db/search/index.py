"""The search index: every title and person name of the catalogue as compact arrays.

A *name* is one distinct word sequence (a title, an alternative title, a spelling of a
person's name); many films may share one ("Hamlet", a director's name). Names are
numbered by popularity (the most-voted film carrying them first), so every posting list
is already in popularity order and a huge one can be cut to its most popular part.

Arrays (``array``/``bytes``, a few bytes per entry, saved as blobs by
:mod:`kinolog.db.search.state` and loaded with one copy):

* ``vocab``: the sorted distinct words; a word's id is its position (prefixes are ranges);
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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import OSA

from kinolog.db.search.query import OPTIONAL

FORMAT = 6
KINDS = ("title", "original_title", "alternative", "director", "writer", "cast")
ARRAYS = {
    "post_off": "I", "post": "I", "name_off": "I", "name_tok": "I", "nf_off": "I",
    "nf_film": "I", "name_keys": "Q", "deletes": "Q", "idf": "f", "films_by_votes": "I",
    "fn_off": "I", "fn_name": "I",
}  # fmt: skip
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


def _lookup(table: array[int], key: int) -> Iterator[int]:
    """The values stored under a 32-bit ``key`` in a sorted ``key << 32 | value`` array."""
    index = bisect_left(table, key << 32)
    while index < len(table) and table[index] >> 32 == key:
        yield table[index] & 0xFFFFFFFF
        index += 1


@dataclass
class SearchIndex:
    """The arrays of one index segment (the whole catalogue, or a few changed films)."""

    vocab: list[str]
    post_off: array[int]
    post: array[int]
    name_off: array[int]
    name_tok: array[int]
    nf_off: array[int]
    nf_film: array[int]
    nf_kind: bytes
    fn_off: array[int]
    fn_name: array[int]
    fn_kind: bytes
    name_keys: array[int]
    deletes: array[int]
    idf: array[float]
    films_by_votes: array[int]
    film_year: array[int] | dict[int, int]
    film_votes: array[int] | dict[int, int]
    delete_depth: int = 2
    completions: dict[str, list[int]] = field(default_factory=dict)
    optional_ids: frozenset[int] = field(default=frozenset())

    def __post_init__(self) -> None:
        self.optional_ids = frozenset(
            word_id for word in OPTIONAL if (word_id := self.word_id(word)) is not None
        )
        if not self.completions:
            self.completions = short_prefixes(self)

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
        index = bisect_left(self.vocab, word)
        if index < len(self.vocab) and self.vocab[index] == word:
            return index
        return None

    def prefix_range(self, prefix: str) -> range:
        """The ids of the words that start with ``prefix`` (itself included)."""
        low = bisect_left(self.vocab, prefix)
        high = bisect_left(self.vocab, prefix[:-1] + chr(ord(prefix[-1]) + 1), low)
        return range(low, high)

    def top_completions(self, prefix: str) -> list[int] | None:
        """The most popular completions of a short prefix with very many, if precomputed."""
        return self.completions.get(prefix)

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

    def postings(self, word_id: int, limit: int | None = None) -> array[int]:
        """The names containing a word, most popular first (the first ``limit``)."""
        start, stop = self.post_off[word_id], self.post_off[word_id + 1]
        if limit is not None:
            stop = min(stop, start + limit)
        return self.post[start:stop]

    def name_words(self, name: int) -> array[int]:
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
        votes = self.film_votes.values() if isinstance(self.film_votes, dict) else self.film_votes
        return math.log10(1 + max(votes, default=0))

    # -- storage -------------------------------------------------------------------------

    def to_blobs(self) -> tuple[dict[str, Any], dict[str, bytes]]:
        """Metadata and named byte strings that :meth:`from_blobs` reads back."""
        assert isinstance(self.film_year, array) and isinstance(self.film_votes, array)
        blobs = {name: getattr(self, name).tobytes() for name in ARRAYS}
        blobs["vocab"] = "\n".join(self.vocab).encode("utf-8", "surrogatepass")
        blobs["nf_kind"] = bytes(self.nf_kind)
        blobs["fn_kind"] = bytes(self.fn_kind)
        blobs["film_year"] = self.film_year.tobytes()
        blobs["film_votes"] = self.film_votes.tobytes()
        blobs["completions"] = json.dumps(self.completions).encode()
        meta = {
            "format": FORMAT,
            "delete_depth": self.delete_depth,
            "words": len(self.vocab),
            "names": self.name_count,
            "films": len(self.films_by_votes),
        }
        return meta, blobs

    @classmethod
    def from_blobs(cls, meta: Mapping[str, Any], parts: Mapping[str, list[bytes]]) -> SearchIndex:
        """Rebuild an index from :meth:`to_blobs` output (each blob possibly in parts)."""
        arrays: dict[str, Any] = {}
        for name, code in {**ARRAYS, "film_year": "H", "film_votes": "I"}.items():
            arrays[name] = array(code)
            for part in parts[name]:
                arrays[name].frombytes(part)
        text = b"".join(parts["vocab"]).decode("utf-8", "surrogatepass")
        return cls(
            vocab=text.split("\n") if text else [],
            nf_kind=b"".join(parts["nf_kind"]),
            fn_kind=b"".join(parts["fn_kind"]),
            delete_depth=int(meta["delete_depth"]),
            completions=json.loads(b"".join(parts["completions"])),
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


def short_prefixes(index: SearchIndex) -> dict[str, list[int]]:
    """The most popular completions of each short prefix that has very many words.

    Choosing among 50,000 words starting with ``s`` on every keystroke would cost more
    than the rest of the search.
    """
    table: dict[str, list[int]] = {}
    pending = [("", range(len(index.vocab)))]
    while pending:
        parent, ids = pending.pop()
        length = len(parent) + 1
        start = ids.start
        while start < ids.stop:
            prefix = index.vocab[start][:length]
            if len(prefix) < length:  # the parent itself is a word: no longer prefix here
                start += 1
                continue
            children = index.prefix_range(prefix)
            if len(children) > COMPLETIONS_OVER:
                table[prefix] = heapq.nsmallest(
                    COMPLETIONS_KEPT, children, key=lambda w: index.post[index.post_off[w]]
                )
                if length < COMPLETIONS_MAX_LENGTH:
                    pending.append((prefix, children))
            start = children.stop
    return table


def _get(values: array[int] | dict[int, int], film_id: int) -> int:
    if isinstance(values, dict):
        return values.get(film_id, 0)
    return values[film_id] if 0 <= film_id < len(values) else 0
