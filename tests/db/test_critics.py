"""Critics who agree with you (over films you both scored), and their recommendations."""

from __future__ import annotations

from pathlib import Path

from kinolog.db.catalogue import Catalogue
from kinolog.db.critics import MIN_SHARED, critics_report
from kinolog.db.diary import Diary
from kinolog.db.importers.reviews import import_reviews
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


def _review(folder: Path, name: str, title: str, year: int | None, score: str | None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f"title: {title}", *([f"year: {year}"] if year else [])]
    lines += [f"score: {score}"] if score else []
    text = "---\n" + "\n".join(lines) + "\n---\n\nWhat I thought of it, at some length.\n"
    (folder / name).write_text(text, encoding="utf-8")


def test_a_folder_names_the_critic_of_reviews_that_state_none(
    diary: Diary, catalogue: Catalogue, tmp_path: Path
) -> None:
    films = [("Heat", 1995, "tt0113277", 9), ("Alien", 1979, "tt0078748", 8)]
    films += [("Stalker", 1979, "tt0079944", 10), ("Ran", 1985, "tt0089881", 7)]
    for title, year, imdb_id, rating in films:
        film = catalogue.add_film(title=title, year=year, imdb_id=imdb_id)
        diary.log_viewing(FilmRef.of(film), rating=rating, watched="2025-01-01")
    lena = tmp_path / "Filmtagebuch Lena"  # a collection: its name is its writer's
    for title, year, _, rating in films[:3]:
        _review(lena, f"{title.casefold()}.md", title, year, f"{rating - 1}/10")
    _review(lena, "ran.md", "Ran", 1985, None)  # no score: nothing to compare
    _review(lena, "odd.md", "An Odd Little Film", None, "7/10")  # waits for its film
    _review(tmp_path / "Downloads", "Ran.md", "Ran", 1985, "9/10")  # a file's name is no critic
    import_reviews(catalogue, [lena, tmp_path / "Downloads"])
    report = critics_report(diary, catalogue)
    [critic] = report.critics
    assert (critic.critic, critic.named_by, len(critic.shared), critic.agreement) == (
        "Filmtagebuch Lena", "folder", 3, 90
    )  # fmt: skip
    assert report.reviews_used == 3
    assert report.left_out == {"waiting_for_film": 1, "no_score": 1, "no_critic": 1}
    assert report.left_out_line() == (
        "left out: 1 waiting for their film, 1 without a score, 1 with no author, source or"
        " folder name"
    )
    data = report.as_json()
    assert data["reviews_left_out"] == report.left_out
    assert data["critics"][0]["named_by"] == "folder"
    # A stated source or author wins over the folder.
    _review(lena, "ran-again.md", "Ran", 1985, "6/10")
    with catalogue.store.write() as conn:
        conn.execute("UPDATE reviews SET author = 'Lena Muster' WHERE file LIKE '%heat.md'")
    import_reviews(catalogue, [lena / "ran-again.md"])
    names = {c.critic: len(c.shared) for c in critics_report(diary, catalogue).critics}
    assert names == {"Filmtagebuch Lena": 3}  # Alien, Stalker, Ran; Heat is Lena Muster's now
