"""Finding, recognising and streaming IMDb's dataset files (tab-separated, maybe gzipped).

IMDb publishes its non-commercial datasets as ``title.basics.tsv.gz`` and friends: UTF-8,
one header line, tab-separated without quoting, ``\\N`` for null. :func:`find_files` turns the
paths a user gives (folders or files) into recognised :class:`ImdbFile` s, by name or else by
header; :class:`TsvReader` streams one file's rows with bounded memory, counts malformed rows
and reports progress in bytes of the file on disk.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO

from kinolog.db.errors import ImportFailed
from kinolog.db.progress import SILENT, Progress

NULL = "\\N"

# Each kind with the columns kinolog needs, in IMDb's order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "title.basics": (
        "tconst", "titleType", "primaryTitle", "originalTitle", "isAdult", "startYear",
        "endYear", "runtimeMinutes", "genres",
    ),
    "title.ratings": ("tconst", "averageRating", "numVotes"),
    "title.akas": (
        "titleId", "ordering", "title", "region", "language", "types", "attributes",
        "isOriginalTitle",
    ),
    "title.crew": ("tconst", "directors", "writers"),
    "title.principals": ("tconst", "ordering", "nconst", "category", "job", "characters"),
    "name.basics": (
        "nconst", "primaryName", "birthYear", "deathYear", "primaryProfession",
        "knownForTitles",
    ),
}  # fmt: skip
# The order files are imported in: title.basics decides which films are kept, crew and
# principals create the people that name.basics then names (crew first: it is the list of
# record for directors and writers). The titles and ratings, which need only the films,
# come last: their writing is short, so the catalogue is ready soon after the last file is
# read (big imports read a file while the one before is written, see .stager).
ORDER = (
    "title.basics", "title.crew", "title.principals", "name.basics", "title.akas",
    "title.ratings",
)  # fmt: skip
# IMDb dataset files kinolog does not use; skipped quietly when they sit in a given folder.
UNUSED = ("title.episode",)
_NAME = re.compile(r"(title|name)[._-](basics|ratings|akas|crew|principals|episode)", re.I)
_CHUNK_BYTES = 1 << 20  # bytes of lines decoded at a time (progress is reported per chunk)
MAX_REPORTED = 5
"""Malformed rows reported one by one per file; the rest are only counted."""


@dataclass(frozen=True)
class ImdbFile:
    """A dataset file and the kind it was recognised as (``title.basics`` ...)."""

    path: Path
    kind: str


def tt_number(tconst: str) -> int | None:
    """The number of an IMDb id with the given two-letter prefix: ``tt0110912`` -> 110912.

    Works for ``nm`` ids too (only the prefix's length matters); None for anything else.
    """
    digits = tconst[2:]
    if len(tconst) > 2 and digits.isdigit() and digits.isascii() and tconst[:2].isalpha():
        return int(digits)
    return None


def open_binary(path: Path) -> tuple[IO[bytes], IO[bytes]]:
    """Open a plain or gzipped file: ``(raw file, decompressed stream)``.

    Gzip is recognised by its magic bytes, not by the name, so a ``.tsv`` that is really
    compressed (or a ``.gz`` that is not) still reads.
    """
    raw = path.open("rb")
    if raw.read(2) == b"\x1f\x8b":
        raw.seek(0)
        return raw, gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    raw.seek(0)
    return raw, raw


def read_header(path: Path) -> list[str]:
    """The column names of a tab-separated file's first line (``[]`` when unreadable)."""
    try:
        raw, stream = open_binary(path)
    except OSError:
        return []
    try:
        line = stream.readline(64 * 1024)
    except (OSError, EOFError, zlib.error):
        return []
    finally:
        stream.close()
        raw.close()
    text = line.decode("utf-8", errors="replace").lstrip("\ufeff").rstrip("\r\n")
    return [name.strip() for name in text.split("\t")]


def kind_by_name(path: Path) -> str | None:
    """``title.basics`` and so on when the file name says so, else None."""
    match = _NAME.search(path.name)
    return f"{match[1].lower()}.{match[2].lower()}" if match else None


def kind_by_header(header: Iterable[str]) -> str | None:
    """The kind whose columns the header has (all of them), else None."""
    names = set(header)
    for kind, columns in COLUMNS.items():
        if set(columns) <= names:
            return kind
    return None


# First-line words of the exports people mistake for dataset files, and the command for each.
_OTHER_EXPORTS = (
    ("your rating", "IMDb's ratings export", "kinolog import imdb-ratings"),
    ("letterboxd uri", "a Letterboxd export", "kinolog import letterboxd"),
    ("const", "IMDb's watchlist or list export", "kinolog import imdb-watchlist"),
)


def _other_export(header: list[str]) -> str:
    """A hint when the file is another export kinolog reads with another command."""
    line = " ".join(header).casefold()
    for words, what, command in _OTHER_EXPORTS:
        if words in line:
            return f"; it looks like {what}: {command}"
    return ""


def find_files(paths: Iterable[Path]) -> tuple[list[ImdbFile], list[ImportFailed]]:
    """Recognise the dataset files among ``paths`` (files, or folders searched one level).

    Returns:
        The recognised files in import order (title.basics first), and one error per path
        that is missing or is a file of no known kind. Files in a folder whose kind cannot be
        told are skipped silently (a folder may hold a README or IMDb's other files).
    """
    found: list[ImdbFile] = []
    errors: list[ImportFailed] = []
    for path in paths:
        if path.is_dir():
            before = len(found)
            for child in sorted(path.iterdir()):
                if child.is_file() and not child.name.startswith("."):
                    kind = kind_by_name(child) or (
                        kind_by_header(read_header(child))
                        if child.suffix.lower() in (".tsv", ".gz", ".txt")
                        else None
                    )
                    if kind and kind not in UNUSED:
                        found.append(ImdbFile(child, kind))
            if len(found) == before:
                errors.append(
                    ImportFailed(
                        f"{path}: no IMDb dataset files in this folder (such as "
                        "title.basics.tsv.gz)"
                    )
                )
        elif path.is_file():
            kind = kind_by_name(path) or kind_by_header(read_header(path))
            if kind in UNUSED:
                errors.append(ImportFailed(f"{path}: {kind} is not used by kinolog"))
            elif kind is None:
                errors.append(
                    ImportFailed(
                        f"{path}: not an IMDb dataset file (no known name such as "
                        "title.basics.tsv.gz, and the header matches no IMDb file)"
                        + _other_export(read_header(path))
                    )
                )
            else:
                found.append(ImdbFile(path, kind))
        else:
            errors.append(ImportFailed(f"{path}: no such file or folder"))
    unique = {file.path.resolve(): file for file in found}
    ordered = sorted(unique.values(), key=lambda file: (ORDER.index(file.kind), str(file.path)))
    return ordered, errors


@dataclass
class TsvStats:
    """What reading one file found: data lines read, malformed rows, the first few reasons."""

    rows: int = 0
    malformed: int = 0
    examples: list[str] = field(default_factory=list)


class TsvReader:
    """Stream the rows of one IMDb dataset file as lists of fields.

    Use as a context manager; iterate for rows. ``columns`` maps each needed column name to
    its index, so files with extra or reordered columns read as well. A row with the wrong
    number of fields or undecodable bytes is counted as malformed and skipped; importers call
    :meth:`bad` for rows whose values make no sense.

    Raises:
        ImportFailed: the header lacks a needed column, or the file cannot be read to its end
            (a truncated or damaged ``.gz``).
    """

    def __init__(self, file: ImdbFile, progress: Progress = SILENT) -> None:
        self.file = file
        self.progress = progress
        self.stats = TsvStats()
        self.line = 1
        self.line_base = 1  # the line before the current chunk
        self.kept = 0  # rows the importer kept: it counts them, progress reports them
        self.columns: dict[str, int] = {}
        self._raw: IO[bytes] | None = None
        self._stream: IO[bytes] | None = None
        self._width = 0
        self._undecodable: dict[int, int] = {}  # line in the chunk -> column of a bad byte

    @property
    def name(self) -> str:
        """The file's name, as messages show it."""
        return self.file.path.name

    def __enter__(self) -> TsvReader:
        try:
            self._raw, self._stream = open_binary(self.file.path)
            first = self._stream.readline(1 << 20)
        except (OSError, EOFError, zlib.error) as error:
            self.close()
            raise ImportFailed(f"{self.file.path}: cannot read it ({error})") from None
        header = first.decode("utf-8", errors="replace").lstrip("\ufeff").rstrip("\r\n")
        names = [name.strip() for name in header.split("\t")]
        expected = COLUMNS[self.file.kind]
        missing = [name for name in expected if name not in names]
        if missing or not first:
            self.close()
            raise ImportFailed(
                f"{self.file.path}: not a {self.file.kind} file: its header must name the "
                f"tab-separated columns {', '.join(expected)}; found "
                f"{', '.join(names[:12]) if first else 'an empty file'}"
            )
        self.columns = {name: names.index(name) for name in expected}
        self._width = len(names)
        self.progress.start(f"{self.file.kind} ({self.name})", self.file.path.stat().st_size)
        self._reported = self._raw.tell()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the file."""
        if self._stream is not None and self._stream is not self._raw:
            self._stream.close()
        if self._raw is not None:
            self._raw.close()
        self._stream = self._raw = None

    def lines(self) -> Iterator[str]:
        """Each data line's text, without its line end (``line`` is its number); a line
        that is not UTF-8 comes as an empty line, which :meth:`split` reports."""
        for texts in self._chunks():
            line = self.line_base
            for text in texts:
                line += 1
                self.line = line
                yield text

    def keyed(self, column: str) -> Iterator[tuple[str, str]]:
        """``(value of column, line)`` for each data line: cheap when the column is the
        first (IMDb's ids are), so rows of titles that are not kept need no :meth:`split`.
        Lines without a tab give the whole line as the value."""
        index = self.columns[column]
        if index != 0:
            for text in self.lines():
                if not text and self._undecodable:
                    self.split(text)  # reports a line that is not UTF-8
                    continue
                fields = text.split("\t")
                yield (fields[index] if index < len(fields) else text), text
            return
        for texts in self._chunks():
            line = self.line_base
            undecodable = self._undecodable
            for text in texts:
                line += 1
                self.line = line
                if not text and undecodable:
                    self.split(text)  # reports a line that is not UTF-8
                    continue
                tab = text.find("\t")
                yield (text[:tab] if tab >= 0 else text), text

    def _chunks(self) -> Iterator[list[str]]:
        """The lines a chunk at a time (``line_base``: the number of the line before it)."""
        assert self._stream is not None and self._raw is not None
        raw, stats = self._raw, self.stats
        try:
            # A few MB of lines at a time: one decode and one split for the whole chunk.
            while chunk := self._stream.readlines(_CHUNK_BYTES):
                stats.rows += len(chunk)
                texts, self._undecodable = self._decode(chunk)
                self.line_base = self.line
                yield texts
                self.line = self.line_base + len(texts)
                self.progress.count(stats.rows, self.kept)  # first: a status line says them
                self._advance(raw.tell())
        except (OSError, EOFError, zlib.error) as error:
            raise ImportFailed(
                f"{self.file.path}: the file is damaged or incomplete after line {self.line} "
                f"({error}); nothing of it was imported"
            ) from None

    def split(self, text: str) -> list[str] | None:
        """The fields of the current line, or None when it is malformed (then reported)."""
        fields = text.split("\t")
        if len(fields) == self._width:
            return fields
        if self._undecodable and self.line - self.line_base in self._undecodable:
            column = self._undecodable[self.line - self.line_base]
            self.bad(f"bytes that are not UTF-8 at column {column}")
        elif text.strip():
            self.bad(f"{len(fields)} fields where the header has {self._width}")
        return None

    @staticmethod
    def _decode(chunk: list[bytes]) -> tuple[list[str], dict[int, int]]:
        """The lines of a chunk as text without their line ends, and the lines (1-based in
        the chunk) that are not UTF-8 with the column of the first bad byte (they become
        empty lines)."""
        try:
            text = b"".join(chunk).decode("utf-8")
        except UnicodeDecodeError:
            lines, undecodable = [], {}
            for number, data in enumerate(chunk, start=1):
                try:
                    lines.append(data.decode("utf-8").rstrip("\r\n"))
                except UnicodeDecodeError as error:
                    undecodable[number] = error.start + 1
                    lines.append("")
            return lines, undecodable
        if "\r" in text:
            return [piece.rstrip("\r") for piece in text.split("\n")][: len(chunk)], {}
        return text.split("\n")[: len(chunk)], {}

    def _advance(self, position: int) -> None:
        if position > self._reported:
            self.progress.advance(position - self._reported)
            self._reported = position

    def bad(self, reason: str) -> None:
        """Count the current row as malformed; report it when it is one of the first few."""
        self.stats.malformed += 1
        if self.stats.malformed <= MAX_REPORTED:
            message = f"{self.name} line {self.line}: {reason}; row skipped"
            self.stats.examples.append(message)
            self.progress.problem(message)
