"""Letterboxd exports into the diary: files, overlaps, re-imports, undo, bad rows, the CLI."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from kinolog.db.backup import list_backups
from kinolog.db.catalogue import Catalogue
from kinolog.db.diary import Diary
from kinolog.db.errors import ImportFailed
from kinolog.db.formats import export_diary
from kinolog.db.formats.letterboxd import import_letterboxd
from kinolog.db.formats.values import html_to_text
from kinolog.db.models import DiaryEntry, FilmRef
from tests.conftest import CliResult, add_sample_films

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "letterboxd"
EXPORT = FIXTURES / "export"
Kinolog = Callable[..., CliResult]


@pytest.fixture
def films(catalogue: Catalogue) -> Catalogue:
    add_sample_films(catalogue)
    return catalogue


def by_title(diary: Diary) -> dict[str, list[DiaryEntry]]:
    found: dict[str, list[DiaryEntry]] = {}
    for entry in sorted(diary.entries(), key=lambda e: (e.watched or "", e.id)):
        found.setdefault(entry.film.title, []).append(entry)
    return found


def zipped(tmp_path: Path, top_folder: str) -> Path:
    target = tmp_path / "letterboxd-someone-2024-05-01-10-00-utc.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted(EXPORT.rglob("*.csv")):
            archive.write(file, top_folder + file.relative_to(EXPORT).as_posix())
    return target


def test_an_export_folder_gives_each_viewing_once(diary: Diary, films: Catalogue) -> None:
    report = import_letterboxd(diary, [EXPORT], catalogue=films)
    assert report.bad == []
    entries = by_title(diary)
    assert sorted(entries) == [
        "Alien", "Amélie", "Ballerina", "Heat", "Parasite", "Pulp Fiction", "Some Unknown Film",
    ]  # fmt: skip
    # The catalogue knows Amélie (2001) only by its German and French titles: "Amélie"
    # is neither (titles are compared whole), so the row waits for a film.
    assert entries["Amélie"][0].film == FilmRef(
        key="title:amelie:2001", title="Amélie", year=2001, unlinked="waiting"
    )
    assert len(diary.entries()) == 8 == len(report.added)
    # The watchlist is not viewings; the deleted/ folder is not read.
    assert "Dune" not in entries and "Cats" not in entries
    assert [item.film.label for item in diary.watchlist.items()] == ["Dune (2021)"]
    pulp = entries["Pulp Fiction"][0]
    assert pulp.film.key == "imdb:tt0110912" and pulp.film.imdb_id == "tt0110912"
    assert (pulp.rating, pulp.watched, pulp.tags) == (9, "2024-01-05", ("cult", "crime"))
    assert pulp.note == 'Still great & funny.\n\nThe diner scene:\n"Say what again"'
    assert pulp.logged_at.startswith("2024-01-06")
    ballerina = entries["Ballerina"][0]
    assert ballerina.rating is None and ballerina.watched == "2024-02-10"  # an empty rating
    first, second = entries["Heat"]
    assert (first.rating, first.rewatch, second.rating, second.rewatch) == (8, False, 10, True)
    assert second.film == FilmRef("title:heat:1995", "Heat", 1995, unlinked="waiting")
    assert diary.current_rating("title:heat:1995") is None  # no film: no film's rating
    parasite = entries["Parasite"][0]
    assert (parasite.watched, parasite.rating) == (None, 10)
    assert parasite.note == "Stairs, stairs, stairs.\nRich <-> poor."
    alien = entries["Alien"][0]
    assert (alien.watched, alien.rating, alien.film.key) == (None, None, "title:alien:1979")
    assert entries["Some Unknown Film"][0].rating == 6
    # Films the catalogue does not know keep a title key and are listed.
    assert "Heat (1995)" in report.unmatched and "Alien (1979)" in report.unmatched
    assert "Pulp Fiction (1994)" not in report.unmatched
    assert "Ballerina (2023)" not in report.unmatched  # only one Ballerina is from 2023
    assert ballerina.film == FilmRef("title:ballerina:2023", "Ballerina", 2023)  # linked


def test_a_title_the_catalogue_has_as_an_alternative_title(diary: Diary, films: Catalogue) -> None:
    amelie = films.get_film(4)
    with films.store.write() as conn:
        conn.execute(
            "INSERT INTO film_titles (film_id, title, kind, region) VALUES (?, 'Amélie', "
            "'alternative', 'GB')",
            (amelie.id,),
        )
    import_letterboxd(diary, [EXPORT], catalogue=films)
    # The entry names the catalogue's film and keeps Letterboxd's title as its copy.
    assert by_title(diary)["Amélie"][0].film == FilmRef(
        key="imdb:tt0211915", title="Amélie", year=2001, imdb_id="tt0211915"
    )


@pytest.mark.parametrize("top_folder", ["", "letterboxd-someone-2024-05-01-10-00-utc/"])
def test_a_zip_with_or_without_a_top_folder(
    diary: Diary, films: Catalogue, tmp_path: Path, top_folder: str
) -> None:
    report = import_letterboxd(diary, [zipped(tmp_path, top_folder)], catalogue=films)
    assert report.bad == [] and len(report.added) == 8
    assert "Cats" not in by_title(diary)


def test_reimporting_is_a_no_op_and_undo_takes_the_whole_import(
    diary: Diary, films: Catalogue
) -> None:
    diary.log_viewing(FilmRef(key="title:x:2000", title="X", year=2000), rating=4)
    import_letterboxd(diary, [EXPORT], catalogue=films)
    before = diary.counts()
    backups = list_backups(diary.path)
    again = import_letterboxd(diary, [EXPORT], catalogue=films)
    assert again.added == [] and again.completed == [] and again.present == 8
    assert again.watchlist_present == 1 and not again.changed
    assert again.summary().endswith("nothing changed") and again.backup is None
    assert diary.counts() == before
    assert list_backups(diary.path) == backups  # nothing changed: no backup, no undo step
    assert "9 changes" in diary.undo().description  # 8 entries and the watchlist film
    assert [entry.film.title for entry in diary.entries()] == ["X"]
    assert diary.watchlist.items() == []


def test_reimport_after_the_user_edited_and_after_the_catalogue_grew(diary: Diary) -> None:
    import_letterboxd(diary, [EXPORT])  # no catalogue: every film under its title key
    pulp = next(e for e in diary.entries() if e.film.title == "Pulp Fiction")
    diary.edit_entry(pulp.id, rating=4, note="changed my mind")
    parasite = next(e for e in diary.entries() if e.film.title == "Parasite")
    diary.edit_entry(parasite.id, rating=2)
    catalogue = Catalogue(diary.path.with_name("catalogue.db"))
    add_sample_films(catalogue)  # now Pulp Fiction is imdb:tt0110912
    report = import_letterboxd(diary, [EXPORT], catalogue=catalogue)
    catalogue.close()
    assert report.added == [] and report.completed == []
    assert diary.get_entry(pulp.id).note == "changed my mind"


def test_reimport_after_the_catalogue_was_deleted(diary: Diary, data_dir: Path) -> None:
    catalogue = Catalogue(data_dir / "catalogue.db")
    add_sample_films(catalogue)
    import_letterboxd(diary, [EXPORT], catalogue=catalogue)
    catalogue.close()
    (data_dir / "catalogue.db").unlink()
    before = diary.entries()
    empty = Catalogue(data_dir / "catalogue.db")
    report = import_letterboxd(diary, [EXPORT], catalogue=empty)
    empty.close()
    assert report.added == [] and diary.entries() == before


def test_a_dry_run_writes_nothing(diary: Diary, films: Catalogue) -> None:
    report = import_letterboxd(diary, [EXPORT], catalogue=films, dry_run=True)
    assert len(report.added) == 8 and report.dry_run
    assert "would add 8" in report.summary()
    assert diary.entries() == [] and diary.counts()["changes"] == 0
    assert list_backups(diary.path) == []


def test_an_import_is_backed_up_first(diary: Diary, films: Catalogue) -> None:
    diary.log_viewing(FilmRef(key="title:x:2000", title="X", year=2000), rating=4)
    report = import_letterboxd(diary, [EXPORT], catalogue=films)
    assert report.backup is not None and report.backup.exists()
    saved = Diary(report.backup)
    assert [entry.film.title for entry in saved.entries()] == ["X"]
    saved.close()


def test_the_catalogue_is_never_touched(diary: Diary, films: Catalogue) -> None:
    before = films.counts()
    import_letterboxd(diary, [EXPORT], catalogue=films)
    assert films.counts() == before


def test_bad_rows_are_reported_and_the_rest_imported(diary: Diary) -> None:
    report = import_letterboxd(diary, [FIXTURES / "bad_diary.csv"])
    assert [entry.film.title for entry in report.added] == ["Good Film", "Odd Date"]
    assert report.added[1].watched == "2024-01-08"
    assert len(report.bad) == 3
    bad = "\n".join(report.bad)
    assert "bad_diary.csv line 3: rating '6'" in bad
    assert "line 4: date 'someday' not understood" in bad
    assert "line 7: date '2999-01-01' is in the future" in bad  # the blank line 6 counted
    assert "3 bad rows" in report.summary()


def test_single_files_combine_and_a_later_review_completes_its_viewing(diary: Diary) -> None:
    import_letterboxd(diary, [EXPORT / "diary.csv"])
    assert all(entry.note is None for entry in diary.entries())
    report = import_letterboxd(diary, [EXPORT / "reviews.csv"])
    assert [entry.film.title for entry in report.added] == ["Parasite"]
    [(entry, changes)] = report.completed
    assert entry.film.title == "Pulp Fiction" and set(changes) == {"note"}
    pulp = diary.get_entry(entry.id)
    assert pulp.note is not None and pulp.note.startswith("Still great")
    assert len(diary.history(entry.id)) == 2  # logged, then the note: an undoable edit


def test_a_changed_film_rating_becomes_the_current_one(diary: Diary, tmp_path: Path) -> None:
    (tmp_path / "diary.csv").write_text(
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
        "2020-01-02,Heat,1995,https://boxd.it/a,3,,,2020-01-01\n"
    )
    (tmp_path / "ratings.csv").write_text(
        "Date,Name,Year,Letterboxd URI,Rating\n2023-03-03,Heat,1995,https://boxd.it/f,4.5\n"
    )
    import_letterboxd(diary, [tmp_path])
    assert [(e.watched, e.rating) for e in diary.entries()] == [(None, 9), ("2020-01-01", 6)]
    latest = max(diary.entries(), key=lambda entry: entry.logged_at)
    assert latest.rating == 9


def test_letterboxd_import_format_is_read(diary: Diary, films: Catalogue) -> None:
    report = import_letterboxd(diary, [FIXTURES / "import_format.csv"], catalogue=films)
    assert report.bad == []
    entries = by_title(diary)
    pulp = entries["Pulp Fiction"][0]
    assert (pulp.film.key, pulp.rating, pulp.watched) == ("imdb:tt0110912", 9, "2024-01-05")
    assert pulp.note == "Line one\nLine two & more" and pulp.tags == ("cult", "crime")
    heat = entries["Heat"][0]
    assert (heat.rating, heat.rewatch, heat.film.key) == (8, True, "title:heat:1995")
    assert entries["Alien"][0].rating is None and entries["Alien"][0].watched is None


def test_export_then_import_into_an_empty_diary_gives_the_same_diary(
    diary: Diary, films: Catalogue, tmp_path: Path
) -> None:
    pulp, ballerina = films.get_film(1), films.get_film(2)
    diary.log_viewing(
        FilmRef.of(pulp), rating=9, watched="2024-01-05", tags=["cult", "late night"],
        note="Line one\n\n<b>not bold</b> & \"quoted\", with commas\nlast",
    )  # fmt: skip
    diary.log_viewing(FilmRef.of(pulp), rating=10, watched="2025-02-01", rewatch=True)
    diary.log_viewing(FilmRef.of(ballerina), watched=None)
    diary.log_viewing(FilmRef(key="title:heat:1995", title="Heat", year=1995), rating=1)
    diary.log_viewing(
        FilmRef(key="imdb:tt9999999", title="Nowhere", year=None, imdb_id="tt9999999"), rating=5
    )
    target = tmp_path / "letterboxd.csv"
    with target.open("w", encoding="utf-8", newline="") as out:
        export_diary(diary, out, "letterboxd", catalogue=films)
    fresh = Diary(tmp_path / "fresh.db")
    report = import_letterboxd(fresh, [target], catalogue=films)
    assert report.bad == []

    def shape(store: Diary) -> list[tuple[object, ...]]:
        return sorted(
            (e.film.key, e.film.title, e.film.year, e.film.imdb_id, e.rating, e.watched,
             e.rewatch, e.tags, e.note)
            for e in store.entries()
        )  # fmt: skip

    assert shape(fresh) == shape(diary)
    assert import_letterboxd(fresh, [target], catalogue=films).added == []
    fresh.close()


def test_files_that_are_not_a_letterboxd_export(diary: Diary, tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="no such file or folder"):
        import_letterboxd(diary, [tmp_path / "missing.zip"])
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    with pytest.raises(ImportFailed, match="no Letterboxd export files in it"):
        import_letterboxd(diary, [empty])
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n")
    with pytest.raises(ImportFailed, match="not a Letterboxd export file"):
        import_letterboxd(diary, [other])
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportFailed, match=r"broken\.zip"):
        import_letterboxd(diary, [broken])
    assert diary.entries() == []


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("plain text", "plain text"),
        ("one<br>two<br/>three<br />\nfour", "one\ntwo\nthree\nfour"),
        ("<p>first</p><p>second</p>", "first\n\nsecond"),
        ("<p>first</p>\r\n<p>second &amp; &#8217;third&#8217;</p>", "first\n\nsecond & ’third’"),
        ("a <a href='x'>link</a> and <i>style</i>", "a link and style"),
        ("keeps\n\nits own breaks", "keeps\n\nits own breaks"),
        ("<ul><li>one</li><li>two</li></ul>", "one\ntwo"),
        ("x<script>alert(1)</script>y", "xy"),
        ("5 &lt; 6 &gt; 4", "5 < 6 > 4"),
        ("", ""),
    ],
)
def test_html_to_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


def test_the_cli(kinolog: Kinolog, films: Catalogue, tmp_path: Path) -> None:
    dry = kinolog("import", "letterboxd", str(EXPORT), "--dry-run")
    assert dry.code == 0, dry.err
    assert "would add: Pulp Fiction (1994) ★★★★½ watched 2024-01-05" in dry.out
    assert "would add 8 entries" in dry.out
    assert json.loads(kinolog("log", "--json").out) == []
    done = kinolog("import", "letterboxd", str(EXPORT))
    assert done.code == 0 and "added 8 entries" in done.out
    assert "not in the catalogue" in done.out and "  Heat (1995)" in done.out
    assert "added 0 entries, 8 already there" in kinolog("import", "letterboxd", str(EXPORT)).out
    assert kinolog("undo").code == 0
    assert json.loads(kinolog("log", "--json").out) == []


def test_the_cli_with_bad_rows_and_bad_files(kinolog: Kinolog, tmp_path: Path) -> None:
    result = kinolog("import", "letterboxd", str(FIXTURES / "bad_diary.csv"))
    assert result.code == 1
    assert "bad_diary.csv line 3: rating '6'" in result.err
    assert "Traceback" not in result.err
    assert len(json.loads(kinolog("log", "--json").out)) == 2
    missing = kinolog("import", "letterboxd", str(tmp_path / "nope.zip"))
    assert missing.code == 1 and missing.err.startswith("kinolog: error: ")
    assert "nope.zip" in missing.err and "Traceback" not in missing.err


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    from kinolog.tui.cli.main import run

    for kind in ("letterboxd", "imdb-ratings"):
        with pytest.raises(SystemExit):
            run(["import", kind, "--help"])
        out = capsys.readouterr().out
        assert "examples:" in out and "--dry-run" in out


def test_a_folder_holding_the_unpacked_export(diary: Diary, tmp_path: Path) -> None:
    unpacked = tmp_path / "downloads" / "letterboxd-someone-2024-05-01-10-00-utc"
    shutil.copytree(EXPORT, unpacked)
    report = import_letterboxd(diary, [tmp_path / "downloads"])
    assert len(report.added) == 8 and report.bad == []
