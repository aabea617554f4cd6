"""The film resolver: each piece of evidence, the score and margin, and same-title films."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.errors import AmbiguousFilm, FilmNotFound
from kinolog.db.resolver import (
    AMBIGUOUS,
    ATTACHED,
    NOT_IN_CATALOGUE,
    Evidence,
    FilmResolver,
    Resolution,
    TitleLevel,
    compare_titles,
    split_query_year,
    title_category,
)
from kinolog.db.search import FilmSearch

# (title, year, directors, extra keyword arguments of Catalogue.add_film)
FILMS: Sequence[tuple[str, int | None, tuple[str, ...], dict[str, object]]] = (
    ("Charmingly Psycho", 1960, ("Anna Berg",), {}),
    ("Psycho", 1998, ("Gus Van Sant",), {"imdb_id": "tt0155975"}),
    ("Extradition", 2020, ("Omar Silva",), {}),
    ("Aladdin", 2019, ("Guy Ritchie",), {"imdb_id": "tt6139732", "runtime": 128}),
    ("Aladdin", 2020, ("Mira Novak",), {}),
    ("Aladdin", 1992, ("Ron Clements",), {}),
    ("She the Creator", 2023, ("Lena Costa",), {}),
    ("Creator", 2023, ("Jonas Weber",), {}),
    ("Li Bao Guo", 2018, ("Hugo Park",), {}),
    ("Dark Shadows: Speak No Evil", 2012, ("Nora Dahl",), {}),
    ("Caught in Time", 2020, ("Elsa Meyer",), {}),
    ("Ballerina", 2023, ("Lee Chung-hyun",), {"cast": ["Jeon Jong-seo", "Kim Ji-hoon"]}),
    ("Ballerina", 2023, ("Ines Ortega",), {"cast": ["Clara Rossi"]}),
    ("Ballerina", 2025, ("Len Wiseman",), {"original_title": "From the World of John Wick"}),
    ("Solaris", 1972, ("Andrei Tarkovsky",), {"imdb_id": "tt0069293"}),
    ("Solaris", 2002, ("Steven Soderbergh",), {"imdb_id": "tt0307479"}),
    ("Crash", 1996, ("David Cronenberg",), {}),
    ("Crash", 2004, ("Paul Haggis",), {}),
    ("Suspiria", 1977, ("Dario Argento",), {}),
    ("Suspiria", 2018, ("Luca Guadagnino",), {}),
    ("The Circle", 2017, ("James Ponsoldt",), {}),
    ("The Circle", 2017, ("Vera Petrov",), {}),
    ("The Circle", 2000, ("Jafar Panahi",), {}),
    ("The Circle", 2015, ("Levan Koguashvili",), {}),
    ("Festival Darling", 2019, ("Karl Lambert",), {}),
    ("Undated Wonder of Oslo", None, ("Sven Dahl",), {}),
    ("Heat", None, (), {}),
    ("Heat", 1995, ("Michael Mann",), {}),
    ("L.A. Confidential", 1997, ("Curtis Hanson",), {}),
    ("Pickwick Papers, The", 1952, ("Noel Langley",), {}),
    ("Ocean's Eleven", 2001, ("Steven Soderbergh",), {}),
    ("Die fabelhafte Welt der Amélie", 2001, ("Jean-Pierre Jeunet",), {"titles": ["Amélie"]}),
    ("Паразиты", 2019, ("Bong Joon-ho",), {}),
    ("Chernobyl", 2019, ("Johan Renck",), {}),
    ("1917", 2019, ("Sam Mendes",), {}),
    ("Twins", 2010, ("Ivan Horvat",), {}),
    ("Twins", 2012, ("Maya Jensen",), {}),
)


@pytest.fixture(scope="module")
def films(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    catalogue = Catalogue(tmp_path_factory.mktemp("resolver") / "catalogue.db")
    for title, year, directors, extra in FILMS:
        catalogue.add_film(title=title, year=year, directors=directors, **extra)  # type: ignore[arg-type]
    with catalogue.store.write() as conn:
        conn.execute("UPDATE films SET title_type = 'tvMiniSeries' WHERE title = 'Chernobyl'")
        (solaris,) = conn.execute("SELECT id FROM films WHERE imdb_id = 'tt0069293'").fetchone()
        conn.execute(
            "INSERT INTO film_ids (scheme, value, film_id) VALUES ('tmdb', '593', ?)", (solaris,)
        )
    return catalogue


@pytest.fixture(scope="module")
def resolver(films: Catalogue) -> FilmResolver:
    return FilmResolver(films, finder=FilmSearch(films))


def resolve(
    resolver: FilmResolver, title: str, year: int | None = None, **facts: object
) -> Resolution:
    return resolver.resolve(Evidence(titles=(title,), year=year, **facts))  # type: ignore[arg-type]


def chosen(resolution: Resolution) -> str | None:
    film = resolution.chosen
    directors = f" {film.directors[0]}" if film and film.directors else ""
    return f"{film.label}{directors}" if film else None


# -- titles, compared whole ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("Psycho", 1960),  # not "Charmingly Psycho"
        ("Extraction", 2020),  # not "Extradition"
        ("The Creator", 2023),  # not "She the Creator", nor "Creator"
        ("Bao", 2018),  # not "Li Bao Guo"
        ("Dark Shadows", 2012),  # not "Dark Shadows: Speak No Evil"
        ("Time", 2020),  # not "Caught in Time"
    ],
)
def test_a_title_containing_the_words_is_another_film(
    resolver: FilmResolver, title: str, year: int
) -> None:
    resolution = resolve(resolver, title, year)
    assert resolution.status == NOT_IN_CATALOGUE and resolution.film_id is None


@pytest.mark.parametrize(
    ("written", "level"),
    [
        ("heat", TitleLevel.SAME),
        ("Pickwick Papers, The", TitleLevel.SAME),
        ("Amelie & Nino", TitleLevel.SAME),  # against "Amélie and Nino"
        ("LA Confidential", TitleLevel.SAME_LETTERS),
        ("Oceans 11", TitleLevel.SAME_LETTERS),
        ("Extractions", TitleLevel.CLOSE),
        ("Heats", None),  # one letter, but in a title of four
        ("Creator", TitleLevel.CLOSE),
        ("Dark Shadows", TitleLevel.PART),
        ("Psycho", None),
    ],
)
def test_title_levels(written: str, level: TitleLevel | None) -> None:
    other = {
        "heat": "Heat",
        "Pickwick Papers, The": "The Pickwick Papers",
        "Amelie & Nino": "Amélie and Nino",
        "LA Confidential": "L.A. Confidential",
        "Oceans 11": "Ocean's Eleven",
        "Extractions": "Extraction",
        "Heats": "Heat",
        "Creator": "The Creator",
        "Dark Shadows": "Dark Shadows: Speak No Evil",
        "Psycho": "Charmingly Psycho",
    }[written]
    assert compare_titles(written, other) == level


def test_spellings_of_the_same_title_attach(resolver: FilmResolver) -> None:
    assert (
        chosen(resolve(resolver, "THE PICKWICK PAPERS", 1952))
        == "Pickwick Papers, The (1952) Noel Langley"
    )
    assert (
        chosen(resolve(resolver, "LA Confidential", 1997))
        == "L.A. Confidential (1997) Curtis Hanson"
    )
    assert chosen(resolve(resolver, "Amélie", 2001)) is not None  # an alternative title
    assert chosen(resolve(resolver, "Паразиты", 2019)) == "Паразиты (2019) Bong Joon-ho"
    assert chosen(resolve(resolver, "1917", 2019)) == "1917 (2019) Sam Mendes"


# -- years -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "year", "director"),
    [
        ("Solaris", 1972, "Andrei Tarkovsky"),
        ("Solaris", 2002, "Steven Soderbergh"),
        ("Crash", 1996, "David Cronenberg"),
        ("Crash", 2004, "Paul Haggis"),
        ("Suspiria", 1977, "Dario Argento"),
        ("Suspiria", 2018, "Luca Guadagnino"),
        ("Aladdin", 2019, "Guy Ritchie"),  # its year beats the Aladdin of 2020
    ],
)
def test_same_title_films_are_told_apart_by_year(
    resolver: FilmResolver, title: str, year: int, director: str
) -> None:
    resolution = resolve(resolver, title, year)
    assert chosen(resolution) == f"{title} ({year}) {director}"
    assert resolution.runner_up is not None or len(resolution.possible) == 1


def test_one_year_off_only_when_no_other_film_of_the_title_is_near(resolver: FilmResolver) -> None:
    # Festival and release years differ: the only "Festival Darling" within a year.
    near = resolve(resolver, "Festival Darling", 2020)
    assert near.status == ATTACHED
    assert any("one year off" in line for line in near.chosen.evidence)  # type: ignore[union-attr]
    assert chosen(resolve(resolver, "Aladdin", 2021)) == "Aladdin (2020) Mira Novak"
    assert chosen(resolve(resolver, "Solaris", 1973)) == "Solaris (1972) Andrei Tarkovsky"
    # One year off from each of two films is neither's.
    between = resolve(resolver, "Twins", 2011)
    assert between.status == AMBIGUOUS and len(between.possible) == 2
    # A title written differently *and* a year off: two soft signals are not one.
    assert resolve(resolver, "LA Confidential", 1998).status != ATTACHED


def test_a_film_without_a_year_only_when_no_film_of_the_title_has_one(
    resolver: FilmResolver,
) -> None:
    assert resolve(resolver, "Undated Wonder of Oslo", 2004).status == ATTACHED
    # "Heat" has a film of 1995 too: the undated Heat may be a Heat of 1980, or not.
    assert resolve(resolver, "Heat", 1980).status == AMBIGUOUS
    # Without any year on either side, two Heats: not enough.
    assert resolve(resolver, "Heat").status == AMBIGUOUS


# -- people ----------------------------------------------------------------------------------


def test_directors_tell_same_title_films_of_one_year_apart(resolver: FilmResolver) -> None:
    both = resolve(resolver, "Ballerina", 2023)
    assert both.status == AMBIGUOUS and len(both.possible) == 2
    korean = resolve(resolver, "Ballerina", 2023, directors=("Chung-Hyun Lee",))  # a variant
    assert chosen(korean) == "Ballerina (2023) Lee Chung-hyun"
    assert any("directed by" in line for line in korean.chosen.evidence)  # type: ignore[union-attr]
    assert any(c.rejected and "directed by" in c.rejected for c in korean.candidates)
    by_cast = resolve(resolver, "Ballerina", 2023, cast=("Jun Jong-seo",))  # Jeon/Jun
    assert chosen(by_cast) == "Ballerina (2023) Lee Chung-hyun"
    nobody = resolve(resolver, "Ballerina", 2023, directors=("Someone Else",))
    assert nobody.status == NOT_IN_CATALOGUE


def test_a_person_in_common_confirms_a_year_off_or_a_missing_year(resolver: FilmResolver) -> None:
    assert (
        chosen(resolve(resolver, "Heat", directors=("Michael Mann",))) == "Heat (1995) Michael Mann"
    )
    assert chosen(resolve(resolver, "Crash", 2003, directors=("Paul Haggis",))) == (
        "Crash (2004) Paul Haggis"
    )
    # A part of the title counts with the director and the year.
    assert (
        chosen(resolve(resolver, "Dark Shadows", 2012, directors=("Nora Dahl",)))
        == "Dark Shadows: Speak No Evil (2012) Nora Dahl"
    )


def test_the_many_films_called_the_circle(resolver: FilmResolver) -> None:
    assert resolve(resolver, "The Circle", 2017).status == AMBIGUOUS
    assert chosen(resolve(resolver, "Circle, The", 2000)) == "The Circle (2000) Jafar Panahi"
    panahi = resolve(resolver, "The Circle", 2017, directors=("James Ponsoldt",))
    assert chosen(panahi) == "The Circle (2017) James Ponsoldt"
    assert resolve(resolver, "The Circle", 2009).status == NOT_IN_CATALOGUE


# -- ids, kind of title, runtime -------------------------------------------------------------


def test_ids_decide_and_another_id_rules_a_film_out(resolver: FilmResolver) -> None:
    by_imdb = resolver.resolve(Evidence(titles=("Whatever",), imdb_id="tt0307479"))
    assert chosen(by_imdb) == "Solaris (2002) Steven Soderbergh"
    by_tmdb = resolver.resolve(Evidence(titles=("Solaris",), ids=(("tmdb", "593"),)))
    assert chosen(by_tmdb) == "Solaris (1972) Andrei Tarkovsky"
    other = resolver.resolve(Evidence(titles=("Psycho",), year=1998, imdb_id="tt9999999"))
    assert other.status == NOT_IN_CATALOGUE and "another IMDb id" in (
        other.candidates[0].rejected or ""
    )
    # Without an IMDb id of its own, a film may be the row's by title and year.
    assert resolver.resolve(Evidence(titles=("Crash",), year=1996, imdb_id="tt0115964")).film_id


def test_the_kind_of_title_and_the_runtime(resolver: FilmResolver) -> None:
    series = resolve(resolver, "Chernobyl", 2019, title_type="TV Mini Series")
    assert chosen(series) == "Chernobyl (2019) Johan Renck"
    film = resolve(resolver, "Chernobyl", 2019, title_type="movie")
    assert film.status == NOT_IN_CATALOGUE and "a series, not a film" in (
        film.candidates[0].rejected or ""
    )
    assert title_category("Feature Film") == title_category("tvMovie") == "film"
    assert title_category("Serie TV") == "series" and title_category("Podcast Episode") == "episode"
    close = resolve(resolver, "Aladdin", 2019, runtime=126)
    assert any("runtime 128 min" in line for line in close.chosen.evidence)  # type: ignore[union-attr]
    far = resolve(resolver, "Aladdin", 2019, runtime=70)  # now close to the Aladdin of 2020
    assert far.status == AMBIGUOUS and "runtime 128 min, not 70" in far.candidates[0].evidence[-1]


# -- the decision, explained -----------------------------------------------------------------


def test_every_decision_explains_itself(resolver: FilmResolver) -> None:
    attached = resolve(resolver, "Solaris", 1972).explain()
    assert attached[0].startswith("-> Solaris (1972)") and "+40 the same year, 1972" in attached[2]
    assert any("runner-up: Solaris (2002)" in line and "made in 2002" in line for line in attached)
    ambiguous = resolve(resolver, "Ballerina", 2023)
    assert ambiguous.explain()[0].startswith("-> ambiguous: no clear winner between Ballerina")
    data = ambiguous.as_json()
    assert data["status"] == "ambiguous" and data["film"] is None
    assert len(data["candidates"]) >= 2 and data["runner_up"]["title"] == "Ballerina"
    missing = resolve(resolver, "Psycho", 1960).explain()
    assert (
        missing[0]
        == "-> not in the catalogue: Psycho (1998) is another film (made in 1998, not 1960)"
    )


# -- typed queries (kinolog rate / show) -----------------------------------------------------


def test_typed_queries(films: Catalogue, resolver: FilmResolver) -> None:
    assert resolver.find_film("solaris 1972").year == 1972
    assert resolver.find_film("ocean's eleven").year == 2001  # the only film of that title
    assert resolver.find_film("imdb:tt0069293").title == "Solaris"
    with pytest.raises(AmbiguousFilm) as ambiguous:
        resolver.find_film("crash")
    assert {film.year for film in ambiguous.value.candidates} == {1996, 2004}
    with pytest.raises(FilmNotFound):
        resolver.find_film("solaris 1980")
    with pytest.raises(FilmNotFound):
        resolver.find_film("imdb:tt0000001")
    assert split_query_year("ballerina (2023)") == ("ballerina", 2023)
    assert split_query_year("1917") == ("1917", None)
    assert resolver.find_film("1917 2019").title == "1917"
