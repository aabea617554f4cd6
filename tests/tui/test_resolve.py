"""The resolve screen and the import summary that leads to it, on real files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.formats import import_formats
from kinolog.db.models import NO_FILM, WAITING, FilmRef
from kinolog.tui import transfers
from kinolog.tui.app import KinologApp
from kinolog.tui.dialogs.import_summary import ImportSummaryModal
from kinolog.tui.screens.resolve import ResolveScreen
from kinolog.tui.settings import Settings
from kinolog.tui.widgets.film_list import FilmList
from tests.conftest import add_sample_films
from tests.tui.helpers import settle
from tests.tui.test_transfers import LETTERBOXD, answer

SIZE = (120, 36)


@pytest.fixture
def queue_app(catalogue: Catalogue, diary: Diary) -> Iterator[KinologApp]:
    """Two Ballerinas, and diary entries an import could not attach."""
    add_sample_films(catalogue)
    for title, year, watched in (
        ("Ballerina", None, "2025-03-01"),  # two films of that title: which one?
        ("Psycho", 1960, "2025-03-02"),  # no film of that title in the catalogue
    ):
        key = f"title:{title.casefold()}:{year or ''}"
        diary.log_viewing(
            FilmRef(key, title, year, unlinked=WAITING),
            rating=8,
            watched=watched,
            logged_at=f"{watched}T20:00:00+00:00",
        )
    yield KinologApp(catalogue, diary, Settings(theme="textual-dark"))


async def _open(pilot: Pilot[None]) -> ResolveScreen:
    await settle(pilot)
    pilot.app.action_resolve()  # type: ignore[attr-defined]
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ResolveScreen)
    return screen


async def test_choose_a_candidate_then_undo(queue_app: KinologApp) -> None:
    async with queue_app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        assert [item.label for item in screen.items] == ["Ballerina", "Psycho (1960)"]
        candidates = screen.query_one("#resolve-candidates", DataTable)
        assert candidates.row_count == 2  # Ballerina (2023) and (2025), with their reasons
        await pilot.press("enter")  # to the candidates
        await pilot.press("down", "enter")  # the second one: Ballerina (2025)
        await settle(pilot)
        entry = queue_app.diary.entries()[1]
        assert entry.film.linked and entry.film.key == "title:ballerina:2025"
        assert [item.label for item in screen.items] == ["Psycho (1960)"]
        await pilot.press("u")  # undo the link: it waits again
        await settle(pilot)
        assert queue_app.diary.get_entry(entry.id).film.unlinked == WAITING
        assert [item.label for item in screen.items] == ["Ballerina", "Psycho (1960)"]


async def test_n_says_not_in_the_catalogue(queue_app: KinologApp) -> None:
    async with queue_app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        await pilot.press("down", "n")  # Psycho (1960)
        await settle(pilot)
        psycho = next(e for e in queue_app.diary.entries() if e.film.title == "Psycho")
        assert psycho.film.unlinked == NO_FILM
        assert [item.label for item in screen.items] == ["Ballerina"]
        await pilot.press("n", "escape")
        await settle(pilot)
        assert not isinstance(queue_app.screen, ResolveScreen)


async def test_the_palette_has_the_resolve_screen(queue_app: KinologApp) -> None:
    async with queue_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [command.title for command in queue_app.get_system_commands(queue_app.screen)]
        assert "film: Resolve what waits for a film" in titles


async def test_an_import_summary_leads_to_the_resolve_screen(app: KinologApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        transfers.import_file(app, import_formats()["letterboxd"])
        await answer(pilot, LETTERBOXD)
        assert isinstance(app.screen, ImportSummaryModal)
        # Heat, Alien, Amélie, Parasite, Some Unknown Film; Dune on the watchlist
        assert app.screen.waiting == 6
        await pilot.press("enter")  # "Resolve now"
        await settle(pilot)
        assert isinstance(app.screen, ResolveScreen)
        waiting = {(item.kind, item.title) for item in app.screen.items}
        assert waiting == {
            *(("entry", title) for title in ("Heat", "Alien", "Amélie", "Parasite")),
            ("entry", "Some Unknown Film"), ("watchlist", "Dune"),
        }  # fmt: skip


def test_snapshot_resolve_screen(queue_app: KinologApp, snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _open(pilot)

    assert snap_compare(queue_app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_import_summary(app: KinologApp, snap_compare: Any, tmp_path: Path) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        pilot.app.push_screen(
            ImportSummaryModal("letterboxd export: 9 rows, added 8 entries, 0 already there", 3)
        )
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


async def test_entries_follow_their_film_to_its_page_and_the_search_list(
    app: KinologApp,
) -> None:
    korean = app.search.find_film("ballerina 2023")
    entry = app.diary.log_viewing(FilmRef.of(korean), rating=7, watched="2025-01-02")
    assert entry.film.key == "title:ballerina:2023"
    with app.catalogue.store.write() as conn:  # the film gains its IMDb id (an IMDb import)
        conn.execute("UPDATE films SET imdb_id = 'tt21198914' WHERE id = ?", (korean.id,))
        conn.execute(
            "INSERT INTO film_keys (key, film_id) VALUES ('imdb:tt21198914', ?)", (korean.id,)
        )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"ballerina 2023")
        await settle(pilot)
        results = app.screen.query_one(FilmList)
        assert results.cells(0)[-1].plain == "★★★½"  # its rating, though its key changed
        app.open_film(korean.id)
        await settle(pilot)
        shown = app.screen.query_one("#film-diary").render()
        assert "2025-01-02" in str(shown) and "★★★½" in str(shown)
