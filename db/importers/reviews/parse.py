"""Parsing the text of one saved review page into structured data.

Pure functions, no database and no film matching: :func:`parse_review` takes the decoded text (see
:mod:`.text`) and returns a :class:`~.types.ParsedReview`. The layouts it reads, and what it
does differently for each, are :class:`~.types.Layout` and its rules.
"""

from __future__ import annotations

import re

from kinolog.db.importers.reviews.body import (
    build_body,
    ends_sentence,
    mark_after_credits,
    mark_furniture,
    mark_repeats,
    take_summary,
)
from kinolog.db.importers.reviews.bylines import mark_bylines
from kinolog.db.importers.reviews.credit_line import parse_credit_line
from kinolog.db.importers.reviews.fields import (
    FactsDraft,
    find_credit_lines,
    find_stacked_credits,
    label_fields,
    match_label_line,
    parse_field_line,
    stacked_value,
    strip_quotes,
)
from kinolog.db.importers.reviews.headline import (
    find_headline,
    headline_text,
    mark_alt_texts,
    split_headline,
)
from kinolog.db.importers.reviews.infer import (
    cast_from_parentheses,
    detect_language,
    directors_from_phrases,
    leading_quoted_title,
    main_quoted_title,
    quoted_titles,
)
from kinolog.db.importers.reviews.links import find_imdb_id
from kinolog.db.importers.reviews.page import BODY, FURNITURE, HEADLINE, LABEL, META, SUMMARY, Page
from kinolog.db.importers.reviews.scores import (
    find_labelled_number,
    find_marked_score,
    find_score_in_prose,
)
from kinolog.db.importers.reviews.text import normalise_text
from kinolog.db.importers.reviews.types import BareScore, FilmFacts, Layout, ParsedReview, Score
from kinolog.db.names import same_person

__all__ = ["parse_page", "prepare_text"]


_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_STORY_LABEL = re.compile(
    r"^(?P<label>Story|Inhalt|Handlung|Plot|Synopsis|Zusammenfassung)(?:\s*:\s*(?P<rest>.*)|)$",
    re.I,
)
_REVIEW_LABEL = re.compile(
    r"^(?P<label>Review|Kritik|Rezension|Critique|Meinung|Analyse)(?:\s*:\s*(?P<rest>.*)|)$", re.I
)
_RELEASE_LINE = re.compile(
    r"^[„\"“»«](?P<title>[^„“”\"»«]{1,100})[“”\"«»]\s*//"
    r"|//.*\b(?:start|kinostart|release|heimkino|dvd|blu-ray|vod|streaming|premiere|im kino"
    r"|in cinemas)\b",
    re.I,
)
# A credits label opening the line or a segment of it: the cheap test before parsing a line.
_CREDIT_HINT = re.compile(
    r"(?:^|[/·•|–—]\s*|\.\s+)[*_]*\s*(?:regie|directed by|darsteller|starring|besetzung|cast"
    r"|mit|with|drehbuch|written by)\b",
    re.I,
)
_MAX_CREDIT_LINE = 400
_MAX_BARE_TITLE_WORDS = 8
_YEAR = re.compile(r"(?<!\d)((?:18|19|20)\d{2})(?!\d)")


def prepare_text(text: str) -> str:
    """Normalise line ends and drop invisible characters (indentation stays, for front matter)."""
    text = normalise_text(text)
    return _INVISIBLE.sub("", text) if _INVISIBLE.search(text) else text


def parse_page(text: str) -> ParsedReview:
    """Parse the text of one review (front matter and markup already taken off).

    Args:
        text: The review's text, from :func:`prepare_text` and
            :func:`~.markdown.clean_markup`.

    Returns:
        The parsed review. Facts the page does not state are None or empty; the score is never
        invented.
    """
    # Collapse spaces (NBSP and tabs too: split() knows them).
    return _parse_page("\n".join(" ".join(line.split()) for line in text.split("\n")))


