"""The kinolog Textual app: wiring only (stores, theme, screens)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from db.catalogue import Catalogue
from db.diary import Diary
from tui.context import Context
from tui.screens.search import SearchScreen


class KinologApp(App[None]):
    """Search the catalogue and read the diary.

    Args:
        catalogue: the film catalogue.
        diary: the user's rating log.
    """

    TITLE = "kinolog"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    def __init__(self, catalogue: Catalogue, diary: Diary) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.diary = diary

    def on_mount(self) -> None:
        """Open the search screen."""
        self.push_screen(SearchScreen())


def run_app(context: Context) -> int:
    """Run the app on a context's stores until the user quits; returns the exit code."""
    app = KinologApp(context.catalogue, context.diary)
    app.run()
    return app.return_code or 0
