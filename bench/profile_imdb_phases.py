"""Where ``kinolog import imdb`` spends its time and memory: phases and SQL statements.

Runs the import in this process as the CLI does (``import_imdb`` on every file of a folder,
then ``refresh_search_index``) on a fresh catalogue, with kinolog's functions wrapped to
measure, per phase (each file, merging, the checkpoint, the search index build and save):
wall and CPU time, the peak RSS *of that phase* (``VmHWM`` is reset through
``/proc/self/clear_refs`` when a phase starts), the Python heap peak with ``--tracemalloc``
(slow: about 2x), and the wall time of each SQL statement the importers run in batches
(``executemany`` of the title files, each statement of the staging tables of crew,
principals and names) and of each ``COMMIT``.

Experiments, to size proposals (they change only this process's copy of kinolog):

* ``--no-triggers``: drop the ``search_dirty_*`` triggers before importing (the search index
  is rebuilt at the end anyway, so they buy nothing in a bulk import);
* ``--cache-mib N``: the import connection's page cache (kinolog: 128 MiB);
* ``--batch N``: rows per ``executemany``/staging batch (kinolog: 25,000);
* ``--trim``: before the search index build, ``PRAGMA shrink_memory`` and glibc's
  ``malloc_trim(0)``: hands the import's page cache (freed by SQLite, but kept by malloc)
  back to the system, so the build does not stack its Python objects on top of it.

It reaches into kinolog's modules by name (``imdb._PHASES``, ``Staging.flush`` ...), so it
follows the code of the commit it was written for; for end-to-end figures use
``bench/bench_imdb_import.py --per-file``, which runs the real CLI.

Usage::

    python bench/profile_imdb_phases.py /work/bench-data/1m
    python bench/profile_imdb_phases.py /work/bench-data/1m --tracemalloc --top 12
    python bench/profile_imdb_phases.py /work/bench-data/1m --no-triggers --cache-mib 512
"""

from __future__ import annotations

import argparse
import ctypes
import os
import re
import shutil
import tempfile
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kinolog.db import search_state
from kinolog.db.catalogue import Catalogue
from kinolog.db.importers import imdb, imdb_people, imdb_run, imdb_titles
from kinolog.db.search import refresh_search_index
from kinolog.db.store import Store


@dataclass
class PhaseFigures:
    """What one phase cost."""

    seconds: float = 0.0
    cpu_seconds: float = 0.0
    peak_rss: int = 0
    heap_peak: int = 0
    calls: int = 0


@dataclass
class Profile:
    """Figures per phase and per SQL statement (wall seconds, calls, rows)."""

    phases: dict[str, PhaseFigures] = field(default_factory=dict)
    statements: defaultdict[tuple[str, str], list[float]] = field(
        default_factory=lambda: defaultdict(lambda: [0.0, 0, 0])
    )
    top: list[str] = field(default_factory=list)
    current: str = "(no phase)"
    last: str = "(no phase)"


PROFILE = Profile()


def _status(name: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1]) * 1024
    return 0


def _reset_hwm() -> None:
    with suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


@contextmanager
def phase(name: str) -> Iterator[None]:
    """Measure a phase (nested phases are counted in their outer phase too)."""
    outer, PROFILE.current = PROFILE.current, name
    figures = PROFILE.phases.setdefault(name, PhaseFigures())
    _reset_hwm()
    if tracemalloc.is_tracing():
        tracemalloc.reset_peak()
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        figures.seconds += time.perf_counter() - wall
        figures.cpu_seconds += time.process_time() - cpu
        figures.peak_rss = max(figures.peak_rss, _status("VmHWM"))
        if tracemalloc.is_tracing():
            figures.heap_peak = max(figures.heap_peak, tracemalloc.get_traced_memory()[1])
        figures.calls += 1
        PROFILE.current, PROFILE.last = outer, name


