"""The words of a search index: vocabulary, each name's words, postings, the typo table,
whole-name keys and each word's weight (idf), built from the index's names."""

from __future__ import annotations

import math
from array import array
from typing import TYPE_CHECKING, Any, Protocol

from kinolog.db.search.index import (
    DEPTH_TWO_MAX_WORDS,
    Words,
    bag_key,
    deletions,
    short_prefixes,
    word_hash,
)

if TYPE_CHECKING:
    pass

NUMBER_IDF = 4.0


class Sink(Protocol):
    """Where built arrays go (see :mod:`.build`)."""

    def add(self, name: str, values: Any) -> None: ...


def write_words(np: Any, sink: Sink, names: list[str]) -> dict[str, Any]:
    """The vocabulary, the names' words, postings, typo table, whole-name keys, idf."""
    vocab = sorted({word for text in names for word in text.split(" ")})
    word_ids = {word: index for index, word in enumerate(vocab)}
    name_off, name_tok = array("I", [0]), array("I")
    name_keys = array("Q")
    for position, text in enumerate(names):
        words = text.split(" ")
        name_tok.extend([word_ids[word] for word in words])
        name_off.append(len(name_tok))
        name_keys.append(word_hash(bag_key(words)) << 32 | position)
    del word_ids
    count = len(names)
    # word -> names containing it (each name once), names ascending
    tokens = np.frombuffer(name_tok, dtype=np.uint32).astype(np.int64)
    owner = np.repeat(
        np.arange(count, dtype=np.int64), np.diff(np.frombuffer(name_off, dtype=np.uint32))
    )
    postings = np.unique(tokens << 32 | owner)
    df = np.bincount(postings >> 32, minlength=len(vocab))
    post_off = np.zeros(len(vocab) + 1, dtype=np.uint32)
    post_off[1:] = np.cumsum(df)
    post = array("I", (postings & 0xFFFFFFFF).astype(np.uint32).tobytes())
    offsets = array("I", post_off.tobytes())
    del tokens, owner, postings
    words_of = Words.of(vocab)
    completions = short_prefixes(words_of, post, offsets)
    total = max(count, 1)
    idf = array("f", (_idf(word, n, total) for word, n in zip(vocab, df.tolist(), strict=True)))
    depth = 2 if len(vocab) <= DEPTH_TWO_MAX_WORDS else 1
    deletes = array(
        "Q",
        (
            word_hash(variant) << 32 | word_id
            for word_id, word in enumerate(vocab)
            for variant in deletions(word, depth)
        ),
    )
    del vocab
    for name, values in (
        ("vocab", words_of.blob), ("vocab_off", words_of.offsets), ("name_off", name_off),
        ("name_tok", name_tok), ("post_off", offsets), ("post", post), ("idf", idf),
        ("name_keys", _sorted(np, name_keys)), ("deletes", _sorted(np, deletes)),
    ):  # fmt: skip
        sink.add(name, values)
    return {"delete_depth": depth, "completions": completions, "words": len(words_of),
            "names": count}  # fmt: skip


def _sorted(np: Any, keys: array[int]) -> array[int]:
    values = np.frombuffer(keys, dtype=np.uint64).copy()
    values.sort()
    return array("Q", values.tobytes())


def _idf(word: str, df: int, total: int) -> float:
    """Inverse document frequency; one fixed value for short numbers (sequel numbers),
    so that "Part 2" does not count for less than "Part 1" because sequels are common."""
    if len(word) <= 2 and word.isdigit():
        return NUMBER_IDF
    return math.log(1 + total / max(df, 1))
