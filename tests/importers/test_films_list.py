"""``kinolog import films``: generic CSV/JSON film lists with a column mapping."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kinolog.db.catalogue import Catalogue, add_credit, add_film_keys, person_by_name
from kinolog.db.diary import Diary
from kinolog.db.errors import ImportFailed, InvalidValue
from kinolog.db.importers.films import import_films_list
from kinolog.db.importers.imdb import import_imdb
from kinolog.db.models import FilmRef
from kinolog.db.progress import SilentProgress
from kinolog.db.store import now_iso
from tests.conftest import CliResult, add_sample_films

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imdb"

IMDB_LIST_EXPORT = """\
Position,Const,Created,Modified,Description,Title,Original Title,URL,Title Type,IMDb Rating,\
Runtime (mins),Year,Genres,Num Votes,Release Date,Directors
1,tt0110912,2024-01-01,2024-01-01,,Pulp Fiction,Pulp Fiction,\
https://www.imdb.com/title/tt0110912/,Movie,8.9,154,1994,"Crime, Drama",2300000,1994-09-10,\
Quentin Tarantino
2,tt0211915,2024-01-02,2024-01-02,,Die fabelhafte Welt der Amélie,\
Le fabuleux destin d'Amélie Poulain,https://www.imdb.com/title/tt0211915/,Movie,8.3,122,2001,\
"Comedy, Romance",800000,2001-04-25,Jean-Pierre Jeunet
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def count(catalogue: Catalogue, sql: str, *args: object) -> int:
    with catalogue.store.read() as conn:
        return int(conn.execute(sql, args).fetchone()[0])


def test_imdb_list_export_by_column_names(catalogue: Catalogue, tmp_path: Path) -> None:
    result = import_films_list(catalogue, write(tmp_path / "watchlist.csv", IMDB_LIST_EXPORT))
    assert (result.rows, result.added, result.updated, result.malformed) == (2, 2, 0, 0)
    assert result.columns["imdb_id"] == "Const" and result.columns["runtime"] == "Runtime (mins)"
    pulp = catalogue.film_by_imdb_id("tt0110912")
    assert pulp is not None
    assert (pulp.title, pulp.year, pulp.runtime, pulp.votes) == ("Pulp Fiction", 1994, 154, 2300000)
    assert pulp.genres == ("Crime", "Drama") and pulp.directors == ("Quentin Tarantino",)
    assert pulp.original_title is None  # the same as the title
    amelie = catalogue.film_by_imdb_id("tt0211915")
    assert amelie is not None
    assert amelie.original_title == "Le fabuleux destin d'Amélie Poulain"
    assert catalogue.film_by_key("title:le fabuleux destin d amelie poulain:2001") == amelie
    assert count(catalogue, "SELECT count(*) FROM films WHERE origin = 'films'") == 2


def test_explicit_mapping_lists_and_separators(catalogue: Catalogue, tmp_path: Path) -> None:
    path = write(
        tmp_path / "mine.csv",
        "Name;Released;By;Starring;Also known as;Land\n"
        "Das Boot;1981;Wolfgang Petersen;Jürgen Prochnow|Herbert Grönemeyer;The Boat;"
        "Deutschland\n"
        "Godfather, The;1972-03-24;Francis Ford Coppola;Marlon Brando, Al Pacino;"
        "Der Pate|Il padrino;USA\n",
    )
    result = import_films_list(
        catalogue,
        path,
        mapping={"title": "Name", "year": "released", "directors": "By", "countries": "Land"},
    )
    assert result.added == 2 and result.malformed == 0
    assert result.columns["cast"] == "Starring" and result.columns["titles"] == "Also known as"
    boot = catalogue.film_by_key("title:das boot:1981")
    assert boot is not None
    assert boot.cast == ("Jürgen Prochnow", "Herbert Grönemeyer")
    assert boot.countries == ("Deutschland",) and boot.titles == ("The Boat",)
    godfather = catalogue.film_by_key("title:the godfather:1972")
    assert godfather is not None
    assert godfather.cast == ("Marlon Brando", "Al Pacino")
    assert set(godfather.titles) == {"Der Pate", "Il padrino"}
    assert catalogue.film_by_key("title:der pate:1972") == godfather


