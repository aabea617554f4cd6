import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.migrations import DIARY_MIGRATIONS
from kinolog.db.search import FilmSearch
from kinolog.tui.cli.main import run
from tests.conftest import CliResult, add_sample_films

Kinolog = Callable[..., CliResult]


@pytest.fixture
def films(catalogue: Catalogue) -> Catalogue:
    add_sample_films(catalogue)
    return catalogue


def one_line_error(result: CliResult) -> str:
    assert result.code != 0
    assert "Traceback" not in result.err
    first = result.err.strip().splitlines()[0]
    assert first.startswith("kinolog: error: ")
    return first


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for command in ("rate", "log", "undo", "export", "doctor"):
        assert command in out


@pytest.mark.parametrize("command", ["rate", "log", "undo", "export", "doctor"])
def test_each_command_has_help_with_examples(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        run([command, "--help"])
    assert "example" in capsys.readouterr().out


def test_rate_log_undo(kinolog: Kinolog, films: Catalogue) -> None:
    result = kinolog("rate", "pulp fiction", "★★★★½", "--tag", "cult", "--like", "--note", "n")
    assert result.code == 0, result.err
    assert "Pulp Fiction (1994)" in result.out and "9/10" in result.out
    kinolog("rate", "ballerina 2023", "3,5/5", "--date", "2026-01-02", "--rewatch")
    log = kinolog("log", "--json")
    entries = json.loads(log.out)
    assert [(e["film"]["title"], e["rating"]) for e in entries] == [
        ("Pulp Fiction", 9),
        ("Ballerina", 7),
    ]
    assert entries[1]["watched"] == "2026-01-02" and entries[1]["rewatch"] is True
    assert entries[0]["tags"] == ["cult"] and entries[0]["liked"] is True
    assert "Pulp Fiction (1994)" in kinolog("log").out
    assert kinolog("undo").code == 0
    assert len(json.loads(kinolog("log", "--json").out)) == 1
    redone = kinolog("redo")
    assert redone.code == 0 and "Redid" in redone.out
    assert len(json.loads(kinolog("log", "--json").out)) == 2
    nothing = kinolog("redo")
    assert nothing.code == 1 and "nothing to redo" in nothing.err


def test_rate_refuses_an_ambiguous_film_and_lists_candidates(
    kinolog: Kinolog, films: Catalogue
) -> None:
    result = kinolog("rate", "ballerina", "7")
    assert result.code == 2
    assert "several films" in one_line_error(result)
    assert "Ballerina (2023) — Lee Chung-hyun" in result.err
    assert "Ballerina (2025) — Len Wiseman" in result.err
    assert json.loads(kinolog("log", "--json").out) == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("rate", "nonexistent film xyz", "7"), "no film"),
        (("rate", "imdb:tt0000001", "7"), "no film"),
        (("rate", "pulp fiction", "11"), "rating"),
        (("rate", "pulp fiction", "great"), "rating"),
        (("rate", "pulp fiction", "7", "--date", "yesterday-ish"), "date"),
        (("export", "catalogue", "--format", "csv"), "--format"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    kinolog: Kinolog, films: Catalogue, args: tuple[str, ...], words: str
) -> None:
    result = kinolog(*args)
    assert result.code == 2
    assert words in one_line_error(result)
    assert json.loads(kinolog("log", "--json").out) == []


def test_export_catalogue_and_diary(kinolog: Kinolog, films: Catalogue, tmp_path: Path) -> None:
    kinolog("rate", "amelie", "8")
    target = tmp_path / "catalogue.json"
    assert kinolog("export", "catalogue", "--format", "json", "-o", str(target)).code == 0
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert [film["title"] for film in exported["films"]][:2] == ["Pulp Fiction", "Ballerina"]
    assert exported["films"][3]["original_title"] == "Le fabuleux destin d'Amélie Poulain"
    diary_json = json.loads(kinolog("export", "diary", "--format", "json").out)
    assert diary_json[0]["film"]["imdb_id"] == "tt0211915"
    csv_out = kinolog("export", "diary", "--format", "csv").out.splitlines()
    assert csv_out[0].startswith("id,film_key,imdb_id,title,year,rating")
    assert "Die fabelhafte Welt der Amélie" in csv_out[1]


