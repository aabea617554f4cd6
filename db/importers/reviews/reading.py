"""Reading one review file: its bytes to the text kept in the catalogue, and that text to reviews.

Text files (``.txt``, ``.md`` ...) are decoded from their bytes (:mod:`.text`); saved web pages
(``.html``, ``.htm``, and a text file that is an HTML document) likewise, the charset a page
declares being ignored; a ``.mhtml``/``.mht`` archive gives up its HTML part first. The decoded,
normalised text is what is kept and hashed, so a review re-saved in another encoding or with
other line ends is the same review.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import PurePath

from kinolog.db.importers.reviews.document import NoArticle, parse_html, parse_reviews
from kinolog.db.importers.reviews.text import ReviewFileError, decode_review_bytes
from kinolog.db.importers.reviews.types import ParsedReview
from kinolog.db.importers.reviews.web import html_from_mhtml

__all__ = [
    "HTML_SUFFIXES",
    "MHTML_SUFFIXES",
    "TEXT_SUFFIXES",
    "ReviewText",
    "parse_review_text",
    "read_review_bytes",
    "text_hash",
]

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MHTML_SUFFIXES = frozenset({".mhtml", ".mht"})
MAX_MHTML_BYTES = 32 * 1024 * 1024
"""A page archive carries its images too; its HTML part must still be under the text limit."""
_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


@dataclass(frozen=True)
class ReviewText:
    """One file's text as kinolog keeps it.

    Attributes:
        text: The decoded, normalised text (for a page: its HTML).
        format: "text" or "html".
        encoding: The encoding the bytes were read with.
        url: The page's address from an ``.mhtml`` archive, else None.
    """

    text: str
    format: str
    encoding: str
    url: str | None = None

    @property
    def sha256(self) -> str:
        """The hash of the normalised text: the file's identity, whatever its bytes."""
        return text_hash(self.text)


def text_hash(text: str) -> str:
    """SHA-256 of a normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_review_bytes(data: bytes, *, name: str) -> ReviewText:
    """Decode a review file.

    Args:
        data: The file's bytes.
        name: The file's path (its suffix tells a page from a text; used in messages).

    Raises:
        ReviewFileError: The file is too large, empty, binary, or an archive without a page.
    """
    suffix = PurePath(name).suffix.lower()
    url = None
    if suffix in MHTML_SUFFIXES:
        if len(data) > MAX_MHTML_BYTES:
            raise ReviewFileError(f"{name}: file is too large ({len(data):,} bytes)")
        found = html_from_mhtml(data)
        if found is None:
            raise ReviewFileError(f"{name}: no HTML page in the archive")
        data, url = found
    decoded = decode_review_bytes(data, name=name)
    is_html = suffix in HTML_SUFFIXES | MHTML_SUFFIXES or bool(
        _HTML_START.match(decoded.text[:2000])
    )
    return ReviewText(decoded.text, "html" if is_html else "text", decoded.encoding, url)


def parse_review_text(
    text: str, *, format: str, name: str | None, url: str | None = None
) -> list[ParsedReview]:
    """Parse a kept text into its reviews (one, or one per film of a round-up).

    Raises:
        ReviewFileError: A page without article text.
    """
    if format == "html":
        try:
            return parse_html(text, name=name, url=url)
        except NoArticle as error:
            raise ReviewFileError(f"{name}: {error}") from None
    return parse_reviews(text, name=name)
