"""Finding the reviewer's score in a review page, without ever inventing one.

A number only counts as a score when it is written as one (a value and a scale, or a row of star
glyphs) *and* it stands where a reviewer puts a rating: after a score label ("Wertung: 7/10"), in
a split rating widget ("5" on one line, "von 10" on the next), on a line of its own, or in the
verdict.
Readers' polls and external ratings ("Leserwertung", "IMDb") are never the critic's score.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kinolog.db.importers.reviews.types import Score

__all__ = [
    "Score",
    "ScoreHit",
    "find_labelled_number",
    "find_marked_score",
    "find_score_in_prose",
    "is_poll_line",
    "parse_score_text",
]


@dataclass(frozen=True)
class ScoreHit:
    """A score found on marked lines, and the line indexes it used (not review text)."""

    score: Score
    lines: tuple[int, ...]


# Scales people rate on; anything else ("24/7", "3/4 of the film") is not a rating scale.
_SCALES = frozenset({4.0, 5.0, 6.0, 10.0, 20.0, 100.0})
_NUM = r"\d{1,3}(?:[.,]\d{1,2})?(?:\s?½)?"
_UNIT = r"(?:\s*(?:Punkten|Punkte|Punkt|Pkt\.?|Sternen|Sterne|Stern|stars?|points?|pts\.?))?"
_LEFT = r"(?<![\w.,/½-])"
_RIGHT = r"(?![\w/½]|[.,]\d)"
# "of" is too common in prose ("3 of 10 films") to be trusted outside a label or own line.
_RATIO_LOOSE = re.compile(
    rf"{_LEFT}(?P<v>{_NUM})\s*(?:/|von|out of|of)\s*(?P<s>\d{{1,3}}){_RIGHT}{_UNIT}", re.I
)
_RATIO_PROSE = re.compile(
    rf"{_LEFT}(?P<v>{_NUM})\s*(?:/|von|out of)\s*(?P<s>\d{{1,3}}){_RIGHT}{_UNIT}", re.I
)
_STAR_GLYPHS = re.compile(r"[★⭐]+\s?½?[☆✩]*|½[☆✩]+")
_STAR_WORDS = re.compile(rf"{_LEFT}(?P<v>{_NUM})[\s-]*(?:Sternen|Sterne|stars?)\b", re.I)
_PERCENT = re.compile(rf"{_LEFT}(?P<v>\d{{1,3}})\s?%")
_LABEL = re.compile(
    r"^(?:(?:unsere|meine|die|our|my|final|the|overall)\s+)?"
    r"(?:gesamtwertung|endwertung|filmwertung|kritikerwertung|wertung|bewertung|gesamtnote|note"
    r"|punktzahl|punkte|rating|score|grade|urteil|verdict|fazit)\b\s*[:=–-]?\s*(?P<rest>.+)$",
    re.I,
)
_PROSE_LABELS = re.compile(r"^(?:\w+\s+)?(?:urteil|verdict|fazit)\b", re.I)
# Ratings that are not the reviewer's own.
_FOREIGN = re.compile(
    r"leser|nutzer|user|community|zuschauer|publikum|reader|audience|imdb|rotten|metacritic"
    r"|letterboxd|bewertungen|stimmen|votes|ratings",
    re.I,
)
# Prose about other people's ratings ("Manche Kritiker gaben 5 Sterne", "some gave it five
# stars", "Audiences average it at six out of ten"): never the reviewer's own score, unless the
# reviewer speaks in the same sentence ("Die Kritik gab 2/5, ich gebe 4/5").
_OTHERS = re.compile(
    r"\b(?:kritiker\w*|critics?|andere[nr]?|others?|manche[nr]?|some|viele|many|most|they|sie gaben"
    r"|reviewers?|rezensent\w*|presse|press|papers?|zeitung\w*|magazin\w*|zuschauer\w*|people"
    r"|leute|durchschnitt\w*|average\w*|schnitt|gaben|gave|gives|vergaben|vergab|awarded|rated"
    r"|bekam|bekommt|erhielt|got|gets|earned|scored)\b",
    re.I,
)
_SELF = re.compile(r"\b(?:ich|mir|mich|meine?[nrs]?|wir|unsere?[nrs]?|i|me|my|we|our)\b", re.I)
_POLL_LINE = re.compile(
    r"^(?:leser(?:-|\s)?(?:wertung|bewertung|meinung)|nutzerwertung|user (?:rating|score)"
    r"|readers?'? (?:rating|score)|community (?:rating|score)|\d+\s+(?:bewertungen|stimmen|votes|"
    r"ratings))",
    re.I,
)
_BARE_NUMBER = re.compile(rf"^(?P<v>{_NUM})$")
_SCALE_LINE = re.compile(rf"^(?P<sep>/|von|out of|of)\s*(?P<s>\d{{1,3}}){_UNIT}$", re.I)
# Counting words before a number make it a position, not a rating ("Teil 3 von 5").
_COUNTING_WORD = re.compile(
    r"(?:teil|staffel|folge|episode|part|season|chapter|kapitel|platz|rang|nummer|nr|no|band"
    r"|volume|vol|disc|disk)\.?\s*$",
    re.I,
)
# A cheap first test: no digit and no star glyph, no score.
_MAY_SCORE = re.compile(r"[\d★⭐½☆✩]")
_TRIM = " \t()[]{}.,;:–—-"
_MAX_OWN_LINE = 40


def parse_score_text(text: str) -> Score | None:
    """Read a score that is written on its own, as in a front-matter ``score:`` field.

    Args:
        text: e.g. "5 von 10", "3,5/5", "★★★½", "★★★☆☆", "3.5/5 Sterne", "4 stars",
            "Wertung: 7/10", "85%".

    Returns:
        The score, or None when the text has no score with a clear scale ("Note: 2", "8").
    """
    body = text.strip().strip(_TRIM)
    labelled = _LABEL.match(body)
    if labelled:
        body = labelled.group("rest").strip().strip(_TRIM)
    return _first_score(body, loose=True, percent=True, whole=True)


def is_poll_line(line: str) -> bool:
    """Tell whether a line belongs to a readers' poll widget ("Leserwertung3 Bewertungen")."""
    return bool(_POLL_LINE.match(line))