def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` measured as phase ``name``."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with phase(name):
            return function(*args, **kwargs)

    return wrapper


def label(sql: str) -> str:
    """A statement's first words, e.g. ``INSERT OR IGNORE INTO film_titles``."""
    words = re.sub(r"\s+", " ", sql).strip().split(" ")
    head = []
    for word in words:
        head.append(word)
        if word.upper() in ("INTO", "FROM") or (head[0].upper() == "UPDATE" and len(head) == 2):
            head.append(words[len(head)] if len(head) < len(words) else "")
            break
    text = " ".join(head)
    if "replace_ = 1" in sql:
        text += " (replace_=1)"
    elif "replace_ = 0" in sql:
        text += " (replace_=0)"
    return text


def _count(sql: str, seconds: float, rows: int) -> None:
    name = PROFILE.current if PROFILE.current != "(no phase)" else f"after {PROFILE.last}"
    entry = PROFILE.statements[(name, label(sql))]
    entry[0] += seconds
    entry[1] += 1
    entry[2] += rows


def timed_flush(conn: Any, batches: Any) -> list[int]:
    """``imdb_run.flush`` with each statement timed."""
    changed = []
    for statement, rows in batches:
        count = 0
        if rows:
            started = time.perf_counter()
            count = conn.executemany(statement, rows).rowcount
            _count(statement, time.perf_counter() - started, len(rows))
            rows.clear()
        changed.append(count)
    return changed


def timed_staging_flush(self: Any) -> None:
    """``Staging.flush`` with each statement timed."""
    if not self.rows:
        return
    rows = len(self.rows)
    started = time.perf_counter()
    self.conn.executemany(self._insert, self.rows)
    _count(self._insert, time.perf_counter() - started, rows)
    self.rows.clear()
    for statement in [*self.statements, f"DELETE FROM temp.{self.name}"]:
        started = time.perf_counter()
        self.conn.execute(statement)
        _count(statement, time.perf_counter() - started, rows)  # rows: of the staged batch


def timed_write(original: Callable[..., Any]) -> Callable[..., Any]:
    """``Store.write`` with the COMMIT (the end of the outermost block) timed."""

    @contextmanager
    def write(self: Store) -> Iterator[Any]:
        outer = self.conn.in_transaction
        manager = original(self)
        conn = manager.__enter__()
        try:
            yield conn
        except BaseException as error:
            if not manager.__exit__(type(error), error, error.__traceback__):
                raise
        else:
            started = time.perf_counter()
            manager.__exit__(None, None, None)
            if not outer:
                _count("COMMIT", time.perf_counter() - started, 0)

    return write


def snapshot_top(top: int) -> Callable[..., Any]:
    """Wrap ``search_build._assemble`` to record the largest Python allocations at its start,
    when every Python object of the build is alive."""
    from kinolog.db import search_build

    original = search_build._assemble

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if tracemalloc.is_tracing():
            stats = tracemalloc.take_snapshot().statistics("lineno")[:top]
            PROFILE.top = [
                f"{stat.size / 1e6:8.1f} MB {stat.count:>10,} blocks  {stat.traceback[0]}"
                for stat in stats
            ]
        return original(*args, **kwargs)

    patch(search_build, "_assemble", wrapper)
    return original


def patch(owner: object, name: str, value: object) -> None:
    """Replace an attribute of a module or class (kinolog's, in this process only)."""
    setattr(owner, name, value)


def wrap(owner: object, name: str, phase_name: str) -> None:
    """Measure calls of ``owner.name`` as phase ``phase_name``."""
    patch(owner, name, timed(phase_name, getattr(owner, name)))


def install(args: argparse.Namespace) -> None:
    """Wrap kinolog's phases and statements; apply the experiments."""
    wrap(imdb, "import_basics", "title.basics")
    for kind, function in list(imdb._PHASES.items()):
        imdb._PHASES[kind] = timed(kind, function)
    wrap(imdb, "merge_review_films", "merge review-made films")
    wrap(imdb, "_counts", "count rows")
    wrap(imdb, "_checkpoint", "WAL checkpoint")
    wrap(search_state, "build_index", "search index: build")
    wrap(search_state, "_save", "search index: save")
    patch(imdb_titles, "flush", timed_flush)
    patch(imdb_run.Staging, "flush", timed_staging_flush)
    patch(Store, "write", timed_write(Store.write))
    snapshot_top(args.top)
    if args.cache_mib is not None:
        patch(imdb, "IMPORT_CACHE_KIB", args.cache_mib * 1024)
    if args.batch is not None:
        for module in (imdb_run, imdb_titles, imdb_people):
            patch(module, "BATCH", args.batch)


def drop_triggers(catalogue: Catalogue) -> int:
    """Drop the search_dirty triggers of a fresh catalogue; return how many."""
    with catalogue.store.write() as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master"
                " WHERE type = 'trigger' AND name LIKE 'search_dirty%'"
            )
        ]
        for name in names:
            conn.execute(f"DROP TRIGGER {name}")
    return len(names)


def trim(catalogue: Catalogue) -> None:
    """Free SQLite's unused cache pages and return free heap memory to the system."""
    with catalogue.store.read() as conn:
        conn.execute("PRAGMA shrink_memory")
    with suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def report(total: PhaseFigures, top: int) -> str:
    """The tables."""
    lines = [
        "| phase | wall | CPU | peak RSS in phase | Python heap peak |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, figures in [*PROFILE.phases.items(), ("**total**", total)]:
        heap = f"{figures.heap_peak / 1e6:,.0f} MB" if figures.heap_peak else ""
        lines.append(
            f"| {name} | {figures.seconds:.1f} s | {figures.cpu_seconds:.1f} s | "
            f"{figures.peak_rss / 1e6:,.0f} MB | {heap} |"
        )
    lines += ["", "| phase | statement | calls | rows | wall | µs/row |", "| --- | --- |"]
    lines[-1] += " ---: |" * 4
    ranked = sorted(PROFILE.statements.items(), key=lambda item: -item[1][0])
    for (name, statement), (seconds, calls, rows) in ranked:
        per_row = f"{seconds / rows * 1e6:.1f}" if rows else ""
        lines.append(
            f"| {name} | `{statement}` | {calls:,} | {rows:,} | {seconds:.1f} s | {per_row} |"
        )
    if PROFILE.top:
        lines += ["", f"largest Python allocations when the search build assembles (top {top}):"]
        lines += PROFILE.top
    return "\n".join(lines)


def main() -> None:
    """Parse the arguments, import, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder of IMDb dataset files")
    parser.add_argument("--tracemalloc", action="store_true", help="trace the Python heap")
    parser.add_argument("--top", type=int, default=10, help="allocation sites to list")
    parser.add_argument("--no-triggers", action="store_true", help="drop search triggers")
    parser.add_argument("--cache-mib", type=int, help="import page cache in MiB")
    parser.add_argument("--batch", type=int, help="rows per batch")
    parser.add_argument("--trim", action="store_true", help="return freed memory first")
    parser.add_argument("--keep", type=Path, help="data folder to use and keep")
    args = parser.parse_args()
    install(args)
    work = args.keep or Path(tempfile.mkdtemp(prefix="kinolog-profile-"))
    shutil.rmtree(work / "catalogue.db", ignore_errors=True)
    for name in ("catalogue.db", "catalogue.db-wal", "catalogue.db-shm"):
        (work / name).unlink(missing_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    if args.tracemalloc:
        tracemalloc.start()
    load = os.getloadavg()[0]
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        with phase("start-up"):
            catalogue = Catalogue(work / "catalogue.db")
        if args.no_triggers:
            print(f"dropped {drop_triggers(catalogue)} search_dirty triggers")
        result = imdb.import_imdb(catalogue, [args.folder])
        if args.trim:
            print(f"RSS before trimming: {_status('VmRSS') / 1e6:,.0f} MB")
            trim(catalogue)
            print(f"RSS after trimming: {_status('VmRSS') / 1e6:,.0f} MB")
        refresh_search_index(catalogue, force=args.no_triggers)
        catalogue.close()
        size = (work / "catalogue.db").stat().st_size
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    total = PhaseFigures(
        seconds=time.perf_counter() - wall,
        cpu_seconds=time.process_time() - cpu,
        peak_rss=_status("VmHWM"),
    )
    options = " ".join(
        f"{name}={value}"
        for name, value in vars(args).items()
        if value not in (None, False) and name != "folder"
    )
    print(f"{args.folder} ({options or 'as kinolog'}); load average {load:.2f} before")
    print(f"films {result.films_added:,}, added {result.added}, catalogue {size / 1e6:,.0f} MB")
    print("(peak RSS in phase: VmHWM reset at each phase start; total: since the last reset)")
    print()
    print(report(total, args.top))


if __name__ == "__main__":
    main()
