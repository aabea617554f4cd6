"""The ``kinolog`` command line, apart from the app.

:mod:`.main` parses the arguments and turns errors into one line; each subcommand lives in
a module named after it (:mod:`.search` holds ``search`` and ``show``, :mod:`.rate` holds
``rate``, ``log`` and ``undo``, :mod:`.diary` holds ``diary backup|restore``, the
``import_*`` modules each ``kinolog import KIND``); :mod:`.context` opens the data folder's
stores on first use; :mod:`.output` and :mod:`.progress` print for people and scripts;
:mod:`.launch` runs the app.
"""

import os
import signal
import sys


def _interrupted_while_starting(signum: int, frame: object) -> None:
    """Ctrl-C before :func:`.main.main` runs (while Python imports kinolog): one line."""
    sys.stderr.write("kinolog: interrupted\n")
    raise SystemExit(130)


# The `kinolog` console script imports this package first: from here until main() takes
# over, Ctrl-C prints one line instead of an import traceback. (python -m kinolog does the
# same in kinolog/__main__.py; imported as a library, nothing changes.)
if os.path.basename(sys.argv[0]) in ("kinolog", "kinolog.exe"):
    signal.signal(signal.SIGINT, _interrupted_while_starting)
