"""Building a :class:`~kinolog.db.search.index.SearchIndex` from the catalogue, in bounded memory.

Nothing per film is kept as a Python object: titles, people and credits are read in order
from SQLite and turned into compact arrays (numpy, imported only here, when building), and
the (name, film) pairs that make most of the index are sorted as packed 64-bit keys, in
place. Python's own memory then grows with the vocabulary and the distinct names, not with
the number of films or credits; a whole-catalogue build is written array by array into an
index file (:func:`write_index`) and nothing of it is kept.

A build of a few films (``film_ids``) is the in-memory overlay for films changed since the
saved index was built (:func:`build_index`).

Steps: films in popularity order (votes, then id); each distinct title or spelling of a
person's name cut into words once (its *word sequence*: the index's names); (name, film,
how) pairs from titles and credits, the best "how" per pair; names numbered by popularity
(the rank of their most popular film); then the arrays of :mod:`.index`.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Collection, Iterable
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kinolog.db.progress import SILENT, Progress
from kinolog.db.search.index import KINDS, Ints, SearchIndex
from kinolog.db.search.indexfile import IndexWriter
from kinolog.db.search.query import name_tokens
from kinolog.db.search.vocabulary import write_words

if TYPE_CHECKING:
    import numpy as np

_DIRECTOR, _WRITER, _CAST = (KINDS.index(kind) for kind in ("director", "writer", "cast"))
_ORIGINAL, _ALTERNATIVE = KINDS.index("original_title"), KINDS.index("alternative")
_TEXTS_KEPT = 200_000  # distinct texts whose words are remembered (people share names)
_RANK_BITS = 30  # films by popularity: up to a billion
_NAME_BITS = 30  # names: up to a billion (film ids then have 31 bits in a 64-bit key)
_SLICE = 1 << 22  # rows per slice where a whole-array temporary would double the memory


class _Sink:
    """Where built arrays go: kept in memory, or written to an index file as they come."""

    def __init__(self, writer: IndexWriter | None = None) -> None:
        self.writer = writer
        self.named: dict[str, Any] = {}

    def add(self, name: str, values: Any) -> None:
        if self.writer is None or isinstance(values, dict):
            self.named[name] = values
        else:
            self.writer.add(name, values)

    def add_numbers(self, name: str, values: np.ndarray, typecode: str) -> None:
        """A numpy array, written as it is (no copy) or kept as an ``array(typecode)``."""
        if self.writer is not None:
            self.writer.add(name, values.data)
        else:
            self.named[name] = array(typecode, values.tobytes())


def build_index(conn: sqlite3.Connection, film_ids: Collection[int] | None = None) -> SearchIndex:
    """Index every film of the catalogue in memory, or only ``film_ids`` (the overlay).

    Reads through ``conn`` (writing only its temporary tables); call it inside one read
    transaction for a consistent snapshot.
    """
    sink = _Sink()
    meta = _build(conn, sink, film_ids, SILENT)
    return SearchIndex.from_arrays(meta, sink.named)


def write_index(
    conn: sqlite3.Connection,
    path: Path,
    *,
    meta: dict[str, Any] | None = None,
    progress: Progress = SILENT,
) -> dict[str, Any]:
    """Index every film of the catalogue into a new index file at ``path``; its metadata.

    Read ``conn`` inside one read transaction. The file appears only when complete, with
    ``meta`` added to its own metadata.
    """
    with IndexWriter(path) as writer:
        built = {**_build(conn, _Sink(writer), None, progress), **(meta or {})}
        writer.finish(built)
    return built


def _build(
    conn: sqlite3.Connection,
    sink: _Sink,
    film_ids: Collection[int] | None,
    progress: Progress,
) -> dict[str, Any]:
    import numpy as np  # only builds need it: searching starts without it

    scope = None if film_ids is None else sorted(set(film_ids))
    films, top_votes = _films(np, conn, sink, scope)
    progress.note("search index: titles and names")
    names = _Interner()
    # Each part's pairs packed into 64-bit keys at once, so its columns can go.
    keys = [_pack(np, films, *_title_pairs(np, conn, names, scope))]
    keys += _credit_keys(np, conn, names, films, scope)
    progress.note("search index: names, words and typos")
    key = np.concatenate(keys)
    del keys
    meta = _assemble(np, sink, names, films, key, progress)
    meta["top_votes"] = top_votes
    return meta


class _Interner:
    """Word sequences (the index's names) by id, and the sequence of each text seen."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.texts: dict[str, int] = {}

    def __call__(self, text: str | None) -> int:
        """The sequence id of a text's words; -1 when it has none."""
        if not text:
            return -1
        found = self.texts.get(text)
        if found is None:
            words = " ".join(name_tokens(text))
            found = self.ids.setdefault(words, len(self.ids)) if words else -1
            if len(self.texts) >= _TEXTS_KEPT:
                self.texts.clear()
            self.texts[text] = found
        return found

    def words(self) -> list[str]:
        """Each sequence's words (space-separated), by id."""
        ordered = [""] * len(self.ids)
        for words, number in self.ids.items():
            ordered[number] = words
        return ordered


def _in(scope: list[int] | None, column: str) -> tuple[str, list[int]]:
    if scope is None:
        return "", []
    return f" WHERE {column} IN ({','.join('?' * len(scope))})", scope


def _ints(np: Any, rows: Iterable[tuple[int, ...]], width: int) -> np.ndarray:
    values = np.fromiter(chain.from_iterable(rows), dtype=np.int64)
    return values.reshape(-1, width)


class _Films:
    """Film ids in popularity order and each film's rank."""

    def __init__(self, by_rank: np.ndarray, rank: np.ndarray) -> None:
        self.by_rank = by_rank
        self.rank = rank


def _films(
    np: Any, conn: sqlite3.Connection, sink: _Sink, scope: list[int] | None
) -> tuple[_Films, int]:
    """Films by popularity, their years and votes; the highest vote count."""
    where, args = _in(scope, "id")
    table = _ints(np, conn.execute(
        f"SELECT id, coalesce(year, 0), min(max(coalesce(votes, 0), 0), 4294967295) FROM films"
        f"{where} ORDER BY coalesce(votes, 0) DESC, id", args), 3)  # fmt: skip
    ids, years, votes = table[:, 0], table[:, 1], table[:, 2]
    size = int(ids.max()) + 1 if len(ids) else 1
    rank = np.full(size, -1, dtype=np.int32)
    rank[ids] = np.arange(len(ids), dtype=np.int32)
    years = np.where((years > 0) & (years < 65536), years, 0)
    sink.add("films_by_votes", array("I", ids.astype(np.uint32).tobytes()))
    if scope is None:
        film_year = np.zeros(size, dtype=np.uint16)
        film_year[ids] = years
        film_votes = np.zeros(size, dtype=np.uint32)
        film_votes[ids] = votes
        sink.add("film_year", array("H", film_year.tobytes()))
        sink.add("film_votes", array("I", film_votes.tobytes()))
    else:
        sink.add("film_year", dict(zip(ids.tolist(), years.tolist(), strict=True)))
        sink.add("film_votes", dict(zip(ids.tolist(), votes.tolist(), strict=True)))
    return _Films(ids.astype(np.int32), rank), int(votes.max()) if len(votes) else 0


def _title_pairs(
    np: Any, conn: sqlite3.Connection, names: _Interner, scope: list[int] | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(sequence, film, kind) for each title, original title and other title."""
    seqs, ids, kinds = array("q"), array("q"), bytearray()
    where, args = _in(scope, "id")
    for film_id, title, original in conn.execute(
        f"SELECT id, title, original_title FROM films{where}", args
    ):
        for kind, text in ((0, title), (_ORIGINAL, original)):
            number = names(text)
            if number >= 0:
                seqs.append(number)
                ids.append(film_id)
                kinds.append(kind)
    where, args = _in(scope, "film_id")
    for film_id, title, kind in conn.execute(
        f"SELECT film_id, title, kind = 'original' FROM film_titles{where}", args
    ):
        number = names(title)
        if number >= 0:
            seqs.append(number)
            ids.append(film_id)
            kinds.append(_ORIGINAL if kind else _ALTERNATIVE)
    return (np.frombuffer(seqs, dtype=np.int64), np.frombuffer(ids, dtype=np.int64),
            np.frombuffer(bytes(kinds), dtype=np.uint8))  # fmt: skip


def _credit_keys(
    np: Any, conn: sqlite3.Connection, names: _Interner, films: _Films, scope: list[int] | None
) -> list[np.ndarray]:
    """Packed (sequence, film, kind) keys for each credit and each spelling of the person's
    name, a slice of the credits at a time (their temporaries stay small)."""
    where, args = _in(scope, "film_id")
    credited = f"SELECT person_id FROM credits{where}"
    people, spellings = array("i"), array("i")
    for person, text in conn.execute(
        f"SELECT id, name FROM people WHERE id IN ({credited}) UNION SELECT person_id, alias"
        f" FROM person_aliases WHERE person_id IN ({credited}) ORDER BY 1",
        args + args,
    ):
        number = names(text)
        if number >= 0 and (not people or people[-1] != person or spellings[-1] != number):
            people.append(person)
            spellings.append(number)
    person_ids = np.frombuffer(people, dtype=np.int32)
    person_seqs = np.frombuffer(spellings, dtype=np.int32)
    # Most people have one spelling: a person -> sequence array serves them; the few with
    # more are looked up among their spellings, the only ones kept.
    first = np.ones(len(person_ids), dtype=bool)
    first[1:] = person_ids[1:] != person_ids[:-1]
    size = int(person_ids.max()) + 1 if len(person_ids) else 1
    spelling = np.full(size, -1, dtype=np.int32)
    spelling[person_ids[first]] = person_seqs[first]
    several = np.unique(person_ids[~first])
    kept = np.isin(person_ids, several)
    person_ids, person_seqs = person_ids[kept], person_seqs[kept]
    del first, kept, people, spellings
    keys = []
    rows = chain.from_iterable(conn.execute(
        f"SELECT film_id, person_id, CASE role WHEN 'director' THEN {_DIRECTOR} WHEN 'writer'"
        f" THEN {_WRITER} ELSE {_CAST} END FROM credits{where}", args))  # fmt: skip
    while len(credits := np.fromiter(islice(rows, 3 * _SLICE), dtype=np.int32)):
        credits = credits.reshape(-1, 3)
        person = credits[:, 1]
        known = person < size
        seq = np.where(known, spelling[np.where(known, person, 0)], -1)
        film, kind = credits[:, 0], credits[:, 2].astype(np.uint8)
        more = np.flatnonzero(np.isin(person, several))
        if len(more):  # the other spellings of those people
            low = np.searchsorted(person_ids, person[more], side="left")
            high = np.searchsorted(person_ids, person[more], side="right")
            counts = high - low - 1
            which = np.repeat(more, counts)
            step = np.arange(len(which)) - np.repeat(np.cumsum(counts) - counts, counts) + 1
            extra = person_seqs[np.repeat(low, counts) + step]
            seq = np.concatenate([seq, extra])
            film = np.concatenate([film, film[which]])
            kind = np.concatenate([kind, kind[which]])
        found = seq >= 0
        keys.append(_pack(np, films, seq[found], film[found], kind[found]))
    return keys


def _pack(
    np: Any, films: _Films, seq: np.ndarray, film: np.ndarray, kind: np.ndarray
) -> np.ndarray:
    """(sequence, film, kind) as 64-bit keys: sequence, the film's rank, kind."""
    u64 = np.uint64
    key = seq.astype(u64)
    key <<= u64(_RANK_BITS)
    key |= films.rank[film].astype(u64)
    key <<= u64(3)
    key |= kind.astype(u64)
    return key


def _assemble(
    np: Any,
    sink: _Sink,
    names: _Interner,
    films: _Films,
    key: np.ndarray,
    progress: Progress,
) -> dict[str, Any]:
    """Number the names by popularity and write every array.

    The pairs live as packed 64-bit keys sorted in place: (sequence, film rank, kind) to
    keep each pair once with its best kind and find each name's best film, then
    (name, rank, kind) for name -> films and (film, name, kind) for film -> names. Fields
    are taken out and put in a slice at a time, so that no step holds two more arrays of
    the keys' size beside them.
    """
    u64 = np.uint64
    key.sort()
    keep = np.ones(len(key), dtype=bool)
    for start in range(1, len(key), _SLICE):  # each (name, film) once, with its best kind
        pair = key[start - 1 : start + _SLICE] >> u64(3)
        keep[start : start + _SLICE] = pair[1:] != pair[:-1]
    key = key[keep]
    del keep
    seq = _field(np, key, _RANK_BITS + 3, 32, np.int32)
    starts = np.ones(len(seq), dtype=bool)
    starts[1:] = seq[1:] != seq[:-1]
    used = seq[starts]
    best = _field(np, key[starts], 3, _RANK_BITS, np.int64)
    del starts
    order = np.lexsort((used, best))  # a name is as popular as its best film
    new_id = np.full(len(names.ids), -1, dtype=np.int64)
    new_id[used[order]] = np.arange(len(order))
    words = names.words()
    names.ids.clear()  # every text is read: the look-ups can go before the biggest steps
    names.texts.clear()
    ordered = [words[number] for number in used[order].tolist()]
    del words, used, best, order
    # (sequence, rank, kind) -> (name, rank, kind): the same low bits, the name on top
    key &= u64((1 << (_RANK_BITS + 3)) - 1)
    for start in range(0, len(key), _SLICE):
        name = new_id[seq[start : start + _SLICE]].astype(u64)
        name <<= u64(_RANK_BITS + 3)
        key[start : start + _SLICE] |= name
    del seq, new_id
    key.sort()
    progress.advance(0)
    meta = write_words(np, sink, ordered)
    del ordered
    progress.note("search index: films of each name")
    count = meta["names"]
    name = _field(np, key, _RANK_BITS + 3, _NAME_BITS, np.int32)
    film = _field(np, key, 3, _RANK_BITS, np.int32, through=films.by_rank)
    kind = _field(np, key, 0, 3, np.uint8)
    del key
    _links(np, sink, "nf", name, film, kind, count)
    # film -> names: (film, name, kind), names ascending
    key = film.astype(u64)
    del film
    key <<= u64(_NAME_BITS)
    for start in range(0, len(key), _SLICE):
        low = name[start : start + _SLICE].astype(u64)
        low <<= u64(3)
        low |= kind[start : start + _SLICE]
        key[start : start + _SLICE] <<= u64(3)
        key[start : start + _SLICE] |= low
    del name, kind
    key.sort()
    film = _field(np, key, _NAME_BITS + 3, 32, np.int32)
    name = _field(np, key, 3, _NAME_BITS, np.int32)
    kind = _field(np, key, 0, 3, np.uint8)
    del key
    _links(np, sink, "fn", film, name, kind, len(films.rank))
    return meta


def _field(
    np: Any, key: np.ndarray, shift: int, bits: int, dtype: Any, through: Any = None
) -> np.ndarray:
    """The ``bits`` bits of each key above its lowest ``shift``, as ``dtype`` (or what
    they index in ``through``)."""
    out = np.empty(len(key), dtype=dtype)
    mask = np.uint64((1 << bits) - 1)
    for start in range(0, len(key), _SLICE):
        part = key[start : start + _SLICE] >> np.uint64(shift)
        part &= mask
        out[start : start + _SLICE] = part if through is None else through[part]
    return out


def _links(
    np: Any, sink: _Sink, prefix: str, groups: np.ndarray, values: np.ndarray,
    kinds: np.ndarray, size: int,
) -> None:  # fmt: skip
    # groups is sorted: group g's values start where the first value >= g is (searching
    # with needles of its own type, so the array is not copied to a wider one)
    offsets = np.searchsorted(groups, np.arange(size + 1, dtype=groups.dtype)).astype(np.uint32)
    other = "film" if prefix == "nf" else "name"
    sink.add_numbers(f"{prefix}_off", offsets, "I")
    sink.add_numbers(f"{prefix}_{other}", values.astype(np.int32, copy=False).view(np.uint32), "I")
    sink.add(f"{prefix}_kind", kinds.astype(np.uint8).tobytes())


def index_size(index: SearchIndex) -> dict[str, int]:
    """Entries of the index's main arrays (for tests and benchmarks)."""
    arrays: dict[str, Ints] = {"post": index.post, "name_tok": index.name_tok,
                               "deletes": index.deletes, "nf_film": index.nf_film}  # fmt: skip
    return {"words": len(index.vocab), **{name: len(values) for name, values in arrays.items()}}
