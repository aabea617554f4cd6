"""The formats registry is the one list: the CLI, the palette and the README follow it."""

from __future__ import annotations

from pathlib import Path

from kinolog.db.formats import FORMATS, SUBJECTS, export_formats, import_formats
from kinolog.tui.cli.main import build_parser

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_the_readme_documents_every_export_and_import() -> None:
    for fmt in export_formats(None):
        assert f"`{fmt.subject} --format {fmt.name}" in README, fmt
    for command in import_formats():
        assert f"kinolog import {command}" in README, command


def test_every_subject_exports_and_each_reader_takes_its_options() -> None:
    assert {fmt.subject for fmt in FORMATS} == set(SUBJECTS)
    parser = build_parser()
    for command, fmt in import_formats().items():
        args = parser.parse_args(["import", command, "file.csv"])
        assert ("types" in vars(args)) == ("types" in fmt.options), command
