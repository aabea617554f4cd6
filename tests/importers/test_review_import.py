"""Importing review files: the right film, whole files, re-imports, encodings, the CLI."""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from kinolog.db.catalogue import Catalogue
from kinolog.db.importers.reviews import find_review_files, import_reviews, reparse_reviews
from kinolog.db.progress import SilentProgress
from kinolog.db.search import FilmSearch
from tests.conftest import CliResult

# KINOLOG_SEEDS: the seed pages when shared/ is not beside the checkout (a worktree).
SEEDS = Path(
    os.environ.get("KINOLOG_SEEDS")
    or Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
)


def front_matter(
    body: str = "A review body with enough words to be a review.", **fields: object
) -> str:
    lines = ["---", *(f"{key}: {value}" for key, value in fields.items()), "---", "", body, ""]
    return "\n".join(lines)


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=encoding)
    return path


def titles_and_years(catalogue: Catalogue) -> list[tuple[str, int | None, int]]:
    return sorted((film.title, film.year, count) for film, count in catalogue.reviewed_films())


# -- the right film ---------------------------------------------------------------------------


def test_same_title_different_years_are_different_films(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    write(tmp_path, "a.md", front_matter(title="Solaris", year=1972, director="Andrei Tarkovsky"))
    write(tmp_path, "b.md", front_matter(title="Solaris", year=2002, director="Steven Soderbergh"))
    write(tmp_path, "c.md", front_matter(title="Solaris", year=1972))
    report = import_reviews(catalogue, [tmp_path])
    assert report.count("added") == 3 and report.failed == 0
    assert titles_and_years(catalogue) == [("Solaris", 1972, 2), ("Solaris", 2002, 1)]


def test_same_title_disjoint_directors_are_different_films(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    write(
        tmp_path,
        "a.md",
        front_matter(title="Crash", director="David Cronenberg", cast="James Spader"),
    )
    write(
        tmp_path, "b.md", front_matter(title="Crash", director="Paul Haggis", cast="Sandra Bullock")
    )
    import_reviews(catalogue, [tmp_path])
    assert [t for t in titles_and_years(catalogue)] == [("Crash", None, 1), ("Crash", None, 1)]


def test_name_variants_identify_one_film(catalogue: Catalogue, tmp_path: Path) -> None:
    write(
        tmp_path,
        "1.md",
        front_matter(
            title="Ballerina", director="Lee Chung-hyun", cast="Jeon Jong-seo, Kim Ji-hoon"
        ),
    )
    write(
        tmp_path,
        "2.md",
        front_matter(title="Ballerina", year=2023, director="Chung-Hyun Lee", cast="Jong-seo Jeon"),
    )
    write(tmp_path, "3.md", front_matter(title="Ballerina", cast="Jun Jong-seo, Kim Ji-hun"))
    report = import_reviews(catalogue, [tmp_path])
    assert report.needs_film == 0
    assert titles_and_years(catalogue) == [("Ballerina", 2023, 3)]
    film = catalogue.reviewed_films()[0][0]
    assert film.directors == ("Lee Chung-hyun",)
    assert len(film.cast) == 2  # Jeon Jong-seo and Kim Ji-hoon, each once
    assert catalogue.counts()["people"] == 3


def test_a_film_made_without_a_year_gains_it(catalogue: Catalogue, tmp_path: Path) -> None:
    write(tmp_path, "1.md", front_matter(title="Oldboy", director="Park Chan-wook"))
    import_reviews(catalogue, [tmp_path / "1.md"])
    assert titles_and_years(catalogue) == [("Oldboy", None, 1)]
    write(tmp_path, "2.md", front_matter(title="Oldboy", year=2003, director="Chan-wook Park"))
    import_reviews(catalogue, [tmp_path / "2.md"])
    assert titles_and_years(catalogue) == [("Oldboy", 2003, 2)]
    assert FilmSearch(catalogue).find_film("oldboy 2003").directors == ("Park Chan-wook",)


def test_original_title_becomes_an_alternative_title(catalogue: Catalogue, tmp_path: Path) -> None:
    write(
        tmp_path,
        "1.md",
        front_matter(
            title="Das Leben der Anderen", original_title="The Lives of Others", year=2006
        ),
    )
    write(tmp_path, "2.md", front_matter(title="The Lives of Others", year=2006))
    import_reviews(catalogue, [tmp_path])
    [(film, count)] = catalogue.reviewed_films()
    assert count == 2
    assert film.title == "Das Leben der Anderen"
    assert "The Lives of Others" in film.titles


def test_thin_evidence_goes_to_the_needs_a_film_queue(catalogue: Catalogue, tmp_path: Path) -> None:
    write(tmp_path, "a.md", front_matter(title="Heat", year=1995, director="Michael Mann"))
    write(tmp_path, "b.md", front_matter(title="Heat", year=1986, director="Dick Richards"))
    write(tmp_path, "c.md", front_matter(title="Heat"))  # which Heat?
    write(tmp_path, "d.txt", "Just some thoughts about a film I saw yesterday. It was long.\n")
    report = import_reviews(catalogue, [tmp_path])
    assert report.needs_film == 2 and report.failed == 0
    assert len(catalogue.unresolved_reviews()) == 2


def test_any_import_order_gives_the_same_films(catalogue: Catalogue, tmp_path: Path) -> None:
    texts = [
        front_matter(title="Ballerina", cast="Jeon Jong-seo", director="Lee Chung-hyun"),
        front_matter(title="Ballerina", year=2023, director="Chung-Hyun Lee"),
        front_matter(
            title="Ballerina",
            original_title="From the World of John Wick: Ballerina",
            year=2025,
            director="Len Wiseman",
        ),
    ]
    for number, order in enumerate(itertools.permutations(range(3))):
        folder = tmp_path / f"run{number}"
        store = Catalogue(folder / "catalogue.db")
        for index in order:
            import_reviews(store, [write(folder, f"{index}.md", texts[index])])
        assert titles_and_years(store) == [("Ballerina", 2023, 2), ("Ballerina", 2025, 1)], order
        store.close()


# -- files ------------------------------------------------------------------------------------


def test_reimporting_is_a_no_op_and_a_changed_file_updates_in_place(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    path = write(tmp_path, "r.md", front_matter(title="Alien", year=1979, score="4/5"))
    assert import_reviews(catalogue, [path]).count("added") == 1
    assert import_reviews(catalogue, [path]).count("unchanged") == 1
    write(tmp_path, "r.md", front_matter(title="Alien", year=1979, score="5/5"))
    assert import_reviews(catalogue, [path]).count("updated") == 1
    [review] = catalogue.reviews_of(FilmSearch(catalogue).find_film("alien").id)
    assert (review.score_text, review.score_100) == ("5/5", 100)
    assert catalogue.counts()["reviews"] == 1


def test_a_renamed_file_is_recognised(catalogue: Catalogue, tmp_path: Path) -> None:
    path = write(tmp_path, "old.md", front_matter(title="Alien", year=1979))
    import_reviews(catalogue, [path])
    renamed = path.rename(tmp_path / "new.md")
    report = import_reviews(catalogue, [renamed])
    assert report.count("unchanged") == 1
    [review] = catalogue.reviews_of(FilmSearch(catalogue).find_film("alien").id)
    assert review.file == str(renamed.resolve())


def test_dry_run_reports_and_writes_nothing(catalogue: Catalogue, tmp_path: Path) -> None:
    write(tmp_path, "a.md", front_matter(title="Alien", year=1979))
    write(tmp_path, "b.bin.txt", "")
    report = import_reviews(catalogue, [tmp_path], dry_run=True)
    assert (report.count("added"), report.failed) == (1, 1)
    assert catalogue.counts()["reviews"] == 0 and catalogue.counts()["films"] == 0


def test_bad_files_fail_alone_with_a_reason(catalogue: Catalogue, tmp_path: Path) -> None:
    write(tmp_path, "good.md", front_matter(title="Alien", year=1979))
    (tmp_path / "empty.txt").write_text("  \n\n")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "huge.txt").write_bytes(b"word " * 600_000)
    progress = SilentProgress()
    report = import_reviews(catalogue, [tmp_path], progress=progress)
    assert (report.count("added"), report.failed) == (1, 3)
    assert len(progress.problems) == 3
    assert all("\n" not in problem for problem in progress.problems)
    assert any("empty" in problem for problem in progress.problems)
    assert any("large" in problem for problem in progress.problems)


def test_encodings_and_line_ends(catalogue: Catalogue, tmp_path: Path) -> None:
    text = front_matter("Ein Film über Größe und Schönheit.", title="Die Blechtrommel", year=1979)
    write(tmp_path, "cp1252.txt", text.replace("1979", "1979").replace("\n", "\r\n"), "cp1252")
    write(tmp_path, "utf16.txt", text.replace("Größe", "Größe!"), "utf-16")
    write(tmp_path, "bom.txt", "\ufeff" + text.replace("Größe", "Größe?"))
    write(tmp_path, "cr.txt", text.replace("Größe", "Größe.").replace("\n", "\r"))
    report = import_reviews(catalogue, [tmp_path])
    assert report.failed == 0, [r.message for r in report.results]
    [(film, count)] = catalogue.reviewed_films()
    assert (film.title, film.year, count) == ("Die Blechtrommel", 1979, 4)
    bodies = [review.body for review in catalogue.reviews_of(film.id)]
    assert all("Größe" in body and "\r" not in body for body in bodies)


def test_find_review_files_recurses_and_skips_hidden(tmp_path: Path) -> None:
    for name in ("a.txt", "sub/b.md", "sub/deeper/c.TEXT", "sub/image.png", ".hidden/d.txt"):
        write(tmp_path, name, "x")
    found = [path.relative_to(tmp_path).as_posix() for path in find_review_files([tmp_path])]
    assert found == ["a.txt", "sub/b.md", "sub/deeper/c.TEXT"]


def test_attaching_to_a_chosen_film_survives_reparse(catalogue: Catalogue, tmp_path: Path) -> None:
    film = catalogue.add_film(title="Heat", year=1995, directors=["Michael Mann"])
    path = write(tmp_path, "c.md", front_matter(title="Heat"))
    import_reviews(catalogue, [path])
    assert len(catalogue.unresolved_reviews()) == 1
    report = import_reviews(catalogue, [path], film=film)
    assert report.count("updated") == 1
    assert catalogue.unresolved_reviews() == []
    reparse_reviews(catalogue)
    assert len(catalogue.reviews_of(film.id)) == 1


def test_reparse_keeps_unchanged_reviews(catalogue: Catalogue, tmp_path: Path) -> None:
    write(tmp_path, "a.md", front_matter(title="Alien", year=1979, score="8/10"))
    import_reviews(catalogue, [tmp_path])
    report = reparse_reviews(catalogue)
    assert report.count("unchanged") == 1


def test_scores_are_normalised_and_never_invented(catalogue: Catalogue, tmp_path: Path) -> None:
    write(tmp_path, "a.md", front_matter(title="Alien", year=1979, score="3.5/5"))
    write(tmp_path, "b.md", front_matter(title="Aliens", year=1986))
    import_reviews(catalogue, [tmp_path])
    scored = catalogue.reviews_of(FilmSearch(catalogue).find_film("alien 1979").id)[0]
    assert (scored.score, scored.score_max, scored.score_100) == (3.5, 5.0, 70)
    unscored = catalogue.reviews_of(FilmSearch(catalogue).find_film("aliens").id)[0]
    assert (unscored.score, unscored.score_text, unscored.score_100) == (None, None, None)


# -- the seeds --------------------------------------------------------------------------------


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds is not beside this checkout")
@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_seed_reviews_give_two_ballerinas_in_any_order(
    tmp_path: Path, order: tuple[int, ...]
) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    catalogue = Catalogue(tmp_path / "catalogue.db")
    for index in order:
        report = import_reviews(catalogue, [seeds[index]])
        assert report.failed == 0
    films = {film.year: (film, count) for film, count in catalogue.reviewed_films()}
    assert catalogue.counts()["films"] == 2
    assert set(films) == {2023, 2025}
    korean, korean_reviews = films[2023]
    american, american_reviews = films[2025]
    assert (korean.title, american.title) == ("Ballerina", "Ballerina")
    assert (korean_reviews, american_reviews) == (2, 1)
    assert len(korean.directors) == 1 and "Lee" in korean.directors[0]
    assert american.directors == ("Len Wiseman",)
    assert "Ana de Armas" in american.cast
    assert "From the World of John Wick: Ballerina" in american.titles
    assert catalogue.unresolved_reviews() == []
    catalogue.close()


# -- the command ------------------------------------------------------------------------------


def test_cli_import_reviews(kinolog: Callable[..., CliResult], tmp_path: Path) -> None:
    folder = tmp_path / "reviews"
    write(folder, "a.md", front_matter(title="Alien", year=1979, director="Ridley Scott"))
    write(folder, "b.md", front_matter(title="Heat"))
    (folder / "c.txt").write_bytes(b"")
    result = kinolog("import", "reviews", str(folder), str(tmp_path / "missing.txt"))
    assert result.code == 1
    assert "3 files: 2 added, 0 updated, 0 unchanged, 1 need a film, 1 failed" in result.out
    assert "missing.txt: no such file" in result.err
    assert "c.txt" in result.err and "Traceback" not in result.err
    again = kinolog("import", "reviews", str(folder / "a.md"))
    assert again.code == 0 and "1 unchanged" in again.out
    unresolved = json.loads(kinolog("films", "--unresolved", "--json").out)
    assert len(unresolved) == 1
    films = json.loads(kinolog("films", "--json").out)
    assert [(f["title"], f["review_count"]) for f in films] == [("Alien", 1)]
    dry = kinolog("import", "reviews", "--dry-run", str(folder / "b.md"), "--film", "alien")
    assert "dry run" in dry.out
    assert len(json.loads(kinolog("films", "--unresolved", "--json").out)) == 1
