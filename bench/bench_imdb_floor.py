"""The floor for ``kinolog import imdb``: the sqlite3 shell's ``.import`` of the same files.

Each IMDb dataset file of a folder (``title.basics.tsv`` ... ``name.basics.tsv``, plain or
``.gz``) is loaded by the ``sqlite3`` command-line shell into a fresh database of its own, as
one table of TEXT columns named by the header: no parsing of values, no keys, no indexes, one
transaction. That is the least work any importer of these files can do, so kinolog's import
is measured against it (issue 14).

The shell reads the files in ``.mode ascii`` with ``.separator "\\t" "\\n"``: IMDb's files
are tab-separated *without* quoting (a title may start with ``"``), and this is the shell's
only reader that never treats ``"`` as a quote (``.mode tabs`` and ``--csv`` do). A ``.gz``
file is read through ``|gzip -dc FILE``.

Per file and in total it prints the wall time, the CPU time (user + system, from ``os.wait4``:
the child and the children it reaped, such as gzip), the peak RSS of the child (measured by
``/usr/bin/time`` when installed, see :func:`time_prefix`), the rows loaded and the database
size.

Without a ``sqlite3`` shell (``apt-get install -y sqlite3``), or with ``--python``, a
documented stand-in runs instead: a child Python process that splits each line on tabs and
loads the rows with ``executemany`` in batches of 50,000 into the same kind of table, in one
transaction. It costs more CPU than the shell (about 3x), so it is a looser floor.

Usage::

    python bench/bench_imdb_floor.py /work/bench-data/1m
    python bench/bench_imdb_floor.py /work/bench-data/1m --keep /tmp/floor-1m   # keep the dbs
    python bench/bench_imdb_floor.py /work/bench-data/1m --python               # the stand-in
    python bench/bench_imdb_floor.py /work/bench-data/1m --json floor.json
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO

# kinolog's import order (db/importers/imdb_files.py ORDER).
KINDS = (
    "title.basics", "title.ratings", "title.akas", "title.crew", "title.principals",
    "name.basics",
)  # fmt: skip
STAND_IN_BATCH = 50_000


@dataclass
class ChildUsage:
    """What one child process cost: wall and CPU seconds, peak RSS, exit code, output."""

    seconds: float
    cpu_seconds: float
    peak_bytes: int
    returncode: int
    stdout: str
    stderr: str


@dataclass
class FloorRun:
    """One file loaded by the floor tool."""

    kind: str
    path: str
    tool: str
    rows: int
    input_bytes: int
    seconds: float
    cpu_seconds: float
    peak_bytes: int
    output_bytes: int


GNU_TIME = "/usr/bin/time"


def time_prefix(report: Path) -> list[str]:
    """``/usr/bin/time`` writing the command's peak RSS (KiB) to ``report``, or nothing.

    The peak RSS ``wait4`` reports for a direct child is at least this process's own RSS
    when it spawned the child (Linux carries the parent's high-water mark over ``exec``), so
    a 6 MB sqlite3 shows as 20 MB. GNU time forks the command itself and reports its own
    rusage, so its figure is the command's alone.
    """
    if not os.access(GNU_TIME, os.X_OK):
        return []
    return [GNU_TIME, "-f", "%M", "-o", str(report)]


def peak_from_time(report: Path) -> int | None:
    """The peak RSS in bytes that :func:`time_prefix` wrote, or None."""
    try:
        lines = report.read_text().split()
    except OSError:
        return None
    return int(lines[-1]) * 1024 if lines and lines[-1].isdigit() else None


def run_child(
    command: Sequence[str], *, stdin: Path | None = None, cwd: Path | None = None
) -> ChildUsage:
    """Run a command to its end; measure wall and CPU with ``wait4`` (the child and the
    children it reaped, not this process) and the peak RSS with GNU time when installed.

    Output goes to temporary files, so a chatty child can never block on a full pipe.
    """
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as scratch,
        stdin.open("rb") if stdin else open(os.devnull, "rb") as source,
    ):
        report = Path(scratch) / "time.txt"
        full = [*time_prefix(report), *command]
        started = time.perf_counter()
        child = subprocess.Popen(full, stdin=source, stdout=out, stderr=err, cwd=cwd)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        peak = peak_from_time(report)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    return ChildUsage(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_bytes=peak if peak is not None else usage.ru_maxrss * 1024,  # KiB on Linux
        returncode=child.returncode,
        stdout=stdout,
        stderr=stderr,
    )


def is_gzip(path: Path) -> bool:
    """True when the file starts with gzip's magic bytes."""
    with path.open("rb") as file:
        return file.read(2) == b"\x1f\x8b"


def uncompressed_size(path: Path) -> int:
    """The size of a file's content (decompressed for gzip)."""
    if not is_gzip(path):
        return path.stat().st_size
    size = 0
    with gzip.open(path, "rb") as file:
        while chunk := file.read(1 << 20):
            size += len(chunk)
    return size


def dataset_files(folder: Path) -> list[tuple[str, Path]]:
    """``(kind, path)`` of each dataset file in a folder, in kinolog's import order."""
    found = []
    for kind in KINDS:
        matches = sorted(folder.glob(f"{kind}.tsv")) or sorted(folder.glob(f"{kind}.tsv.gz"))
        if matches:
            found.append((kind, matches[0]))
    return found


def table_name(kind: str) -> str:
    """``title.basics`` -> ``title_basics``."""
    return kind.replace(".", "_")


def _shell_script(path: Path, table: str) -> str:
    source = f"|gzip -dc '{path}'" if is_gzip(path) else str(path)
    return f'.bail on\n.mode ascii\n.separator "\\t" "\\n"\n.import "{source}" {table}\n'


def load_with_shell(shell: str, path: Path, database: Path, table: str) -> ChildUsage:
    """``sqlite3 DATABASE`` with a script that ``.import`` s the file (see the docstring)."""
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write(_shell_script(path, table))
    try:
        return run_child([shell, str(database)], stdin=Path(script.name))
    finally:
        os.unlink(script.name)


def load_with_python(path: Path, database: Path, table: str) -> ChildUsage:
    """The stand-in: this script's ``--stand-in`` mode in a child process."""
    command = [sys.executable, __file__, "--stand-in", str(database), str(path), table]
    return run_child(command)


def stand_in(database: Path, path: Path, table: str) -> None:
    """Load a tab-separated file into a new table of TEXT columns with ``executemany``."""
    conn = sqlite3.connect(database, isolation_level=None)
    opener = gzip.open if is_gzip(path) else open
    stream: IO[str]
    with opener(path, "rt", encoding="utf-8", newline="\n") as stream:
        header = stream.readline().rstrip("\n").split("\t")
        columns = ", ".join(f'"{name}" TEXT' for name in header)
        conn.execute(f"CREATE TABLE {table} ({columns})")
        insert = f"INSERT INTO {table} VALUES ({', '.join('?' * len(header))})"
        conn.execute("BEGIN")
        rows: list[list[str]] = []
        for line in stream:
            rows.append(line.rstrip("\n").split("\t"))
            if len(rows) >= STAND_IN_BATCH:
                conn.executemany(insert, rows)
                rows.clear()
        conn.executemany(insert, rows)
        conn.execute("COMMIT")
    conn.close()


def measure_floor(
    folder: Path, work: Path, *, shell: str | None = None, python: bool = False
) -> list[FloorRun]:
    """Load each dataset file of ``folder`` into its own fresh database under ``work``.

    Args:
        shell: the ``sqlite3`` executable (default: found on PATH).
        python: use the Python stand-in even when the shell is there.
    """
    shell = None if python else (shell or shutil.which("sqlite3"))
    runs = []
    for kind, path in dataset_files(folder):
        database = work / f"{table_name(kind)}.db"
        database.unlink(missing_ok=True)
        if shell:
            usage = load_with_shell(shell, path, database, table_name(kind))
        else:
            usage = load_with_python(path, database, table_name(kind))
        if usage.returncode != 0:
            raise SystemExit(f"{kind}: the floor import failed:\n{usage.stdout}{usage.stderr}")
        with sqlite3.connect(database) as conn:
            (rows,) = conn.execute(f"SELECT count(*) FROM {table_name(kind)}").fetchone()
        conn.close()
        runs.append(
            FloorRun(
                kind=kind,
                path=str(path),
                tool="sqlite3 .import" if shell else "python executemany",
                rows=int(rows),
                input_bytes=uncompressed_size(path),
                seconds=usage.seconds,
                cpu_seconds=usage.cpu_seconds,
                peak_bytes=usage.peak_bytes,
                output_bytes=database.stat().st_size,
            )
        )
    return runs


def total(runs: Sequence[FloorRun]) -> FloorRun:
    """All files together: sums, and the largest peak RSS."""
    return FloorRun(
        kind="total",
        path="",
        tool=runs[0].tool if runs else "",
        rows=sum(run.rows for run in runs),
        input_bytes=sum(run.input_bytes for run in runs),
        seconds=sum(run.seconds for run in runs),
        cpu_seconds=sum(run.cpu_seconds for run in runs),
        peak_bytes=max((run.peak_bytes for run in runs), default=0),
        output_bytes=sum(run.output_bytes for run in runs),
    )


def format_table(runs: Sequence[FloorRun]) -> str:
    """A Markdown table, one line per file and the total."""
    lines = [
        "| file | rows | input | wall | CPU | peak RSS | database | db/input |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in [*runs, total(runs)]:
        lines.append(
            f"| {run.kind} | {run.rows:,} | {run.input_bytes / 1e6:,.0f} MB | "
            f"{run.seconds:.1f} s | {run.cpu_seconds:.1f} s | {run.peak_bytes / 1e6:.0f} MB | "
            f"{run.output_bytes / 1e6:,.0f} MB | {run.output_bytes / max(run.input_bytes, 1):.2f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the arguments, load the files, print the table."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--stand-in"]:
        database, path, table = argv[1:4]
        stand_in(Path(database), Path(path), table)
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder of IMDb dataset files")
    parser.add_argument("--keep", type=Path, help="write the databases here and keep them")
    parser.add_argument("--sqlite3", dest="shell", help="the sqlite3 shell to use")
    parser.add_argument("--python", action="store_true", help="use the Python stand-in")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    if not dataset_files(args.folder):
        raise SystemExit(f"{args.folder}: no IMDb dataset files (title.basics.tsv ...)")
    work = args.keep or Path(tempfile.mkdtemp(prefix="kinolog-floor-"))
    work.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()[0]
    try:
        runs = measure_floor(args.folder, work, shell=args.shell, python=args.python)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"floor: {runs[0].tool}, {args.folder}, load average {load:.2f} at the start")
    print(format_table(runs))
    if args.json:
        args.json.write_text(json.dumps([asdict(run) for run in runs], indent=1) + "\n")


if __name__ == "__main__":
    main()
