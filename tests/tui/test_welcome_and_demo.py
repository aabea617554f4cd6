"""Issue 16 item 13: the welcome screen's commands work on an empty catalogue, and the demo
never writes the user's settings."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.tui.app import KinologApp, create_app
from kinolog.tui.screens.search import SearchScreen
from kinolog.tui.screens.welcome import SUGGESTED, WELCOME, WelcomeScreen
from kinolog.tui.settings import Settings
from tests.tui.helpers import settle

FIXTURES = Path(__file__).parents[1] / "fixtures"
USER_SETTINGS = '# mine\ntheme = "nord"  # calm\n'


def _placeholders(tmp_path: Path) -> dict[str, str]:
    """A real file or folder for each placeholder of the welcome screen's commands."""
    reviews = tmp_path / "reviews"
    reviews.mkdir()
    shutil.copy(FIXTURES / "reviews" / "credits_de_parasite.txt", reviews)
    return {
        "FOLDER": str(reviews),
        "title.basics.tsv.gz": str(FIXTURES / "imdb" / "title.basics.tsv"),
        "EXPORT.zip": str(FIXTURES / "diary" / "letterboxd" / "full.zip"),
    }


@pytest.mark.parametrize("command", [command for command, _ in SUGGESTED])
def test_each_suggested_command_works_on_an_empty_catalogue(
    command: str, kinolog: Any, tmp_path: Path, data_dir: Path
) -> None:
    assert command in WELCOME
    words = command.split()[1:]
    assert words[0] not in {"rate", "show"}  # they need a film the empty catalogue lacks
    files = _placeholders(tmp_path)
    result = kinolog(*(files.get(word, word) for word in words))
    assert result.code == 0, result.err
    catalogue = Catalogue(data_dir / "catalogue.db")
    diary = Diary(data_dir / "diary.db")
    try:
        assert catalogue.counts()["films"] > 0 or diary.counts()["entries"] > 0
    finally:
        catalogue.close()
        diary.close()


async def test_the_welcome_screen_shows_the_commands(empty_app: KinologApp) -> None:
    async with empty_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(empty_app.screen, WelcomeScreen)
        text = str(empty_app.screen.query_one("#welcome-text").render())
        assert 'rate "' not in text  # no command that fails on an empty catalogue
        assert all(command in text for command, _ in SUGGESTED)


async def test_a_theme_picked_in_kinolog_demo_stays_in_the_demo(
    sample_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "user-config"
    config.mkdir()
    (config / "settings.toml").write_text(USER_SETTINGS, encoding="utf-8")
    monkeypatch.setenv("KINOLOG_CONFIG_DIR", str(config))
    catalogue = Catalogue(sample_dir / "catalogue.db")
    diary = Diary(sample_dir / "diary.db")
    app = create_app(catalogue, diary, state_dir=sample_dir)  # what `kinolog demo` does
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert app.theme == "nord"  # the user's settings are read...
            app.theme = "gruvbox"
            await settle(pilot)
    finally:
        catalogue.close()
        diary.close()
    assert (config / "settings.toml").read_text(encoding="utf-8") == USER_SETTINGS  # ...not written
    assert 'theme = "gruvbox"' in (sample_dir / "settings.toml").read_text(encoding="utf-8")
    assert not (config / "state.json").exists()


async def test_a_theme_picked_in_the_sample_from_the_welcome_screen_stays_there(
    empty_app: KinologApp, tmp_path: Path
) -> None:
    path = tmp_path / "user-config" / "settings.toml"
    path.parent.mkdir()
    path.write_text(USER_SETTINGS, encoding="utf-8")
    empty_app.settings = Settings.load(path)
    async with empty_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")  # open the sample
        await settle(pilot)
        assert isinstance(empty_app.screen, SearchScreen)
        empty_app.theme = "gruvbox"
        await settle(pilot)
    assert path.read_text(encoding="utf-8") == USER_SETTINGS
