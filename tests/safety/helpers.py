"""Running kinolog as a real process, files byte for byte, and processes that hold locks."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PULP = ("imdb:tt0110912", "Pulp Fiction", 1994, "tt0110912")


def run_kinolog(
    data_dir: Path,
    *args: str,
    env: Mapping[str, str] | None = None,
    stdin: str | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """``kinolog --data-dir DATA ARGS...`` as a real process (``python -m kinolog``)."""
    return subprocess.run(
        [sys.executable, "-m", "kinolog", "--data-dir", str(data_dir), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        input=stdin if stdin is not None else "",
        env={**os.environ, **(env or {})},
        timeout=timeout,
        check=False,
    )


def files(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes (names relative to the folder)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            found[str(path.relative_to(folder))] = path.read_bytes()
    return found


def python(code: str, *args: str, env: Mapping[str, str] | None = None) -> subprocess.Popen[str]:
    """A Python process running ``code`` with kinolog importable; stdout is a pipe."""
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
    )


@contextmanager
def holding(code: str, *args: str, ready: str = "ready") -> Iterator[subprocess.Popen[str]]:
    """Run ``code`` in a process until it prints ``ready``; kill it (SIGKILL) afterwards."""
    process = python(code, *args)
    assert process.stdout is not None
    deadline = time.monotonic() + 60
    line = ""
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line.strip() == ready or not line:
            break
    assert line.strip() == ready, process.stderr.read() if process.stderr else ""
    try:
        yield process
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)


def sqlite_wal_left_by_kill(path: Path, statements: list[str]) -> bytes:
    """Run ``statements`` on ``path`` in a process that is then killed with SIGKILL, and
    return the WAL file it left behind (committed, never checkpointed)."""
    code = f"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL")
for statement in {statements!r}:
    conn.execute(statement)
print("ready", flush=True)
import time; time.sleep(600)
"""
    with holding(code, str(path)):
        pass
    return path.with_name(path.name + "-wal").read_bytes()


def entries(path: Path) -> list[tuple[str, int | None]]:
    """The live entries of a diary file, read with plain SQLite: (title, rating)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT title, rating FROM entries WHERE deleted_at IS NULL ORDER BY id"
        ).fetchall()
    finally:
        conn.close()
    return [(str(title), rating) for title, rating in rows]
