"""Importing collections: round-ups, a folder's rating scale, duplicates, and --reparse."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from kinolog.db.catalogue import Catalogue
from kinolog.db.importers.reviews import import_reviews, reparse_reviews
from kinolog.db.migrations import CATALOGUE_MIGRATIONS

PARAGRAPH = (
    "Ein langer Absatz über diesen Film, mit genug Wörtern, um als Text einer Kritik zu gelten, "
    "und mit einer Meinung, die man teilen kann oder nicht, aber die begründet ist. "
)
ROUNDUP = (
    '---\ntitle: "Kurzkritiken: März 2024"\nauthor: Mara\ndate: 2024-03-31\n---\n\n'
    "Drei Filme im März, kurz und ohne Spoiler.\n\n"
    "## Heat\n\n*USA (1995) / Regie: Michael Mann / Darsteller: Al Pacino, Robert De Niro*\n\n"
    f"{PARAGRAPH}Die Schießerei in der Innenstadt ist unvergesslich.\n\n**Wertung: 9/10**\n\n"
    "## Collateral\n\n*USA (2004) / Regie: Michael Mann / Darsteller: Tom Cruise*\n\n"
    f"{PARAGRAPH}Los Angeles bei Nacht, digital gefilmt.\n\n**Wertung: 7/10**\n\n"
    "## Blackhat\n\n*USA (2015) / Regie: Michael Mann / Darsteller: Chris Hemsworth*\n\n"
    f"{PARAGRAPH}Hacker tippen sehr schnell.\n\n**Wertung: 4/10**\n\n"
    "Bis nächsten Monat!\n"
)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _rows(catalogue: Catalogue, sql: str) -> list[tuple[object, ...]]:
    with catalogue.store.read() as conn:
        return [tuple(row) for row in conn.execute(sql)]


def test_a_roundup_gives_one_review_per_film(catalogue: Catalogue, tmp_path: Path) -> None:
    path = _write(tmp_path, "2024-03-31-kurzkritiken-maerz.md", ROUNDUP)
    report = import_reviews(catalogue, [path])
    (result,) = report.results
    assert result.status == "added" and len(result.reviews) == 3
    assert [r.film_label for r in result.reviews] == [
        "Heat (1995)",
        "Collateral (2004)",
        "Blackhat (2015)",
    ]
    rows = _rows(
        catalogue, "SELECT part, score_100, author, published, body FROM reviews ORDER BY part"
    )
    assert [row[:4] for row in rows] == [
        (0, 90, "Mara", "2024-03-31"),
        (1, 70, "Mara", "2024-03-31"),
        (2, 40, "Mara", "2024-03-31"),
    ]
    assert "Drei Filme" not in str(rows) and "Bis nächsten Monat" not in str(rows)
    assert "Kurzkritiken" not in {film.title for film, _ in catalogue.reviewed_films()}
    # Importing it again changes nothing; a shorter post drops the part it lost.
    assert import_reviews(catalogue, [path]).results[0].status == "unchanged"
    _write(tmp_path, "2024-03-31-kurzkritiken-maerz.md", ROUNDUP.split("## Blackhat")[0])
    assert import_reviews(catalogue, [path]).results[0].status == "updated"
    assert len(_rows(catalogue, "SELECT id FROM reviews")) == 2


def test_a_post_whose_film_cannot_be_told_waits(catalogue: Catalogue, tmp_path: Path) -> None:
    text = (
        '---\ntitle: "Review-Rundumschlag: Januar 2014"\n---\n\n'
        f"{PARAGRAPH}Den Titel habe ich mir nicht gemerkt.\n\n**Wertung: 6/10**\n"
    )
    path = _write(tmp_path, "2014-01-31-review-rundumschlag-januar-2014.md", text)
    (result,) = import_reviews(catalogue, [path]).results
    assert result.needs_film and result.film_id is None
    assert catalogue.reviewed_films() == []
    assert catalogue.unresolved_reviews()[0].score_100 == 60


def test_choosing_a_film_pins_every_part(catalogue: Catalogue, tmp_path: Path) -> None:
    film = catalogue.add_film(title="Thief", year=1981, directors=["Michael Mann"])
    path = _write(tmp_path, "roundup.md", ROUNDUP)
    import_reviews(catalogue, [path], film=film)
    assert {row[0] for row in _rows(catalogue, "SELECT film_id FROM reviews")} == {film.id}


def test_a_folder_with_ratings_above_five_rates_out_of_ten(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    low = _write(
        tmp_path / "diary", "crash.md", f"---\ntitle: Crash (2004)\nrating: 4\n---\n\n{PARAGRAPH}"
    )
    import_reviews(catalogue, [low])
    assert _rows(catalogue, "SELECT score_100, score_text FROM reviews") == [
        (80, "rating: 4 (of 5)")
    ]
    # A later file of the same folder rates 9: the folder rates out of 10, the first one too.
    high = _write(
        tmp_path / "diary",
        "parasite.md",
        f"---\ntitle: Parasite (2019)\nrating: 9\n---\n\n{PARAGRAPH}",
    )
    import_reviews(catalogue, [high])
    assert sorted(_rows(catalogue, "SELECT score_100, score_text FROM reviews")) == [
        (40, "rating: 4 (of 10)"),
        (90, "rating: 9 (of 10)"),
    ]
    # Another folder is another collection.
    other = _write(
        tmp_path / "blog", "heat.md", f"---\ntitle: Heat (1995)\nrating: 4\n---\n\n{PARAGRAPH}"
    )
    import_reviews(catalogue, [other])
    assert (80,) in _rows(catalogue, "SELECT score_100 FROM reviews")


def test_a_review_resaved_in_another_encoding_is_one_review(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    text = f"Die Blechtrommel (1979)\n\nRegie: Volker Schlöndorff\nLand: BRD\n\n{PARAGRAPH}\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    (tmp_path / "c.txt").write_bytes(text.encode("utf-16"))
    report = import_reviews(catalogue, [tmp_path])
    assert [r.status for r in report.results] == ["added", "unchanged", "unchanged"]
    assert len(_rows(catalogue, "SELECT id FROM reviews")) == 1
    assert report.review_counts()["duplicates"] == 2


def test_reparse_applies_the_new_rules(catalogue: Catalogue, tmp_path: Path) -> None:
    """Reviews stored by an older kinolog: one review for a round-up, byte hashes, duplicates."""
    roundup = _write(tmp_path, "roundup.md", ROUNDUP)
    import_reviews(catalogue, [roundup])
    copy = f"Heat (1995)\n\nRegie: Michael Mann\nLand: USA\n\n{PARAGRAPH * 2}\n"
    with catalogue.store.write() as conn:
        # What the old importer left: the round-up as one review, a copy stored twice.
        conn.execute("DELETE FROM reviews WHERE part > 0")
        conn.execute("UPDATE reviews SET film_id = NULL, sha256 = 'bytes-1', body = 'old'")
        for number, name in enumerate(("copy-1.txt", "copy-2.txt"), start=2):
            conn.execute(
                "INSERT INTO reviews (body, sha256, raw_text, file, imported_at, updated_at)"
                " VALUES ('old', ?, ?, ?, '', '')",
                (f"bytes-{number}", copy, str(tmp_path / name)),
            )
    report = reparse_reviews(catalogue)
    assert report.failed == 0
    rows = _rows(catalogue, "SELECT file, part, sha256 FROM reviews ORDER BY file, part")
    assert [(Path(str(f)).name, p) for f, p, _ in rows] == [
        ("copy-1.txt", 0),
        ("roundup.md", 0),
        ("roundup.md", 1),
        ("roundup.md", 2),
    ]
    assert rows[0][2] == hashlib.sha256(copy.encode()).hexdigest()
    assert reparse_reviews(catalogue).count("updated") == 0  # a second run changes nothing


def test_the_migration_hashes_the_text(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.db"
    conn = sqlite3.connect(path)
    names = [migration.__name__ for migration in CATALOGUE_MIGRATIONS]
    before = names.index("_catalogue_v6_review_pages")
    for migration in CATALOGUE_MIGRATIONS[:before]:
        migration(conn)
    conn.execute(f"PRAGMA user_version = {before}")
    for sha, text in (("b1", "Heat\n\nText."), ("b2", "Heat\n\nText."), ("b3", "Alien")):
        conn.execute(
            "INSERT INTO reviews (body, sha256, raw_text, imported_at, updated_at)"
            " VALUES ('x', ?, ?, '', '')",
            (sha, text),
        )
    conn.commit()
    conn.close()
    catalogue = Catalogue(path)
    hashes = [row[0] for row in _rows(catalogue, "SELECT sha256 FROM reviews ORDER BY id")]
    catalogue.close()
    heat = hashlib.sha256(b"Heat\n\nText.").hexdigest()
    assert hashes == [heat, "b2", hashlib.sha256(b"Alien").hexdigest()]  # b2 waits for --reparse


def test_importing_a_folder_again_keeps_its_scale(catalogue: Catalogue, tmp_path: Path) -> None:
    folder = tmp_path / "diary"
    _write(folder, "crash.md", f"---\ntitle: Crash (2004)\nrating: 4\n---\n\n{PARAGRAPH}")
    _write(folder, "parasite.md", f"---\ntitle: Parasite (2019)\nrating: 9\n---\n\n{PARAGRAPH}")
    import_reviews(catalogue, [folder])
    import_reviews(catalogue, [folder])  # every text stored already
    assert sorted(_rows(catalogue, "SELECT score_100 FROM reviews")) == [(40,), (90,)]
    assert reparse_reviews(catalogue).count("updated") == 0
