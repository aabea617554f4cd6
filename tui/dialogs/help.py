"""Help: every key binding of the current screen, its widgets and the app, with binding ids."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

INTRO = (
    "Keys of this screen. Remap any of them in settings.toml under [keymap] by its id, "
    'e.g. "film.compare" = "v". Ctrl+Q quits from anywhere; Escape goes back.'
)


def _owners(screen: Screen[object]) -> list[DOMNode]:
    """The app, the screen and the screen's widgets that declare bindings of their own."""
    nodes: list[DOMNode] = [screen.app, screen]
    nodes += [node for node in screen.walk_children() if node.__module__.startswith("kinolog.tui.")]
    return nodes


def binding_rows(screen: Screen[object]) -> list[tuple[str, str, str]]:
    """``(keys, description, id)`` for every binding with a description, without repeats.

    Keys remapped in the settings' keymap are shown as remapped.
    """
    keymap: dict[str, str] = getattr(screen.app, "_keymap", {})
    rows: dict[tuple[str, str], tuple[list[str], str, str]] = {}
    for node in _owners(screen):
        for key, binding in node._bindings:
            if not binding.description:
                continue
            keys, _, _ = rows.setdefault(
                (binding.action, binding.description), ([], binding.description, binding.id or "")
            )
            if binding.id and binding.id in keymap:
                new_keys = [k.strip() for k in keymap[binding.id].split(",")]
                keys.extend(k for k in new_keys if k not in keys)
            elif key not in keys:
                keys.append(key)
    return [
        (", ".join(_key_display(screen, key) for key in keys), description, binding_id)
        for keys, description, binding_id in rows.values()
    ]


def _key_display(screen: Screen[object], key: str) -> str:
    return screen.app.get_key_display(Binding(key, ""))


class HelpModal(ModalScreen[None]):
    """Lists every binding of the screen below it; any of Escape, ``?``, F1 or ``q`` closes.

    Args:
        screen: the screen whose bindings to list.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "close", "Close", id="help.close"),
    ]

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__()
        self.rows = binding_rows(screen)
        self.screen_name = type(screen).__name__.removesuffix("Screen") or "kinolog"

    def compose(self) -> ComposeResult:
        """Title, intro and the table of keys."""
        table = Table(box=None, expand=True, padding=(0, 2), show_header=True)
        table.add_column("Keys", style="bold", no_wrap=True)
        table.add_column("Does")
        table.add_column("Binding id", style="dim", no_wrap=True)
        for keys, description, binding_id in self.rows:
            table.add_row(Text(keys), Text(description), Text(binding_id))
        with Vertical(id="help-dialog"):
            yield Static(Text(f"Help · {self.screen_name}", style="bold"), id="help-title")
            yield Static(INTRO, markup=False, id="help-intro")
            with VerticalScroll(id="help-scroll"):
                yield Static(table, id="help-table")

    def action_close(self) -> None:
        """Close help."""
        self.dismiss(None)
