"""Staging the files of one import: parsed by Python, in a process of its own when they are big.

Reading a file (decoding, splitting, checking and converting each row) is Python's work;
writing it into the catalogue is SQLite's. A big import stages its files in a child process
(``python -m kinolog.db.importers.imdb.stage_child``) while this process applies the file staged
before, so the two run on two cores: the child reads file N+1 while the parent writes file N.
The child runs at most two files ahead (it stages file N+2 once the parent has taken file N),
so at most three staged files are on disk. Small imports are
staged in this process: starting a process would cost more than it saves.

Each file is staged into a SQLite database of its own in the staging folder beside the
catalogue (``catalogue.db.imdb-staging``), which the importer attaches as ``stage`` while it
applies the file and then deletes; the folder goes at the end (or, after a killed import,
at the start of the next). The child needs nothing from the catalogue: the parent hands it
the IMDb numbers of the catalogue's films and people (:class:`StageState`), and it adds the
films and people it stages itself. The child's progress (a bar per file, bad rows) comes back
as JSON lines on its standard output and is passed on by the parent.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from kinolog.db.errors import ImportFailed
from kinolog.db.importers.imdb import files as files_module
from kinolog.db.importers.imdb import people, titles
from kinolog.db.importers.imdb.files import ImdbFile, TsvReader
from kinolog.db.importers.imdb.staging import (
    ImdbOptions,
    NumberSet,
    StagedFile,
    StageState,
    Staging,
)
from kinolog.db.progress import Progress

__all__ = ["PIPELINE_BYTES", "STAGES", "Stager", "stage_file"]

Stage = Callable[[sqlite3.Connection, StageState, TsvReader], Staging]
STAGES: dict[str, Stage] = {
    "title.basics": titles.stage_basics,
    "title.ratings": titles.stage_ratings,
    "title.akas": titles.stage_akas,
    "title.crew": people.stage_crew,
    "title.principals": people.stage_principals,
    "name.basics": people.stage_names,
}
PIPELINE_BYTES = 32 * 1024 * 1024
"""Files of at least this many bytes (together, two or more) are staged by a child process."""
STAGE_CACHE_KIB = 16 * 1024  # the staging database only appends: a small cache does
_TOOK = b"took\n"


def stage_file(
    file: ImdbFile, index: int, state: StageState, folder: Path, progress: Progress
) -> StagedFile:
    """Stage one file into a database of its own in ``folder``; how it went.

    A file that cannot be read to its end (or staged) has ``error`` set and no database.
    """
    started = time.perf_counter()
    database = folder / f"{index}-{file.kind}.db"
    staged = StagedFile(file.kind, str(file.path), str(database))
    reader = TsvReader(file, progress)
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(database, isolation_level=None)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", f"cache_size=-{STAGE_CACHE_KIB}"):
            conn.execute(f"PRAGMA {pragma}")  # scratch data: deleted whatever happens
        with reader:
            conn.execute("BEGIN")
            staging = STAGES[file.kind](conn, state, reader)
            conn.execute("COMMIT")
        staged.counts = staging.counts
    except ImportFailed as error:
        staged.error = str(error)
    except (sqlite3.Error, OSError) as error:
        staged.error = (
            f"{file.path}: could not stage it in {folder} ({error}); nothing was imported"
        )
    except Exception as error:  # a row no check foresaw: this file fails, not the import
        staged.error = (
            f"{file.path} line {reader.line}: cannot read it ({type(error).__name__}: "
            f"{error}); nothing of it was imported"
        )
    finally:
        if conn is not None:
            conn.close()
        progress.finish(failed=staged.error is not None)
    if staged.error:
        database.unlink(missing_ok=True)
    staged.rows, staged.kept = reader.stats.rows, reader.kept
    staged.malformed, staged.examples = reader.stats.malformed, list(reader.stats.examples)
    staged.seconds = time.perf_counter() - started
    return staged


class Stager:
    """Stages the files of one import, in order, for the importer to take one by one.

    Use as a context manager: it makes the staging folder (and starts the child process
    when ``child``) and removes both at the end, whatever happened.

    Args:
        files: the files, in import order.
        state: the catalogue's films and people when the import begins.
        folder: the staging folder (see :func:`~kinolog.db.datadir.imdb_staging_folder`).
        progress: told about reading each file (from the child, when :meth:`relay` or
            :meth:`take` runs).
        child: stage in a child process (else in this one, when each file is taken).
    """

    def __init__(
        self,
        files: list[ImdbFile],
        state: StageState,
        folder: Path,
        progress: Progress,
        *,
        child: bool,
    ) -> None:
        self.files, self.state, self.folder, self.progress = files, state, folder, progress
        self.child = child
        self._process: subprocess.Popen[bytes] | None = None
        self._messages: queue.Queue[list[Any] | None] = queue.Queue()
        self._reader: threading.Thread | None = None
        self._held: list[list[Any] | None] = []  # the end of a file or of the child

    def __enter__(self) -> Stager:
        shutil.rmtree(self.folder, ignore_errors=True)  # a killed import's leftovers
        try:
            self.folder.mkdir()
            if self.child and self.files:
                self._start()
        except BaseException as error:  # Ctrl-C or a full disk: no child, no folder left
            self.__exit__(type(error), error, error.__traceback__)
            if isinstance(error, OSError):
                raise ImportFailed(
                    f"{self.folder}: cannot stage the files there ({error}); nothing was imported"
                ) from None
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait()
            assert self._process.stdin is not None
            with contextlib.suppress(OSError):  # a write it did not read
                self._process.stdin.close()
        if self._reader is not None:
            self._reader.join(timeout=5)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _start(self) -> None:
        state = self.state
        state.films.save(self.folder / "films.bits")
        state.people_before.save(self.folder / "people.bits")
        job = {
            "folder": str(self.folder),
            "files": [[str(file.path), file.kind] for file in self.files],
            "options": {
                "types": list(state.options.types),
                "regions": list(state.options.regions),
                "adult": state.options.adult,
            },
            # what tests may have changed in this process
            "batch": [titles.BATCH, people.BATCH],
            "chunk": files_module._CHUNK_BYTES,
            "parent": os.getpid(),
        }
        with (self.folder / "stager.log").open("wb") as log:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "kinolog.db.importers.imdb.stage_child"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
            )
        assert self._process.stdout is not None
        self._tell(json.dumps(job).encode() + b"\n")  # a child that died at once: see take()
        self._reader = threading.Thread(
            target=self._read, args=(self._process.stdout,), name="kinolog-stager", daemon=True
        )
        self._reader.start()

    def _read(self, stream: IO[bytes]) -> None:
        """The child's messages, one JSON list a line, into the queue (None at the end)."""
        for line in stream:
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if isinstance(message, list) and message:  # not a stray print
                self._messages.put(message)
        self._messages.put(None)

    def take(self, index: int) -> StagedFile:
        """File ``index`` (they are taken in order), staged; its progress is passed on."""
        file = self.files[index]
        if not self.child:
            return stage_file(file, index, self.state, self.folder, self.progress)
        if self._process is None or self._process.returncode is not None:
            # the child ended early: say why, for each file left
            return StagedFile(file.kind, str(file.path), "", error=self._failure(file))
        while True:
            if self._held:
                message = self._held.pop(0)
            else:
                try:
                    message = self._messages.get(timeout=0.5)
                except queue.Empty:
                    continue
            if message is None:
                self._process.wait()
                return StagedFile(file.kind, str(file.path), "", error=self._failure(file))
            if message[0] != "staged":
                self._forward(message)
                continue
            staged = StagedFile(**message[1])
            if index + 2 < len(self.files):  # the child may stage the file after next now
                self._tell(_TOOK)
            return staged

    def _tell(self, line: bytes) -> None:
        assert self._process is not None and self._process.stdin is not None
        with contextlib.suppress(OSError):  # it has ended (a failure shows at take)
            self._process.stdin.write(line)
            self._process.stdin.flush()

    def relay(self) -> None:
        """Pass on what the child said since (call it often: heartbeats do)."""
        while True:
            try:
                message = self._messages.get_nowait()
            except queue.Empty:
                return
            if message is None or message[0] == "staged":
                self._held.append(message)  # for take()
            else:
                self._forward(message)

    def _forward(self, message: list[Any]) -> None:
        method, *args = message
        if method in ("start", "advance", "count", "note", "finish", "problem"):
            getattr(self.progress, method)(*args)

    def _failure(self, file: ImdbFile) -> str:
        log = self.folder / "stager.log"
        lines = log.read_text(errors="replace").strip().splitlines() if log.exists() else []
        code = self._process.returncode if self._process is not None else None
        if lines:
            why = lines[-1]
        elif code is not None and code < 0:  # SIGKILL: most often the out-of-memory killer
            why = f"it was killed by signal {-code}"
        else:
            why = f"it stopped with exit status {code}" if code else "it stopped"
        return f"{file.path}: the process reading the files failed ({why}); nothing was imported"


