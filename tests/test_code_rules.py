"""Project rules checked on every test run: architecture contracts, lint and types."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def python_files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_tui_holds_no_sql() -> None:
    sql = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b.+\b(FROM|INTO|SET)\b")
    for path in python_files("tui"):
        assert not sql.search(path.read_text(encoding="utf-8")), path


def test_modules_stay_small() -> None:
    for folder in ("db", "tui"):
        for path in python_files(folder):
            lines = len(path.read_text(encoding="utf-8").splitlines())
            assert lines <= 450, f"{path} has {lines} lines: split it"


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: install the test extra (pip install -e '.[test]')")
    return found


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [tool("ruff"), "check", "."], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = subprocess.run(
        [tool("ruff"), "format", "--check", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, "run ruff format .\n" + result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = subprocess.run([tool("mypy")], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    checked = re.search(r"in (\d+) source files", result.stdout)
    # The strict editable install is what lets mypy see kinolog.db and kinolog.tui.
    assert checked and int(checked[1]) > 50, (
        "mypy did not see the package: install it with "
        "pip install -e '.[test]' --config-settings editable_mode=strict\n" + result.stdout
    )


def test_the_architecture_contracts_hold() -> None:
    """The layers in pyproject.toml's [tool.importlinter]: tui over db, db free of textual
    and rich, the layers inside each, the import pipelines apart."""
    result = subprocess.run(
        [tool("lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
