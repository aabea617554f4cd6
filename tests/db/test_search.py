"""Film search as a person uses it: real SQLite catalogues in tmp_path, real films."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.errors import AmbiguousFilm, FilmNotFound
from kinolog.db.models import SearchHit
from kinolog.db.search import FilmSearch
from kinolog.db.store import now_iso

FILMS: list[dict[str, object]] = [
    dict(title="Pulp Fiction", year=1994, imdb_id="tt0110912", votes=2_300_000,
         directors=["Quentin Tarantino"], cast=["John Travolta", "Uma Thurman"]),
    dict(title="The Godfather", year=1972, imdb_id="tt0068646", votes=2_000_000,
         directors=["Francis Ford Coppola"], titles=["Der Pate"]),
    dict(title="The Godfather: Part II", year=1974, votes=1_300_000,
         directors=["Francis Ford Coppola"], titles=["Der Pate – Teil II"]),
    dict(title="The Godfather: Part III", year=1990, votes=450_000,
         directors=["Francis Ford Coppola"]),
    dict(title="Pickwick Papers, The", year=1952, votes=1_000),
    dict(title="Psycho", year=1960, votes=700_000, directors=["Alfred Hitchcock"],
         cast=["Anthony Perkins"]),
    dict(title="Psycho", year=1998, votes=50_000, directors=["Gus Van Sant"]),
    dict(title="Ballerina", year=2023, directors=["Lee Chung-hyun"],
         cast=["Jeon Jong-seo", "Kim Ji-hoon"]),
    dict(title="Ballerina", year=2025, original_title="From the World of John Wick: Ballerina",
         directors=["Len Wiseman"], cast=["Ana de Armas", "Keanu Reeves"]),
    dict(title="Dangerous Liaisons", year=1988, votes=80_000,
         titles=["Gefährliche Liebschaften"], directors=["Stephen Frears"]),
    dict(title="Die fabelhafte Welt der Amélie", year=2001, votes=800_000,
         original_title="Le fabuleux destin d'Amélie Poulain", directors=["Jean-Pierre Jeunet"]),
    dict(title="Mission: Impossible", year=1996, votes=450_000),
    dict(title="Mission: Impossible II", year=2000, votes=350_000),
    dict(title="Back to the Future", year=1985, votes=1_300_000,
         titles=["Zurück in die Zukunft"]),
    dict(title="Back to the Future Part II", year=1989, votes=600_000,
         titles=["Zurück in die Zukunft II"]),
    dict(title="Star Wars: Episode V - The Empire Strikes Back", year=1980, votes=1_400_000),
    dict(title="Star Wars", year=1977, votes=1_500_000),
    dict(title="Jaws", year=1975, votes=650_000, titles=["Der weiße Hai"]),
    dict(title="Der Untergang", year=2004, votes=380_000, titles=["Downfall"]),
    dict(title="The Shawshank Redemption", year=1994, votes=2_900_000),
    dict(title="Les Misérables", year=2012, votes=350_000),
    dict(title="Spider-Man 2", year=2004, votes=600_000),
    dict(title="Braveheart", year=1995, votes=1_100_000),
    dict(title="Parasite", year=2019, votes=1_000_000, original_title="Gisaengchung",
         directors=["Bong Joon-ho"]),
]  # fmt: skip


def add_search_films(catalogue: Catalogue) -> None:
    """The films above, in order (ids 1..len(FILMS))."""
    for film in FILMS:
        catalogue.add_film(**film)  # type: ignore[arg-type]


@pytest.fixture
def films(catalogue: Catalogue) -> Catalogue:
    add_search_films(catalogue)
    return catalogue


def labels(hits: Sequence[SearchHit]) -> list[str]:
    return [hit.film.label for hit in hits]


def first(catalogue: Catalogue, query: str, **options: object) -> str:
    hits = FilmSearch(catalogue).search_films(query, **options)  # type: ignore[arg-type]
    assert hits, f"nothing found for {query!r}"
    return hits[0].film.label


# -- what it understands ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "film"),
    [
        ("amelie", "Die fabelhafte Welt der Amélie (2001)"),
        ("AMÉLIE", "Die fabelhafte Welt der Amélie (2001)"),
        (unicodedata.normalize("NFD", "Amélie poulain"), "Die fabelhafte Welt der Amélie (2001)"),
        ("gefahrliche liebschaften", "Dangerous Liaisons (1988)"),
        ("gefaehrliche liebschaften", "Dangerous Liaisons (1988)"),
        ("Gefährliche Liebschaften", "Dangerous Liaisons (1988)"),
        ("der weisse hai", "Jaws (1975)"),
        ("der weiße hai", "Jaws (1975)"),
        ("zurueck in die zukunft", "Back to the Future (1985)"),
        ("mission impossible", "Mission: Impossible (1996)"),
        ("les miserables", "Les Misérables (2012)"),
    ],
)
def test_case_accents_umlauts_and_punctuation(films: Catalogue, query: str, film: str) -> None:
    assert first(films, query) == film


@pytest.mark.parametrize(
    "query", ["the pickwick papers", "pickwick papers", "Pickwick Papers, The", "papers pickwick"]
)
def test_articles_in_front_behind_or_missing(films: Catalogue, query: str) -> None:
    assert first(films, query) == "Pickwick Papers, The (1952)"


def test_titles_typed_without_their_article(films: Catalogue) -> None:
    assert first(films, "godfather") == "The Godfather (1972)"
    assert first(films, "untergang") == "Der Untergang (2004)"
    assert first(films, "shawshank redemption") == "The Shawshank Redemption (1994)"


@pytest.mark.parametrize(
    ("query", "film"),
    [
        ("godfather 2", "The Godfather: Part II (1974)"),
        ("godfather ii", "The Godfather: Part II (1974)"),
        ("the godfather part 2", "The Godfather: Part II (1974)"),
        ("godfather teil 2", "The Godfather: Part II (1974)"),
        ("godfather part two", "The Godfather: Part II (1974)"),
        ("der pate 2", "The Godfather: Part II (1974)"),
        ("godfather 3", "The Godfather: Part III (1990)"),
        ("back to the future 2", "Back to the Future Part II (1989)"),
        ("zurück in die zukunft 2", "Back to the Future Part II (1989)"),
        ("star wars 5", "Star Wars: Episode V - The Empire Strikes Back (1980)"),
        ("mission impossible 2", "Mission: Impossible II (2000)"),
        ("spiderman 2", "Spider-Man 2 (2004)"),
    ],
)
def test_sequel_numbers_either_way(films: Catalogue, query: str, film: str) -> None:
    assert first(films, query) == film


@pytest.mark.parametrize(
    ("query", "film"),
    [
        ("shawshenk redemption", "The Shawshank Redemption (1994)"),  # wrong letter
        ("shawshank redemtion", "The Shawshank Redemption (1994)"),  # missing letter
        ("pulp fiiction", "Pulp Fiction (1994)"),  # extra letter
        ("godfahter", "The Godfather (1972)"),  # swapped letters
        ("shwashank redmeption", "The Shawshank Redemption (1994)"),  # a swap in each word
        ("godfaher prat 2", "The Godfather: Part II (1974)"),
        ("brave heart", "Braveheart (1995)"),  # a word split in two
        ("ballerinna wisemann", "Ballerina (2025)"),
        ("gefarliche libschaften", "Dangerous Liaisons (1988)"),  # two letters in a word
    ],
)
def test_typos(films: Catalogue, query: str, film: str) -> None:
    assert first(films, query) == film


def test_word_order_and_only_some_words(films: Catalogue) -> None:
    assert first(films, "fiction pulp") == "Pulp Fiction (1994)"
    assert first(films, "empire strikes back") == (
        "Star Wars: Episode V - The Empire Strikes Back (1980)"
    )
    assert first(films, "fabuleux poulain") == "Die fabelhafte Welt der Amélie (2001)"
    assert first(films, "shawshank movie") == "The Shawshank Redemption (1994)"


@pytest.mark.parametrize(
    ("query", "film"),
    [
        ("pulp f", "Pulp Fiction (1994)"),
        ("p", "Pulp Fiction (1994)"),  # among the first of the films with a p-word
        ("shaws", "The Shawshank Redemption (1994)"),
        ("godf", "The Godfather (1972)"),
        ("the godfather part i", "The Godfather: Part II (1974)"),
        ("gefährl", "Dangerous Liaisons (1988)"),
        ("ballerina wise", "Ballerina (2025)"),
        ("godfaht", "The Godfather (1972)"),  # a typo while still typing
    ],
)
def test_as_you_type_prefixes(films: Catalogue, query: str, film: str) -> None:
    if query == "p":
        assert film in labels(FilmSearch(films).search_films(query, limit=5))
    else:
        assert first(films, query) == film


@pytest.mark.parametrize(
    ("query", "film"),
    [
        ("psycho 1998", "Psycho (1998)"),
        ("psycho (1960)", "Psycho (1960)"),
        ("1998 psycho", "Psycho (1998)"),
        ("ballerina (2023)", "Ballerina (2023)"),
        ("ballerina 2025", "Ballerina (2025)"),
        ("psycho 1997", "Psycho (1998)"),  # one year off still helps
    ],
)
def test_a_year_anywhere_picks_that_years_film(films: Catalogue, query: str, film: str) -> None:
    assert first(films, query) == film


@pytest.mark.parametrize(
    ("query", "film", "field", "matched"),
    [
        ("wiseman", "Ballerina (2025)", "director", "Len Wiseman"),
        ("ana de armas", "Ballerina (2025)", "cast", "Ana de Armas"),
        ("jeon jong seo", "Ballerina (2023)", "cast", "Jeon Jong-seo"),
        ("hitchcock", "Psycho (1960)", "director", "Alfred Hitchcock"),
        ("bong joon ho", "Parasite (2019)", "director", "Bong Joon-ho"),
    ],
)
def test_people_find_their_films(
    films: Catalogue, query: str, film: str, field: str, matched: str
) -> None:
    hit = FilmSearch(films).search_films(query)[0]
    assert (hit.film.label, hit.matched_field, hit.matched) == (film, field, matched)


def test_a_person_by_another_recorded_spelling(films: Catalogue) -> None:
    with films.store.write() as conn:
        (person,) = conn.execute("SELECT id FROM people WHERE name = 'Jeon Jong-seo'").fetchone()
        conn.execute(
            "INSERT INTO person_aliases (person_id, alias) VALUES (?, 'Jun Jong-seo')", (person,)
        )
    hit = FilmSearch(films).search_films("jun jong seo")[0]
    assert (hit.film.label, hit.matched) == ("Ballerina (2023)", "Jun Jong-seo")


def test_title_words_and_people_together(films: Catalogue) -> None:
    assert first(films, "ballerina wiseman") == "Ballerina (2025)"
    assert first(films, "ballerina jeon") == "Ballerina (2023)"
    assert first(films, "coppola 3") == "The Godfather: Part III (1990)"


# -- ranking and hits -----------------------------------------------------------------------


def test_exact_and_whole_words_rank_over_fuzzy_and_partial(films: Catalogue) -> None:
    hits = FilmSearch(films).search_films("godfather")
    assert labels(hits)[:3] == [
        "The Godfather (1972)",
        "The Godfather: Part II (1974)",
        "The Godfather: Part III (1990)",
    ]
    assert hits[0].score > hits[1].score


def test_popularity_decides_between_equal_matches(films: Catalogue) -> None:
    assert labels(FilmSearch(films).search_films("psycho"))[:2] == [
        "Psycho (1960)",
        "Psycho (1998)",
    ]


def test_diary_and_reviews_count_as_popularity(films: Catalogue) -> None:
    remake = next(
        h.film for h in FilmSearch(films).search_films("psycho 1998") if h.film.year == 1998
    )
    assert first(films, "psycho", known_keys={remake.key}) == "Psycho (1998)"
    _add_review(films, remake.id)
    assert first(films, "psycho") == "Psycho (1998)"


def test_ties_break_by_film_id(catalogue: Catalogue) -> None:
    for _ in range(3):
        catalogue.add_film(title="Twin", year=2000)
    ids = [hit.film.id for hit in FilmSearch(catalogue).search_films("twin")]
    assert ids == sorted(ids) and len(ids) == 3
    assert ids == [hit.film.id for hit in FilmSearch(catalogue).search_films("twin")]


def test_hits_carry_the_match_and_its_positions(films: Catalogue) -> None:
    hit = FilmSearch(films).search_films("pulp f")[0]
    assert (hit.matched, hit.matched_field) == ("Pulp Fiction", "title")
    assert "".join(hit.matched[i] for i in hit.positions) == "PulpF"
    hit = FilmSearch(films).search_films("gefaehrliche")[0]
    assert (hit.matched, hit.matched_field) == ("Gefährliche Liebschaften", "alternative")
    assert "".join(hit.matched[i] for i in hit.positions) == "Gefährliche"
    hit = FilmSearch(films).search_films("gisaengchung")[0]
    assert hit.matched_field == "original_title"
    data = hit.as_json()
    assert set(data) == {"id", "title", "year", "original_title", "directors", "matched", "score"}
    assert data["year"] == 2019 and data["directors"] == ["Bong Joon-ho"]


def test_limit(films: Catalogue) -> None:
    assert len(FilmSearch(films).search_films("the", limit=3)) == 3
    assert FilmSearch(films).search_films("the", limit=0) == []
    assert len(FilmSearch(films).search_films("", limit=5)) == 5


def test_empty_query_gives_reviewed_then_rated_then_popular_films(films: Catalogue) -> None:
    top = FilmSearch(films).search_films("")
    assert labels(top)[:2] == ["The Shawshank Redemption (1994)", "Pulp Fiction (1994)"]
    ballerina = next(h.film for h in FilmSearch(films).search_films("ballerina 2023"))
    assert (
        labels(FilmSearch(films).search_films("", known_keys={ballerina.key}))[0]
        == "Ballerina (2023)"
    )
    psycho_98 = next(h.film for h in FilmSearch(films).search_films("psycho 1998"))
    _add_review(films, psycho_98.id)
    assert labels(FilmSearch(films).search_films("   ", known_keys={ballerina.key}))[:3] == [
        "Psycho (1998)",
        "Ballerina (2023)",
        "The Shawshank Redemption (1994)",
    ]


def test_an_empty_catalogue_finds_nothing(catalogue: Catalogue) -> None:
    assert FilmSearch(catalogue).search_films("anything") == []
    assert FilmSearch(catalogue).search_films("") == []


# -- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "x" * 100_000,
        "pulp fiction " * 500,
        "\x00\x01\x1b[31mpulp\x7f\x9b fiction",
        "'pulp' \"fiction\"",
        "pulp*",
        "*",
        "pulp AND fiction",
        "pulp NEAR fiction",
        "NEAR(pulp fiction, 2)",
        "pulp OR NOT fiction",
        "%pulp%",
        "pulp_fiction",
        "_",
        "'; DROP TABLE films; --",
        'pulp" OR 1=1 --',
        "title:pulp",
        "^pulp$",
        "\u202epulp\u202c",
        "🎬 pulp 🎬",
        "\n\t\r",
    ],
)
def test_bad_input_is_plain_text(films: Catalogue, query: str) -> None:
    hits = FilmSearch(films).search_films(query)
    assert isinstance(hits, list)
    if "pulp" in query.lower():
        assert "Pulp Fiction (1994)" in labels(hits[:3])
    assert films.counts()["films"] == len(FILMS)


def test_nothing_matches_gives_nothing(films: Catalogue) -> None:
    assert FilmSearch(films).search_films("zzzzqqqq") == []
    assert FilmSearch(films).search_films("nonexistent film xyz") == []


# -- find_film: the search finds candidates, the film resolver decides ----------------------


def test_find_film_names_one_film_or_refuses(films: Catalogue) -> None:
    def winner(query: str) -> str | None:
        try:
            return FilmSearch(films).find_film(query).label
        except AmbiguousFilm:
            return None

    assert winner("pulp fiction") == "Pulp Fiction (1994)"
    assert winner("ballerina") is None  # two films of that exact title
    assert winner("ballerina 2025") == "Ballerina (2025)"
    assert winner("psycho") is None
    assert winner("psycho 1960") == "Psycho (1960)"
    assert winner("godfather") == "The Godfather (1972)"
    with pytest.raises(FilmNotFound):
        FilmSearch(films).find_film("zzzzqqqq")


def _add_review(catalogue: Catalogue, film_id: int) -> None:
    stamp = now_iso()
    with catalogue.store.write() as conn:
        conn.execute(
            "INSERT INTO reviews (film_id, source, author, body, score_text, score_100, sha256,"
            " raw_text, imported_at, updated_at) VALUES (?, 'epd film', 'A. Critic',"
            " 'A fine remake.', '7/10', 70, ?, 'A fine remake.', ?, ?)",
            (film_id, f"sha-{film_id}-{stamp}", stamp, stamp),
        )
