"""How long a large diary import takes, and how much memory it needs (issue 12, item 8).

Writes a Letterboxd ``diary.csv`` of N rows (distinct films, dates, ratings, tags, rewatches)
and IMDb's ratings CSV of N rows, and imports each into an empty diary in a fresh process,
once with no catalogue and once with a catalogue of 5,000 films (some rows name one of
them). Prints rows, seconds, rows per second and the peak memory of the process.

    python bench/bench_diary_import.py               # 100,000 and 1,000,000 rows
    python bench/bench_diary_import.py --rows 200000
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, resource, sys, time
from pathlib import Path
from kinolog.tui.cli.main import run
started = time.perf_counter()
code = run(["--data-dir", sys.argv[1], "import", sys.argv[2], sys.argv[3]])
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"code": code, "seconds": seconds, "peak_mb": peak}), file=sys.stderr)
"""


def write_letterboxd(path: Path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(
            ["Date", "Name", "Year", "Letterboxd URI", "Rating", "Rewatch", "Tags", "Watched Date"]
        )
        for number in range(rows):
            day = f"20{10 + number % 15}-{1 + number % 12:02d}-{1 + number % 28:02d}"
            writer.writerow(
                [day, f"Film number {number}", 1950 + number % 70,
                 f"https://boxd.it/{number:x}", f"{(1 + number % 10) / 2:g}",
                 "Yes" if number % 7 == 0 else "", "cinema, friends" if number % 5 == 0 else "",
                 day]
            )  # fmt: skip


def write_imdb(path: Path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["Const", "Your Rating", "Date Rated", "Title", "URL", "Title Type",
                         "Year"])  # fmt: skip
        for number in range(rows):
            const = f"tt{1000000 + number}"
            writer.writerow(
                [const, 1 + number % 10, f"20{10 + number % 15}-01-01", f"Film number {number}",
                 f"https://www.imdb.com/title/{const}/", "Movie", 1950 + number % 70]
            )  # fmt: skip


def catalogue(folder: Path, films: int) -> None:
    code = f"""
from pathlib import Path
from kinolog.db.catalogue import Catalogue
from kinolog.db.search import refresh_search_index
catalogue = Catalogue(Path({str(folder / "catalogue.db")!r}))
for number in range({films}):
    catalogue.add_film(title=f"Film number {{number}}", year=1950 + number % 70,
                       imdb_id=f"tt{{1000000 + number}}", directors=[f"Director {{number % 300}}"])
refresh_search_index(catalogue)
catalogue.close()
"""
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def measure(kind: str, export: Path, rows: int, films: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        if films:
            catalogue(folder, films)
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(folder), kind, str(export)],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )  # fmt: skip
        figures = json.loads(done.stderr.strip().splitlines()[-1])
        last = done.stdout.strip().splitlines()[-1:] or [""]
    seconds = float(figures["seconds"])
    return {
        "import": kind, "rows": rows, "catalogue films": films, "exit": figures["code"],
        "seconds": round(seconds, 1), "rows/s": round(rows / seconds),
        "peak MB": round(float(figures["peak_mb"])), "summary": last[0][:120],
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, action="append", help="rows (repeatable)")
    parser.add_argument("--films", type=int, default=5000, help="catalogue films (0: none)")
    args = parser.parse_args()
    for rows in args.rows or [100_000, 1_000_000]:
        with tempfile.TemporaryDirectory() as temp:
            letterboxd, imdb = Path(temp) / "diary.csv", Path(temp) / "ratings.csv"
            write_letterboxd(letterboxd, rows)
            write_imdb(imdb, rows)
            for films in sorted({0, args.films}):
                for kind, path in (("letterboxd", letterboxd), ("imdb-ratings", imdb)):
                    print(json.dumps(measure(kind, path, rows, films)), flush=True)


if __name__ == "__main__":
    main()
