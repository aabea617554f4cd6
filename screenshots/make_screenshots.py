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

from kinolog.db.catalogue import Catalogue  # noqa: E402
from kinolog.db.diary import Diary  # noqa: E402
from kinolog.db.errors import KinologError  # noqa: E402
from kinolog.db.models import FilmRef  # noqa: E402
from kinolog.db.sample import build_sample  # noqa: E402
from kinolog.db.search import FilmSearch  # noqa: E402
from kinolog.tui.app import KinologApp, create_app  # noqa: E402
from kinolog.tui.settings import Settings  # noqa: E402

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


async def diary_screen(pilot: Pilot[None]) -> None:
    """The diary (F2), filtered to one year."""
    await settle(pilot)
    await pilot.press("f2")
    await settle(pilot)
    await pilot.press("slash", *"2026")
    await settle(pilot)


async def stats_screen(pilot: Pilot[None]) -> None:
    """The stats screen (F3), all time."""
    await settle(pilot)
    await pilot.press("f3")
    await settle(pilot)


SHOTS: dict[str, Steps] = {
    "search": search,
    "film": film,
    "reader": reader,
    "compare": compare,
    "help": help_screen,
    "diary": diary_screen,
    "stats": stats_screen,
}

# A year of viewings (fixed dates) so the diary and stats screens have something to show.
HISTORY = (
    ("heat", 9, "2025-12-12", ("cinema",), "The diner scene, again."),
    ("der himmel uber berlin", 8, "2026-01-03", ("berlin",), None),
    ("oldboy", 7, "2026-02-14", ("korea",), None),
    ("amelie", 8, "2026-03-21", ("paris", "cinema"), "Still charming."),
    ("solaris 2002", 6, "2026-04-02", (), None),
    ("crash 1996", 5, "2026-05-30", (), "Cold."),
    ("pulp fiction", 9, "2026-06-19", ("cinema",), None),
    ("parasite", 10, "2026-07-07", ("korea",), None),
    ("burning", 8, "2026-08-15", ("korea",), None),
    ("heat", 10, "2026-09-09", ("cinema",), "Better every time."),
)


def add_history(folder: Path) -> None:
    """Log the viewings of :data:`HISTORY` (skipping films the sample lacks)."""
    catalogue = Catalogue(folder / "catalogue.db")
    diary = Diary(folder / "diary.db")
    search = FilmSearch(catalogue)
    try:
        for query, rating, watched, tags, note in HISTORY:
            try:
                film = search.find_film(query)
            except KinologError:
                continue
            diary.log_viewing(
                FilmRef.of(film),
                rating=rating,
                watched=watched,
                tags=tags,
                note=note,
                rewatch=bool(diary.entries(film_key=film.key)),
                logged_at=f"{watched}T20:00:00.000000Z",
            )
    finally:
        catalogue.close()
        diary.close()


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
        add_history(folder)
        for name, steps in SHOTS.items():
            await shoot(name, steps, folder)


if __name__ == "__main__":
    asyncio.run(main())
