"""The saved search index: one file of arrays beside ``catalogue.db``, mapped into memory.

A whole-catalogue index is hundreds of MB at IMDb scale. Kept in SQLite it would be copied
into every searching process; kept in a file of raw arrays it is *mapped*: opening it reads
a few hundred bytes, the arrays are ``memoryview`` s of the mapping, and a search touches
only the pages it needs (the operating system shares them between processes and may drop
them under memory pressure). A new index is written beside the old one under a new name and
becomes current when ``catalogue.db`` says so (:mod:`.state`); a process still using the old
one keeps its mapping until it moves on.

Layout: ``MAGIC``, the arrays (each at an offset that is a multiple of 8), a JSON directory
(metadata and, per array, its offset, length and element type), then the directory's offset
and length (two little-endian 64-bit numbers) and ``MAGIC`` again.
"""

from __future__ import annotations

import json
import mmap
import os
import struct
from array import array
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from kinolog.db.files import atomic_path
from kinolog.db.search.index import TYPECODES, Ints

MAGIC = b"KINOLOG-SEARCH-1"
_TAIL = struct.Struct("<QQ")


class IndexFileError(ValueError):
    """The file is missing, truncated or not an index file of this kinolog."""


class IndexWriter:
    """Writes arrays one by one into a new index file, then its directory.

    Use as a context manager around :meth:`add` calls and one :meth:`finish`; the file
    appears at ``path`` (atomically) only when the block succeeds.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._atomic = atomic_path(path)
        self._file: IO[bytes] | None = None
        self._arrays: dict[str, list[Any]] = {}

    def __enter__(self) -> IndexWriter:
        temporary = self._atomic.__enter__()
        self._file = temporary.open("wb")
        self._file.write(MAGIC)
        return self

    def add(self, name: str, values: Ints | bytes | bytearray | memoryview) -> None:
        """Append one array (its element type is :data:`TYPECODES` ``[name]``)."""
        assert self._file is not None
        typecode = TYPECODES[name]
        if isinstance(values, array):
            assert values.typecode == typecode, (name, values.typecode)
        offset = self._file.tell()
        padding = -offset % 8
        self._file.write(b"\0" * padding)
        offset += padding
        data = memoryview(values).cast("B") if not isinstance(values, bytes) else values
        self._file.write(data)
        self._arrays[name] = [offset, len(data), typecode]

    def finish(self, meta: Mapping[str, Any]) -> None:
        """Write the directory: the metadata and where each array is."""
        assert self._file is not None
        directory = json.dumps({"meta": dict(meta), "arrays": self._arrays}).encode()
        offset = self._file.tell()
        self._file.write(directory)
        self._file.write(_TAIL.pack(offset, len(directory)))
        self._file.write(MAGIC)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._file is not None:
            self._file.close()
        self._atomic.__exit__(exc_type, exc, traceback)


def read_index_file(path: Path) -> tuple[dict[str, Any], dict[str, memoryview]]:
    """Map an index file: its metadata and a ``memoryview`` of each array.

    Raises:
        IndexFileError: the file is missing, damaged or of another format.
    """
    try:
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size < 2 * len(MAGIC) + _TAIL.size:
                raise IndexFileError(f"{path}: too short for a search index")
            mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    except OSError as error:
        raise IndexFileError(f"{path}: {error.strerror or error}") from None
    view = memoryview(mapped)
    tail = len(MAGIC) + _TAIL.size
    if view[: len(MAGIC)] != MAGIC or view[size - len(MAGIC) :] != MAGIC:
        raise IndexFileError(f"{path}: not a kinolog search index")
    offset, length = _TAIL.unpack(view[size - tail : size - len(MAGIC)])
    if offset + length > size - tail:
        raise IndexFileError(f"{path}: damaged search index")
    try:
        directory = json.loads(bytes(view[offset : offset + length]))
        arrays: dict[str, memoryview] = {}
        for name, (start, nbytes, typecode) in directory["arrays"].items():
            if start + nbytes > offset or start % 8:
                raise IndexFileError(f"{path}: damaged search index")
            part = view[start : start + nbytes]
            arrays[name] = part if typecode == "B" else part.cast(typecode)
        return dict(directory["meta"]), arrays
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, IndexFileError):
            raise
        raise IndexFileError(f"{path}: damaged search index ({error})") from None
