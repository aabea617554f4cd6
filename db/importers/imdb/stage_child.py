"""The staging child's entry point: ``python -m kinolog.db.importers.imdb.stage_child``.

A module of its own that the package never imports: running :mod:`.stager` itself with
``-m`` would load it twice (once as ``__main__``, once through the package), which runpy
warns about on the child's standard error.
"""

import sys

from kinolog.db.importers.imdb.stager import main

if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:  # the importer is gone
        sys.exit(1)
