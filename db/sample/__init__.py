"""The sample catalogue shipped with kinolog (used by ``kinolog demo``, tests and screenshots).

``films.json`` holds real facts about 40 well-known films; ``reviews/`` holds short reviews
written for kinolog in German and English, in the layouts the review importer reads, so the
sample goes through the real importer. :func:`build_sample` puts it all in a data folder.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from kinolog.db.catalogue import Catalogue
from kinolog.db.datadir import CATALOGUE_FILE, DIARY_FILE
from kinolog.db.diary import Diary
from kinolog.db.importers.reviews import ReviewImportReport, import_reviews
from kinolog.db.models import FilmRef

__all__ = ["DIARY", "build_sample", "sample_films", "sample_review_files"]

# (IMDb id, rating 1-10 or None, days before today it was watched): a few diary entries.
DIARY: tuple[tuple[str, int | None, int], ...] = (
    ("tt0069293", 9, 40),  # Solaris (1972)
    ("tt0110912", 8, 21),  # Pulp Fiction
    ("tt0375679", 5, 12),  # Crash (2004)
    ("tt6751668", 10, 6),  # Parasite
    ("tt0093191", None, 2),  # Der Himmel über Berlin, watched but not rated
)


def _folder() -> Path:
    """The sample folder inside the installed package (a real folder: the wheel is unzipped)."""
    return Path(str(resources.files(__name__)))


def sample_films() -> list[dict[str, Any]]:
    """The facts of the sample films, as keyword arguments for ``Catalogue.add_film``."""
    data = json.loads((_folder() / "films.json").read_text(encoding="utf-8"))
    return list(data["films"])


def sample_review_files() -> list[Path]:
    """The sample review files, sorted by name."""
    folder = _folder() / "reviews"
    return sorted(path for path in folder.iterdir() if path.suffix in {".txt", ".md"})


def build_sample(data_dir: Path, *, today: date | None = None) -> ReviewImportReport:
    """Build the sample catalogue and a small diary in ``data_dir``.

    The folder must not hold a catalogue yet (the sample never mixes with real data).

    Args:
        data_dir: the data folder; created when missing.
        today: the date the diary entries count back from (tests fix it); today by default.

    Returns:
        The review import report (every review attached to its film).

    Raises:
        FileExistsError: when ``data_dir`` already holds a catalogue or diary.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    for name in (CATALOGUE_FILE, DIARY_FILE):
        if (data_dir / name).exists():
            raise FileExistsError(f"{data_dir / name} exists: the sample needs an empty folder")
    catalogue = Catalogue(data_dir / CATALOGUE_FILE)
    diary = Diary(data_dir / DIARY_FILE)
    try:
        for film in sample_films():
            catalogue.add_film(origin="sample", **film)
        report = import_reviews(catalogue, sample_review_files())
        today = today or date.today()
        for imdb_id, rating, days_ago in DIARY:
            found = catalogue.film_by_imdb_id(imdb_id)
            if found is not None:
                watched = today - timedelta(days=days_ago)
                diary.log_viewing(FilmRef.of(found), rating=rating, watched=watched)
    finally:
        catalogue.close()
        diary.close()
    return report