def test_json_array_and_kinolog_export_round_trip(
    catalogue: Catalogue,
    kinolog: Callable[..., CliResult],
    tmp_path: Path,
) -> None:
    add_sample_films(catalogue)
    export = kinolog("export", "catalogue", "--format", "json", "-o", str(tmp_path / "c.json"))
    assert export.code == 0, export.err
    fresh = Catalogue(tmp_path / "other" / "catalogue.db")
    try:
        result = import_films_list(fresh, tmp_path / "c.json")
        assert (result.added, result.malformed) == (4, 0)
        before = [film.as_json() for film in catalogue.iter_films()]
        after = [film.as_json() for film in fresh.iter_films()]
        assert after == before
        again = import_films_list(fresh, tmp_path / "c.json")
        assert (again.added, again.updated) == (0, 4)
        assert [film.as_json() for film in fresh.iter_films()] == before
    finally:
        fresh.close()
    array = write(
        tmp_path / "films.json",
        json.dumps([{"Title": "Oldboy", "year": 2003, "Directors": ["Park Chan-wook"]}, "oops"]),
    )
    result = import_films_list(catalogue, array)
    assert (result.added, result.malformed) == (1, 1)
    assert result.examples == ["films.json item 2: not an object; row skipped"]


def test_reimport_updates_by_imdb_id_else_title_and_year(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "a.csv",
        "title,year,imdb_id,runtime,directors\n"
        "Pulp Fiction,1994,tt0110912,150,Quentin Tarantino\n"
        "Ballerina,2023,,92,Lee Chung-hyun\n",
    )
    import_films_list(catalogue, path)
    write(
        path,
        "title,year,imdb_id,runtime,directors\n"
        "Pulp Fiction (Director's Cut),1994,tt0110912,154,Quentin Tarantino\n"
        "Ballerina,2023,,93,Chung-Hyun Lee\n",
    )
    result = import_films_list(catalogue, path)
    assert (result.added, result.updated) == (0, 2)
    assert count(catalogue, "SELECT count(*) FROM films") == 2
    pulp = catalogue.film_by_imdb_id("tt0110912")
    assert pulp is not None and (pulp.title, pulp.runtime) == ("Pulp Fiction (Director's Cut)", 154)
    ballerina = catalogue.film_by_key("title:ballerina:2023")
    assert ballerina is not None and ballerina.runtime == 93
    assert ballerina.directors == ("Lee Chung-hyun",)  # a spelling variant, not a second person
    assert count(catalogue, "SELECT count(*) FROM people") == 2


def test_a_list_does_not_overwrite_imdb_facts(catalogue: Catalogue, tmp_path: Path) -> None:
    import_imdb(catalogue, [FIXTURES / "title.basics.tsv"])
    path = write(
        tmp_path / "b.csv",
        "title,year,imdb_id,runtime,countries\nPulp Fiktion,1994,tt0110912,999,USA\n",
    )
    result = import_films_list(catalogue, path)
    assert result.updated == 1
    pulp = catalogue.film_by_imdb_id("tt0110912")
    assert pulp is not None
    assert (pulp.title, pulp.runtime, pulp.countries) == ("Pulp Fiction", 154, ("USA",))
    assert "Pulp Fiktion" in pulp.titles


def test_malformed_rows_are_counted_with_line_numbers(catalogue: Catalogue, tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.csv",
        "title,year,imdb_id,runtime\n"
        ",2001,,\n"
        "Soon,someday,,\n"
        "Bad Id,2001,nm0000233,\n"
        "Long,2001,,very\n"
        "Fine,2001,https://www.imdb.com/title/tt0211915/,122\n",
    )
    progress = SilentProgress()
    result = import_films_list(catalogue, path, progress=progress)
    assert (result.rows, result.added, result.malformed) == (5, 1, 4)
    assert progress.problems == result.examples
    assert result.examples[0] == "c.csv line 2: no title; row skipped"
    assert result.examples[1].startswith("c.csv line 3: year 'someday'")
    assert "line 4" in result.examples[2] and "line 5" in result.examples[3]
    assert catalogue.film_by_imdb_id("tt0211915") is not None


