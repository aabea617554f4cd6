"""Scores whose scale the page does not write, other people's scores, and the language."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kinolog.db.importers.reviews import parse_review
from kinolog.db.importers.reviews.language import identify_language
from kinolog.db.importers.reviews.scales import (
    CollectionScale,
    bare_score,
    letter_grade,
    resolve_bare_score,
)
from kinolog.db.importers.reviews.types import BareScore, Score

WEB = Path(__file__).parents[1] / "fixtures" / "reviews" / "web"
BODY = "A long paragraph about the film, with enough words in it to count as the text of a review."


@pytest.mark.parametrize(
    ("grade", "score_100"),
    [("A+", 100), ("A", 100), ("A-", 91), ("B+", 83), ("B", 75), ("B-", 67), ("C+", 58),
     ("C", 50), ("C-", 42), ("D+", 33), ("D", 25), ("D-", 16), ("F", 0), ("b+", 83)],
)  # fmt: skip
def test_letter_grades_as_metacritic_maps_them(grade: str, score_100: int) -> None:
    score = letter_grade(grade)
    assert score is not None and score.score_100 == score_100 and score.text == grade


@pytest.mark.parametrize("text", ["G", "A++", "AB", "Fazit", ""])
def test_other_letters_are_no_grades(text: str) -> None:
    assert letter_grade(text) is None


def test_a_bare_rating_is_out_of_five_unless_the_collection_says_otherwise() -> None:
    bare = BareScore("rating: 4", 4.0, 5.0)
    assert resolve_bare_score(bare, CollectionScale()) == Score("rating: 4 (of 5)", 4.0, 5.0, 80)
    assert resolve_bare_score(bare, CollectionScale(max_bare=9)).score_100 == 40  # type: ignore[union-attr]
    assert resolve_bare_score(bare, CollectionScale(max_bare=85)).score_100 == 4  # type: ignore[union-attr]
    assert resolve_bare_score(BareScore("rating: 7", 7.0, 5.0), CollectionScale(max_bare=7)) == (
        Score("rating: 7 (of 10)", 7.0, 10.0, 70)
    )


def test_a_labelled_bare_number_takes_the_collections_one_scale() -> None:
    bare = BareScore("Wertung: 9,2", 9.2, None)
    assert resolve_bare_score(bare, CollectionScale()) is None
    ten = CollectionScale(written_scales=frozenset({10.0}))
    assert resolve_bare_score(bare, ten).score_100 == 92  # type: ignore[union-attr]
    mixed = CollectionScale(written_scales=frozenset({5.0, 10.0}))
    assert resolve_bare_score(bare, mixed) is None


def test_a_rating_that_states_its_scale_is_taken_as_written() -> None:
    assert bare_score("rating", "8/10", default_scale=5.0) == Score("8/10", 8.0, 10.0, 80)
    assert bare_score("grade", "B+", default_scale=5.0) == Score("B+", 83.0, 100.0, 83)
    assert bare_score("rating", "great", default_scale=5.0) is None
    review = parse_review("---\ntitle: Heat\nrating: 8\nrating_max: 10\n---\n\n" + BODY)
    assert review.score is not None and review.score.score_100 == 80
    stars = parse_review("---\ntitle: Heat\nstars: 4\n---\n\n" + BODY)
    assert stars.score is not None and stars.score.score_100 == 80


def test_front_matter_rating_wins_over_numbers_in_the_prose() -> None:
    text = "---\ntitle: Heat\nrating: 4\n---\n\n" + BODY + "\n\nOn IMDb it has 7,1 and 8/10.\n"
    review = parse_review(text)
    assert review.score is None and review.bare_score == BareScore("rating: 4", 4.0, 5.0)


@pytest.mark.parametrize(
    "sentence",
    [
        "Manche Kritiker gaben 5 Sterne, andere gaben gerade einmal 2 von 5.",
        "Some critics gave it 5 stars, others 1/5.",
        "Audiences still average it at around 6 out of 10.",
        "Die Presse vergab 3 von 5 Punkten.",
    ],
)
def test_other_peoples_scores_are_never_the_reviews(sentence: str) -> None:
    review = parse_review("Heat (1995)\n\n" + BODY + "\n\n" + sentence + "\n")
    assert review.score is None


def test_own_score_next_to_other_peoples_counts() -> None:
    text = "Heat (1995)\n\n" + BODY + "\n\nDie Kritik gab ihm 2 von 5, ich gebe ihm 4 von 5.\n"
    review = parse_review(text)
    assert review.score is not None and review.score.score_100 == 80


def test_score_in_emphasis() -> None:
    review = parse_review("Heat (1995)\n\n" + BODY + "\n\n**Wertung: 8/10**\n\nBis bald!\n")
    assert review.score is not None and review.score.score_100 == 80


# -- language -----------------------------------------------------------------------------------


def test_language_of_short_texts() -> None:
    """173 short German and English texts (English full of German names and the reverse)."""
    with (WEB / "short_texts.tsv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE))
    right = sum(identify_language(row["text"]) == row["lang"] for row in rows)
    english = [row for row in rows if row["lang"] == "en"]
    called_german = sum(identify_language(row["text"]) == "de" for row in english)
    assert len(rows) == 173
    assert right >= 168, f"{right} of {len(rows)} right"  # measured: 172 (py3langid de/en)
    assert called_german <= 2, f"{called_german} English texts called German"


@pytest.mark.parametrize("text", ["8/10", "", "★★★"])
def test_no_language_without_words(text: str) -> None:
    assert identify_language(text) is None


def test_declared_language_wins() -> None:
    text = "---\ntitle: Heat\nlanguage: de\n---\n\n" + BODY
    assert parse_review(text).language == "de"
    assert parse_review(BODY).language == "en"


def test_too_short_to_tell_is_no_language() -> None:
    assert parse_review("Brilliant.").language is None


def test_a_verdict_line_that_is_only_a_score_is_no_verdict() -> None:
    review = parse_review("Crash\n\n" + BODY + "\n\n**Verdict: 2.5/5**\n")
    assert review.summary is None and "Verdict" not in review.body
    assert review.score is not None and review.score.score_100 == 50
