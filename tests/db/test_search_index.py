"""The search index stays right whoever changes the catalogue (kinolog.db.search.state)."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

import kinolog.db.search.build
import kinolog.db.search.state
import kinolog.db.search.vocabulary
from kinolog.db.catalogue import Catalogue
from kinolog.db.migrations import CATALOGUE_MIGRATIONS
from kinolog.db.search import FilmSearch, refresh_search_index
from kinolog.db.store import Store
from tests.db.test_search import add_search_films, labels


@pytest.fixture
def films(catalogue: Catalogue) -> Catalogue:
    add_search_films(catalogue)
    FilmSearch(catalogue).search_films("warm up")  # build and save the index
    return catalogue


@pytest.fixture
def search(films: Catalogue) -> FilmSearch:
    """One search of the catalogue, kept across the test (as the app keeps one)."""
    return FilmSearch(films)


def titles_found(search: FilmSearch, query: str) -> list[str]:
    return [hit.film.title for hit in search.search_films(query)]


def dirty(catalogue: Catalogue) -> list[int]:
    with catalogue.store.read() as conn:
        return [row[0] for row in conn.execute("SELECT film_id FROM search_dirty")]


def test_the_index_is_saved_and_reused(films: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    assert dirty(films) == []
    path = films.path
    films.close()
    builds: list[object] = []
    real = kinolog.db.search.state.write_index
    monkeypatch.setattr(
        kinolog.db.search.state,
        "write_index",
        lambda conn, path, **options: builds.append(path) or real(conn, path, **options),
    )
    reopened = Catalogue(path)
    assert titles_found(FilmSearch(reopened), "pulp fiction")[0] == "Pulp Fiction"
    assert builds == []  # loaded, not built
    reopened.close()


def test_an_added_film_is_found_at_once(films: Catalogue, search: FilmSearch) -> None:
    film = films.add_film(title="Oldboy", year=2003, directors=["Park Chan-wook"])
    assert dirty(films) == [film.id]
    assert titles_found(search, "oldboy")[0] == "Oldboy"
    assert titles_found(search, "park chan wook")[0] == "Oldboy"
    assert search.state.snapshot().overlay is not None


def test_renamed_and_deleted_films(films: Catalogue, search: FilmSearch) -> None:
    pulp = search.search_films("pulp fiction")[0].film
    with films.store.write() as conn:
        conn.execute("UPDATE films SET title = 'Black Mask' WHERE id = ?", (pulp.id,))
    assert titles_found(search, "black mask")[0] == "Black Mask"
    assert "Black Mask" not in titles_found(search, "pulp fiction")
    with films.store.write() as conn:
        conn.execute("DELETE FROM films WHERE id = ?", (pulp.id,))
    assert "Black Mask" not in titles_found(search, "black mask")
    assert "Black Mask" not in [hit.film.title for hit in search.search_films("")]


def test_merged_films(films: Catalogue, search: FilmSearch) -> None:
    duplicate = films.add_film(title="Ballerina", year=2025, titles=["Ballerina (Rache)"])
    keep = next(h.film for h in search.search_films("ballerina 2025") if h.film.id != duplicate.id)
    with films.store.write() as conn:  # what an importer's merge does
        conn.execute(
            "UPDATE film_titles SET film_id = ? WHERE film_id = ?", (keep.id, duplicate.id)
        )
        conn.execute("DELETE FROM films WHERE id = ?", (duplicate.id,))
    hits = search.search_films("ballerina rache")
    assert hits[0].film.id == keep.id
    assert duplicate.id not in [hit.film.id for hit in search.search_films("ballerina")]


def test_people_renamed_given_aliases_and_credited(films: Catalogue, search: FilmSearch) -> None:
    with films.store.write() as conn:
        (person,) = conn.execute("SELECT id FROM people WHERE name = 'Len Wiseman'").fetchone()
        conn.execute("UPDATE people SET name = 'Leonard Wiseman' WHERE id = ?", (person,))
        conn.execute(
            "INSERT INTO person_aliases (person_id, alias) VALUES (?, 'L. Wiseman')", (person,)
        )
    assert search.search_films("leonard wiseman")[0].matched == "Leonard Wiseman"
    assert search.search_films("l wiseman")[0].film.year == 2025
    (jaws,) = [h.film for h in search.search_films("jaws")][:1]
    with films.store.write() as conn:
        conn.execute(
            "INSERT INTO credits (film_id, person_id, role, ordering) VALUES (?, ?, 'writer', 0)",
            (jaws.id, person),
        )
    assert jaws.id in [hit.film.id for hit in search.search_films("leonard wiseman")]


def test_a_write_that_is_rolled_back_leaves_no_trace(films: Catalogue, search: FilmSearch) -> None:
    class Abort(Exception):
        pass

    with pytest.raises(Abort), films.store.write() as conn:
        conn.execute(
            "INSERT INTO films (title, year, origin, added_at, updated_at)"
            " VALUES ('Phantom Film', 2001, 'manual', 'now', 'now')"
        )
        assert titles_found(search, "phantom film")[0] == "Phantom Film"  # seen inside
        raise Abort
    assert "Phantom Film" not in titles_found(search, "phantom film")


def test_another_connection_and_another_process(films: Catalogue, search: FilmSearch) -> None:
    other = Catalogue(films.path)
    other.add_film(title="Old Boy", year=2013)
    other.close()
    assert titles_found(search, "old boy")[0] == "Old Boy"
    script = (
        "import sys; from pathlib import Path; from kinolog.db.catalogue import Catalogue;"
        "c = Catalogue(Path(sys.argv[1])); c.add_film(title='Memories of Murder', year=2003);"
        "c.close()"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", script, str(films.path)], check=True, cwd=root)
    assert titles_found(search, "memories of murder")[0] == "Memories of Murder"


def test_many_changes_rebuild_and_save_the_index(
    films: Catalogue, monkeypatch: pytest.MonkeyPatch, search: FilmSearch
) -> None:
    monkeypatch.setattr(kinolog.db.search.state, "rebuild_threshold", lambda films: 2)
    build = search.state.snapshot().base
    for number in range(3):
        films.add_film(title=f"Sequel Number {number}", year=2000 + number)
    assert titles_found(search, "sequel number 2")[0] == "Sequel Number 2"
    snapshot = search.state.snapshot()
    assert snapshot.base is not build and snapshot.overlay is None
    assert dirty(films) == []


def test_refresh_search_index(films: Catalogue, search: FilmSearch) -> None:
    assert refresh_search_index(films) is False
    films.add_film(title="Mother", year=2009)
    assert refresh_search_index(films) is True
    assert dirty(films) == []
    assert refresh_search_index(films, force=True) is True
    assert titles_found(search, "mother")[0] == "Mother"


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE search_meta SET value = '{\"format\": 0}'",
        "UPDATE search_meta SET value = json_set(value, '$.build', 'other')",
        "UPDATE search_meta SET value = json_set(value, '$.file', 'catalogue.db.search-gone')",
        "DELETE FROM search_meta",
    ],
)
def test_an_old_or_damaged_index_is_rebuilt(films: Catalogue, damage: str) -> None:
    with films.store.write() as conn:
        conn.execute(damage)
    path = films.path
    films.close()
    reopened = Catalogue(path)
    assert titles_found(FilmSearch(reopened), "pulp fiction")[0] == "Pulp Fiction"
    reopened.close()


def test_threads_search_while_films_are_added(films: Catalogue, search: FilmSearch) -> None:
    errors: list[BaseException] = []

    def searcher() -> None:
        try:
            for query in ["pulp f", "godfather 2", "psycho 1998", "wiseman", "", "film 1"] * 8:
                search.search_films(query)
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=searcher) for _ in range(4)]
    for thread in threads:
        thread.start()
    for number in range(20):
        films.add_film(title=f"Threaded Film {number}", year=1990 + number)
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(search.search_films("threaded film", limit=50)) == 20


def test_an_older_catalogue_is_migrated_and_indexed(data_dir: Path) -> None:
    path = data_dir / "catalogue.db"
    names = [migration.__name__ for migration in CATALOGUE_MIGRATIONS]
    before = CATALOGUE_MIGRATIONS[: names.index("_catalogue_v4_search")]
    store = Store(path, name="catalogue", migrations=before)
    with store.write() as conn:
        conn.execute(
            "INSERT INTO films (title, year, origin, added_at, updated_at)"
            " VALUES ('Das Boot', 1981, 'manual', 'now', 'now')"
        )
    store.close()
    catalogue = Catalogue(path)
    assert titles_found(FilmSearch(catalogue), "boot das")[0] == "Das Boot"
    with catalogue.store.read() as conn:
        triggers = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_%'"
        )]  # fmt: skip
    assert len(triggers) >= 13
    catalogue.close()


def test_single_deletion_typo_index_for_big_vocabularies(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kinolog.db.search.vocabulary, "DEPTH_TWO_MAX_WORDS", 0)
    add_search_films(catalogue)
    assert FilmSearch(catalogue).state.snapshot().base.delete_depth == 1
    assert labels(FilmSearch(catalogue).search_films("shawshenk redemtion"))[0] == (
        "The Shawshank Redemption (1994)"
    )
    assert labels(FilmSearch(catalogue).search_films("godfahter"))[0] == "The Godfather (1972)"


@pytest.mark.parametrize("threshold", [0, 10_000])
def test_a_commit_during_a_rebuild_is_never_lost(
    films: Catalogue, monkeypatch: pytest.MonkeyPatch, threshold: int, search: FilmSearch
) -> None:
    films.add_film(title="Before The Build", year=2001)
    monkeypatch.setattr(kinolog.db.search.state, "rebuild_threshold", lambda films: threshold)
    real = kinolog.db.search.state.write_index
    calls: list[object] = []

    def build_while_another_writes(conn, path, **options):  # type: ignore[no-untyped-def]
        if not calls:
            other = Catalogue(films.path)  # commits while the snapshot is being read
            other.add_film(title="During The Build", year=2002)
            other.close()
        calls.append(path)
        return real(conn, path, **options)

    monkeypatch.setattr(kinolog.db.search.state, "write_index", build_while_another_writes)
    # A small change list is left to the overlay; a big one is rebuilt under the write lock.
    assert refresh_search_index(films) is (threshold == 0)
    assert titles_found(search, "during the build")[0] == "During The Build"
    assert titles_found(search, "before the build")[0] == "Before The Build"


def test_building_in_slices_gives_the_same_index(
    films: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Big builds work a slice of the pairs at a time (bounded memory); the slices change
    nothing, also where people have several spellings and slices end mid-film."""
    with films.store.write() as conn:  # people with a second spelling
        conn.execute(
            "INSERT INTO person_aliases (person_id, alias) SELECT id, 'L. Wiseman' FROM people"
            " WHERE name = 'Len Wiseman'"
        )
        conn.execute(
            "INSERT INTO person_aliases (person_id, alias) SELECT id, 'Q. Tarantino' FROM people"
            " WHERE name = 'Quentin Tarantino'"
        )
    build = kinolog.db.search.build
    indexes = []
    for size, name in ((build._SLICE, "whole.idx"), (3, "sliced.idx")):
        monkeypatch.setattr(build, "_SLICE", size)
        with films.store.read() as conn:
            conn.execute("BEGIN")
            build.write_index(conn, tmp_path / name)
            in_memory = build.build_index(conn)
            conn.execute("COMMIT")
        indexes.append(((tmp_path / name).read_bytes(), in_memory))
    (whole, whole_index), (sliced, sliced_index) = indexes
    assert whole == sliced
    for array_name in ("nf_off", "nf_film", "fn_off", "fn_name", "name_tok", "post"):
        assert getattr(whole_index, array_name) == getattr(sliced_index, array_name)
    assert len(whole_index.nf_film) > 3 * 10  # many slices
