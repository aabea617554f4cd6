"""Measure the film resolver on generated diary exports with known answers (issue 11).

Usage::

    python bench/resolver_data.py /tmp/rdata            # IMDb files + exports + truth.json
    python bench/bench_resolver.py /tmp/rdata [--keep DIR] [--examples 10]

Builds a catalogue from ``OUTDIR/imdb`` with ``import imdb`` (default types and regions),
then imports ``OUTDIR/letterboxd`` and ``OUTDIR/imdb-export/ratings.csv`` into an empty
diary as dry runs, exactly as ``kinolog import letterboxd|imdb-ratings --dry-run --json``
does, turns every row's decision into ``DECISIONS.json`` and scores it with
``bench/resolver_score.py``: wrong attachments (target 0), the share of rows whose film is
in the catalogue that were attached to it (target at least 97 %), the ambiguous rows.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.formats import import_diary
from kinolog.db.formats.entries import DiaryImportReport
from kinolog.db.importers.imdb import import_imdb
from kinolog.db.search import refresh_search_index

HERE = Path(__file__).resolve().parent


def decisions(report: DiaryImportReport, outdir: Path) -> list[dict[str, Any]]:
    """The scorer's rows: file relative to OUTDIR, line, chosen tconst, status."""
    rows = []
    for decision in report.decisions:
        data = decision.as_json()
        film = data["film"]
        rows.append(
            {
                "file": Path(data["file"]).resolve().relative_to(outdir).as_posix(),
                "line": data["line"],
                "film": film["imdb_id"] if film else None,
                "status": data["status"],
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("outdir", type=Path, help="a folder written by resolver_data.py")
    parser.add_argument("--keep", type=Path, help="build the catalogue here and keep it")
    parser.add_argument("--examples", default="10", help="examples per kind of mistake")
    args = parser.parse_args(argv)
    outdir = args.outdir.resolve()
    with tempfile.TemporaryDirectory(prefix="kinolog-resolver-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        catalogue = Catalogue(folder / "catalogue.db")
        started = time.perf_counter()
        if catalogue.counts()["films"] == 0:
            import_imdb(catalogue, [outdir / "imdb"])
            refresh_search_index(catalogue)
        built = time.perf_counter() - started
        diary = Diary(Path(scratch) / "diary.db")
        rows: list[dict[str, Any]] = []
        timings = []
        for command, path in (
            ("letterboxd", outdir / "letterboxd"),
            ("imdb-ratings", outdir / "imdb-export" / "ratings.csv"),
        ):
            started = time.perf_counter()
            # Every title type (types=None): the resolver decides about all rows.
            options = {"types": None} if command == "imdb-ratings" else {}
            report = import_diary(
                command, diary, [path], catalogue=catalogue, dry_run=True, **options
            )
            timings.append(
                f"{command}: {report.rows} rows in {time.perf_counter() - started:.1f} s"
            )
            rows += decisions(report, outdir)
        catalogue.close()
        diary.close()
        out = Path(scratch) / "decisions.json"
        out.write_text(json.dumps(rows), encoding="utf-8")
        print(f"catalogue: {catalogue.path} built in {built:.1f} s; " + "; ".join(timings))
        score = HERE / "resolver_score.py"
        command = [sys.executable, str(score), str(outdir / "truth.json"), str(out)]
        return subprocess.call([*command, "--examples", args.examples])


if __name__ == "__main__":
    sys.exit(main())
