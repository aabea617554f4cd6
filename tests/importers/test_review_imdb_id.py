"""The IMDb id a review states or links to (FilmFacts.imdb_id)."""

from __future__ import annotations

import pytest

from kinolog.db.importers.reviews import parse_review
from kinolog.db.importers.reviews.links import find_imdb_id, parse_imdb_id


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("tt0110912", "tt0110912"),
        ("TT0110912", "tt0110912"),
        ('"tt1234567890"', "tt1234567890"),
        ("https://www.imdb.com/title/tt0110912/", "tt0110912"),
        ("http://m.imdb.com/de/title/tt0110912/?ref_=nv", "tt0110912"),
        ("<https://imdb.de/title/tt0110912>", "tt0110912"),
        ("imdb: tt0110912", "tt0110912"),
        ("https://www.imdb.com/name/nm0000233/", None),
        ("0110912", None),
        ("tt12", None),
        ("", None),
    ],
)
def test_parse_imdb_id(value: str, expected: str | None) -> None:
    assert parse_imdb_id(value) == expected


def test_find_imdb_id_needs_exactly_one_title() -> None:
    one = "See https://www.imdb.com/title/tt0110912/ and imdb.com/title/tt0110912 again."
    assert find_imdb_id([one]) == "tt0110912"
    two = "Compare imdb.com/title/tt0110912 with imdb.com/title/tt0105236."
    assert find_imdb_id([two]) is None
    assert find_imdb_id(["no link", "imdb.com/name/nm0000233"]) is None


def test_a_link_anywhere_in_the_text_gives_the_id() -> None:
    text = (
        "Blue Ruin\n\nA quiet revenge film that never raises its voice, and is better for it.\n\n"
        "[IMDb](https://www.imdb.com/title/tt2359024/)\n"
    )
    assert parse_review(text).facts.imdb_id == "tt2359024"


def test_front_matter_and_credits_state_the_id() -> None:
    front = "---\ntitle: Blue Ruin\nimdb: tt2359024\n---\n\nA quiet revenge film.\n"
    assert parse_review(front).facts.imdb_id == "tt2359024"
    url = "---\ntitle: Blue Ruin\nimdb_id: https://www.imdb.com/title/tt2359024/\n---\n\nText.\n"
    assert parse_review(url).facts.imdb_id == "tt2359024"
    credits = (
        "Blue Ruin\n\nA quiet revenge film that never raises its voice, and is better for it.\n\n"
        "Regie: Jeremy Saulnier\nLand: USA\nIMDb: tt2359024\n"
    )
    assert parse_review(credits).facts.imdb_id == "tt2359024"


def test_a_page_linking_to_several_titles_names_none() -> None:
    text = (
        "Blue Ruin\n\nBetter than imdb.com/title/tt0110912 and worse than "
        "imdb.com/title/tt0105236, a quiet revenge film.\n"
    )
    assert parse_review(text).facts.imdb_id is None
