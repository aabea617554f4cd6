"""Watchlist films and films of lists have a link state, as diary entries do: one an import
could not attach waits in the queue, shows on no film, and is settled, retried and undone."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.critics import critics_report
from kinolog.db.diary import Diary
from kinolog.db.errors import EntryNotFound
from kinolog.db.film_links import keys_of
from kinolog.db.formats.letterboxd import import_letterboxd
from kinolog.db.migrations import DIARY_MIGRATIONS
from kinolog.db.models import NO_FILM, WAITING, FilmRef
from kinolog.db.queue import FilmQueue, parse_ref
from kinolog.db.watchlist import ref_keys, watchlist_rows
from tests.conftest import CliResult
from tests.db.test_critics import rate_all
from tests.importers.test_film_paths import add_same_title_films

WATCHLIST = (
    "Date,Name,Year,Letterboxd URI\n"
    "2024-02-01,The Circle,2017,https://boxd.it/wc01\n"  # two films of 2017: which one?
    "2024-02-02,Psycho,1960,https://boxd.it/wc02\n"  # no such film in the catalogue
    "2024-02-03,Solaris,1972,https://boxd.it/wc03\n"  # clear
)
LIST = (
    "Letterboxd list export v7\n"
    "Date,Name,Tags,URL,Description\n"
    "2024-02-20,Circles,,https://boxd.it/list1,{description}\n"
    "\n"
    "Position,Name,Year,URL,Description\n"
    "1,The Circle,2017,https://boxd.it/wc01,the one with the phone\n"
    "2,Crash,1996,https://boxd.it/wc04,\n"
    "3,Psycho,1960,https://boxd.it/wc02,\n"
)


def write_export(folder: Path, description: str = "Round things.") -> Path:
    """A Letterboxd export folder with a watchlist and one list."""
    (folder / "lists").mkdir(parents=True, exist_ok=True)
    (folder / "watchlist.csv").write_text(WATCHLIST, encoding="utf-8")
    (folder / "lists" / "circles.csv").write_text(
        LIST.format(description=description), encoding="utf-8"
    )
    return folder


@pytest.fixture
def imported(catalogue: Catalogue, diary: Diary, tmp_path: Path) -> dict[str, int]:
    """The same-title films, and the export imported; film ids by label."""
    ids = add_same_title_films(catalogue)
    report = import_letterboxd(diary, [write_export(tmp_path / "export")], catalogue=catalogue)
    assert not report.bad
    return ids


def watch_states(diary: Diary) -> dict[str, str | None]:
    return {item.film.label: item.film.unlinked for item in diary.watchlist.items()}


def list_states(diary: Diary) -> dict[str, str | None]:
    [circles] = diary.lists.all()
    return {item.film.label: item.film.unlinked for item in circles.items}


def test_an_import_keeps_what_it_cannot_attach_waiting(
    catalogue: Catalogue, diary: Diary, imported: dict[str, int]
) -> None:
    assert watch_states(diary) == {
        "The Circle (2017)": WAITING, "Psycho (1960)": WAITING, "Solaris (1972)": None,
    }  # fmt: skip
    assert list_states(diary) == {
        "The Circle (2017)": WAITING, "Crash (1996)": None, "Psycho (1960)": WAITING,
    }  # fmt: skip
    circle = next(i for i in diary.watchlist.items() if i.film.title == "The Circle")
    assert circle.film.key == "title:the circle:2017"  # its own title and year, as entries
    assert circle.as_json()["film"]["unlinked"] == "waiting"
    [circles] = diary.lists.all()
    assert circles.as_json()["items"][0]["film"]["unlinked"] == "waiting"
    assert "unlinked" not in circles.as_json()["items"][1]["film"]


def test_a_waiting_film_shows_on_no_film_of_its_title_and_year(
    catalogue: Catalogue, diary: Diary, imported: dict[str, int]
) -> None:
    for label in ("The Circle (2017) James Ponsoldt", "The Circle (2017) Vera Petrov"):
        film = catalogue.get_film(imported[label])
        keys = keys_of(catalogue, film) | ref_keys(FilmRef.of(film))
        assert diary.watchlist.find(keys) is None  # not "On your watchlist"
    solaris = catalogue.get_film(imported["Solaris (1972) Andrei Tarkovsky"])
    assert diary.watchlist.find(keys_of(catalogue, solaris)) is not None
    ponsoldt = catalogue.get_film(imported["The Circle (2017) James Ponsoldt"])
    diary.log_viewing(FilmRef.of(ponsoldt), rating=6, watched="2024-05-01")
    rows = {row.item.film.label: row for row in watchlist_rows(diary, catalogue)}
    assert rows["The Circle (2017)"].film is None and rows["Solaris (1972)"].film is not None
    assert not rows["The Circle (2017)"].watched  # Ponsoldt's is seen; which one is this?
    diary.log_viewing(FilmRef("title:the circle:2017", "The Circle", 2017, unlinked=WAITING))
    rows = {row.item.film.label: row for row in watchlist_rows(diary, catalogue)}
    assert rows["The Circle (2017)"].watched  # an entry of the same unknown film


def test_putting_the_film_on_the_watchlist_is_not_the_waiting_row(
    catalogue: Catalogue, diary: Diary, imported: dict[str, int]
) -> None:
    film = catalogue.get_film(imported["The Circle (2017) James Ponsoldt"])
    on, item = diary.watchlist.toggle(FilmRef.of(film), keys_of(catalogue, film))
    assert on and item.film.linked and item.film.key == "imdb:tt4287320"
    waiting = next(i for i in diary.watchlist.items() if i.film.unlinked and i.film.year == 2017)
    # Taking the waiting row off (the watchlist screen's Delete) takes off that row only.
    off, removed = diary.watchlist.toggle(waiting.film, ref_keys(waiting.film))
    assert not off and removed.id == waiting.id
    assert diary.watchlist.find({"imdb:tt4287320"}) is not None


def test_the_queue_lists_settles_and_undoes_watchlist_and_list_films(
    catalogue: Catalogue, diary: Diary, imported: dict[str, int]
) -> None:
    queue = FilmQueue(catalogue, diary)
    items = {item.ref: item for item in queue.items()}
    kinds = sorted((item.kind, item.label) for item in items.values())
    assert kinds == [
        ("list", "Psycho (1960)"), ("list", "The Circle (2017)"),
        ("watchlist", "Psycho (1960)"), ("watchlist", "The Circle (2017)"),
    ]  # fmt: skip
    circle = next(i for i in items.values() if i.kind == "watchlist" and i.title == "The Circle")
    assert circle.detail == "watchlist: added 2024-02-01"
    assert {c.directors[0] for c in circle.resolution.possible} == {"James Ponsoldt", "Vera Petrov"}
    listed = next(i for i in items.values() if i.kind == "list" and i.title == "The Circle")
    assert listed.detail == "list: Circles, no. 1"
    assert parse_ref(circle.ref) == ("watchlist", circle.id) and parse_ref("l7") == ("list", 7)

    ponsoldt = catalogue.get_film(imported["The Circle (2017) James Ponsoldt"])
    assert "is now The Circle (2017)" in queue.attach(circle.ref, ponsoldt)
    assert diary.watchlist.find(keys_of(catalogue, ponsoldt)) is not None
    queue.attach(listed.ref, ponsoldt)
    [circles] = diary.lists.all()
    assert circles.items[0].film.key == "imdb:tt4287320" and circles.items[0].film.linked
    assert circles.items[0].note == "the one with the phone"  # only the link changed
    psycho = next(i for i in items.values() if i.kind == "list" and i.title == "Psycho")
    assert "not in the catalogue" in queue.not_in_catalogue(psycho.ref)
    assert list_states(diary)["Psycho (1960)"] == NO_FILM
    assert {item.ref for item in queue.items()} == {
        next(i.ref for i in items.values() if i.kind == "watchlist" and i.title == "Psycho")
    }
    with pytest.raises(EntryNotFound):
        queue.item(listed.ref)  # settled: no longer waiting

    diary.undo()  # the "not in the catalogue"
    diary.undo()  # the list film's link
    assert list_states(diary) == {
        "The Circle (2017)": WAITING, "Crash (1996)": None, "Psycho (1960)": WAITING,
    }  # fmt: skip
    diary.undo()  # the watchlist film's link
    assert watch_states(diary)["The Circle (2017)"] == WAITING
    assert diary.watchlist.find(keys_of(catalogue, ponsoldt)) is None


def test_waiting_films_are_tried_again_when_the_catalogue_grows(
    catalogue: Catalogue, diary: Diary, imported: dict[str, int]
) -> None:
    queue = FilmQueue(catalogue, diary)
    catalogue.add_film(title="Psycho", year=1960, imdb_id="tt0054215", directors=["Hitchcock"])
    report = queue.retry()
    assert report.watchlist == ["Psycho (1960)"] and report.lists == ["Psycho (1960)"]
    assert report.still_waiting == 2  # The Circle, twice: still two films of 2017
    assert "1 watchlist film and 1 film of a list found their film" in report.summary()
    assert watch_states(diary)["Psycho (1960)"] is None
    assert diary.watchlist.find({"imdb:tt0054215"}) is not None
    assert "undid" in diary.undo().description  # one step for the whole retry
    assert watch_states(diary)["Psycho (1960)"] == WAITING
    assert list_states(diary)["Psycho (1960)"] == WAITING


def test_a_waiting_watchlist_film_of_a_film_on_the_watchlist_joins_it(
    catalogue: Catalogue, diary: Diary, imported: dict[str, int], tmp_path: Path
) -> None:
    ponsoldt = catalogue.get_film(imported["The Circle (2017) James Ponsoldt"])
    held = diary.watchlist.add(FilmRef.of(ponsoldt), added="2023-05-05")
    circle = next(
        i for i in diary.watchlist.items() if i.film.unlinked and "Circle" in i.film.title
    )
    diary.watchlist.set_note(circle.id, "Emma Watson")
    message = FilmQueue(catalogue, diary).attach(f"watchlist:{circle.id}", ponsoldt)
    assert "on the watchlist already" in message
    on = [i for i in diary.watchlist.items() if "Circle" in i.film.title]
    assert [(i.id, i.added, i.note) for i in on] == [(held.id, "2023-05-05", "Emma Watson")]
    diary.undo()
    assert len([i for i in diary.watchlist.items() if "Circle" in i.film.title]) == 2
    assert diary.watchlist.get(held.id).note is None


def test_importing_again_changes_nothing_and_keeps_what_the_user_settled(
    catalogue: Catalogue, diary: Diary, imported: dict[str, int], tmp_path: Path
) -> None:
    queue = FilmQueue(catalogue, diary)
    ponsoldt = catalogue.get_film(imported["The Circle (2017) James Ponsoldt"])
    for item in queue.items():
        if item.title == "The Circle":
            queue.attach(item.ref, ponsoldt)
    export = tmp_path / "export"
    again = import_letterboxd(diary, [export], catalogue=catalogue)
    assert not again.changed and again.backup is None
    assert "nothing changed" in again.summary()
    # The list changed at Letterboxd: it is updated, and the film the user chose stays chosen.
    write_export(export, description="Round things and one more line.")
    changed = import_letterboxd(diary, [export], catalogue=catalogue)
    assert changed.lists_updated == ["Circles"]
    [circles] = diary.lists.all()
    assert circles.description == "Round things and one more line."
    assert circles.items[0].film.key == "imdb:tt4287320" and circles.items[0].film.linked
    assert circles.items[2].film.unlinked == WAITING  # Psycho: nobody said which


def test_a_waiting_row_is_not_the_watchlist_of_a_recommended_film(
    diary: Diary, sample_catalogue: Catalogue
) -> None:
    rate_all(diary, sample_catalogue)
    oldboy = sample_catalogue.film_by_imdb_id("tt0364569")
    assert oldboy is not None
    own = FilmRef(f"title:oldboy:{oldboy.year}", "Oldboy", oldboy.year, unlinked=WAITING)
    diary.watchlist.add(own, added="2024-01-01")  # an import could not tell which Oldboy
    found = {r.film.title: r.on_watchlist for r in critics_report(diary, sample_catalogue)
             .recommendations}  # fmt: skip
    assert found["Oldboy"] is False
    diary.watchlist.add(FilmRef.of(oldboy), added="2024-01-02")
    found = {r.film.title: r.on_watchlist for r in critics_report(diary, sample_catalogue)
             .recommendations}  # fmt: skip
    assert found["Oldboy"] is True


def _v3_diary(path: Path) -> None:
    """A diary of schema version 3 (before watchlist and list films had a link state)."""
    conn = sqlite3.connect(path)
    for migration in DIARY_MIGRATIONS[:3]:
        migration(conn)
    conn.execute("PRAGMA user_version = 3")
    conn.execute("PRAGMA application_id = 1262764033")  # kinolog's diary id (0x4B440001)
    rows = [
        # (film_key, imdb_id, title, year, added by an import?)
        ("title:the circle:2017", None, "The Circle", 2017, True),  # may be a waiting row
        ("title:alien:1979", None, "Alien", 1979, False),  # the user chose it (the app's w)
        ("imdb:tt0069293", "tt0069293", "Solaris", 1972, True),  # named by its IMDb id
        ("title:crash:1996", None, "Crash", 1997, True),  # named by its film's key, not its own
    ]
    for number, (key, imdb_id, title, year, batch) in enumerate(rows, start=1):
        conn.execute(
            "INSERT INTO watchlist (id, film_key, imdb_id, title, year, added, updated_at)"
            " VALUES (?, ?, ?, ?, ?, '2024-01-01', 'x')",
            (number, key, imdb_id, title, year),
        )
        conn.execute(
            "INSERT INTO changes (batch, target, row_id, action, after, at)"
            " VALUES (?, 'watchlist', ?, 'add', '{}', 'x')",
            ("b1" if batch else None, number),
        )
    conn.execute("INSERT INTO lists (id, name, updated_at) VALUES (1, 'Old', 'x')")
    conn.execute(
        "INSERT INTO list_items (list_id, position, film_key, title, year, updated_at)"
        " VALUES (1, 1, 'title:the circle:2017', 'The Circle', 2017, 'x')"
    )
    conn.commit()
    conn.close()


def test_the_migration_makes_rows_an_import_may_have_left_unattached_wait(
    catalogue: Catalogue, data_dir: Path
) -> None:
    path = data_dir / "old-diary.db"
    _v3_diary(path)
    diary = Diary(path)
    try:
        assert diary.store.schema_version == len(DIARY_MIGRATIONS)
        assert watch_states(diary) == {
            "The Circle (2017)": WAITING, "Alien (1979)": None, "Solaris (1972)": None,
            "Crash (1997)": None,
        }  # fmt: skip
        assert list_states(diary) == {"The Circle (2017)": WAITING}
        # The next retry attaches those that have a clear film again.
        catalogue.add_film(title="The Circle", year=2017, directors=["James Ponsoldt"])
        report = FilmQueue(catalogue, diary).retry()
        assert report.watchlist == ["The Circle (2017)"] and report.lists == ["The Circle (2017)"]
        assert watch_states(diary)["The Circle (2017)"] is None
    finally:
        diary.close()


def test_the_command_line_shows_and_settles_waiting_watchlist_and_list_films(
    kinolog: Callable[..., CliResult], diary: Diary, imported: dict[str, int]
) -> None:
    queue = json.loads(kinolog("films", "--unresolved", "--json").out)
    refs = {(item["kind"], item["title"]): item["id"] for item in queue}
    assert set(refs) == {
        ("watchlist", "The Circle"), ("watchlist", "Psycho"),
        ("list", "The Circle"), ("list", "Psycho"),
    }  # fmt: skip
    circle = refs["watchlist", "The Circle"]
    shown = kinolog("watchlist").out
    assert "The Circle (2017)" in shown and f"waits: {circle}" in shown
    assert "kinolog resolve ID FILM" in shown
    assert f"waits: {refs['list', 'Psycho']}" in kinolog("lists", "Circles").out
    data = json.loads(kinolog("watchlist", "--json").out)
    assert {d["film"]["title"]: d["film"].get("unlinked") for d in data}["Psycho"] == "waiting"

    settled = kinolog("resolve", circle, "imdb:tt9900001")
    assert settled.code == 0 and "is now The Circle (2017)" in settled.out
    assert "waits:" not in kinolog("watchlist", "--filter", "circle").out
    assert kinolog("resolve", refs["list", "Psycho"], "none").code == 0
    assert "not in the catalogue" in kinolog("lists", "Circles").out
    assert kinolog("undo").code == 0
    assert "waits: list:" in kinolog("lists", "Circles").out
    wrong = kinolog("resolve", "watchlist:999", "imdb:tt9900001")
    assert wrong.code != 0 and "watchlist" in wrong.err
