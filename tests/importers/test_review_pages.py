"""Our own saved pages in every layout, parsed and imported the way a new user would.

``tests/fixtures/reviews/more/`` holds pages written for these tests (German and English, films
that share a title with other films, names spelled several ways) and ``expected.json`` says what
each page states. The import test reads them, plus the real seed pages when they exist, into
fresh catalogues in two orders and checks that the same films come out with the same reviews.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.importers.reviews import ParsedReview, import_reviews, parse_review
from kinolog.db.importers.reviews.text import decode_review_bytes
from kinolog.db.names import same_person
from kinolog.db.text import fold

PAGES = Path(__file__).parents[1] / "fixtures" / "reviews" / "more"
# KINOLOG_SEEDS: the seed pages when shared/ is not beside the checkout (a worktree).
SEEDS = Path(
    os.environ.get("KINOLOG_SEEDS") or Path(__file__).parents[2].parent / "shared" / "seeds"
)
EXPECTED: dict[str, dict[str, object]] = json.loads(
    (PAGES / "expected.json").read_text(encoding="utf-8")
)
# The seeds: which film each one is about (two different films are called "Ballerina").
SEED_FILMS = {"000": "ballerina-2023", "001": "ballerina-2023", "002": "ballerina-2025"}
# Lines no body may keep, on any page.
FURNITURE_BLOCKS = frozenset(
    {
        "teilen",
        "facebook",
        "twitter",
        "share",
        "kommentare",
        "comments",
        "trailer",
        "bilder",
        "(anzeige)",
        "advertisement",
        "credits",
        "weitere artikel",
        "gallery",
    }
)


def parse_page(name: str) -> ParsedReview:
    data = (PAGES / name).read_bytes()
    return parse_review(decode_review_bytes(data, name=name).text)


def names_match(expected: object, found: tuple[str, ...], *, subset: bool) -> bool:
    wanted = list(expected) if isinstance(expected, list) else []
    if not subset and len(wanted) != len(found):
        return False
    return all(any(same_person(name, other) for other in found) for name in wanted)


def headings(review: ParsedReview) -> list[str]:
    return [block[3:] for block in review.body.split("\n\n") if block.startswith("## ")]


def test_there_are_enough_pages_of_every_kind() -> None:
    layouts = [str(expected["layout"]) for expected in EXPECTED.values()]
    assert len(EXPECTED) >= 16
    assert {"credits-block", "story-review", "field-lines", "front-matter", "plain"} <= set(layouts)
    assert {expected["language"] for expected in EXPECTED.values()} == {"de", "en"}
    pages = sorted(p.name for p in PAGES.iterdir() if p.suffix in (".txt", ".md"))
    assert pages == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_facts(name: str) -> None:
    expected = EXPECTED[name]
    review = parse_page(name)
    facts = review.facts
    assert review.layout == expected["layout"]
    assert facts.title == expected["title"]
    assert facts.original_title == expected["original_title"]
    assert facts.year == expected["year"]
    assert list(facts.countries) == expected["countries"]
    assert names_match(expected["directors"], facts.directors, subset=False), facts.directors
    assert names_match(expected["cast"], facts.cast, subset=True), facts.cast


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_review_fields(name: str) -> None:
    expected = EXPECTED[name]
    review = parse_page(name)
    assert review.author == expected["author"]
    assert review.language == expected["language"]
    assert review.published == expected["published"]
    score = expected["score"]
    if score is None:
        assert review.score is None
    else:
        assert isinstance(score, dict) and review.score is not None
        found = review.score
        assert (found.text, found.value, found.scale, found.score_100) == (
            score["text"],
            score["value"],
            score["scale"],
            score["score_100"],
        )
    summary = expected["summary"]
    if summary is None:
        assert review.summary is None
    else:
        assert review.summary is not None and review.summary.startswith(str(summary))
        assert review.summary[:40] not in review.body  # the verdict is kept apart


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_body_keeps_headings_and_drops_furniture(name: str) -> None:
    expected = EXPECTED[name]
    review = parse_page(name)
    assert len(review.body) > 200
    assert headings(review) == expected["headings"]
    for text in expected["furniture"]:  # type: ignore[attr-defined]
        assert text not in review.body, text
    blocks = {block.casefold() for block in review.body.split("\n\n")}
    assert not blocks & FURNITURE_BLOCKS
    assert "\n\n\n" not in review.body


def test_pages_parse_fast() -> None:
    text = (PAGES / "credits_de_crash_1996.txt").read_text(encoding="utf-8")
    page = "\n\n".join([text] * (20_000 // len(text) + 1))[:20_000]
    best = min(_timed(page) for _ in range(5))
    assert best < 0.02  # generous for slow machines; measured well under 2 ms


def _timed(page: str) -> float:
    start = time.perf_counter()
    parse_review(page)
    return time.perf_counter() - start


# -- importing them all ------------------------------------------------------------------------


def _all_files() -> dict[Path, str | None]:
    """Every page and the film group it belongs to (None: it must wait for a film)."""
    files: dict[Path, str | None] = {
        PAGES / name: expected["film"]  # type: ignore[misc]
        for name, expected in EXPECTED.items()
    }
    if SEEDS.is_dir():
        for path in sorted(SEEDS.glob("*.txt")):
            files[path] = SEED_FILMS.get(path.name[:3])
    return files


def _import(catalogue: Catalogue, paths: list[Path]) -> dict[str, int | None]:
    report = import_reviews(catalogue, paths)
    assert report.failed == 0, [r.message for r in report.results if r.status == "failed"]
    return {result.file: result.film_id for result in report.results}


FilmRow = tuple[str, int | None, tuple[str, ...], frozenset[str]]


def _films(
    catalogue: Catalogue, by_file: dict[str, int | None], files: dict[Path, str | None]
) -> dict[str, FilmRow]:
    """Each film group as (title, year, sorted file names, titles) after an import."""
    groups: dict[str, FilmRow] = {}
    film_of_group: dict[str, int] = {}
    for path, group in files.items():
        film_id = by_file[str(path.resolve())]  # the importer records resolved paths
        if group is None:
            assert film_id is None, f"{path.name} should wait for a film"
            continue
        assert film_id is not None, f"{path.name} found no film"
        assert film_of_group.setdefault(group, film_id) == film_id, f"{path.name} on another film"
    assert len(set(film_of_group.values())) == len(film_of_group), "two groups on one film"
    for group, film_id in film_of_group.items():
        film = catalogue.get_film(film_id, with_reviews=True)
        names = tuple(sorted(Path(r.file or "").name for r in film.reviews))
        titles = frozenset(fold(t) for t in (film.title, film.original_title, *film.titles) if t)
        groups[group] = (film.title, film.year, names, titles)
    return groups


def test_import_in_two_orders_gives_the_same_films(tmp_path: Path) -> None:
    files = _all_files()
    forward = sorted(files, key=lambda p: p.name)
    backward = list(reversed(forward))
    results = []
    for label, order in (("forward", forward), ("backward", backward)):
        catalogue = Catalogue(tmp_path / f"{label}.db")
        try:
            results.append(_films(catalogue, _import(catalogue, order), files))
        finally:
            catalogue.close()
    first, second = results
    assert {g: (year, names) for g, (_, year, names, _) in first.items()} == {
        g: (year, names) for g, (_, year, names, _) in second.items()
    }
    years = {group: year for group, (_, year, _, _) in first.items()}
    # A film first made without a year gains it from a later review, in either order.
    assert years["drive-2011"] == 2011 and years["drive-1997"] is None
    assert years["solaris-2002"] == 2002 and years["solaris-1972"] == 1972
    assert years["crash-1996"] == 1996 and years["crash-2004"] == 2004
    assert years["thing-1982"] == 1982 and years["thing-2011"] == 2011
    for result in results:
        # Original and alternative titles become titles of the film.
        assert fold("Le Fabuleux Destin d'Amélie Poulain") in result["amelie"][3]
        assert fold("Manbiki kazoku") in result["shoplifters"][3]
        assert fold("The Thing") in result["thing-1982"][3]
        assert fold("Das Ding aus einer anderen Welt") in result["thing-1982"][3]


# -- variations real pages have, one line each ---------------------------------------------------

PARAGRAPH = (
    "Dies ist ein langer Absatz über den Film, der viele Worte enthält und nicht als Überschrift "
    "gelten kann, weil er so lang ist und mit einem Punkt endet. "
) * 2


@pytest.mark.parametrize(
    ("headline", "title", "year"),
    [
        ("Fight Club (1999)", "Fight Club", 1999),
        ("Fight Club – 1999", "Fight Club", 1999),
        ("Fight Club (USA 1999)", "Fight Club", 1999),
        ("Kritik: Fight Club (1999)", "Fight Club", 1999),
        ("Fight Club (1999) – Filmkritik", "Fight Club", 1999),
        ("Filmkritik: Fight Club", "Fight Club", 2000),
        ("Fight Club review – a bruising satire", "Fight Club", 2000),
        ("„Fight Club“ (1999)", "Fight Club", 1999),
    ],
)
def test_headline_forms(headline: str, title: str, year: int) -> None:
    # Without a year in the headline, the credits state one (2000) so the page has a year.
    credits = "Regie: David Fincher\n" + ("Jahr: 2000" if year == 2000 else "Land: USA")
    review = parse_review(f"{headline}\n\n{PARAGRAPH}\n\nFazit: Gut.\n\n{credits}\n")
    assert (review.facts.title, review.facts.year) == (title, year)


def test_label_lines_with_values_below() -> None:
    text = (
        f"Past Lives\n★★★★\nJane Critic\nJune 2, 2023\n\n{PARAGRAPH}\n\n"
        "Cast\nGreta Lee as Nora\nTeo Yoo as Hae Sung\n\nDirector\nCeline Song\n\nRated PG-13\n"
    )
    review = parse_review(text)
    assert review.facts.title == "Past Lives"
    assert review.facts.directors == ("Celine Song",)
    assert review.facts.cast == ("Greta Lee", "Teo Yoo")
    assert (review.author, review.published) == ("Jane Critic", "2023-06-02")
    assert review.score is not None and review.score.score_100 == 80
    assert "Greta Lee as Nora" not in review.body and "Jane Critic" not in review.body


def test_country_and_year_on_one_label_and_source_work_cut_from_writers() -> None:
    text = (
        f"Oldboy (2003)\n\n{PARAGRAPH}\n\nLand/Jahr: Südkorea 2003\nRegie: Park Chan-wook\n"
        "Drehbuch: Park Chan-wook nach dem Manga von Garon Tsuchiya\n"
    )
    facts = parse_review(text).facts
    assert (facts.countries, facts.year) == (("Südkorea",), 2003)
    assert facts.writers == ("Park Chan-wook",)


def test_a_character_who_directs_is_not_the_director() -> None:
    text = (
        "Story: The television director Cameron Thayer (Terrence Howard) is stopped by police.\n"
        'Review: "Crash" is earnest. Paul Haggis, who directed it, means well with "Crash".\n'
    )
    facts = parse_review(text).facts
    assert facts.directors == ("Paul Haggis",)
    assert facts.cast == ("Terrence Howard",)


def test_share_rows_crumbs_and_dated_bylines_are_not_text() -> None:
    text = (
        f"Start › Filme › Kritiken\n\nDrive (2011)\n\nThu 7 Sep 2023 11.00 BST | Von Max Muster\n\n"
        f"Teilen Twittern WhatsApp\n\n{PARAGRAPH}\n\nShare this\nFacebook\n"
    )
    review = parse_review(text)
    assert review.body == PARAGRAPH.strip()
    assert (review.author, review.published) == ("Max Muster", "2023-09-07")
