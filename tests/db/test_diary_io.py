"""Shared import logic (reading CSV, dates, de-duplication) and the diary export formats."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.errors import ImportFailed, InvalidValue
from kinolog.db.files import read_csv
from kinolog.db.formats import export_diary
from kinolog.db.formats.entries import DiaryImportReport, ImportedEntry, apply_import
from kinolog.db.formats.imdb import EXPORT_COLUMNS as IMDB_COLUMNS
from kinolog.db.formats.imdb import import_imdb_ratings
from kinolog.db.formats.letterboxd import IMPORT_COLUMNS as LETTERBOXD_COLUMNS
from kinolog.db.formats.values import parse_date, parse_timestamp
from kinolog.db.models import FilmRef
from tests.conftest import CliResult, add_sample_films

HEAT = FilmRef(key="imdb:tt0113277", title="Heat", year=1995, imdb_id="tt0113277")
ALIEN = FilmRef(key="title:alien:1979", title="Alien", year=1979)
Kinolog = Callable[..., CliResult]


def report() -> DiaryImportReport:
    return DiaryImportReport(source="test", kind="test")


# -- reading --------------------------------------------------------------------------------


def test_read_csv_handles_what_spreadsheets_and_sites_write() -> None:
    crlf = '\ufeffName,Review\r\nA,"one\r\ntwo"\r\n\r\nB,x\r\n'.encode()
    table = read_csv(crlf, "a.csv")
    assert table.columns == ("name", "review")
    assert table.rows == [
        (2, {"name": "A", "review": "one\r\ntwo"}),
        (5, {"name": "B", "review": "x"}),
    ]
    semicolons = read_csv("Name;Watched Date\nCafé;2024-01-05\n".encode("cp1252"), "b.csv")
    assert semicolons.rows == [(2, {"name": "Café", "watcheddate": "2024-01-05"})]
    utf16 = read_csv("Name\tYear\nHeat\t1995\n".encode("utf-16"), "c.csv")
    assert utf16.rows == [(2, {"name": "Heat", "year": "1995"})]
    with pytest.raises(ImportFailed, match=r"d\.csv: the file is empty"):
        read_csv(b"\n\n", "d.csv")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-05", "2024-01-05T00:00:00"),
        ("2024-01-05 21:30:00", "2024-01-05T21:30:00"),
        ("2024-01-05T21:30:00Z", "2024-01-05T21:30:00"),
        ("2024-01-05T23:30:00+02:00", "2024-01-05T21:30:00"),
        ("2024-1-5", "2024-01-05T00:00:00"),
        ("2024/01/05", "2024-01-05T00:00:00"),
        ("05.01.2024", "2024-01-05T00:00:00"),
        ("01/05/2024", "2024-01-05T00:00:00"),
        ("25/12/2023", "2023-12-25T00:00:00"),
        ("Sat Jan 12 00:00:00 2013", "2013-01-12T00:00:00"),
        ("5 Jan 2024", "2024-01-05T00:00:00"),
    ],
)
def test_parse_timestamp(text: str, expected: str) -> None:
    parsed = parse_timestamp(text)
    assert parsed is not None and parsed.isoformat() == expected


def test_parse_date() -> None:
    assert parse_date("  ") is None
    assert parse_date("2024-01-05", today=date(2024, 1, 4)) == "2024-01-05"  # a day of grace
    with pytest.raises(InvalidValue, match="in the future"):
        parse_date("2024-01-07", today=date(2024, 1, 4))
    for bad in ("someday", "2024-02-30", "13/13/2024"):
        with pytest.raises(InvalidValue, match="not understood"):
            parse_date(bad)


# -- de-duplication ---------------------------------------------------------------------------


def test_two_viewings_on_one_day_stay_two_and_reimport_adds_nothing(diary: Diary) -> None:
    twice = [
        ImportedEntry(HEAT, rating=8, watched="2024-01-05"),
        ImportedEntry(HEAT, rating=9, watched="2024-01-05", rewatch=True),
    ]
    assert len(apply_import(diary, twice, report(), backup=False).added) == 2
    again = apply_import(diary, twice, report(), backup=False)
    assert again.added == [] and again.present == 2


def test_existing_entries_are_only_completed_never_changed(diary: Diary) -> None:
    mine = diary.log_viewing(HEAT, rating=6, watched="2024-01-05", note="my words")
    bare = diary.log_viewing(ALIEN, rating=None, watched="2020-01-01")
    incoming = [
        ImportedEntry(HEAT, rating=9, watched="2024-01-05", note="theirs", tags=("x",)),
        ImportedEntry(ALIEN, watched="2020-01-01", note="a note", tags=("space",)),
    ]
    result = apply_import(diary, incoming, report(), backup=False)
    assert result.added == [] and len(result.completed) == 2
    heat = diary.get_entry(mine.id)
    assert (heat.rating, heat.note, heat.tags) == (6, "my words", ("x",))
    alien = diary.get_entry(bare.id)
    assert (alien.note, alien.tags) == ("a note", ("space",))
    diary.undo()
    assert diary.get_entry(bare.id).note is None


def test_undated_entries_match_by_rating_or_their_logged_time(diary: Diary) -> None:
    first = [ImportedEntry(HEAT, rating=8, logged_at="2021-07-04T00:00:00.000000Z")]
    apply_import(diary, first, report(), backup=False)
    [entry] = diary.entries()
    diary.edit_entry(entry.id, rating=4)
    assert apply_import(diary, first, report(), backup=False).added == []
    later = [ImportedEntry(HEAT, rating=10, logged_at="2025-01-01T00:00:00.000000Z")]
    assert len(apply_import(diary, later, report(), backup=False).added) == 1
    assert diary.current_rating(HEAT.key) == 10


def test_a_failing_import_writes_nothing(diary: Diary) -> None:
    broken = [ImportedEntry(HEAT, rating=8), ImportedEntry(ALIEN, rating=11)]
    with pytest.raises(InvalidValue):
        apply_import(diary, broken, report(), backup=False)
    assert diary.entries() == [] and diary.counts()["changes"] == 0


def test_deleted_entries_do_not_count_as_there(diary: Diary) -> None:
    entry = diary.log_viewing(HEAT, rating=8, watched="2024-01-05")
    diary.delete_entry(entry.id)
    incoming = [ImportedEntry(HEAT, rating=8, watched="2024-01-05")]
    assert len(apply_import(diary, incoming, report(), backup=False).added) == 1


# -- export -----------------------------------------------------------------------------------


@pytest.fixture
def logged(diary: Diary, catalogue: Catalogue) -> Diary:
    add_sample_films(catalogue)
    pulp = FilmRef.of(catalogue.get_film(1))
    diary.log_viewing(pulp, rating=7, watched="2020-01-01", logged_at="2020-01-02T10:00:00Z")
    diary.log_viewing(
        pulp, rating=9, watched="2024-01-05", rewatch=True, tags=["cult", "crime"],
        note='a <b> & "c"\nline two',
    )  # fmt: skip
    diary.log_viewing(ALIEN, rating=3, watched=None)
    diary.log_viewing(HEAT, watched="2023-03-03")
    return diary


def export(diary: Diary, fmt: str, catalogue: Catalogue | None = None) -> str:
    out = io.StringIO()
    export_diary(diary, out, fmt, catalogue=catalogue)
    return out.getvalue()


def test_letterboxd_export(logged: Diary, catalogue: Catalogue) -> None:
    rows = list(csv.reader(io.StringIO(export(logged, "letterboxd", catalogue))))
    assert tuple(rows[0]) == LETTERBOXD_COLUMNS
    by_title = {(row[0], row[6]): row for row in rows[1:]}
    assert by_title[("Pulp Fiction", "2024-01-05")] == [
        "Pulp Fiction", "1994", "tt0110912", "Quentin Tarantino", "4.5", "9", "2024-01-05",
        "true", "cult, crime", 'a &lt;b&gt; &amp; "c"\nline two',
    ]  # fmt: skip
    assert by_title[("Alien", "")][4:8] == ["1.5", "3", "", "false"]
    assert by_title[("Heat", "2023-03-03")][2:6] == ["tt0113277", "", "", ""]
    assert rows[1][6] == "2020-01-01"  # oldest first


def test_imdb_export_has_each_rated_films_current_rating(
    logged: Diary, catalogue: Catalogue
) -> None:
    out = io.StringIO()
    result = export_diary(logged, out, "imdb", catalogue=catalogue)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == IMDB_COLUMNS
    assert [(row["Const"], row["Your Rating"]) for row in rows] == [("tt0110912", "9")]
    assert rows[0]["Directors"] == "Quentin Tarantino" and rows[0]["Runtime (mins)"] == "154"
    assert result.left_out == 1  # Alien has no IMDb id; Heat has no rating
    fresh = Diary(logged.path.with_name("fresh.db"))
    target = logged.path.with_name("ratings.csv")
    target.write_text(out.getvalue(), encoding="utf-8")
    import_imdb_ratings(fresh, [target])
    assert fresh.ratings() == {"imdb:tt0110912": 9}
    fresh.close()


def test_json_and_csv_exports(logged: Diary) -> None:
    entries = json.loads(export(logged, "json"))
    assert [entry["film"]["title"] for entry in entries][:2] == ["Alien", "Pulp Fiction"]
    lines = export(logged, "csv").splitlines()
    assert lines[0] == (
        "id,film_key,imdb_id,title,year,rating,stars,watched,logged_at,rewatch,liked,tags,note,"
        "unlinked"
    )
    with pytest.raises(InvalidValue, match="--format xml"):
        export(logged, "xml")


def test_export_cli(kinolog: Kinolog, logged: Diary, tmp_path: Path) -> None:
    target = tmp_path / "lb.csv"
    result = kinolog("export", "diary", "--format", "letterboxd", "-o", str(target))
    assert result.code == 0, result.err
    assert target.read_text(encoding="utf-8").startswith(",".join(LETTERBOXD_COLUMNS))
    imdb = kinolog("export", "diary", "--format", "imdb")
    assert imdb.code == 0 and imdb.out.startswith("Const,Your Rating")
    assert "left out 1" in imdb.err
    bad = kinolog("export", "diary", "--format", "xml")
    assert bad.code == 2 and "letterboxd" in bad.err