def _parse_page(text: str) -> ParsedReview:
    """Parse a page without front matter."""
    page = Page(text.split("\n"))
    draft = FactsDraft()
    layout, credits_end = _mark_structure(page, draft)
    release_title, release_year = _mark_release_lines(page)
    bylines = mark_bylines(page)
    hit = find_marked_score(page.lines)
    if hit is not None:
        page.mark(hit.lines, META)
    mark_furniture(page)
    headline = find_headline(page, layout)
    mark_repeats(page, keep=headline)
    if headline:
        # Markdown headings stay in the body as "## ..." blocks, even the one named headline.
        same = [
            i
            for i, line in enumerate(page.lines)
            if headline in line and not line.startswith("#") and headline_text(line) == headline
        ]
        page.mark(same, HEADLINE)
        mark_alt_texts(page, headline)
    bare = find_labelled_number(page.lines) if hit is None else None
    if bare is not None:
        page.kinds[bare[0]] = META
    summary = take_summary(page)
    if layout.rules.verdict_after_credits and credits_end is not None:
        mark_after_credits(page, credits_end)
    body = build_body(page, layout=layout)
    score = hit.score if hit else None if bare else _prose_score(summary, body)
    facts = _facts(page, draft, layout, headline, (release_title, release_year))
    return ParsedReview(
        layout=layout,
        facts=facts,
        headline=headline,
        source=bylines.get("source"),
        author=bylines.get("author"),
        language=detect_language(f"{body}\n{summary or ''}"),
        published=bylines.get("published"),
        url=bylines.get("url"),
        summary=summary,
        body=body,
        score=score,
        bare_score=BareScore(bare[1], bare[2], None) if bare else None,
    )


def _mark_structure(page: Page, draft: FactsDraft) -> tuple[Layout, int | None]:
    """Mark field lines, story/review labels and credits blocks.

    Returns:
        The layout and the index of the last credits line (None without credits).
    """
    field_lines = False
    for index, line in enumerate(page.lines):
        pairs = parse_field_line(line) if "__" in line or line.startswith("|") else None
        if pairs is None:
            continue
        page.kinds[index] = META
        for label, value in pairs:
            for name in label_fields(label) or ():
                draft.offer(name, value)
                field_lines = True
    inline = _mark_credit_lines(page, draft)
    story = _mark_story_labels(page)
    credits = find_credit_lines(page.lines)
    for index in credits:
        matched = match_label_line(page.lines[index])
        if matched is not None and page.kinds[index] == BODY:
            page.kinds[index] = META
            for name in matched[0]:
                draft.offer(name, matched[1])
    if not credits:
        for head, values, fields in find_stacked_credits(page.lines):
            page.mark([head, *values], META)
            credits.extend([head, *values])
            for name in fields:
                draft.offer(name, stacked_value(page.lines, values))
    credits = sorted({*credits, *inline})
    credits_end = credits[-1] if credits else None
    if field_lines:
        return Layout.FIELD_LINES, credits_end
    if credits:
        # "Inhalt"/"Kritik" sections above a credits block are a credits page's headings.
        return Layout.CREDITS_BLOCK, credits_end
    return (Layout.STORY_REVIEW if story else Layout.PLAIN), None


def _mark_credit_lines(page: Page, draft: FactsDraft) -> list[int]:
    """Mark one-line credits ("*USA (2008) / Regie: ... / Darsteller: ...*") and read them."""
    found = []
    for index, line in enumerate(page.lines):
        if page.kinds[index] != BODY or len(line) > _MAX_CREDIT_LINE:
            continue
        if not _CREDIT_HINT.search(line):
            continue
        credit = parse_credit_line(line)
        if credit is None:
            continue
        page.kinds[index] = META
        found.append(index)
        for name in ("title", "year", "countries", "directors", "writers", "cast"):
            value = getattr(credit, name)
            if value and not draft.get(name):
                draft.values[name] = value
    return found


def _mark_story_labels(page: Page) -> bool:
    """Mark "Story:" and "Review:" lines as labels when both occur, story first."""
    story = [i for i, line in enumerate(page.lines) if _STORY_LABEL.match(line)]
    review = [i for i, line in enumerate(page.lines) if _REVIEW_LABEL.match(line)]
    if not story or not review or review[-1] < story[0]:
        return False
    for index in story + review:
        match = _STORY_LABEL.match(page.lines[index]) or _REVIEW_LABEL.match(page.lines[index])
        if match is not None and page.kinds[index] == BODY:
            page.kinds[index] = LABEL
            page.labels[index] = (match.group("label"), (match.group("rest") or "").strip())
    return True


