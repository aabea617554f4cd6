"""The ``kinolog`` command line, apart from the app.

:mod:`.main` parses the arguments and turns errors into one line; each subcommand lives in
a module named after it (:mod:`.search` holds ``search`` and ``show``, :mod:`.rate` holds
``rate``, ``log`` and ``undo``, :mod:`.diary` holds ``diary backup|restore``, the
``import_*`` modules each ``kinolog import KIND``); :mod:`.context` opens the data folder's
stores on first use; :mod:`.output` and :mod:`.progress` print for people and scripts;
:mod:`.launch` runs the app.
"""
