"""Issue 16 item 11: a bare year lists that year's films; a person's name that matches nobody
gets no weak fuzzy hits; a person's name as a review's text spells it is an alias that ranks
that person's films above titles met only by typos."""

from __future__ import annotations

from pathlib import Path

from kinolog.db.catalogue import Catalogue
from kinolog.db.importers.reviews import import_reviews
from kinolog.db.search import FilmSearch
from tests.db.test_search import _add_review, add_search_films

# The text spells the cast as Korean papers do, the credits block as IMDb does.
BALLERINA_PAGE = """Ballerina (2023)

Inhalt / Kritik

Die Personenschützerin Ok-ju (Jun Jong-seo) und die Tänzerin Min-hee (Park Yu-rim) sind \
Freundinnen. Als Min-hee stirbt, jagt Ok-ju die Männer um Choi (Kim Ji-hun).

Credits

OT: „Ballerina“
Land: Südkorea
Jahr: 2023
Regie: Chung-hyun Lee
Besetzung: Jong-seo Jeon, Ji-hoon Kim, Yu-rim Park
"""


def _titles(search: FilmSearch, query: str, limit: int = 10) -> list[str]:
    return [hit.film.label for hit in search.search_films(query, limit=limit)]


def test_a_bare_year_lists_that_years_films_most_relevant_first(catalogue: Catalogue) -> None:
    add_search_films(catalogue)
    catalogue.add_film(title="1995", year=2019, votes=10)  # a title that is the year
    catalogue.add_film(title="Heat", year=1995, votes=700_000)
    catalogue.add_film(title="La Haine", year=1995, votes=200_000)
    catalogue.add_film(title="Smoke", year=1995, votes=5_000)
    search = FilmSearch(catalogue)
    smoke = search.find_film("smoke 1995")
    _add_review(catalogue, smoke.id)  # a film with reviews counts more than votes alone
    assert _titles(search, "1995") == [
        "1995 (2019)",  # the year as a whole title
        "Braveheart (1995)",
        "Smoke (1995)",  # few votes, but reviewed
        "Heat (1995)",
        "La Haine (1995)",
    ]
    hits = search.search_films("1995")
    assert {hit.film.year for hit in hits[1:]} == {1995}
    assert hits[1].matched_field == "year" and hits[1].matched == "1995"
    assert _titles(search, "1994", limit=2) == [
        "The Shawshank Redemption (1994)",
        "Pulp Fiction (1994)",
    ]
    assert _titles(search, "1888") == []


def test_a_name_that_matches_nobody_gets_no_weak_fuzzy_hits(catalogue: Catalogue) -> None:
    add_search_films(catalogue)
    catalogue.add_film(title="Solaris", year=1972, cast=["Anatoly Solonitsyn"], votes=100_000)
    catalogue.add_film(title="The Matrix", year=1999, directors=["Lana Wachowski"], votes=10**6)
    search = FilmSearch(catalogue)
    assert _titles(search, "ana de armas")[0] == "Ballerina (2025)"
    catalogue.close()


def test_no_film_is_pieced_together_from_typos_in_other_names(catalogue: Catalogue) -> None:
    catalogue.add_film(title="Solaris", year=1972, cast=["Anatoly Solonitsyn"], votes=100_000)
    catalogue.add_film(title="The Matrix", year=1999, directors=["Lana Wachowski"], votes=10**6)
    catalogue.add_film(title="Parasite", year=2019, cast=["Cho Yeo-jeong", "Song Kang-ho"])
    search = FilmSearch(catalogue)
    assert _titles(search, "ana de armas") == []
    assert _titles(search, "jeon jong seo") == []
    # typos are still found: in one name, or in a title and a person's name
    assert _titles(search, "solaris solonitsin")[0] == "Solaris (1972)"
    assert _titles(search, "matirx wachowsky")[0] == "The Matrix (1999)"
    assert _titles(search, "parasit")[0] == "Parasite (2019)"


def test_a_person_beats_titles_met_only_by_typos(catalogue: Catalogue) -> None:
    catalogue.add_film(
        title="Ballerina", year=2023, cast=["Jong-seo Jeon", "Ji-hoon Kim"], votes=12_000
    )
    catalogue.add_film(title="See Jane Run", year=2019, votes=40_000)  # more votes
    search = FilmSearch(catalogue)
    # two of three words exactly in her name beat a typo in every word of a title
    assert _titles(search, "jun jong-seo")[0] == "Ballerina (2023)"
    assert _titles(search, "jun jong-seo")[1:] == ["See Jane Run (2019)"]


def test_the_texts_spelling_of_a_person_becomes_an_alias(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    ballerina = catalogue.add_film(
        title="Ballerina",
        year=2023,
        imdb_id="tt2",
        directors=["Chung-hyun Lee"],
        cast=["Jong-seo Jeon", "Ji-hoon Kim", "Yu-rim Park"],
        votes=12_000,
    )
    catalogue.add_film(title="See Jane Run", year=2019, votes=40_000)
    page = tmp_path / "ballerina.txt"
    page.write_text(BALLERINA_PAGE, encoding="utf-8")
    report = import_reviews(catalogue, [page])
    assert report.results[0].film_id == ballerina.id
    with catalogue.store.read() as conn:
        aliases = {
            alias
            for (alias,) in conn.execute(
                "SELECT a.alias FROM person_aliases a JOIN people p ON p.id = a.person_id"
                " WHERE p.name = 'Jong-seo Jeon'"
            )
        }
    assert "Jun Jong-seo" in aliases
    search = FilmSearch(catalogue)
    hit = search.search_films("jun jong-seo")[0]
    assert (hit.film.label, hit.matched_field, hit.matched) == (
        "Ballerina (2023)",
        "cast",
        "Jun Jong-seo",
    )
    assert search.search_films("kim ji-hun")[0].film.id == ballerina.id
    # nobody new was credited: the text's spellings are the same three people
    assert len(catalogue.get_film(ballerina.id).cast) == 3
