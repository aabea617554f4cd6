"""An entry's link to its film: the link state column, relinking, and undoing it."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

from kinolog.db.diary import Diary
from kinolog.db.formats import export_diary
from kinolog.db.formats.kinolog import import_kinolog
from kinolog.db.migrations import DIARY_MIGRATIONS
from kinolog.db.models import NO_FILM, WAITING, FilmRef


def test_a_diary_of_the_first_schema_is_migrated_and_keeps_every_entry(tmp_path: Path) -> None:
    path = tmp_path / "diary.db"
    conn = sqlite3.connect(path)
    DIARY_MIGRATIONS[0](conn)
    conn.execute(
        "INSERT INTO entries (film_key, title, year, rating, logged_at, updated_at)"
        " VALUES ('title:heat:1995', 'Heat', 1995, 8, '2024-01-01T00:00:00Z', 'x')"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    diary = Diary(path)
    [entry] = diary.entries()
    assert entry.film == FilmRef("title:heat:1995", "Heat", 1995) and entry.film.linked
    assert entry.rating == 8
    diary.close()


def test_relinking_changes_only_the_link_and_undo_restores_it(diary: Diary) -> None:
    waiting = FilmRef("title:the circle:2017", "The Circle", 2017, unlinked=WAITING)
    entry = diary.log_viewing(waiting, rating=6, watched="2024-01-02", note="odd")
    assert diary.entries(film_key="title:the circle:2017") == []  # no film: on no film's page
    assert diary.ratings() == {}
    linked = diary.link_entry(entry.id, FilmRef("imdb:tt4287320", "X", None, "tt4287320"))
    assert linked.film.key == "imdb:tt4287320" and linked.film.linked
    assert (linked.film.title, linked.film.year, linked.film.imdb_id) == (
        "The Circle",
        2017,
        "tt4287320",
    )
    assert (linked.rating, linked.watched, linked.note) == (6, "2024-01-02", "odd")
    assert diary.ratings() == {"imdb:tt4287320": 6}
    assert diary.entries(film_keys=["title:x:1", "imdb:tt4287320"]) == [linked]
    assert [change["action"] for change in diary.history(entry.id)] == ["log", "edit"]
    assert diary.link_entry(entry.id, linked.film) == linked  # no change, no history
    assert len(diary.history(entry.id)) == 2
    diary.undo()
    assert diary.get_entry(entry.id).film == waiting
    none = diary.link_entry(entry.id, FilmRef(waiting.key, "", None, unlinked=NO_FILM))
    assert none.film.unlinked == NO_FILM and diary.entries(unlinked=NO_FILM) == [none]


def test_the_link_state_survives_an_export_and_import(diary: Diary, tmp_path: Path) -> None:
    diary.log_viewing(FilmRef("title:psycho:1960", "Psycho", 1960, unlinked=NO_FILM), rating=8)
    diary.log_viewing(FilmRef("title:time:2020", "Time", 2020, unlinked=WAITING), rating=6)
    diary.log_viewing(FilmRef("imdb:tt0113277", "Heat", 1995, "tt0113277"), rating=9)
    for fmt in ("json", "csv"):
        out = io.StringIO()
        export_diary(diary, out, fmt)
        path = tmp_path / f"diary.{fmt}"
        path.write_text(out.getvalue(), encoding="utf-8")
        fresh = Diary(tmp_path / f"fresh-{fmt}.db")
        import_kinolog(fresh, [path])
        states = {entry.film.title: entry.film.unlinked for entry in fresh.entries()}
        assert states == {"Psycho": NO_FILM, "Time": WAITING, "Heat": None}, fmt
        fresh.close()
    data = out.getvalue()  # the CSV
    assert data.splitlines()[0].endswith(",unlinked")
