"""Files: writing them atomically, decoding their bytes to text, reading CSV.

One helper per mechanism, used by every importer, exporter and store:

* :func:`atomic_path` / :func:`atomic_write`: a new file appears whole or not at all (a
  temporary file beside the target, flushed to disk, renamed over it, the folder synced);
  on any failure the temporary file and SQLite's ``-journal``/``-wal``/``-shm`` beside it
  are removed, so no ``.partial`` file is ever left behind;
* :func:`decode_text`: the encoding decided from the bytes (byte order marks, UTF-16
  without one, UTF-8, UTF-8 with a few stray cp1252 bytes, cp1252, latin-1), never from
  what a file declares;
* :func:`read_csv`: CSV as web sites and spreadsheet programs write it.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import itertools
import os
import re
import secrets
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kinolog.db.errors import ImportFailed
from kinolog.db.text import strip_accents

__all__ = [
    "MAX_CSV_BYTES",
    "MAX_CSV_ROWS",
    "PARTIAL_SUFFIX",
    "CsvTable",
    "SafeDictWriter",
    "atomic_path",
    "atomic_write",
    "csv_rows",
    "csv_writer",
    "decode_text",
    "fold_column",
    "fsync_path",
    "open_text",
    "partial_path",
    "read_csv",
    "remove_partial",
    "spreadsheet_cell",
]

PARTIAL_SUFFIX = ".partial"
# SQLite's files beside a database written to a temporary path.
_SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")


# -- writing --------------------------------------------------------------------------------


def fsync_path(path: Path) -> None:
    """Flush a file or folder to disk (a folder: so that a rename in it survives a power cut)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync folders
    finally:
        os.close(fd)


def partial_path(target: Path) -> Path:
    """A fresh temporary name beside ``target``: hidden, unique, ending in ``.partial``."""
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}{PARTIAL_SUFFIX}")


