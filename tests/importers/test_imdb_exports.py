"""IMDb's ratings, watchlist and list exports of every generation: films only (one line per
left-out type, --types), unknown dates, round trips (fixtures: tests/fixtures/diary/imdb/)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from kinolog.db.diary import Diary
from kinolog.db.errors import ImportFailed, InvalidValue
from kinolog.db.formats import export_diary
from kinolog.db.formats.imdb import (
    import_imdb_ratings,
    import_imdb_watchlist,
    parse_types,
)
from kinolog.db.formats.imdb.types import FILM_TYPES, title_type
from kinolog.db.formats.kinolog import import_kinolog
from tests.conftest import CliResult

IMDB = Path(__file__).resolve().parents[1] / "fixtures" / "diary" / "imdb"
Kinolog = Callable[..., CliResult]


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("movie", "movie"), ("Movie", "movie"), ("Feature Film", "movie"), ("Film", "movie"),
        ("tvEpisode", "tvEpisode"), ("TV Episode", "tvEpisode"), ("TV-Episode", "tvEpisode"),
        ("Episodio TV", "tvEpisode"), ("TV Series", "tvSeries"), ("Serie TV", "tvSeries"),
        ("TV-Serie", "tvSeries"), ("Mini serie TV", "tvMiniSeries"),
        ("TV Mini Series", "tvMiniSeries"), ("Mini-Series", "tvMiniSeries"),
        ("Video Game", "videoGame"), ("Videospiel", "videoGame"), ("Short Film", "short"),
        ("Short", "short"), ("TV Movie", "tvMovie"), ("Fernsehfilm", "tvMovie"),
        ("Podcast Episode", "podcastEpisode"), ("podcastSeries", "podcastSeries"),
        ("Music Video", "musicVideo"), ("Documentary", "movie"), ("Video", "video"),
        ("", None),
    ],
)  # fmt: skip
def test_title_types_in_every_spelling(label: str, name: str | None) -> None:
    assert title_type(label) == name


def test_types_option() -> None:
    assert parse_types([]) == FILM_TYPES
    assert parse_types(["all"]) is None
    assert parse_types(["films,tvEpisode"]) == FILM_TYPES | {"tvEpisode"}
    assert parse_types(["TV Mini Series", "movie"]) == {"tvMiniSeries", "movie"}
    with pytest.raises(InvalidValue, match="not an IMDb title type"):
        parse_types(["sitcom"])


def test_13_columns_films_only_and_a_missing_date_stays_unknown(diary: Diary) -> None:
    report = import_imdb_ratings(diary, [IMDB / "ratings_13.csv"])
    assert report.bad == [] and report.rows == 15
    assert report.skipped == {
        "tvEpisode": 2, "tvSeries": 1, "tvMiniSeries": 1, "videoGame": 1, "podcastEpisode": 1,
    }  # fmt: skip
    # One line per left-out type.
    lines = [line for line in report.summary().splitlines() if line.startswith("left out")]
    assert "left out 2 TV episodes (tvEpisode): not films; --types films,tvEpisode" in lines[1]
    assert len(lines) == 5
    kept = {entry.film.title for entry in diary.entries()}
    assert "Paperman" in kept and "Midvinternatt" in kept  # a short and a TV movie are films
    assert "Bakom kulisserna: Nattskiftet" in kept  # a video
    assert not kept & {"Breaking Bad", "Chernobyl", "Nattskiftet", "Fjällpodden: Avsnitt 12"}
    [heat] = [entry for entry in diary.entries() if entry.film.title == "Heat"]
    assert heat.logged is None and heat.as_json()["logged_at"] is None


def test_a_missing_date_survives_round_trips(diary: Diary, tmp_path: Path) -> None:
    import_imdb_ratings(diary, [IMDB / "ratings_13.csv"])
    for _ in range(2):
        out = io.StringIO()
        export_diary(diary, out, "imdb")
        heat = next(line for line in out.getvalue().splitlines() if "tt0113277" in line)
        assert heat.startswith("tt0113277,8,,Heat,")  # Date Rated empty, not today
        again = tmp_path / "ratings.csv"
        again.write_text(out.getvalue(), encoding="utf-8")
        assert not import_imdb_ratings(diary, [again]).changed
    for fmt in ("json", "csv"):
        out = io.StringIO()
        export_diary(diary, out, fmt)
        path = tmp_path / f"diary.{fmt}"
        path.write_text(out.getvalue(), encoding="utf-8")
        other = Diary(tmp_path / f"{fmt}.db")
        import_kinolog(other, [path])
        [copy] = [entry for entry in other.entries() if entry.film.title == "Heat"]
        assert copy.logged is None
        other.close()


def test_14_columns_localised_labels_and_partial_release_dates(diary: Diary) -> None:
    report = import_imdb_ratings(diary, [IMDB / "ratings_14.csv", IMDB / "ratings_14_it.csv"])
    assert report.bad == []
    assert report.skipped == {
        "tvEpisode": 1, "tvSeries": 2, "tvMiniSeries": 2, "videoGame": 1, "podcastEpisode": 1,
    }  # fmt: skip
    films = {entry.film.imdb_id: entry for entry in diary.entries()}
    assert films["tt0050976"].film.title == "Il settimo sigillo"  # the account's title
    assert films["tt0068646"].film.year == 1972
    assert len(films) == 10  # eight films, a TV movie and a video; "Film" read as movie


def test_the_legacy_export_and_a_spreadsheet_resave(diary: Diary) -> None:
    legacy = import_imdb_ratings(diary, [IMDB / "ratings_legacy_2017.csv"])
    assert legacy.skipped == {"tvSeries": 1, "tvEpisode": 1} and legacy.bad == []
    assert {entry.film.title for entry in diary.entries()} == {"Heat", "Alien", "Paperman"}
    [alien] = [entry for entry in diary.entries() if entry.film.title == "Alien"]
    assert alien.logged is not None and alien.logged.startswith("2017-02-14")
    resaved = import_imdb_ratings(diary, [IMDB / "ratings_13_excel_resaved.csv"])
    assert resaved.bad == []
    [seal] = [entry for entry in resaved.added if entry.film.imdb_id == "tt0050976"]
    assert seal.logged_at is not None and seal.logged_at.startswith("2024-03-02")


def test_all_types_when_asked(diary: Diary) -> None:
    report = import_imdb_ratings(diary, [IMDB / "ratings_13.csv"], types=None)
    assert report.skipped == {} and len(diary.entries()) == 15
    episodes = import_imdb_ratings(
        diary, [IMDB / "ratings_13.csv"], types=FILM_TYPES | {"tvEpisode"}
    )
    assert not episodes.changed


@pytest.mark.parametrize("name", ["watchlist_old.csv", "watchlist_new.csv"])
def test_watchlists_of_both_generations(diary: Diary, name: str) -> None:
    report = import_imdb_watchlist(diary, [IMDB / name])
    assert report.bad == [] and report.skipped == {"tvMiniSeries": 1}  # Chernobyl
    items = diary.watchlist.items()
    assert [(item.film.imdb_id, item.added) for item in items] == [
        ("tt1160419", "2023-11-30"),
        ("tt0118694", "2023-02-18"),
        ("tt0353969", "2021-06-02"),
        ("tt0047478", "2021-03-14"),
    ]
    assert diary.entries() == []  # its ratings are the ratings export's business
    if name == "watchlist_new.csv":
        assert items[-1].film.title == "I sette samurai"
        assert any("ratings of 1 of them" in note for note in report.notes)


def test_a_list_export_gives_its_descriptions_as_notes(diary: Diary) -> None:
    import_imdb_watchlist(diary, [IMDB / "list_export.csv"])
    notes = {item.film.title: item.note for item in diary.watchlist.items()}
    assert notes == {
        "Oldboy": "Hammer, corridor, one take.",
        "The Handmaiden": 'Three parts, "three" twists.',
        "Burning": None,
        "Decision to Leave": "Fog, mountain, sea.",
    }


def test_a_watchlist_given_as_ratings_is_not_an_error(diary: Diary) -> None:
    old = import_imdb_ratings(diary, [IMDB / "watchlist_old.csv"])
    assert old.bad == [] and diary.entries() == []
    assert any("4 rows without your rating" in note for note in old.notes)  # and Chernobyl
    new = import_imdb_ratings(diary, [IMDB / "watchlist_new.csv"])
    assert new.bad == [] and [e.film.imdb_id for e in new.added] == ["tt1160419"]  # Dune, 8
    with pytest.raises(ImportFailed, match="imdb-ratings"):
        import_imdb_watchlist(diary, [IMDB / "ratings_13.csv"])


def test_the_watchlist_round_trip_through_imdb(diary: Diary, tmp_path: Path) -> None:
    import_imdb_watchlist(diary, [IMDB / "watchlist_new.csv"])
    out = io.StringIO()
    result = export_diary(diary, out, "imdb", subject="watchlist")
    assert result.rows == 4
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Position,Const,Created,Modified,Description,Title,Original Title")
    assert lines[1].startswith("1,tt0047478,2021-03-14,2021-03-14,,I sette samurai,")
    path = tmp_path / "watchlist.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    assert not import_imdb_watchlist(diary, [path]).changed
    other = Diary(tmp_path / "other.db")
    import_imdb_watchlist(other, [path])
    assert [(i.film, i.added) for i in other.watchlist.items()] == [
        (i.film, i.added) for i in diary.watchlist.items()
    ]
    other.close()


def test_the_cli(kinolog: Kinolog) -> None:
    ratings = kinolog("import", "imdb-ratings", str(IMDB / "ratings_13.csv"))
    assert ratings.code == 0 and "left out 2 TV episodes (tvEpisode)" in ratings.out
    assert "left out 1 video game (videoGame)" in ratings.out
    episodes = kinolog(
        "import", "imdb-ratings", str(IMDB / "ratings_13.csv"), "--types", "films,tvEpisode"
    )
    assert "added 2 entries" in episodes.out
    assert kinolog("import", "imdb-ratings", "x.csv", "--types", "sitcom").code == 2
    watchlist = kinolog("import", "imdb-watchlist", str(IMDB / "watchlist_old.csv"))
    assert watchlist.code == 0 and "put 4 on the watchlist" in watchlist.out
    assert "Seven Samurai (1954)" in kinolog("watchlist").out
    as_ratings = kinolog("import", "imdb-ratings", str(IMDB / "watchlist_old.csv"))
    assert as_ratings.code == 0 and "kinolog import imdb-watchlist" in as_ratings.out
    exported = kinolog("export", "watchlist", "--format", "imdb")
    assert exported.code == 0 and exported.out.count("\n") == 5
    log = kinolog("log").out
    assert "date unknown" in log  # Heat's viewing date, as every imported rating's
