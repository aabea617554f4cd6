"""Plain-text output for the command line: safe with any catalogue text, aligned columns.

Nothing kinolog prints can move the cursor, change colours or reorder text: control
characters and bidi controls are shown as symbols (:func:`kinolog.db.text.visible`), a line
break inside a message (a file name can hold one) is shown as ``␊`` rather than starting a
line, and JSON carries C1 controls and bidi controls as ``\\u`` escapes.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, cast

from rich.cells import cell_len

from kinolog.db.datadir import protected_reason
from kinolog.db.errors import InvalidValue, KinologError
from kinolog.db.failures import explain_os_error
from kinolog.db.files import atomic_write
from kinolog.db.models import Film
from kinolog.db.text import visible, visible_line

# What JSON may hold raw but a terminal would act on: DEL, C1 controls, bidi controls, the
# Arabic letter mark, line and paragraph separators (json.dumps escapes C0 itself).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class Lines(str):
    """Text of several lines that kinolog laid out itself (a table): printed line by line."""


def say(text: str = "", *, file: IO[str] | None = None) -> None:
    """Print one line of (untrusted) text with control characters made visible.

    Line breaks at the start or end print blank lines; one inside the text is shown as
    ``␊`` (a file name holding a newline cannot forge a line). :class:`Lines` (a table)
    prints as its lines.
    """
    if isinstance(text, Lines):
        shown = visible(text)
    else:
        body = text.strip("\n")
        before = text[: len(text) - len(text.lstrip("\n"))]
        after = text[len(before) + len(body) :] if body else ""
        shown = before + visible_line(body) + after
    print(shown, file=file or sys.stdout)


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, max_width: int = 48) -> Lines:
    """Format rows as aligned columns under a header line; long cells are cut with ``…``."""

    def cell(value: Any) -> str:
        text = " ".join(visible("" if value is None else str(value)).split())
        if cell_len(text) > max_width:
            while cell_len(text) > max_width - 1:
                text = text[:-1]
            text += "…"
        return text

    body = [[cell(value) for value in row] for row in rows]
    widths = [
        max([cell_len(header), *(cell_len(row[index]) for row in body)])
        for index, header in enumerate(headers)
    ]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            value + " " * (width - cell_len(value))
            for value, width in zip(values, widths, strict=True)
        ).rstrip()

    return Lines("\n".join([line(headers), *(line(row) for row in body)]))


def describe_film(film: Film) -> str:
    """``Title (Year) — Director, Director [id:N]``: a film named so a person can tell it apart."""
    directors = ", ".join(film.directors[:2]) or "director unknown"
    return f"{film.label} — {directors} [id:{film.id}]"


def json_safe(text: str) -> str:
    """JSON text with the characters a terminal would act on as ``\\u`` escapes (the same
    JSON value: only strings can hold them)."""
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def dump_json(value: Any) -> str:
    """JSON as kinolog writes it: UTF-8 text, not ASCII escapes, but C1 controls and bidi
    controls escaped (:func:`json_safe`)."""
    return json_safe(json.dumps(value, ensure_ascii=False))


class ScreenSafe:
    """A text stream for standard output that lets no control sequence through: JSON gets
    ``\\u`` escapes (the same data), other text shows controls as symbols (``-o FILE``
    writes the exact text)."""

    def __init__(self, stream: IO[str], *, json_text: bool) -> None:
        self.stream = stream
        self.json_text = json_text

    def write(self, text: str) -> int:
        """Write ``text`` made safe; returns the length of ``text``."""
        self.stream.write(json_safe(text) if self.json_text else visible(text))
        return len(text)

    def flush(self) -> None:
        """Flush the stream underneath."""
        self.stream.flush()


def confirm_overwrite(target: Path, *, force: bool) -> None:
    """Ask before an existing file is replaced (``--force``: do not ask).

    Raises:
        InvalidValue: standard input is not a terminal (a script) and there is no
            ``--force``, or the answer was not yes; nothing is written.
    """
    if force or not (target.exists() or target.is_symlink()):
        return
    if not sys.stdin.isatty():
        raise InvalidValue(f"{target} exists: add --force to overwrite it (nothing written)")
    print(visible_line(f"{target} exists. Overwrite it? [y/N] "), end="", file=sys.stderr)
    sys.stderr.flush()
    answer = sys.stdin.readline().strip().casefold()
    if answer not in ("y", "yes"):
        raise InvalidValue(f"{target} exists and was kept (nothing written)")


@contextmanager
def output_file(
    path: str | None,
    *,
    data_dir: Path | None = None,
    force: bool = False,
    json_text: bool = False,
) -> Iterator[IO[str]]:
    """Write to ``path`` atomically (a temporary file renamed into place), or to stdout.

    A failed export leaves no half-written file behind. Standard output is made safe for
    a terminal (:class:`ScreenSafe`).

    Args:
        data_dir: kinolog's data folder: its databases, their side files and the backups
            are never written over.
        force: replace an existing file without asking.
        json_text: the output is JSON (for standard output's escaping).

    Raises:
        InvalidValue: the path is one of kinolog's own files, a folder, or an existing file
            that is not to be replaced.
    """
    if path in (None, "-"):
        yield cast(IO[str], ScreenSafe(sys.stdout, json_text=json_text))
        return
    target = Path(path).expanduser()
    reason = protected_reason(data_dir, target) if data_dir is not None else None
    if reason is not None:
        raise InvalidValue(f"will not write over {reason}: choose another file")
    if target.is_dir():
        raise InvalidValue(f"{target} is a folder: name a file to write")
    target = target.resolve() if target.is_symlink() else target  # write where the link points
    if not target.parent.is_dir():
        raise KinologError(f"cannot write {target}: folder {target.parent} does not exist")
    confirm_overwrite(target, force=force)
    try:
        with atomic_write(target) as file:
            yield file
    except OSError as error:
        raise explain_os_error(error, target) from None
