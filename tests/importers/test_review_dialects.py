"""Review text dialects: front matter, one-line credits, Markdown and notes markup, file names."""

from __future__ import annotations

import pytest

from kinolog.db.importers.reviews import parse_review, parse_reviews
from kinolog.db.importers.reviews.credit_line import parse_credit_line
from kinolog.db.importers.reviews.filename import date_from_name, title_from_name
from kinolog.db.importers.reviews.front import split_front_matter
from kinolog.db.importers.reviews.headline import split_headline, title_and_year
from kinolog.db.importers.reviews.markdown import clean_markup
from kinolog.db.importers.reviews.people import named_people
from kinolog.db.text import readable_source

BODY = "Ein langer Absatz über den Film, der genug Wörter hat, um als Text einer Kritik zu gelten."

# -- front matter -------------------------------------------------------------------------------


def test_yaml_that_is_not_valid_yaml_is_read_line_by_line() -> None:
    text = (
        "---\ntitle: Mad Max: Fury Road (2015)\ndate: 2015-05-17 22:10:00 +0200\n"
        "categories:\n- Kritiken\ntags: Action, George Miller\nmeta:\n  _edit_last: '1'\n"
        "  dsq_thread_id: '2771234108'\nrating: 5\n---\n\n" + BODY
    )
    front = split_front_matter(text)
    assert front is not None and front.dialect == "yaml"
    assert front.values["title"] == "Mad Max: Fury Road (2015)"
    assert front.values["categories"] == ["Kritiken"]
    assert "_edit_last" not in front.values and "meta" in front.values
    review = parse_review(text)
    assert (review.facts.title, review.facts.year) == ("Mad Max: Fury Road", 2015)
    assert review.published == "2015-05-17"
    assert "dsq_thread_id" not in review.body and "Kritiken" not in review.body


def test_a_number_as_title_stays_a_title() -> None:
    review = parse_review("---\ntitle: 1917\ngrade: B\n---\n\n" + BODY)
    assert (review.facts.title, review.facts.year) == ("1917", None)
    assert review.score is not None and review.score.score_100 == 75


def test_ruby_symbol_keys() -> None:
    text = (
        "---\n:title: Drive\n:year: 2011\n:created_at: 2012-01-28 20:15:00 +0100\n"
        ":kind: article\n:tags:\n- neo-noir\n:rating: 4\n---\n\n" + BODY
    )
    front = split_front_matter(text)
    assert front is not None and front.dialect == "ruby"
    review = parse_review(text)
    assert (review.facts.title, review.facts.year, review.published) == (
        "Drive",
        2011,
        "2012-01-28",
    )
    assert review.bare_score is not None and review.bare_score.value == 4
    assert ":kind:" not in review.body and ":title:" not in review.body


def test_toml_front_matter_and_its_fallback() -> None:
    text = (
        '+++\ntitle = "Solaris"\ndate = 2022-08-30T21:10:00+01:00\nimdb_id = "tt0307479"\n'
        'rating = 3.5\ntags = ["remake"]\n\n[params]\n  toc = false\n+++\n\n' + BODY
    )
    front = split_front_matter(text)
    assert front is not None and front.dialect == "toml"
    assert front.values["date"].startswith("2022-08-30T21:10")
    assert "params" not in front.values and "toc" not in front.values
    review = parse_review(text)
    assert (review.facts.title, review.facts.imdb_id, review.published) == (
        "Solaris",
        "tt0307479",
        "2022-08-30",
    )
    broken = '+++\ntitle = "Heat (1995)"\nauthor = Jane\n+++\n\n' + BODY  # not valid TOML
    assert parse_review(broken).facts.year == 1995
    assert parse_review(broken).author == "Jane"


def test_a_rule_over_prose_is_no_front_matter() -> None:
    text = "---\nDas war ein Abend. Und dann kam der Film, den ich nie vergesse.\n---\n\n" + BODY
    assert split_front_matter(text) is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Blue Ruin (2013)", ("Blue Ruin", 2013)),
        ("Victoria (USA 2015)", ("Victoria", 2015)),
        ("Das Boot (BRD 1981)", ("Das Boot", 1981)),
        ("1917", ("1917", None)),
        ("Mad Max: Fury Road", ("Mad Max: Fury Road", None)),
    ],
)
def test_titles_with_their_year(title: str, expected: tuple[str, int | None]) -> None:
    assert title_and_year(title) == expected


