"""Review files from the real web, end to end: tests/fixtures/reviews/web/ and its expected.json.

Saved pages (HTML, .mhtml), every front-matter dialect, notes, round-ups, duplicates, short
texts. Each file is imported into a catalogue that has the real films (films.json, with the
same-title pairs Solaris, Crash, Suspiria, Oldboy, Drive, Ballerina, Under the Skin), and every
review is checked against what a person would expect.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.importers.reviews import import_reviews
from kinolog.db.models import Film, Review
from kinolog.db.text import readable_source

WEB = Path(__file__).parents[1] / "fixtures" / "reviews" / "web"
EXPECTED: dict[str, dict[str, Any]] = json.loads((WEB / "expected.json").read_text("utf-8"))
FILMS: list[dict[str, Any]] = json.loads((WEB / "films.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, list[Review]]]:
    """The whole folder imported once (network switched off), reviews by fixture name."""
    catalogue = Catalogue(tmp_path_factory.mktemp("web") / "catalogue.db")
    for film in FILMS:
        catalogue.add_film(**film)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", _no_network)
        report = import_reviews(catalogue, [WEB])
    assert report.failed == 0
    by_file: dict[str, list[Review]] = {}
    for review, _ in catalogue.reviews_with_films():
        relative = Path(review.file or "").relative_to(WEB.resolve()).as_posix()
        by_file.setdefault(relative, []).append(review)
    by_file["__films__"] = catalogue.films_by_ids(  # type: ignore[assignment]
        sorted({r.film_id for rs in by_file.values() for r in rs if r.film_id is not None})
    )
    yield by_file
    catalogue.close()


def _no_network(self: socket.socket, address: object) -> None:
    raise AssertionError(f"the review import tried to connect to {address!r}")


def _film_slug(film: Film) -> str:
    slug = "".join(c if c.isalnum() else "-" for c in film.title.casefold())
    slug = slug.replace("ü", "ue").replace("ä", "ae").replace("ö", "oe")
    return f"{'-'.join(part for part in slug.split('-') if part)}-{film.year}"


def _stored(imported: dict[str, list[Review]], name: str) -> list[Review]:
    entry = EXPECTED[name]["reviews"][0]
    if entry.get("same_as"):
        return imported.get(entry["same_as"], [])
    return imported.get(name, [])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_file_lands_on_the_right_film(imported: dict[str, list[Review]], name: str) -> None:
    films = {film.id: film for film in imported["__films__"]}  # type: ignore[union-attr]
    reviews = sorted(_stored(imported, name), key=lambda review: review.id)
    expected = EXPECTED[name]["reviews"]
    assert len(reviews) == len(expected)
    for review, wanted in zip(reviews, expected, strict=True):
        if wanted["attached"]:
            assert review.film_id is not None, wanted["why"]
            assert _film_slug(films[review.film_id]) == wanted["film"], wanted["why"]
        else:
            assert review.film_id is None, wanted["why"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_review_has_its_facts_and_a_clean_body(
    imported: dict[str, list[Review]], name: str
) -> None:
    reviews = sorted(_stored(imported, name), key=lambda review: review.id)
    for review, wanted in zip(reviews, EXPECTED[name]["reviews"], strict=True):
        assert review.language == wanted["language"]
        assert review.score_100 == wanted["score_100"], wanted["why"]
        if not wanted.get("same_as"):  # a copy's review is the one stored first
            assert review.source == wanted["source"]
            assert (review.source or readable_source(review.file)) == wanted["source_shown"]
            assert review.author == wanted["author"]
            dates = (wanted["published"], *wanted.get("published_also_ok", []))
            assert review.published in dates
            assert review.url == wanted["url"]
        for text in wanted["body_must_contain"]:
            assert text in review.body
        for text in wanted["body_must_not_contain"]:
            assert text not in review.body, f"{text!r} reached the body"


def test_duplicates_are_kept_once(imported: dict[str, list[Review]]) -> None:
    # Four encodings of one text: one review. The page saved as HTML and as text: one review,
    # with the page's site name.
    assert [len(imported.get(f"dupes/{n}", [])) for n in ("die-blechtrommel.txt",)] == [1]
    for copy in ("die-blechtrommel_cp1252.txt", "die-blechtrommel_utf16.txt", "paterson.txt"):
        assert f"dupes/{copy}" not in imported
    (paterson,) = imported["dupes/celluloid-notes_paterson.html"]
    assert paterson.source == "Celluloid Notes"
