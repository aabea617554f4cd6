"""Tags with commas (and backslashes) survive every format that can carry them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kinolog.db.diary import Diary
from kinolog.db.formats import export_diary
from kinolog.db.formats.kinolog import import_kinolog, join_tags, split_tags
from kinolog.db.formats.letterboxd import import_letterboxd
from kinolog.db.models import FilmRef

HEAT = FilmRef(key="imdb:tt0113277", title="Heat", year=1995, imdb_id="tt0113277")
TAGS = ("rock, paper, scissors", "c:\\films\\", "plain", "a\\, b")


def test_join_and_split_are_inverse() -> None:
    cell = join_tags(TAGS)
    assert cell == "rock\\, paper\\, scissors, c:\\\\films\\\\, plain, a\\\\\\, b"
    assert split_tags(cell) == list(TAGS)
    assert split_tags("cult, crime") == ["cult", "crime"]  # files written before escaping
    assert split_tags("") == []


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_kinolog_formats_keep_commas_in_tags(diary: Diary, tmp_path: Path, fmt: str) -> None:
    diary.log_viewing(HEAT, rating=8, watched="2024-01-05", tags=TAGS)
    out = io.StringIO()
    export_diary(diary, out, fmt)
    path = tmp_path / f"diary.{fmt}"
    path.write_text(out.getvalue(), encoding="utf-8")
    other = Diary(tmp_path / "other.db")
    import_kinolog(other, [path])
    assert other.entries()[0].tags == TAGS
    assert not import_kinolog(other, [path]).changed
    other.close()


def test_letterboxd_cannot_carry_a_comma_and_says_so(diary: Diary, tmp_path: Path) -> None:
    diary.log_viewing(HEAT, rating=8, watched="2024-01-05", tags=("rock, paper", "cult"))
    out = io.StringIO()
    result = export_diary(diary, out, "letterboxd")
    assert '"rock paper, cult"' in out.getvalue()
    assert len(result.warnings) == 1 and "comma" in result.warnings[0]
    path = tmp_path / "letterboxd.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    other = Diary(tmp_path / "other.db")
    import_letterboxd(other, [path])
    assert other.entries()[0].tags == ("rock paper", "cult")
    other.close()
