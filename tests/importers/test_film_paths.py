"""Every path that finds a film goes through the film resolver: same-title films stay apart.

Ballerina (2023, KR) and Ballerina (2025, US), Solaris 1972/2002, Crash 1996/2004,
Suspiria 1977/2018 and several films called "The Circle", through Letterboxd (export
folder, zip and import CSV), IMDb ratings, film lists, review pages, ``rate`` and ``show``.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.formats.imdb import import_imdb_ratings
from kinolog.db.formats.letterboxd import import_letterboxd
from kinolog.db.importers.films import import_films_list
from kinolog.db.importers.reviews import import_reviews
from kinolog.db.models import FilmRef
from tests.conftest import CliResult

Kinolog = Callable[..., CliResult]
LETTERBOXD_DIARY = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"


def add_same_title_films(catalogue: Catalogue) -> dict[str, int]:
    """Same-title films, by ``Title (Year) Director`` -> film id."""
    films = [
        ("Ballerina", 2023, "Lee Chung-hyun", None, ["Jeon Jong-seo"]),
        ("Ballerina", 2025, "Len Wiseman", "tt7181546", ["Ana de Armas"]),
        ("Solaris", 1972, "Andrei Tarkovsky", "tt0069293", []),
        ("Solaris", 2002, "Steven Soderbergh", "tt0307479", []),
        ("Crash", 1996, "David Cronenberg", "tt0115964", []),
        ("Crash", 2004, "Paul Haggis", "tt0375679", []),
        ("Suspiria", 1977, "Dario Argento", "tt0076786", []),
        ("Suspiria", 2018, "Luca Guadagnino", "tt1034415", []),
        ("The Circle", 2017, "James Ponsoldt", "tt4287320", []),
        ("The Circle", 2017, "Vera Petrov", "tt9900001", []),
        ("The Circle", 2000, "Jafar Panahi", "tt0255094", []),
    ]
    ids = {}
    for title, year, director, imdb_id, cast in films:
        film = catalogue.add_film(
            title=title, year=year, imdb_id=imdb_id, directors=[director], cast=cast
        )
        ids[f"{title} ({year}) {director}"] = film.id
    return ids


@pytest.fixture
def films(catalogue: Catalogue) -> dict[str, int]:
    return add_same_title_films(catalogue)


def entry_films(diary: Diary) -> dict[str, FilmRef]:
    return {f"{e.film.title} ({e.film.year})": e.film for e in diary.entries()}


# -- Letterboxd ------------------------------------------------------------------------------


def test_letterboxd_export_folder_and_zip(
    diary: Diary, catalogue: Catalogue, films: dict[str, int], tmp_path: Path
) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "diary.csv").write_text(
        LETTERBOXD_DIARY
        + "2024-01-02,Solaris,1972,https://boxd.it/aaaaa1,4,,,2024-01-01\n"
        + "2024-01-03,Crash,2004,https://boxd.it/aaaaa2,3,,,2024-01-03\n"
        + "2024-01-04,Suspiria,2018,https://boxd.it/aaaaa3,4,,,2024-01-04\n"
        + "2024-01-05,Ballerina,2025,https://boxd.it/aaaaa4,3,,,2024-01-05\n"
        + "2024-01-06,The Circle,2017,https://boxd.it/aaaaa5,2,,,2024-01-06\n"
        + "2024-01-07,Psycho,1960,https://boxd.it/aaaaa6,5,,,2024-01-07\n",
        encoding="utf-8",
    )
    archive = tmp_path / "letterboxd-someone-2024-05-01-10-00-utc.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(folder / "diary.csv", "diary.csv")
    for path in (folder, archive):
        report = import_letterboxd(diary, [path], catalogue=catalogue, dry_run=True)
        by_label = {d.label: d for d in report.decisions}
        assert by_label["Solaris (1972)"].found.film.key == "imdb:tt0069293"
        assert by_label["Crash (2004)"].found.film.key == "imdb:tt0375679"
        assert by_label["Suspiria (2018)"].found.film.key == "imdb:tt1034415"
        assert by_label["Ballerina (2025)"].found.film.key == "imdb:tt7181546"
        circle = by_label["The Circle (2017)"]
        assert circle.status == "ambiguous" and len(circle.found.resolution.possible) == 2
        assert circle.found.film == FilmRef(
            "title:the circle:2017", "The Circle", 2017, unlinked="waiting"
        )
        assert report.ambiguous == ["The Circle (2017)"]
        assert report.unmatched == ["Psycho (1960)"]
    import_letterboxd(diary, [folder], catalogue=catalogue)
    kept = entry_films(diary)
    assert kept["The Circle (2017)"].unlinked == "waiting"
    assert kept["Psycho (1960)"] == FilmRef("title:psycho:1960", "Psycho", 1960, unlinked="waiting")


def test_letterboxd_import_csv_directors_and_ids(
    diary: Diary, catalogue: Catalogue, films: dict[str, int], tmp_path: Path
) -> None:
    with catalogue.store.write() as conn:
        conn.execute(
            "INSERT INTO film_ids (scheme, value, film_id) VALUES ('tmdb', '123', ?)",
            (films["The Circle (2017) Vera Petrov"],),
        )
    path = tmp_path / "import.csv"
    path.write_text(
        "Title,Year,imdbID,tmdbID,Directors,Rating10,WatchedDate\n"
        "Ballerina,2023,,,Chung-Hyun Lee,7,2024-02-01\n"  # a spelling variant of the director
        "The Circle,2017,,,James Ponsoldt,5,2024-02-02\n"
        "The Circle,2017,,123,,4,2024-02-03\n"
        "Some Title,1999,tt0069293,,,8,2024-02-04\n",  # the id decides
        encoding="utf-8",
    )
    report = import_letterboxd(diary, [path], catalogue=catalogue)
    assert report.bad == [] and report.ambiguous == []
    keys = [d.found.film.key for d in report.decisions]
    ballerina = keys[0]
    assert ballerina == "title:ballerina:2023"  # the Korean film has no IMDb id: its title key
    assert keys[1:] == ["imdb:tt4287320", "imdb:tt9900001", "imdb:tt0069293"]
    explained = report.decisions[0].explain()
    assert "+30 directed by Lee Chung-hyun" in "\n".join(explained)


# -- IMDb ratings -----------------------------------------------------------------------------


def test_imdb_ratings_ids_decide_and_id_less_films_are_found(
    diary: Diary, catalogue: Catalogue, films: dict[str, int], tmp_path: Path
) -> None:
    path = tmp_path / "ratings.csv"
    path.write_text(
        "Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,"
        "Runtime (mins),Year,Genres,Num Votes,Release Date,Directors\n"
        "tt0069293,9,2024-01-01,Solaris,Solyaris,https://www.imdb.com/title/tt0069293,Movie,"
        "8.0,167,1972,Drama,100,1972-03-20,Andrei Tarkovsky\n"
        "tt21198914,7,2024-01-02,Ballerina,Balleorina,https://www.imdb.com/title/tt21198914,"
        "Movie,6.0,92,2023,Action,100,2023-10-06,Lee Chung-hyun\n"
        "tt5555555,6,2024-01-03,The Circle,,https://www.imdb.com/title/tt5555555,Movie,5.0,"
        "100,2017,Drama,10,2017-04-28,James Ponsoldt\n",
        encoding="utf-8",
    )
    report = import_imdb_ratings(diary, [path], catalogue=catalogue)
    solaris, ballerina, circle = report.decisions
    assert solaris.found.film.key == "imdb:tt0069293" and solaris.status == "attached"
    # The catalogue's Korean Ballerina has no IMDb id: title, year and director find it;
    # the entry names it by its own key and keeps the IMDb id.
    assert ballerina.status == "attached"
    assert ballerina.found.film == FilmRef(
        "title:ballerina:2023", "Ballerina", 2023, imdb_id="tt21198914"
    )
    # Both 2017 "The Circle"s have other IMDb ids: not this row's film; it keeps its id.
    assert circle.status == "not_in_catalogue"
    assert circle.found.film == FilmRef("imdb:tt5555555", "The Circle", 2017, "tt5555555")
    assert report.unmatched == ["The Circle (2017)"]


# -- film lists --------------------------------------------------------------------------------


def test_film_list_rows_update_the_right_film_or_are_left_out(
    catalogue: Catalogue, films: dict[str, int], tmp_path: Path
) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        "title,year,directors,runtime\n"
        "Crash,2004,,112\n"
        "Suspiria,1977,Dario Argento,\n"
        "The Circle,2017,,\n"  # two films of 2017: left out
        "Solaris,1968,,\n",  # no Solaris within a year: a new film
        encoding="utf-8",
    )
    result = import_films_list(catalogue, path)
    assert (result.added, result.updated, result.ambiguous) == (1, 2, 1)
    assert catalogue.get_film(films["Crash (2004) Paul Haggis"]).runtime == 112
    assert catalogue.get_film(films["Crash (1996) David Cronenberg"]).runtime is None
    assert "The Circle (2017) may be The Circle (2017)" in result.examples[0]
    again = import_films_list(catalogue, path)  # the list's own Solaris (1968) is found
    assert (again.added, again.updated, again.ambiguous) == (0, 3, 1)


# -- review pages -------------------------------------------------------------------------------


def test_review_pages_find_same_title_films_by_year_and_people(
    catalogue: Catalogue, films: dict[str, int], tmp_path: Path
) -> None:
    pages = {
        "suspiria.md": "---\ntitle: Suspiria\ndirector: Luca Guadagnino\n---\n\nTanz.\n",
        "crash.md": "---\ntitle: Crash\nyear: 1996\n---\n\nCars.\n",
        "circle.md": "---\ntitle: The Circle\nyear: 2017\n---\n\nTech.\n",
        "ballerina.md": "---\ntitle: Ballerina\nyear: 2023\ndirector: Chung-Hyun Lee\n---\n\nX.\n",
    }
    for name, text in pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = import_reviews(catalogue, [tmp_path])
    found = {Path(r.file).name: r for r in report.results}
    assert found["suspiria.md"].film_id == films["Suspiria (2018) Luca Guadagnino"]
    assert found["crash.md"].film_id == films["Crash (1996) David Cronenberg"]
    assert found["ballerina.md"].film_id == films["Ballerina (2023) Lee Chung-hyun"]
    circle = found["circle.md"]
    assert circle.film_id is None and "no clear winner" in circle.message
    assert catalogue.counts()["films"] == 11  # nothing made, nothing merged


# -- rate and show ------------------------------------------------------------------------------


def test_rate_and_show_name_one_film_or_list_the_candidates(
    kinolog: Kinolog, catalogue: Catalogue, films: dict[str, int]
) -> None:
    assert kinolog("rate", "solaris 1972", "9").code == 0
    refused = kinolog("rate", "crash", "7")
    assert refused.code == 2 and "Crash (1996)" in refused.err and "Crash (2004)" in refused.err
    shown = kinolog("show", "suspiria 2018", "--json")
    assert shown.code == 0 and json.loads(shown.out)["directors"] == ["Luca Guadagnino"]
    circle = kinolog("show", "the circle 2017")
    assert circle.code == 2 and "James Ponsoldt" in circle.err and "Vera Petrov" in circle.err


def test_ids_a_film_list_brings_find_letterboxd_rows(
    diary: Diary, catalogue: Catalogue, films: dict[str, int], tmp_path: Path
) -> None:
    # A film list with TMDB ids and a Letterboxd list export's URL column (film links).
    listed = tmp_path / "list.csv"
    listed.write_text(
        "Name,Year,URL,tmdbID\n"
        "The Circle,2017,https://boxd.it/f4Xk,339\n"
        "Suspiria,1977,https://boxd.it/1Mqa,11906\n",
        encoding="utf-8",
    )
    result = import_films_list(catalogue, listed)
    assert result.malformed == 0 and result.ambiguous == 1  # which Circle of 2017? left out
    with catalogue.store.read() as conn:
        ids = conn.execute("SELECT scheme, value, film_id FROM film_ids ORDER BY value").fetchall()
    argento = films["Suspiria (1977) Dario Argento"]
    assert ids == [("tmdb", "11906", argento), ("letterboxd", "https://boxd.it/1Mqa", argento)]
    # Letterboxd's ratings.csv names films by their links: the link decides, whatever the name.
    ratings = tmp_path / "ratings.csv"
    ratings.write_text(
        "Date,Name,Year,Letterboxd URI,Rating\n2024-01-01,Suspiria,1978,https://boxd.it/1Mqa,4\n",
        encoding="utf-8",
    )
    report = import_letterboxd(diary, [ratings], catalogue=catalogue, dry_run=True)
    [decision] = report.decisions
    assert decision.found.film.key == "imdb:tt0076786"
    assert "+100 letterboxd:https://boxd.it/1Mqa names this film" in decision.explain()[2]
