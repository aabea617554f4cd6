"""Letterboxd list files (``lists/<slug>.csv`` in an export), read and written.

A list file holds two tables: the list's own header and its films::

    Letterboxd list export v7
    Date,Name,Tags,URL,Description
    2024-02-20,All-time top five,"favourites, ranked",https://boxd.it/mQ7xk,"Ranked, and ..."

    Position,Name,Year,URL,Description
    1,Alien,1979,https://boxd.it/2aF8,"The chestburster, still."

The description may span lines (quoted), so the second table is found by its header at the
start of a record, not by line number. The export does not say whether a list is ranked
(unranked lists have positions too): kinolog calls a list ranked when its tags, name or
description say ``ranked`` (or ``top N``), and keeps the order of every list.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from typing import IO

from kinolog.db.errors import ImportFailed
from kinolog.db.files import csv_writer, decode_text, fold_column, read_csv
from kinolog.db.models import FilmList, imdb_id_of_ref

__all__ = [
    "MAGIC",
    "ListFile",
    "is_list_file",
    "looks_ranked",
    "read_list_file",
    "slug",
    "write_list_file",
]

MAGIC = "Letterboxd list export"
VERSION_LINE = f"{MAGIC} v7"
_ITEMS_HEADER = ("position", "name", "year")


@dataclass(frozen=True)
class ListFile:
    """One list file as read: its header row and its film rows (by folded column name).

    Attributes:
        items: each film row's line number and cells.
    """

    source: str
    header: dict[str, str]
    items: list[tuple[int, dict[str, str]]]


def is_list_file(data: bytes) -> bool:
    """Whether these bytes are a Letterboxd list file (by its first line)."""
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[: len(MAGIC) + 8]
    return start.decode("utf-8", "replace").casefold().startswith(MAGIC.casefold())


def _records(lines: list[str]) -> list[int]:
    """Indexes of the lines that start a CSV record (not inside a quoted cell)."""
    starts, inside = [], False
    for index, line in enumerate(lines):
        if not inside:
            starts.append(index)
        if line.count('"') % 2:
            inside = not inside
    return starts


def read_list_file(data: bytes, source: str) -> ListFile:
    """Read a list file.

    Raises:
        ImportFailed: not a list file, or its header or film table is missing.
    """
    text, _encoding = decode_text(data)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not lines[first].strip().casefold().startswith(MAGIC.casefold()):
        raise ImportFailed(f"{source}: not a Letterboxd list export")
    rest = lines[first + 1 :]
    table_start = None
    for index in _records(rest):
        cells = [fold_column(cell) for cell in next(csv.reader([rest[index]]), [])]
        if tuple(cells[:3]) == _ITEMS_HEADER:
            table_start = index
            break
    if table_start is None:
        raise ImportFailed(f"{source}: a list export without its Position,Name,Year table")
    head = read_csv("\n".join(rest[:table_start]).encode("utf-8"), f"{source} (list header)")
    if not head.rows or "name" not in head.columns:
        raise ImportFailed(f"{source}: the list has no Date,Name,... header row")
    body = read_csv("\n".join(rest[table_start:]).encode("utf-8"), source)
    offset = first + 1 + table_start  # lines before the film table's header
    items = [(line + offset, values) for line, values in body.rows]
    return ListFile(source=source, header=head.rows[0][1], items=items)


_RANKED = re.compile(r"(?<![a-z])(?:ranked|top \d+|top (?:five|ten|twenty|fifty|hundred))\b")
_UNRANKED = re.compile(r"(?<![a-z])(?:unranked|not ranked|in no (?:particular )?order)\b")


def looks_ranked(name: str, description: str | None, tags: tuple[str, ...]) -> bool:
    """Whether a list calls itself ranked (the export has no field for it)."""
    text = " ".join([name, (description or "").split("\n", 1)[0], *tags]).casefold()
    return bool(_RANKED.search(text)) and not _UNRANKED.search(text)


def slug(name: str) -> str:
    """A file name for a list, as Letterboxd makes them: ``All-time top five`` ->
    ``all-time-top-five``."""
    cleaned = re.sub(r"[^0-9a-z]+", "-", name.casefold()).strip("-")
    return cleaned or "list"


def write_list_file(film_list: FilmList, out: IO[str]) -> int:
    """Write one list in Letterboxd's list export layout; returns how many films.

    ``kinolog import letterboxd`` reads it back (the same list: its link, else its name).
    """
    from kinolog.db.formats.letterboxd.write import note_as_review

    writer = csv_writer(out, lineterminator="\r\n")
    out.write(VERSION_LINE + "\r\n")
    writer.writerow(("Date", "Name", "Tags", "URL", "Description"))
    writer.writerow(
        (film_list.created or "", film_list.name, ", ".join(film_list.tags), film_list.url or "",
         note_as_review(film_list.description))
    )  # fmt: skip
    out.write("\r\n")
    writer.writerow(("Position", "Name", "Year", "URL", "Description"))
    for item in film_list.items:
        link = ""
        if imdb_id := imdb_id_of_ref(item.film):
            link = f"https://www.imdb.com/title/{imdb_id}/"
        writer.writerow(
            (item.position, item.film.title, item.film.year or "", link,
             note_as_review(item.note))
        )  # fmt: skip
    return len(film_list.items)