def test_a_post_title_is_never_a_film() -> None:
    text = '---\ntitle: "Review-Rundumschlag: Januar 2014"\n---\n\n' + BODY + "\n\nWertung: 6/10\n"
    review = parse_review(text, name="2014-01-31-review-rundumschlag-januar-2014.md")
    assert review.facts.title is None
    assert review.headline == "Review-Rundumschlag: Januar 2014"


def test_images_html_and_unknown_keys_never_reach_the_body() -> None:
    text = (
        "---\ntitle: The Witch (2015)\nheader:\n  overlay_color: '#333'\nshare: true\n---\n\n"
        "![Phillip](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAwAAAAICAIAAABChommAAAA8)\n\n"
        + BODY
        + '\n\n<img src="data:image/jpeg;base64,/9j/4AAQSkZJRgABAQEASABIAAD" alt="x">\n\n'
        "<!--more-->\n\nZweiter Absatz mit einem [Link](https://example.org/x) darin.\n"
    )
    body = parse_review(text).body
    for junk in ("base64", "data:image", "<img", "<!--", "overlay_color", "share: true", "]("):
        assert junk not in body
    assert "Zweiter Absatz mit einem Link darin." in body


def test_a_permalink_path_is_no_address() -> None:
    review = parse_review("---\ntitle: Heat\npermalink: /2014/06/15/heat/\n---\n\n" + BODY)
    assert review.url is None
    review = parse_review("---\ntitle: Heat\nurl: https://example.org/heat\n---\n\n" + BODY)
    assert review.url == "https://example.org/heat"


# -- notes: one-line credits, wiki links, link lines, tags ---------------------------------------


def test_credits_in_emphasis_on_one_line() -> None:
    line = (
        "*BRD (1981) / Regie: Wolfgang Petersen / Darsteller: Jürgen Prochnow (Der Alte), "
        "Herbert Grönemeyer (Leutnant Werner, Kriegsberichterstatter), Martin Semmelrogge "
        "und andere Seeleute*"
    )
    credit = parse_credit_line(line)
    assert credit is not None
    assert (credit.countries, credit.year, credit.directors) == (
        ("BRD",),
        1981,
        ("Wolfgang Petersen",),
    )
    assert credit.cast == ("Jürgen Prochnow", "Herbert Grönemeyer", "Martin Semmelrogge")
    tail = parse_credit_line(
        "*USA (2008) / Regie: Darren Aronofsky / Darsteller: Mickey Rourke u.a.*"
    )
    assert tail is not None and tail.cast == ("Mickey Rourke",)


@pytest.mark.parametrize(
    ("line", "title", "year", "director"),
    [
        ("Südkorea 2023 · Regie: Lee Chung-hyun · Darsteller: Jeon Jong-seo · 93 Minuten · Netflix",
         None, 2023, "Lee Chung-hyun"),
        ("**Oldboy** · Südkorea 2003 · Regie: Park Chan-wook · mit Choi Min-sik · 120 Minuten",
         "Oldboy", 2003, "Park Chan-wook"),
        ("*Paterson (2016). Directed by Jim Jarmusch. Starring Adam Driver.*",
         "Paterson", 2016, "Jim Jarmusch"),
        ("*Directed by Andrei Tarkovsky. Starring Donatas Banionis. Soviet Union, 166 minutes.*",
         None, None, "Andrei Tarkovsky"),
        ("Regie: Volker Schlöndorff – Darsteller: David Bennent, Mario Adorf", None, None,
         "Volker Schlöndorff"),
    ],
)  # fmt: skip
def test_one_line_credits_in_many_forms(
    line: str, title: str | None, year: int | None, director: str
) -> None:
    credit = parse_credit_line(line)
    assert credit is not None
    assert (credit.title, credit.year, credit.directors) == (title, year, (director,))


@pytest.mark.parametrize(
    "line",
    [
        "Regie führte Len Wiseman, Keanu Reeves schaut als John Wick kurz vorbei.",
        "Mit Freunden im Kino. Regie: super.",
        "Directed by someone who clearly loves the genre, and it shows in every frame of it.",
        "USA 2019",
    ],
)
def test_prose_is_no_credits_line(line: str) -> None:
    assert parse_credit_line(line) is None


