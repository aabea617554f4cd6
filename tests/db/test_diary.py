from datetime import date, timedelta

import pytest

from kinolog.db.diary import Diary, clean_tags, parse_watched
from kinolog.db.errors import EntryNotFound, InvalidValue, NothingToUndo
from kinolog.db.models import FilmRef

HEAT = FilmRef(key="imdb:tt0113277", title="Heat", year=1995, imdb_id="tt0113277")
ALIEN = FilmRef(key="title:alien:1979", title="Alien", year=1979)


def test_logging_a_viewing(diary: Diary) -> None:
    entry = diary.log_viewing(HEAT, rating=9, tags=["crime", " Crime ", "la"], note="x")
    assert entry.film == HEAT
    assert entry.rating == 9 and entry.stars == "★★★★½"
    assert entry.watched == date.today().isoformat()
    assert entry.tags == ("crime", "la")
    assert entry.as_json()["film"] == {
        "key": "imdb:tt0113277",
        "imdb_id": "tt0113277",
        "title": "Heat",
        "year": 1995,
    }


def test_watched_date_may_be_unknown(diary: Diary) -> None:
    assert diary.log_viewing(ALIEN, watched=None).watched is None
    assert diary.log_viewing(ALIEN, watched="2020-02-29").watched == "2020-02-29"


def test_current_rating_is_the_latest_rated_entry(diary: Diary) -> None:
    diary.log_viewing(HEAT, rating=6)
    diary.log_viewing(HEAT, rating=9, rewatch=True)
    diary.log_viewing(HEAT, rating=None, rewatch=True)
    assert diary.current_rating(HEAT.key) == 9
    assert diary.ratings() == {HEAT.key: 9}


def test_entries_newest_first(diary: Diary) -> None:
    diary.log_viewing(HEAT, watched="2020-01-01")
    diary.log_viewing(ALIEN, watched="2024-05-01")
    diary.log_viewing(HEAT, watched="2022-03-03")
    assert [e.watched for e in diary.entries()] == ["2024-05-01", "2022-03-03", "2020-01-01"]


def test_edit_keeps_history_and_undo_restores(diary: Diary) -> None:
    entry = diary.log_viewing(HEAT, rating=6, note="first")
    edited = diary.edit_entry(entry.id, rating=8, note="second", tags=["a"])
    assert (edited.rating, edited.note, edited.tags) == (8, "second", ("a",))
    history = diary.history(entry.id)
    assert [change["action"] for change in history] == ["log", "edit"]
    assert history[1]["before"]["rating"] == 6
    undone = diary.undo()
    assert "Heat" in undone.description
    restored = diary.get_entry(entry.id)
    assert (restored.rating, restored.note, restored.tags) == (6, "first", ())


def test_delete_is_soft_and_undoable(diary: Diary) -> None:
    entry = diary.log_viewing(ALIEN, rating=10)
    diary.delete_entry(entry.id)
    assert diary.entries() == []
    assert diary.get_entry(entry.id).deleted
    with pytest.raises(EntryNotFound):
        diary.edit_entry(entry.id, rating=5)
    diary.undo()
    assert [e.id for e in diary.entries()] == [entry.id]
    assert diary.current_rating(ALIEN.key) == 10


def test_undo_of_a_log_removes_it_and_undo_runs_out(diary: Diary) -> None:
    diary.log_viewing(HEAT, rating=7)
    diary.undo()
    assert diary.entries() == []
    with pytest.raises(NothingToUndo):
        diary.undo()


def test_a_batch_is_undone_together(diary: Diary) -> None:
    diary.log_viewing(ALIEN, rating=4)
    with diary.batch():
        diary.log_viewing(HEAT, rating=7)
        diary.log_viewing(HEAT, rating=8)
    assert "2 changes" in diary.undo().description
    assert [e.film for e in diary.entries()] == [ALIEN]


def test_a_failed_batch_writes_nothing(diary: Diary) -> None:
    with pytest.raises(InvalidValue), diary.batch():
        diary.log_viewing(HEAT, rating=7)
        diary.log_viewing(HEAT, rating=11)
    assert diary.entries() == []
    assert diary.counts()["changes"] == 0


def test_bad_values_are_refused(diary: Diary) -> None:
    with pytest.raises(InvalidValue):
        diary.log_viewing(HEAT, rating=0)
    with pytest.raises(InvalidValue):
        diary.log_viewing(HEAT, watched="31.12.2020")
    entry = diary.log_viewing(HEAT)
    with pytest.raises(InvalidValue):
        diary.edit_entry(entry.id, film_key="imdb:tt1")


def test_parse_watched() -> None:
    today = date(2026, 11, 21)
    assert parse_watched("today", today=today) == "2026-11-21"
    assert parse_watched("yesterday", today=today) == "2026-11-20"
    assert parse_watched("unknown", today=today) is None
    assert parse_watched("2019-07-04", today=today) == "2019-07-04"
    for bad in ("2019-02-30", "2019-7-4", "next week", (today + timedelta(days=5)).isoformat()):
        with pytest.raises(InvalidValue):
            parse_watched(bad, today=today)


def test_clean_tags() -> None:
    assert clean_tags([" Film  noir ", "film noir", "", "LA"]) == ("Film noir", "LA")
