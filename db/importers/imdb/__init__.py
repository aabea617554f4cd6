"""Importing IMDb's public dataset files (``title.basics`` ... ``name.basics``) into the catalogue.

:mod:`.files` finds and streams the files; :mod:`.staging` holds one run's options and
staging tables; :mod:`.stager` stages the files (in a second process for big imports);
:mod:`.titles` imports basics, akas and ratings; :mod:`.people` crew, principals and names;
:mod:`.importer` runs them, one transaction per file.
"""

from kinolog.db.importers.imdb.importer import (
    DEFAULT_REGIONS,
    DEFAULT_TYPES,
    FileReport,
    ImdbImportResult,
    ImdbOptions,
    import_imdb,
)

__all__ = [
    "DEFAULT_REGIONS",
    "DEFAULT_TYPES",
    "FileReport",
    "ImdbImportResult",
    "ImdbOptions",
    "import_imdb",
]
