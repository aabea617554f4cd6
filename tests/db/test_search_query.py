"""How titles, names and queries become search words (db.search_query)."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinolog.db.search.query import MAX_QUERY_TOKENS, name_tokens, parse_query, token_spans
from kinolog.db.text import title_key


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Amélie", ["amelie"]),
        ("AME\u0301LIE", ["amelie"]),  # decomposed accent
        ("Gefährliche Straße", ["gefahrliche", "strasse"]),
        ("Mission: Impossible", ["mission", "impossible"]),
        ("Pickwick Papers, The", ["pickwick", "papers", "the"]),
        ("The Godfather: Part II", ["the", "godfather", "part", "2"]),
        ("Star Wars: Episode V - The Empire Strikes Back", ["star", "wars", "episode", "5",
                                                            "the", "empire", "strikes", "back"]),
        ("Rocky V", ["rocky", "5"]),
        ("V for Vendetta", ["v", "for", "vendetta"]),
        ("Ocean's Eleven", ["oceans", "eleven"]),
        ("L.A. Confidential", ["la", "confidential"]),
        ("E.T. the Extra-Terrestrial", ["et", "the", "extra", "terrestrial"]),
        ("Le fabuleux destin d'Amélie Poulain", ["le", "fabuleux", "destin", "d", "amelie",
                                                 "poulain"]),
        ("Dumb & Dumber", ["dumb", "and", "dumber"]),
        ("Кин-дза-дза!", ["кин", "дза", "дза"]),
        ("千と千尋の神隠し", ["千と千尋の神隠し"]),
        ("\x1b[31m\x00", ["31m"]),
        ("", []),
    ],
)  # fmt: skip
def test_name_tokens(text: str, words: list[str]) -> None:
    assert name_tokens(text) == words


def test_spans_point_at_the_words_in_the_original_text() -> None:
    text = "Die fabelhafte Welt der Ame\u0301lie"
    spans = token_spans(text)
    assert [word for word, _, _ in spans] == name_tokens(text)
    word, start, end = spans[-1]
    assert word == "amelie" and unicodedata.normalize("NFC", text[start:end]) == "Amélie"


@given(st.text(max_size=60))
def test_spans_and_words_always_agree(text: str) -> None:
    assert [word for word, _, _ in token_spans(text)] == name_tokens(text)


def test_fold_used_by_diary_keys_is_unchanged() -> None:
    # Search has its own words; diary film keys must keep their old form.
    assert title_key("Pickwick Papers, The") == "the pickwick papers"
    assert title_key("Die fabelhafte Welt der Amélie") == "die fabelhafte welt der amelie"


def test_a_year_anywhere_is_recognised() -> None:
    assert parse_query("psycho 1998").years == (1998,)
    assert parse_query("ballerina (2023)").years == (2023,)
    assert parse_query("1998 psycho").years == (1998,)
    assert parse_query("godfather 2").years == ()
    assert parse_query("blade runner 2049").years == ()  # not a plausible year: a word


def test_last_word_is_a_prefix_unless_the_query_ends_with_a_space() -> None:
    assert [t.prefix for t in parse_query("pulp f").tokens] == [False, True]
    assert [t.prefix for t in parse_query("pulp f ").tokens] == [False, False]


def test_articles_and_sequel_markers_are_optional() -> None:
    tokens = parse_query("the godfather teil 2").tokens
    assert [t.optional for t in tokens] == [True, False, True, False]
    assert not parse_query("the").tokens[0].optional  # a query of only an article


def test_spellings_to_try() -> None:
    tokens = parse_query("gefaehrliche zwoelf two 12 v").tokens
    assert "gefahrliche" in tokens[0].spellings
    assert "zwolf" in tokens[1].spellings
    assert "2" in tokens[2].spellings
    assert "twelve" in tokens[3].spellings
    assert tokens[4].text == "5" and "v" in tokens[4].spellings


@pytest.mark.parametrize(
    "query",
    ["", "   ", "!!!", "*", "%", "_", "'", '"', "\x00", "\x1b", "🎬", "\u202e"],
)
def test_queries_without_words_have_no_tokens(query: str) -> None:
    assert parse_query(query).tokens == ()


def test_long_queries_are_cut() -> None:
    parsed = parse_query(" ".join(f"w{n}" for n in range(10_000)))
    assert len(parsed.tokens) == MAX_QUERY_TOKENS
    assert len(parse_query("word " * 10_000).tokens) == 1  # a word typed twice counts once


def test_typing_a_roman_numeral_may_become_any_number() -> None:
    (*_, last) = parse_query("godfather part i").tokens
    assert {"1", "2", "3", "4", "9"} <= {last.text, *last.spellings}
