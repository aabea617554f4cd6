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
import csv
import io
import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from kinolog.db.errors import ImportFailed
from kinolog.db.text import strip_accents

__all__ = [
    "MAX_CSV_BYTES",
    "PARTIAL_SUFFIX",
    "CsvTable",
    "atomic_path",
    "atomic_write",
    "decode_text",
    "fold_column",
    "fsync_path",
    "partial_path",
    "read_csv",
    "remove_partial",
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


def fold_column(name: str) -> str:
    """A column name folded for matching: ``Watched Date``, ``WatchedDate`` and ``watched_date``
    agree, and so do ``Länder`` and ``Lander``."""
    return re.sub(r"[^0-9a-z]+", "", strip_accents(name).casefold())


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


def read_csv(data: bytes, source: str, *, max_bytes: int = MAX_CSV_BYTES) -> CsvTable:
    """Read a CSV file exported by a web site or saved by a spreadsheet program.

    Handles any encoding :func:`decode_text` knows, CRLF line ends, quoted cells spanning
    lines, and ``;`` or tab instead of ``,``. Blank rows are skipped; cells are trimmed.

    Raises:
        ImportFailed: the file is empty, too large, or not CSV (the message names it).
    """
    if len(data) > max_bytes:
        raise ImportFailed(f"{source}: too large ({len(data):,} bytes; at most {max_bytes:,})")
    text, _encoding = decode_text(data)
    if not text.strip():
        raise ImportFailed(f"{source}: the file is empty")
    first_line = text.lstrip().split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        header: list[str] = []
        while not any(cell.strip() for cell in header):
            header = next(reader)
        names = tuple(cell.strip() for cell in header)
        columns = tuple(fold_column(name) for name in names)
        rows: list[tuple[int, dict[str, str]]] = []
        line = reader.line_num
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            values = dict(zip(columns, (cell.strip() for cell in cells), strict=False))
            rows.append((start, values))
    except StopIteration:
        raise ImportFailed(f"{source}: the file is empty") from None
    except csv.Error as error:
        raise ImportFailed(f"{source} line {reader.line_num}: not CSV ({error})") from None
    return CsvTable(source, names, columns, rows)