def _mark_release_lines(page: Page) -> tuple[str | None, int | None]:
    """Mark release lines ("„Title“ // Deutschland-Start: ...") and read their title and year."""
    title: str | None = None
    year: int | None = None
    for index, line in enumerate(page.lines):
        if page.kinds[index] != BODY or len(line) > 200 or "//" not in line:
            continue
        match = _RELEASE_LINE.search(line)
        if match is None:
            continue
        page.kinds[index] = META
        if title is None and match.group("title"):
            title = match.group("title").strip()
        found = _YEAR.search(line)
        if year is None and found:
            year = int(found.group(1))
    return title, year


def _prose_score(summary: str | None, body: str) -> Score | None:
    """A rating written in the verdict or the review's last two paragraphs."""
    paragraphs = [p for p in body.split("\n\n") if p and not p.startswith("## ")]
    return find_score_in_prose([*paragraphs[-2:], summary or ""])


def _facts(
    page: Page,
    draft: FactsDraft,
    layout: Layout,
    headline: str | None,
    release: tuple[str | None, int | None],
) -> FilmFacts:
    """Combine labelled facts with what the headline, release line and prose say."""
    prose = "\n".join(
        line
        for line, kind in zip(page.lines, page.kinds, strict=True)
        if kind in (BODY, LABEL, FURNITURE, SUMMARY)
    )
    original = _str(draft.get("original_title"))
    headline_title, headline_year = split_headline(headline)
    title = _str(draft.get("title")) or release[0] or headline_title
    if title is None:
        title = _title_from_quotes(prose, original)
    rules = layout.rules
    if title is None and rules.title_from_review_lead:
        title = _review_lead_title(page)
    if title is None and rules.title_from_headline and headline:
        title = _bare_title(headline)
    directors = _tuple(draft.get("directors")) or directors_from_phrases(prose)
    cast = _tuple(draft.get("cast"))
    in_text = cast_from_parentheses(prose, exclude=directors)
    if not cast and rules.cast_from_parentheses:
        cast = in_text
    year = _int(draft.get("year")) or headline_year
    if year is None and rules.year_from_release_line:
        year = release[1]
    others = tuple(t for t in _tuple(draft.get("other_titles")) if t not in (title, original))
    imdb_id = _str(draft.get("imdb_id")) or find_imdb_id(page.lines)
    return FilmFacts(
        title=title or original,
        original_title=original,
        other_titles=others,
        year=year,
        countries=_tuple(draft.get("countries")),
        directors=directors,
        writers=_tuple(draft.get("writers")),
        cast=cast,
        imdb_id=imdb_id,
        spellings=tuple(
            name
            for name in in_text
            if name not in cast and any(same_person(name, credited) for credited in cast)
        ),
    )


def _bare_title(headline: str) -> str | None:
    """A short headline over a credits block, taken as the title when nothing else names one."""
    if len(headline.split()) > _MAX_BARE_TITLE_WORDS or ends_sentence(headline):
        return None
    return strip_quotes(headline) or None


def _review_lead_title(page: Page) -> str | None:
    """The title a "Review:" text opens with ("Review: "Oldboy" ist ..."), quoted once or not."""
    for label, rest in page.labels.values():
        if _REVIEW_LABEL.match(label):
            return leading_quoted_title(rest)
    return None


def _title_from_quotes(prose: str, original: str | None) -> str | None:
    """The main title from quotes: the most quoted title, or the original title."""
    counts = quoted_titles(prose)
    short = main_quoted_title(counts)
    if original is None:
        return short
    if short is None or short == original:
        return original
    if short.casefold() in original.casefold():
        return short  # "Ballerina" inside "From the World of John Wick: Ballerina"
    runner_up = max((n for t, n in counts.items() if t != short), default=0)
    if counts[original] == 0 and counts[short] >= 3 and counts[short] >= 2 * runner_up:
        return short  # a German title used throughout ("Der Pate" for "The Godfather")
    return original


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _tuple(value: object) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, tuple) else ()
