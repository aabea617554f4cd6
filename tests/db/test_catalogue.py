from pathlib import Path

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.errors import AmbiguousFilm, FilmNotFound
from kinolog.db.models import FilmRef
from kinolog.db.search import FilmSearch
from tests.conftest import add_sample_films


def test_add_and_get_a_film(catalogue: Catalogue) -> None:
    add_sample_films(catalogue)
    film = FilmSearch(catalogue).find_film("imdb:tt0110912")
    assert film.title == "Pulp Fiction"
    assert film.directors == ("Quentin Tarantino",)
    assert film.writers == ("Quentin Tarantino", "Roger Avary")
    assert film.cast[0] == "John Travolta"
    assert film.key == "imdb:tt0110912"
    data = film.as_json()
    assert set(data) == {
        "id", "imdb_id", "title", "original_title", "year", "countries", "directors",
        "writers", "cast", "genres", "runtime", "titles", "reviews",
    }  # fmt: skip
    assert data["runtime"] == 154 and data["reviews"] == []


def test_people_are_stored_once(catalogue: Catalogue) -> None:
    add_sample_films(catalogue)
    assert catalogue.counts()["people"] == 13  # Tarantino directs and writes: one person


def test_find_film_by_id_imdb_and_query(catalogue: Catalogue) -> None:
    add_sample_films(catalogue)
    assert FilmSearch(catalogue).find_film("id:2").year == 2023
    assert FilmSearch(catalogue).find_film("ballerina 2025").directors == ("Len Wiseman",)
    assert FilmSearch(catalogue).find_film("pulp fiction").year == 1994
    with pytest.raises(FilmNotFound):
        FilmSearch(catalogue).find_film("imdb:tt9999999")
    with pytest.raises(FilmNotFound):
        FilmSearch(catalogue).find_film("id:999")
    with pytest.raises(FilmNotFound):
        FilmSearch(catalogue).find_film("zzzzqqqq")


def test_an_ambiguous_query_lists_its_candidates(catalogue: Catalogue) -> None:
    add_sample_films(catalogue)
    with pytest.raises(AmbiguousFilm) as caught:
        FilmSearch(catalogue).find_film("Ballerina")
    assert sorted(film.year for film in caught.value.candidates[:2]) == [2023, 2025]


def test_alternative_titles_are_kept(catalogue: Catalogue) -> None:
    add_sample_films(catalogue)
    film = FilmSearch(catalogue).find_film("ballerina 2025")
    assert film.original_title == "From the World of John Wick: Ballerina"
    assert "From the World of John Wick: Ballerina" in film.titles


def test_diary_entries_reattach_after_the_catalogue_is_rebuilt(data_dir: Path) -> None:
    path = data_dir / "catalogue.db"
    catalogue = Catalogue(path)
    add_sample_films(catalogue)
    diary = Diary(data_dir / "diary.db")
    for spec, rating in (("pulp fiction", 9), ("ballerina 2023", 6), ("amelie", 8)):
        diary.log_viewing(FilmRef.of(FilmSearch(catalogue).find_film(spec)), rating=rating)
    before = [entry.as_json() for entry in diary.entries()]
    catalogue.close()
    for leftover in data_dir.glob("catalogue.db*"):
        leftover.unlink()

    rebuilt = Catalogue(path)
    add_sample_films(rebuilt)
    assert [entry.as_json() for entry in diary.entries()] == before
    for entry in diary.entries():
        film = rebuilt.resolve(entry.film)
        assert film is not None
        assert (film.title, film.year) == (entry.film.title, entry.film.year)
    rebuilt.close()
    diary.close()


def test_resolve_by_title_and_year_when_the_key_is_unknown(catalogue: Catalogue) -> None:
    add_sample_films(catalogue)
    ref = FilmRef(key="imdb:tt0000001", title="Ballerina", year=2025)
    film = catalogue.resolve(ref)
    assert film is not None and film.directors == ("Len Wiseman",)
