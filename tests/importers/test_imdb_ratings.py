"""IMDb "Your ratings" exports into the diary: both forms, bad rows, re-imports, the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.errors import ImportFailed
from kinolog.db.formats.imdb import import_imdb_ratings
from tests.conftest import CliResult, add_sample_films

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imdb_ratings"
Kinolog = Callable[..., CliResult]


def test_the_newer_14_column_form(diary: Diary) -> None:
    # BOM, CRLF, Original Title, German title types ("Film", "TV-Serie": not a film).
    report = import_imdb_ratings(diary, [FIXTURES / "ratings_14.csv"])
    assert report.bad == [] and report.rows == 3 and report.skipped == {"tvSeries": 1}
    entries = {entry.film.key: entry for entry in diary.entries()}
    assert set(entries) == {"imdb:tt0110912", "imdb:tt0211915"}
    amelie = entries["imdb:tt0211915"]
    assert (amelie.film.title, amelie.film.year, amelie.film.imdb_id) == (
        "Die fabelhafte Welt der Amélie", 2001, "tt0211915",
    )  # fmt: skip
    assert (amelie.rating, amelie.watched) == (8, None)
    assert amelie.logged_at.startswith("2022-12-24")
    assert diary.current_rating("imdb:tt0903747") is None


def test_the_older_13_column_form(diary: Diary) -> None:
    report = import_imdb_ratings(diary, [FIXTURES / "ratings_13.csv"])
    assert report.bad == []
    assert diary.ratings() == {"imdb:tt0113277": 8, "imdb:tt0078748": 9}
    assert {entry.film.label for entry in diary.entries()} == {"Heat (1995)", "Alien (1979)"}


def test_columns_are_found_by_name_in_any_order(diary: Diary, tmp_path: Path) -> None:
    old = tmp_path / "old.csv"  # the form IMDb wrote before 2017
    old.write_text(
        "position,const,created,modified,description,Title,Title type,Directors,You rated,"
        "IMDb Rating,Runtime (mins),Year,Genres,Num. Votes,Release Date (month/day/year),URL\n"
        "1,tt0133093,Sat Jan 12 00:00:00 2013,,,The Matrix,Feature Film,Lana Wachowski,9,8.7,"
        "136,1999,Sci-Fi,1500000,1999-03-31,https://www.imdb.com/title/tt0133093/\n",
        encoding="utf-8",
    )
    import_imdb_ratings(diary, [old])
    [entry] = diary.entries()
    assert (entry.film.key, entry.rating, entry.logged_at[:10]) == (
        "imdb:tt0133093", 9, "2013-01-12",
    )  # fmt: skip


def test_bad_rows_are_reported_with_their_lines_and_the_rest_imported(diary: Diary) -> None:
    report = import_imdb_ratings(diary, [FIXTURES / "ratings_bad.csv"])
    assert [entry.film.title for entry in report.added] == ["Heat"]
    bad = "\n".join(report.bad)
    assert len(report.bad) == 4
    assert "ratings_bad.csv line 3: no IMDb id (Const 'nonsense')" in bad
    assert "line 4: rating 'eleven' is not a number" in bad
    assert "line 5: rating '11' is not a whole number 1-10" in bad
    assert "line 6: date 'not a date' not understood" in bad


def test_reimport_is_a_no_op_and_a_changed_rating_becomes_current(
    diary: Diary, tmp_path: Path
) -> None:
    import_imdb_ratings(diary, [FIXTURES / "ratings_13.csv"])
    assert import_imdb_ratings(diary, [FIXTURES / "ratings_13.csv"]).added == []
    [heat] = [entry for entry in diary.entries() if entry.film.title == "Heat"]
    diary.edit_entry(heat.id, rating=7)  # the user's own edit stays, re-import or not
    assert import_imdb_ratings(diary, [FIXTURES / "ratings_13.csv"]).added == []
    newer = tmp_path / "newer.csv"
    text = (FIXTURES / "ratings_13.csv").read_text(encoding="utf-8")
    newer.write_text(text.replace("tt0078748,9,2020-10-31", "tt0078748,6,2025-01-01"))
    report = import_imdb_ratings(diary, [newer])
    assert [(entry.film.title, entry.rating) for entry in report.added] == [("Alien", 6)]
    assert diary.current_rating("imdb:tt0078748") == 6
    assert diary.current_rating("imdb:tt0113277") == 7


def test_films_not_in_the_catalogue_are_kept_and_listed(diary: Diary, catalogue: Catalogue) -> None:
    add_sample_films(catalogue)
    report = import_imdb_ratings(
        diary, [FIXTURES / "ratings_14.csv"], catalogue=catalogue, types=None
    )
    assert report.unmatched == ["Breaking Bad (2008)"]
    assert len(diary.entries()) == 3


def test_a_dry_run_and_undo(diary: Diary) -> None:
    report = import_imdb_ratings(diary, [FIXTURES / "ratings_14.csv"], dry_run=True)
    assert len(report.added) == 2 and diary.entries() == []
    import_imdb_ratings(diary, [FIXTURES / "ratings_14.csv"])
    assert "2 changes" in diary.undo().description
    assert diary.entries() == []


def test_files_that_are_not_ratings(diary: Diary, tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("Name,Year\nHeat,1995\n")
    with pytest.raises(ImportFailed, match="not an IMDb export"):
        import_imdb_ratings(diary, [other])
    with pytest.raises(ImportFailed, match="cannot read it"):
        import_imdb_ratings(diary, [tmp_path / "missing.csv"])
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"\xef\xbb\xbf\r\n")
    with pytest.raises(ImportFailed, match="empty"):
        import_imdb_ratings(diary, [empty])


def test_the_cli(kinolog: Kinolog, tmp_path: Path) -> None:
    dry = kinolog("import", "imdb-ratings", str(FIXTURES / "ratings_14.csv"), "--dry-run")
    assert dry.code == 0 and "would add 2 entries" in dry.out
    assert "would add: Pulp Fiction (1994) ★★★★½ (date unknown)" in dry.out
    assert "left out 1 TV series (tvSeries)" in dry.out
    done = kinolog("import", "imdb-ratings", str(FIXTURES / "ratings_14.csv"))
    assert done.code == 0 and "added 2 entries" in done.out and "backed up" in done.out
    assert len(json.loads(kinolog("log", "--json").out)) == 2
    series = kinolog("import", "imdb-ratings", str(FIXTURES / "ratings_14.csv"), "--types", "all")
    assert "added 1 entries" in series.out
    assert len(json.loads(kinolog("log", "--json").out)) == 3
    bad = kinolog("import", "imdb-ratings", str(FIXTURES / "ratings_bad.csv"))
    assert bad.code == 1 and "ratings_bad.csv line 3" in bad.err
    assert "Traceback" not in bad.err
    missing = kinolog("import", "imdb-ratings", str(tmp_path / "nope.csv"))
    assert missing.code == 1
    assert missing.err.strip().splitlines() == [
        f"kinolog: error: {tmp_path / 'nope.csv'}: cannot read it (No such file or directory)"
    ]
