"""Undo and redo from the app: find the step, ask first when it is big, then apply it.

``u``/Ctrl+Z and ``U``/Ctrl+Y act on this session's own diary changes (``Diary.session``);
the palette's "any session" command reaches changes made before or by another process. A
step of more than one film (an import), or one this session did not make, is described and
asked about first (:class:`~kinolog.tui.dialogs.confirm.ConfirmModal`); then it is applied
exactly as shown. The diary work runs in the app's non-exclusive diary worker group.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from kinolog.db.diary.history import Step
from kinolog.db.errors import KinologError
from kinolog.tui.dialogs.confirm import ConfirmModal

if TYPE_CHECKING:
    from kinolog.tui.app import KinologApp


def change_history(app: KinologApp, kind: str, *, session_only: bool) -> None:
    """Undo (``kind="undo"``) or redo the next step, asking first when it is big."""
    app.run_worker(
        partial(_find, app, kind, session_only),
        thread=True,
        group="diary",
        exit_on_error=False,
    )


def _find(app: KinologApp, kind: str, session_only: bool) -> None:
    diary = app.diary
    if kind == "undo":
        step = diary.next_undo(session_only=session_only)
    else:
        step = diary.next_redo(session_only=session_only)
    if step is None:
        app.call_from_thread(app.toast, nothing_to(kind, session_only))
    elif step.size > 1 or not step.own:
        app.call_from_thread(_confirm, app, kind, step)
    else:
        _apply(app, kind, step)


def _confirm(app: KinologApp, kind: str, step: Step) -> None:
    whose = "" if step.own else " (not made in this session)"
    question = f"{kind.capitalize()} {step.description}{whose}?"

    def answered(yes: bool | None) -> None:
        if yes:
            app.run_worker(partial(_apply, app, kind, step), thread=True, group="diary")

    what = f"{step.size} entries" if step.size > 1 else "a change made elsewhere"
    app.push_screen(ConfirmModal(f"{kind.capitalize()} {what}?", question), answered)


def _apply(app: KinologApp, kind: str, step: Step) -> None:
    try:
        done = app.diary.undo(step) if kind == "undo" else app.diary.redo(step)
    except KinologError as error:
        app.call_from_thread(app.toast, str(error), "warning")
        return
    description = done.description
    app.call_from_thread(app.diary_changed, description[:1].upper() + description[1:])


def nothing_to(kind: str, session_only: bool) -> str:
    """What to say when there is nothing to undo or redo."""
    if kind == "redo":
        return "nothing to redo: no undo since the last change"
    if session_only:
        return (
            "nothing to undo in this session; for earlier changes and imports made elsewhere:"
            ' Ctrl+P, "diary: Undo the last change of any session"'
        )
    return "nothing to undo: the diary has no change left to undo"