def remove_partial(path: Path) -> None:
    """Remove a temporary file and any SQLite journal, WAL or shared-memory file beside it."""
    for suffix in ("", *_SQLITE_SIDE_FILES):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path to write ``target`` at; renamed over it when the block succeeds.

    The block writes the temporary file by any means (``open``, SQLite's backup API ...)
    and closes it. Then it is flushed to disk, renamed over ``target`` and the folder is
    synced. If the block or the rename fails, the temporary file (and any SQLite journal
    beside it) is removed and ``target`` is untouched.
    """
    temporary = partial_path(target)
    try:
        yield temporary
        fsync_path(temporary)
        os.replace(temporary, target)
    except BaseException:
        remove_partial(temporary)
        raise
    fsync_path(target.parent)


@contextmanager
def atomic_write(target: Path) -> Iterator[IO[str]]:
    """Open a text file that replaces ``target`` whole when the block succeeds.

    UTF-8, line ends as written (``newline=""``); see :func:`atomic_path`.
    """
    with (
        atomic_path(target) as temporary,
        temporary.open("w", encoding="utf-8", newline="") as text,
    ):
        yield text
        text.flush()


# -- decoding ---------------------------------------------------------------------------------

# UTF-32 first: its little-endian BOM starts with the UTF-16 one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_UTF16_SAMPLE = 4096
_MIXED_HANDLER = "kinolog-cp1252-bytes"
_NON_ASCII_RE = re.compile("[^\x00-\x7f]")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes whose encoding nobody stated reliably, deciding from the bytes alone.

    A byte order mark wins; UTF-16 without one is recognised by its NULs; then UTF-8; a
    mostly-UTF-8 text with a few pasted cp1252 bytes keeps its umlauts; else cp1252, else
    latin-1. Undecodable bytes after a BOM become U+FFFD rather than failing.

    Returns:
        The text (BOM removed) and the encoding used: ``utf-8``, ``utf-8-sig``,
        ``utf-16-le``/``-be``, ``utf-32-le``/``-be``, ``utf-8+cp1252``, ``cp1252`` or ``latin-1``.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            codec = "utf-8" if encoding == "utf-8-sig" else encoding
            return data[len(bom) :].decode(codec, errors="replace"), encoding
    utf16 = _guess_utf16(data)
    if utf16 is not None:
        return data.decode(utf16, errors="replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    loose = data.decode("utf-8", errors="replace")
    bad = loose.count("\ufffd")
    good = len(_NON_ASCII_RE.findall(loose)) - bad
    if good > bad:
        # Mostly UTF-8: a few pasted cp1252 bytes must not turn every umlaut into mojibake.
        return data.decode("utf-8", errors=_MIXED_HANDLER), "utf-8+cp1252"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _guess_utf16(data: bytes) -> str | None:
    """Recognise UTF-16 without a BOM: NULs in nearly every other byte, on one side only."""
    sample = data[:_UTF16_SAMPLE]
    half = len(sample) // 2
    if half < 2:
        return None
    even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
    if odd_nuls > 0.6 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.6 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read undecodable UTF-8 bytes as cp1252 (latin-1 where undefined)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chunk = error.object[error.start : error.end]
    text = "".join(bytes([byte]).decode("cp1252", errors="ignore") or chr(byte) for byte in chunk)
    return text, error.end


codecs.register_error(_MIXED_HANDLER, _cp1252_bytes)


# -- CSV --------------------------------------------------------------------------------------

MAX_CSV_BYTES = 256 * 1024 * 1024
# A diary file holds at most this many rows: thirty years of a film a day are 11,000, the
# most active Letterboxd accounts log fewer than 50,000. The limit bounds an import's time
# (about 30 s) and memory (about 300 MB): kinolog keeps what it read until the import is
# applied as one transaction. A larger file is refused as soon as the row after it is read.
MAX_CSV_ROWS = 100_000
_SAMPLE_BYTES = 1 << 20
# How a stream is decoded once decode_text has decided on its first MiB: undecodable bytes
# in a UTF-8 or cp1252 file are read as cp1252 (as decode_text does for a few of them).
_STREAM_CODECS = {
    "utf-8": ("utf-8", _MIXED_HANDLER),
    "utf-8+cp1252": ("utf-8", _MIXED_HANDLER),
    "utf-8-sig": ("utf-8", "replace"),
    "utf-16-le": ("utf-16-le", "replace"),
    "utf-16-be": ("utf-16-be", "replace"),
    "utf-32-le": ("utf-32-le", "replace"),
    "utf-32-be": ("utf-32-be", "replace"),
    "cp1252": ("cp1252", _MIXED_HANDLER),
    "latin-1": ("latin-1", "strict"),
}
# Spreadsheets run a cell starting with one of these as a formula. kinolog writes such a
# cell with a leading ' (shown as text), and a cell that already starts with ' before one
# of them gets one more, so that reading it back (one ' off) gives exactly what was written.
_FORMULA = re.compile(r"^'*[=+\-@\t\r]")
_NEUTRALISED = re.compile(r"^'+[=+\-@\t\r]")


def fold_column(name: str) -> str:
    """A column name folded for matching: ``Watched Date``, ``WatchedDate`` and ``watched_date``
    agree, and so do ``Länder`` and ``Lander``."""
    return re.sub(r"[^0-9a-z]+", "", strip_accents(name).casefold())


def spreadsheet_cell(value: Any) -> Any:
    """A CSV cell as kinolog writes it: text a spreadsheet would run as a formula (starting
    with ``=``, ``+``, ``-``, ``@``, a tab or CR) gets a leading ``'``; anything else is
    unchanged. :func:`read_csv` takes the ``'`` off again."""
    if isinstance(value, str) and _FORMULA.match(value):
        return "'" + value
    return value


class _SafeWriter:
    """A ``csv.writer`` whose rows pass through :func:`spreadsheet_cell`.

    A row with a lone CR in a cell is written with every cell quoted: ``csv.writer`` quotes
    only the characters of its line terminator, and an unquoted CR splits the row for any
    reader (kinolog's own included).
    """

    def __init__(self, out: IO[str], **options: Any) -> None:
        self._writer = csv.writer(out, **options)
        self._quoted = csv.writer(out, **{**options, "quoting": csv.QUOTE_ALL})

    def writerow(self, row: Iterable[Any]) -> Any:
        cells = [spreadsheet_cell(value) for value in row]
        carriage = any(isinstance(cell, str) and "\r" in cell for cell in cells)
        return (self._quoted if carriage else self._writer).writerow(cells)

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out: IO[str], **options: Any) -> _SafeWriter:
    """A CSV writer for kinolog's exports: ``csv.writer(out, **options)`` with every cell
    made safe to open in a spreadsheet (:func:`spreadsheet_cell`)."""
    return _SafeWriter(out, **options)


class SafeDictWriter(csv.DictWriter):
    """``csv.DictWriter`` with every value made safe to open in a spreadsheet
    (:func:`spreadsheet_cell`); the header is written as it is."""

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        """Write one row, its values made safe (all quoted when one holds a CR)."""
        safe = {key: spreadsheet_cell(value) for key, value in rowdict.items()}
        if any(isinstance(value, str) and "\r" in value for value in safe.values()):
            quoted = csv.writer(self.writer_stream, lineterminator=self.writer_terminator,
                                quoting=csv.QUOTE_ALL)  # fmt: skip
            return quoted.writerow([safe.get(key, self.restval) for key in self.fieldnames])
        return super().writerow(safe)

    def __init__(self, out: IO[str], fieldnames: Sequence[str], **options: Any) -> None:
        super().__init__(out, fieldnames, **options)
        self.writer_stream = out
        self.writer_terminator = options.get("lineterminator", "\r\n")


