"""Reading values from files exported by other services: the CSV files of an export (a
folder or a zip), dates, years, numbers, IMDb ids and review HTML. Shared by the diary
formats; nothing here writes.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Collection, Iterator
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

from kinolog.db.errors import ImportFailed, InvalidValue
from kinolog.db.files import MAX_CSV_BYTES

__all__ = [
    "csv_files",
    "html_to_text",
    "imdb_id_of",
    "logged_stamp",
    "parse_date",
    "parse_number",
    "parse_timestamp",
    "parse_year",
]


_BLOCKS = frozenset(
    "p div blockquote ul ol li h1 h2 h3 h4 h5 h6 pre table tr section article".split()
)


# -- the CSV files of an export --------------------------------------------------------------


# An export is a few megabytes (a Letterboxd account with 20,000 diary entries and long
# reviews: under 30 MB). What is read of one is bounded before a byte is unpacked: the zip's
# entries, each CSV's size, their total, and how much a member expands.
MAX_EXPORT_BYTES = 64 * 1024 * 1024
MAX_EXPORT_MEMBERS = 10_000
MAX_EXPANSION = 200  # times its packed size; text packs 5-15 times, a zip bomb thousands


def csv_files(
    path: Path, *, skip_folders: Collection[str] = (), depth: int = 2
) -> Iterator[tuple[str, str, bytes]]:
    """The CSV files of an export: ``path`` itself, or those in a folder or a ``.zip``.

    In a folder or zip, only CSVs at most ``depth`` folders down are read (an export's own
    files, perhaps inside a top folder), never in ``skip_folders`` (compared ignoring case)
    nor macOS ``__MACOSX``/``._`` clutter, and only regular files.

    Bounds (checked before reading, from the zip's directory or the files' sizes): a zip
    of at most :data:`MAX_EXPORT_MEMBERS` entries, whose CSVs unpack to at most
    :data:`MAX_EXPORT_BYTES` together, none more than :data:`MAX_EXPANSION` times its packed
    size; a folder's CSVs the same total; a single file at most ``MAX_CSV_BYTES``. Reading
    never takes more than a member's stated size.

    Yields:
        (the file's name for messages, its file name, its bytes).

    Raises:
        ImportFailed: a zip that cannot be read, or an export over a bound (the message
            says which).
        OSError: a file that cannot be read.
    """
    skipped = {name.casefold() for name in skip_folders} | {"__macosx"}

    def wanted(member: PurePosixPath) -> bool:
        folders = {part.casefold() for part in member.parts[:-1]}
        return (
            member.suffix.casefold() == ".csv"
            and not member.name.startswith(".")
            and len(member.parts) - 1 <= depth
            and not folders & skipped
        )

    if path.is_dir():
        files = []
        for level in range(depth + 1):
            for file in sorted(path.glob("/".join(["*"] * (level + 1)))):
                relative = PurePosixPath(file.relative_to(path).as_posix())
                if file.is_file() and wanted(relative):
                    files.append((file, relative))
                if len(files) > MAX_EXPORT_MEMBERS:
                    raise ImportFailed(f"{path}: more than {MAX_EXPORT_MEMBERS:,} CSV files")
        _bound(path, [file.stat().st_size for file, _ in files])
        for file, relative in files:
            yield f"{path}/{relative}", file.name, _read(file, file.stat().st_size)
        return
    if not path.is_file():
        raise ImportFailed(f"{path}: not a regular file (a device, a pipe?)")
    if path.suffix.casefold() != ".zip" and not zipfile.is_zipfile(path):
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            raise ImportFailed(f"{path}: too large ({size:,} bytes; at most {MAX_CSV_BYTES:,})")
        yield str(path), path.name, _read(path, size)
        return
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_EXPORT_MEMBERS:
                raise ImportFailed(
                    f"{path}: {len(entries):,} entries in the zip; an export has at most "
                    f"{MAX_EXPORT_MEMBERS:,}"
                )
            members = [
                info
                for info in entries
                if not info.is_dir() and wanted(PurePosixPath(info.filename))
            ]
            _bound(path, [info.file_size for info in members])
            for info in members:
                if info.file_size > MAX_EXPANSION * max(info.compress_size, 1024):
                    raise ImportFailed(
                        f"{path}: {info.filename} unpacks to {info.file_size:,} bytes from "
                        f"{info.compress_size:,}: not an export"
                    )
            for info in members:
                with archive.open(info) as member:
                    data = member.read(info.file_size + 1)
                if len(data) > info.file_size:
                    raise ImportFailed(f"{path}: {info.filename} is larger than the zip says")
                yield f"{path}:{info.filename}", PurePosixPath(info.filename).name, data
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError, EOFError) as error:
        raise ImportFailed(f"{path}: not a readable zip file ({error})") from None


def _bound(path: Path, sizes: list[int]) -> None:
    """Refuse an export whose CSV files are together larger than :data:`MAX_EXPORT_BYTES`."""
    total = sum(sizes)
    if total > MAX_EXPORT_BYTES:
        raise ImportFailed(
            f"{path}: its CSV files hold {total:,} bytes; an export holds at most "
            f"{MAX_EXPORT_BYTES:,} (refused before reading)"
        )


def _read(path: Path, size: int) -> bytes:
    """A file's bytes, never more than ``size`` (it may grow while it is read)."""
    with path.open("rb") as file:
        return file.read(size)


# -- dates ----------------------------------------------------------------------------------

_NUMERIC_DATES = ("%Y/%m/%d", "%d.%m.%Y", "%Y%m%d", "%d-%m-%Y", "%m/%d/%Y", "%d/%m/%Y")
_WORDY_DATES = ("%a %b %d %H:%M:%S %Y", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y")
_LOOSE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])")