def test_wiki_links_link_lines_and_tag_lines() -> None:
    text = (
        "# Der Film\n\n[Offizielle Homepage](https://example.org/film)\n"
        "[Trailer ansehen](https://video.example/watch/1)\n\nWertung: [[9 Punkte|9,2]]\n\n"
        "[[Wim Wenders]] · [[Berlin im Film]]\n\n#film #drama #2009\n\nSiehe [[Wim Wenders]].\n"
    )
    lines = [line for line in clean_markup(text).split("\n") if line]
    assert lines == ["# Der Film", "Wertung: 9,2", "Siehe Wim Wenders."]


def test_a_watched_date_and_a_tag_line_are_not_the_films() -> None:
    text = (
        "The Wrestler\n\n*USA (2008) / Regie: Darren Aronofsky / Darsteller: Mickey Rourke, "
        "Marisa Tomei u.a.*\n\ngesehen 14.3.09, Kino im Hinterhof\n\n" + BODY + "\n\n#film #2009\n"
    )
    review = parse_review(text)
    assert (review.facts.title, review.facts.year) == ("The Wrestler", 2008)
    assert review.published is None and "#film" not in review.body


# -- titles from headlines and file names --------------------------------------------------------


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Solaris (1972): the ocean that remembers", ("Solaris", 1972)),
        ("Suspiria (2018) – Tanz der Hexen im geteilten Berlin", ("Suspiria", 2018)),
        ("„Crash“: Cronenbergs kälteste Liebesgeschichte", ("Crash", None)),
        ("Second look: 'Under the Skin' ten years on", ("Under the Skin", None)),
        ("Paterson: a week of poems and bus routes", (None, None)),
    ],
)
def test_titles_in_page_headlines(headline: str, expected: tuple[str | None, int | None]) -> None:
    assert split_headline(headline) == expected


def test_a_bare_headline_names_the_film_only_with_support() -> None:
    supported = "Ballerina\n\n" + BODY + " Regie führte Len Wiseman, und es kracht.\n"
    assert parse_review(supported).facts.title == "Ballerina"
    unsupported = "Notizen zum Filmabend\n\n" + BODY + "\n"
    assert parse_review(unsupported).facts.title is None


@pytest.mark.parametrize(
    ("name", "title", "date"),
    [
        ("notes/Blue Ruin.md", "Blue Ruin", None),
        ("_posts/2017-10-09-kingsman-the-golden-circle.md", "Kingsman the golden circle",
         "2017-10-09"),
        ("Filmtagebuch/000_dbf18c36027eb9be.txt", None, None),
        ("saved/index.html", None, None),
        ("drafts/Untitled 3.md", None, None),
    ],
)  # fmt: skip
def test_titles_and_dates_in_file_names(name: str, title: str | None, date: str | None) -> None:
    assert (title_from_name(name), date_from_name(name)) == (title, date)


def test_a_title_only_in_the_file_name_is_used_when_the_text_has_none() -> None:
    review = parse_review(BODY + "\n\n2/5\n", name="/x/2017-10-09-kingsman-the-golden-circle.md")
    assert review.facts.title == "Kingsman the golden circle"
    assert review.published == "2017-10-09"
    titled = parse_review("Heat (1995)\n\n" + BODY + "\n", name="/x/Blue Ruin.md")
    assert titled.facts.title == "Heat"


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/home/lena/Filmtagebuch Lena/000_dbf18c36027eb9be.txt", "Filmtagebuch Lena"),
        ("/data/reviews/notes/heat.md", "notes"),
        ("/tmp/heat.md", "heat"),
        ("/tmp/0001.txt", None),
        (None, None),
    ],
)
def test_a_readable_source(path: str | None, shown: str | None) -> None:
    assert readable_source(path) == shown


def test_people_named_in_the_prose() -> None:
    text = "When Jonathan Glazer's film opened, Scarlett Johansson and Samuel L. Jackson talked."
    people = named_people(text)
    assert {"Jonathan Glazer", "Scarlett Johansson", "Samuel L. Jackson"} <= set(people)
    review = parse_reviews("Under the Skin\n\n" + text + " " + BODY)[0]
    assert "Jonathan Glazer" in review.facts.named_people
