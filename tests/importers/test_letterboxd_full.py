"""A whole Letterboxd export (folder and zip): viewings, likes, watchlist and lists, re-imports
that change nothing, and the round trips back out (fixtures: tests/fixtures/diary/)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kinolog.db.backup import list_backups
from kinolog.db.diary import Diary
from kinolog.db.formats import export_diary, export_folder
from kinolog.db.formats.letterboxd import import_letterboxd
from kinolog.db.models import DiaryEntry
from tests.conftest import CliResult

DIARY = Path(__file__).resolve().parents[1] / "fixtures" / "diary" / "letterboxd"
FOLDER, ZIP = DIARY / "full", DIARY / "full.zip"
Kinolog = Callable[..., CliResult]


def viewings(diary: Diary, title: str) -> list[DiaryEntry]:
    found = [entry for entry in diary.entries() if entry.film.title == title]
    return sorted(found, key=lambda entry: (entry.watched or "", entry.id))


@pytest.mark.parametrize("export", [FOLDER, ZIP], ids=["folder", "zip"])
def test_everything_in_an_export_comes_in(diary: Diary, export: Path) -> None:
    report = import_letterboxd(diary, [export])
    assert report.bad == []
    # 13 diary rows, Seven Samurai rated but never logged; the deleted Cats is not read.
    assert len(diary.entries()) == 14 and not viewings(diary, "Cats")
    [samurai] = viewings(diary, "Seven Samurai")
    assert (samurai.watched, samurai.rating) == (None, 8)
    # Likes: on the viewing of the day it was liked, else the latest one.
    first_alien, rewatch = viewings(diary, "Alien")
    assert first_alien.liked and not rewatch.liked  # liked 2023-03-11, the first viewing
    old_heat, new_heat = viewings(diary, "Heat")
    assert new_heat.liked and not old_heat.liked  # liked 2024-07-21: the latest viewing
    assert {e.film.title for e in diary.entries() if e.liked} == {
        "Alien", "Heat", "Parasite", "Portrait of a Lady on Fire",
    }  # fmt: skip
    assert sorted(report.liked) == [
        "Alien (1979)", "Heat (1995)", "Parasite (2019)", "Portrait of a Lady on Fire (2019)",
    ]  # fmt: skip
    # The watchlist, newest first, with the day each film was added.
    assert [(item.film.label, item.added) for item in diary.watchlist.items()] == [
        ("Dune: Part Two (2024)", "2024-10-02"),
        ("Jeanne Dielman, 23 quai du Commerce, 1080 Bruxelles (1975)", "2024-06-30"),
        ("Cléo from 5 to 7 (1962)", "2024-03-15"),
        ("In the Mood for Love (2000)", "2023-09-02"),
        ("Stalker (1979)", "2023-01-20"),
        ("Harakiri (1962)", "2022-08-01"),
    ]
    # Lists with their header block, order and notes.
    top, cities = diary.lists.all()
    assert (top.name, top.description, top.tags) == (
        "All-time top five", "Ranked, and it changes every year.", ("favourites", "ranked"),
    )  # fmt: skip
    assert (top.ranked, top.url, top.created) == (True, "https://boxd.it/mQ7xk", "2024-02-20")
    assert [(item.position, item.film.title, item.note) for item in top.items] == [
        (1, "Alien", "The chestburster, still."),
        (2, "Parasite", "Stairs."),
        (3, "Heat", 'Diner scene; "I do what I do best"'),
        (4, "Portrait of a Lady on Fire", None),
        (5, "Psycho", "Shower, score, shock."),
    ]
    assert (cities.name, cities.ranked, cities.description, cities.tags) == (
        "Cities at night", False, None, (),
    )  # fmt: skip
    assert [item.film.label for item in cities.items][2].startswith("Jeanne Dielman, 23 quai")


def test_a_second_import_changes_nothing_and_makes_no_backup(diary: Diary) -> None:
    first = import_letterboxd(diary, [ZIP])
    assert first.backup is not None
    backups = list_backups(diary.path)
    again = import_letterboxd(diary, [FOLDER])  # the same export, unpacked
    assert not again.changed and again.backup is None
    assert (again.present, again.likes_present, again.watchlist_present, again.lists_present) == (
        14, 4, 6, 2,
    )  # fmt: skip
    assert again.summary().splitlines()[0].endswith(": nothing changed")
    assert list_backups(diary.path) == backups
    # No undo step either: undo takes back the real import, all of it.
    assert diary.undo().description.startswith("undid ")
    assert diary.entries() == [] and diary.watchlist.items() == [] and diary.lists.all() == []


def test_a_list_changed_at_the_source_is_updated_and_undo_restores_it(
    diary: Diary, tmp_path: Path
) -> None:
    import_letterboxd(diary, [FOLDER])
    changed = tmp_path / "lists"
    changed.mkdir()
    text = (FOLDER / "lists" / "all-time-top-five.csv").read_bytes()
    text = text.replace(
        b"5,Psycho,1960,https://boxd.it/28eC,", b"5,Heat,1995,https://boxd.it/2b3K,"
    )
    text = text.replace(b"3,Heat,1995", b"3,Psycho,1960")
    (changed / "all-time-top-five.csv").write_bytes(text)
    report = import_letterboxd(diary, [changed])
    assert report.lists_updated == ["All-time top five"] and report.added == []
    top = diary.lists.find(url="https://boxd.it/mQ7xk")
    assert top is not None and [item.film.title for item in top.items][2::2] == ["Psycho", "Heat"]
    diary.undo()
    top = diary.lists.find(url="https://boxd.it/mQ7xk")
    assert top is not None and [item.film.title for item in top.items][2::2] == ["Heat", "Psycho"]


def test_likes_alone_log_the_liked_films(diary: Diary, tmp_path: Path) -> None:
    likes = tmp_path / "likes"
    likes.mkdir()
    shutil.copy(FOLDER / "likes" / "films.csv", likes / "films.csv")
    report = import_letterboxd(diary, [likes / "films.csv"])
    assert len(report.liked) == 4 and report.bad == []
    assert all(entry.liked and entry.watched is None for entry in diary.entries())
    # The whole export afterwards: the liked films' viewings arrive, likes stay once.
    import_letterboxd(diary, [FOLDER])
    assert len(viewings(diary, "Heat")) == 3  # the undated like and two viewings


def test_the_watchlist_file_alone(diary: Diary) -> None:
    report = import_letterboxd(diary, [FOLDER / "watchlist.csv"])
    assert len(report.watchlist_added) == 6 and diary.entries() == []


def test_round_trips_of_the_watchlist_and_lists(diary: Diary, tmp_path: Path) -> None:
    import_letterboxd(diary, [ZIP])
    watchlist = tmp_path / "kinolog-watchlist-letterboxd.csv"
    with watchlist.open("w", encoding="utf-8", newline="") as out:
        result = export_diary(diary, out, "letterboxd", subject="watchlist")
    assert result.rows == 6
    assert watchlist.read_text(encoding="utf-8").splitlines()[:2] == [
        "Title,Year,imdbID,Directors",
        "Harakiri,1962,,",
    ]
    lists = tmp_path / "lists"
    assert export_folder(diary, lists, "letterboxd").rows == 2
    assert sorted(path.name for path in lists.iterdir()) == [
        "all-time-top-five.csv",
        "cities-at-night.csv",
    ]
    report = import_letterboxd(diary, [watchlist, lists])
    assert not report.changed and report.watchlist_present == 6 and report.lists_present == 2
    # Into an empty diary they bring back the same watchlist (without dates: Letterboxd's
    # import CSV has none) and the same lists.
    other = Diary(tmp_path / "other.db")
    import_letterboxd(other, [watchlist, lists])
    assert [i.film for i in other.watchlist.items()] == [i.film for i in diary.watchlist.items()]
    mine = [(found.name, found.ranked, found.items) for found in diary.lists.all()]
    theirs = [(found.name, found.ranked, found.items) for found in other.lists.all()]
    assert [(n, r, [(i.film, i.note) for i in items]) for n, r, items in mine] == [
        (n, r, [(i.film, i.note) for i in items]) for n, r, items in theirs
    ]
    other.close()


def test_import_csv_rows_named_only_by_an_unknown_id_are_reported_clearly(diary: Diary) -> None:
    report = import_letterboxd(diary, [DIARY / "import_format_likes.csv"])
    assert report.bad == [] and len(report.unkept) == 2  # no catalogue knows their ids
    assert (
        "line 2: the catalogue knows no film by tmdbID 496243 and LetterboxdURI"
        in (report.unkept[0])
    )
    assert {entry.film.title for entry in report.added} >= {"Amélie", "Psycho", "The Matrix"}
    [matrix] = viewings(diary, "The Matrix")
    assert (matrix.rating, matrix.watched) == (1, "2022-02-02")  # Rating10 wins


def test_the_cli_shows_and_exports_the_watchlist_and_lists(
    kinolog: Kinolog, tmp_path: Path
) -> None:
    done = kinolog("import", "letterboxd", str(ZIP))
    assert done.code == 0 and "put 6 on the watchlist" in done.out
    assert "lists: made 2" in done.out and "liked 4 films" in done.out
    shown = kinolog("watchlist", "--filter", "1962")
    assert "Harakiri (1962)" in shown.out and "Cléo from 5 to 7" in shown.out
    assert "Stalker" not in shown.out
    seen = kinolog("watchlist", "--filter", "watched").out
    assert "In the Mood for Love" in seen and "Harakiri" not in seen
    assert "All-time top five" in kinolog("lists").out
    one = kinolog("lists", "all-time")
    assert "1  Alien (1979)" in one.out and "The chestburster, still." in one.out
    assert kinolog("lists", "nothing like it").code == 2
    out = tmp_path / "lists"
    assert kinolog("export", "lists", "--format", "letterboxd", "-o", str(out)).code == 0
    assert (
        (out / "cities-at-night.csv")
        .read_text(encoding="utf-8")
        .startswith("Letterboxd list export v7")
    )
    assert kinolog("export", "lists", "--format", "letterboxd").code == 2  # needs a folder
    again = kinolog("import", "letterboxd", str(ZIP))
    assert "nothing changed" in again.out and "backed up" not in again.out
