"""A yes/no question before something big (undoing a whole import, for one)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static


class ConfirmModal(ModalScreen[bool]):
    """Ask a question: ``y`` or Enter answers yes, ``n`` or Escape no.

    Args:
        title: what would be done, e.g. "Undo an import?".
        question: the details, shown literally (it may hold film titles).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, title: str, question: str) -> None:
        super().__init__()
        self.heading = title
        self.question = question

    def compose(self) -> ComposeResult:
        """Title, question, and the keys in the footer."""
        with Vertical(id="confirm-dialog"):
            yield Static(Text(self.heading, style="bold"), id="confirm-title")
            yield Static(Text(self.question), id="confirm-question")
        yield Footer(compact=True)

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)
