"""``python -m kinolog``: the same as the ``kinolog`` command."""

from kinolog.tui.cli.main import main

if __name__ == "__main__":
    main()
