import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinolog.db.errors import InvalidValue
from kinolog.db.ratings import out_of_ten, parse_rating, stars


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7", 7),
        ("7/10", 7),
        ("10/10", 10),
        ("3.5/5", 7),
        ("3,5/5", 7),
        ("3.5 / 5", 7),
        ("★★★½", 7),
        ("★★★½☆", 7),
        ("½", 1),
        ("★★★★★", 10),
        ("3.5*", 7),
        ("4 stars", 8),
        ("1", 1),
        ("-", None),
        ("", None),
    ],
)
def test_parse_rating_accepts_the_usual_forms(text: str, expected: int | None) -> None:
    assert parse_rating(text) == expected


@pytest.mark.parametrize(
    "text", ["0", "11", "3.5", "7.5/10", "3.3/5", "6/5", "abc", "7/8", "★★★★★★", "☆☆", "0/5"]
)
def test_parse_rating_refuses_what_it_cannot_know(text: str) -> None:
    with pytest.raises(InvalidValue, match=r"rating"):
        parse_rating(text)


def test_display_forms() -> None:
    assert stars(7) == "★★★½"
    assert stars(1) == "½"
    assert stars(10) == "★★★★★"
    assert stars(None) == ""
    assert out_of_ten(7) == "7/10"


@given(st.integers(min_value=1, max_value=10))
def test_every_rating_round_trips_through_each_display_form(rating: int) -> None:
    assert parse_rating(stars(rating)) == rating
    assert parse_rating(out_of_ten(rating)) == rating
    assert parse_rating(f"{rating / 2}/5") == rating
