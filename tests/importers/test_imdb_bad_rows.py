"""Bad rows and failures in the files a staging pass reads: each is reported with its file
and line, costs at most its own file, and leaves nothing behind (in this process and in the
second process big imports use)."""

from __future__ import annotations

import gzip
import io
import sqlite3
import subprocess
from pathlib import Path

import pytest

import kinolog.db.importers.imdb.files
import kinolog.db.importers.imdb.stager as stager
from kinolog.db.backup import clean_leftovers
from kinolog.db.catalogue import Catalogue
from kinolog.db.datadir import imdb_staging_folder
from kinolog.db.errors import ImportFailed
from kinolog.db.importers.imdb import import_imdb
from kinolog.db.importers.imdb.files import ImdbFile
from kinolog.db.importers.imdb.staging import ImdbOptions, StageState
from kinolog.db.progress import SilentProgress
from kinolog.tui.cli.progress import TerminalProgress
from tests.importers.test_imdb import FIXTURES, imported, rows


@pytest.fixture(params=["this process", "a second process"])
def staged_by(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with the files staged here, then by the child process."""
    if request.param == "a second process":
        monkeypatch.setattr(stager, "PIPELINE_BYTES", 0)
    return str(request.param)


def principals_with(tmp_path: Path, *extra: bytes) -> Path:
    path = tmp_path / "title.principals.tsv"
    path.write_bytes((FIXTURES / "title.principals.tsv").read_bytes() + b"".join(extra))
    return path


def test_a_credits_line_that_is_not_utf8_is_reported(
    catalogue: Catalogue, tmp_path: Path, staged_by: str
) -> None:
    lines = len((FIXTURES / "title.principals.tsv").read_bytes().splitlines())
    path = principals_with(tmp_path, b'tt0068646\t9\tnm0000380\tactor\t\\N\t["Sonny \xff"]\n')
    result = import_imdb(catalogue, [FIXTURES / "title.basics.tsv", path])
    assert not result.errors
    report = result.files[-1]
    assert report.malformed == 1
    assert report.examples == [
        f"title.principals.tsv line {lines + 1}: bytes that are not UTF-8 at column 40; row skipped"
    ]
    assert len(rows(catalogue, "SELECT * FROM credits WHERE role = 'cast'")) > 5  # the rest


def test_an_ordering_in_other_digits_is_a_bad_row_not_a_crash(
    catalogue: Catalogue, tmp_path: Path, staged_by: str
) -> None:
    path = principals_with(tmp_path, "tt0068646\t²\tnm0000380\tactor\t\\N\t\\N\n".encode())
    result = import_imdb(catalogue, [FIXTURES / "title.basics.tsv", path])
    assert not result.errors
    assert result.files[-1].malformed == 1
    assert "nconst/ordering 'nm0000380'/'²'" in result.files[-1].examples[0]


def test_an_unforeseen_error_costs_only_its_file(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise ValueError("a row nobody expected")

    monkeypatch.setitem(stager.STAGES, "title.crew", broken)
    result = import_imdb(catalogue, [FIXTURES / "title.basics.tsv", FIXTURES / "title.crew.tsv"])
    assert result.errors == [
        f"{FIXTURES / 'title.crew.tsv'} line 1: cannot read it (ValueError: a row nobody "
        "expected); nothing of it was imported"
    ]
    assert catalogue.film_by_imdb_id("tt0068646") is not None  # basics went in
    assert not imdb_staging_folder(catalogue.path).exists()


def test_a_failed_basics_adds_no_people_for_its_films(
    catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, staged_by: str
) -> None:
    imported(catalogue, FIXTURES / "title.basics.tsv")
    before = rows(catalogue, "SELECT count(*) FROM people")
    monkeypatch.setattr(kinolog.db.importers.imdb.files, "_CHUNK_BYTES", 64)
    new_films = "".join(
        f"tt{9_000_000 + n}\tmovie\tFilm {n * 7919 % 100_003}\t\\N\t0\t{1900 + n % 120}"
        f"\t\\N\t{n % 200}\tDrama\n"
        for n in range(20_000)
    )
    header = (FIXTURES / "title.basics.tsv").read_text().splitlines()[0]
    whole = gzip.compress(f"{header}\n{new_films}".encode())
    broken = tmp_path / "title.basics.tsv.gz"
    broken.write_bytes(whole[: len(whole) * 2 // 3])  # rows are read before it breaks
    crew = tmp_path / "title.crew.tsv"
    crew.write_text(
        "tconst\tdirectors\twriters\n"
        + "".join(f"tt{9_000_000 + n}\tnm{9_000_000 + n}\t\\N\n" for n in range(5))
    )
    result = import_imdb(catalogue, [broken, crew])
    assert len(result.errors) == 1 and "damaged or incomplete" in result.errors[0]
    assert catalogue.film_by_imdb_id("tt9000001") is None
    assert rows(catalogue, "SELECT count(*) FROM people") == before


def test_the_staged_films_join_the_state_once_the_file_is_read(tmp_path: Path) -> None:
    state = StageState(ImdbOptions())
    staged = stager.stage_file(
        ImdbFile(FIXTURES / "title.basics.tsv", "title.basics"),
        0,
        state,
        tmp_path,
        SilentProgress(),
    )
    assert not staged.error and 68646 in state.films


def test_a_killed_second_process_is_named_in_the_error(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stager, "PIPELINE_BYTES", 0)
    real = subprocess.Popen

    def killed_at_once(command: list[str], **options: object) -> subprocess.Popen[bytes]:
        process = real(command, **options)  # type: ignore[call-overload]
        process.kill()
        return process  # type: ignore[no-any-return]

    monkeypatch.setattr(stager.subprocess, "Popen", killed_at_once)
    result = import_imdb(catalogue, [FIXTURES / "title.basics.tsv", FIXTURES / "title.ratings.tsv"])
    assert len(result.errors) == 2
    assert all("it was killed by signal 9" in error for error in result.errors), result.errors
    assert catalogue.is_empty() and not imdb_staging_folder(catalogue.path).exists()


def test_a_staging_folder_that_cannot_be_made_is_one_line(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = imdb_staging_folder(catalogue.path)

    def refuse(self: Path, *args: object, **options: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(ImportFailed) as failed:
        import_imdb(catalogue, [FIXTURES / "title.basics.tsv"])
    assert str(failed.value) == (
        f"{folder}: cannot stage the files there ([Errno 13] Permission denied: '{folder}');"
        " nothing was imported"
    )
    assert catalogue.is_empty()


def test_leftovers_of_a_killed_import_go_at_the_next_start(catalogue: Catalogue) -> None:
    imported(catalogue, FIXTURES / "title.basics.tsv")
    folder = imdb_staging_folder(catalogue.path)
    folder.mkdir()
    (folder / "2-title.principals.db").write_bytes(b"staged")
    assert clean_leftovers(catalogue.path.parent) == [folder]
    assert not folder.exists()
    assert catalogue.film_by_imdb_id("tt0068646") is not None


def test_a_basics_that_fails_while_written_adds_no_people_for_its_films(
    catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, staged_by: str
) -> None:
    import kinolog.db.importers.imdb.importer as importer

    imported(catalogue, FIXTURES / "title.basics.tsv", FIXTURES / "title.crew.tsv")
    before = rows(catalogue, "SELECT count(*) FROM people")
    basics = tmp_path / "title.basics.tsv"
    header = (FIXTURES / "title.basics.tsv").read_text().splitlines()[0]
    basics.write_text(f"{header}\ntt9000001\tmovie\tNew Film\t\\N\t0\t2020\t\\N\t90\tDrama\n")
    crew = tmp_path / "title.crew.tsv"
    crew.write_text("tconst\tdirectors\twriters\ntt9000001\tnm9000001\tnm9000002\n")

    def refused(*args: object) -> None:
        raise sqlite3.IntegrityError("UNIQUE constraint failed: films.imdb_id")

    monkeypatch.setitem(importer._APPLY, "title.basics", refused)
    result = import_imdb(catalogue, [basics, crew])
    assert len(result.errors) == 1 and "the catalogue refused it" in result.errors[0]
    assert catalogue.film_by_imdb_id("tt9000001") is None
    assert rows(catalogue, "SELECT count(*) FROM people") == before  # nobody for that film
    assert rows(catalogue, "SELECT count(*) FROM people WHERE imdb_id LIKE 'nm9%'") == [(0,)]


def test_a_title_listed_twice_keeps_its_last_row(
    catalogue: Catalogue, tmp_path: Path, staged_by: str
) -> None:
    basics = tmp_path / "title.basics.tsv"
    text = (FIXTURES / "title.basics.tsv").read_text()
    basics.write_text(
        text + "tt0068646\tmovie\tThe Godfather (again)\t\\N\t0\t1972\t\\N\t177\tDrama\n"
    )
    ratings = tmp_path / "title.ratings.tsv"
    ratings.write_text("tconst\taverageRating\tnumVotes\ntt0068646\t9.1\t10\ntt0068646\t9.2\t20\n")
    result = import_imdb(catalogue, [basics, ratings])
    assert not result.errors
    film = catalogue.film_by_imdb_id("tt0068646")
    assert film is not None and (film.title, film.runtime) == ("The Godfather (again)", 177)
    assert rows(catalogue, "SELECT votes FROM films WHERE imdb_id = 'tt0068646'") == [(20,)]


@pytest.mark.parametrize(
    ("header", "command"),
    [
        ("Const,Your Rating,Date Rated,Title,URL", "kinolog import imdb-ratings"),
        ("Date,Name,Year,Letterboxd URI,Rating", "kinolog import letterboxd"),
        ("Position,Const,Created,Modified,Description,Title", "kinolog import imdb-watchlist"),
    ],
)
def test_another_export_is_named_with_its_command(
    catalogue: Catalogue, tmp_path: Path, header: str, command: str
) -> None:
    path = tmp_path / "export.csv"
    path.write_text(f"{header}\n")
    result = import_imdb(catalogue, [path])
    assert len(result.errors) == 1
    assert result.errors[0].startswith(f"{path}: not an IMDb dataset file")
    assert result.errors[0].endswith(f": {command}")


def test_a_file_that_fails_is_not_reported_done(
    catalogue: Catalogue, tmp_path: Path, staged_by: str
) -> None:
    whole = gzip.compress((FIXTURES / "title.basics.tsv").read_bytes())
    broken = tmp_path / "title.basics.tsv.gz"
    broken.write_bytes(whole[:-12])
    out = io.StringIO()
    with TerminalProgress(unit="bytes", every=0.0, stream=out) as progress:
        result = import_imdb(catalogue, [broken, FIXTURES / "title.ratings.tsv"], progress=progress)
    assert len(result.errors) == 2  # ratings: no films
    lines = [line for line in out.getvalue().splitlines() if line.startswith("title.basics (")]
    assert any(": stopped" in line for line in lines), lines
    assert not any(": done" in line for line in lines), lines
