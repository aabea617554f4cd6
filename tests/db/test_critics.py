"""Critics who agree with you (over films you both scored), and their recommendations."""

from __future__ import annotations

from kinolog.db.catalogue import Catalogue
from kinolog.db.critics import MIN_SHARED, critics_report
from kinolog.db.diary import Diary
from kinolog.db.models import FilmRef

# (IMDb id, your rating 1-10) of films the sample's critics scored.
RATINGS = (
    ("tt0078748", 9),  # Alien: Dev Example 90
    ("tt0083658", 6),  # Blade Runner: Dev 70
    ("tt0110912", 9),  # Pulp Fiction: Dev 100
    ("tt0211915", 8),  # Amélie: Sam Example 60
    ("tt0375679", 4),  # Crash (2004): Sam 55
    ("tt0405094", 9),  # Das Leben der Anderen: Sam 90
    ("tt0115964", 3),  # Crash (1996): Jana Beispiel 70
    ("tt0245429", 10),  # Spirited Away: Jana 90
    ("tt0133093", 5),  # The Matrix: Jana 70
    ("tt0034583", 4),  # Casablanca: Mia Beispiel 100
    ("tt0082096", 5),  # Das Boot: Mia 90 (two shared films: too few)
    ("tt8613070", 6),  # Portrait: Ruth Example 100
    ("tt0069293", 5),  # Solaris (1972): Ruth 80
    ("tt0093191", 4),  # Der Himmel über Berlin: Ruth 80
)


def rate_all(diary: Diary, catalogue: Catalogue) -> None:
    for imdb_id, rating in RATINGS:
        film = catalogue.film_by_imdb_id(imdb_id)
        assert film is not None
        diary.log_viewing(FilmRef.of(film), rating=rating, watched="2025-01-01")


def test_critics_ranked_by_agreement_from_three_shared_films(
    diary: Diary, sample_catalogue: Catalogue
) -> None:
    rate_all(diary, sample_catalogue)
    report = critics_report(diary, sample_catalogue)
    ranked = [(c.critic, len(c.shared), c.agreement, c.offset) for c in report.critics]
    assert ranked == [
        ("Dev Example", 3, 93, 6.7),
        ("Sam Example", 3, 88, -1.7),
        ("Jana Beispiel", 3, 77, 16.7),
        ("Ruth Example", 3, 63, 36.7),
    ]
    assert all(len(c.shared) >= MIN_SHARED for c in report.critics)
    assert report.too_few == 1  # Mia Beispiel (2 films); Paul Beispiel shares none
    dev = report.critics[0]
    assert sorted((s.label, s.yours, s.theirs) for s in dev.shared) == [
        ("Alien (1979)", 90, 90), ("Blade Runner (1982)", 60, 70), ("Pulp Fiction (1994)", 90, 100),
    ]  # fmt: skip
    assert dev.correlation == 0.94  # nearly the same order as yours
    ruth = report.critics[-1]
    assert ruth.correlation is not None and ruth.offset > 0  # kinder than you


def test_recommendations_are_unseen_films_of_the_closest_critics(
    diary: Diary, sample_catalogue: Catalogue
) -> None:
    rate_all(diary, sample_catalogue)
    oldboy = sample_catalogue.film_by_imdb_id("tt0364569")
    assert oldboy is not None
    diary.watchlist.add(FilmRef.of(oldboy), added="2024-01-01")
    report = critics_report(diary, sample_catalogue)
    found = [(r.film.title, r.score, r.critics, r.on_watchlist) for r in report.recommendations]
    assert found == [
        ("Lola rennt", 80, (("Dev Example", 80),), False),
        ("Oldboy", 80, (("Sam Example", 80),), True),
        ("Good Bye, Lenin!", 80, (("Jana Beispiel", 80),), False),
    ]
    lola = sample_catalogue.film_by_imdb_id("tt0130827")
    assert lola is not None
    diary.log_viewing(FilmRef.of(lola), rating=None, watched=None)  # seen: no longer suggested
    titles = [r.film.title for r in critics_report(diary, sample_catalogue).recommendations]
    assert "Lola rennt" not in titles
    strict = critics_report(diary, sample_catalogue, min_score=85)
    assert strict.recommendations == []


def test_too_few_shared_films_and_an_empty_diary(diary: Diary, sample_catalogue: Catalogue) -> None:
    assert critics_report(diary, sample_catalogue).critics == []
    alien = sample_catalogue.film_by_imdb_id("tt0078748")
    assert alien is not None
    diary.log_viewing(FilmRef.of(alien), rating=8)
    report = critics_report(diary, sample_catalogue)
    assert report.critics == [] and report.too_few == 1 and report.recommendations == []
    data = report.as_json()
    assert data["min_shared"] == 3 and data["critics_sharing_fewer_films"] == 1
