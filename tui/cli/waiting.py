"""How the command line shows diary rows that wait for their film (kept light: ``kinolog
watchlist`` and ``lists`` import it, and must start fast)."""

from __future__ import annotations

from kinolog.db.models import WAITING, FilmRef

WAITING_HINT = (
    "film? names the films an import could not tell: kinolog resolve ID FILM settles one"
    " (kinolog films --unresolved lists each with its candidates)"
)


def link_cell(film: FilmRef, ref: str) -> str:
    """A diary row's link for a table: its queue id while it waits for its film."""
    if film.unlinked == WAITING:
        return f"waits: {ref}"
    return film.link_note