def find_marked_score(lines: Sequence[str]) -> ScoreHit | None:
    """Find a score stated as a rating: after a label, in a split widget or on its own line.

    Args:
        lines: The page's lines, stripped.

    Returns:
        The most explicit hit (label, then widget, then own line); among equals the last one, since
        ratings sit at the end of a review. None when there is none.
    """
    best: tuple[int, int, ScoreHit] | None = None
    for index, line in enumerate(lines):
        found = _score_on_line(lines, index, line)
        if found is None:
            continue
        rank, hit = found
        if best is None or (rank, index) >= (best[0], best[1]):
            best = (rank, index, hit)
    return best[2] if best else None


def find_labelled_number(lines: Sequence[str]) -> tuple[int, str, float] | None:
    """A bare number after a score label ("Wertung: 9,2"), whose scale only the collection knows.

    Returns:
        The last such line's index, its text and the number; None when there is none.
    """
    found = None
    for index, line in enumerate(lines):
        if not line or len(line) > _MAX_OWN_LINE or not _MAY_SCORE.search(line):
            continue
        core = line.strip("*_ ")
        labelled = _LABEL.match(core)
        if labelled is None or _PROSE_LABELS.match(core) or _FOREIGN.search(core):
            continue
        number = _BARE_NUMBER.match(labelled.group("rest").strip().strip(_TRIM))
        if number is not None and "½" not in number.group("v"):
            found = (index, core, float(number.group("v").replace(",", ".")))
    return found


def find_score_in_prose(paragraphs: Sequence[str]) -> Score | None:
    """Find a rating written inside the verdict ("Ich gebe ihm 7 von 10 Punkten.").

    Args:
        paragraphs: Only the verdict and the review's last paragraphs: a ratio anywhere else in
            a review is too likely to be something else.

    Returns:
        The last rating in those paragraphs, or None.
    """
    found: Score | None = None
    for paragraph in paragraphs:
        for sentence in re.split(r"(?<=[.!?])\s+", paragraph):
            if not _MAY_SCORE.search(sentence) or _FOREIGN.search(sentence):
                continue
            if _OTHERS.search(sentence) and not _SELF.search(sentence):
                continue
            score = _last_score(sentence)
            if score is not None:
                found = score
    return found


def _score_on_line(lines: Sequence[str], index: int, line: str) -> tuple[int, ScoreHit] | None:
    """Score one line: (3, labelled), (2, split widget), (1, own line) or None."""
    if not line or len(line) > 200 or not _MAY_SCORE.search(line) or _FOREIGN.search(line):
        return None
    line = line.strip("*_ ")  # "**Wertung: 8/10**"
    labelled = _LABEL.match(line)
    if labelled:
        rest = labelled.group("rest")
        prose = bool(_PROSE_LABELS.match(line))
        score = _last_score(rest) if prose else _first_score(rest, loose=True, percent=True)
        if score is not None:
            return 3, ScoreHit(score, () if prose else (index,))
    widget = _split_widget(lines, index)
    if widget is not None:
        return 2, widget
    if len(line) > _MAX_OWN_LINE:
        return None  # a rating on its own line is short: "★★★½", "4 out of 5 stars"
    own = _first_score(line.strip(_TRIM), loose=True, percent=False, whole=True)
    if own is not None:
        return 1, ScoreHit(own, (index,))
    return None


