"""Markdown and notes-app markup that is not review text.

Review files written in Markdown editors and notes apps, and the Markdown kinolog makes from saved
web pages, carry markup the reader should never see: images (often embedded as base64), HTML
tags and comments (``<!--more-->``), link targets, wiki links, lines that are only links
("[Offizielle Homepage](...)", "[[Wim Wenders]] · [[Berlin im Film]]") and tag lines
("#film #drama #2009"). :func:`clean_markup` keeps the words and drops the rest.
"""

from __future__ import annotations

import re

__all__ = ["clean_markup", "is_link_line"]

# ![alt](data:image/png;base64,...) or ![alt](url "title"); the target may be very long.
_IMAGE = re.compile(r"!\[[^\]\n]{0,300}\]\([^)\s]*(?:\s+\"[^\"\n]*\")?\)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
_DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]{16,}")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
_LINK = re.compile(
    r"\[(?P<text>[^\[\]\n]*)\]\((?P<target>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)"
    r"(?:\s+\"[^\"\n]*\")?\)"
)
_REF_LINK = re.compile(r"\[(?P<text>[^\[\]\n]+)\]\[[^\[\]\n]*\]")
_REF_DEFINITION = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s+\S+.*$", re.M)
_WIKI = re.compile(r"\[\[(?P<target>[^\[\]|\n]+)(?:\|(?P<text>[^\[\]\n]+))?\]\]")
_AUTOLINK = re.compile(r"<(?P<url>https?://[^\s<>]+)>")
_TAG_LINE = re.compile(r"^\s*(?:#[^\s#][^\s#]*\s*){1,20}$")
# What may stand between the links of a link line.
_LINK_LINE_REST = re.compile(r"^[\s·|•,;/»«›‹>–—\-()\[\]*_:]*$")
_ANY_LINK = re.compile(
    "|".join(re.sub(r"\?P<\w+>", "", rx.pattern) for rx in (_LINK, _WIKI, _REF_LINK))
)


def clean_markup(text: str) -> str:
    """Drop images, HTML markup, link targets, link lines and tag lines; keep the words.

    Args:
        text: A review file's text (front matter already taken off).

    Returns:
        The text with Markdown links as their text, wiki links as their text (``[[a|b]]`` -> b),
        and without images, embedded data, HTML tags, link-only lines and ``#tag`` lines.
    """
    if "<" in text:
        text = _COMMENT.sub("", text)
        text = _HTML_IMAGE.sub("", text)
        text = _AUTOLINK.sub(lambda m: m.group("url"), text)
        text = _TAG.sub("", text)
    if "](" in text:
        text = _IMAGE.sub("", text)
    if "base64," in text:
        text = _DATA_URI.sub("", text)
    lines = []
    for line in text.split("\n"):
        if "[" in line and is_link_line(line):
            continue
        if "#" in line and _TAG_LINE.match(line) and not line.lstrip().startswith("# "):
            continue
        lines.append(_link_texts(line) if "[" in line else line)
    text = "\n".join(lines)
    return _REF_DEFINITION.sub("", text) if "]:" in text else text


def is_link_line(line: str) -> bool:
    """A line made of links and separators only (a link list, "[Trailer](...)")."""
    if not _ANY_LINK.search(line):
        return False
    return bool(_LINK_LINE_REST.match(_ANY_LINK.sub("", line)))


def _link_texts(line: str) -> str:
    """Links become their text."""
    line = _WIKI.sub(lambda m: (m.group("text") or m.group("target")).strip(), line)
    line = _LINK.sub(lambda m: m.group("text"), line)
    return _REF_LINK.sub(lambda m: m.group("text"), line)
