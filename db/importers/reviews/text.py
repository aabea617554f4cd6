"""Decoding the bytes of one saved review page into clean text.

Saved pages come in whatever encoding the browser or editor chose: UTF-8 with or without a BOM,
UTF-16 from Windows tools, cp1252 from old editors, sometimes UTF-8 with a few stray cp1252 bytes
pasted in. :func:`decode_review_bytes` turns them into one normal form (LF line ends, NFC, no
control characters) and refuses what is not a review text at all, with a one-line reason.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kinolog.db.files import decode_text

__all__ = ["MAX_REVIEW_BYTES", "DecodedText", "ReviewFileError", "decode_review_bytes"]

MAX_REVIEW_BYTES = 2 * 1024 * 1024
"""Larger files are refused: no review page is that long, and parsing them would stall an import."""

# Characters that do not occur in text: C0/C1 controls (not tab/newline/CR/FF/VT), U+FFFD from
# undecodable bytes, private-use characters.
_NON_TEXT_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")
_MAX_NON_TEXT_SHARE = 0.10
_MAX_NUL_SHARE = 0.01
_MIN_BLANK_SHARE = 0.02
_BLANK_CHECK_FROM = 100
# Line separators that are not LF; they become LF rather than vanishing, so lines stay apart.
_LINE_BREAKS = re.compile("[\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff]")
# One scan to tell whether any of the two substitutions above has work to do.
_NEEDS_CLEANING = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\u2028\u2029]")


class ReviewFileError(ValueError):
    """A file that cannot be read as a review text; ``str(error)`` is a one-line reason."""


@dataclass(frozen=True)
class DecodedText:
    """The clean text of a review file and the encoding it was read with.

    Attributes:
        text: LF line ends, NFC, without control characters other than newline and tab.
        encoding: One of "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "utf-32-le",
            "utf-32-be", "utf-8+cp1252" (UTF-8 with a few stray cp1252 bytes), "cp1252", "latin-1".
    """

    text: str
    encoding: str


def decode_review_bytes(data: bytes, *, name: str) -> DecodedText:
    """Decode one review file and normalise its text.

    Args:
        data: The file's bytes.
        name: The file's name, used in error messages.

    Returns:
        The normalised text and the encoding that was detected.

    Raises:
        ReviewFileError: The file is too large, empty (only whitespace) or binary.
    """
    label = _one_line(name)
    if len(data) > MAX_REVIEW_BYTES:
        raise ReviewFileError(
            f"{label}: file is too large ({len(data):,} bytes; at most {MAX_REVIEW_BYTES:,})"
        )
    raw, encoding = _decode(data, label)
    if not raw.strip(" \t\r\n\x00\x0b\x0c\ufeff"):
        raise ReviewFileError(f"{label}: file is empty (only whitespace)")
    _check_is_text(raw, label)
    text = normalise_text(raw)
    if not text.strip():
        raise ReviewFileError(f"{label}: file is empty (only whitespace)")
    return DecodedText(text=text, encoding=encoding)


def normalise_text(text: str) -> str:
    """Normalise line ends to LF, drop control characters (keeping newline and tab), apply NFC.

    Args:
        text: Decoded text.

    Returns:
        The normalised text.
    """
    if _NEEDS_CLEANING.search(text):
        text = _LINE_BREAKS.sub("\n", text.replace("\r\n", "\n"))
        text = _CONTROL_RE.sub("", text)
    return unicodedata.normalize("NFC", text)


def _one_line(name: str) -> str:
    """Keep a file name on one line so an error message stays one line."""
    return _CONTROL_RE.sub("?", name.replace("\n", " ").replace("\r", " ")) or "<unnamed>"


def _decode(data: bytes, label: str) -> tuple[str, str]:
    """Decode (:func:`kinolog.db.files.decode_text`), refusing NUL-ridden bytes as binary."""
    raw, encoding = decode_text(data)
    if not encoding.startswith(("utf-16", "utf-32")):
        core = raw.strip("\x00")  # editors sometimes pad a crashed file with NULs
        if core.count("\x00") > max(2, len(core) * _MAX_NUL_SHARE):
            raise ReviewFileError(f"{label}: binary file (contains NUL bytes), not a text")
        raw = core
    return raw, encoding


def _check_is_text(text: str, label: str) -> None:
    """Refuse decoded content that is mostly control characters or has almost no blanks."""
    non_text = len(_NON_TEXT_RE.findall(text))
    if non_text > len(text) * _MAX_NON_TEXT_SHARE:
        raise ReviewFileError(f"{label}: binary file (mostly non-text characters), not a text")
    if len(text) >= _BLANK_CHECK_FROM:
        blanks = text.count(" ") + text.count("\n") + text.count("\t") + text.count("\u3000")
        if blanks < len(text) * _MIN_BLANK_SHARE:
            raise ReviewFileError(f"{label}: binary file (no words or lines), not a text")
