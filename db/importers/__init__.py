"""Importing into the catalogue: one package per pipeline.

* :mod:`.reviews`: critic reviews saved as text;
* :mod:`.imdb`: IMDb's public dataset files;
* :mod:`.films`: a film list from a CSV or JSON file;
* :mod:`.merge`: films made from reviews merged into the films a big import brings.

Diary imports and exports (Letterboxd, IMDb ratings) are :mod:`kinolog.db.formats`.
"""
