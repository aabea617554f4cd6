"""Undo and redo of the diary: steps, sessions, conflicts, and dates a film cannot have."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinolog.db.diary import Diary
from kinolog.db.errors import InvalidValue, NothingToRedo, NothingToUndo, UndoConflict
from kinolog.db.models import FilmRef

HEAT = FilmRef(key="title:heat:1995", title="Heat", year=1995)
FARGO = FilmRef(key="title:fargo:1996", title="Fargo", year=1996)
BALLERINA = FilmRef(key="title:ballerina:2025", title="Ballerina", year=2025)


def _import(diary: Diary, count: int) -> None:
    """An import-like batch of ``count`` viewings."""
    with diary.batch():
        for number in range(count):
            film = FilmRef(key=f"title:film {number}:2000", title=f"Film {number}", year=2000)
            diary.log_viewing(film, rating=6, watched="2025-01-01")


def test_redo_replays_what_undo_reversed(diary: Diary) -> None:
    entry = diary.log_viewing(HEAT, rating=8, watched="2025-03-01")
    diary.edit_entry(entry.id, rating=4)
    assert "the edit of Heat (1995)" in diary.undo().description
    assert diary.get_entry(entry.id).rating == 8
    assert diary.redo().description.startswith("redid the edit of Heat (1995)")
    assert diary.get_entry(entry.id).rating == 4
    # the redone change is live again: undo takes it back again, then the log itself
    diary.undo()
    diary.undo()
    assert diary.entries() == []
    diary.redo()
    diary.redo()
    assert diary.get_entry(entry.id).rating == 4
    with pytest.raises(NothingToRedo):
        diary.redo()


def test_redo_of_a_delete_and_of_a_batch(diary: Diary) -> None:
    entry = diary.log_viewing(HEAT, rating=8)
    diary.delete_entry(entry.id)
    diary.undo()
    assert not diary.get_entry(entry.id).deleted
    diary.redo()
    assert diary.get_entry(entry.id).deleted
    _import(diary, 5)
    assert len(diary.entries()) == 5
    diary.undo()
    assert diary.entries() == []
    diary.redo()
    assert len(diary.entries()) == 5


def test_a_new_change_ends_the_redo(diary: Diary) -> None:
    diary.log_viewing(HEAT, rating=8)
    diary.undo()
    diary.log_viewing(FARGO, rating=7)
    assert diary.next_redo() is None
    with pytest.raises(NothingToRedo):
        diary.redo()
    assert [entry.film.title for entry in diary.entries()] == ["Fargo"]


def test_next_undo_describes_a_batch_before_undoing_it(diary: Diary) -> None:
    diary.log_viewing(HEAT, rating=8)
    _import(diary, 5)
    step = diary.next_undo()
    assert step is not None and step.size == 5
    assert step.description.startswith("5 changes made together on ")
    assert "(5 viewings logged): Film " in step.description
    assert step.description.endswith("and 2 more")
    assert len(diary.entries()) == 6  # nothing changed by looking
    assert diary.undo(step).description == "undid 5 changes made together"
    assert [entry.film.title for entry in diary.entries()] == ["Heat"]


def test_a_step_shown_then_changed_is_not_undone(diary: Diary) -> None:
    diary.log_viewing(HEAT, rating=8)
    step = diary.next_undo()
    assert step is not None
    diary.undo()  # someone else undid it first
    with pytest.raises(UndoConflict, match="changed meanwhile"):
        diary.undo(step)


def test_session_undo_covers_only_this_objects_changes(data_dir: Path) -> None:
    app = Diary(data_dir / "diary.db")
    other = Diary(data_dir / "diary.db")  # another process: an import from the command line
    try:
        mine = app.log_viewing(HEAT, rating=8)
        _import(other, 3)
        step = app.next_undo(session_only=True)
        assert step is not None and step.own and step.size == 1
        undone = app.undo(session_only=True)
        assert undone.entries[0].id == mine.id
        assert len(app.entries()) == 3  # the other process's import stays
        with pytest.raises(NothingToUndo, match="this session"):
            app.undo(session_only=True)
        # the global history still reaches the import
        step = app.next_undo()
        assert step is not None and not step.own and step.size == 3
        # this session's undo can be redone by it
        assert app.next_redo(session_only=True) is not None
        app.redo(session_only=True)
        assert app.get_entry(mine.id).deleted is False
    finally:
        app.close()
        other.close()


def test_undo_refuses_to_overwrite_a_later_change_of_another_session(data_dir: Path) -> None:
    app = Diary(data_dir / "diary.db")
    other = Diary(data_dir / "diary.db")
    try:
        entry = app.log_viewing(HEAT, rating=8)
        other.edit_entry(entry.id, rating=2)
        with pytest.raises(UndoConflict, match=r"Heat \(1995\) was changed after"):
            app.undo(session_only=True)
        assert app.get_entry(entry.id).rating == 2  # nothing changed
        assert not app.get_entry(entry.id).deleted
    finally:
        app.close()
        other.close()


def test_redo_refuses_when_an_entry_changed_since_the_undo(data_dir: Path) -> None:
    app = Diary(data_dir / "diary.db")
    other = Diary(data_dir / "diary.db")
    try:
        entry = app.log_viewing(HEAT, rating=8)
        app.edit_entry(entry.id, rating=6)
        app.undo(session_only=True)
        other.edit_entry(entry.id, note="changed elsewhere")
        with pytest.raises(UndoConflict):
            app.redo(session_only=True)
        assert app.get_entry(entry.id).note == "changed elsewhere"
        assert app.get_entry(entry.id).rating == 8
    finally:
        app.close()
        other.close()


def test_a_viewing_before_the_film_existed_is_refused(diary: Diary) -> None:
    with pytest.raises(InvalidValue, match=r"1850-01-01 is before the film was made \(2025\)"):
        diary.log_viewing(BALLERINA, rating=6, watched="1850-01-01")
    with pytest.raises(InvalidValue, match="before the first films"):
        diary.log_viewing(FilmRef(key="title:x:", title="X", year=None), watched="1850-01-01")
    diary.log_viewing(BALLERINA, rating=6, watched="2024-09-10")  # a festival a year early
    entry = diary.log_viewing(HEAT, rating=6, watched="1995-12-15")
    with pytest.raises(InvalidValue, match="before the film was made"):
        diary.edit_entry(entry.id, watched="1990-01-01")
    assert diary.get_entry(entry.id).watched == "1995-12-15"
    assert len(diary.entries()) == 2
