"""``import imdb`` at scale: streaming and bulk paths, progress without a terminal, reads
while an import runs (real processes), and bounded search index entries."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import kinolog.db.importers.imdb.bulk
import kinolog.db.importers.imdb.files
import kinolog.db.importers.imdb.people
import kinolog.db.importers.imdb.staging
import kinolog.db.importers.imdb.titles
from kinolog.db.catalogue import Catalogue
from kinolog.db.importers.imdb import import_imdb
from kinolog.db.importers.imdb.staging import NumberSet
from kinolog.db.search import FilmSearch, import_running
from kinolog.db.search.build import index_size
from kinolog.db.search.query import MAX_WORD
from kinolog.tui.cli.progress import TerminalProgress
from tests.importers.test_imdb import FIXTURES, ROOT, imported, rows

TABLES = ("films", "film_titles", "film_keys", "people", "person_aliases", "credits")


def contents(catalogue: Catalogue) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the IMDb tables, without row ids and time stamps."""
    queries = {
        "films": "SELECT imdb_id, title, original_title, year, runtime, title_type, genres,"
        " votes, imdb_rating FROM films",
        "film_titles": "SELECT f.imdb_id, t.title, t.kind, t.region, t.language"
        " FROM film_titles t JOIN films f ON f.id = t.film_id",
        "film_keys": "SELECT k.key, f.imdb_id FROM film_keys k JOIN films f ON f.id = k.film_id",
        "people": "SELECT imdb_id, name, birth_year, death_year FROM people",
        "person_aliases": "SELECT p.imdb_id, a.alias, a.key FROM person_aliases a"
        " JOIN people p ON p.id = a.person_id",
        "credits": "SELECT f.imdb_id, p.imdb_id, c.role, c.ordering, c.character FROM credits c"
        " JOIN films f ON f.id = c.film_id JOIN people p ON p.id = c.person_id",
    }
    return {table: sorted(rows(catalogue, sql), key=repr) for table, sql in queries.items()}


def test_tiny_batches_and_chunks_read_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    normal = Catalogue(tmp_path / "normal" / "catalogue.db")
    lines = [report.rows for report in imported(normal, FIXTURES).files]
    expected = contents(normal)
    normal.close()
    for module in ("staging", "titles", "people"):
        monkeypatch.setattr(getattr(kinolog.db.importers.imdb, module), "BATCH", 2)
    monkeypatch.setattr(kinolog.db.importers.imdb.files, "_CHUNK_BYTES", 64)
    streamed = Catalogue(tmp_path / "streamed" / "catalogue.db")
    result = imported(streamed, FIXTURES)
    assert contents(streamed) == expected
    assert [report.rows for report in result.files] == lines
    streamed.close()


def test_bulk_loads_suspend_triggers_and_rebuild_indexes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    normal = Catalogue(tmp_path / "normal" / "catalogue.db")
    imported(normal, FIXTURES)
    expected = contents(normal)
    normal.close()
    monkeypatch.setattr(kinolog.db.importers.imdb.bulk, "BIG_ROWS", 1)
    bulk = Catalogue(tmp_path / "bulk" / "catalogue.db")
    schema = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
    before = rows(bulk, schema)
    imported(bulk, FIXTURES)
    assert contents(bulk) == expected
    assert rows(bulk, schema) == before  # every trigger and index is back
    # nothing was listed for re-indexing, and the index was rebuilt (not left stale)
    assert rows(bulk, "SELECT count(*) FROM search_dirty") == [(0,)]
    assert rows(bulk, "SELECT count(*) FROM search_meta WHERE key = 'stale'") == [(0,)]
    assert FilmSearch(bulk).search_films("amelie")[0].film.imdb_id == "tt0211915"
    assert FilmSearch(bulk).search_films("tarantino")[0].film.imdb_id == "tt0110912"
    # a later small change still reaches search through the triggers
    bulk.add_film(title="Kleine Änderung", year=2024)
    assert FilmSearch(bulk).search_films("kleine anderung")[0].film.title == "Kleine Änderung"
    bulk.close()


def test_number_set() -> None:
    numbers = NumberSet([0, 7, 8, 110912, NumberSet.LIMIT + 5])
    assert len(numbers) == 5
    assert all(n in numbers for n in (0, 7, 8, 110912, NumberSet.LIMIT + 5))
    assert not any(n in numbers for n in (-1, 1, 9, 110913, NumberSet.LIMIT, "7"))
    assert len(numbers.bits) < 20_000  # a bit per number, not an object


# -- progress when the output is not a terminal ------------------------------------------------


def test_progress_lines_without_a_terminal(catalogue: Catalogue) -> None:
    out = io.StringIO()
    with TerminalProgress(unit="bytes", every=0.0, stream=out) as progress:
        assert not progress.enabled  # pytest captures standard error: not a terminal
        import_imdb(catalogue, [FIXTURES], progress=progress)
    lines = out.getvalue().splitlines()
    for kind in ("title.basics", "title.principals", "name.basics"):
        started = [line for line in lines if line.startswith(f"{kind} (") and "started" in line]
        assert len(started) == 1
        done = next(line for line in lines if line.startswith(f"{kind} (") and ": done" in line)
        assert "rows read" in done and "kept" in done
    basics = next(line for line in lines if line.startswith("title.basics (") and "done" in line)
    assert "12 rows read, 8 kept" in basics
    # status lines (every=0: at every report) give rows read, rows kept and time elapsed
    status = [line for line in lines if "rows read" in line and "elapsed" in line]
    assert status and all("kept" in line for line in status)
    assert any(line.startswith("title.akas: writing") for line in lines)
    assert any(line.startswith("search index:") for line in lines)


