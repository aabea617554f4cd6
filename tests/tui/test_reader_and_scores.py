"""Issue 16 items 11 (find folds accents), 12 (one critic-score rule, impossible dates) and 14
(verdict labels in the review's language, the title once at the top of the reader)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from kinolog.db.catalogue import Catalogue
from kinolog.db.importers.reviews import import_reviews
from kinolog.db.models import FilmRef
from kinolog.tui.app import KinologApp
from kinolog.tui.dialogs.entry import EntryModal
from kinolog.tui.screens.reader import ReaderScreen
from kinolog.tui.widgets.film_facts import score_text
from kinolog.tui.widgets.film_list import FilmList
from kinolog.tui.widgets.review_view import ReviewView, find_folded
from tests.tui.helpers import ToastLog, settle

GERMAN = """---
title: Ballerina
year: 2025
director: Len Wiseman
language: de
source: Filmblatt
score: 5/10
---

# Ballerina (2025)

Die Action kann überzeugen, die Geschichte weniger. Eine Straße voller Glasscherben.

# Fazit

Sieht gut aus, bleibt aber leer.
"""


def test_find_folds_case_accents_and_sharp_s() -> None:
    text = "Die Action kann Überzeugen; eine STRASSE, eine Straße, Amélie."
    assert [text[s:e] for s, e in find_folded(text, "uberzeugen")] == ["Überzeugen"]
    assert [text[s:e] for s, e in find_folded(text, "strasse")] == ["STRASSE", "Straße"]
    assert [text[s:e] for s, e in find_folded(text, "AMELIE")] == ["Amélie"]
    assert find_folded(text, "") == []


def _add_german_review(app: KinologApp, tmp_path: Path) -> None:
    folder = tmp_path / "reviews"
    folder.mkdir()
    (folder / "ballerina.md").write_text(GERMAN, encoding="utf-8")
    import_reviews(app.catalogue, [folder])


async def test_reader_german_verdict_title_once_and_folded_find(
    app: KinologApp, tmp_path: Path
) -> None:
    _add_german_review(app, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_film(app.search.find_film("ballerina 2025").id)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        view = screen.query_one(ReviewView)
        shown = [str(static.render()) for static in view.query(".block").results(Static)]
        assert shown[0].startswith("Fazit  Sieht gut aus")  # German label, first
        assert not any("Verdict" in block for block in shown)
        header = str(view.query_one(".review-header").render())
        assert "Ballerina" not in header  # the title bar names the film; the header the review
        title_lines = [b for b in shown if b.startswith("Ballerina")]
        assert title_lines == []  # the page's own "Ballerina (2025)" line is left out
        assert screen.title == "Ballerina (2025)"
        await pilot.press("slash", *"uberzeugen")
        await settle(pilot)
        assert len(view.hits) == 1
        assert "1 hit for 'uberzeugen'" in str(screen.query_one("#reader-status").render())


async def test_the_list_and_the_film_page_share_one_critic_score_rule(
    app: KinologApp, tmp_path: Path
) -> None:
    _add_german_review(app, tmp_path)  # Ballerina (2025): one scored review
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"ballerina 2025")
        await settle(pilot)
        films = app.screen.query_one(FilmList)
        film = app.search.find_film("ballerina 2025")
        row = [films.highlighted_film_id == film.id, str(films.cells(0)[5])]
        assert row == [True, ""]  # no "50 (1)": one score is not a critic score
        stats = app.catalogue.film_review_stats([film.id])[film.id]
        assert stats.critic_score is None and "needs 2" in str(score_text(stats))


async def test_a_watched_date_before_the_film_is_refused_in_the_dialog(
    app: KinologApp,
) -> None:
    toasts = ToastLog()
    async with app.run_test(size=(80, 24), message_hook=toasts) as pilot:
        film = app.search.find_film("ballerina 2025")
        app.open_film(film.id)
        await settle(pilot)
        await pilot.press("r", "6", "tab")
        date = app.screen.query_one("#entry-date", Input)
        date.value = "1850-01-01"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryModal)  # still open, nothing saved
        assert toasts.find("date 1850-01-01 is before the film was made (2025)") is not None
        assert app.diary.entries(film_key=FilmRef.of(film).key) == []


def test_rate_on_the_command_line_refuses_the_date_too(kinolog: object, data_dir: Path) -> None:
    catalogue = Catalogue(data_dir / "catalogue.db")
    catalogue.add_film(title="Ballerina", year=2025, directors=["Len Wiseman"])
    catalogue.close()
    result = kinolog("rate", "ballerina", "7", "--date", "1850-01-01")  # type: ignore[operator]
    assert result.code == 2
    assert "1850-01-01 is before the film was made (2025)" in result.err
