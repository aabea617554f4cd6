"""The diary's exchange formats: one module each, one registry of them all.

Each format module reads and writes its format: :mod:`.letterboxd` (Letterboxd's export and
import CSV), :mod:`.imdb` (IMDb's "Your ratings" CSV), :mod:`.kinolog` (kinolog's own JSON
and CSV). What they share is :mod:`.entries` (imported entries, the report, applying an
import) and :mod:`.values` (dates, years, ids, review HTML, an export's CSV files).

:data:`FORMATS` is the one list of them: the CLI's ``--format`` choices and ``kinolog
import`` commands, the command palette's entries and the suggested file names all come
from it. A new format is a module with a reader and/or a writer, and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from kinolog.db.errors import InvalidValue
from kinolog.db.formats.entries import DiaryImportReport, ExportResult, ImportedEntry
from kinolog.db.formats.imdb import import_imdb_ratings, write_imdb_ratings
from kinolog.db.formats.kinolog import import_kinolog, write_csv, write_json
from kinolog.db.formats.letterboxd import import_letterboxd, write_letterboxd
from kinolog.db.models import DiaryEntry
from kinolog.db.progress import SILENT, Progress

if TYPE_CHECKING:
    from kinolog.db.catalogue import Catalogue
    from kinolog.db.diary import Diary

__all__ = [
    "FORMATS",
    "DiaryFormat",
    "DiaryImportReport",
    "ExportResult",
    "ImportedEntry",
    "export_diary",
    "export_format",
    "export_formats",
    "import_diary",
    "import_formats",
]

Writer = Callable[[Sequence[DiaryEntry], IO[str], "Catalogue | None"], ExportResult]
Reader = Callable[..., DiaryImportReport]


@dataclass(frozen=True)
class DiaryFormat:
    """One exchange format of the diary.

    Attributes:
        name: the ``--format`` value of ``kinolog export diary``.
        label: what people call it ("Letterboxd", "IMDb ratings").
        suffix: the file name suffix it is written with.
        write: writes the live entries (newest first) to a text stream; None: not exported.
        read: imports files into the diary (``read(diary, paths, catalogue=, dry_run=,
            progress=)``); None: not imported.
        command: the ``kinolog import COMMAND`` that reads it.
        reads: what the reader takes, for titles ("a Letterboxd export").
        accepts: the files it takes, for help texts ("the .zip, its folder or its CSV files").
        writes: what the writer writes, for help texts.
        carries: the diary fields that survive a round trip through it.
    """

    name: str
    label: str
    suffix: str
    write: Writer | None
    read: Reader | None
    command: str | None
    reads: str
    accepts: str
    writes: str
    carries: tuple[str, ...]


FORMATS: tuple[DiaryFormat, ...] = (
    DiaryFormat(
        name="letterboxd",
        label="Letterboxd",
        suffix=".csv",
        write=write_letterboxd,
        read=import_letterboxd,
        command="letterboxd",
        reads="a Letterboxd export",
        accepts="the .zip, its folder, or its CSV files",
        writes="Letterboxd's import CSV",
        carries=("rating", "watched", "rewatch", "tags", "note"),
    ),
    DiaryFormat(
        name="imdb",
        label="IMDb ratings",
        suffix=".csv",
        write=write_imdb_ratings,
        read=import_imdb_ratings,
        command="imdb-ratings",
        reads="IMDb ratings",
        accepts='IMDb\'s "Your ratings" CSV export',
        writes="IMDb's ratings CSV",
        carries=("rating",),
    ),
    DiaryFormat(
        name="json",
        label="kinolog JSON",
        suffix=".json",
        write=write_json,
        read=import_kinolog,
        command="diary",
        reads="a kinolog diary export",
        accepts="JSON or CSV written by kinolog export diary",
        writes="kinolog's JSON",
        carries=("rating", "watched", "rewatch", "liked", "tags", "note", "logged_at"),
    ),
    DiaryFormat(
        name="csv",
        label="kinolog CSV",
        suffix=".csv",
        write=write_csv,
        read=import_kinolog,
        command="diary",
        reads="a kinolog diary export",
        accepts="JSON or CSV written by kinolog export diary",
        writes="kinolog's CSV",
        carries=("rating", "watched", "rewatch", "liked", "tags", "note", "logged_at"),
    ),
)


def export_formats() -> list[DiaryFormat]:
    """The formats the diary can be exported as."""
    return [fmt for fmt in FORMATS if fmt.write is not None]


def import_formats() -> dict[str, DiaryFormat]:
    """``kinolog import`` command -> the (first) format it reads."""
    commands: dict[str, DiaryFormat] = {}
    for fmt in FORMATS:
        if fmt.read is not None and fmt.command is not None:
            commands.setdefault(fmt.command, fmt)
    return commands


def export_format(name: str) -> DiaryFormat:
    """The export format called ``name`` (``--format name``).

    Raises:
        InvalidValue: no format is called that (the message lists them).
    """
    for fmt in export_formats():
        if fmt.name == name:
            return fmt
    names = ", ".join(fmt.name for fmt in export_formats())
    raise InvalidValue(f"--format {name}: the diary exports as {names}")


def export_diary(
    diary: Diary, out: IO[str], fmt: str, *, catalogue: Catalogue | None = None
) -> ExportResult:
    """Write the live diary entries to ``out`` in the format named ``fmt``.

    Args:
        catalogue: fills in what the diary does not keep (directors, IMDb's film columns)
            when it knows the film.

    Raises:
        InvalidValue: an unknown format.
    """
    writer = export_format(fmt).write
    assert writer is not None
    return writer(diary.entries(), out, catalogue)


def import_diary(
    command: str,
    diary: Diary,
    paths: Sequence[Path],
    *,
    catalogue: Catalogue | None = None,
    dry_run: bool = False,
    progress: Progress = SILENT,
) -> DiaryImportReport:
    """Import files with the reader of ``kinolog import COMMAND``.

    Raises:
        InvalidValue: no format is read by that command.
        ImportFailed: nothing under ``paths`` could be read (the reader says why).
    """
    fmt = import_formats().get(command)
    if fmt is None or fmt.read is None:
        raise InvalidValue(f"kinolog import {command}: no diary format is read that way")
    return fmt.read(diary, paths, catalogue=catalogue, dry_run=dry_run, progress=progress)
