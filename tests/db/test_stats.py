from datetime import date

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.models import FilmRef
from kinolog.db.search import FilmSearch
from kinolog.db.stats import diary_stats, diary_years
from tests.conftest import add_sample_films


def refs(catalogue: Catalogue) -> dict[str, FilmRef]:
    return {
        name: FilmRef.of(FilmSearch(catalogue).find_film(spec))
        for name, spec in (
            ("pulp", "pulp fiction"),
            ("b23", "ballerina 2023"),
            ("b25", "ballerina 2025"),
            ("amelie", "amelie"),
        )
    }


def test_an_empty_diary(diary: Diary, catalogue: Catalogue) -> None:
    stats = diary_stats(diary, catalogue)
    assert (stats.films, stats.viewings, stats.average) == (0, 0, None)
    assert stats.histogram == dict.fromkeys(range(1, 11), 0)
    assert diary_years(diary) == []


def test_stats_over_all_time_and_for_one_year(diary: Diary, catalogue: Catalogue) -> None:
    add_sample_films(catalogue)
    film = refs(catalogue)
    diary.log_viewing(film["pulp"], rating=10, watched="2024-01-15", liked=True)
    diary.log_viewing(film["pulp"], rating=8, watched="2025-03-02", rewatch=True)
    diary.log_viewing(film["b23"], rating=5, watched="2025-03-20")
    diary.log_viewing(film["b25"], rating=7, watched="2025-06-01")
    diary.log_viewing(film["amelie"], watched=None)
    stats = diary_stats(diary, catalogue)
    assert (stats.films, stats.viewings, stats.rated) == (4, 5, 4)
    assert stats.average == 7.5
    assert (
        stats.histogram[10] == 1 and stats.histogram[5] == 1 and sum(stats.histogram.values()) == 4
    )
    assert list(stats.per_month)[:3] == ["2024-01", "2024-02", "2024-03"]
    assert stats.per_month["2025-03"] == 2 and stats.per_month["2024-05"] == 0
    assert len(stats.per_month) == 18
    assert stats.by_decade == {1990: (2, 9.0), 2020: (2, 6.0)}
    assert stats.directors[0] == ("Quentin Tarantino", 2)
    assert (stats.rewatches, stats.liked, stats.undated) == (1, 1, 1)
    assert [entry.film.title for entry in stats.top_rated][:2] == ["Pulp Fiction", "Ballerina"]
    assert stats.top_rated[0].rating == 8  # the current (latest) rating counts

    year = diary_stats(diary, catalogue, year=2025)
    assert (year.viewings, year.films) == (3, 3)
    # The years of viewings, and of ratings given (those logged here today were rated today).
    assert diary_years(diary) == sorted({date.today().year, 2025, 2024}, reverse=True)


def test_deleted_entries_do_not_count(diary: Diary, catalogue: Catalogue) -> None:
    add_sample_films(catalogue)
    entry = diary.log_viewing(refs(catalogue)["pulp"], rating=3)
    diary.delete_entry(entry.id)
    assert diary_stats(diary, catalogue).viewings == 0


def test_stats_without_a_catalogue(diary: Diary) -> None:
    diary.log_viewing(FilmRef(key="title:heat:1995", title="Heat", year=1995), rating=9)
    stats = diary_stats(diary)
    assert stats.viewings == 1 and stats.directors == [] and stats.by_decade == {1990: (1, 9.0)}


def test_a_year_in_review_tells_watched_from_rated_and_ranks_people(
    diary: Diary, sample_catalogue: Catalogue
) -> None:
    def log(imdb_id: str, rating: int | None, watched: str | None, logged: str | None) -> None:
        film = sample_catalogue.film_by_imdb_id(imdb_id)
        assert film is not None
        diary.log_viewing(
            FilmRef.of(film), rating=rating, watched=watched, logged_at=logged,
            logged_known=logged is not None,
        )  # fmt: skip

    log("tt0069293", 10, "2025-02-01", "2025-02-01T20:00:00Z")  # Solaris: Tarkovsky
    log("tt0079944", 8, "2025-03-01", "2025-03-01T20:00:00Z")  # Stalker: Tarkovsky
    log("tt0078748", 6, "2025-04-01", "2025-04-01T20:00:00Z")  # Alien: Ridley Scott
    log("tt0083658", 7, None, "2025-05-01T20:00:00Z")  # Blade Runner: rated, never dated
    log("tt0047478", 9, "2024-06-01", "2025-06-01T20:00:00Z")  # watched 2024, rated 2025
    log("tt0042876", 5, "2025-07-01", None)  # Rashomon: watched 2025, rating date unknown
    log("tt0068646", 9, None, "2024-01-01T20:00:00Z")  # The Godfather: rated in 2024
    year = diary_stats(diary, sample_catalogue, year=2025)
    assert (year.viewings, year.watched) == (4, 4)  # Solaris, Stalker, Alien, Rashomon
    assert (year.ratings_given, year.ratings_given_average) == (5, 8.0)
    assert year.top_directors == [
        ("Andrei Tarkovsky", 9.0, 2), ("Akira Kurosawa", 7.0, 2), ("Ridley Scott", 6.5, 2),
    ]  # fmt: skip
    assert ("Anatoly Solonitsyn", 9.0, 2) in year.top_actors
    assert all(count >= 2 for _, _, count in year.top_actors)
    earlier = diary_stats(diary, sample_catalogue, year=2024)
    assert (earlier.watched, earlier.ratings_given) == (1, 1)  # Seven Samurai; The Godfather
    all_time = diary_stats(diary, sample_catalogue)
    assert (all_time.watched, all_time.ratings_given, all_time.undated) == (5, 7, 2)
    assert diary_years(diary) == [2025, 2024]
