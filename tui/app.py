"""The kinolog Textual app: wiring only (stores, settings, theme, keymap, commands, screens)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.signal import Signal
from textual.theme import Theme
from textual.widgets import Input

from kinolog.db.catalogue import Catalogue
from kinolog.db.datadir import CATALOGUE_FILE, DIARY_FILE
from kinolog.db.diary import Diary
from kinolog.db.diary_filter import known_tags
from kinolog.db.errors import KinologError
from kinolog.db.film_links import ref_entries
from kinolog.db.models import Film, FilmRef, Review
from kinolog.db.ratings import out_of_ten
from kinolog.db.search import FilmSearch
from kinolog.db.text import visible
from kinolog.tui import history, marks
from kinolog.tui.commands import FilmCommands, kinolog_commands
from kinolog.tui.keymap import binding_owners, check_keymap
from kinolog.tui.screens.base import KinologScreen
from kinolog.tui.screens.search import SearchScreen
from kinolog.tui.screens.welcome import WelcomeScreen
from kinolog.tui.settings import SETTINGS_FILE, STATE_FILE, RecentFilms, Settings

if TYPE_CHECKING:
    from kinolog.tui.dialogs.entry import EntryResult

# The other screens and dialogs are imported when first opened: the first frame comes sooner
# (importing all of them, and the data layer they use, took longer than drawing it).


def import_every_screen() -> None:
    """Import every screen and dialog the app opens on demand, so that
    :func:`~kinolog.tui.keymap.binding_owners` sees all of their bindings."""
    import kinolog.tui.dialogs.entry
    import kinolog.tui.dialogs.help
    import kinolog.tui.screens.compare
    import kinolog.tui.screens.critics
    import kinolog.tui.screens.diary
    import kinolog.tui.screens.film
    import kinolog.tui.screens.lists
    import kinolog.tui.screens.reader
    import kinolog.tui.screens.resolve
    import kinolog.tui.screens.stats
    import kinolog.tui.screens.watchlist
    import kinolog.tui.transfers  # noqa: F401  (the palette's file dialogs)


class KinologApp(App[None]):
    """Search the catalogue, read and compare reviews, rate films.

    Args:
        catalogue: the film catalogue.
        diary: the user's rating log.
        settings: theme, reader width and keymap; defaults (not saved) when None.
        recent: the recently opened films; by default kept in ``state.json`` next to the
            settings file (in memory only when the settings have no file).
    """

    TITLE = "kinolog"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {FilmCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.palette"),
        Binding("r,ctrl+r", "rate", "Rate", show=False, id="app.rate"),
        Binding("d,f2", "diary", "Diary", id="app.diary"),
        Binding("f3", "stats", "Stats", show=False, id="app.stats"),
        Binding("u,ctrl+z", "undo", "Undo", show=False, id="app.undo"),
        Binding("U,shift+u,ctrl+y", "redo", "Redo", show=False, id="app.redo"),
        Binding("l", "toggle_like", "Like", show=False, id="app.like"),
        Binding("w", "toggle_watchlist", "On/off the watchlist", show=False, id="app.watchlist"),
        Binding("f4", "watchlist", "Watchlist", show=False, id="app.watchlist_screen"),
        Binding("f5", "lists", "Lists", show=False, id="app.lists"),
        Binding("f6", "critics", "Critics", show=False, id="app.critics"),
    ]

    def __init__(
        self,
        catalogue: Catalogue,
        diary: Diary,
        settings: Settings | None = None,
        *,
        recent: RecentFilms | None = None,
    ) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.search = FilmSearch(catalogue)
        self.diary_changed_signal: Signal[str] = Signal(self, "diary-changed")
        """Published with the confirmation after every diary change; screens subscribe."""
        self.diary = diary
        self.settings = settings or Settings()
        path = self.settings.path
        self.recent = recent or RecentFilms(path.parent / STATE_FILE if path else None)
        self._sample_dir: tempfile.TemporaryDirectory[str] | None = None
        self._sample_stores: list[Catalogue | Diary] = []

    def on_mount(self) -> None:
        """Apply the settings, then open the welcome or the search screen."""
        self.theme = self.settings.theme
        if self.settings.keymap:  # checked against every binding, so every screen is needed
            import_every_screen()
        keymap, problems = check_keymap(self.settings.keymap, binding_owners())
        self.set_keymap(keymap)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        for warning in [*self.settings.warnings, *problems]:
            self.notify(warning, title="Settings", severity="warning", timeout=8, markup=False)
        try:
            empty = self.catalogue.is_empty()
        except (KinologError, OSError) as error:
            self.notify(str(error), title="Catalogue", severity="error", markup=False)
            empty = True
        self.push_screen(WelcomeScreen() if empty else SearchScreen())

    def on_unmount(self) -> None:
        """Close and remove the sample catalogue, if one was opened."""
        for store in self._sample_stores:
            store.close()
        if self._sample_dir is not None:
            self._sample_dir.cleanup()

    async def on_event(self, event: events.Event) -> None:
        """A terminal reads Escape followed quickly by a letter as Alt+letter.

        Such a key is the Escape the user pressed (it goes back, closes, clears) and then the
        letter, which types into a text box but never triggers a single-letter action: Esc
        then "ballerina" on a film page goes back and searches, it does not rate a film.
        """
        if isinstance(event, events.Key) and not event.is_forwarded:
            letter = _letter_after_escape(event)
            if letter is not None and event.key not in self.screen.active_bindings:
                # Escape's binding runs now (the screen it leads to is current when it
                # returns), then the letter goes to that screen's text box, before any
                # key typed after it.
                if not await self._check_bindings("escape", priority=True):
                    await self._check_bindings("escape")
                focused = self.screen.focused
                if isinstance(focused, Input):
                    focused.insert_text_at_cursor(letter)
                return
        await super().on_event(event)

    # -- settings ----------------------------------------------------------------------

    def _theme_changed(self, theme: Theme) -> None:
        """Remember the theme in the settings file."""
        if theme.name == self.settings.theme:
            return
        self.settings.theme = theme.name
        try:
            self.settings.save()
        except OSError as error:
            self.notify(f"cannot save settings: {error}", severity="warning", markup=False)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's commands (Theme, Keys, Quit ...) and kinolog's ``film:``/``diary:`` ones."""
        yield from super().get_system_commands(screen)
        yield from kinolog_commands(self)

    # -- navigation --------------------------------------------------------------------

    def open_film(self, film_id: int) -> None:
        """Show a film's page (and remember it as recently opened)."""
        try:
            film = self.catalogue.get_film(film_id)
        except KinologError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        from kinolog.tui.screens.film import FilmScreen

        self.recent.add(film.key)
        self.push_screen(FilmScreen(film))

    def compare_film(self, film: Film, reviews: Sequence[Review], index: int = 0) -> None:
        """Compare reviews of a film: the highlighted one and the next (or the first two).

        With one review: beside a review of another film with the same title, else the
        picker opens for the second pane. With none, the picker opens for the first.
        """
        from kinolog.tui.screens.compare import CompareScreen

        reviews = list(reviews)
        if len(reviews) >= 2:
            first = max(0, min(index, len(reviews) - 1))
            second = first + 1 if first + 1 < len(reviews) else first - 1
            self.push_screen(CompareScreen((reviews[first], film), (reviews[second], film)))
            return
        if not reviews:
            self.push_screen(CompareScreen(None, None))
            return
        for other in self.catalogue.films_sharing_title(film):
            others = self.catalogue.reviews_of(other.id)
            if others:
                self.push_screen(CompareScreen((reviews[0], film), (others[0], other)))
                return
        self.push_screen(CompareScreen((reviews[0], film), None))

    def _current_film(self) -> Film | None:
        from kinolog.tui.screens.film import FilmScreen
        from kinolog.tui.screens.reader import ReaderScreen

        screen = self.screen
        if isinstance(screen, FilmScreen | ReaderScreen):
            return screen.film
        return None

    def action_compare(self) -> None:
        """Compare reviews of the current film, or pick two."""
        from kinolog.tui.screens.compare import CompareScreen

        film = self._current_film()
        if film is None:
            self.push_screen(CompareScreen(None, None))
        else:
            self.compare_film(film, self.catalogue.reviews_of(film.id))

    def action_home(self) -> None:
        """Back to the search screen."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if not isinstance(self.screen, SearchScreen):
            self.switch_screen(SearchScreen())

    # -- the diary -----------------------------------------------------------------------

    def toast(self, message: str, severity: str = "information", title: str = "Diary") -> None:
        """A notification whose text (film titles, notes) is shown literally."""
        self.notify(visible(message), title=title, severity=severity, markup=False)  # type: ignore[arg-type]

    def diary_changed(self, message: str) -> None:
        """Confirm a diary change and tell every screen that shows the diary (a signal)."""
        self.toast(message)
        self.diary_changed_signal.publish(message)

    def action_rate(self) -> None:
        """Rate the film of the current screen (``r``, or Ctrl+R while typing)."""
        screen = self.screen
        target = screen.film_to_rate() if isinstance(screen, KinologScreen) else None
        if target is None:
            self.toast("Highlight or open a film first, then press r to rate it.")
            return
        self.rate_film(target)

    def rate_film(self, film: FilmRef) -> None:
        """Open the rating dialog for a film; a saved result becomes a diary viewing."""
        from kinolog.tui.dialogs.entry import EntryModal

        seen = ref_entries(self.catalogue, self.diary, film)  # the film's, under any key
        ratings = [entry for entry in seen if entry.rating is not None]
        modal = EntryModal(
            film.label,
            rating=max(ratings, key=lambda e: (e.logged_at, e.id)).rating if ratings else None,
            rewatch=bool(seen),
            known_tags=known_tags(self.diary.entries()),
            on_watchlist=self.diary.watchlist.find(marks.film_keys(self, film)) is not None,
            year=film.year,
        )

        def rated(result: EntryResult | None) -> None:
            if result is not None:
                self.save_viewing(film, result)

        self.push_screen(modal, rated)

    @work(thread=True, group="diary", exit_on_error=False)
    def save_viewing(self, film: FilmRef, result: EntryResult) -> None:
        """Write the viewing in a thread of the non-exclusive diary group (never cancelled);
        the confirmation appears only once it is committed to disk."""
        try:
            with self.diary.batch():  # one change: u takes the watchlist back too
                entry = self.diary.log_viewing(film, **result.fields())
                keys = marks.film_keys(self, film)
                off = result.off_watchlist and self.diary.watchlist.remove(keys)
        except KinologError as error:
            self.call_from_thread(self.toast, str(error), "error")
            return
        rated = f" {entry.stars} ({out_of_ten(entry.rating)})" if entry.rating else ""
        gone = ", off the watchlist" if off else ""
        self.call_from_thread(self.diary_changed, f"Saved {film.label}{rated}{gone}")

    def action_undo(self) -> None:
        """Undo this session's last diary change (``u``/Ctrl+Z); a bigger step asks first."""
        history.change_history(self, "undo", session_only=True)

    def action_redo(self) -> None:
        """Redo what this session undid last (``U``/Ctrl+Y); a bigger step asks first."""
        history.change_history(self, "redo", session_only=True)

    def action_undo_any(self) -> None:
        """Undo the diary's last change, whoever made it (an import from the command line)."""
        history.change_history(self, "undo", session_only=False)

    def action_toggle_like(self) -> None:
        """Like the film of the current screen, or unlike it (``l``)."""
        self._on_current_film(marks.toggle_like, "like")

    def action_toggle_watchlist(self) -> None:
        """Put the film of the current screen on the watchlist, or take it off (``w``)."""
        self._on_current_film(marks.toggle_watchlist, "put on the watchlist")

    def _on_current_film(self, change: Callable[[KinologApp, FilmRef], None], what: str) -> None:
        screen = self.screen
        film = screen.film_to_rate() if isinstance(screen, KinologScreen) else None
        if film is None:
            self.toast(f"Highlight or open a film first, then press {what[0]} to {what} it.")
            return
        change(self, film)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A key that opens the screen already shown does nothing there: help and the
        footer leave it out."""
        return not self._showing(action)

    def _showing(self, action: str) -> bool:
        """Whether the current screen is the one ``action`` opens."""
        screen = self.screen
        return isinstance(screen, KinologScreen) and action == screen.OPENED_BY

    def action_watchlist(self) -> None:
        """The watchlist screen (F4)."""
        if not self._showing("watchlist"):
            from kinolog.tui.screens.watchlist import WatchlistScreen

            self.push_screen(WatchlistScreen())

    def action_lists(self) -> None:
        """The lists screen (F5)."""
        if not self._showing("lists"):
            from kinolog.tui.screens.lists import ListsScreen

            self.push_screen(ListsScreen())

    def action_critics(self) -> None:
        """The critics who agree with you (F6)."""
        if not self._showing("critics"):
            from kinolog.tui.screens.critics import CriticsScreen

            self.push_screen(CriticsScreen())

    def action_diary(self) -> None:
        """The diary screen (``d`` or F2)."""
        if not self._showing("diary"):
            from kinolog.tui.screens.diary import DiaryScreen

            self.push_screen(DiaryScreen())

    def action_resolve(self) -> None:
        """The queue of reviews and diary entries waiting for their film."""
        if not self._showing("resolve"):
            from kinolog.tui.screens.resolve import ResolveScreen

            self.push_screen(ResolveScreen())

    def action_stats(self) -> None:
        """The stats screen (F3)."""
        if not self._showing("stats"):
            from kinolog.tui.screens.stats import StatsScreen

            self.push_screen(StatsScreen())

    def action_help(self) -> None:
        """List every binding of the current screen."""
        from kinolog.tui.dialogs.help import HelpModal

        if not isinstance(self.screen, HelpModal):
            self.push_screen(HelpModal(self.screen))

    # -- the sample catalogue ----------------------------------------------------------

    def open_sample(self) -> None:
        """Build the sample catalogue in a temporary folder and switch to it."""
        self.notify("Building the sample catalogue…", timeout=3)
        self._build_sample()

    @work(thread=True, exclusive=True, group="sample", exit_on_error=False)
    def _build_sample(self) -> None:
        from kinolog.db.sample import build_sample

        folder = tempfile.TemporaryDirectory(prefix="kinolog-sample-")
        build_sample(Path(folder.name))
        catalogue = Catalogue(Path(folder.name) / CATALOGUE_FILE)
        diary = Diary(Path(folder.name) / DIARY_FILE)
        self.call_from_thread(self._use_sample, folder, catalogue, diary)

    def _use_sample(
        self, folder: tempfile.TemporaryDirectory[str], catalogue: Catalogue, diary: Diary
    ) -> None:
        self._sample_dir = folder
        self._sample_stores = [catalogue, diary]
        self.catalogue, self.diary = catalogue, diary
        self.search = FilmSearch(catalogue)
        # The sample's recently opened films and a theme chosen while looking at it stay in
        # its folder: the user's own state and settings files are never written by the demo.
        self.recent = RecentFilms(Path(folder.name) / STATE_FILE)
        self.settings.path = Path(folder.name) / SETTINGS_FILE
        self.switch_screen(SearchScreen())
        self.notify("This is the sample catalogue, in a temporary folder.", title="Sample")


def create_app(
    catalogue: Catalogue,
    diary: Diary,
    settings: Settings | None = None,
    *,
    state_dir: Path | None = None,
) -> KinologApp:
    """The one factory for the CLI, the tests and the screenshot script.

    Args:
        settings: None loads ``settings.toml`` from the config folder (the CLI's choice);
            tests pass ``Settings()`` so nothing is read or written.
        state_dir: where the app writes ``state.json`` (recently opened films) and the
            settings it changes (a theme picked); next to the settings by default. The demo
            passes its temporary folder: it reads the user's settings but never writes them.
    """
    if settings is None:
        settings = Settings.load(themes=set(App().available_themes))
        if state_dir is not None:
            settings.path = state_dir / SETTINGS_FILE
    recent = RecentFilms(state_dir / STATE_FILE) if state_dir is not None else None
    return KinologApp(catalogue, diary, settings, recent=recent)


def _letter_after_escape(event: events.Key) -> str | None:
    """The letter of an Alt+letter key (``alt+q`` -> ``q``, ``alt+shift+q`` -> ``Q``)."""
    if not event.key.startswith("alt+"):
        return None
    rest = event.key.removeprefix("alt+")
    if rest.startswith("shift+") and len(rest) == len("shift+") + 1:
        return rest[-1].upper()
    if len(rest) == 1:
        return event.character or rest
    return None
