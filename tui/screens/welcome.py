"""The first-run screen, shown when the catalogue is empty."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, VerticalScroll
from textual.widgets import Footer, Header, Static

from kinolog.tui.screens.base import KinologScreen

SUGGESTED = (
    ("kinolog import reviews FOLDER", "saved review pages (.txt, .md)"),
    ("kinolog import imdb title.basics.tsv.gz", "IMDb's dataset files"),
    ("kinolog import letterboxd EXPORT.zip", "your Letterboxd diary"),
)
"""Commands that fill an empty catalogue (a test runs each on one)."""

WELCOME = f"""\
kinolog keeps a catalogue of films and the critic reviews you collect, finds the film you \
mean as you type, and keeps your own diary of viewings and ratings. Everything stays in two \
SQLite files on this machine; kinolog never uses the network.

Your catalogue is empty. Fill it from a shell:

{chr(10).join(f"  {command:<42}{what}" for command, what in SUGGESTED)}

Once films are in, rate them here with r, or with kinolog rate FILM RATING.

Or look around first: press d to open the sample catalogue (40 films, 60 reviews) in a \
temporary folder. Your own data is not touched.
"""


class WelcomeScreen(KinologScreen):
    """What kinolog is, how to import, and ``d`` to open the sample catalogue."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "demo", "Open the sample", id="welcome.demo"),
        Binding("q", "app.quit", "Quit", show=False, id="welcome.quit"),
    ]

    def compose(self) -> ComposeResult:
        """Title, explanation, footer."""
        yield Header()
        with VerticalScroll(id="welcome-scroll"), Center():
            yield Static(Text("Welcome to kinolog", style="bold"), id="welcome-title")
            yield Static(WELCOME, markup=False, id="welcome-text")
        yield Footer(compact=True)

    def action_demo(self) -> None:
        """Build the sample catalogue and search it."""
        self.kapp.open_sample()
