"""Importing a film list from a CSV or JSON file (``kinolog import films``).

:mod:`.importer` reads the file and maps its columns to fields; :mod:`.upsert` adds or
updates each film by IMDb id, else by title and year.
"""

from kinolog.db.importers.films.importer import FIELDS, FilmsListResult, import_films_list

__all__ = ["FIELDS", "FilmsListResult", "import_films_list"]
