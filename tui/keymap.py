"""Checking the ``[keymap]`` of settings.toml against the app's bindings.

A keymap entry names a binding by its id and gives it new keys. Two mistakes would otherwise
pass in silence: an id that names no binding (a typo), and a key that another binding already
has where both are active, so that one of the two never fires (``"reader.find" = "ctrl+q"``
would make Find unreachable, since Ctrl+Q quits from everywhere). Such entries are left out,
each with a one-line warning, and the binding keeps its default keys.

Where two bindings are active together: the app's bindings are active on every screen and
dialog; a screen's bindings together with those of the screens it extends (every screen
has :class:`~kinolog.tui.screens.base.KinologScreen`'s); a widget's bindings (the review
text's Space and ``b``) together with every full screen's, since a screen may hold the widget.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

PACKAGE = "kinolog.tui."


@dataclass(frozen=True)
class Bound:
    """One binding with an id, the class that declares it and its keys (keymap applied)."""

    owner: type[DOMNode]
    binding: Binding
    keys: tuple[str, ...]

    @property
    def name(self) -> str:
        """``Find (reader.find)``: how the warning names it."""
        return f"{self.binding.description or self.binding.action} ({self.binding.id})"


def binding_owners() -> list[type[DOMNode]]:
    """Every class of the app that declares bindings: the app, screens, dialogs, widgets.

    Found among the imported subclasses of Textual's DOMNode, so a new screen module is
    checked as soon as the app imports it.
    """
    found: dict[type[DOMNode], None] = {}
    stack: list[type[DOMNode]] = [DOMNode]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            stack.append(sub)
            if sub.__module__.startswith(PACKAGE) and "BINDINGS" in vars(sub):
                found[sub] = None
    return list(found)


def _keys(text: str) -> tuple[str, ...]:
    return tuple(key.strip() for key in text.split(",") if key.strip())


def _together(first: type[DOMNode], second: type[DOMNode]) -> bool:
    """Whether bindings of these two classes can be active at the same time."""
    if issubclass(first, App) or issubclass(second, App):
        return True
    if issubclass(first, second) or issubclass(second, first):
        return True

    def widget(cls: type[DOMNode]) -> bool:
        return not issubclass(cls, Screen)

    def full_screen(cls: type[DOMNode]) -> bool:
        return issubclass(cls, Screen) and not issubclass(cls, ModalScreen)

    return (widget(first) and full_screen(second)) or (widget(second) and full_screen(first))


def check_keymap(
    keymap: Mapping[str, str], owners: Iterable[type[DOMNode]]
) -> tuple[dict[str, str], list[str]]:
    """The usable part of a keymap, and a warning for each entry left out.

    Args:
        keymap: binding id -> keys (comma-separated), from the settings.
        owners: the classes whose ``BINDINGS`` to check against (:func:`binding_owners`).

    Returns:
        The entries to apply, and one sentence per entry left out.
    """
    bound: list[Bound] = []
    for owner in owners:
        for binding in vars(owner).get("BINDINGS", ()):
            if isinstance(binding, Binding) and binding.id:
                keys = _keys(keymap.get(binding.id, binding.key))
                bound.append(Bound(owner, binding, keys))
    ids = {item.binding.id for item in bound}
    usable: dict[str, str] = {}
    warnings: list[str] = []
    for binding_id, text in keymap.items():
        if binding_id not in ids:
            warnings.append(
                f'keymap "{binding_id}": no binding has this id (press ? in the app to see'
                " them); ignored"
            )
            continue
        remapped = [item for item in bound if item.binding.id == binding_id]
        if _keys(text) == _keys(remapped[0].binding.key):
            usable[binding_id] = text  # the default keys: nothing changes
            continue
        clash = next(
            (
                (key, other)
                for item in remapped
                for other in bound
                if other.binding.id != binding_id and _together(item.owner, other.owner)
                for key in item.keys
                if key in other.keys
            ),
            None,
        )
        if clash is None:
            usable[binding_id] = text
            continue
        key, other = clash
        default = remapped[0].binding
        warnings.append(
            f'keymap "{binding_id}" = "{text}": {key} is already {other.name}; ignored, '
            f"{default.description or default.action} stays on {default.key}"
        )
    return usable, warnings
