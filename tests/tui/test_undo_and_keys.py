"""Issue 16 items 4 and 7: undo that asks, redo, this session only, Alt+letter; the keys of
the reader, the diary, the search box and the dialogs."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Footer, Input

from kinolog.db.diary import Diary
from kinolog.db.models import FilmRef
from kinolog.tui.app import KinologApp
from kinolog.tui.dialogs.confirm import ConfirmModal
from kinolog.tui.dialogs.entry import EntryModal
from kinolog.tui.dialogs.path import PathModal
from kinolog.tui.dialogs.review_picker import ReviewPickerModal
from kinolog.tui.screens.diary import DiaryScreen
from kinolog.tui.screens.film import FilmScreen
from kinolog.tui.screens.search import SearchScreen
from tests.tui.helpers import ToastLog, settle

SIZE = (100, 30)


def _ref(app: KinologApp, spec: str) -> FilmRef:
    return FilmRef.of(app.search.find_film(spec))


def _import(diary: Diary, refs: list[FilmRef]) -> None:
    with diary.batch():
        for ref in refs:
            diary.log_viewing(ref, rating=6, watched="2026-01-02")


async def test_undo_of_an_import_asks_and_says_what_it_undoes(sample_app: KinologApp) -> None:
    toasts = ToastLog()
    async with sample_app.run_test(size=SIZE, message_hook=toasts) as pilot:
        await settle(pilot)
        refs = [_ref(sample_app, spec) for spec in ("heat", "fargo", "alien")]
        _import(sample_app.diary, refs)  # made by this session (the palette's import)
        before = len(sample_app.diary.entries())
        await pilot.press("ctrl+z")
        await settle(pilot)
        dialog = sample_app.screen
        assert isinstance(dialog, ConfirmModal)
        assert dialog.heading == "Undo 3 entries?"
        assert "3 changes made together" in dialog.question and "Heat (1995)" in dialog.question
        await pilot.press("n")  # no: nothing happens
        await settle(pilot)
        assert len(sample_app.diary.entries()) == before
        await pilot.press("ctrl+z")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert len(sample_app.diary.entries()) == before - 3
        assert toasts.find("Undid 3 changes made together") is not None
        # redo: Ctrl+Y (a bigger step asks again)
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert isinstance(sample_app.screen, ConfirmModal)
        await pilot.press("enter")
        await settle(pilot)
        assert len(sample_app.diary.entries()) == before
        assert toasts.find("Redid 3 changes made together") is not None


async def test_undo_covers_only_this_sessions_changes(sample_app: KinologApp) -> None:
    toasts = ToastLog()
    async with sample_app.run_test(size=SIZE, message_hook=toasts) as pilot:
        await settle(pilot)
        other = Diary(sample_app.diary.path)  # kinolog import letterboxd in another shell
        try:
            _import(other, [_ref(sample_app, spec) for spec in ("heat", "fargo")])
        finally:
            other.close()
        before = len(sample_app.diary.entries())
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert isinstance(sample_app.screen, SearchScreen)  # nothing asked, nothing undone
        assert len(sample_app.diary.entries()) == before
        assert toasts.find("nothing to undo in this session") is not None
        # the palette's "any session" command reaches it, and asks
        sample_app.action_undo_any()
        await settle(pilot)
        assert isinstance(sample_app.screen, ConfirmModal)
        assert "not made in this session" in sample_app.screen.question
        await pilot.press("y")
        await settle(pilot)
        assert len(sample_app.diary.entries()) == before - 2


async def test_one_entry_is_undone_at_once_and_redone_with_shift_u(
    sample_app: KinologApp,
) -> None:
    toasts = ToastLog()
    async with sample_app.run_test(size=SIZE, message_hook=toasts) as pilot:
        fargo = _ref(sample_app, "fargo")
        sample_app.open_film(sample_app.search.find_film("fargo").id)
        await settle(pilot)
        await pilot.press("r", "8", "enter")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert not isinstance(sample_app.screen, ConfirmModal)
        assert sample_app.diary.current_rating(fargo.key) is None
        await pilot.press("U")
        await settle(pilot)
        assert sample_app.diary.current_rating(fargo.key) == 8
        assert toasts.find("Redid logging Fargo (1996)") is not None
        await pilot.press("U")
        await settle(pilot)
        assert toasts.find("nothing to redo") is not None


@pytest.mark.parametrize("letters", ["quentin", "ballerina"])
async def test_escape_then_fast_letters_goes_back_and_types(
    sample_app: KinologApp, letters: str
) -> None:
    """A terminal sends Esc and a quick letter as Alt+letter: it must act as Esc, then type."""
    async with sample_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _import(sample_app.diary, [_ref(sample_app, "heat")])  # something u could undo
        before = sample_app.diary.entries()
        sample_app.open_film(sample_app.search.find_film("parasite").id)
        await settle(pilot)
        await pilot.press(f"alt+{letters[0]}", *letters[1:])
        await settle(pilot)
        screen = sample_app.screen
        assert isinstance(screen, SearchScreen), "Esc was lost"
        assert screen.query_one(Input).value == letters
        assert sample_app.diary.entries() == before  # u did not undo, r did not rate


async def test_alt_letter_on_a_screen_without_a_text_box_triggers_nothing(
    sample_app: KinologApp,
) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        sample_app.open_film(sample_app.search.find_film("parasite").id)
        await settle(pilot)
        await pilot.press("enter")  # the reader
        await settle(pilot)
        await pilot.press("alt+c")  # Esc (back to the film page), then c is not "compare"
        await settle(pilot)
        assert isinstance(sample_app.screen, FilmScreen)


async def test_delete_in_the_diary_is_delete_or_shift_d_and_x_does_nothing(
    sample_app: KinologApp,
) -> None:
    toasts = ToastLog()
    async with sample_app.run_test(size=SIZE, message_hook=toasts) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = sample_app.screen
        assert isinstance(screen, DiaryScreen)
        count = len(sample_app.diary.entries())
        await pilot.press("x")
        await settle(pilot)
        assert len(sample_app.diary.entries()) == count
        for key in ("D", "delete"):
            await pilot.press(key)
            await settle(pilot)
            count -= 1
            assert len(sample_app.diary.entries()) == count
        assert toasts.find("Deleted ") is not None and "u undoes" in toasts.messages[-1]
        await pilot.press("u")
        await settle(pilot)
        assert len(sample_app.diary.entries()) == count + 1


async def test_enter_and_down_in_the_diary_filter_go_to_the_list(sample_app: KinologApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = sample_app.screen
        table = screen.query_one(DataTable)
        for key in ("enter", "down"):
            await pilot.press("slash", *"2026", key)
            await settle(pilot)
            assert screen.focused is table, key
            assert isinstance(sample_app.screen, DiaryScreen)  # Enter did not open a film


async def test_dialogs_show_their_own_keys_in_the_footer(sample_app: KinologApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        sample_app.open_film(sample_app.search.find_film("parasite").id)
        await settle(pilot)
        for open_dialog, kind, keys in (
            (lambda: pilot.press("r"), EntryModal, {"escape", "enter"}),
            (lambda: pilot.press("c", "o"), ReviewPickerModal, {"escape", "enter"}),
        ):
            await open_dialog()
            await settle(pilot)
            dialog = sample_app.screen
            assert isinstance(dialog, kind)
            assert dialog.query(Footer), kind
            shown = {key for key, active in dialog.active_bindings.items() if active.binding.show}
            assert keys <= shown, (kind, shown)
            await pilot.press("escape")
            await settle(pilot)
        sample_app.push_screen(PathModal("Import"))
        await settle(pilot)
        assert sample_app.screen.query(Footer)
        assert {"escape", "enter"} <= set(sample_app.screen.active_bindings)
