"""``kinolog import imdb``: IMDb-shaped files in, catalogue films out (real SQLite files)."""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

import kinolog.db.progress
from kinolog.db.catalogue import Catalogue, add_credit, add_film_keys, person_by_name
from kinolog.db.diary import Diary
from kinolog.db.importers.imdb import ImdbImportResult, import_imdb
from kinolog.db.models import FilmRef
from kinolog.db.progress import SilentProgress
from kinolog.db.store import now_iso
from kinolog.tui.cli.main import run
from tests.conftest import CliResult

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imdb"
ROOT = Path(__file__).resolve().parents[2]


def imported(catalogue: Catalogue, *paths: Path, **options: object) -> ImdbImportResult:
    """Import and assert that no file failed."""
    result = import_imdb(catalogue, paths, **options)  # type: ignore[arg-type]
    assert not result.errors, result.errors
    return result


def rows(catalogue: Catalogue, sql: str, *args: object) -> list[tuple[object, ...]]:
    with catalogue.store.read() as conn:
        return [tuple(row) for row in conn.execute(sql, args)]


def table_counts(catalogue: Catalogue) -> dict[str, int]:
    tables = ("films", "film_titles", "film_keys", "people", "person_aliases", "credits")
    return {
        table: int(str(rows(catalogue, f"SELECT count(*) FROM {table}")[0][0])) for table in tables
    }


def copy_fixtures(target: Path, *names: str) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for path in FIXTURES.glob("*.tsv"):
        if not names or path.name in names:
            shutil.copy(path, target / path.name)
    return target


def gzip_file(source: Path, target: Path) -> Path:
    target.write_bytes(gzip.compress(source.read_bytes()))
    return target


# -- every file kind --------------------------------------------------------------------------


def test_imports_every_file_kind_from_a_folder(catalogue: Catalogue) -> None:
    result = imported(catalogue, FIXTURES)
    assert [report.kind for report in result.files] == [
        "title.basics", "title.crew", "title.principals", "name.basics", "title.akas",
        "title.ratings",
    ]  # fmt: skip
    # movie and tvMovie, not adult: no series, episode, short or adult film
    assert result.films_added == 8
    imdb_ids = {row[0] for row in rows(catalogue, "SELECT imdb_id FROM films")}
    assert imdb_ids == {
        "tt0068646", "tt0082096", "tt0110912", "tt0211915", "tt0106242", "tt7181546",
        "tt21198914", "tt9900002",
    }  # fmt: skip
    film = catalogue.film_by_imdb_id("tt0110912")
    assert film is not None
    assert (film.title, film.year, film.runtime, film.votes) == ("Pulp Fiction", 1994, 154, 2300000)
    assert film.genres == ("Crime", "Drama")
    assert film.directors == ("Quentin Tarantino",)
    assert film.writers == ("Quentin Tarantino", "Roger Avary")
    assert film.cast == ("John Travolta", "Samuel L. Jackson", "Uma Thurman", "Quentin Tarantino")
    assert rows(catalogue, "SELECT imdb_rating, origin FROM films WHERE id = ?", film.id) == [
        (8.9, "imdb")
    ]
    characters = dict(
        rows(
            catalogue,
            "SELECT p.name, c.character FROM credits c JOIN people p ON p.id = c.person_id"
            " WHERE c.film_id = ? AND c.role = 'cast'",
            film.id,
        )
    )
    assert characters["John Travolta"] == "Vincent Vega"
    assert characters["Quentin Tarantino"] == "Jimmie / Quentin"
    # the working title is kept; the Russian one is not in the default regions
    assert "Black Mask" in film.titles
    assert "Криминальное чтиво" not in film.titles


