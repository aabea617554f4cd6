"""The review importer's data types: page layouts and their rules, film facts, scores, results.

They live apart from the steps that produce them so that the parser, the front-matter
reader and the film matcher share them without importing one another.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "LAYOUT_RULES",
    "BareScore",
    "FilmFacts",
    "Layout",
    "LayoutRules",
    "ParsedReview",
    "Score",
]


class Layout(StrEnum):
    """How a saved review page is laid out (stored with each review as its value)."""

    CREDITS_BLOCK = "credits-block"
    STORY_REVIEW = "story-review"
    FIELD_LINES = "field-lines"
    FRONT_MATTER = "front-matter"
    PLAIN = "plain"

    @property
    def rules(self) -> LayoutRules:
        """What the parser does differently for pages of this layout."""
        return LAYOUT_RULES[self]


@dataclass(frozen=True)
class LayoutRules:
    """What the parser does differently for one layout: every per-layout decision is here.

    Attributes:
        description: one line for people (``kinolog import reviews --help``, the README).
        captions_above_text: lines above the text are photo captions, not a headline: only a
            "Title (Year)" line is taken as the headline, and long unpunctuated lines between
            paragraphs are dropped as captions.
        verdict_after_credits: text after the credits block is the page's verdict and footer.
        title_from_headline: a short headline names the film when nothing else does.
        title_from_review_lead: the title a ``Review:`` text opens with names the film.
        cast_from_parentheses: actors named in parentheses after characters are the cast.
        year_from_release_line: a release line ("„Title“ // Kinostart: ... 2023") gives
            the year when the credits do not.
    """

    description: str
    captions_above_text: bool = False
    verdict_after_credits: bool = False
    title_from_headline: bool = False
    title_from_review_lead: bool = False
    cast_from_parentheses: bool = False
    year_from_release_line: bool = False


LAYOUT_RULES: dict[Layout, LayoutRules] = {
    Layout.CREDITS_BLOCK: LayoutRules(
        "headline, text with section headings, a block of `Label: value` credits, a verdict"
        " after a `Fazit` line and a score such as `5 von 10`",
        verdict_after_credits=True,
        title_from_headline=True,
        year_from_release_line=True,
    ),
    Layout.STORY_REVIEW: LayoutRules(
        "`Story:` then `Review:`; facts only in the prose (quoted title, actors in"
        " parentheses, the director named in the text)",
        title_from_review_lead=True,
        cast_from_parentheses=True,
    ),
    Layout.FIELD_LINES: LayoutRules(
        "`|Label: value__Label: value|` lines on top and at the foot, a `© Name` byline",
        captions_above_text=True,
    ),
    Layout.FRONT_MATTER: LayoutRules(
        "`key: value` lines between `---` fences (values win over anything inferred),"
        " then any of the other layouts",
    ),
    Layout.PLAIN: LayoutRules("anything else that is text: imported with what can be known"),
}


@dataclass(frozen=True)
class Score:
    """A reviewer's rating.

    Attributes:
        text: As written, e.g. "5 von 10", "3,5/5", "★★★½", "8/10".
        value: The rating, e.g. 5.0.
        scale: The best possible rating, e.g. 10.0 (stars: 5.0).
        score_100: ``round(value / scale * 100)``.
    """

    text: str
    value: float
    scale: float
    score_100: int


@dataclass(frozen=True)
class FilmFacts:
    """What a review page says about its film.

    Attributes:
        title: The film's German release (or main) title.
        original_title: The original title, when the page names it as such.
        other_titles: Further titles named as such (alternative, international ...).
        year: The production year.
        countries: Production countries as written.
        directors: Directors as written.
        writers: Screenwriters as written.
        cast: Actors as written, in the page's order.
        imdb_id: The film's IMDb id ("tt0110912") when the page links to or states it: the
            strongest evidence of the film there is.
        named_people: People named in the prose in no stated role ("Jonathan Glazer's Under the
            Skin"): weaker evidence, to confirm a film that shares a title with the review by
            any of its credits; never a reason to call films different, never credited on a film.
        spellings: Actors of the cast as the text spells them otherwise ("Ok-ju (Jun
            Jong-seo)" beside "Besetzung: Jong-seo Jeon"): aliases of that person.
    """

    title: str | None = None
    original_title: str | None = None
    other_titles: tuple[str, ...] = ()
    year: int | None = None
    countries: tuple[str, ...] = ()
    directors: tuple[str, ...] = ()
    writers: tuple[str, ...] = ()
    cast: tuple[str, ...] = ()
    imdb_id: str | None = None
    named_people: tuple[str, ...] = ()
    spellings: tuple[str, ...] = ()


@dataclass(frozen=True)
class BareScore:
    """A rating written without its scale ("rating: 4", "Wertung: 9,2").

    The scale comes from the collection (the folder) the review belongs to: see
    :func:`~.scales.resolve_bare_score`.

    Attributes:
        text: As written, e.g. "rating: 4".
        value: The number, e.g. 4.0.
        default_scale: The scale when the collection says nothing (5.0 for a front-matter
            ``rating``), or None when only the collection can tell ("Wertung: 9,2").
    """

    text: str
    value: float
    default_scale: float | None


@dataclass(frozen=True)
class ParsedReview:
    """One review page, parsed.

    Attributes:
        layout: How the page is laid out.
        facts: The film's facts as far as the page states them.
        headline: The page's headline, when it has one.
        source: The publication or site, only when stated.
        author: The review's author, only when stated (an image credit is not an author).
        language: "de" or "en"; None when the text is too short to tell.
        published: The publication date as ISO YYYY-MM-DD, only when stated as such.
        url: The page's address, only when stated.
        summary: The verdict (the text after a "Fazit"/"Verdict"/"Conclusion" line).
        body: The review: blocks separated by one blank line, headings as "## Heading".
        score: The reviewer's score, None when the page has none (or only a bare one).
        bare_score: A rating without a scale, for the collection to scale; None when ``score``
            is set or the page has none.
    """

    layout: Layout
    facts: FilmFacts
    headline: str | None
    source: str | None
    author: str | None
    language: str | None
    published: str | None
    url: str | None
    summary: str | None
    body: str
    score: Score | None
    bare_score: BareScore | None = None
