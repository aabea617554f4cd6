"""The watchlist with the catalogue's years and critics' scores, and its filters."""

from __future__ import annotations

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.errors import InvalidValue
from kinolog.db.models import FilmRef
from kinolog.db.watchlist import WatchlistFilter, filter_rows, parse_filter, watchlist_rows


def test_filters_as_people_type_them() -> None:
    assert parse_filter("1960-1979 score:70 unwatched") == WatchlistFilter(
        years=(1960, 1979), min_score=70, watched=False
    )
    assert parse_filter("1990s").years == (1990, 1999)
    assert parse_filter("2001").years == (2001, 2001)
    assert parse_filter("score:>=85 seen samurai").min_score == 85
    assert parse_filter("seen samurai").words == ("samurai",)
    with pytest.raises(InvalidValue):
        parse_filter("1990-1980")
    with pytest.raises(InvalidValue):
        parse_filter("score:120")


def test_rows_know_year_score_and_whether_watched(
    sample_catalogue: Catalogue, diary: Diary
) -> None:
    def ref(imdb_id: str) -> FilmRef:
        film = sample_catalogue.film_by_imdb_id(imdb_id)
        assert film is not None
        return FilmRef.of(film)

    samurai, stalker, oldboy = ref("tt0047478"), ref("tt0079944"), ref("tt0364569")
    diary.watchlist.add(samurai, added="2024-01-01")
    diary.watchlist.add(stalker, added="2024-02-01")
    diary.watchlist.add(oldboy, added="2024-03-01")
    unknown = FilmRef(key="title:harakiri:1962", title="Harakiri", year=1962)
    diary.watchlist.add(unknown, added="2024-04-01")
    diary.log_viewing(oldboy, rating=8, watched="2024-05-01")
    rows = watchlist_rows(diary, sample_catalogue)
    assert [(r.item.film.title, r.year, r.score, r.watched) for r in rows] == [
        ("Harakiri", 1962, None, False),
        ("Oldboy", 2003, 80, True),
        ("Stalker", 1979, None, False),  # one scored review: no critics' score
        ("Seven Samurai", 1954, 95, False),
    ]
    assert [r.item.film.title for r in filter_rows(rows, "1950-1979 unwatched")] == [
        "Harakiri", "Stalker", "Seven Samurai",
    ]  # fmt: skip
    assert [r.item.film.title for r in filter_rows(rows, "score:85")] == ["Seven Samurai"]
    assert [r.item.film.title for r in filter_rows(rows, "watched")] == ["Oldboy"]
    assert rows[1].as_json()["score"] == 80
