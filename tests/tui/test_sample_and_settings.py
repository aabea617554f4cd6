"""The shipped sample catalogue, the settings file and the state file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.sample import DIARY, sample_films, sample_review_files
from kinolog.db.search import FilmSearch
from kinolog.tui.app import KinologApp
from kinolog.tui.cli.context import Context
from kinolog.tui.settings import RecentFilms, Settings


def test_every_sample_review_finds_its_film(sample_dir: Path) -> None:
    catalogue = Catalogue(sample_dir / "catalogue.db")
    try:
        assert catalogue.unresolved_reviews() == []
        counts = catalogue.counts()
        assert counts["films"] == len(sample_films()) == 40
        assert counts["reviews"] == len(sample_review_files())
        by_film = {(f.title, f.year): n for f, n in catalogue.reviewed_films()}
        for pair in (("Solaris", 1972), ("Solaris", 2002), ("Crash", 1996), ("Crash", 2004)):
            assert by_film[pair] >= 2, pair
        reviews = [review for review, _ in catalogue.reviews_with_films()]
        assert {"de", "en"} <= {review.language for review in reviews}
        scales = {review.score_max for review in reviews}
        assert {10.0, 5.0, 100.0} <= scales and None in scales
    finally:
        catalogue.close()
    diary = Diary(sample_dir / "diary.db")
    try:
        assert diary.counts()["entries"] == len(DIARY)
    finally:
        diary.close()


def test_review_stats(sample_dir: Path) -> None:
    catalogue = Catalogue(sample_dir / "catalogue.db")
    try:
        film = FilmSearch(catalogue).find_film("solaris 1972")
        stats = catalogue.film_review_stats([film.id, 999_999])
        assert set(stats) == {film.id}
        assert stats[film.id].reviews >= 2 and stats[film.id].mean_100 is not None
        namesakes = catalogue.films_sharing_title(film)
        assert [(f.title, f.year) for f in namesakes] == [("Solaris", 2002)]
    finally:
        catalogue.close()


def test_invalid_settings_fall_back(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(
        'theme = "no-such-theme"\nreader_width = 5000\ncolour = 1\n[keymap]\n"film.rate" = 3\n',
        encoding="utf-8",
    )
    settings = Settings.load(path, themes={"textual-dark", "nord"})
    assert (settings.theme, settings.reader_width, settings.keymap) == ("textual-dark", 88, {})
    assert len(settings.warnings) == 4
    path.write_text("this is [not toml", encoding="utf-8")
    assert Settings.load(path).warnings


def test_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "kinolog" / "settings.toml"
    settings = Settings(theme="nord", reader_width=72, keymap={"film.compare": "v"}, path=path)
    settings.save()
    again = Settings.load(path, themes={"nord"})
    assert (again.theme, again.reader_width, again.keymap, again.warnings) == (
        "nord",
        72,
        {"film.compare": "v"},
        [],
    )


def test_saving_keeps_the_users_comments_order_and_other_values(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    written = (
        "# my kinolog\n"
        'theme = "nord"   # the calm one\n'
        "reader_width = 500  # too wide, kept as I wrote it\n"
        "\n"
        "[keymap]  # my keys\n"
        '"film.compare" = "v"  # v for versus\n'
    )
    path.write_text(written, encoding="utf-8")
    settings = Settings.load(path, themes={"nord", "gruvbox"})
    settings.save()
    assert path.read_text(encoding="utf-8") == written  # nothing changed, nothing rewritten
    settings.theme = "gruvbox"
    settings.save()
    assert path.read_text(encoding="utf-8") == written.replace('"nord"', '"gruvbox"')


def test_recent_films_survive_a_broken_state_file(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text("{broken", encoding="utf-8")
    recent = RecentFilms(path)
    recent.add("imdb:tt1")
    recent.add("imdb:tt2")
    recent.add("imdb:tt1")
    assert RecentFilms(path).keys == ["imdb:tt1", "imdb:tt2"]


async def test_theme_and_keymap_come_from_the_settings(sample_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "settings.toml"
    settings = Settings(theme="nord", keymap={"film.compare": "v"}, path=path)
    app = KinologApp(
        Catalogue(sample_dir / "catalogue.db"), Diary(sample_dir / "diary.db"), settings
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        app.theme = "gruvbox"
        await pilot.pause()
        assert Settings.load(path).theme == "gruvbox"
        app.open_film(app.search.find_film("solaris 1972").id)
        await pilot.pause()
        await pilot.press("v")  # film.compare remapped from c to v
        await pilot.pause()
        assert type(app.screen).__name__ == "CompareScreen"


def test_kinolog_demo_opens_the_sample_and_cleans_up(
    monkeypatch: pytest.MonkeyPatch, kinolog: Any
) -> None:
    seen: dict[str, Any] = {}

    def fake_run_app(context: Context, *, state_dir: Path | None = None) -> int:
        seen["folder"] = context.data_dir
        seen["films"] = context.catalogue.counts()["films"]
        seen["state_dir"] = state_dir
        return 0

    monkeypatch.setattr("kinolog.tui.cli.launch.run_app", fake_run_app)
    result = kinolog("demo")
    assert result.code == 0, result.err
    assert seen["films"] == 40 and seen["state_dir"] == seen["folder"]
    assert not Path(seen["folder"]).exists()  # the temporary folder is gone


async def test_the_home_list_starts_with_recently_opened_films(
    sample_app: KinologApp,
) -> None:
    from kinolog.tui.widgets.film_list import FilmList
    from tests.tui.helpers import settle

    async with sample_app.run_test(size=(120, 36)) as pilot:
        film = sample_app.search.find_film("fargo")
        sample_app.open_film(film.id)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert sample_app.screen.query_one(FilmList).highlighted_film_id == film.id
