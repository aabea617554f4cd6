import json
from collections.abc import Callable

from kinolog.db.catalogue import Catalogue
from tests.conftest import CliResult, add_sample_films


def test_stats_report_and_json(kinolog: Callable[..., CliResult], catalogue: Catalogue) -> None:
    add_sample_films(catalogue)
    assert "no viewings" in kinolog("stats").out
    kinolog("rate", "pulp fiction", "9", "--date", "2025-02-01")
    kinolog("rate", "ballerina 2023", "6", "--date", "2025-03-01", "--rewatch")
    kinolog("rate", "amelie", "8", "--date", "2024-12-24")
    report = kinolog("stats")
    assert report.code == 0
    assert "3 films, 3 viewings, 3 rated" in report.out
    assert "Quentin Tarantino" in report.out and "1990s" in report.out
    data = json.loads(kinolog("stats", "--year", "2025", "--json").out)
    assert (data["year"], data["viewings"], data["rewatches"]) == (2025, 2, 1)
    assert data["histogram"]["9"] == 1
    assert data["top_rated"][0]["film"]["title"] == "Pulp Fiction"
    # Rated today (whenever watched): this year's ratings, not 2025's.
    assert (data["watched"], data["ratings_given"]) == (2, 0)
    assert (
        "watched this year: 2 viewings; rated this year: 0 ratings"
        in kinolog("stats", "--year", "2025").out
    )
    assert "no viewings in 1999" in kinolog("stats", "--year", "1999").out
