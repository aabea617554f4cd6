"""Building a :class:`~kinolog.db.search.index.SearchIndex` from the catalogue's tables.

One pass over films, alternative titles, credits and person aliases; person names are cut
into words once per person, not once per credit. A build of the whole catalogue is saved
by :mod:`kinolog.db.search.state`; a build of a few films (``film_ids``) is the in-memory overlay
for films changed since.
"""

from __future__ import annotations

import math
import sqlite3
from array import array
from collections.abc import Collection, Iterable, Iterator
from itertools import chain
from typing import Any

from kinolog.db.search.index import (
    DEPTH_TWO_MAX_WORDS,
    KINDS,
    SearchIndex,
    bag_key,
    deletions,
    word_hash,
)
from kinolog.db.search.query import name_tokens

_ROLE_KINDS = {"director": KINDS.index("director"), "writer": KINDS.index("writer")}
_CAST = KINDS.index("cast")
_TITLE, _ORIGINAL, _ALTERNATIVE = 0, 1, 2
_CHUNK = 500


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _rows(
    conn: sqlite3.Connection, sql: str, where: str, ids: list[int] | None
) -> Iterable[tuple[Any, ...]]:
    """Rows of ``sql``, for every film or (``where`` + IN list) for the given films."""
    if ids is None:
        return conn.execute(sql)  # the cursor itself: no Python generator per row
    return chain.from_iterable(
        conn.execute(f"{sql} {where} ({','.join('?' * len(chunk))})", chunk)
        for chunk in _chunks(ids)
    )


