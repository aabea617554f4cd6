"""Writing one file's reviews to the catalogue: insert, update in place, or merge a duplicate.

A file gives one review, or one per film of a round-up (``part`` 0, 1, 2 ... share the file).
Part 0's ``sha256`` is the hash of the file's normalised text; a later part's is derived from it.
A review whose body is nearly the same as another review of the same film (the same page saved as
HTML and as text) is that review: it is not stored twice, and it lends the stored one what it
lacks (the site's name, the address, the author, the date).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import asdict, replace

from rapidfuzz import fuzz, process

from kinolog.db.importers.reviews.films import FilmMatch, match_film
from kinolog.db.importers.reviews.reading import ReviewText, text_hash
from kinolog.db.importers.reviews.report import ReviewResult
from kinolog.db.importers.reviews.scales import CollectionScale, resolve_bare_score
from kinolog.db.importers.reviews.types import BareScore, ParsedReview
from kinolog.db.search import FilmSearch
from kinolog.db.store import now_iso

__all__ = [
    "NEAR_DUPLICATE",
    "bare_from_json",
    "film_label",
    "part_sha",
    "rescale_collection",
    "store_reviews",
]

NEAR_DUPLICATE = 90.0
"""rapidfuzz ``ratio`` of two bodies of one film at or above which they are one review.

The same page saved as HTML and as text scored 95.5; two different reviews of one film 41.
"""
_COMPARED_CHARS = 6000
# Short bodies are alike by chance ("A strong film." / "A strong film!"): only texts of a
# paragraph or more are compared.
_MIN_COMPARED_CHARS = 200
_LENGTH_WINDOW = NEAR_DUPLICATE / (200 - NEAR_DUPLICATE)
_FILLED_FROM_DUPLICATE = ("source", "url", "author", "published", "headline")


def part_sha(text_sha: str, part: int) -> str:
    """The ``sha256`` of a file's review number ``part`` (part 0: the text's own hash)."""
    return text_sha if part == 0 else text_hash(f"{text_sha}#{part}")


def store_reviews(
    conn: sqlite3.Connection,
    *,
    name: str | None,
    kept: ReviewText,
    reviews: list[ParsedReview],
    scale: CollectionScale,
    pinned: Mapping[int, int],
    existing: Mapping[int, int],
    search: FilmSearch | None = None,
) -> tuple[str, list[ReviewResult]]:
    """Store a file's reviews, updating its earlier reviews in place.

    Args:
        name: The file's path as stored.
        kept: The file's text.
        reviews: Its parsed reviews, in order.
        scale: What the file's folder says about rating scales.
        pinned: Parts whose film the user chose (part -> film id).
        existing: The file's stored reviews (part -> review id): updated in place, and those
            beyond the new number of parts deleted.
        search: the catalogue's search index, for the film resolver's candidates.

    Returns:
        "added", "updated" or "unchanged", and one result per review.
    """
    changed = False
    results: list[ReviewResult] = []
    for part, parsed in enumerate(reviews):
        row_id = existing.get(part)
        film = pinned.get(part)
        match = (
            FilmMatch(film) if film is not None else match_film(conn, parsed.facts, search=search)
        )
        values = review_values(parsed, kept, name=name, part=part, scale=scale)
        values["film_id"], values["film_pinned"] = match.film_id, int(film is not None)
        facts = parsed.facts
        result = ReviewResult(  # with how the film was found, for --explain
            match.film_id,
            film_label(conn, match.film_id),
            match.reason,
            resolution=match.resolution,
            made_film=match.created,
            chosen=film is not None,
            title=facts.title or facts.original_title or parsed.headline,
            year=facts.year,
        )
        duplicate = _duplicate_of(conn, values, row_id)
        if duplicate is not None:
            other_id, other_file = duplicate
            changed |= _lend(conn, other_id, values)
            if row_id is not None:
                conn.execute("DELETE FROM reviews WHERE id = ?", (row_id,))
                changed = True
            results.append(replace(result, reason="", duplicate_of=other_file or "?"))
            continue
        changed |= _write(conn, row_id, values)
        results.append(result)
    for part, row_id in existing.items():
        if part >= len(reviews):
            conn.execute("DELETE FROM reviews WHERE id = ?", (row_id,))
            changed = True
    if not existing and any(r.duplicate_of is None for r in results):
        return "added", results
    return ("updated" if changed else "unchanged"), results


def review_values(
    parsed: ParsedReview, kept: ReviewText, *, name: str | None, part: int, scale: CollectionScale
) -> dict[str, object]:
    """The ``reviews`` columns of one parsed review (film columns aside)."""
    score = parsed.score
    bare = parsed.bare_score
    if score is None and bare is not None:
        score = resolve_bare_score(bare, scale)
    return {
        "source": parsed.source,
        "author": parsed.author,
        "language": parsed.language,
        "published": parsed.published,
        "url": parsed.url or kept.url,
        "headline": parsed.headline,
        "summary": parsed.summary,
        "body": parsed.body,
        "score_text": score.text if score else (bare.text if bare else None),
        "score": score.value if score else None,
        "score_max": score.scale if score else None,
        "score_100": score.score_100 if score else None,
        "score_bare": _bare_json(bare) if parsed.score is None else None,
        "layout": parsed.layout,
        "facts": json.dumps(asdict(parsed.facts), ensure_ascii=False),
        "file": name,
        "part": part,
        "format": kept.format,
        "sha256": part_sha(kept.sha256, part),
        "encoding": kept.encoding,
        "raw_text": kept.text,
    }


def rescale_collection(conn: sqlite3.Connection, folder: str, scale: CollectionScale) -> int:
    """Scale the bare ratings of a folder's stored reviews again; returns how many changed."""
    changed = 0
    rows = conn.execute(
        "SELECT id, file, score_bare, score_max FROM reviews WHERE score_bare IS NOT NULL"
        " AND file >= ? AND file < ?",
        (folder + "/", folder + "0"),  # "0" sorts right after "/"
    ).fetchall()
    for review_id, name, bare_json, old_scale in rows:
        bare = bare_from_json(bare_json)
        if bare is None or "/" in name[len(folder) + 1 :]:
            continue  # a sub-folder is a collection of its own
        score = resolve_bare_score(bare, scale)
        new_scale = score.scale if score else None
        if new_scale == old_scale:
            continue
        conn.execute(
            "UPDATE reviews SET score_text = ?, score = ?, score_max = ?, score_100 = ?,"
            " updated_at = ? WHERE id = ?",
            (
                score.text if score else bare.text,
                score.value if score else None,
                new_scale,
                score.score_100 if score else None,
                now_iso(),
                review_id,
            ),
        )
        changed += 1
    return changed


