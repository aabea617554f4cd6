"""What every kinolog screen shares: typed access to the app and Escape to go back."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from kinolog.db.errors import KinologError
from kinolog.db.models import FilmRef
from kinolog.db.text import visible

if TYPE_CHECKING:
    from kinolog.tui.app import KinologApp


class KinologScreen(Screen[None]):
    """A full screen of the app; Escape (or ``q``, as in less) goes back one screen.

    ``q`` quits only from the home screen, where there is nothing to go back to.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="screen.back"),
        Binding("q", "back_or_quit", "Back", show=False, id="screen.q"),
    ]
    OPENED_BY: ClassVar[str | None] = None
    """The app's action that opens this screen (``diary``): on it, that key does nothing."""

    @property
    def kapp(self) -> KinologApp:
        """The app, with its stores and settings."""
        return cast("KinologApp", self.app)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide "Back" on the first screen: there is nothing to go back to."""
        return not (action == "back" and self.is_home)

    @property
    def is_home(self) -> bool:
        """Whether this is the first screen (search or welcome): nothing to go back to."""
        return len(self.app.screen_stack) <= 2

    def film_to_rate(self) -> FilmRef | None:
        """The film ``r`` rates on this screen (the shown or highlighted one), if any."""
        return None

    @on(events.Mount)
    def _follow_the_diary(self) -> None:
        """Every screen refreshes what it shows of the diary when it changes."""
        self.kapp.diary_changed_signal.subscribe(self, self._diary_signal)

    def _diary_signal(self, message: str) -> None:
        self.diary_changed()

    def diary_changed(self) -> None:
        """The diary changed (a rating, an edit, an undo): refresh what shows it."""

    def action_back(self) -> None:
        """Go back one screen."""
        if not self.is_home:
            self.app.pop_screen()

    def action_back_or_quit(self) -> None:
        """``q``: back one screen, as in less; on the home screen, quit."""
        if self.is_home:
            self.app.exit()
        else:
            self.action_back()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed worker (database or search error) becomes a notification."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            # kinolog's own errors are already one line for a person (the CLI prints the same).
            text = (
                str(error)
                if isinstance(error, KinologError)
                else f"{type(error).__name__}: {error}"
            )
            message = visible(text)
            self.notify(message, title="Error", severity="error", markup=False)
