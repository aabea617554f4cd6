"""Shared fixtures: real SQLite files in ``tmp_path`` and an in-process CLI runner."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.tui.cli.main import run


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def catalogue(data_dir: Path) -> Iterator[Catalogue]:
    """An empty catalogue in the data folder."""
    store = Catalogue(data_dir / "catalogue.db")
    yield store
    store.close()


@pytest.fixture
def diary(data_dir: Path) -> Iterator[Diary]:
    """An empty diary in the data folder."""
    store = Diary(data_dir / "diary.db")
    yield store
    store.close()


def add_sample_films(catalogue: Catalogue) -> None:
    """A few real films, including two different films both called "Ballerina"."""
    catalogue.add_film(
        title="Pulp Fiction",
        year=1994,
        imdb_id="tt0110912",
        countries=["United States"],
        directors=["Quentin Tarantino"],
        writers=["Quentin Tarantino", "Roger Avary"],
        cast=["John Travolta", "Uma Thurman", "Samuel L. Jackson"],
        genres=["Crime", "Drama"],
        runtime=154,
    )
    catalogue.add_film(
        title="Ballerina",
        year=2023,
        countries=["South Korea"],
        directors=["Lee Chung-hyun"],
        cast=["Jeon Jong-seo", "Kim Ji-hoon", "Park Yu-rim"],
    )
    catalogue.add_film(
        title="Ballerina",
        year=2025,
        original_title="From the World of John Wick: Ballerina",
        countries=["United States"],
        directors=["Len Wiseman"],
        cast=["Ana de Armas", "Keanu Reeves"],
    )
    catalogue.add_film(
        title="Die fabelhafte Welt der Amélie",
        original_title="Le fabuleux destin d'Amélie Poulain",
        year=2001,
        imdb_id="tt0211915",
        directors=["Jean-Pierre Jeunet"],
    )


@dataclass
class CliResult:
    """What one in-process ``kinolog`` run returned and printed."""

    code: int
    out: str
    err: str


@pytest.fixture
def kinolog(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``kinolog --data-dir <data_dir> ARGS...`` in-process."""

    def invoke(*args: str) -> CliResult:
        code = run(["--data-dir", str(data_dir), *args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return invoke