def test_german_and_original_titles_and_keys(catalogue: Catalogue) -> None:
    imported(catalogue, FIXTURES)
    amelie = catalogue.film_by_imdb_id("tt0211915")
    assert amelie is not None
    assert amelie.original_title == "Le fabuleux destin d'Amélie Poulain"
    titles = rows(
        catalogue,
        "SELECT title, kind, region FROM film_titles WHERE film_id = ? ORDER BY title",
        amelie.id,
    )
    assert ("Die fabelhafte Welt der Amélie", "alternative", "DE") in titles
    assert ("Le fabuleux destin d'Amélie Poulain", "original", "") in titles
    # "Amelie" (CH) folds to the same title as the DE one: one row is enough
    assert not any(title == "Die fabelhafte Welt der Amelie" for title, _, _ in titles)
    assert catalogue.film_by_key("title:die fabelhafte welt der amelie:2001") == amelie
    assert catalogue.film_by_key("imdb:tt0211915") == amelie
    godfather = catalogue.film_by_imdb_id("tt0068646")
    assert godfather is not None
    assert "Der Pate" in godfather.titles and "Le Parrain" not in godfather.titles
    assert rows(
        catalogue, "SELECT count(*) FROM film_titles WHERE film_id = ? AND title = 'Der Pate'",
        godfather.id,
    ) == [(1,)]  # fmt: skip
    assert catalogue.film_by_key("title:der pate:1972") == godfather


def test_null_values_and_people_without_names(catalogue: Catalogue) -> None:
    imported(catalogue, FIXTURES / "title.basics.tsv")
    untitled = catalogue.film_by_imdb_id("tt9900002")
    assert untitled is not None
    assert (untitled.year, untitled.runtime, untitled.genres) == (None, None, ())
    assert catalogue.film_by_key("title:untitled tykwer project:") == untitled
    # crew first, names later: people are stored under their nconst until named
    imported(catalogue, FIXTURES / "title.crew.tsv")
    boot = catalogue.film_by_imdb_id("tt0082096")
    assert boot is not None and boot.directors == ("nm0000583",)
    imported(catalogue, FIXTURES / "name.basics.tsv")
    boot = catalogue.film_by_imdb_id("tt0082096")
    assert boot is not None and boot.directors == ("Wolfgang Petersen",)
    assert rows(catalogue, "SELECT birth_year, death_year FROM people WHERE imdb_id = ?",
                "nm0000583") == [(1941, 2022)]  # fmt: skip
    # only people of kept films are stored
    assert rows(catalogue, "SELECT count(*) FROM people WHERE imdb_id = 'nm0000186'") == [(0,)]


def test_directors_and_writers_from_principals_when_crew_has_none(catalogue: Catalogue) -> None:
    imported(catalogue, FIXTURES)
    wick = catalogue.film_by_imdb_id("tt7181546")
    assert wick is not None
    assert wick.directors == ("Len Wiseman",)
    assert wick.writers == ("Shay Hatten",)
    assert wick.cast == ("Ana de Armas", "Keanu Reeves")
    # Tarantino is director in both crew and principals: credited once
    assert rows(
        catalogue,
        "SELECT count(*) FROM credits c JOIN films f ON f.id = c.film_id"
        " WHERE f.imdb_id = 'tt0110912' AND c.role = 'director'",
    ) == [(1,)]


