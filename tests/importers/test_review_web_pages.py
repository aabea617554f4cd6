"""Saved web pages: what kinolog reads beside trafilatura, archives, pages without an article."""

from __future__ import annotations

import socket
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinolog.db.catalogue import Catalogue
from kinolog.db.importers.reviews import import_reviews, parse_html
from kinolog.db.importers.reviews.document import NoArticle
from kinolog.db.importers.reviews.reading import read_review_bytes
from kinolog.db.importers.reviews.web import html_from_mhtml, read_page

PARAGRAPHS = "".join(
    f"<p>Absatz {n}: Der Film erzählt seine Geschichte ruhig und genau, und die Kamera bleibt "
    f"immer bei den Figuren, auch wenn es wehtut. Das ist selten und schön.</p>\n"
    for n in range(1, 5)
)
PAGE = f"""<!DOCTYPE html>
<html lang="de-DE"><head><meta charset="iso-8859-1">
<title>Heat (1995) – Kinozettel</title>
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "Review",
  "author": {{"@type": "Person", "name": "Erika Muster"}},
  "datePublished": "2024-02-03T10:00:00+01:00",
  "publisher": {{"@type": "Organization", "name": "Kinozettel"}},
  "itemReviewed": {{"@type": "Movie", "name": "Heat", "dateCreated": "1995",
     "sameAs": "https://www.imdb.com/title/tt0113277/",
     "director": {{"@type": "Person", "name": "Michael Mann"}}}},
  "reviewRating": {{"@type": "Rating", "ratingValue": "4", "bestRating": "5"}}}}
</script></head>
<body><div id="kopf">Kinozettel – Filmkritiken seit 1999</div>
<div class="navi"><a href="/">Start</a> | <a href="/a-z">A-Z</a></div>
<article><h1>Heat</h1>
{PARAGRAPHS}
<p class="rating">Wertung: 4 von 5</p>
<p><a href="/liste">« zurück zur Liste</a> · <a href="/gb">Gästebuch</a></p>
</article>
<section class="comments"><p class="rating">Leser: 1 von 5</p><p>Gar nicht gut.</p></section>
</body></html>"""


def test_a_page_with_structured_data() -> None:
    (review,) = parse_html(PAGE)
    facts = review.facts
    assert (facts.title, facts.year, facts.directors, facts.imdb_id) == (
        "Heat",
        1995,
        ("Michael Mann",),
        "tt0113277",
    )
    assert (review.source, review.author, review.published) == (
        "Kinozettel",
        "Erika Muster",
        "2024-02-03",
    )
    assert review.score is not None and review.score.score_100 == 80
    assert review.language == "de"
    for furniture in ("Filmkritiken seit 1999", "zurück zur Liste", "Gästebuch", "A-Z", "Leser"):
        assert furniture not in review.body
    assert "Absatz 4" in review.body


def test_a_rating_box_and_the_title_tag_without_structured_data() -> None:
    page = PAGE.split('<script type="application/ld+json">')[0] + PAGE.split("</script>")[1]
    (review,) = parse_html(page)
    assert review.score is not None and review.score.text == "4 von 5"  # not the readers' 1 von 5
    assert review.source == "Kinozettel"  # from "Heat (1995) – Kinozettel"
    assert (review.facts.title, review.facts.year) == ("Heat", 1995)


def test_charset_is_decided_from_the_bytes() -> None:
    page = PAGE.replace("Absatz 1:", "Südkorea und Déjà-vu:")
    kept = read_review_bytes(page.encode("utf-8"), name="page.html")  # declares iso-8859-1
    assert kept.format == "html" and "Südkorea und Déjà-vu" in kept.text
    kept = read_review_bytes(page.encode("cp1252"), name="page.htm")
    assert "Südkorea und Déjà-vu" in kept.text


def test_an_html_document_saved_as_txt_is_a_page() -> None:
    assert read_review_bytes(PAGE.encode(), name="saved.txt").format == "html"


def _mhtml(html: str) -> bytes:
    message = EmailMessage()
    message["Snapshot-Content-Location"] = "https://kinozettel.example/heat"
    message.make_mixed()
    part = EmailMessage()
    part.set_content(html, subtype="html", cte="quoted-printable")
    part["Content-Location"] = "https://kinozettel.example/heat"
    message.attach(part)
    image = EmailMessage()
    image.set_content(b"\x89PNG\r\n\x1a\n" + bytes(200), maintype="image", subtype="png")
    message.attach(image)
    return message.as_bytes()


def test_a_web_archive_gives_up_its_page() -> None:
    found = html_from_mhtml(_mhtml(PAGE))
    assert found is not None
    html, url = found
    assert b"Absatz 4" in html and url == "https://kinozettel.example/heat"
    kept = read_review_bytes(_mhtml(PAGE), name="heat.mhtml")
    assert kept.format == "html" and "=3D" not in kept.text


def test_import_of_pages_never_uses_the_network(
    catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: socket.socket, address: object) -> None:
        raise AssertionError(f"network: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    (tmp_path / "heat.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "heat.mhtml").write_bytes(_mhtml(PAGE.replace("Absatz 1", "Teil 1")))
    (tmp_path / "empty.html").write_text("<html><body><nav>Start</nav></body></html>")
    report = import_reviews(catalogue, [tmp_path])
    by_name = {Path(result.file).name: result for result in report.results}
    assert by_name["heat.html"].status == "added"
    # A near-identical copy: kept once; it lends the stored review what it lacks.
    assert by_name["heat.mhtml"].reviews[0].duplicate_of == str((tmp_path / "heat.html").resolve())
    assert by_name["empty.html"].status == "failed"
    assert "no article text" in by_name["empty.html"].message


def test_read_page_without_an_article() -> None:
    assert read_page("<html><body></body></html>") is None


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["<p>", "</p>", "<div class='rating'>", "</div>", "<h1>", "</h1>", "<article>",
             "<script type='application/ld+json'>{", "}</script>", "<dl><dt>Regie", "<dd>",
             "Ein Satz über den Film mit genug Wörtern darin.", "★★★", "7/10", "&amp;", "<!--",
             "<a href='https://www.imdb.com/title/tt0113277/'>IMDb</a>", "\x00", "ä"]
        ),
        max_size=60,
    )
)  # fmt: skip
def test_any_page_parses_or_is_refused_with_a_reason(parts: list[str]) -> None:
    html = "<html><body>" + "".join(parts)
    try:
        reviews = parse_html(html)
    except NoArticle:
        return
    assert reviews and all(review.body == review.body.strip() for review in reviews)
