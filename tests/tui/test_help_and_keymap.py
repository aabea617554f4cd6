"""Issue 16 items 8 and 9: help lists what works on the screen, its own keys first; a keymap
entry that names no binding or takes another binding's key is reported and left out."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.tui.app import KinologApp, import_every_screen
from kinolog.tui.dialogs.help import HelpModal
from kinolog.tui.keymap import binding_owners, check_keymap
from kinolog.tui.screens.reader import ReaderScreen
from kinolog.tui.settings import Settings
from tests.tui.helpers import ToastLog, settle

ROOT = Path(__file__).resolve().parents[2]


def every_binding_owner() -> list[type[object]]:
    """Every class with bindings, the screens the app imports when first opened too."""
    import_every_screen()
    return list(binding_owners())


def test_the_keymap_check_sees_every_screen_dialog_and_widget() -> None:
    modules = [
        f"kinolog.tui.{folder}.{path.stem}"
        for folder in ("screens", "dialogs", "widgets")
        for path in (ROOT / "tui" / folder).glob("*.py")
        if path.stem != "__init__"
    ]
    code = (
        "import sys; from kinolog.tui.app import import_every_screen; import_every_screen(); "
        f"print([name for name in {modules!r} if name not in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]", f"import_every_screen() does not import {out}"


def test_the_app_starts_without_the_screens_it_opens_later() -> None:
    code = (
        "import sys, kinolog.tui.app; "
        "print(sorted(m for m in sys.modules if m.startswith(('kinolog.tui.screens.', "
        "'kinolog.db.formats', 'kinolog.db.importers'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == str(
        ["kinolog.tui.screens.base", "kinolog.tui.screens.search", "kinolog.tui.screens.welcome"]
    )


def _keys(rows: list[tuple[str, str, str]]) -> list[str]:
    return [key for keys, _, _ in rows for key in keys.split(", ")]


async def _help(app: KinologApp, pilot: Pilot[None]) -> HelpModal:
    await pilot.press("f1")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, HelpModal)
    return screen


async def test_help_in_the_reader_lists_its_keys_first_with_space_and_b(
    sample_app: KinologApp,
) -> None:
    async with sample_app.run_test(size=(80, 24)) as pilot:
        sample_app.open_film(sample_app.search.find_film("solaris 1972").id)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(sample_app.screen, ReaderScreen)
        help_ = await _help(sample_app, pilot)
        here = {what: keys for keys, what, _ in help_.here}
        assert "space" in here["Page down"] and "b" in here["Page up"]
        assert here["Find"] == "/, ^f" and "q" in here["Back"] and "esc" in here["Back"]
        everywhere = {what for _, what, _ in help_.everywhere}
        assert {"Quit", "Help", "Undo", "Redo"} <= everywhere
        keys = _keys(help_.rows)
        assert len(keys) == len(set(keys)), "a key is listed twice"
        whats = [what for _, what, _ in help_.rows]
        assert len(whats) == len(set(whats)), "an action is listed twice"
        # the screen's own keys are visible without scrolling at 80x24
        table = help_.query_one("#help-here")
        assert table.region.y + table.region.height <= 24 - 1


async def test_help_on_the_search_screen_leaves_out_keys_the_box_takes(
    sample_app: KinologApp,
) -> None:
    async with sample_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        help_ = await _help(sample_app, pilot)
        keys = _keys(help_.rows)
        # r, d and u type into the search box there: only their other keys work
        assert "r" not in keys and "d" not in keys and "u" not in keys and "q" not in keys
        assert {"^r", "f2", "^z", "^y"} <= set(keys)
        whats = {what for _, what, _ in help_.rows}
        assert "Back" not in whats  # nothing to go back to from the home screen
        assert {"Next", "Previous", "First film", "Last film", "Open film"} <= whats
        assert "Focus Next" not in whats and "Copy selected text" not in whats


def test_keymap_reports_unknown_ids_and_keys_taken_from_other_bindings() -> None:
    usable, warnings = check_keymap(
        {
            "reader.find": "ctrl+q",  # Ctrl+Q quits from everywhere: Find would be lost
            "reader.fnd": "f",  # a typo
            "film.compare": "v",  # fine
            "diary.edit": "s",  # the diary's Stats key
            "reader.compare": "space",  # the review text's Page down
            "search.focus": "slash,ctrl+f",  # its own keys: nothing changes
        },
        every_binding_owner(),
    )
    assert usable == {"film.compare": "v", "search.focus": "slash,ctrl+f"}
    text = "\n".join(warnings)
    assert 'keymap "reader.find" = "ctrl+q": ctrl+q is already Quit (app.quit)' in text
    assert "Find stays on slash,ctrl+f" in text
    assert 'keymap "reader.fnd": no binding has this id' in text
    assert 'keymap "diary.edit" = "s": s is already Stats (diary.stats)' in text
    assert 'keymap "reader.compare" = "space": space is already Page down' in text
    assert len(warnings) == 4


async def test_a_clashing_keymap_is_reported_and_find_still_works(
    sample_dir: Path, tmp_path: Path
) -> None:
    settings = Settings(keymap={"reader.find": "ctrl+q", "film.compare": "v"})
    app = KinologApp(
        Catalogue(sample_dir / "catalogue.db"), Diary(sample_dir / "diary.db"), settings
    )
    toasts = ToastLog()
    async with app.run_test(size=(100, 30), message_hook=toasts) as pilot:
        await settle(pilot)
        assert toasts.find('keymap "reader.find" = "ctrl+q"', "warning") is not None
        app.open_film(app.search.find_film("solaris 1972").id)
        await settle(pilot)
        await pilot.press("enter", "slash")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.focused is app.screen.query_one("#find-input", Input)
        await pilot.press("escape", "escape", "v")  # the good entry still applies
        await settle(pilot)
        assert type(app.screen).__name__ == "CompareScreen"


@pytest.mark.parametrize("binding_id", ["app.quit", "screen.back", "review.page_down"])
def test_every_binding_id_is_known(binding_id: str) -> None:
    ids = {b.id for owner in every_binding_owner() for b in vars(owner)["BINDINGS"] if b.id}
    assert binding_id in ids
