"""kinolog's data layer: the catalogue, the diary, importers and search. No UI code lives here."""
