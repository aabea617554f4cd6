"""Importing critic reviews saved as text: decoding, parsing a page, finding its film, storing it.

How the pieces fit: :mod:`.text` decodes a file's bytes; :mod:`.parse` turns the text into a
:class:`ParsedReview` (with :mod:`.page`, :mod:`.fields`, :mod:`.bylines`, :mod:`.headline`,
:mod:`.body`, :mod:`.scores`, :mod:`.infer` and :mod:`.front` for front matter), following
the rules of its :class:`Layout`; :mod:`.films` finds or makes the film; :mod:`.importer`
runs it over files and folders, one transaction per file. The data types are in
:mod:`.types`.
"""

from kinolog.db.importers.reviews.document import parse_html, parse_review, parse_reviews
from kinolog.db.importers.reviews.importer import (
    REVIEW_SUFFIXES,
    FileResult,
    ReviewImportReport,
    find_review_files,
    import_reviews,
    reparse_reviews,
)
from kinolog.db.importers.reviews.types import (
    LAYOUT_RULES,
    FilmFacts,
    Layout,
    LayoutRules,
    ParsedReview,
    Score,
)

__all__ = [
    "LAYOUT_RULES",
    "REVIEW_SUFFIXES",
    "FileResult",
    "FilmFacts",
    "Layout",
    "LayoutRules",
    "ParsedReview",
    "ReviewImportReport",
    "Score",
    "find_review_files",
    "import_reviews",
    "parse_html",
    "parse_review",
    "parse_reviews",
    "reparse_reviews",
]
