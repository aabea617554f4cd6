"""The command palette: kinolog's fixed commands, and jumping to a film.

The fixed commands (``film: …``, ``diary: …``) are system commands, listed with Textual's own
(Theme, Keys, Quit ...). Jumping to a film uses the same search as the search screen
(``FilmSearch.search_films``), run in a thread so typing in the palette stays smooth.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.app import SystemCommand
from textual.command import Hit, Hits, Provider
from textual.content import Content

from kinolog.db.text import visible

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


def kinolog_commands(app: KinologApp) -> Iterator[SystemCommand]:
    """kinolog's fixed commands for the palette (``film: …``, ``diary: …``).

    The app yields them from ``get_system_commands`` beside Textual's own (Theme, Keys,
    Quit ...); the import and export entries come from the diary formats' registry.
    """
    # Imported when the palette first opens, not with the app: the formats are many modules.
    from kinolog.db.formats import export_formats, import_formats
    from kinolog.tui import transfers

    yield SystemCommand("film: Compare reviews", "Two reviews side by side", app.action_compare)
    yield SystemCommand("film: Search", "Back to the search screen", app.action_home)
    yield SystemCommand("diary: Rate this film", "Log a viewing with a rating", app.action_rate)
    yield SystemCommand(
        "diary: Undo the last change", "This session's last diary change (u)", app.action_undo
    )
    yield SystemCommand("diary: Redo", "What this session undid last (U)", app.action_redo)
    yield SystemCommand(
        "diary: Undo the last change of any session",
        "Earlier sessions and imports from the command line too; asks first",
        app.action_undo_any,
    )
    yield SystemCommand("diary: Open the diary", "Every viewing, newest first", app.action_diary)
    yield SystemCommand("diary: Stats", "The diary in numbers, year by year", app.action_stats)
    yield SystemCommand("film: Like or unlike this film", "l", app.action_toggle_like)
    yield SystemCommand(
        "watchlist: Put this film on or take it off", "w", app.action_toggle_watchlist
    )
    yield SystemCommand("watchlist: Open the watchlist", "F4", app.action_watchlist)
    yield SystemCommand(
        "film: Resolve what waits for a film",
        "Reviews and diary entries whose film is not clear yet: choose it",
        app.action_resolve,
    )
    yield SystemCommand("lists: Open the lists", "F5: your named lists", app.action_lists)
    yield SystemCommand(
        "critics: Critics who agree with you", "F6: and the films they would have you see",
        app.action_critics,
    )  # fmt: skip
    for fmt in import_formats().values():
        yield SystemCommand(
            f"diary: Import {fmt.reads}", fmt.accepts, partial(transfers.import_file, app, fmt)
        )
    for fmt in export_formats(None):
        yield SystemCommand(
            f"{fmt.subject}: Export as {fmt.writes}",
            f"Carries: {', '.join(fmt.carries)}",
            partial(transfers.export_file, app, fmt),
        )
    yield SystemCommand(
        "diary: Back up now", "A verified copy, last 5 kept", partial(transfers.back_up, app)
    )


class FilmCommands(Provider):
    """``film: Go to …`` for the films a palette query finds (Ctrl+P, then a title)."""

    @property
    def kapp(self) -> KinologApp:
        """The app."""
        return cast("KinologApp", self.app)

    async def search(self, query: str) -> Hits:
        """The films that match (``film: Go to …``), found by the app's film search."""
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
