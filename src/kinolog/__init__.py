"""kinolog: an offline film-review reader and film diary for the terminal.

The import root of the installed package. The code lives in two subpackages, kept in the
repository's top-level folders: :mod:`kinolog.db` (``db/``, the data layer, no UI) and
:mod:`kinolog.tui` (``tui/``, the Textual app and the command line).
"""

__version__ = "0.1.0"
