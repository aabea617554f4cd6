import unicodedata

from kinolog.db.text import film_key, fold, front_article, title_film_key, visible


def test_fold_ignores_case_accents_umlauts_and_punctuation() -> None:
    assert fold("Amélie") == "amelie"
    assert fold("Gefährliche Brandung") == "gefahrliche brandung"
    assert fold("Straße") == "strasse"
    assert fold("Mission: Impossible") == "mission impossible"
    assert fold(unicodedata.normalize("NFD", "Amélie")) == fold("Amélie")
    assert fold("  Smørrebrød  &  Œuvre ") == "smorrebrod and oeuvre"


def test_front_article() -> None:
    assert front_article("Pickwick Papers, The") == "The Pickwick Papers"
    assert front_article("Boot, Das") == "Das Boot"
    assert front_article("Paris, Texas") == "Paris, Texas"


def test_film_keys() -> None:
    assert film_key("tt0110912", "Pulp Fiction", 1994) == "imdb:tt0110912"
    assert film_key(None, "Ballerina", 2023) == "title:ballerina:2023"
    assert title_film_key("Godfather, The", 1972) == title_film_key("The Godfather", 1972)
    assert title_film_key("Ballerina", None) == "title:ballerina:"


def test_visible_neutralises_control_characters() -> None:
    shown = visible("a\x1b[31mred\x07\u202eevil\nline")
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert "\n" in shown and "red" in shown


def test_strip_accents_is_unicode_decomposition_without_marks() -> None:
    """The fast paths (ASCII, runs of other letters) give what decomposing and dropping
    every combining mark gives, for letters of many scripts."""
    import random
    import unicodedata

    from kinolog.db.text import _LETTERS, strip_accents

    def reference(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch))

    chosen = random.Random(7)
    ranges = [(32, 127), (0xA0, 0x3000), (0x300, 0x370), (0xAC00, 0xD7A4), (0x10000, 0x1F000)]
    for _ in range(20_000):
        text = "".join(
            chr(chosen.randrange(*chosen.choice(ranges))) for _ in range(chosen.randrange(12))
        )
        assert strip_accents(text) == reference(text), repr(text)
    assert strip_accents("Amélie & Jürgen Æsop") == "Amelie  and  Jurgen aesop"
