"""Letterboxd import-format rows that name their film only by tmdbID or LetterboxdURI: found
by the id when the catalogue knows it, else reported as not kept (one line each)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.external_ids import letterboxd_form, letterboxd_link
from kinolog.db.formats.letterboxd import import_letterboxd
from kinolog.db.importers.films import import_films_list
from kinolog.db.migrations import CATALOGUE_MIGRATIONS
from tests.conftest import CliResult, add_sample_films

Kinolog = Callable[..., CliResult]
HEADER = "LetterboxdURI,tmdbID,imdbID,Title,Year,Directors,Rating,Rating10,WatchedDate,Rewatch\n"
ROWS = (
    ",496243,,,,,4.5,,2024-01-05,false\n"  # line 2: Parasite by its TMDB id
    "https://letterboxd.com/film/heat-1995/,,,,,,4,,2024-02-02,false\n"  # line 3: Heat by link
    ",999999,,,,,3,,2024-03-03,false\n"  # line 4: an id nobody knows
    ",,,Pulp Fiction,1994,,5,,2024-04-04,false\n"  # line 5: by its title, as ever
)


@pytest.fixture
def by_ids(tmp_path: Path) -> Path:
    path = tmp_path / "letterboxd-import.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    return path


@pytest.fixture
def known(catalogue: Catalogue, tmp_path: Path) -> Catalogue:
    """The sample films, and a film list that brings Parasite's TMDB id and Heat's link."""
    add_sample_films(catalogue)
    listed = tmp_path / "films.csv"
    listed.write_text(
        "title,year,imdb_id,tmdb_id,letterboxd_uri,directors\n"
        "Parasite,2019,tt6751668,496243,,Bong Joon-ho\n"
        "Heat,1995,tt0113277,,https://letterboxd.com/film/heat-1995/,Michael Mann\n",
        encoding="utf-8",
    )
    assert import_films_list(catalogue, listed).malformed == 0
    return catalogue


def test_rows_named_by_an_id_the_catalogue_knows_are_found_by_it(
    diary: Diary, known: Catalogue, by_ids: Path
) -> None:
    report = import_letterboxd(diary, [by_ids], catalogue=known)
    films = {(e.film.title, e.film.year, e.film.key, e.rating) for e in diary.entries()}
    assert films == {
        ("Parasite", 2019, "imdb:tt6751668", 9),
        ("Heat", 1995, "imdb:tt0113277", 8),
        ("Pulp Fiction", 1994, "imdb:tt0110912", 10),
    }
    assert report.bad == []
    [line] = report.unkept  # the unknown id: one clear line, the rest imported
    assert line.startswith(f"{by_ids} line 4: the catalogue knows no film by tmdbID 999999")
    assert "not imported" in line and "kinolog import films" in line
    assert "1 row not kept (their film named only by an id" in report.summary()
    decisions = {d.label: d for d in report.decisions}
    assert decisions["tmdbID 496243"].explain()[1:3] == [
        f"-> Parasite (2019) [id:{known.film_by_imdb_id('tt6751668').id}] score 100",  # type: ignore[union-attr]
        "   +100 tmdb:496243 names this film",
    ]
    assert decisions["LetterboxdURI https://letterboxd.com/film/heat-1995/"].status == "attached"
    unknown = decisions["tmdbID 999999"].as_json()
    assert (unknown["status"], unknown["key"], unknown["line"]) == ("not_in_catalogue", None, 4)
    # Importing again changes nothing: the rows found by their ids are there already.
    again = import_letterboxd(diary, [by_ids], catalogue=known)
    assert not again.changed and len(again.unkept) == 1


def test_without_the_catalogue_knowing_them_they_are_not_kept(
    diary: Diary, catalogue: Catalogue, by_ids: Path
) -> None:
    report = import_letterboxd(diary, [by_ids], catalogue=catalogue)
    assert [line.split(": ")[0] for line in report.unkept] == [
        f"{by_ids} line 2", f"{by_ids} line 3", f"{by_ids} line 4"
    ]  # fmt: skip
    assert "LetterboxdURI https://letterboxd.com/film/heat-1995/" in report.unkept[1]
    assert [e.film.title for e in diary.entries()] == ["Pulp Fiction"]
    assert report.bad == [] and report.rows == 4


def test_a_watchlist_named_by_ids_and_bad_ids(
    diary: Diary, known: Catalogue, tmp_path: Path
) -> None:
    watchlist = tmp_path / "my-watchlist.csv"  # the import CSV, read as the watchlist
    watchlist.write_text(
        "LetterboxdURI,tmdbID,imdbID,Title,Year\n,496243,,,\n,not-a-number,,,\n",
        encoding="utf-8",
    )
    report = import_letterboxd(diary, [watchlist], catalogue=known)
    assert [(i.film.title, i.film.key) for i in diary.watchlist.items()] == [
        ("Parasite", "imdb:tt6751668")
    ]
    assert report.bad == [f"{watchlist} line 3: tmdbID 'not-a-number' is not a TMDB id (a number)"]
    # A diary.csv row's Letterboxd URI is its diary entry's, not its film's: no film name.
    diary_csv = tmp_path / "diary.csv"
    diary_csv.write_text(
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
        "2024-01-01,,,https://boxd.it/abc123,4,,,2024-01-01\n",
        encoding="utf-8",
    )
    assert import_letterboxd(diary, [diary_csv], catalogue=known).bad == [
        f"{diary_csv} line 2: no film name"
    ]


def test_the_command_line_reports_them_and_explains(
    kinolog: Kinolog, known: Catalogue, diary: Diary, by_ids: Path
) -> None:
    explained = kinolog("import", "letterboxd", str(by_ids), "--dry-run", "--explain")
    assert explained.code == 1  # a row was not imported
    assert f"{by_ids} line 4: the catalogue knows no film by tmdbID 999999" in explained.err
    assert f"{by_ids} line 2: tmdbID 496243" in explained.out
    assert "+100 tmdb:496243 names this film" in explained.out
    assert "1 row not kept" in explained.out
    data = json.loads(kinolog("import", "letterboxd", str(by_ids), "--json").out)
    assert len(data["unkept"]) == 1 and data["bad"] == []
    assert len(diary.entries()) == 3


def test_letterboxd_links_are_written_one_way() -> None:
    assert letterboxd_link(" http://www.Letterboxd.com/film/Heat-1995 ") == (
        "https://letterboxd.com/film/heat-1995/"
    )
    assert letterboxd_link("boxd.it/2b0K/") == "https://boxd.it/2b0K"  # short links keep case
    assert letterboxd_link("https://example.org/x/") == "https://example.org/x/"
    assert [letterboxd_form(v) for v in ("https://boxd.it/2b0k", "letterboxd.com/film/x", "x")] == [
        "short", "page", None
    ]  # fmt: skip


def test_a_link_of_the_other_form_never_rules_a_film_out(
    diary: Diary, catalogue: Catalogue, tmp_path: Path
) -> None:
    """The catalogue knows Heat by its film page (written without https and slash); Letterboxd's
    export names it by its short link: the title and year find it, the links do not refute."""
    listed = tmp_path / "films.csv"
    listed.write_text(
        "title,year,letterboxd_uri,directors\n"
        "Heat,1995,http://www.letterboxd.com/film/heat-1995,Michael Mann\n"
        "Heat,1986,https://boxd.it/1aBc,Dick Richards\n",
        encoding="utf-8",
    )
    import_films_list(catalogue, listed)
    watchlist = tmp_path / "watchlist.csv"
    watchlist.write_text(
        "Date,Name,Year,Letterboxd URI\n2024-01-01,Heat,1995,https://boxd.it/2b0k\n",
        encoding="utf-8",
    )
    report = import_letterboxd(diary, [watchlist], catalogue=catalogue, dry_run=True)
    [decision] = report.decisions
    assert decision.status == "attached" and decision.found.film.year == 1995
    # The film page, as Letterboxd's import format writes it, finds it by the id.
    by_page = tmp_path / "import.csv"
    by_page.write_text(
        "LetterboxdURI,Title,Year,Rating\nhttps://letterboxd.com/film/heat-1995/,,,4\n",
        encoding="utf-8",
    )
    report = import_letterboxd(diary, [by_page], catalogue=catalogue, dry_run=True)
    [decision] = report.decisions
    assert "   +100 letterboxd:https://letterboxd.com/film/heat-1995/ names this film" in (
        decision.explain()
    )
    # Two short links that differ are two films: the other Heat's link rules it out.
    other = tmp_path / "ratings.csv"
    other.write_text(
        "Date,Name,Year,Letterboxd URI,Rating\n2024-01-01,Heat,1986,https://boxd.it/9zZz,3\n",
        encoding="utf-8",
    )
    [decision] = import_letterboxd(diary, [other], catalogue=catalogue, dry_run=True).decisions
    assert decision.status != "attached"
    assert "another letterboxd id" in " ".join(decision.explain())


def test_the_catalogue_migration_writes_stored_links_one_way(data_dir: Path) -> None:
    path = data_dir / "catalogue.db"
    Catalogue(path).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO films (id, title, year, origin, added_at, updated_at)"
        " VALUES (1, 'Heat', 1995, 'films', 'x', 'x')"
    )
    conn.execute(
        "INSERT INTO film_ids VALUES ('letterboxd', 'http://www.letterboxd.com/film/heat-1995', 1)"
    )
    conn.execute(f"PRAGMA user_version = {len(CATALOGUE_MIGRATIONS) - 1}")
    conn.commit()
    conn.close()
    catalogue = Catalogue(path)
    with catalogue.store.read() as read:
        assert read.execute("SELECT value FROM film_ids").fetchall() == [
            ("https://letterboxd.com/film/heat-1995/",)
        ]
    catalogue.close()
