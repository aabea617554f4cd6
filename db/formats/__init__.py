"""The diary's exchange formats: one module or package each, one registry of them all.

Each format reads and writes its files: :mod:`.letterboxd` (Letterboxd's export, its list
files and its import CSV), :mod:`.imdb` (IMDb's ratings, watchlist and list exports),
:mod:`.kinolog` (kinolog's own JSON and CSV). What they share is :mod:`.imported` (what
readers produce), :mod:`.entries` and :mod:`.marks` (applying an import), :mod:`.report`
and :mod:`.values` (dates, years, ids, review HTML, an export's CSV files).

:data:`FORMATS` is the one list of them: the CLI's ``--format`` choices, ``kinolog import``
commands and their options, the command palette's entries, the README's table of what each
format carries and the suggested file names all come from it. A new format is a module
with a reader and/or a writer, and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from kinolog.db.errors import InvalidValue
from kinolog.db.formats.imdb import (
    import_imdb_ratings,
    import_imdb_watchlist,
    write_imdb_ratings,
    write_imdb_watchlist,
)
from kinolog.db.formats.imported import ImportedEntry
from kinolog.db.formats.kinolog import import_kinolog, write_csv, write_json
from kinolog.db.formats.letterboxd import (
    import_letterboxd,
    write_letterboxd,
    write_letterboxd_lists,
    write_letterboxd_watchlist,
)
from kinolog.db.formats.report import DiaryImportReport, ExportResult
from kinolog.db.progress import SILENT, Progress

if TYPE_CHECKING:
    from kinolog.db.catalogue import Catalogue
    from kinolog.db.diary import Diary

__all__ = [
    "FORMATS",
    "SUBJECTS",
    "DiaryFormat",
    "DiaryImportReport",
    "ExportResult",
    "ImportedEntry",
    "export_diary",
    "export_folder",
    "export_format",
    "export_formats",
    "import_diary",
    "import_formats",
]

# write(rows, out, catalogue): rows are the subject's (diary entries, watchlist items);
# for a subject written as a folder, write(lists, folder).
Writer = Callable[..., ExportResult]
Reader = Callable[..., DiaryImportReport]
# What can be exported, and what each is called in ``kinolog export WHAT``.
SUBJECTS = {
    "diary": "the diary",
    "watchlist": "the watchlist",
    "lists": "the lists",
}


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
        carries: the fields that survive a round trip through it.
        subject: what it writes: ``diary`` (entries), ``watchlist`` or ``lists``.
        folder: the writer writes a folder of files (one per list), not one stream.
        options: reader options the CLI offers (``types``: IMDb title types).
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
    subject: str = "diary"
    folder: bool = False
    options: tuple[str, ...] = ()


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
        carries=("rating", "watched", "rewatch", "tags (without commas)", "note"),
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
        carries=("rating", "date rated"),
        options=("types",),
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
    DiaryFormat(
        name="letterboxd",
        label="Letterboxd watchlist",
        suffix=".csv",
        write=write_letterboxd_watchlist,
        read=None,  # read back by import letterboxd (a file named ...watchlist...)
        command=None,
        reads="a Letterboxd watchlist",
        accepts="watchlist.csv, or the export holding it",
        writes="Letterboxd's import CSV for the watchlist",
        carries=("film",),
        subject="watchlist",
    ),
    DiaryFormat(
        name="imdb",
        label="IMDb watchlist",
        suffix=".csv",
        write=write_imdb_watchlist,
        read=import_imdb_watchlist,
        command="imdb-watchlist",
        reads="an IMDb watchlist",
        accepts="IMDb's watchlist or list CSV export",
        writes="IMDb's watchlist CSV",
        carries=("film", "added", "note"),
        subject="watchlist",
        options=("types",),
    ),
    DiaryFormat(
        name="letterboxd",
        label="Letterboxd lists",
        suffix="",
        write=write_letterboxd_lists,
        read=None,  # read back by import letterboxd (list files are known by their first line)
        command=None,
        reads="Letterboxd lists",
        accepts="lists/*.csv, or the export holding them",
        writes="Letterboxd's list files (one per list)",
        carries=("name", "description", "tags", "order", "film notes"),
        subject="lists",
        folder=True,
    ),
)


def export_formats(subject: str | None = "diary") -> list[DiaryFormat]:
    """The formats ``subject`` can be exported as (None: every export format)."""
    return [
        fmt
        for fmt in FORMATS
        if fmt.write is not None and (subject is None or fmt.subject == subject)
    ]


def import_formats() -> dict[str, DiaryFormat]:
    """``kinolog import`` command -> the (first) format it reads."""
    commands: dict[str, DiaryFormat] = {}
    for fmt in FORMATS:
        if fmt.read is not None and fmt.command is not None:
            commands.setdefault(fmt.command, fmt)
    return commands


def export_format(name: str, subject: str = "diary") -> DiaryFormat:
    """The export format of ``subject`` called ``name`` (``--format name``).

    Raises:
        InvalidValue: no format is called that (the message lists them).
    """
    for fmt in export_formats(subject):
        if fmt.name == name:
            return fmt
    names = ", ".join(fmt.name for fmt in export_formats(subject))
    raise InvalidValue(f"--format {name}: {SUBJECTS.get(subject, subject)} exports as {names}")


def _rows(diary: Diary, subject: str) -> Sequence[Any]:
    if subject == "watchlist":
        return diary.watchlist.items()
    if subject == "lists":
        return diary.lists.all()
    return diary.entries()


def export_diary(
    diary: Diary,
    out: IO[str],
    fmt: str,
    *,
    catalogue: Catalogue | None = None,
    subject: str = "diary",
) -> ExportResult:
    """Write the live diary entries (or the watchlist) to ``out`` in the format named ``fmt``.

    Args:
        catalogue: fills in what the diary does not keep (directors, IMDb's film columns)
            when it knows the film.
        subject: ``diary`` or ``watchlist`` (lists are written as a folder:
            :func:`export_folder`).

    Raises:
        InvalidValue: an unknown format, or one that writes a folder.
    """
    chosen = export_format(fmt, subject)
    if chosen.folder or chosen.write is None:
        raise InvalidValue(f"--format {fmt}: {SUBJECTS[subject]} is written as a folder")
    return chosen.write(_rows(diary, subject), out, catalogue)


def export_folder(diary: Diary, folder: Path, fmt: str, subject: str = "lists") -> ExportResult:
    """Write ``subject`` (the lists) as a folder of files in the format named ``fmt``.

    Raises:
        InvalidValue: an unknown format, or one that does not write a folder.
    """
    chosen = export_format(fmt, subject)
    if not chosen.folder or chosen.write is None:
        raise InvalidValue(f"--format {fmt}: {SUBJECTS[subject]} is not written as a folder")
    return chosen.write(_rows(diary, subject), folder)


def import_diary(
    command: str,
    diary: Diary,
    paths: Sequence[Path],
    *,
    catalogue: Catalogue | None = None,
    dry_run: bool = False,
    progress: Progress = SILENT,
    **options: Any,
) -> DiaryImportReport:
    """Import files with the reader of ``kinolog import COMMAND``.

    Args:
        options: the reader's options (:attr:`DiaryFormat.options`), e.g. ``types``.

    Raises:
        InvalidValue: no format is read by that command.
        ImportFailed: nothing under ``paths`` could be read (the reader says why).
    """
    fmt = import_formats().get(command)
    if fmt is None or fmt.read is None:
        raise InvalidValue(f"kinolog import {command}: no diary format is read that way")
    extra = {name: value for name, value in options.items() if name in fmt.options}
    return fmt.read(diary, paths, catalogue=catalogue, dry_run=dry_run, progress=progress, **extra)
