"""Diary imports, exports and backups started from the command palette.

The same functions as ``kinolog import letterboxd|imdb-ratings|diary``, ``export diary`` and
``diary backup`` (the formats come from :data:`kinolog.db.formats.FORMATS`), run in the
non-exclusive diary worker group, each ending in a toast.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kinolog.db.backup import backup_diary
from kinolog.db.datadir import protected_reason
from kinolog.db.errors import InvalidValue, KinologError
from kinolog.db.files import atomic_write
from kinolog.db.formats import SUBJECTS, DiaryFormat, export_diary, export_folder, import_diary
from kinolog.tui.dialogs.import_summary import ImportSummaryModal
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


def import_file(app: KinologApp, fmt: DiaryFormat) -> None:
    """Ask for a file in ``fmt`` (a Letterboxd export, IMDb ratings ...) and import it."""
    title = f"Import {fmt.reads} ({fmt.accepts})"
    command = fmt.command or fmt.name

    def chosen(path: Path | None) -> None:
        if path is None:
            return

        def work() -> str:
            report = import_diary(command, app.diary, [path], catalogue=app.catalogue)
            if report.waiting:  # the summary offers the resolve screen
                app.call_from_thread(_offer_resolve, app, report.summary(), len(report.waiting))
            return report.summary()

        _run(app, work)

    app.push_screen(PathModal(title, str(Path.home()) + "/", must_exist=True), chosen)


def _offer_resolve(app: KinologApp, summary: str, waiting: int) -> None:
    """Show an import's summary with a way to the films it left waiting."""

    def chosen(resolve: bool | None) -> None:
        if resolve:
            app.action_resolve()

    app.push_screen(ImportSummaryModal(summary, waiting), chosen)


def export_file(app: KinologApp, fmt: DiaryFormat) -> None:
    """Ask where to write the diary (the watchlist, the lists) in ``fmt``, and write it there."""
    what = SUBJECTS[fmt.subject]
    name = f"kinolog-{fmt.subject}-{fmt.name}-{date.today().isoformat()}{fmt.suffix}"
    default = Path.home() / name

    def chosen(path: Path | None) -> None:
        if path is None:
            return

        def work() -> str:
            reason = protected_reason(app.diary.path.parent, path / "x" if fmt.folder else path)
            if reason is not None:  # the same rule as kinolog export -o
                raise InvalidValue(f"will not write over {reason}: choose another file")
            if fmt.folder:
                result = export_folder(app.diary, path, fmt.name, fmt.subject)
            else:
                with atomic_write(path) as out:
                    result = export_diary(
                        app.diary, out, fmt.name, catalogue=app.catalogue, subject=fmt.subject
                    )
            left = f" ({result.left_out} left out: {result.reason})" if result.left_out else ""
            warned = "".join(f" ({warning})" for warning in result.warnings)
            return f"Exported {what} to {path}{left}{warned}"

        _run(app, work)

    app.push_screen(PathModal(f"Export {what} as {fmt.writes}", str(default)), chosen)


def back_up(app: KinologApp) -> None:
    """Make a verified diary backup now."""
    _run(app, lambda: f"Backed up the diary to {backup_diary(app.diary, reason='manual')}")
