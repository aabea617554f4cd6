"""``python -m kinolog``: the same as the ``kinolog`` command."""

import signal
import sys


def _interrupted_while_starting(signum: int, frame: object) -> None:
    """Ctrl-C while Python still imports kinolog: one line, no traceback."""
    sys.stderr.write("kinolog: interrupted\n")
    raise SystemExit(130)


if __name__ == "__main__":
    signal.signal(signal.SIGINT, _interrupted_while_starting)
    from kinolog.tui.cli.main import main

    main()
