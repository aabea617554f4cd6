"""Diary imports, exports and backups started from the command palette.

The same functions as ``kinolog import letterboxd|imdb-ratings``, ``export diary`` and
``diary backup``, run in the non-exclusive diary worker group, each ending in a toast.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kinolog.db.backup import backup_diary
from kinolog.db.diary_io import export_diary
from kinolog.db.errors import KinologError
from kinolog.db.importers.imdb_ratings import import_imdb_ratings
from kinolog.db.importers.letterboxd import import_letterboxd
from kinolog.tui.dialogs.path import PathModal

if TYPE_CHECKING:
    from kinolog.tui.app import KinologApp


def _run(app: KinologApp, work: Callable[[], str]) -> None:
    """Run ``work`` in a diary worker; its message (or the error) becomes a toast."""

    def job() -> None:
        try:
            message = work()
        except (KinologError, OSError) as error:
            app.call_from_thread(app.toast, str(error), "error")
            return
        app.call_from_thread(app.diary_changed, message)

    app.run_worker(job, thread=True, group="diary", exit_on_error=False)


def import_diary(app: KinologApp, kind: str) -> None:
    """Ask for a Letterboxd export (``letterboxd``) or IMDb ratings CSV (``imdb``), import it."""
    title = (
        "Import a Letterboxd export (.zip, folder or CSV)"
        if kind == "letterboxd"
        else ("Import IMDb ratings (CSV)")
    )

    def chosen(path: Path | None) -> None:
        if path is None:
            return

        def work() -> str:
            importer = import_letterboxd if kind == "letterboxd" else import_imdb_ratings
            report = importer(app.diary, [path], catalogue=app.catalogue)
            return report.summary()

        _run(app, work)

    app.push_screen(PathModal(title, str(Path.home()) + "/", must_exist=True), chosen)


def export_diary_file(app: KinologApp, fmt: str) -> None:
    """Ask where to write the diary in ``fmt`` (json, csv, letterboxd, imdb), write it."""
    suffix = "json" if fmt == "json" else "csv"
    default = Path.home() / f"kinolog-diary-{fmt}-{date.today().isoformat()}.{suffix}"

    def chosen(path: Path | None) -> None:
        if path is None:
            return

        def work() -> str:
            partial = path.with_name(path.name + ".partial")
            with partial.open("w", encoding="utf-8", newline="") as out:
                result = export_diary(app.diary, out, fmt, catalogue=app.catalogue)
            partial.replace(path)
            left = f" ({result.left_out} left out: {result.reason})" if result.left_out else ""
            return f"Exported the diary to {path}{left}"

        _run(app, work)

    app.push_screen(PathModal(f"Export the diary ({fmt})", str(default)), chosen)


def back_up(app: KinologApp) -> None:
    """Make a verified diary backup now."""
    _run(app, lambda: f"Backed up the diary to {backup_diary(app.diary, reason='manual')}")
