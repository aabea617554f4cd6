"""Opening the app from the command line (``kinolog``, ``kinolog demo``)."""

from __future__ import annotations

from pathlib import Path

from kinolog.tui.app import create_app
from kinolog.tui.cli.context import Context


def run_app(context: Context, *, state_dir: Path | None = None) -> int:
    """Run the app on a context's stores until the user quits; returns the exit code."""
    app = create_app(context.catalogue, context.diary, state_dir=state_dir)
    app.run()
    return app.return_code or 0
