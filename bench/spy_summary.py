"""Summarise a py-spy profile of ``kinolog import imdb`` by phase and by line of kinolog code.

Reads the collapsed stacks that ``py-spy record --format raw`` writes (one stack a line,
frames joined by ``;``, the sample count last), e.g. from
``bench/bench_imdb_import.py --per-file --py-spy FILE`` or::

    py-spy record --native --format raw --rate 100 -o spy.txt -- \\
        python -m kinolog --data-dir /tmp/k import imdb /work/bench-data/1m

Each sample is given to a phase (the outermost frame naming one of :data:`PHASES`) and to a
*site*: the innermost frame in kinolog's own code (``kinolog/db/...:line``). With
``--native`` stacks, samples under ``sqlite3_step`` count as time in SQLite, the rest of a
site as time in Python (parsing, look-ups, building tuples, binding parameters).

Usage::

    python bench/spy_summary.py spy.txt [--top 8]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

# Outermost function -> phase name (checked from the outside in).
PHASES = {
    "build_parser": "start-up",
    "import_basics": "title.basics",
    "import_ratings": "title.ratings",
    "import_akas": "title.akas",
    "import_crew": "title.crew",
    "import_principals": "title.principals",
    "import_names": "name.basics",
    "merge_review_films": "merge review-made films",
    "_counts": "count rows",
    "_checkpoint": "WAL checkpoint",
    "build_index": "search index: build",
    "_save": "search index: save",
}
_FRAME = re.compile(r"^(?P<function>.+?) \((?P<where>[^()]*)\)$")
_OWN = ("kinolog/db/", "kinolog/tui/")
_SQLITE = ("sqlite3_step", "sqlite3VdbeExec", "sqlite3_prepare", "sqlite3_exec")


def frames(stack: str) -> list[tuple[str, str]]:
    """``(function, file:line)`` of each frame, outermost first."""
    found = []
    for frame in stack.split(";"):
        match = _FRAME.match(frame)
        if match:
            found.append((match["function"], match["where"]))
        else:
            found.append((frame, ""))
    return found


def classify(stack: list[tuple[str, str]]) -> tuple[str, str, bool]:
    """``(phase, site, in SQLite)`` of one sample's stack."""
    phase = "other"
    for function, _ in stack:
        if function in PHASES:
            phase = PHASES[function]
            break
    own = [index for index, (_, where) in enumerate(stack) if where.startswith(_OWN)]
    site = "(no kinolog frame)"
    in_sqlite = False
    if own:
        function, where = stack[own[-1]]
        site = f"{where} {function}"
        in_sqlite = any(name.startswith(_SQLITE) for name, _ in stack[own[-1] + 1 :])
    return phase, site, in_sqlite


def summarise(path: Path, top: int) -> str:
    """The report: phases by samples, each with its heaviest sites."""
    by_phase: Counter[str] = Counter()
    sqlite_by_phase: Counter[str] = Counter()
    sites: defaultdict[str, Counter[str]] = defaultdict(Counter)
    sqlite_sites: defaultdict[str, Counter[str]] = defaultdict(Counter)
    total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not count_text.isdigit():
            continue
        count = int(count_text)
        phase, site, in_sqlite = classify(frames(stack))
        total += count
        by_phase[phase] += count
        sites[phase][site] += count
        if in_sqlite:
            sqlite_by_phase[phase] += count
            sqlite_sites[phase][site] += count
    lines = [f"{path}: {total:,} samples", ""]
    lines.append("| phase | samples | share | in SQLite |")
    lines.append("| --- | ---: | ---: | ---: |")
    for phase, count in by_phase.most_common():
        lines.append(
            f"| {phase} | {count:,} | {count / total:.1%} | {sqlite_by_phase[phase] / count:.0%} |"
        )
    for phase, count in by_phase.most_common():
        lines += ["", f"{phase} ({count:,} samples): heaviest sites (share of the phase, SQLite)"]
        for site, site_count in sites[phase].most_common(top):
            share = sqlite_sites[phase][site] / site_count
            lines.append(f"  {site_count / count:6.1%}  {share:4.0%}  {site}")
    return "\n".join(lines)


def main() -> None:
    """Parse the arguments and print the summary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("profile", type=Path, help="py-spy record --format raw output")
    parser.add_argument("--top", type=int, default=8, help="sites per phase (8)")
    args = parser.parse_args()
    print(summarise(args.profile, args.top))


if __name__ == "__main__":
    main()