def film_label(conn: sqlite3.Connection, film_id: int | None) -> str | None:
    """``Title (Year)`` of a catalogue film."""
    if film_id is None:
        return None
    row = conn.execute("SELECT title, year FROM films WHERE id = ?", (film_id,)).fetchone()
    if row is None:
        return None
    return f"{row[0]} ({row[1]})" if row[1] else row[0]


def _write(conn: sqlite3.Connection, row_id: int | None, values: dict[str, object]) -> bool:
    """Insert or update one review; True when something changed."""
    stamp = now_iso()
    if row_id is None:
        columns = [*values, "imported_at", "updated_at"]
        conn.execute(
            f"INSERT INTO reviews ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            (*values.values(), stamp, stamp),
        )
        return True
    before = conn.execute(
        f"SELECT {', '.join(values)} FROM reviews WHERE id = ?", (row_id,)
    ).fetchone()
    if tuple(before) == tuple(values.values()):
        return False
    assignments = ", ".join(f"{column} = ?" for column in values)
    conn.execute(
        f"UPDATE reviews SET {assignments}, updated_at = ? WHERE id = ?",
        (*values.values(), stamp, row_id),
    )
    return True


def _duplicate_of(
    conn: sqlite3.Connection, values: dict[str, object], row_id: int | None
) -> tuple[int, str | None] | None:
    """Another stored review this one repeats: the same text, or nearly the same body and film.

    Of two stored copies, the older one stays.
    """
    same = conn.execute(
        "SELECT id, file FROM reviews WHERE sha256 = ? AND id IS NOT ?", (values["sha256"], row_id)
    ).fetchone()
    if same is not None:
        return same[0], same[1]
    film_id = values["film_id"]
    body = str(values["body"])[:_COMPARED_CHARS]
    if film_id is None or len(body) < _MIN_COMPARED_CHARS:
        return None
    # ratio >= 90 needs lengths within 90/110 of each other: a cheap filter in SQL first.
    shortest, longest = len(body) * _LENGTH_WINDOW, len(body) / _LENGTH_WINDOW
    rows = conn.execute(
        "SELECT id, file, substr(body, 1, ?) FROM reviews WHERE film_id = ? AND id IS NOT ?"
        " AND file IS NOT ? AND (? IS NULL OR id < ?)"  # of two stored copies the older stays
        " AND min(length(body), ?) BETWEEN ? AND ?",
        (_COMPARED_CHARS, film_id, row_id, values["file"], row_id, row_id, _COMPARED_CHARS,
         shortest, longest),
    ).fetchall()  # fmt: skip
    if not rows:
        return None
    found = process.extractOne(
        body, [row[2] for row in rows], scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE
    )
    if found is None:
        return None
    other_id, other_file, _ = rows[found[2]]
    return other_id, other_file


def _lend(conn: sqlite3.Connection, review_id: int, values: dict[str, object]) -> bool:
    """Fill what a stored review lacks from its duplicate (a page's site name, address ...)."""
    current = conn.execute(
        f"SELECT {', '.join(_FILLED_FROM_DUPLICATE)} FROM reviews WHERE id = ?", (review_id,)
    ).fetchone()
    updates = {
        column: values[column]
        for column, value in zip(_FILLED_FROM_DUPLICATE, current, strict=True)
        if value is None and values.get(column) is not None
    }
    if not updates:
        return False
    assignments = ", ".join(f"{column} = ?" for column in updates)
    conn.execute(
        f"UPDATE reviews SET {assignments}, updated_at = ? WHERE id = ?",
        (*updates.values(), now_iso(), review_id),
    )
    return True


def _bare_json(bare: BareScore | None) -> str | None:
    if bare is None:
        return None
    return json.dumps({"text": bare.text, "value": bare.value, "default": bare.default_scale})


def bare_from_json(text: str) -> BareScore | None:
    """A stored bare rating (the ``score_bare`` column), None when it cannot be read."""
    try:
        data = json.loads(text)
        return BareScore(str(data["text"]), float(data["value"]), data.get("default"))
    except (ValueError, KeyError, TypeError):
        return None
