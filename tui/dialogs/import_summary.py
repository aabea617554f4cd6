"""An import's summary, offering to resolve the rows that wait for their film."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from kinolog.db.text import visible


class ImportSummaryModal(ModalScreen[bool]):
    """What an import did, when some of its rows wait for a film: Enter (or the button)
    opens the resolve screen, Escape closes; dismisses with whether to resolve now.

    Args:
        summary: the import's summary lines.
        waiting: how many films the import left waiting.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "later", "Later", id="import-summary.later"),
    ]

    def __init__(self, summary: str, waiting: int) -> None:
        super().__init__()
        self.summary = summary
        self.waiting = waiting

    def compose(self) -> ComposeResult:
        """Summary, what waits, two buttons."""
        films = "1 film" if self.waiting == 1 else f"{self.waiting} films"
        with Vertical(id="import-summary-dialog"):
            yield Static(Text("Import done", style="bold"), id="import-summary-title")
            yield Static(Text(visible(self.summary)), id="import-summary-text")
            yield Static(
                Text(
                    f"{films} of the import not clearly in the catalogue: their entries keep"
                    " the import's titles and years until you choose their films."
                ),
                id="import-summary-waiting",
            )
            with Horizontal(id="import-summary-buttons"):
                yield Button("Resolve now", variant="primary", id="import-summary-resolve")
                yield Button("Later", id="import-summary-later")

    def on_mount(self) -> None:
        """Focus "Resolve now"."""
        self.query_one("#import-summary-resolve", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "import-summary-resolve")

    def action_later(self) -> None:
        """Close; the queue stays (``film: Resolve`` in the palette)."""
        self.dismiss(False)