class _LineProgress:
    """The child's :class:`Progress`: each call as a JSON line on standard output."""

    def __init__(self, out: IO[bytes], parent: int) -> None:
        self.out, self.parent = out, parent

    def send(self, *message: object) -> None:
        if os.getppid() != self.parent:  # the importer is gone: stop
            raise SystemExit(1)
        self.out.write(json.dumps(message).encode() + b"\n")
        self.out.flush()

    def start(self, label: str, total: int | None) -> None:
        self.send("start", label, total)

    def advance(self, amount: int) -> None:
        self.send("advance", amount)

    def count(self, read: int, kept: int) -> None:
        self.send("count", read, kept)

    def note(self, message: str) -> None:
        self.send("note", message)

    def finish(self, failed: bool = False) -> None:
        self.send("finish", failed)

    def problem(self, message: str) -> None:
        self.send("problem", message)


def main() -> None:
    """The child: stage the files a job (one JSON line on standard input) names."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the importer's to handle
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    job = json.loads(stdin.readline())
    titles.BATCH, people.BATCH = job["batch"]
    files_module._CHUNK_BYTES = job["chunk"]
    folder = Path(job["folder"])
    people_before = NumberSet.load(folder / "people.bits")
    state = StageState(
        ImdbOptions(**job["options"]),
        films=NumberSet.load(folder / "films.bits"),
        people_before=people_before,
        people=people_before.copy(),
    )
    progress = _LineProgress(stdout, job["parent"])
    for index, (path, kind) in enumerate(job["files"]):
        if index >= 2 and stdin.readline() != _TOOK:  # two files ahead, no more
            return  # the importer is gone
        staged = stage_file(ImdbFile(Path(path), kind), index, state, folder, progress)
        try:
            progress.send("staged", asdict(staged))
        except BrokenPipeError:
            return