class _Names:
    """Interns word sequences and collects (name, film, kind) pairs."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, ...], int] = {}
        self.by_text: dict[str, int | None] = {}  # people and titles repeat: cut each once
        self.pair_name = array("I")
        self.pair_film = array("I")
        self.pair_kind = bytearray()

    def intern(self, text: str | None) -> int | None:
        if not text:
            return None
        try:
            return self.by_text[text]
        except KeyError:
            pass
        words = tuple(name_tokens(text))
        name = self.ids.setdefault(words, len(self.ids)) if words else None
        self.by_text[text] = name
        return name

    def add(self, name: int | None, film_id: int, kind: int) -> None:
        if name is not None:
            self.pair_name.append(name)
            self.pair_film.append(film_id)
            self.pair_kind.append(kind)


def build_index(conn: sqlite3.Connection, film_ids: Collection[int] | None = None) -> SearchIndex:
    """Index every film of the catalogue, or only ``film_ids`` (the overlay of changes).

    Reads through ``conn`` and writes nothing; call it inside one read transaction for a
    consistent snapshot.
    """
    ids = sorted(film_ids) if film_ids is not None else None
    films = sorted(
        _rows(
            conn,
            "SELECT id, title, original_title, coalesce(year, 0), coalesce(votes, 0) FROM films",
            "WHERE id IN",
            ids,
        ),
        key=lambda row: (-row[4], row[0]),
    )
    rank = {row[0]: position for position, row in enumerate(films)}
    names = _Names()
    for film_id, title, original, _year, _votes in films:
        names.add(names.intern(title), film_id, _TITLE)
        names.add(names.intern(original), film_id, _ORIGINAL)
    for film_id, title, kind in _rows(
        conn, "SELECT film_id, title, kind FROM film_titles", "WHERE film_id IN", ids
    ):
        if film_id in rank:
            names.add(
                names.intern(title), film_id, _ORIGINAL if kind == "original" else _ALTERNATIVE
            )
    _add_people(conn, names, rank, ids)
    return _assemble(names, films, rank, full=ids is None)


def _add_people(
    conn: sqlite3.Connection, names: _Names, rank: dict[int, int], ids: list[int] | None
) -> None:
    """Credit each film with every spelling of its people's names.

    A whole-catalogue build streams the (millions of) credits after reading the spellings
    of every credited person; an overlay reads its few credits first.
    """
    sql = "SELECT film_id, person_id, role FROM credits"
    credits: Iterable[tuple[Any, ...]]
    if ids is None:
        people = None
        credits = conn.execute(sql)
    else:
        credits = [row for row in _rows(conn, sql, "WHERE film_id IN", ids) if row[0] in rank]
        people = sorted({person for _, person, _ in credits})
    first: dict[int, int] = {}  # person -> a name (most people have one spelling)
    more: dict[int, set[int]] = {}
    for person, text in _person_rows(conn, people):
        name = names.intern(text)
        if name is None:
            continue
        known = first.setdefault(person, name)
        if known != name:
            more.setdefault(person, {known}).add(name)
    for film_id, person, role in credits:
        kind = _ROLE_KINDS.get(role, _CAST)
        if person in more:
            for name in sorted(more[person]):
                names.add(name, film_id, kind)
        elif person in first:
            names.add(first[person], film_id, kind)


def _person_rows(conn: sqlite3.Connection, people: list[int] | None) -> Iterable[tuple[Any, ...]]:
    """Every spelling of each person: the name and its aliases (of ``people``, or of all
    credited people)."""
    sql = "SELECT id, name FROM people{} UNION SELECT person_id, alias FROM person_aliases{}"
    if people is None:
        credited = " WHERE {} IN (SELECT person_id FROM credits)"
        return conn.execute(sql.format(credited.format("id"), credited.format("person_id")))
    return chain.from_iterable(
        conn.execute(
            sql.format(f" WHERE id IN ({marks})", f" WHERE person_id IN ({marks})"), chunk + chunk
        )
        for chunk in _chunks(people)
        for marks in [",".join("?" * len(chunk))]
    )


def _assemble(
    names: _Names, films: list[tuple[Any, ...]], rank: dict[int, int], *, full: bool
) -> SearchIndex:
    votes_of = {row[0]: row[4] for row in films}
    # A name is as popular as the most voted film carrying it; ties keep first-seen order.
    count = len(names.ids)
    best = array("q", [-1]) * count
    for name, film_id in zip(names.pair_name, names.pair_film, strict=True):
        votes = votes_of[film_id]
        if votes > best[name]:
            best[name] = votes
    order = sorted(range(count), key=lambda name: (-best[name], name))
    new_id = array("I", [0]) * count
    for position, name in enumerate(order):
        new_id[name] = position
    words_of = list(names.ids)
    vocab = sorted({word for words in words_of for word in words})
    word_ids = {word: index for index, word in enumerate(vocab)}

    name_off, name_tok = array("I", [0]), array("I")
    df = array("I", [0]) * len(vocab)
    keys = []
    for position, name in enumerate(order):
        words = words_of[name]
        ids = [word_ids[word] for word in words]
        name_tok.extend(ids)
        name_off.append(len(name_tok))
        for word_id in set(ids):
            df[word_id] += 1
        keys.append(word_hash(bag_key(words)) << 32 | position)
    post_off = array("I", [0])
    for word_id in range(len(vocab)):
        post_off.append(post_off[-1] + df[word_id])
    post = array("I", [0]) * post_off[-1]
    cursor = array("I", post_off[:-1])
    for position in range(count):
        for word_id in sorted(set(name_tok[name_off[position] : name_off[position + 1]])):
            post[cursor[word_id]] = position
            cursor[word_id] += 1

    nf_off, nf_film, nf_kind = _name_films(names, new_id, rank, count)
    fn_off, fn_name, fn_kind = _film_names(nf_off, nf_film, nf_kind, max(rank, default=0) + 1)
    depth = 2 if len(vocab) <= DEPTH_TWO_MAX_WORDS else 1
    deletes = sorted(
        word_hash(variant) << 32 | word_id
        for word_id, word in enumerate(vocab)
        for variant in deletions(word, depth)
    )
    total = max(count, 1)
    film_year: array[int] | dict[int, int]
    film_votes: array[int] | dict[int, int]
    if full:
        size = max(rank, default=0) + 1
        film_year, film_votes = array("H", [0]) * size, array("I", [0]) * size
    else:
        film_year, film_votes = {}, {}
    for film_id, _title, _original, year, votes in films:
        film_year[film_id] = year if 0 < year < 65536 else 0
        film_votes[film_id] = min(int(votes), 2**32 - 1)
    return SearchIndex(
        vocab=vocab,
        post_off=post_off,
        post=post,
        name_off=name_off,
        name_tok=name_tok,
        nf_off=nf_off,
        nf_film=nf_film,
        nf_kind=bytes(nf_kind),
        fn_off=fn_off,
        fn_name=fn_name,
        fn_kind=bytes(fn_kind),
        name_keys=array("Q", sorted(keys)),
        deletes=array("Q", deletes),
        idf=array("f", (_idf(word, n, total) for word, n in zip(vocab, df, strict=True))),
        films_by_votes=array("I", (row[0] for row in films)),
        film_year=film_year,
        film_votes=film_votes,
        delete_depth=depth,
    )


NUMBER_IDF = 4.0


def _idf(word: str, df: int, total: int) -> float:
    """Inverse document frequency; one fixed value for short numbers (sequel numbers),
    so that "Part 2" does not count for less than "Part 1" because sequels are common."""
    if len(word) <= 2 and word.isdigit():
        return NUMBER_IDF
    return math.log(1 + total / max(df, 1))


def _name_films(
    names: _Names, new_id: array[int], rank: dict[int, int], count: int
) -> tuple[array[int], array[int], bytearray]:
    """Name -> (film, kind) lists, films by popularity, each film once (its best kind)."""
    keys = sorted(
        (new_id[name] << 27 | rank[film_id]) << 3 | kind
        for name, film_id, kind in zip(
            names.pair_name, names.pair_film, names.pair_kind, strict=True
        )
    )
    by_rank = sorted(rank, key=rank.__getitem__)
    nf_off, nf_film, nf_kind = array("I", [0]) * (count + 1), array("I"), bytearray()
    previous = -1
    for key in keys:
        pair = key >> 3
        if pair == previous:
            continue
        previous = pair
        nf_film.append(by_rank[pair & (2**27 - 1)])
        nf_kind.append(key & 7)
        nf_off[(pair >> 27) + 1] = len(nf_film)
    for position in range(1, count + 1):
        nf_off[position] = max(nf_off[position], nf_off[position - 1])
    return nf_off, nf_film, nf_kind


def _film_names(
    nf_off: array[int], nf_film: array[int], nf_kind: bytearray, films: int
) -> tuple[array[int], array[int], bytearray]:
    """Film id -> the names it carries: the name -> films lists, inverted."""
    counts = array("I", [0]) * (films + 1)
    for film_id in nf_film:
        counts[film_id + 1] += 1
    for film_id in range(1, films + 1):
        counts[film_id] += counts[film_id - 1]
    fn_name = array("I", [0]) * len(nf_film)
    fn_kind = bytearray(len(nf_film))
    cursor = array("I", counts[:-1])
    for name in range(len(nf_off) - 1):
        for entry in range(nf_off[name], nf_off[name + 1]):
            film_id = nf_film[entry]
            fn_name[cursor[film_id]] = name
            fn_kind[cursor[film_id]] = nf_kind[entry]
            cursor[film_id] += 1
    return counts, fn_name, fn_kind