def test_gz_files_in_any_order_and_recognised_by_header(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    folder = tmp_path / "download"
    folder.mkdir()
    for path in FIXTURES.glob("*.tsv"):
        gzip_file(path, folder / f"{path.name}.gz")
    renamed = tmp_path / "export-1.tsv"
    shutil.copy(folder / "title.akas.tsv.gz", renamed)  # gzip, whatever the name says
    paths = [*sorted(folder.glob("*.gz"), reverse=True), renamed]
    result = imported(catalogue, *paths)
    assert result.files[0].kind == "title.basics"
    assert [report.kind for report in result.files].count("title.akas") == 2
    assert result.films_added == 8
    film = catalogue.film_by_imdb_id("tt0211915")
    assert film is not None and film.directors == ("Jean-Pierre Jeunet",)


def test_types_regions_and_adult_options(catalogue: Catalogue) -> None:
    result = imported(
        catalogue, FIXTURES, types=["movie", "tvSeries", "short"], regions=["FR"], adult=True
    )
    assert result.films_added == 10
    types = dict(rows(catalogue, "SELECT imdb_id, title_type FROM films"))
    assert types["tt0903747"] == "tvSeries" and "tt0106242" not in types
    assert "tt9900001" in types
    godfather = catalogue.film_by_imdb_id("tt0068646")
    assert godfather is not None
    assert "Le Parrain" in godfather.titles and "Der Pate" not in godfather.titles


# -- re-import --------------------------------------------------------------------------------


def test_reimport_updates_by_tconst_without_duplicates(
    catalogue: Catalogue, diary: Diary, tmp_path: Path
) -> None:
    imported(catalogue, FIXTURES)
    before = table_counts(catalogue)
    pulp = catalogue.film_by_imdb_id("tt0110912")
    assert pulp is not None
    entry = diary.log_viewing(FilmRef.of(pulp), rating=9)
    again = imported(catalogue, FIXTURES)
    assert (again.films_added, again.films_updated) == (0, 0)  # nothing changed, nothing written
    assert again.files[0].kept == 8
    assert table_counts(catalogue) == before
    # a changed title and new vote counts update the same film
    folder = copy_fixtures(tmp_path / "new", "title.basics.tsv", "title.ratings.tsv")
    basics = folder / "title.basics.tsv"
    basics.write_text(
        basics.read_text(encoding="utf-8").replace("\tPulp Fiction\tPulp", "\tPulp Fiction!\tPulp"),
        encoding="utf-8",
    )
    ratings = folder / "title.ratings.tsv"
    ratings.write_text(
        ratings.read_text(encoding="utf-8").replace("2300000", "2400000"), encoding="utf-8"
    )
    changed = imported(catalogue, folder)
    assert (changed.films_added, changed.films_updated) == (0, 1)
    film = catalogue.film_by_imdb_id("tt0110912")
    assert film is not None
    assert (film.id, film.title, film.votes) == (pulp.id, "Pulp Fiction!", 2400000)
    assert catalogue.film_by_key("title:pulp fiction:1994") == film  # old key still works
    assert diary.get_entry(entry.id) == entry
    assert catalogue.resolve(entry.film) == film


def test_ratings_alone_update_known_films(catalogue: Catalogue, tmp_path: Path) -> None:
    imported(catalogue, FIXTURES / "title.basics.tsv")
    assert catalogue.film_by_imdb_id("tt0082096").votes is None  # type: ignore[union-attr]
    result = imported(catalogue, FIXTURES / "title.ratings.tsv")
    assert result.files[0].kept == 7  # the short and the series are not in the catalogue
    assert catalogue.film_by_imdb_id("tt0082096").votes == 270000  # type: ignore[union-attr]


def test_files_other_than_basics_need_films_first(catalogue: Catalogue) -> None:
    result = import_imdb(catalogue, [FIXTURES / "title.ratings.tsv"])
    assert result.failed
    assert "title.ratings.tsv" in result.errors[0] and "title.basics first" in result.errors[0]
    assert catalogue.is_empty()


# -- bad input --------------------------------------------------------------------------------


def test_wrong_header_names_the_expected_columns(catalogue: Catalogue, tmp_path: Path) -> None:
    folder = copy_fixtures(tmp_path / "in")
    (folder / "title.ratings.tsv").write_text("tconst\trating\tvotes\ntt0110912\t8.9\t5\n")
    progress = SilentProgress()
    result = import_imdb(catalogue, [folder], progress=progress)
    assert len(result.errors) == 1
    error = result.errors[0]
    assert "title.ratings.tsv" in error
    assert "tconst, averageRating, numVotes" in error
    assert not progress.problems  # the caller shows the errors (the CLI prints them once)
    # the other files went on
    assert result.films_added == 8
    assert rows(catalogue, "SELECT count(*) FROM films WHERE votes IS NOT NULL") == [(0,)]


def test_unknown_file_and_missing_path_are_reported(catalogue: Catalogue, tmp_path: Path) -> None:
    stray = tmp_path / "notes.tsv"
    stray.write_text("a\tb\n1\t2\n")
    empty = tmp_path / "empty"
    empty.mkdir()
    paths = [stray, tmp_path / "missing", empty, FIXTURES / "title.basics.tsv"]
    result = import_imdb(catalogue, paths)
    assert len(result.errors) == 3
    assert "notes.tsv" in result.errors[0] and "not an IMDb dataset file" in result.errors[0]
    assert "no such file" in result.errors[1]
    assert "empty: no IMDb dataset files" in result.errors[2]
    assert result.films_added == 8


def test_malformed_rows_are_counted_and_the_rest_goes_on(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    lines = (FIXTURES / "title.basics.tsv").read_text(encoding="utf-8").splitlines()
    bad = [
        "tt1000001\tmovie\tToo Few Fields\t0",  # line 14
        "xx1000002\tmovie\tNot A Tconst\tNot A Tconst\t0\t2001\t\\N\t90\tDrama",
        "tt1000003\tmovie\tBad Year\tBad Year\t0\tsoon\t\\N\t90\tDrama",
        "tt1000004\tmovie\t\\N\t\\N\t0\t2001\t\\N\t90\tDrama",
        "tt1000005\tmovie\tAlso Bad\tAlso Bad\t0\t2001\t\\N\tlong\tDrama",
        "tt1000006\tmovie\tSixth Bad\tSixth Bad\tmaybe\t2001\t\\N\t90\tDrama",
    ]
    good = "tt1000007\tmovie\tDer Himmel über Berlin\t\\N\t0\t1987\t\\N\t128\tDrama,Fantasy"
    path = tmp_path / "title.basics.tsv"
    path.write_bytes(
        ("\n".join([*lines, *bad, good]) + "\n").encode() + b"tt1000008\tmovie\t\xff\n"
    )
    progress = SilentProgress()
    result = import_imdb(catalogue, [path], progress=progress)
    assert not result.errors
    report = result.files[0]
    assert report.malformed == 7
    assert len(report.examples) == 5 and progress.problems == report.examples
    assert report.examples[0].startswith("title.basics.tsv line 14: 4 fields where the header")
    assert "line 15" in report.examples[1] and "tt1234567" in report.examples[1]
    assert "line 16" in report.examples[2] and "'soon'" in report.examples[2]
    assert result.films_added == 9
    film = catalogue.film_by_imdb_id("tt1000007")
    assert film is not None and film.title == "Der Himmel über Berlin"


def test_truncated_gz_leaves_the_catalogue_as_before_that_file(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    imported(catalogue, FIXTURES / "title.basics.tsv", FIXTURES / "title.crew.tsv")
    before = table_counts(catalogue)
    whole = gzip.compress((FIXTURES / "title.principals.tsv").read_bytes())
    broken = tmp_path / "title.principals.tsv.gz"
    broken.write_bytes(whole[: len(whole) * 2 // 3])
    result = import_imdb(catalogue, [broken, FIXTURES / "name.basics.tsv"])
    assert len(result.errors) == 1
    assert "title.principals.tsv.gz" in result.errors[0]
    assert "damaged or incomplete" in result.errors[0]
    after = table_counts(catalogue)
    assert after["credits"] == before["credits"]  # no cast at all: not half a file
    assert rows(catalogue, "SELECT count(*) FROM credits WHERE role = 'cast'") == [(0,)]
    # name.basics went on
    assert rows(catalogue, "SELECT name FROM people WHERE imdb_id = 'nm0000233'") == [
        ("Quentin Tarantino",)
    ]


def test_truncated_basics_on_an_empty_catalogue_imports_no_film(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    whole = gzip.compress((FIXTURES / "title.basics.tsv").read_bytes())
    broken = tmp_path / "title.basics.tsv.gz"
    broken.write_bytes(whole[:-12])
    result = import_imdb(catalogue, [broken])
    assert result.failed and catalogue.is_empty()


class Interrupting(SilentProgress):
    """Ctrl-C while a file is being written to the catalogue (inside its transaction)."""

    def __init__(self, at: str) -> None:
        super().__init__()
        self.at = at
        self.writing = False

    def note(self, message: str) -> None:
        self.writing = self.at in message and "writing" in message

    def advance(self, amount: int) -> None:
        if self.writing and amount == 0:  # SQLite's heartbeat during the file's statements
            raise KeyboardInterrupt


@pytest.mark.parametrize("kind", ["title.akas", "title.principals", "name.basics"])
def test_interrupted_import_rolls_back_that_file(
    catalogue: Catalogue, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kinolog.db.progress, "HEARTBEAT_STEPS", 10)
    imported(catalogue, FIXTURES / "title.basics.tsv", FIXTURES / "title.crew.tsv")
    before = table_counts(catalogue)
    with pytest.raises(KeyboardInterrupt):
        import_imdb(catalogue, [FIXTURES / f"{kind}.tsv"], progress=Interrupting(kind))
    assert table_counts(catalogue) == before
    with catalogue.store.read() as conn:  # the search triggers are all back
        triggers = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
        ).fetchone()[0]
    assert triggers >= 13
    imported(catalogue, FIXTURES / f"{kind}.tsv")  # and it can simply be run again
    assert table_counts(catalogue) != before


def test_killed_process_leaves_a_sound_catalogue(data_dir: Path) -> None:
    """SIGKILL in the middle of title.principals: the file's credits are all absent."""
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from kinolog.db.catalogue import Catalogue
        from kinolog.db.importers.imdb import import_imdb

        import kinolog.db.importers.imdb.importer as imdb
        apply = imdb._APPLY["title.principals"]

        def killed(conn, run, staged):
            apply(conn, run, staged)
            conn.execute("INSERT INTO people (name) VALUES ('half a file')")
            os.kill(os.getpid(), signal.SIGKILL)

        imdb._APPLY["title.principals"] = killed
        catalogue = Catalogue(Path({str(data_dir / "catalogue.db")!r}))
        import_imdb(catalogue, [Path({str(FIXTURES)!r})])
        """
    )
    process = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True)
    assert process.returncode == -9, process.stderr.decode()
    catalogue = Catalogue(data_dir / "catalogue.db")
    try:
        assert catalogue.store.integrity_check() == "ok"
        counts = table_counts(catalogue)
        assert counts["films"] == 8 and counts["film_titles"] > 0
        assert rows(catalogue, "SELECT count(*) FROM people WHERE name = 'half a file'") == [(0,)]
        assert rows(catalogue, "SELECT count(*) FROM credits WHERE role = 'cast'") == [(0,)]
        imported(catalogue, FIXTURES)
        assert rows(catalogue, "SELECT count(*) FROM credits WHERE role = 'cast'")[0][0] > 0
    finally:
        catalogue.close()


# -- review-made films ------------------------------------------------------------------------


def review_made_film(
    catalogue: Catalogue,
    title: str,
    year: int | None,
    directors: list[str],
    *,
    original_title: str | None = None,
    countries: list[str] | None = None,
) -> int:
    """A film as the review importer makes it, with one review."""
    stamp = now_iso()
    with catalogue.store.write() as conn:
        film_id = conn.execute(
            "INSERT INTO films (title, original_title, year, countries, origin, added_at,"
            " updated_at) VALUES (?, ?, ?, ?, 'reviews', ?, ?)",
            (title, original_title, year, json.dumps(countries or []), stamp, stamp),
        ).lastrowid
        assert film_id is not None
        add_film_keys(conn, film_id, None, [title, original_title or ""], year)
        for ordering, name in enumerate(directors):
            add_credit(conn, film_id, person_by_name(conn, name), "director", ordering)
        conn.execute(
            "INSERT INTO reviews (film_id, body, sha256, raw_text, imported_at, updated_at)"
            " VALUES (?, 'Ein Rachethriller.', ?, 'Ein Rachethriller.', ?, ?)",
            (film_id, f"sha-{film_id}", stamp, stamp),
        )
    return film_id


def test_review_made_film_is_merged_into_the_imdb_film(catalogue: Catalogue, diary: Diary) -> None:
    made = review_made_film(
        catalogue, "Ballerina", 2023, ["Chung-Hyun Lee"], countries=["Südkorea"]
    )
    key = catalogue.get_film(made).key
    assert key == "title:ballerina:2023"
    entry = diary.log_viewing(FilmRef.of(catalogue.get_film(made)), rating=6)
    result = imported(catalogue, FIXTURES)
    assert result.merged == 1
    film = catalogue.film_by_imdb_id("tt21198914")
    assert film is not None
    assert [review.body for review in catalogue.reviews_of(film.id)] == ["Ein Rachethriller."]
    assert catalogue.film_by_key(key) == film
    assert catalogue.resolve(entry.film) == film
    assert film.countries == ("Südkorea",)  # a fact IMDb lacks
    assert film.directors == ("Lee Chung-hyun",)  # one person, both spellings
    assert rows(
        catalogue,
        "SELECT a.alias FROM person_aliases a JOIN people p ON p.id = a.person_id"
        " WHERE p.imdb_id = 'nm3867457' ORDER BY a.alias",
    ) == [("Chung-Hyun Lee",), ("Lee Chung-hyun",)]
    assert rows(catalogue, "SELECT count(*) FROM films WHERE id = ?", made) == [(0,)]
    assert rows(catalogue, "SELECT count(*) FROM people WHERE imdb_id IS NULL") == [(0,)]


def test_review_made_film_matches_by_any_known_title(catalogue: Catalogue) -> None:
    made = review_made_film(catalogue, "Die fabelhafte Welt der Amélie", 2001, [])
    result = imported(catalogue, FIXTURES)
    assert result.merged == 1
    amelie = catalogue.film_by_imdb_id("tt0211915")
    assert amelie is not None
    assert len(catalogue.reviews_of(amelie.id)) == 1
    assert rows(catalogue, "SELECT count(*) FROM films WHERE id = ?", made) == [(0,)]


def test_review_made_film_is_kept_apart_when_directors_disagree(catalogue: Catalogue) -> None:
    made = review_made_film(catalogue, "Ballerina", 2023, ["Somebody Else"])
    wrong_year = review_made_film(catalogue, "Pulp Fiction", 1995, ["Quentin Tarantino"])
    result = imported(catalogue, FIXTURES)
    assert (result.merged, result.ambiguous) == (0, 0)
    assert catalogue.get_film(made).directors == ("Somebody Else",)
    assert len(catalogue.reviews_of(made)) == len(catalogue.reviews_of(wrong_year)) == 1


def test_review_made_film_merges_later_when_names_arrive(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    made = review_made_film(catalogue, "Ballerina", 2023, ["Lee Chung-hyun"])
    # a second IMDb film of the same title and year: without directors, the review fits both
    extra = tmp_path / "title.basics.tsv"
    extra.write_text(
        "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\t"
        "runtimeMinutes\tgenres\ntt30000001\tmovie\tBallerina\tBallerina\t0\t2023\t\\N\t"
        "80\tDocumentary\n",
        encoding="utf-8",
    )
    result = imported(catalogue, FIXTURES / "title.basics.tsv", extra)
    assert (result.merged, result.ambiguous) == (0, 1)
    result = imported(catalogue, FIXTURES / "title.crew.tsv")
    assert (result.merged, result.ambiguous) == (0, 1)  # directors known by nconst only
    result = imported(catalogue, FIXTURES / "name.basics.tsv")
    assert (result.merged, result.ambiguous) == (1, 0)
    film = catalogue.film_by_imdb_id("tt21198914")
    assert film is not None and len(catalogue.reviews_of(film.id)) == 1
    assert rows(catalogue, "SELECT count(*) FROM films WHERE id = ?", made) == [(0,)]
    other = catalogue.film_by_imdb_id("tt30000001")
    assert other is not None and not catalogue.reviews_of(other.id)


def test_review_made_after_the_imdb_film_is_merged_too(catalogue: Catalogue) -> None:
    imported(catalogue, FIXTURES)
    made = review_made_film(catalogue, "Das Boot", 1981, ["Wolfgang Petersen"])
    assert catalogue.get_film(made).key == "title:das boot:1981"  # the key stays IMDb's
    result = imported(catalogue, FIXTURES / "title.crew.tsv")
    assert result.merged == 1
    boot = catalogue.film_by_imdb_id("tt0082096")
    assert boot is not None and len(catalogue.reviews_of(boot.id)) == 1


# -- the command line -------------------------------------------------------------------------


def test_cli_imports_and_prints_a_summary(
    kinolog: Callable[..., CliResult], tmp_path: Path
) -> None:
    result = kinolog("import", "imdb", str(FIXTURES))
    assert result.code == 0, result.err
    out = result.out
    assert "title.principals.tsv" in out and "films: 8 added, 0 updated, 0 merged" in out
    bad = tmp_path / "title.crew.tsv"
    bad.write_text("tconst\tdirector\n", encoding="utf-8")
    result = kinolog("import", "imdb", str(FIXTURES / "title.ratings.tsv"), str(bad))
    assert result.code == 1
    err = result.err
    assert "kinolog: error:" in err and "tconst, directors, writers" in err
    assert "films: 0 added, 0 updated" in result.out


@pytest.mark.parametrize("kind", ["imdb", "films"])
def test_cli_help_has_examples(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(["import", kind, "--help"])
    assert f"kinolog import {kind} " in capsys.readouterr().out


def test_catalogue_file_is_a_sound_database(catalogue: Catalogue) -> None:
    imported(catalogue, FIXTURES)
    assert catalogue.store.integrity_check() == "ok"
    with sqlite3.connect(catalogue.path) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