def parse_timestamp(text: str) -> datetime | None:
    """Parse a date or time from an export; empty -> None.

    Accepts ISO dates and times (with ``T`` or a space, a zone or ``Z``; times with a zone
    become UTC), ``2024-1-5``, ``2024/01/05``, ``05.01.2024``, ``01/05/2024`` (US order,
    as IMDb writes it; day first when the month would be over 12) and ``Sat Jan 05
    00:00:00 2024`` or ``5 Jan 2024``.

    Raises:
        InvalidValue: for anything else.
    """
    value = " ".join(text.split())
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is not None:
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(UTC).replace(tzinfo=None)
        return parsed
    if match := _LOOSE_ISO.match(value):
        try:
            return datetime(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    for pattern in (*_NUMERIC_DATES, *_WORDY_DATES):
        try:
            return datetime.strptime(value, pattern)
        except ValueError:
            continue
    raise InvalidValue(f"date {text!r} not understood")


def parse_date(text: str, *, today: date | None = None) -> str | None:
    """A watched date from an export as ``YYYY-MM-DD``; empty -> None.

    Raises:
        InvalidValue: not a date (see :func:`parse_timestamp`), or in the future.
    """
    parsed = parse_timestamp(text)
    if parsed is None:
        return None
    # One day of grace: the export may have been written in a time zone ahead of ours.
    if parsed.date() > (today or date.today()) + timedelta(days=1):
        raise InvalidValue(f"date {text!r} is in the future")
    return parsed.date().isoformat()


def logged_stamp(text: str) -> str | None:
    """The ``logged_at`` form (``2024-01-05T00:00:00.000000Z``) of an export's Date column."""
    parsed = parse_timestamp(text)
    return None if parsed is None else parsed.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# -- values shared by the importers ----------------------------------------------------------

_IMDB_ID = re.compile(r"\b(tt\d{5,})\b", re.IGNORECASE)


def imdb_id_of(text: str) -> str | None:
    """The IMDb title id in a cell (``tt0110912``, or a URL holding one), else None."""
    match = _IMDB_ID.search(text or "")
    return match[1].lower() if match else None


def parse_number(text: str, what: str) -> float | None:
    """A number from an export (``3.5`` or ``3,5``); empty -> None.

    Raises:
        InvalidValue: not a finite number; the message calls it ``what``.
    """
    value = (text or "").strip().replace(",", ".")
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise InvalidValue(f"{what} {text!r} is not a number")
    return number


def parse_year(text: str) -> int | None:
    """A film's year (``1994``, ``1994.0``, or the year of a release date); empty -> None.

    Raises:
        InvalidValue: a year kinolog cannot use.
    """
    value = (text or "").strip()
    if not value:
        return None
    match = re.search(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)", value)
    if match is None:
        raise InvalidValue(f"year {text!r} not understood")
    return int(match[1])


# -- review HTML -------------------------------------------------------------------------------


class _TextOfHtml(HTMLParser):
    """Collects the text of review HTML: ``<br>`` and blocks become line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._after_break = False
        self._skip = 0

    def _text(self) -> str:
        return "".join(self.parts)

    def _newlines(self, count: int) -> None:
        text = self._text()
        if not text.strip():
            return
        have = len(text) - len(text.rstrip("\n"))
        self.parts.append("\n" * max(0, count - have))
        self._after_break = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "br":
            self.parts.append("\n")
            self._after_break = True
        elif tag in _BLOCKS:
            self._newlines(1 if tag == "li" else 2)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self._newlines(1 if tag == "li" else 2)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._after_break:
            # The source's own line break right after <br> or a block is the same break.
            data = data.removeprefix("\n") if data.strip() else ""
            self._after_break = not data
        self.parts.append(data)


def html_to_text(html: str) -> str:
    """A Letterboxd review (HTML that may span lines) as plain text for a note.

    ``<br>`` is a line break, paragraphs and other blocks are separated by a blank line,
    tags are dropped and entities (``&amp;``, ``&#8217;``) decoded. The text's own line
    breaks are kept, as Letterboxd shows them.
    """
    parser = _TextOfHtml()
    parser.feed(html.replace("\r\n", "\n").replace("\r", "\n"))
    parser.close()
    lines = parser._text().split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n").strip()
