"""Write ``screenshots/*.svg`` from the running app on the sample catalogue.

Run from the repository root::

    .venv/bin/python screenshots/make_screenshots.py

The sample is built in a temporary folder (your own data and settings are not touched);
the app is driven with Textual's Pilot at 120x36 in the ``textual-dark`` theme.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from textual.pilot import Pilot  # noqa: E402

from db.catalogue import Catalogue  # noqa: E402
from db.diary import Diary  # noqa: E402
from db.sample import build_sample  # noqa: E402
from tui.app import KinologApp, create_app  # noqa: E402
from tui.settings import Settings  # noqa: E402

SIZE = (120, 36)
THEME = "textual-dark"
TODAY = date(2026, 11, 21)

Steps = Callable[[Pilot[None]], Awaitable[None]]


async def settle(pilot: Pilot[None]) -> None:
    """Wait for workers and a refresh."""
    for _ in range(2):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.2)


async def type_and_open(pilot: Pilot[None], query: str, *keys: str) -> None:
    """Type a query, open the first film, then press ``keys`` one by one."""
    await settle(pilot)
    await pilot.press(*query)
    await settle(pilot)
    await pilot.press("enter")
    for key in keys:
        await settle(pilot)
        await pilot.press(key)
    await settle(pilot)


async def search(pilot: Pilot[None]) -> None:
    """Search results for a query with a typo."""
    await settle(pilot)
    await pilot.press(*"solaris")
    await settle(pilot)


async def film(pilot: Pilot[None]) -> None:
    """A film page."""
    await type_and_open(pilot, "solaris 1972")


async def reader(pilot: Pilot[None]) -> None:
    """The reader with a find highlight."""
    await type_and_open(pilot, "blade runner", "enter", "slash")
    await pilot.press(*"film")
    await settle(pilot)


async def compare(pilot: Pilot[None]) -> None:
    """Two reviews side by side."""
    await type_and_open(pilot, "crash 2004", "c")


async def help_screen(pilot: Pilot[None]) -> None:
    """Help on the film page."""
    await type_and_open(pilot, "parasite", "f1")


SHOTS: dict[str, Steps] = {
    "search": search,
    "film": film,
    "reader": reader,
    "compare": compare,
    "help": help_screen,
}


async def shoot(name: str, steps: Steps, folder: Path) -> None:
    """Run one app, perform ``steps`` and save ``<name>.svg``."""
    catalogue = Catalogue(folder / "catalogue.db")
    diary = Diary(folder / "diary.db")
    app: KinologApp = create_app(catalogue, diary, Settings(theme=THEME))
    try:
        async with app.run_test(size=SIZE) as pilot:
            await steps(pilot)
            app.save_screenshot(filename=f"{name}.svg", path=str(HERE))
    finally:
        catalogue.close()
        diary.close()
    print(f"wrote screenshots/{name}.svg")


async def main() -> None:
    """Build the sample once and take every screenshot."""
    with tempfile.TemporaryDirectory(prefix="kinolog-shots-") as temp:
        os.environ["KINOLOG_CONFIG_DIR"] = str(Path(temp) / "config")
        folder = Path(temp) / "data"
        build_sample(folder, today=TODAY)
        for name, steps in SHOTS.items():
            await shoot(name, steps, folder)


if __name__ == "__main__":
    asyncio.run(main())