def _split_widget(lines: Sequence[str], index: int) -> ScoreHit | None:
    """Read "5" + "von 10" on two lines; a number right after a poll label is the poll's."""
    number = _BARE_NUMBER.match(lines[index])
    if number is None or index + 1 >= len(lines):
        return None
    scale = _SCALE_LINE.match(lines[index + 1])
    if scale is None or (index > 0 and is_poll_line(lines[index - 1])):
        return None
    joiner = "" if scale.group("sep") == "/" else " "
    text = f"{lines[index]}{joiner}{lines[index + 1]}"
    score = _make_score(text, number.group("v"), scale.group("s"))
    return ScoreHit(score, (index, index + 1)) if score else None


def _first_score(text: str, *, loose: bool, percent: bool, whole: bool = False) -> Score | None:
    """The first score form in ``text`` (or ``text`` as a whole when ``whole``)."""
    scores = _scores(text, loose=loose, percent=percent, whole=whole)
    return scores[0] if scores else None


def _last_score(text: str) -> Score | None:
    """The last score form in a sentence of prose."""
    scores = _scores(text, loose=False, percent=False, whole=False)
    return scores[-1] if scores else None


def _scores(text: str, *, loose: bool, percent: bool, whole: bool) -> list[Score]:
    """All score forms in ``text`` in order of position."""
    found: list[tuple[int, Score]] = []
    ratio = _RATIO_LOOSE if loose else _RATIO_PROSE
    for match in ratio.finditer(text):
        if _COUNTING_WORD.search(text[: match.start()]):
            continue
        score = _make_score(match.group(0), match.group("v"), match.group("s"))
        if score and (not whole or _covers(text, match)):
            found.append((match.start(), score))
    for match in _STAR_GLYPHS.finditer(text):
        score = _stars_score(match.group(0).strip())
        if score and (not whole or _covers(text, match)):
            found.append((match.start(), score))
    for match in _STAR_WORDS.finditer(text):
        score = _make_score(match.group(0), match.group("v"), "5")
        if score and (not whole or _covers(text, match)):
            found.append((match.start(), score))
    if percent:
        for match in _PERCENT.finditer(text):
            score = _make_score(match.group(0), match.group("v"), "100")
            if score and (not whole or _covers(text, match)):
                found.append((match.start(), score))
    found.sort(key=lambda item: item[0])
    return _drop_overlaps(found)


def _drop_overlaps(found: list[tuple[int, Score]]) -> list[Score]:
    """Keep one score per position ("3.5/5 Sterne" is one ratio, not also "5 Sterne")."""
    result: list[Score] = []
    end = -1
    for start, score in found:
        if start < end:
            continue
        result.append(score)
        end = start + len(score.text)
    return result


def _covers(text: str, match: re.Match[str]) -> bool:
    """Tell whether a match is the whole text, apart from brackets and punctuation."""
    return not (text[: match.start()].strip(_TRIM) or text[match.end() :].strip(_TRIM))


def _stars_score(glyphs: str) -> Score | None:
    """Score a row of star glyphs: ★ = 1, ½ = 0.5; ☆ marks the scale, else it is 5."""
    filled = glyphs.count("★") + glyphs.count("⭐")
    half = "½" in glyphs
    empty = glyphs.count("☆") + glyphs.count("✩")
    value = filled + (0.5 if half else 0.0)
    positions = filled + int(half) + empty
    scale = float(positions) if empty else 5.0
    if value > scale and value <= 10:
        scale = 10.0
    return _build(glyphs, value, scale)


def _make_score(text: str, value_text: str, scale_text: str) -> Score | None:
    """Build a score from its written parts; None when the scale is not a rating scale."""
    return _build(text.strip(), _number(value_text), _number(scale_text))


def _number(text: str) -> float:
    """Read "3,5", "3.5", "3½" or "3 ½"."""
    half = 0.5 if "½" in text else 0.0
    digits = text.replace("½", "").replace(",", ".").strip() or "0"
    return float(digits) + half


def _build(text: str, value: float, scale: float) -> Score | None:
    """Validate and build a :class:`Score`."""
    if scale not in _SCALES or not 0 <= value <= scale:
        return None
    return Score(text=text, value=value, scale=scale, score_100=round(value / scale * 100))
