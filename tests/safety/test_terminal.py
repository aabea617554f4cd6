"""Item 11: no terminal control sequence reaches a terminal from any command: standard
output of ``export``, ``--json`` output, and file names in messages (a newline in a file
name cannot forge an output line)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.models import FilmRef
from kinolog.db.search import refresh_search_index
from tests.safety.helpers import run_kinolog

EVIL = "A\x1b[2J\x1b]0;pwned\x07B\x9b31mC\u202eD\u2066E\u061cF\x7fG\u2028H\rI"
# What must never be printed raw: C0 but newline and tab, DEL, C1, bidi controls, the
# Arabic letter mark, line and paragraph separators.
RAW = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


@pytest.fixture
def folder(data_dir: Path) -> Path:
    catalogue = Catalogue(data_dir / "catalogue.db")
    catalogue.add_film(title=f"Evil {EVIL}", year=2001, imdb_id="tt0000001", directors=[EVIL])
    refresh_search_index(catalogue)
    catalogue.close()
    diary = Diary(data_dir / "diary.db")
    film = FilmRef(key="imdb:tt0000001", title=f"Evil {EVIL}", year=2001, imdb_id="tt0000001")
    diary.log_viewing(film, rating=7, note=f"note {EVIL}\nsecond line", tags=[EVIL])
    diary.close()
    return data_dir


@pytest.mark.parametrize(
    "command",
    [
        ["log", "--json"],
        ["search", "evil", "--json"],
        ["show", "imdb:tt0000001", "--json"],
        ["stats", "--json"],
        ["films", "--json"],
        ["export", "diary", "--format", "json"],
        ["export", "catalogue"],
        ["doctor", "--json"],
    ],
)
def test_json_escapes_what_a_terminal_would_act_on_and_keeps_the_value(
    folder: Path, command: list[str]
) -> None:
    result = run_kinolog(folder, *command)
    assert result.returncode == 0, result.stderr
    assert not RAW.search(result.stdout), repr(RAW.search(result.stdout))
    if command[0] in ("log", "export") and command[1:2] != ["catalogue"]:
        [entry] = json.loads(result.stdout)
        assert entry["note"] == f"note {EVIL}\nsecond line"  # the same value, escaped
        assert entry["tags"] == [" ".join(EVIL.split())]  # as the diary keeps tags


@pytest.mark.parametrize(
    "command",
    [
        ["log"],
        ["search", "evil"],
        ["show", "imdb:tt0000001"],
        ["stats"],
        ["export", "diary", "--format", "csv"],
        ["export", "diary", "--format", "letterboxd"],
        ["export", "diary", "--format", "imdb"],
    ],
)
def test_text_output_shows_controls_as_symbols(folder: Path, command: list[str]) -> None:
    result = run_kinolog(folder, *command)
    assert result.returncode == 0, result.stderr
    assert not RAW.search(result.stdout), repr(RAW.search(result.stdout))
    assert "\u241b" in result.stdout or "evil" not in result.stdout.casefold()  # ␛ shown


def test_export_to_a_file_keeps_the_exact_text(folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "diary.json"
    assert run_kinolog(folder, "export", "diary", "-o", str(target)).returncode == 0
    [entry] = json.loads(target.read_text(encoding="utf-8"))
    assert entry["note"] == f"note {EVIL}\nsecond line"


def test_a_newline_in_a_file_name_cannot_forge_a_line(folder: Path, tmp_path: Path) -> None:
    forged = "kinolog: imported 1000 entries, all fine"
    name = tmp_path / f"ratings.csv\n{forged}\n\x1b[31m"
    name.write_text("not, a, ratings, export\n1,2,3,4\n")
    for command in (
        ["import", "imdb-ratings", str(name)],
        ["import", "letterboxd", str(name)],
        ["import", "diary", str(name)],
        ["import", "films", str(name)],
        ["export", "diary", "-o", str(name)],
    ):
        result = run_kinolog(folder, *command)
        lines = (result.stdout + result.stderr).splitlines()
        assert lines, command
        assert not any(line.startswith(forged) for line in lines), (command, lines)
        assert not RAW.search(result.stdout + result.stderr), command
    reviews = tmp_path / "reviews"
    reviews.mkdir()
    (reviews / f"review\n{forged}\n.txt").write_text("Heat (1995)\n\nA review.\n" * 3)
    (reviews / f"broken\n{forged}\n.txt").write_bytes(b"\x00\x01binary" * 100)  # a problem
    result = run_kinolog(folder, "import", "reviews", str(reviews))
    lines = (result.stdout + result.stderr).splitlines()
    assert any("broken\u240a" in line for line in lines), lines
    assert not any(line.startswith(forged) for line in lines), lines