def test_bad_files_and_mappings_fail_with_one_line(catalogue: Catalogue, tmp_path: Path) -> None:
    no_title = write(tmp_path / "d.csv", "Werk,Jahr\nDas Boot,1981\n")
    with pytest.raises(ImportFailed, match=r"no title column.*--map title=COLUMN.*Werk, Jahr"):
        import_films_list(catalogue, no_title)
    with pytest.raises(ImportFailed, match="no column 'Titel'"):
        import_films_list(catalogue, no_title, mapping={"title": "Titel"})
    with pytest.raises(InvalidValue, match="unknown field"):
        import_films_list(catalogue, no_title, mapping={"regisseur": "Werk"})
    broken = write(tmp_path / "e.json", '{"films": [')
    with pytest.raises(ImportFailed, match="not valid JSON"):
        import_films_list(catalogue, broken)
    latin1 = tmp_path / "f.json"
    latin1.write_bytes('[{"title": "M\xe4dchen"}]'.encode("latin-1"))
    with pytest.raises(ImportFailed, match="not UTF-8"):
        import_films_list(catalogue, latin1)
    assert catalogue.is_empty()
    with pytest.raises(ImportFailed, match="cannot read"):
        import_films_list(catalogue, tmp_path / "missing.csv")


def test_spreadsheet_csv_in_cp1252_with_semicolons(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(
        "Titel;Jahr;Regie\r\nMädchen in Uniform;1931;Leontine Sagan\r\n".encode("cp1252")
    )
    result = import_films_list(catalogue, path)
    assert (result.added, result.malformed) == (1, 0)
    film = catalogue.film_by_key("title:madchen in uniform:1931")
    assert film is not None
    assert (film.title, film.directors) == ("Mädchen in Uniform", ("Leontine Sagan",))


def test_review_made_film_is_merged_into_the_list_film(
    catalogue: Catalogue, diary: Diary, tmp_path: Path
) -> None:
    stamp = now_iso()
    with catalogue.store.write() as conn:
        made = conn.execute(
            "INSERT INTO films (title, year, origin, added_at, updated_at)"
            " VALUES ('Ballerina', 2023, 'reviews', ?, ?)",
            (stamp, stamp),
        ).lastrowid
        assert made is not None
        add_film_keys(conn, made, None, ["Ballerina"], 2023)
        add_credit(conn, made, person_by_name(conn, "Lee Chung-hyun"), "director", 0)
        conn.execute(
            "INSERT INTO reviews (film_id, body, sha256, raw_text, imported_at, updated_at)"
            " VALUES (?, 'Kritik', 'sha', 'Kritik', ?, ?)",
            (made, stamp, stamp),
        )
    entry = diary.log_viewing(FilmRef.of(catalogue.get_film(made)), rating=7)
    path = write(
        tmp_path / "g.csv",
        "title,year,imdb_id,directors\nBallerina,2023,tt21198914,Chung-Hyun Lee\n"
        "Ballerina,2025,tt7181546,Len Wiseman\n",
    )
    result = import_films_list(catalogue, path)
    # The film resolver finds the review-made film (title, year, director): the row
    # completes it (IMDb id) instead of adding a film to merge it into.
    assert (result.added, result.updated, result.merged) == (1, 1, 0)
    film = catalogue.film_by_imdb_id("tt21198914")
    assert film is not None
    assert len(catalogue.reviews_of(film.id)) == 1
    assert catalogue.resolve(entry.film) == film
    assert film.directors == ("Lee Chung-hyun",)
    assert count(catalogue, "SELECT count(*) FROM films") == 2


def test_cli_import_films(kinolog: Callable[..., CliResult], tmp_path: Path) -> None:
    path = write(tmp_path / "list.csv", "Werk,Entstanden\nDas Boot,1981\n")
    result = kinolog(
        "import", "films", str(path), "--map", "title=werk", "--map", "year=Entstanden"
    )
    assert result.code == 0, result.err
    assert "1 films added" in result.out
    result = kinolog("import", "films", str(path))
    assert result.code == 1 and "no title column" in result.err
    result = kinolog("import", "films", str(path), "--map", "title")
    assert result.code == 2 and "FIELD=COLUMN" in result.err
