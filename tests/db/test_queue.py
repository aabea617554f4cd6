"""The resolution queue: waiting reviews and diary entries, settling them, retrying them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.errors import EntryNotFound, InvalidValue
from kinolog.db.formats.letterboxd import import_letterboxd
from kinolog.db.importers.reviews import import_reviews
from kinolog.db.models import NO_FILM, WAITING
from kinolog.db.queue import FilmQueue, parse_ref
from tests.conftest import CliResult
from tests.importers.test_film_paths import LETTERBOXD_DIARY, add_same_title_films

Kinolog = Callable[..., CliResult]


@pytest.fixture
def waiting(catalogue: Catalogue, diary: Diary, tmp_path: Path) -> dict[str, str]:
    """Same-title films, two diary rows and a review that wait; refs by label."""
    add_same_title_films(catalogue)
    export = tmp_path / "diary.csv"
    export.write_text(
        LETTERBOXD_DIARY
        + "2024-01-02,The Circle,2017,https://boxd.it/bbbbb1,3,,,2024-01-02\n"
        + "2024-01-03,Psycho,1960,https://boxd.it/bbbbb2,5,,,2024-01-03\n"
        + "2024-01-04,Solaris,1972,https://boxd.it/bbbbb3,4,,,2024-01-04\n",
        encoding="utf-8",
    )
    import_letterboxd(diary, [export], catalogue=catalogue)
    page = tmp_path / "reviews" / "circle.md"
    page.parent.mkdir()
    page.write_text("---\ntitle: The Circle\nyear: 2017\n---\n\nA review.\n", encoding="utf-8")
    import_reviews(catalogue, [page])
    items = FilmQueue(catalogue, diary).items()
    return {f"{item.kind} {item.label}": item.ref for item in items}


def test_the_queue_holds_waiting_reviews_and_entries_with_candidates(
    catalogue: Catalogue, diary: Diary, waiting: dict[str, str]
) -> None:
    assert sorted(waiting) == [
        "entry Psycho (1960)", "entry The Circle (2017)", "review The Circle (2017)"
    ]  # fmt: skip
    queue = FilmQueue(catalogue, diary)
    review, circle, psycho = queue.items()  # reviews first, then what has candidates
    assert review.ref == waiting["review The Circle (2017)"]
    assert [c.label for c in circle.resolution.possible] == ["The Circle (2017)"] * 2
    assert {c.directors[0] for c in circle.resolution.possible} == {"James Ponsoldt", "Vera Petrov"}
    assert psycho.resolution.possible == () and "not in the catalogue" not in psycho.detail
    data = circle.as_json()
    assert data["id"] == circle.ref and data["status"] == "ambiguous"
    assert data["candidates"][0]["evidence"]  # why each is a candidate
    assert parse_ref("entry:12") == ("entry", 12) and parse_ref("r3") == ("review", 3)
    with pytest.raises(InvalidValue):
        parse_ref("12")


def test_attaching_an_entry_is_an_edit_that_undoes(
    catalogue: Catalogue, diary: Diary, waiting: dict[str, str]
) -> None:
    queue = FilmQueue(catalogue, diary)
    ref = waiting["entry The Circle (2017)"]
    ponsoldt = catalogue.film_by_imdb_id("tt4287320")
    assert ponsoldt is not None
    assert "is now The Circle (2017)" in queue.attach(ref, ponsoldt)
    entry = diary.get_entry(int(ref.split(":")[1]))
    assert entry.film.key == "imdb:tt4287320" and entry.film.linked
    assert (entry.film.title, entry.rating, entry.watched) == ("The Circle", 6, "2024-01-02")
    assert diary.entries(film_key="imdb:tt4287320") == [entry]
    assert ref not in {item.ref for item in queue.items()}
    diary.undo()
    assert diary.get_entry(entry.id).film.unlinked == WAITING
    with pytest.raises(EntryNotFound):
        queue.item("entry:999")


def test_not_in_the_catalogue_is_kept_in_the_diary_and_never_retried(
    catalogue: Catalogue, diary: Diary, waiting: dict[str, str]
) -> None:
    queue = FilmQueue(catalogue, diary)
    ref = waiting["entry Psycho (1960)"]
    assert "not in the catalogue" in queue.not_in_catalogue(ref)
    entry = diary.get_entry(int(ref.split(":")[1]))
    assert entry.film.unlinked == NO_FILM and entry.film.key == "title:psycho:1960"
    catalogue.add_film(title="Psycho", year=1960, directors=["Alfred Hitchcock"])
    assert queue.retry().entries == []  # the user's decision stands
    assert ref not in {item.ref for item in queue.items()}


def test_settling_a_review(catalogue: Catalogue, diary: Diary, waiting: dict[str, str]) -> None:
    queue = FilmQueue(catalogue, diary)
    ref = waiting["review The Circle (2017)"]
    panahi = catalogue.film_by_imdb_id("tt0255094")
    assert panahi is not None
    queue.attach(ref, panahi)
    [review] = catalogue.reviews_of(panahi.id)
    assert review.id == int(ref.split(":")[1])
    with catalogue.store.write() as conn:
        conn.execute("UPDATE reviews SET film_id = NULL, film_pinned = 0")
    message = queue.not_in_catalogue(ref)
    assert "made the film The Circle (2017)" in message
    assert catalogue.counts()["films"] == 12  # one more "The Circle" of 2017, as asked


def test_waiting_items_are_tried_again_when_the_catalogue_grows(
    catalogue: Catalogue, diary: Diary, waiting: dict[str, str]
) -> None:
    queue = FilmQueue(catalogue, diary)
    catalogue.add_film(title="Psycho", year=1960, imdb_id="tt0054215", directors=["A. Hitchcock"])
    report = queue.retry()
    assert report.entries == ["Psycho (1960)"] and report.reviews == []
    assert report.still_waiting == 2  # The Circle: still two films of 2017
    assert "1 diary entry found their film, 2 still wait" in report.summary()
    psycho = diary.get_entry(int(waiting["entry Psycho (1960)"].split(":")[1]))
    assert psycho.film.key == "imdb:tt0054215" and psycho.film.title == "Psycho"
    assert "undid" in diary.undo().description
    assert diary.get_entry(psycho.id).film.unlinked == WAITING


def test_the_queue_on_the_command_line(
    kinolog: Kinolog, catalogue: Catalogue, diary: Diary, waiting: dict[str, str]
) -> None:
    listed = kinolog("films", "--unresolved")
    assert listed.code == 0 and waiting["entry The Circle (2017)"] in listed.out
    assert "James Ponsoldt" in listed.out and "kinolog resolve ID FILM" in listed.out
    import json

    data = json.loads(kinolog("films", "--unresolved", "--json").out)
    assert {item["id"] for item in data} == set(waiting.values())
    ref = waiting["entry The Circle (2017)"]
    assert kinolog("resolve", ref, "imdb:tt9900001").code == 0
    assert kinolog("resolve", waiting["entry Psycho (1960)"], "none").code == 0
    refused = kinolog("resolve", waiting["review The Circle (2017)"], "the circle 2017")
    assert refused.code == 2 and "matches several films" in refused.err
    assert kinolog("resolve").code == 2  # not a terminal: needs ID FILM
    assert kinolog("resolve", "nonsense", "id:1").code == 2
    catalogue.add_film(title="Heat", year=1995, imdb_id="tt0113277")
    assert "found their film" not in kinolog("resolve", "--retry").out


def test_an_interactive_walk_through_the_queue(
    kinolog: Kinolog,
    catalogue: Catalogue,
    diary: Diary,
    waiting: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answers = iter(["2", "zzz nothing", "s", "n"])  # review: #2; entry: a miss, skip; n
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    result = kinolog("resolve")
    assert result.code == 0 and "3 waiting" in result.out
    assert "no film matches 'zzz nothing'" in result.out
    psycho = diary.get_entry(int(waiting["entry Psycho (1960)"].split(":")[1]))
    assert psycho.film.unlinked == NO_FILM
    review_id = int(waiting["review The Circle (2017)"].split(":")[1])
    assert catalogue.get_review(review_id).film_id is not None


def test_a_catalogue_import_tries_the_queue_again(
    kinolog: Kinolog, catalogue: Catalogue, diary: Diary, waiting: dict[str, str], tmp_path: Path
) -> None:
    films = tmp_path / "films.csv"
    films.write_text("title,year,imdb_id\nPsycho,1960,tt0054215\n", encoding="utf-8")
    result = kinolog("import", "films", str(films))
    assert result.code == 0
    assert "waiting for a film: 1 diary entry found their film, 2 still wait" in result.out
