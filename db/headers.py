"""What a SQLite file and its WAL file say about themselves, read without SQLite.

kinolog looks before SQLite opens a file: SQLite would apply any ``-wal`` file lying beside
a database (and later copy it into the database), and would happily add kinolog's tables to
another program's database. The database header (the first 100 bytes) holds the page size,
the journal mode, ``PRAGMA user_version`` and ``PRAGMA application_id``; a WAL file is a
32-byte header and frames of one page each, a frame with a non-zero "database size" ending
a committed transaction (https://www.sqlite.org/fileformat2.html).

kinolog gives every file an application id made of a prefix naming the kind of file and a
random part naming the one file, and every write transaction it makes rewrites page 1
(where the id lives). So the last committed copy of page 1 in a WAL file kinolog wrote
carries the database's own id; a WAL file from another database does not.
"""

from __future__ import annotations

import os
import secrets
import struct
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "SQLITE_MAGIC",
    "Header",
    "in_use_elsewhere",
    "kind_of",
    "new_application_id",
    "read_header",
    "wal_problem",
]

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_BYTES = 100
_WAL_MAGICS = (0x377F0682, 0x377F0683)
_WAL_HEADER = 32
_FRAME_HEADER = 24
# The upper 16 bits of kinolog's application ids: "KC" catalogue, "KD" diary, "KL" any other.
KIND_PREFIXES = {"catalogue": 0x4B43, "diary": 0x4B44}
OTHER_PREFIX = 0x4B4C


@dataclass(frozen=True)
class Header:
    """The fields of a database header that kinolog checks.

    Attributes:
        page_size: bytes per page.
        wal: the file is in WAL mode (read and write versions 2).
        user_version: ``PRAGMA user_version`` (kinolog: how many migrations ran).
        application_id: ``PRAGMA application_id`` (0: none was set).
    """

    page_size: int
    wal: bool
    user_version: int
    application_id: int


def _parse(page: bytes) -> Header | None:
    if len(page) < HEADER_BYTES or not page.startswith(SQLITE_MAGIC):
        return None
    size = struct.unpack_from(">H", page, 16)[0]
    return Header(
        page_size=65536 if size == 1 else size,
        wal=page[18] == 2 and page[19] == 2,
        user_version=struct.unpack_from(">I", page, 60)[0],
        application_id=struct.unpack_from(">I", page, 68)[0],
    )


def read_header(path: Path) -> Header | None:
    """The header of the database at ``path``; None for an empty file.

    Never call this for a file this process has open in SQLite: closing another handle
    on it would drop SQLite's POSIX locks (the store keeps count of its open files).

    Raises:
        ValueError: the file is not a SQLite database.
        OSError: it cannot be read.
    """
    with path.open("rb") as file:
        head = file.read(HEADER_BYTES)
    if not head:
        return None
    header = _parse(head)
    if header is None:
        raise ValueError("not a SQLite database")
    return header


def kind_of(application_id: int) -> str | None:
    """Which kind of kinolog file an application id names ("diary" ...), else None."""
    prefix = application_id >> 16
    for kind, value in KIND_PREFIXES.items():
        if prefix == value:
            return kind
    return "other" if prefix == OTHER_PREFIX else None


def new_application_id(name: str) -> int:
    """A fresh application id for a kinolog file called ``name`` ("diary", "catalogue" ...)."""
    prefix = KIND_PREFIXES.get(name, OTHER_PREFIX)
    return prefix << 16 | (secrets.randbelow(0xFFFF) + 1)


def _checksum(data: bytes, big_endian: bool, s0: int = 0, s1: int = 0) -> tuple[int, int]:
    """SQLite's WAL checksum of ``data`` (a multiple of 8 bytes)."""
    words = struct.unpack((">" if big_endian else "<") + f"{len(data) // 4}I", data)
    for index in range(0, len(words), 2):
        s0 = (s0 + words[index] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[index + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def wal_problem(wal: Path, header: Header | None, *, kind: str) -> str | None:
    """Why the WAL file ``wal`` must not be applied to a database with ``header``; None: fine.

    A missing, empty, or never-committed WAL file is fine (SQLite ignores its frames).
    Otherwise its page size must be the database's, and the last committed page 1 in it
    must carry the database's application id (a database without one, made by an older
    kinolog, takes a kinolog id of its kind or none) and no lower ``user_version``.

    Args:
        wal: the ``-wal`` file beside the database.
        header: the database's header (None: the database file is empty).
        kind: the kind of file expected ("diary", "catalogue" ...).
    """
    try:
        size = wal.stat().st_size
    except FileNotFoundError:
        return None
    if size == 0:
        return None
    with wal.open("rb") as file:
        head = file.read(_WAL_HEADER)
        if len(head) < _WAL_HEADER:
            return "it is too short to be a WAL file"
        magic, version, page_size, _seq, salt1, salt2, sum1, sum2 = struct.unpack(">8I", head)
        if magic not in _WAL_MAGICS or version != 3007000:
            return "it is not a SQLite WAL file"
        if _checksum(head[:24], magic & 1 == 1) != (sum1, sum2):
            return "its header is damaged"
        page1: bytes | None = None
        pending: bytes | None = None
        committed = False
        offset = _WAL_HEADER
        while offset + _FRAME_HEADER + page_size <= size:
            file.seek(offset)
            frame = file.read(_FRAME_HEADER)
            number, commit, frame_salt1, frame_salt2 = struct.unpack_from(">4I", frame)
            if (frame_salt1, frame_salt2) != (salt1, salt2):
                break  # frames of an earlier generation: SQLite stops here too
            if number == 1:
                pending = file.read(HEADER_BYTES)
            if commit:
                committed, page1 = True, pending
            offset += _FRAME_HEADER + page_size
    if not committed:
        return None
    if header is None:
        return "the database file beside it is empty"
    if page_size != header.page_size:
        return f"its page size ({page_size}) is not the database's ({header.page_size})"
    if page1 is None:
        if header.application_id == 0:
            return None  # written by a kinolog from before application ids
        return "it holds changes kinolog did not make"
    seen = _parse(page1)
    if seen is None or seen.page_size != header.page_size:
        return "its first page is not this database's"
    if header.application_id:
        same = seen.application_id == header.application_id
    else:
        same = seen.application_id == 0 or kind_of(seen.application_id) == kind
    if not same or seen.user_version < header.user_version:
        return "it belongs to another database"
    return None


# SQLite's locks on a database file lie in these bytes (the "pending byte" and after).
_LOCK_START, _LOCK_BYTES = 0x40000000, 512


def in_use_elsewhere(path: Path) -> bool:
    """True when another process has the database at ``path`` open in SQLite.

    Every SQLite connection to a WAL database holds a lock on the database file's lock
    bytes; if kinolog can take them all for a moment, no other process has it open. A
    ``-wal`` file in live use by another process is that process's business (it is
    applying it to this database); only a WAL file no one has open is judged by
    :func:`wal_problem`. Same rule as :func:`read_header`: never for a file this process
    has open.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: judge every WAL file
        return False
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, _LOCK_BYTES, _LOCK_START)
        except OSError:
            return True
        fcntl.lockf(fd, fcntl.LOCK_UN, _LOCK_BYTES, _LOCK_START)
        return False
    finally:
        os.close(fd)


def wal_path(path: Path) -> Path:
    """The WAL file beside the database at ``path``."""
    return path.with_name(path.name + "-wal")


def has_wal_content(path: Path) -> bool:
    """True when a non-empty ``-wal`` file lies beside the database at ``path``."""
    try:
        return os.stat(wal_path(path)).st_size > 0
    except FileNotFoundError:
        return False
