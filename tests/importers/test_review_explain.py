"""``kinolog import reviews --explain``/``--json``: per review, the film chosen (evidence and
runner-up), or "not in the catalogue", "needs a film", "ambiguous" with the candidates."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.importers.reviews import import_reviews
from tests.conftest import CliResult
from tests.importers.test_film_paths import add_same_title_films

Kinolog = Callable[..., CliResult]
PAGES = {
    # Cronenberg's Crash: the title, the year and the director; Haggis's is years away.
    "crash.md": "---\ntitle: Crash\nyear: 1996\ndirector: David Cronenberg\n---\n\nCars.\n",
    # Two films called The Circle in 2017, and nothing to tell them apart.
    "circle.md": "---\ntitle: The Circle\nyear: 2017\n---\n\nA review of it.\n",
    # Not in the catalogue, with a year: a film is made from the review.
    "blue-ruin.md": "---\ntitle: Blue Ruin\nyear: 2013\n---\n\nRevenge, slowly.\n",
    # Not in the catalogue, no year, no people: too little to make a film of.
    "odd.md": "---\ntitle: An Odd Little Film\n---\n\nIt was odd.\n",
    # No film title anywhere (the file's name is a tool's).
    "000_dbf18c36027eb9be.txt": "Some thoughts about cinema in general, and nothing more.\n",
}


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "Filmtagebuch"
    folder.mkdir()
    for name, text in PAGES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def by_file(decisions: list[dict]) -> dict[str, dict]:  # type: ignore[type-arg]
    return {Path(d["file"]).name: d for d in decisions}


def test_each_review_has_its_decision(catalogue: Catalogue, pages: Path) -> None:
    films = add_same_title_films(catalogue)
    report = import_reviews(catalogue, [pages], dry_run=True)
    decisions = {Path(d.file).name: d for d in report.decisions}
    assert {name: d.status for name, d in decisions.items()} == {
        "crash.md": "attached",
        "circle.md": "ambiguous",
        "blue-ruin.md": "not_in_catalogue",
        "odd.md": "needs_film",
        "000_dbf18c36027eb9be.txt": "needs_film",
    }
    crash = decisions["crash.md"].explain()
    cronenberg = films["Crash (1996) David Cronenberg"]
    assert crash[0] == f"{pages / 'crash.md'}: Crash (1996)"
    assert crash[1:] == [
        f"-> Crash (1996) [id:{cronenberg}] score 120",
        "   +50 the same title 'Crash'",
        "   +40 the same year, 1996",
        "   +30 directed by David Cronenberg",
        f"   runner-up: Crash (2004) [id:{cronenberg + 1}] ruled out: made in 2004, not 1996",
    ]
    circle = decisions["circle.md"].explain()
    assert circle[1].startswith("-> ambiguous:")
    assert sum(line.startswith("   candidate: The Circle (2017)") for line in circle) == 2
    blue = decisions["blue-ruin.md"].explain()
    assert blue[1].startswith("-> not in the catalogue: would make the film Blue Ruin (2013)")
    assert decisions["odd.md"].explain()[1] == (
        "-> needs a film: 'An Odd Little Film': no year and no people to identify it"
    )
    assert decisions["000_dbf18c36027eb9be.txt"].explain()[1:] == [
        "-> needs a film: no film title found in the text"
    ]


def test_a_named_film_a_stored_text_and_a_duplicate(catalogue: Catalogue, pages: Path) -> None:
    add_same_title_films(catalogue)
    ponsoldt = catalogue.film_by_imdb_id("tt4287320")
    assert ponsoldt is not None
    named = import_reviews(catalogue, [pages / "circle.md"], film=ponsoldt)
    [decision] = named.decisions
    assert decision.status == "chosen"
    assert decision.explain()[1] == f"-> The Circle (2017) [id:{ponsoldt.id}]: the film you named"
    again = import_reviews(catalogue, [pages / "circle.md"])
    [stored] = again.decisions
    assert stored.status == "unchanged"
    assert stored.explain() == [
        f"{pages / 'circle.md'}: The Circle (2017)",
        f"-> as stored: The Circle (2017) [id:{ponsoldt.id}] (its text is imported already)",
    ]
    copy = pages / "copy of circle.md"
    copy.write_text(PAGES["circle.md"].replace("\n", "\r\n"), encoding="utf-8")
    [same] = import_reviews(catalogue, [copy]).decisions
    assert same.status == "duplicate" and "the same review as" in same.explain()[1]


def test_the_command_line_explains_and_gives_json(
    kinolog: Kinolog, catalogue: Catalogue, pages: Path
) -> None:
    add_same_title_films(catalogue)
    explained = kinolog("import", "reviews", str(pages), "--dry-run", "--explain")
    assert explained.code == 0
    out = explained.out
    assert f"{pages / 'circle.md'}: The Circle (2017)" in out and "-> ambiguous:" in out
    assert "runner-up: Crash (2004)" in out and "-> needs a film:" in out
    assert "-> not in the catalogue: would make the film Blue Ruin (2013)" in out
    assert "dry run, nothing written: 5 files" in out
    done = kinolog("import", "reviews", str(pages), "--json")
    assert done.code == 0
    data = json.loads(done.out)  # nothing but the JSON on standard output
    assert data["dry_run"] is False and data["counts"]["added"] == 5
    decisions = by_file(data["decisions"])
    crash = decisions["crash.md"]
    assert crash["status"] == "attached" and crash["film"]["title"] == "Crash"
    assert crash["runner_up"] is None  # the only other Crash is ruled out: in candidates
    assert any(c["rejected"] for c in crash["candidates"])  # Crash (2004): years apart
    blue = decisions["blue-ruin.md"]
    assert blue["status"] == "not_in_catalogue" and blue["made_film"]["label"] == "Blue Ruin (2013)"
    circle = decisions["circle.md"]
    assert circle["status"] == "ambiguous" and circle["film"] is None
    assert len(circle["candidates"]) == 3  # both of 2017, and Panahi's of 2000 (ruled out)
    assert decisions["odd.md"]["status"] == "needs_film" and decisions["odd.md"]["reason"]
    assert set(crash) == {
        "source", "file", "part", "title", "year", "status", "film", "reason", "runner_up",
        "candidates", "made_film", "duplicate_of",
    }  # fmt: skip
