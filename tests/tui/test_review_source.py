"""How the app names a review's source when the review states none (issue 13)."""

from __future__ import annotations

from kinolog.db.models import Review
from kinolog.tui.widgets.labels import review_byline, review_source


def _review(source: str | None, file: str | None) -> Review:
    return Review(
        id=1, film_id=None, source=source, author=None, language="de", published=None,
        summary=None, body="Text.", score_text=None, score=None, score_max=None,
        score_100=None, file=file, sha256="x",
    )  # fmt: skip


def test_a_stated_source_is_shown_as_it_is() -> None:
    assert review_source(_review("Kinokeller", "/x/a.html")).plain == "Kinokeller"


def test_without_a_source_the_folder_names_the_collection() -> None:
    review = _review(None, "/home/lena/Filmtagebuch Lena/000_dbf18c36027eb9be.txt")
    assert review_source(review).plain == "Filmtagebuch Lena"
    assert "dbf18c36027eb9be" not in review_byline(review).plain


def test_a_generic_folder_gives_way_to_the_file_name() -> None:
    assert review_source(_review(None, "/home/lena/reviews/heat_1995.txt")).plain == "heat_1995"
    assert review_source(_review(None, "/tmp/0001.txt")).plain == "—"
