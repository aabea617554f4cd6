"""User settings (``settings.toml``) and the small app state file (``state.json``).

Both live in the platformdirs config folder (``~/.config/kinolog`` on Linux), or in
``$KINOLOG_CONFIG_DIR`` when set (tests and the demo use that). A bad value never stops
the app: it falls back to the default and the problem is reported through ``warnings``,
which the app shows as a notification. The file is the user's: saving (choosing a theme)
changes only the values that changed, with tomlkit, so comments, order and any other
value stay as the user wrote them.

Example ``settings.toml``::

    theme = "gruvbox"          # any of Textual's built-in themes
    reader_width = 84          # columns of the review text in the reader (40-160)

    [keymap]                   # binding id = keys, comma-separated
    "film.compare" = "c,ctrl+o"
    "reader.find" = "ctrl+f"
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs
import tomlkit
from tomlkit.exceptions import TOMLKitError

from kinolog.db.files import atomic_write

CONFIG_ENV = "KINOLOG_CONFIG_DIR"
SETTINGS_FILE = "settings.toml"
STATE_FILE = "state.json"
DEFAULT_THEME = "textual-dark"
READER_WIDTHS = range(40, 161)
RECENT_LIMIT = 30


def config_dir() -> Path:
    """The folder holding ``settings.toml`` and ``state.json`` (not created here)."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir("kinolog", appauthor=False))


@dataclass
class Settings:
    """What a user may set in ``settings.toml``.

    Attributes:
        theme: the name of one of Textual's built-in themes; switching theme from the
            command palette saves it here.
        reader_width: the width in columns of review text in the reader (40-160); the
            text is centred when the terminal is wider.
        keymap: binding id -> keys (comma-separated), e.g. ``{"film.compare": "v"}``;
            press ``?`` in the app to see every binding id.
        path: the file these settings were read from and are saved to (None: not saved).
        warnings: problems found while reading, one sentence each (not saved).
    """

    theme: str = DEFAULT_THEME
    reader_width: int = 88
    keymap: dict[str, str] = field(default_factory=dict)
    path: Path | None = None
    warnings: list[str] = field(default_factory=list)
    _document: tomlkit.TOMLDocument | None = field(default=None, repr=False, compare=False)
    _loaded: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, path: Path | None = None, *, themes: set[str] | None = None) -> Settings:
        """Read settings; every missing or invalid value falls back to its default.

        Args:
            path: the file; ``settings.toml`` in :func:`config_dir` by default.
            themes: the theme names that are valid (unchecked when None).
        """
        path = path or config_dir() / SETTINGS_FILE
        settings = cls(path=path)
        try:
            document = tomlkit.parse(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return settings
        except (OSError, UnicodeDecodeError, TOMLKitError) as error:
            settings.warnings.append(f"{path}: cannot read it ({error}); using the defaults")
            return settings
        settings._apply(document.unwrap(), themes)
        settings._document = document
        settings._loaded = settings._values()
        return settings

    def _values(self) -> dict[str, Any]:
        return {"theme": self.theme, "reader_width": self.reader_width, "keymap": dict(self.keymap)}

    def _apply(self, data: dict[str, object], themes: set[str] | None) -> None:
        theme = data.get("theme", self.theme)
        if isinstance(theme, str) and (themes is None or theme in themes):
            self.theme = theme
        else:
            self.warnings.append(f"theme {theme!r} is not a built-in theme; using {self.theme}")
        width = data.get("reader_width", self.reader_width)
        if isinstance(width, int) and not isinstance(width, bool) and width in READER_WIDTHS:
            self.reader_width = width
        else:
            self.warnings.append(
                f"reader_width {width!r} must be a whole number 40-160; using {self.reader_width}"
            )
        keymap = data.get("keymap", {})
        if not isinstance(keymap, dict):
            self.warnings.append('keymap must be a table of binding id = "keys"; ignored')
            keymap = {}
        for binding_id, keys in keymap.items():
            if isinstance(keys, str) and keys.strip():
                self.keymap[str(binding_id)] = keys.strip()
            else:
                self.warnings.append(f"keymap {binding_id!r}: keys must be a string; ignored")
        unknown = sorted(set(data) - {"theme", "reader_width", "keymap"})
        if unknown:
            self.warnings.append(f"unknown settings ignored: {', '.join(unknown)}")

    def to_toml(self) -> str:
        """The settings file's text with the current values.

        The file as the user wrote it (comments, order, other values) with only the values
        changed since it was read replaced; a new file when there was none.
        """
        document = self._document if self._document is not None else tomlkit.document()
        values, loaded = self._values(), self._loaded
        for name in ("theme", "reader_width"):
            if name not in loaded or values[name] != loaded[name]:
                document[name] = values[name]
        if values["keymap"] != loaded.get("keymap", {}):
            table = document.get("keymap")
            if not isinstance(table, dict):
                table = tomlkit.table()
                document["keymap"] = table
            for binding_id, keys in values["keymap"].items():
                if table.get(binding_id) != keys:
                    table[binding_id] = keys
            for binding_id in set(loaded.get("keymap", {})) - set(values["keymap"]):
                table.pop(binding_id, None)
        return tomlkit.dumps(document)

    def save(self) -> None:
        """Write the settings back to :attr:`path` (atomically; nothing when path is None).

        Only values changed since the file was read are written; the rest of the file,
        comments included, stays as it was.

        Raises:
            OSError: when the folder or file cannot be written.
        """
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = self.to_toml()
        with atomic_write(self.path) as file:
            file.write(text)
        self._document = tomlkit.parse(text)
        self._loaded = self._values()


class RecentFilms:
    """Recently opened films (by diary key), newest first, kept in ``state.json``.

    Kept outside the catalogue on purpose: the catalogue may be deleted and rebuilt, and
    this is the user's state, not catalogue data.

    Args:
        path: the state file; None keeps the list in memory only.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.keys: list[str] = []
        if path is not None:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                recent = data.get("recent_films", []) if isinstance(data, dict) else []
                self.keys = [key for key in recent if isinstance(key, str)][:RECENT_LIMIT]
            except (OSError, ValueError):
                self.keys = []  # a missing or broken state file only loses the history

    def add(self, key: str) -> None:
        """Put a film at the front of the list and save it (errors are ignored: it is a hint)."""
        self.keys = [key, *(k for k in self.keys if k != key)][:RECENT_LIMIT]
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_write(self.path) as file:
                file.write(json.dumps({"recent_films": self.keys}))
        except OSError:
            pass
