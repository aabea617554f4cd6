"""Finding front matter at the top of a text and reading its keys, in every dialect seen.

* YAML between ``---`` fences (WordPress, Jekyll, Hugo, Obsidian exports). Real exports are often
  not valid YAML (``title: Mad Max: Fury Road (2015)``), so a line reader takes each top-level
  ``key: value`` line, ``[a, b]`` and ``- item`` lists, ``>``/``|`` blocks, and skips nested
  maps. Every value stays a string: ``title: 1917`` is a title, never a number.
* Ruby-symbol keys (``:title: Blue Ruin``, Nanoc/Jekyll with Ruby's YAML): read as ``title``.
* TOML between ``+++`` fences (Hugo), with :mod:`tomllib`; a block tomllib refuses is read line by
  line (``key = value``).

Keys come back lower-cased with spaces and hyphens as ``_``; what they mean is :mod:`.apply`'s job.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

__all__ = ["FrontMatter", "FrontValue", "split_front_matter"]

FrontValue = str | list[str]

_YAML_FENCE = "---"
_YAML_END = frozenset({"---", "..."})
_TOML_FENCE = "+++"
_MAX_FRONT_LINES = 300
# "key: value", ":key: value" (Ruby symbols), "key = value" (TOML read by hand).
_YAML_KEY = re.compile(
    r"^(?::(?P<ruby>[^\W\d][\w.-]{0,40}):|(?P<key>[^\W\d][\w .-]{0,40}?)\s*:)(?:\s+(?P<value>.*)|)$"
)
_TOML_KEY = re.compile(r"^(?P<key>[^\W\d][\w.-]{0,40})\s*=\s*(?P<value>.*)$")
_LIST_ITEM = re.compile(r"^-\s+(?P<item>.*)$|^-$")
_BLOCK_MARKS = frozenset({"|", ">", "|-", ">-", "|+", ">+"})
_QUOTES = ('""', "''")
# More lines that are neither keys nor list items than this share: not front matter.
_MAX_STRAY_SHARE = 0.34


@dataclass(frozen=True)
class FrontMatter:
    """The key/value block at the top of a text, and the rest.

    Attributes:
        values: Keys (lower case, ``_`` for spaces and hyphens, no Ruby colons) to a string or a
            list of strings.
        rest: The text after the closing fence.
        dialect: "yaml", "ruby" or "toml".
    """

    values: dict[str, FrontValue]
    rest: str
    dialect: str


def split_front_matter(text: str) -> FrontMatter | None:
    """Split front matter off a text.

    Args:
        text: The whole text, line ends normalised.

    Returns:
        The front matter and the rest, or None when the text does not open with front matter.
    """
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        return None
    fence = lines[start].strip()
    if fence not in (_YAML_FENCE, _TOML_FENCE):
        return None
    ends = _YAML_END if fence == _YAML_FENCE else frozenset({_TOML_FENCE})
    for end in range(start + 1, min(len(lines), start + _MAX_FRONT_LINES)):
        if lines[end].strip() in ends:
            block = lines[start + 1 : end]
            rest = "\n".join(lines[end + 1 :])
            if fence == _TOML_FENCE:
                values = _toml_values(block)
                return FrontMatter(values, rest, "toml") if values else None
            values = _yaml_values(block)
            if not values:
                return None
            ruby = any(line.startswith(":") for line in block)
            return FrontMatter(values, rest, "ruby" if ruby else "yaml")
    return None


def _key(raw: str) -> str:
    return re.sub(r"[\s-]+", "_", raw.strip().strip(":").strip().casefold())


def _yaml_values(lines: Sequence[str]) -> dict[str, FrontValue] | None:
    """Read YAML-like ``key: value`` lines; None when too many lines are neither keys nor items."""
    values: dict[str, FrontValue] = {}
    key: str | None = None
    block: list[str] | None = None  # lines of a ">"/"|" block value
    stray = counted = 0
    for raw in lines:
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        counted += 1
        indented = raw[:1] in (" ", "\t")
        line = raw.strip()
        if block is not None and indented and key is not None:
            block.append(line)
            values[key] = " ".join(block)
            continue
        block = None
        item = _LIST_ITEM.match(line)
        current = values.get(key) if key is not None else None
        if item and key is not None and (current == "" or isinstance(current, list)):
            items = current if isinstance(current, list) else []
            if item.group("item"):
                items.append(_scalar_text(item.group("item")))
            values[key] = items
            continue
        if indented:
            continue  # a nested map ("meta:", "header:"): nothing kinolog reads
        match = _YAML_KEY.match(line)
        if match is None:
            stray += 1
            continue
        key = _key(match.group("ruby") or match.group("key"))
        value = (match.group("value") or "").strip()
        if value in _BLOCK_MARKS:
            block = []
            values[key] = ""
            continue
        values[key] = _yaml_scalar(value)
    if not values or stray > counted * _MAX_STRAY_SHARE:
        return None
    return values


def _yaml_scalar(value: str) -> FrontValue:
    """A value: ``[a, b]`` is a list, quotes come off, a trailing ``# comment`` too."""
    if value.startswith("[") and value.endswith("]"):
        return [_scalar_text(item) for item in _split_flow(value[1:-1]) if item.strip()]
    if value[:1] not in "\"'" and " #" in value:
        value = value.split(" #", 1)[0].rstrip()
    return _scalar_text(value)


def _split_flow(inner: str) -> list[str]:
    """Split a ``[a, "b, c"]`` flow list at commas outside quotes."""
    items: list[str] = []
    current: list[str] = []
    quote = ""
    for char in inner:
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == ",":
            items.append("".join(current))
            current = []
            continue
        current.append(char)
    items.append("".join(current))
    return items


def _scalar_text(value: str) -> str:
    """Remove one pair of YAML quotes (``''`` inside single quotes is one quote)."""
    value = value.strip()
    for pair in _QUOTES:
        if len(value) >= 2 and value[0] == pair[0] and value[-1] == pair[1]:
            inner = value[1:-1]
            return inner.replace("''", "'") if pair == "''" else inner.replace('\\"', '"')
    return value


def _toml_values(lines: Sequence[str]) -> dict[str, FrontValue] | None:
    """Read TOML with tomllib (tables ignored); by hand when tomllib refuses the block."""
    try:
        data = tomllib.loads("\n".join(lines))
    except tomllib.TOMLDecodeError:
        return _toml_lines(lines)
    values: dict[str, FrontValue] = {}
    for key, value in data.items():
        if isinstance(value, list):
            values[_key(key)] = [_toml_text(item) for item in value if not isinstance(item, dict)]
        elif not isinstance(value, dict):
            values[_key(key)] = _toml_text(value)
    return values or None


def _toml_lines(lines: Sequence[str]) -> dict[str, FrontValue] | None:
    """Top-level ``key = value`` lines of a block tomllib could not read."""
    values: dict[str, FrontValue] = {}
    for raw in lines:
        line = raw.strip()
        if line.startswith("["):
            break  # a table: the top-level keys are behind us
        match = _TOML_KEY.match(line)
        if match is not None:
            values[_key(match.group("key"))] = _yaml_scalar(match.group("value").strip())
    return values or None


def _toml_text(value: object) -> str:
    """A TOML value as text: dates in ISO form, booleans in TOML's spelling."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)
