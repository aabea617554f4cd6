"""The installed package: one import root, everything inside it, the version from one place."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import kinolog

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """The wheel ``pip wheel .`` builds from this checkout."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [built] = out.glob("kinolog-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_has_one_import_root(wheel: zipfile.ZipFile) -> None:
    tops = {name.split("/")[0] for name in wheel.namelist()}
    assert tops == {"kinolog", f"kinolog-{kinolog.__version__}.dist-info"}


def test_the_wheel_holds_every_module_and_data_file(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    for folder in ("db", "tui"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                relative = path.relative_to(ROOT).as_posix()
                assert f"kinolog/{relative}" in names, f"{relative} is missing from the wheel"
    assert {"kinolog/__init__.py", "kinolog/__main__.py", "kinolog/py.typed"} <= names


def test_version_and_python_dash_m() -> None:
    for command in (
        [sys.executable, "-m", "kinolog", "--version"],
        [str(Path(sys.executable).parent / "kinolog"), "--version"],
    ):
        result = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
        assert result.stdout.strip() == f"kinolog {kinolog.__version__}"
