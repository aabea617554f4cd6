"""A rating confirmed on screen is on disk: a test kills the process right after the toast
and finds it.

Each child process runs the real app headless over real files, rates a film with the keys
``r 8 enter``, waits for the "Saved" toast, prints ``TOAST`` and sleeps. The parent SIGKILLs
it the moment it reads that line (no clean shutdown, no close, no checkpoint) and then opens
the diary file itself.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kinolog.db.diary import Diary

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60.0

SCRIPT = r"""
import asyncio
import sys
import time
from pathlib import Path

from textual.message import Message
from textual.notifications import Notify

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.tui.app import KinologApp
from kinolog.tui.dialogs.entry import EntryModal
from kinolog.tui.screens.film import FilmScreen
from kinolog.tui.settings import Settings

folder, title, year = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
saved: list[str] = []


def hook(message: Message) -> None:
    if isinstance(message, Notify) and message.notification.message.startswith("Saved"):
        saved.append(message.notification.message)


async def main() -> None:
    catalogue = Catalogue(folder / "catalogue.db")
    diary = Diary(folder / "diary.db")
    film = catalogue.add_film(title=title, year=year, directors=["Somebody"])
    app = KinologApp(catalogue, diary, Settings())
    async with app.run_test(size=(120, 36), message_hook=hook) as pilot:
        await pilot.pause()
        app.open_film(film.id)
        while not isinstance(app.screen, FilmScreen):
            await pilot.pause(0.01)
        await pilot.press("r")
        while not isinstance(app.screen, EntryModal):
            await pilot.pause(0.01)
        await pilot.press("8", "enter")
        while not saved:
            await pilot.pause(0.005)
        print("TOAST", saved[0], flush=True)
        time.sleep(120)  # blocks the app too: nothing more happens until the kill


asyncio.run(main())
"""


def _start(folder: Path, title: str, year: int) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    env["KINOLOG_CONFIG_DIR"] = str(folder.parent / f"config-{title}")
    return subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(folder), title, str(year)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill_after_toast(process: subprocess.Popen[str]) -> str:
    """Read the child's output until ``TOAST``, then SIGKILL it at once."""
    assert process.stdout is not None
    deadline = time.monotonic() + TIMEOUT
    try:
        while True:
            remaining = deadline - time.monotonic()
            ready, _, _ = select.select([process.stdout], [], [], max(0.0, remaining))
            if not ready:
                pytest.fail("no toast within the time limit")
            line = process.stdout.readline()
            if line.startswith("TOAST"):
                process.kill()
                return line.strip()
            if not line:  # the child ended without a toast
                process.wait()
                stderr = process.stderr.read() if process.stderr else ""
                pytest.fail(f"the child exited ({process.returncode}) without a toast:\n{stderr}")
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def _ratings(folder: Path) -> dict[str, int | None]:
    diary = Diary(folder / "diary.db")
    try:
        return {entry.film.title: entry.rating for entry in diary.entries()}
    finally:
        diary.close()


@pytest.mark.skipif(sys.platform == "win32", reason="select() on pipes and SIGKILL are POSIX")
def test_a_confirmed_rating_survives_a_kill(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    Diary(folder / "diary.db").close()  # an empty diary
    process = _start(folder, "Durable", 2001)
    line = _kill_after_toast(process)
    assert process.returncode == -9
    assert line.startswith("TOAST Saved Durable (2001)")
    assert _ratings(folder) == {"Durable": 8}


@pytest.mark.skipif(sys.platform == "win32", reason="select() on pipes and SIGKILL are POSIX")
def test_two_processes_rate_at_the_same_time(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    Diary(folder / "diary.db").close()
    first = _start(folder, "First", 1990)
    second = _start(folder, "Second", 1991)
    lines = [_kill_after_toast(first), _kill_after_toast(second)]
    assert [process.returncode for process in (first, second)] == [-9, -9]
    assert lines[0].startswith("TOAST Saved First") and lines[1].startswith("TOAST Saved Second")
    assert _ratings(folder) == {"First": 8, "Second": 8}