def _cell(text: str) -> str:
    """A cell as read: trimmed, and a ``'`` that kinolog put before a formula taken off."""
    text = text.strip()
    return text[1:] if _NEUTRALISED.match(text) else text


@dataclass(frozen=True)
class CsvTable:
    """A CSV file as read for an importer.

    Attributes:
        source: the file's name for messages.
        header: the header's column names as written (trimmed).
        columns: the same names folded (:func:`fold_column`).
        rows: each data row's first line number and its cells by folded column name.
    """

    source: str
    header: tuple[str, ...]
    columns: tuple[str, ...]
    rows: list[tuple[int, dict[str, str]]]


def open_text(stream: IO[bytes]) -> tuple[io.TextIOWrapper, str]:
    """A seekable binary stream as text, decoded as :func:`decode_text` decides from its
    first MiB (whole lines of it); newlines as written. Returns the text and its encoding."""
    start = stream.tell()
    sample = stream.read(_SAMPLE_BYTES)
    if len(sample) == _SAMPLE_BYTES and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n") + 1]
    _text, encoding = decode_text(sample)
    bom = next((len(mark) for mark, name in _BOMS if name == encoding), 0)
    stream.seek(start + bom)
    codec, errors = _STREAM_CODECS[encoding]
    text = io.TextIOWrapper(stream, encoding=codec, errors=errors, newline="")
    return text, encoding


@contextmanager
def csv_rows(
    data: bytes | Path | IO[bytes],
    source: str,
    *,
    max_bytes: int = MAX_CSV_BYTES,
    max_rows: int = MAX_CSV_ROWS,
) -> Iterator[tuple[tuple[str, ...], tuple[str, ...], Iterator[tuple[int, dict[str, str]]]]]:
    """Stream a CSV file exported by a web site or saved by a spreadsheet program.

    Handles any encoding :func:`decode_text` knows, CRLF line ends, quoted cells spanning
    lines, and ``;`` or tab instead of ``,``. Blank rows are skipped; cells are trimmed, and
    a ``'`` kinolog put before a formula-like cell (:func:`spreadsheet_cell`) is taken off.
    The file is read as the rows are taken, never whole.

    Yields:
        The header as written (trimmed), the folded column names, and the data rows, each
        with its first line number and its cells by folded column name.

    Raises:
        ImportFailed: the file is empty, over ``max_bytes`` or ``max_rows``, or not CSV.
    """
    with contextlib.ExitStack() as stack:
        if isinstance(data, bytes):
            stream: IO[bytes] = io.BytesIO(data)
        elif isinstance(data, Path):
            stream = stack.enter_context(data.open("rb"))
        else:
            stream = data
        start = stream.tell()
        size = stream.seek(0, io.SEEK_END) - start
        stream.seek(start)
        if size > max_bytes:
            raise ImportFailed(f"{source}: too large ({size:,} bytes; at most {max_bytes:,})")
        text, _encoding = open_text(stream)
        try:
            yield _read_rows(text, source, max_rows)
        finally:
            text.detach()


def _read_rows(
    text: io.TextIOWrapper, source: str, max_rows: int
) -> tuple[tuple[str, ...], tuple[str, ...], Iterator[tuple[int, dict[str, str]]]]:
    first, blank = "", -1
    while not first.strip():
        first, blank = text.readline(), blank + 1
        if not first:
            raise ImportFailed(f"{source}: the file is empty")
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(itertools.chain([first], text), delimiter=delimiter, strict=False)
    try:
        header = next(reader)
    except csv.Error as error:
        raise ImportFailed(f"{source} line 1: not CSV ({error})") from None
    names = tuple(cell.strip() for cell in header)
    columns = tuple(fold_column(name) for name in names)

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        line, count = reader.line_num, 0
        try:
            for cells in reader:
                start, line = line + 1, reader.line_num
                if not any(cell.strip() for cell in cells):
                    continue
                count += 1
                if count > max_rows:
                    raise ImportFailed(
                        f"{source}: more than {max_rows:,} rows; kinolog reads at most "
                        f"{max_rows:,} rows from one file"
                    )
                yield start + blank, dict(zip(columns, map(_cell, cells), strict=False))
        except csv.Error as error:
            raise ImportFailed(f"{source} line {reader.line_num}: not CSV ({error})") from None

    return names, columns, rows()


def read_csv(
    data: bytes | Path | IO[bytes],
    source: str,
    *,
    max_bytes: int = MAX_CSV_BYTES,
    max_rows: int = MAX_CSV_ROWS,
) -> CsvTable:
    """Read a whole CSV file (:func:`csv_rows`) into a :class:`CsvTable`.

    Raises:
        ImportFailed: the file is empty, over ``max_bytes`` or ``max_rows``, or not CSV.
    """
    with csv_rows(data, source, max_bytes=max_bytes, max_rows=max_rows) as (names, columns, rows):
        return CsvTable(source, names, columns, list(rows))
