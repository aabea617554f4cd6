import pytest

from kinolog.db.diary import Diary
from kinolog.db.diary_filter import filter_entries, known_tags, parse_filter
from kinolog.db.models import FilmRef

HEAT = FilmRef(key="imdb:tt0113277", title="Heat", year=1995, imdb_id="tt0113277")
AMELIE = FilmRef(key="imdb:tt0211915", title="Die fabelhafte Welt der Amélie", year=2001)


@pytest.fixture
def logged(diary: Diary) -> Diary:
    diary.log_viewing(HEAT, rating=9, watched="2024-05-01", tags=["crime", "LA"], liked=True)
    diary.log_viewing(HEAT, rating=6, watched="2025-01-02", rewatch=True, note="too long")
    diary.log_viewing(AMELIE, rating=None, watched="2025-02-03", tags=["paris"])
    return diary


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("", ["Die fabelhafte Welt der Amélie", "Heat", "Heat"]),
        ("heat", ["Heat", "Heat"]),
        ("amelie", ["Die fabelhafte Welt der Amélie"]),
        ("2025", ["Die fabelhafte Welt der Amélie", "Heat"]),
        ("year:2024", ["Heat"]),
        ("rating:9", ["Heat"]),
        ("rating:>=6", ["Heat", "Heat"]),
        ("r:<7", ["Heat"]),
        ("unrated", ["Die fabelhafte Welt der Amélie"]),
        ("tag:crime", ["Heat"]),
        ("#la", ["Heat"]),
        ("liked", ["Heat"]),
        ("rewatch", ["Heat"]),
        ("long", ["Heat"]),
        ("heat 2025 rewatch", ["Heat"]),
        ("heat tag:paris", []),
        ("[bold] ' % _ AND *", []),
    ],
)
def test_filters(logged: Diary, text: str, titles: list[str]) -> None:
    assert [entry.film.title for entry in filter_entries(logged.entries(), text)] == titles


def test_known_tags_most_used_first(logged: Diary) -> None:
    logged.log_viewing(AMELIE, tags=["paris"])
    assert known_tags(logged.entries()) == ["paris", "LA", "crime"]


def test_parse_never_fails() -> None:
    assert parse_filter("rating:abc year:12 #").words