def test_progress_status_at_least_every_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    now = [1000.0]
    monkeypatch.setattr("kinolog.tui.cli.progress.time.monotonic", lambda: now[0])
    with TerminalProgress(unit="bytes", every=30.0, stream=out) as progress:
        progress.start("title.principals (title.principals.tsv.gz)", 10_000)
        for step in range(1, 241):  # four minutes, a report every second
            now[0] += 1.0
            progress.count(step * 1000, step * 400)
            progress.advance(10)
        progress.note("title.principals: writing 96,000 rows to the catalogue")
        for _ in range(90):  # a minute and a half inside one SQL statement
            now[0] += 1.0
            progress.advance(0)
        progress.finish()
    lines = out.getvalue().splitlines()
    assert lines[0].endswith("started (0 MB)")
    assert "240,000 rows read, 96,000 kept, writing 96,000 rows" in lines[-2]
    assert lines[-1].endswith("done: 240,000 rows read, 96,000 kept in 0:05:30")
    assert len(lines) == 1 + 8 + 1 + 3 + 1  # start, 8 status, step, 3 status, done


def test_cli_prints_progress_lines_when_redirected(data_dir: Path) -> None:
    process = subprocess.run(
        [sys.executable, "-m", "kinolog", "--data-dir", str(data_dir), "import", "imdb",
         str(FIXTURES)],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    assert process.returncode == 0, process.stderr
    err = process.stderr.splitlines()
    assert sum("started" in line for line in err) == 6
    assert sum(": done: " in line and "rows read" in line for line in err) == 6
    assert "films: 8 added" in process.stdout


# -- reads while an import runs ----------------------------------------------------------------


def test_reads_answer_while_an_import_runs(data_dir: Path, tmp_path: Path) -> None:
    """An import in one process, paused in the middle of title.principals; search, show and
    log in others answer at once (and the import then finishes)."""
    catalogue = Catalogue(data_dir / "catalogue.db")
    imported(catalogue, FIXTURES / "title.basics.tsv", FIXTURES / "title.ratings.tsv")
    catalogue.close()
    paused, go = tmp_path / "paused", tmp_path / "go"
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from kinolog.db.catalogue import Catalogue
        from kinolog.db.importers.imdb import import_imdb
        from kinolog.db.progress import SilentProgress

        class Pausing(SilentProgress):
            def count(self, read, kept):
                if read and not Path({str(go)!r}).exists():
                    Path({str(paused)!r}).touch()
                    while not Path({str(go)!r}).exists():
                        time.sleep(0.05)

        catalogue = Catalogue(Path({str(data_dir / "catalogue.db")!r}))
        result = import_imdb(catalogue, [Path({str(FIXTURES / "title.principals.tsv")!r})],
                             progress=Pausing())
        catalogue.close()
        sys.exit(1 if result.errors else 0)
        """
    )
    importer = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while not paused.exists():
            assert importer.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        catalogue = Catalogue(data_dir / "catalogue.db")
        assert import_running(catalogue)
        catalogue.close()
        for command in (["search", "pulp fiction"], ["show", "amelie"], ["log"]):
            started = time.monotonic()
            read = subprocess.run(
                [sys.executable, "-m", "kinolog", "--data-dir", str(data_dir), *command],
                capture_output=True, text=True, check=False, cwd=ROOT, timeout=30,
            )  # fmt: skip
            seconds = time.monotonic() - started
            assert read.returncode == 0, read.stderr
            assert seconds < 10, (command, seconds)  # a waiting read would take a minute
        assert importer.poll() is None  # still importing
    finally:
        go.touch()
        assert importer.wait(timeout=60) == 0
    catalogue = Catalogue(data_dir / "catalogue.db")
    assert rows(catalogue, "SELECT count(*) FROM credits WHERE role = 'cast'")[0][0] > 0
    assert not import_running(catalogue)
    catalogue.close()


# -- bounded index entries (issue 12, item 7) --------------------------------------------------


def test_a_very_long_word_cannot_bloat_the_index(catalogue: Catalogue) -> None:
    catalogue.add_film(title="Ordinary Film", year=2001)
    search = FilmSearch(catalogue)
    search.refresh_index(force=True)
    small = index_size(search.state.snapshot().base)
    catalogue.add_film(title="a" * 60_000, year=2002, directors=["b" * 60_000])
    catalogue.add_film(title=" ".join(["word"] * 20_000), year=2003)
    search.refresh_index(force=True)
    base = search.state.snapshot().base
    size = index_size(base)
    assert max(len(base.vocab[word]) for word in range(len(base.vocab))) <= MAX_WORD
    # A few dozen entries more, where the whole word would bring 60,000 typo variants
    # of 60,000 letters each (gigabytes).
    assert size["deletes"] - small["deletes"] < 200
    assert size["name_tok"] - small["name_tok"] < 100
    hits = search.search_films("a" * 200)
    assert hits and hits[0].film.year == 2002
    assert search.search_films("ordinary film")[0].film.title == "Ordinary Film"
    assert os.path.getsize(catalogue.path) < 5_000_000
