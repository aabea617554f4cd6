"""Diary entries follow their film: when it gains an IMDb id, and in a rebuilt catalogue."""

from __future__ import annotations

from pathlib import Path

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.film_links import film_entries, film_ratings, ref_entries
from kinolog.db.importers.imdb import import_imdb
from kinolog.db.importers.reviews import import_reviews
from kinolog.db.models import WAITING, FilmRef
from kinolog.db.queue import FilmQueue

BASICS = (
    "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes"
    "\tgenres\n"
    "tt0113277\tmovie\tHeat\tHeat\t0\t1995\t\\N\t170\tCrime\n"
    "tt0087363\tmovie\tHeat\tHeat\t0\t1986\t\\N\t101\tAction\n"
)


def review_made_heat(catalogue: Catalogue, tmp_path: Path) -> int:
    page = tmp_path / "reviews" / "heat.md"
    page.parent.mkdir(exist_ok=True)
    page.write_text(
        "---\ntitle: Heat\nyear: 1995\ndirector: Michael Mann\n---\n\nThe diner scene.\n",
        encoding="utf-8",
    )
    [result] = import_reviews(catalogue, [page]).results
    assert result.film_id is not None
    return result.film_id


def test_entries_follow_a_review_made_film_into_the_imdb_film(
    catalogue: Catalogue, diary: Diary, tmp_path: Path
) -> None:
    made = catalogue.get_film(review_made_heat(catalogue, tmp_path))
    assert made.key == "title:heat:1995"
    entry = diary.log_viewing(FilmRef.of(made), rating=9, watched="2024-05-01")
    (tmp_path / "title.basics.tsv").write_text(BASICS, encoding="utf-8")
    result = import_imdb(catalogue, [tmp_path / "title.basics.tsv"])
    assert result.merged == 1  # the review-made film is now the IMDb film
    heat = catalogue.film_by_imdb_id("tt0113277")
    assert heat is not None and heat.key == "imdb:tt0113277"
    # Its entry still names it by the old key, and still shows on its page and in search.
    assert [e.id for e in film_entries(catalogue, diary, heat)] == [entry.id]
    assert film_ratings(catalogue, diary)["imdb:tt0113277"] == 9
    assert [e.id for e in ref_entries(catalogue, diary, FilmRef.of(heat))] == [entry.id]
    other = catalogue.film_by_imdb_id("tt0087363")
    assert other is not None and film_entries(catalogue, diary, other) == []
    # After the catalogue grew, the entry names its film by the IMDb id: an edit, undone
    # like one, that survives a catalogue rebuilt from IMDb alone.
    report = FilmQueue(catalogue, diary).retry()
    assert report.followed == ["Heat (1995)"]
    assert diary.get_entry(entry.id).film == FilmRef("imdb:tt0113277", "Heat", 1995, "tt0113277")
    rebuilt = Catalogue(tmp_path / "rebuilt.db")
    import_imdb(rebuilt, [tmp_path / "title.basics.tsv"])
    again = rebuilt.film_by_imdb_id("tt0113277")
    assert again is not None and [e.id for e in film_entries(rebuilt, diary, again)] == [entry.id]
    rebuilt.close()
    assert "undid" in diary.undo().description
    assert diary.get_entry(entry.id).film.key == "title:heat:1995"


def test_an_entry_without_a_film_shows_on_no_film(catalogue: Catalogue, diary: Diary) -> None:
    heat = catalogue.add_film(title="Heat", year=1995, imdb_id="tt0113277")
    other = catalogue.add_film(title="Heat", year=1995, directors=["Someone Else"])
    waiting = FilmRef("title:heat:1995", "Heat", 1995, unlinked=WAITING)
    diary.log_viewing(waiting, rating=4, watched="2024-01-01")
    assert film_entries(catalogue, diary, heat) == film_entries(catalogue, diary, other) == []
    assert film_ratings(catalogue, diary) == {}
    assert catalogue.resolve(waiting) is None  # exports name no film's directors for it