def test_export_to_a_missing_folder_fails_cleanly(
    kinolog: Kinolog, films: Catalogue, tmp_path: Path
) -> None:
    result = kinolog("export", "diary", "-o", str(tmp_path / "no" / "such" / "file.json"))
    assert "does not exist" in one_line_error(result)


def test_doctor_reports_both_files(kinolog: Kinolog, films: Catalogue, data_dir: Path) -> None:
    kinolog("rate", "pulp fiction", "9")
    result = kinolog("doctor", "--json")
    assert result.code == 0
    report = json.loads(result.out)
    assert report["ok"] is True and report["data_dir"] == str(data_dir)
    assert report["catalogue"]["counts"]["films"] == 4
    assert report["catalogue"]["tables"]["film_titles"] == 2
    assert report["diary"]["tables"]["changes"] == 1
    assert report["diary"]["counts"]["entries"] == 1
    assert report["diary"]["integrity"] == "ok"
    assert f"schema: version {len(DIARY_MIGRATIONS)}" in kinolog("doctor").out
    assert report["catalogue"]["schema_problems"] == report["diary"]["schema_problems"] == []


def test_doctor_finds_a_schema_that_is_not_what_its_version_promises(
    kinolog: Kinolog, films: Catalogue
) -> None:
    with films.store.write() as conn:
        conn.execute("DROP TABLE film_keys")
        conn.execute("ALTER TABLE films DROP COLUMN runtime")
    result = kinolog("doctor", "--json")
    assert result.code == 1
    problems = json.loads(result.out)["catalogue"]["schema_problems"]
    assert sorted(problems) == ["column films.runtime is missing", "table film_keys is missing"]


def test_corrupt_files_give_one_line_and_stay_untouched(kinolog: Kinolog, data_dir: Path) -> None:
    junk = b"GIF89a not a database" * 50
    (data_dir / "diary.db").write_bytes(junk)
    result = kinolog("log")
    assert "not a SQLite database" in one_line_error(result)
    assert (data_dir / "diary.db").read_bytes() == junk
    assert kinolog("doctor").code == 1


def test_newer_schema_exits_2(kinolog: Kinolog, data_dir: Path) -> None:
    kinolog("diary", "backup")  # makes the diary
    conn = sqlite3.connect(data_dir / "diary.db")
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    result = kinolog("log")
    assert result.code == 2
    assert "newer kinolog" in one_line_error(result)


def test_data_dir_that_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "file"
    path.write_text("x")
    assert run(["--data-dir", str(path), "log"]) == 2
    assert "is a file" in capsys.readouterr().err


def test_unwritable_data_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    assert run(["--data-dir", str(folder), "diary", "backup"]) == 2
    assert "not writable" in capsys.readouterr().err
    assert run(["--data-dir", str(folder), "log"]) == 0  # reading needs no write access


def test_data_dir_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KINOLOG_DATA_DIR", str(tmp_path / "env-data"))
    assert run(["diary", "backup"]) == 0
    assert (tmp_path / "env-data" / "diary.db").exists()


def test_a_command_imports_only_its_own_module(data_dir: Path) -> None:
    """Start-up: ``kinolog search`` never imports the importers or the app (nor numpy,
    which only building the search index needs)."""
    catalogue = Catalogue(data_dir / "catalogue.db")
    add_sample_films(catalogue)
    FilmSearch(catalogue).refresh_index(force=True)
    catalogue.close()
    script = (
        "import sys; from kinolog.tui.cli.main import run; "
        f"code = run(['--data-dir', {str(data_dir)!r}, 'search', 'pulp']); "
        "heavy = [m for m in ('kinolog.db.importers.reviews', 'kinolog.db.importers.imdb',"
        " 'kinolog.tui.app', 'textual', 'numpy', 'kinolog.db.formats') if m in sys.modules]; "
        "print(code, heavy)"
    )
    process = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert process.stdout.split("\n")[-2] == "0 []"


def test_every_command_is_known_to_the_fast_start() -> None:
    """A new command's module must be listed in ``COMMANDS`` (else it would start slowly
    or, named alone, not at all)."""
    import argparse

    from kinolog.tui.cli.main import COMMANDS, build_parser

    parser = build_parser()
    [group] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert set(group.choices) == set(COMMANDS)
