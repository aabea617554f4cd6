"""Plain-text output for the command line: safe with any catalogue text, aligned columns."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from rich.cells import cell_len

from kinolog.db.errors import KinologError
from kinolog.db.files import atomic_write
from kinolog.db.models import Film
from kinolog.db.text import visible


def say(text: str = "", *, file: IO[str] | None = None) -> None:
    """Print one line of (untrusted) text with control characters made visible."""
    print(visible(text), file=file or sys.stdout)


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, max_width: int = 48) -> str:
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

    return "\n".join([line(headers), *(line(row) for row in body)])


def describe_film(film: Film) -> str:
    """``Title (Year) — Director, Director [id:N]``: a film named so a person can tell it apart."""
    directors = ", ".join(film.directors[:2]) or "director unknown"
    return f"{film.label} — {directors} [id:{film.id}]"


def dump_json(value: Any) -> str:
    """JSON as kinolog writes it: UTF-8 text, not ASCII escapes."""
    return json.dumps(value, ensure_ascii=False)


@contextmanager
def output_file(path: str | None) -> Iterator[IO[str]]:
    """Write to ``path`` atomically (a temporary file renamed into place), or to stdout.

    A failed export leaves no half-written file behind.
    """
    if path in (None, "-"):
        yield sys.stdout
        return
    target = Path(path)
    if not target.parent.is_dir():
        raise KinologError(f"cannot write {target}: folder {target.parent} does not exist")
    try:
        with atomic_write(target) as file:
            yield file
    except OSError as error:
        raise KinologError(f"cannot write {target}: {error.strerror or error}") from None
