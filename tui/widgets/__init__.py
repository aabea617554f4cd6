"""Widgets: the pieces screens are built from (role nouns: FilmList, ReviewView ...)."""
