"""``kinolog search`` and ``kinolog show`` as scripts and people use them."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.search import FilmSearch
from kinolog.tui.cli.main import run
from tests.conftest import CliResult
from tests.db.test_search import _add_review, add_search_films

Kinolog = Callable[..., CliResult]
HIT_KEYS = {"id", "title", "year", "original_title", "directors", "matched", "score"}


@pytest.fixture
def films(catalogue: Catalogue) -> Catalogue:
    add_search_films(catalogue)
    return catalogue


@pytest.mark.parametrize("command", ["search", "show"])
def test_help_has_examples(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        run([command, "--help"])
    assert exit_.value.code == 0
    assert "example" in capsys.readouterr().out


def test_search_prints_a_table(kinolog: Kinolog, films: Catalogue) -> None:
    result = kinolog("search", "pulp f")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split() == ["film", "title", "year", "directors", "matched", "score"]
    assert "Pulp Fiction" in lines[1] and "1994" in lines[1] and "Quentin Tarantino" in lines[1]


def test_search_json(kinolog: Kinolog, films: Catalogue) -> None:
    hits = json.loads(kinolog("search", "ballerina", "--json").out)
    assert sorted(hit["year"] for hit in hits[:2]) == [2023, 2025]
    assert all(set(hit) == HIT_KEYS for hit in hits)
    wiseman = json.loads(kinolog("search", "wiseman", "--json", "--limit", "1").out)
    assert wiseman[0]["matched"] == "Len Wiseman" and wiseman[0]["directors"] == ["Len Wiseman"]
    assert wiseman[0]["original_title"] == "From the World of John Wick: Ballerina"
    assert json.loads(kinolog("search", "zzzzqqqq", "--json").out) == []


def test_search_reads_queries_from_stdin(
    kinolog: Kinolog, films: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    films.add_film(title="Undated Film")
    queries = "psycho 1998\nzzzzqqqq\n'; DROP TABLE films; --\nundated film\r\ngodfather 2\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(queries))
    result = kinolog("search", "--json", "--limit", "3", "-")
    assert result.code == 0, result.err
    answers = [json.loads(line) for line in result.out.splitlines()]
    assert len(answers) == 5
    assert (answers[0][0]["title"], answers[0][0]["year"]) == ("Psycho", 1998)
    assert answers[1] == []
    assert answers[3][0]["title"] == "Undated Film" and answers[3][0]["year"] is None
    assert answers[4][0]["title"] == "The Godfather: Part II"
    assert all(isinstance(hit["year"], int | None) for answer in answers for hit in answer)
    assert films.counts()["films"] == 25


def test_search_without_a_match_and_with_an_empty_catalogue(
    kinolog: Kinolog, catalogue: Catalogue
) -> None:
    assert "The catalogue is empty" in kinolog("search", "").out
    catalogue.add_film(title="Heat", year=1995)
    result = kinolog("search", "zzzzqqqq")
    assert result.code == 0 and "No film matches 'zzzzqqqq'" in result.out


def test_search_does_not_create_a_diary(kinolog: Kinolog, films: Catalogue, data_dir: Path) -> None:
    kinolog("search", "pulp")
    assert not (data_dir / "diary.db").exists()


def test_rated_films_rank_higher(kinolog: Kinolog, films: Catalogue) -> None:
    assert kinolog("rate", "psycho 1998", "8").code == 0
    hits = json.loads(kinolog("search", "psycho", "--json").out)
    assert (hits[0]["title"], hits[0]["year"]) == ("Psycho", 1998)


def test_show_a_film_with_its_reviews(kinolog: Kinolog, films: Catalogue) -> None:
    psycho = FilmSearch(films).find_film("psycho 1960")
    _add_review(films, psycho.id)
    result = kinolog("show", "psycho 1960")
    assert result.code == 0, result.err
    assert result.out.startswith("Psycho (1960)\n")
    assert "directed by:    Alfred Hitchcock" in result.out
    assert "epd film · by A. Critic · 7/10 (70/100)" in result.out
    assert "A fine remake." in result.out
    data = json.loads(kinolog("show", f"id:{psycho.id}", "--json").out)
    assert set(data) >= {"id", "imdb_id", "title", "year", "directors", "reviews", "titles"}
    assert data["year"] == 1960 and data["reviews"][0]["score_100"] == 70
    pulp = json.loads(kinolog("show", "imdb:tt0110912", "--json").out)
    assert pulp["title"] == "Pulp Fiction" and pulp["reviews"] == []


def test_show_names_one_film_or_lists_the_candidates(kinolog: Kinolog, films: Catalogue) -> None:
    several = kinolog("show", "psycho")
    assert several.code == 2 and "Psycho (1960)" in several.err and "Psycho (1998)" in several.err
    assert kinolog("show", "psycho 1960").out.startswith("Psycho (1960)")
    assert kinolog("show", "amelie").out.startswith("Die fabelhafte Welt der Amélie (2001)")


@pytest.mark.parametrize("spec", ["zzzzqqqq", "id:99999", "imdb:tt0000001", ""])
def test_show_an_unknown_film_is_one_line_and_exit_2(
    kinolog: Kinolog, films: Catalogue, spec: str
) -> None:
    result = kinolog("show", spec)
    assert result.code == 2
    assert result.err.startswith("kinolog: error: ") and "Traceback" not in result.err


def test_untrusted_text_is_made_visible(kinolog: Kinolog, catalogue: Catalogue) -> None:
    catalogue.add_film(title="Evil\x1b[2J Title\u202e", year=2020)
    table = kinolog("search", "evil title").out
    show = kinolog("show", "evil title").out
    for out in (table, show):
        assert "\x1b" not in out and "\u202e" not in out
        assert "Evil" in out
    assert json.loads(kinolog("search", "evil", "--json").out)[0]["title"].startswith("Evil")
