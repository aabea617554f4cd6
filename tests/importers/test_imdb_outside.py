"""Titles an IMDb import leaves out (shorts, videos, specials ...) are noted, so that a diary
row naming one is "not in the catalogue" rather than a same-title film a year away."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.importers.imdb import import_imdb
from kinolog.db.resolver import (
    AMBIGUOUS,
    ATTACHED,
    NOT_IN_CATALOGUE,
    Evidence,
    FilmResolver,
    Resolution,
)
from kinolog.db.search import FilmSearch
from tests.conftest import CliResult

HEADER = (
    "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear"
    "\truntimeMinutes\tgenres"
)
# Invented ids; the shapes of IMDb's title.basics.
BASICS = [
    ("tt9100001", "movie", "Bao", "Bao", "0", "2017", "95"),
    ("tt9100002", "short", "Bao", "Bao", "0", "2018", "8"),
    ("tt9100003", "tvEpisode", "Bao", "Bao", "0", "2018", "22"),
    ("tt9100004", "movie", "Kestrel", "Kestrel", "0", "2019", "101"),
    ("tt9100005", "tvSeries", "Kestrel", "Kestrel", "0", "2018", "45"),
    ("tt9100006", "movie", "Velvet Room", "Velvet Room", "0", "2011", "88"),
    ("tt9100007", "movie", "Velvet Room", "Velvet Room", "1", "2010", "80"),
    ("tt9100008", "movie", "Winter Gala", "Winter Gala", "0", "2015", "99"),
    ("tt9100009", "tvSpecial", "Winter Gala", "Winter Gala", "0", "2015", "60"),
    ("tt9100010", "movie", "Mondaufgang", "Mondaufgang", "0", "2017", "110"),
    ("tt9100011", "video", "Moonrise", "Mondaufgang", "0", "2016", "70"),
    ("tt9100012", "tvMiniSeries", "The Long Shore", "The Long Shore", "0", "2020", "50"),
    ("tt9100013", "movie", "Long Shore, The", "The Long Shore", "0", "2021", "120"),
    ("tt9100014", "videoGame", "Ember Road", "Ember Road", "0", "2012", "\\N"),
    ("tt9100015", "movie", "Ember Road", "Ember Road", "0", "2013", "97"),
    ("tt9100016", "tvShort", "Paper Ghost", "Paper Ghost", "0", "\\N", "5"),
    ("tt9100017", "movie", "Paper Ghost", "Paper Ghost", "0", "\\N", "90"),
    ("tt9100018", "short", "\\N", "\\N", "0", "2010", "3"),
    ("tt9100019", "short", "Bad Year", "Bad Year", "0", "20x5", "3"),
]


def write_basics(folder: Path, rows: list[tuple[str, ...]] = BASICS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [HEADER] + [
        "\t".join((*row[:6], "\\N", row[6], "Drama")) for row in rows
    ]  # tconst type primary original adult start end runtime genres
    path = folder / "title.basics.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def outside_rows(catalogue: Catalogue) -> list[tuple[object, ...]]:
    with catalogue.store.read() as conn:
        return [
            tuple(row)
            for row in conn.execute(
                "SELECT num, type, adult, year, form, original_form FROM outside_titles"
                " ORDER BY num"
            )
        ]


@pytest.fixture
def imported(catalogue: Catalogue, tmp_path: Path) -> Catalogue:
    result = import_imdb(catalogue, [write_basics(tmp_path / "imdb")])
    assert not result.errors, result.errors
    return catalogue


def resolve(
    catalogue: Catalogue, title: str, year: int | None = None, **facts: object
) -> Resolution:
    resolver = FilmResolver(catalogue, finder=FilmSearch(catalogue))
    return resolver.resolve(Evidence(titles=(title,), year=year, **facts))  # type: ignore[arg-type]


def test_film_like_titles_left_out_are_noted_compactly(imported: Catalogue) -> None:
    assert outside_rows(imported) == [
        (9100002, "short", 0, 2018, "bao", None),
        (9100007, "movie", 1, 2010, "velvet room", None),  # adult, left out by default
        (9100009, "tvSpecial", 0, 2015, "winter gala", None),
        (9100011, "video", 0, 2016, "moonrise", "mondaufgang"),
        (9100012, "tvMiniSeries", 0, 2020, "the long shore", None),
        (9100016, "tvShort", 0, None, "paper ghost", None),
    ]  # no episode, series or game; rows without a title or with a bad year are not notes
    with imported.store.read() as conn:
        assert conn.execute("SELECT count(*) FROM films").fetchone()[0] == 8


def test_reimporting_changes_nothing_and_a_kept_type_stops_being_a_note(
    imported: Catalogue, tmp_path: Path
) -> None:
    before = outside_rows(imported)
    result = import_imdb(imported, [tmp_path / "imdb"])
    assert result.films_added == 0 and result.titles_noted == len(before)
    assert outside_rows(imported) == before
    # Changed in IMDb's next file: the short's year; and a new short.
    rows = [row if row[0] != "tt9100002" else (*row[:5], "2016", row[6]) for row in BASICS]
    rows.append(("tt9100020", "short", "Quill", "Quill", "0", "2021", "4"))
    write_basics(tmp_path / "imdb", rows)
    import_imdb(imported, [tmp_path / "imdb"])
    notes = {row[0]: row for row in outside_rows(imported)}
    assert notes[9100002][3] == 2016 and 9100020 in notes and len(notes) == len(before) + 1
    # Shorts kept now: the short is a film, no longer a note.
    write_basics(tmp_path / "imdb", BASICS)
    import_imdb(imported, [tmp_path / "imdb"], types=("movie", "tvMovie", "short"))
    assert 9100002 not in {row[0] for row in outside_rows(imported)}
    assert imported.film_by_imdb_id("tt9100002") is not None
    resolution = resolve(imported, "Bao", 2018)
    assert resolution.status == ATTACHED and resolution.chosen is not None
    assert resolution.chosen.imdb_id == "tt9100002"


def test_a_row_naming_a_short_is_not_the_film_a_year_away(imported: Catalogue) -> None:
    resolution = resolve(imported, "Bao", 2018)
    assert resolution.status == NOT_IN_CATALOGUE
    assert resolution.reason.startswith("Bao (2018) is a short on IMDb (tt9100002)")
    assert [c.label for c in resolution.candidates] == ["Bao (2017)"]  # shown, not chosen
    assert "not in the catalogue" in "\n".join(resolution.explain())
    # The film's own year still finds it; an episode of that title and year is no note.
    assert resolve(imported, "Bao", 2017).status == ATTACHED
    # Series are never noted: a row of 2018 may still be the film of 2019.
    kestrel = resolve(imported, "Kestrel", 2018)
    assert kestrel.status == ATTACHED and kestrel.chosen is not None
    assert kestrel.chosen.label == "Kestrel (2019)"


def test_rows_carrying_the_left_out_titles_imdb_id(imported: Catalogue) -> None:
    for facts in ({}, {"title_type": "Short"}, {"title_type": "Kurzfilm"}):
        resolution = resolve(imported, "Bao", 2018, imdb_id="tt9100002", **facts)
        assert resolution.status == NOT_IN_CATALOGUE, facts
        assert "tt9100002" in resolution.reason
    # Another IMDb id, unknown to the catalogue: the note of another title says nothing.
    other = resolve(imported, "Bao", 2018, imdb_id="tt9199999")
    assert other.status == NOT_IN_CATALOGUE and "tt9100002" not in other.reason


def test_other_kinds_adult_titles_and_original_titles(imported: Catalogue) -> None:
    velvet = resolve(imported, "Velvet Room", 2010)
    assert velvet.status == NOT_IN_CATALOGUE and "an adult film on IMDb" in velvet.reason
    moon = resolve(imported, "Mondaufgang", 2016)  # the video's original title
    assert moon.status == NOT_IN_CATALOGUE and "a video on IMDb (tt9100011)" in moon.reason
    shore = resolve(imported, "The Long Shore", 2020)
    assert shore.status == NOT_IN_CATALOGUE and "mini-series" in shore.reason
    # A row that says it is a film is not the short; the film a year away stays possible.
    said = resolve(imported, "Bao", 2018, title_type="movie")
    assert said.status == ATTACHED and said.chosen is not None and said.chosen.year == 2017
    # A game is never noted.
    assert resolve(imported, "Ember Road", 2012).status == ATTACHED


def test_a_film_of_the_rows_title_and_year_wins_over_a_note(imported: Catalogue) -> None:
    gala = resolve(imported, "Winter Gala", 2015)
    assert gala.status == ATTACHED and gala.chosen is not None and gala.chosen.year == 2015


def test_people_in_common_make_it_a_close_call(imported: Catalogue) -> None:
    with imported.store.write() as conn:
        (film,) = conn.execute("SELECT id FROM films WHERE imdb_id = 'tt9100001'").fetchone()
        conn.execute("INSERT INTO people (imdb_id, name) VALUES ('nm9100001', 'Ada Lin')")
        conn.execute(
            "INSERT INTO credits (film_id, person_id, role, ordering)"
            " SELECT ?, id, 'director', 1 FROM people WHERE imdb_id = 'nm9100001'",
            (film,),
        )
    resolution = resolve(imported, "Bao", 2018, directors=("Ada Lin",))
    assert resolution.status == AMBIGUOUS
    assert resolution.reason.startswith("no clear winner between Bao (2017) and Bao (2018)")


def test_no_year_anywhere_is_no_longer_enough(imported: Catalogue) -> None:
    # A film without a year and a TV short of the title without one: either may be meant.
    assert resolve(imported, "Paper Ghost").status == AMBIGUOUS


def test_typed_queries_name_catalogue_films(imported: Catalogue) -> None:
    resolver = FilmResolver(imported, finder=FilmSearch(imported))
    assert resolver.resolve_query("bao 2017").status == ATTACHED


def test_letterboxd_import_explains_the_left_out_short(
    imported: Catalogue, tmp_path: Path, kinolog: Callable[..., CliResult]
) -> None:
    diary = tmp_path / "diary.csv"
    diary.write_text(
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
        "2024-03-02,Bao,2018,https://boxd.it/zz01,4.5,,,2024-03-01\n"
        "2024-03-03,Bao,2017,https://boxd.it/zz02,3,,,2024-03-02\n",
        encoding="utf-8",
    )
    imported.close()
    result = kinolog("import", "letterboxd", str(diary), "--dry-run", "--json")
    decisions = json.loads(result.out)["decisions"]
    assert [d["status"] for d in decisions] == [NOT_IN_CATALOGUE, ATTACHED]
    assert "a short on IMDb (tt9100002)" in decisions[0]["reason"]
    explained = kinolog("import", "letterboxd", str(diary), "--dry-run", "--explain").out
    assert "-> not in the catalogue: Bao (2018) is a short on IMDb (tt9100002)" in explained


def test_the_import_summary_counts_the_notes(
    tmp_path: Path, kinolog: Callable[..., CliResult]
) -> None:
    result = kinolog("import", "imdb", str(write_basics(tmp_path / "imdb")))
    assert result.code == 0, result.err
    assert "other titles: 6 shorts, videos, specials and the like left out" in result.out
