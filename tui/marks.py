"""Liking a film and putting it on the watchlist (or taking it off) from any screen.

``l`` and ``w`` act on the film of the current screen (the one ``r`` would rate). The diary
is written in the non-exclusive diary worker group; the toast appears once it is on disk,
and ``u`` undoes it like any diary change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kinolog.db.errors import KinologError
from kinolog.db.film_links import keys_of
from kinolog.db.models import FilmRef
from kinolog.db.watchlist import ref_keys

if TYPE_CHECKING:
    from kinolog.tui.app import KinologApp


def _write(app: KinologApp, work: Callable[[], str]) -> None:
    """Run ``work`` (returning the confirmation) in a diary worker, toasting its result."""

    def job() -> None:
        try:
            message = work()
        except KinologError as error:
            app.call_from_thread(app.toast, str(error), "error")
            return
        app.call_from_thread(app.diary_changed, message)

    app.run_worker(job, thread=True, group="diary", exit_on_error=False)


def film_keys(app: KinologApp, film: FilmRef) -> set[str]:
    """Every key the film may be known by in the diary (its catalogue film's keys too)."""
    found = app.catalogue.resolve(film)
    return ref_keys(film) | (keys_of(app.catalogue, found) if found is not None else set())


def toggle_like(app: KinologApp, film: FilmRef) -> None:
    """Like the film (its latest viewing; logged as watched if it has none), or unlike it."""

    def work() -> str:
        keys = film_keys(app, film)
        liked = bool(keys & app.diary.liked_keys())
        app.diary.set_liked(film, not liked, keys)
        if liked:
            return f"Unliked {film.label}: u undoes"
        return f"Liked {film.label} ♥: u undoes"

    _write(app, work)


def toggle_watchlist(app: KinologApp, film: FilmRef) -> None:
    """Put the film on the watchlist, or take it off when it is on it."""

    def work() -> str:
        on, _item = app.diary.watchlist.toggle(film, film_keys(app, film))
        if on:
            return f"Put {film.label} on the watchlist: u undoes"
        return f"Took {film.label} off the watchlist: u undoes"

    _write(app, work)
