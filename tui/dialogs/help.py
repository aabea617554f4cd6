"""Help: the keys that work on the current screen, its own first, with their binding ids."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from kinolog.tui.keymap import binding_owners

INTRO = (
    'Remap a key in settings.toml under [keymap] by its id, e.g. "film.compare" = "v". '
    "Ctrl+Q quits from anywhere."
)

Row = tuple[str, str, str]  # keys, what they do, binding ids


def binding_rows(screen: Screen[object]) -> tuple[list[Row], list[Row]]:
    """The keys that work on ``screen`` now: its own (and its focused widgets'), then the app's.

    Taken from what Textual would do with each key (``active_bindings``): a key a text box
    takes for typing is left out, a disabled action is left out, a key shadowed by another
    binding shows once, as what it does there. Keys remapped in the keymap show remapped.
    Bindings that do the same thing are one row.
    """
    # The screen's own bindings first, so an app binding doing the same joins their row.
    actives = sorted(screen.active_bindings.items(), key=lambda item: isinstance(item[1].node, App))
    ours = {
        binding.id
        for owner in binding_owners()
        for binding in vars(owner)["BINDINGS"]
        if isinstance(binding, Binding) and binding.id
    }
    here: dict[str, tuple[list[str], list[str]]] = {}
    everywhere: dict[str, tuple[list[str], list[str]]] = {}
    for key, active in actives:
        binding = active.binding
        if not active.enabled or not binding.description:
            continue
        if binding.id not in ours:
            continue  # Textual's own (focus next, copy): not kinolog's keys to explain
        rows = everywhere if isinstance(active.node, App) else here
        if binding.description in here:
            rows = here  # the app's Ctrl+R beside the film page's r: one "Rate" row
        keys, ids = rows.setdefault(binding.description, ([], []))
        keys.append(screen.app.get_key_display(Binding(key, "")))
        if binding.id and binding.id not in ids:
            ids.append(binding.id)

    def table(rows: dict[str, tuple[list[str], list[str]]]) -> list[Row]:
        return [(", ".join(keys), what, ", ".join(ids)) for what, (keys, ids) in rows.items()]

    return table(here), table(everywhere)


class HelpModal(ModalScreen[None]):
    """The keys of the screen below it: that screen's first, then those that work everywhere.

    Escape, ``?``, F1 or ``q`` closes it.

    Args:
        screen: the screen whose keys to list.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "close", "Close", id="help.close"),
    ]

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__()
        self.here, self.everywhere = binding_rows(screen)
        self.rows = [*self.here, *self.everywhere]
        self.screen_name = screen.title or type(screen).__name__.removesuffix("Screen")

    def compose(self) -> ComposeResult:
        """Title, the screen's keys, the keys that work everywhere, the remapping hint."""
        with Vertical(id="help-dialog"):
            yield Static(Text(f"Keys · {self.screen_name}", style="bold"), id="help-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(_table("On this screen", self.here), id="help-here")
                yield Static(_table("Everywhere", self.everywhere), id="help-everywhere")
                yield Static(INTRO, markup=False, id="help-intro")
        yield Footer(compact=True)

    def action_close(self) -> None:
        """Close help."""
        self.dismiss(None)


def _table(title: str, rows: list[Row]) -> Table:
    table = Table(box=None, expand=True, padding=(0, 1), show_header=True, title_justify="left")
    table.add_column(title, style="bold", no_wrap=True, ratio=2)
    table.add_column("", ratio=4)
    table.add_column("id", style="dim", no_wrap=True, ratio=3, overflow="ellipsis")
    for keys, what, ids in rows:
        table.add_row(Text(keys), Text(what), Text(ids))
    return table
