"""Decoding saved review files (db.importers.review_text)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinolog.db.importers.reviews.text import (
    MAX_REVIEW_BYTES,
    DecodedText,
    ReviewFileError,
    decode_review_bytes,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "reviews"


def decode_fixture(name: str) -> DecodedText:
    return decode_review_bytes((FIXTURES / name).read_bytes(), name=name)


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("credits_de_parasite.txt", "cp1252"),
        ("credits_en_memories_of_murder.txt", "utf-16-le"),
        ("plain_en_the_host.txt", "utf-16-be"),
        ("story_en_handmaiden.txt", "utf-8-sig"),
        ("story_de_oldboy.txt", "utf-8"),
        ("fields_en_heat.txt", "utf-8"),
        ("front_de_burning.md", "utf-8"),
    ],
)
def test_fixture_encodings_are_detected(name: str, encoding: str) -> None:
    decoded = decode_fixture(name)
    assert decoded.encoding == encoding
    assert "\r" not in decoded.text
    assert "\ufeff" not in decoded.text


def test_cp1252_text_keeps_umlauts_and_quotes() -> None:
    text = decode_fixture("credits_de_parasite.txt").text
    assert "Südkorea" in text
    assert "„Parasite“" in text
    assert "…" in text


def test_crlf_and_cr_become_lf() -> None:
    assert decode_review_bytes(b"a\r\nb\rc\n", name="x").text == "a\nb\nc\n"
    heat = decode_fixture("fields_en_heat.txt").text  # saved with CR line ends
    assert heat.count("\n") > 10


def test_control_characters_are_removed_but_tab_and_newline_kept() -> None:
    data = b"A review\x00 with\x1b a few\x07 stray\tcontrol characters\nin it\x7f,\xc2\x85here."
    decoded = decode_review_bytes(data, name="x")
    # NEL is a line break, not a character to drop
    assert decoded.text == "A review with a few stray\tcontrol characters\nin it,\nhere."


def test_fixture_with_nul_and_control_characters_is_cleaned() -> None:
    text = decode_fixture("fields_en_heat.txt").text
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in text)
    assert "armoured-car robbery" in text


def test_text_is_nfc_normalised() -> None:
    decoded = decode_review_bytes("Su\u0308dkorea".encode(), name="x")
    assert decoded.text == "Südkorea"


def test_utf8_with_bom_is_recognised() -> None:
    decoded = decode_review_bytes(codecs.BOM_UTF8 + "Grüße".encode(), name="x")
    assert decoded == DecodedText(text="Grüße", encoding="utf-8-sig")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised(codec: str) -> None:
    text = "Eine Kritik über „Burning“ mit Umlauten: äöü.\n" * 5
    decoded = decode_review_bytes(text.encode(codec), name="x")
    assert decoded.encoding == codec
    assert decoded.text == text


def test_latin1_is_the_fallback_when_cp1252_cannot_decode() -> None:
    decoded = decode_review_bytes(b"K\xe4se \x81und Br\xf6tchen zum Film am Abend", name="x")
    assert decoded.encoding == "latin-1"
    assert decoded.text == "Käse und Brötchen zum Film am Abend"  # U+0081 is a control


def test_utf8_with_a_stray_cp1252_byte_keeps_the_utf8() -> None:
    data = "Südkorea, Größe, Tänzerin: ".encode() + b"\x93Zitat\x94"
    decoded = decode_review_bytes(data, name="x")
    assert decoded.encoding == "utf-8+cp1252"
    assert decoded.text == "Südkorea, Größe, Tänzerin: “Zitat”"


def test_trailing_nul_padding_is_not_binary() -> None:
    decoded = decode_review_bytes(b"Ein Text.\n" + b"\x00" * 4000, name="x")
    assert decoded.text == "Ein Text.\n"


@pytest.mark.parametrize(
    "data", [b"", b"   \n\t\r\n", b"\x00\x00\x00", codecs.BOM_UTF8, codecs.BOM_UTF16_LE + b"\n\x00"]
)
def test_empty_files_are_refused(data: bytes) -> None:
    with pytest.raises(ReviewFileError, match="empty"):
        decode_review_bytes(data, name="leer.txt")


def test_empty_fixture_is_refused() -> None:
    with pytest.raises(ReviewFileError, match=r"^empty\.txt: file is empty"):
        decode_fixture("empty.txt")


def test_binary_fixture_is_refused() -> None:
    with pytest.raises(ReviewFileError, match="binary"):
        decode_fixture("binary.png")


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\x03" * 100,
        b"PK\x03\x04" + bytes(range(256)) * 4,
        bytes(range(1, 32)) * 20,
    ],
)
def test_binary_data_is_refused(data: bytes) -> None:
    with pytest.raises(ReviewFileError, match="binary"):
        decode_review_bytes(data, name="x.bin")


def test_too_large_files_are_refused() -> None:
    with pytest.raises(ReviewFileError, match="too large"):
        decode_review_bytes(b"a" * (MAX_REVIEW_BYTES + 1), name="big.txt")
    assert decode_review_bytes(b"a " * (MAX_REVIEW_BYTES // 2), name="ok.txt").text


def test_error_is_a_value_error_with_a_one_line_message() -> None:
    with pytest.raises(ValueError) as caught:
        decode_review_bytes(bytes(range(256)) * 2, name="bad\nname.txt")
    assert isinstance(caught.value, ReviewFileError)
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith("bad name.txt: ")


@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_raise_review_file_error(data: bytes) -> None:
    try:
        decoded = decode_review_bytes(data, name="x")
    except ReviewFileError as error:
        assert "\n" not in str(error)
    else:
        assert decoded.text.strip()
        assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in decoded.text)
        assert "\r" not in decoded.text


@given(st.text(max_size=500))
def test_utf8_text_round_trips_apart_from_normalisation(text: str) -> None:
    try:
        decoded = decode_review_bytes(text.encode(), name="x")
    except ReviewFileError:
        return
    assert decoded.encoding in ("utf-8", "utf-8-sig", "utf-16-le", "utf-16-be")
