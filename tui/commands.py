"""The command palette's kinolog commands: ``film: …``, ``diary: …`` and ``theme: …``.

Jumping to a film uses the same search as the search screen (``FilmSearch.search_films``), run in a
thread so typing in the palette stays smooth.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from kinolog.db.formats import export_formats, import_formats
from kinolog.db.text import visible
from kinolog.tui import transfers

if TYPE_CHECKING:
    from kinolog.tui.app import KinologApp

FILM_HITS = 8
_GO_TO_PREFIXES = ("film: go to ", "film:", "go to ", "film ")


def film_query(query: str) -> str:
    """The film words of a palette query (``film: go to solaris`` -> ``solaris``)."""
    text = query.strip()
    for prefix in _GO_TO_PREFIXES:
        if text.casefold().startswith(prefix):
            text = text[len(prefix) :].strip()
    return text


class KinologCommands(Provider):
    """Film, diary and theme commands for the palette (Ctrl+P)."""

    @property
    def kapp(self) -> KinologApp:
        """The app."""
        return cast("KinologApp", self.app)

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        """``(title, callback, help)`` of the fixed commands for the current screen."""
        app = self.kapp
        commands: list[tuple[str, Callable[[], object], str]] = [
            ("film: Compare reviews", app.action_compare, "Two reviews side by side"),
            ("film: Search", app.action_home, "Back to the search screen"),
            ("diary: Rate this film", app.action_rate, "Log a viewing with a rating"),
            ("diary: Undo the last change", app.action_undo, "Undo the last diary change"),
            ("diary: Open the diary", app.action_diary, "Every viewing, newest first"),
            ("diary: Stats", app.action_stats, "The diary in numbers, year by year"),
        ]
        for fmt in import_formats().values():
            commands.append(
                (
                    f"diary: Import {fmt.reads}",
                    partial(transfers.import_file, app, fmt),
                    fmt.accepts,
                )
            )
        for fmt in export_formats():
            export = partial(transfers.export_file, app, fmt)
            carries = f"Carries: {', '.join(fmt.carries)}"
            commands.append((f"diary: Export as {fmt.writes}", export, carries))
        commands.append(
            ("diary: Back up now", partial(transfers.back_up, app), "A verified copy, last 5 kept")
        )
        for name in sorted(app.available_themes):
            commands.append((f"theme: {name}", partial(app.switch_theme, name), "Switch theme"))
        return commands

    async def discover(self) -> Hits:
        """The fixed commands, before anything is typed."""
        for title, callback, help_text in self._commands():
            yield DiscoveryHit(title, callback, help=help_text or None)

    async def search(self, query: str) -> Hits:
        """Fixed commands that match, then films that match (``film: Go to …``)."""
        matcher = self.matcher(query)
        for title, callback, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text or None)
        words = film_query(query)
        if not words or words.casefold().startswith(("theme", "diary")):
            return
        try:
            hits = await asyncio.to_thread(self.kapp.search.search_films, words, limit=FILM_HITS)
        except Exception as error:
            self.app.notify(visible(f"search failed: {error}"), severity="error", markup=False)
            return
        for rank, hit in enumerate(hits):
            film = hit.film
            # Content("...") is plain text: a title with [markup] shows literally.
            display = Content("film: Go to ") + Content(visible(film.label))
            people = ", ".join(film.directors[:2])
            yield Hit(
                0.95 - rank * 0.01,
                display,
                partial(self.kapp.open_film, film.id),
                text=f"film: Go to {film.label}",
                help=visible(people) if people else None,
            )
