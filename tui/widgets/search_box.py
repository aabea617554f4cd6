"""Text boxes that take every key in the order it was typed, and the search box."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input


def after_keys_typed(screen: Screen[Any], action: Callable[[], object]) -> None:
    """Run ``action`` once the focused widget has read every key sent to it before now.

    A priority binding (a dialog's Enter, which saves from any of its fields) runs when its
    key reaches the app, while the keys typed just before it may still wait in the focused
    text box's queue: in a burst ("great film" and Enter) the dialog would save the text
    without them. Queued behind those keys, ``action`` sees the text as typed.
    """
    focused = screen.focused
    if focused is None or not focused.call_later(action):
        action()


class InOrderInput(Input):
    """A text box whose own keys (Backspace, Ctrl+U, Enter ...) act in the order typed.

    Textual inserts a typed character when the box reads its key, but runs the box's key
    bindings only once the key has bubbled up to the app: in a burst of keys ("heax",
    Backspace, "t" typed fast, or sent at once by a terminal or tmux) the Backspace then
    lands after the "t" and the box reads "heax". Here the box runs its own bindings as it
    reads each key, so the text is what was typed and Enter submits exactly that text.
    """

    async def _on_key(self, event: events.Key) -> None:
        # Textual then calls Input's own handler (next in the MRO) unless prevented.
        if event.is_printable:
            return
        bindings = self._bindings.copy()
        bindings.apply_keymap(self.app._keymap)
        for binding in bindings.key_to_bindings.get(event.key, []):
            # An action that does not apply (scrolling a one-line box) lets the key go on
            # to the screen's bindings, as Textual would.
            if await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return


class SearchBox(InOrderInput):
    """The search screen's text box: Enter opens the film the query in it finds.

    Enter submits in the box's own turn, after every key typed before it (a screen-wide
    priority binding would run before the last characters arrive), so Enter always acts on
    what is in the box. Home and End move in the text, as in any text box.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Open film", show=False, id="search.open"),
    ]
