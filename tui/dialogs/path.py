"""A small dialog that asks for a file or folder path."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from kinolog.tui.widgets.search_box import InOrderInput, after_keys_typed


class PathModal(ModalScreen[Path | None]):
    """Ask for a path; Enter accepts, Escape cancels.

    Args:
        title: what the path is for ("Import a Letterboxd export").
        default: the path shown at first.
        must_exist: refuse a path that does not exist (for imports).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="path.cancel"),
        Binding("enter", "accept", "Accept", id="path.accept", priority=True),
    ]

    def __init__(self, title: str, default: str = "", *, must_exist: bool = False) -> None:
        super().__init__()
        self.heading = title
        self.default = default
        self.must_exist = must_exist

    def compose(self) -> ComposeResult:
        """Title, path box, hint."""
        with Vertical(id="path-dialog"):
            yield Static(Text(self.heading), id="path-title")
            yield InOrderInput(self.default, id="path-input", compact=True)
            yield Static("Enter accept · Esc cancel", id="path-hint", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Focus the path box."""
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self._accept()

    def action_accept(self) -> None:
        """Return the path (an import's path must exist), as typed before Enter."""
        after_keys_typed(self, self._accept)

    def _accept(self) -> None:
        value = self.query_one(Input).value
        path = Path(value.strip()).expanduser()
        if not value.strip():
            return
        if self.must_exist and not path.exists():
            self.notify(f"{path} does not exist", severity="error", markup=False)
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        """Close without a path."""
        self.dismiss(None)
