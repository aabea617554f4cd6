"""The diary's watchlist, lists, likes, unknown dates and one history over all of them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kinolog.db.diary import Diary
from kinolog.db.diary.lists import ListHeader
from kinolog.db.errors import EntryNotFound, NothingToUndo
from kinolog.db.migrations import DIARY_MIGRATIONS
from kinolog.db.models import FilmRef

HEAT = FilmRef(key="imdb:tt0113277", title="Heat", year=1995, imdb_id="tt0113277")
ALIEN = FilmRef(key="title:alien:1979", title="Alien", year=1979)
STALKER = FilmRef(key="imdb:tt0079944", title="Stalker", year=1979, imdb_id="tt0079944")


def test_a_diary_of_the_first_schema_keeps_its_history(tmp_path: Path) -> None:
    path = tmp_path / "diary.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    DIARY_MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO entries (film_key, title, year, rating, watched, logged_at, updated_at)"
        " VALUES ('imdb:tt0113277', 'Heat', 1995, 8, '2024-01-05', '2024-01-05T20:00:00Z',"
        " '2024-01-05T20:00:00Z')"
    )
    after = {"id": 1, "rating": 8, "deleted_at": None}
    conn.execute(
        "INSERT INTO changes (batch, entry_id, action, before, after, at)"
        " VALUES (NULL, 1, 'log', NULL, ?, '2024-01-05T20:00:00Z')",
        (json.dumps(after),),
    )
    conn.execute("COMMIT")
    conn.close()
    diary = Diary(path)
    assert diary.store.schema_version == len(DIARY_MIGRATIONS)
    [entry] = diary.entries()
    assert (entry.rating, entry.logged_known, entry.logged) == (8, True, "2024-01-05T20:00:00Z")
    assert [change["action"] for change in diary.history(entry.id)] == ["log"]
    diary.edit_entry(entry.id, rating=9)
    diary.undo()
    assert diary.get_entry(entry.id).rating == 8
    assert "undid logging Heat (1995)" in diary.undo().description
    assert diary.entries() == []
    diary.close()


def test_an_unknown_rating_date_stays_unknown(diary: Diary) -> None:
    entry = diary.log_viewing(HEAT, rating=8, watched=None, logged_known=False)
    assert entry.logged is None and entry.as_json()["logged_at"] is None
    assert entry.logged_at  # still ordered by when it came into kinolog
    assert diary.log_viewing(ALIEN, rating=9).logged_known  # logged now: known


def test_an_edit_that_changes_nothing_is_no_change(diary: Diary) -> None:
    entry = diary.log_viewing(HEAT, rating=8, tags=["cinema"])
    diary.edit_entry(entry.id, rating=8, tags=["cinema"])
    assert [change["action"] for change in diary.history(entry.id)] == ["log"]


def test_the_watchlist_adds_removes_and_undoes(diary: Diary) -> None:
    item = diary.watchlist.add(STALKER, added="2024-03-01", note="the long one")
    assert (item.added, item.note) == ("2024-03-01", "the long one")
    assert diary.watchlist.add(STALKER).id == item.id  # on it once
    unknown = diary.watchlist.add(ALIEN, added=None)
    assert unknown.added is None
    assert [found.film for found in diary.watchlist.items()] == [STALKER, ALIEN]
    assert diary.watchlist.find({"title:stalker:1979", "imdb:tt0079944"}) == item
    assert diary.watchlist.remove({"imdb:tt0079944"}) == item
    assert diary.watchlist.count() == 1
    assert diary.undo().description == "undid taking Stalker (1979) off the watchlist"
    assert diary.watchlist.count() == 2
    assert diary.undo().description == "undid adding Alien (1979) to the watchlist"
    on, toggled = diary.watchlist.toggle(STALKER)
    assert not on and diary.watchlist.items() == []
    on, toggled = diary.watchlist.toggle(STALKER)
    assert on and toggled.added is not None
    diary.watchlist.set_note(toggled.id, "a note")
    assert diary.undo().description == "undid the edit of Stalker (1979) on the watchlist"
    assert diary.watchlist.items()[0].note is None


def test_lists_are_made_replaced_deleted_and_undone(diary: Diary) -> None:
    header = ListHeader("Top three", "Ranked.", ranked=True, tags=("best", "best"))
    made = diary.lists.create(header, [(ALIEN, "Still."), (HEAT, None), (STALKER, "Zone")])
    assert [(item.position, item.film.title, item.note) for item in made.items] == [
        (1, "Alien", "Still."), (2, "Heat", None), (3, "Stalker", "Zone"),
    ]  # fmt: skip
    assert made.tags == ("best",) and made.ranked
    changed = diary.lists.replace(made.id, header, [(HEAT, "Now first.")])
    assert [item.film.title for item in changed.items] == ["Heat"]
    # The header, three films out and one in: one change.
    assert diary.undo().description == "undid 5 changes made together"
    assert [item.film.title for item in diary.lists.get(made.id).items] == [
        "Alien", "Heat", "Stalker"
    ]  # fmt: skip
    diary.lists.delete(made.id)
    assert diary.lists.all() == []
    with pytest.raises(EntryNotFound):
        diary.lists.get(made.id)
    assert diary.undo().description == "undid the deletion of the list Top three"
    assert diary.lists.find(name="top THREE") == diary.lists.get(made.id)
    diary.undo()  # making it
    assert diary.lists.all() == []
    with pytest.raises(NothingToUndo):
        diary.undo()


def test_a_like_goes_on_the_latest_viewing_and_undoes(diary: Diary) -> None:
    diary.log_viewing(HEAT, rating=8, watched="2023-02-03")
    latest = diary.log_viewing(HEAT, rating=9, watched="2024-07-20", rewatch=True)
    [changed] = diary.set_liked(HEAT, True)
    assert changed.id == latest.id and changed.liked
    assert diary.set_liked(HEAT, True) == []  # liked already
    assert diary.liked_keys() == {HEAT.key}
    diary.undo()
    assert diary.liked_keys() == set()
    [logged] = diary.set_liked(ALIEN, True)  # not in the diary: logged as watched, undated
    assert (logged.watched, logged.rating, logged.liked) == (None, None, True)
    assert len(diary.set_liked(ALIEN, False)) == 1 and diary.liked_keys() == set()
    diary.undo()
    diary.undo()
    assert diary.entries(film_key=ALIEN.key) == []
