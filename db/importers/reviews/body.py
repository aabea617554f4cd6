"""Separating review text from page furniture, and assembling the body and the verdict.

A saved page is a list of lines, each with a *kind*. The parser marks metadata first (credits,
field lines, bylines, the score), then this module marks furniture (image credits, tab labels, ads,
shop notices, index letters, teasers, captions, repeated alt-texts), takes the verdict after a
"Fazit"/"Verdict" line, and builds the body from what is left: blocks separated by one blank line,
section headings as ``## Heading`` blocks.
"""

from __future__ import annotations

import re
from collections import Counter

from kinolog.db.importers.reviews.infer import is_person_name
from kinolog.db.importers.reviews.page import BLANK, BODY, FURNITURE, LABEL, META, SUMMARY, Page
from kinolog.db.importers.reviews.scores import is_poll_line, parse_score_text
from kinolog.db.importers.reviews.types import Layout

__all__ = [
    "build_body",
    "ends_sentence",
    "mark_after_credits",
    "mark_furniture",
    "mark_repeats",
    "take_summary",
]

_TERMINAL = ".!?…:;"
_CLOSERS = "\"'“”„»«’‘)]*_"
_IMAGE_CREDIT = re.compile(
    r"^(?:©|\(c\)\s|copyright\b|fotos?\s*:|bild(?:er)?\s*:|bildquelle|photos?\s*:|images?\s*:"
    r"|credits?\s*:|quelle\s*:|source\s*:|foto\s*©|bild\s*©)",
    re.I,
)
_FURNITURE_LINE = re.compile(
    r"^(?:(?:inhalt|handlung|story|plot|synopsis)\s*/\s*(?:kritik|review|rezension)"
    r"|kritik\s*/\s*inhalt|credits|bilder|fotos|galerie|bildergalerie|trailer|videos?|images"
    r"|gallery|photos|cast\s*(?:&|und|and)\s*crew|besetzung\s*(?:&|und)\s*stab"
    r"|[(\[]?(?:anzeige|werbung|advertisement|advertising|sponsored|gesponsert|ad)[)\]]?"
    r"|kaufen|streamen|kaufen\s*/\s*streamen|streamen\s*/\s*kaufen|buy|stream|buy\s*/\s*stream"
    r"|jetzt (?:kaufen|streamen|ansehen|bestellen)\b.*|where to (?:watch|buy|stream)\b.*"
    r"|(?:bei|auf) amazon\b.*|erhältlich (?:bei|auf)\b.*|watch (?:it )?(?:on|at) \w+"
    r"|(?:was|wie)\s+(?:hältst|haltet|hälst|fandest|fandet|findest|findet)\s+(?:du|ihr)\b.*\?"
    r"|zur\s+(?:film)?diskussion\b.*|what (?:did|do) you think\b.*|join the discussion\b.*"
    r"|diskutiere?\s+mit\b.*|jetzt kommentieren|kommentare?(?:\s*\(\d+\))?"
    r"|comments?(?:\s*\(\d+\))?|teilen|share(?: this)?(?: on \w+)?|newsletter\b.*"
    r"|abonnieren\b.*|subscribe\b.*|weiterlesen|read more|mehr lesen|nach oben|back to top"
    r"|home|startseite|impressum|datenschutz(?:erklärung)?|kontakt|über uns|about(?: us)?"
    r"|contact|privacy(?: policy)?|imprint|men[uü]|suche|search|log ?in|anmelden|registrieren"
    r"|skip to (?:main )?content|zum inhalt springen|cookies?\b.*"
    r"|(?:tags|schlagwörter|schlagworte|kategorien?|categories|category|filed under)\s*:.*"
    r"|(?:unsere|meine|our|my)?\s*(?:wertung|bewertung|rating|score)\s*:?"
    r"|(?:/|von|out of)\s*\d{1,3}"
    r"|\S|0-9|[-=*_]{3,}|\d+(?:[.,]\d+)?)$",
    re.I,
)
# Share buttons and social links: a line made only of these words is page furniture.
_SOCIAL_WORDS = frozenset(
    "teilen twittern tweet tweeten share this facebook twitter x whatsapp email e-mail mail"
    " pinterest linkedin reddit telegram threads bluesky mastodon instagram tumblr xing flipboard"
    " drucken print pin it link kopieren copy link senden teilen: share:".split()
)
_SOCIAL_SPLIT = re.compile(r"[\s|·•,/]+")
# Navigation crumbs: "Startseite › Filme › Kritiken", "Home » Reviews", "Reviews / Horror / X".
_CRUMB_SEPARATOR = re.compile(r"\s(?:›|»|>|→|/|\|)\s")
_CRUMB_HINT = re.compile(r"\s[›»>→/|]\s.*\s[›»>→/|]\s")
_MAX_CRUMB = 120
_TRAILER_CALL = re.compile(
    r"^(?:schaut|seht|hier|watch|check out|zum|ansehen|der offizielle|offizieller|official)\b", re.I
)
_TEASER_HEADING = re.compile(
    r"^(?:(?:weitere|mehr|ähnliche|andere|more|other|similar|related)\b.{0,40}?\b"
    r"(?:titel|filme|serien|kritiken|rezensionen|artikel|beiträge|titles|films|movies|reviews"
    r"|shows|series|articles|posts)|das könnte (?:dich|euch|sie) auch interessieren"
    r"|auch interessant|you (?:may|might) also like|related|lies auch|mehr zum thema"
    r"|siehe auch)$",
    re.I,
)
_AFFILIATE_WORDS = ("affiliate", "partnerlink", "amazon-partner", "werbelink")
_COMMISSION_WORDS = ("provision", "commission")
_SUMMARY_MARKER = re.compile(
    r"^(?:#+\s*)?[*_]{0,2}(?:(?:unser|mein|das|kurz|schluss)\s*fazit|fazit|(?:the |our |final )?"
    r"verdict|conclusion|bottom line|in short|final thoughts|urteil|resümee)[*_]{0,2}"
    r"(?:\s*:\s*(?P<rest>.*)|\s*)$",
    re.I,
)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.+?)\s*#*$")
_LIST_ITEM = re.compile(r"^(?:[-*•]\s|\d{1,2}[.)]\s)")
_NAME_IN_PARENS = re.compile(r"\(([^()]{3,60})\)")
_SOFT_LINE = 100
_MAX_SCORE_ONLY = 30
_MAX_FURNITURE_LINE = 250
_MAX_REPEAT_LINE = 150
_MAX_NOTICE = 1500  # an affiliate notice is a short paragraph, never a whole review
_MAX_HEADING_CHARS = 80
_MAX_HEADING_WORDS = 10
_CAPTION_WORDS = 8


def ends_sentence(text: str) -> bool:
    """Tell whether a line ends like a sentence (. ! ? … : ;), closing quotes aside."""
    core = text.rstrip(_CLOSERS + " ")
    return bool(core) and core[-1] in _TERMINAL


def mark_furniture(page: Page) -> None:
    """Mark page furniture among the BODY lines: credits, labels, ads, shop and teaser blocks.

    Args:
        page: The page; its kinds are updated in place.
    """
    for index, line in enumerate(page.lines):
        # Furniture lines are short; skipping paragraphs keeps this fast.
        short = len(line) <= _MAX_FURNITURE_LINE
        if page.kinds[index] == BODY and short and _is_furniture_line(page, index, line):
            page.kinds[index] = FURNITURE
    blocks = page.blocks()
    for position, block in enumerate(blocks):
        text = " ".join(page.lines[i] for i in block)
        if len(text) <= _MAX_NOTICE and _is_affiliate_notice(text.casefold()):
            page.mark([i for i in block if page.kinds[i] == BODY], FURNITURE)
        first = block[0]
        if len(block) == 1 and _TEASER_HEADING.match(page.lines[first]):
            page.mark(block, FURNITURE)
            if position + 1 < len(blocks):
                following = blocks[position + 1]
                if len(page.lines[following[0]]) > _MAX_HEADING_CHARS:
                    page.mark([i for i in following if page.kinds[i] == BODY], FURNITURE)
        _mark_menu_leftovers(page, block)


def _mark_menu_leftovers(page: Page, block: list[int]) -> None:
    """In a block that is mostly furniture (a menu, a link list), short leftovers are too."""
    furniture = sum(page.kinds[i] == FURNITURE for i in block)
    if len(block) < 3 or furniture * 3 < len(block) * 2:
        return
    for index in block:
        line = page.lines[index]
        if page.kinds[index] == BODY and len(line.split()) <= 4 and not ends_sentence(line):
            page.kinds[index] = FURNITURE


def mark_repeats(page: Page, *, keep: str | None = None) -> None:
    """Mark short lines that occur more than once (image alt-texts, repeated headlines).

    Args:
        page: The page; its kinds are updated in place.
        keep: A line that may repeat (the headline; it is handled by the caller).
    """
    counts = Counter(
        line.casefold()
        for line, kind in zip(page.lines, page.kinds, strict=True)
        if line and len(line) <= _MAX_REPEAT_LINE and kind in (BODY, FURNITURE)
    )
    for index, line in enumerate(page.lines):
        if page.kinds[index] != BODY or len(line) > _MAX_REPEAT_LINE or line == keep:
            continue
        if counts[line.casefold()] < 2 or ends_sentence(line) or _SUMMARY_MARKER.match(line):
            continue
        page.kinds[index] = FURNITURE


def take_summary(page: Page) -> str | None:
    """Take the verdict: the text after the last "Fazit"/"Verdict"/"Conclusion" line.

    Args:
        page: The page; the marker and verdict lines are marked SUMMARY.

    Returns:
        The verdict's paragraphs joined by blank lines, or None.
    """
    for marker in reversed(range(len(page.lines))):
        if page.kinds[marker] not in (BODY, LABEL):
            continue
        match = _SUMMARY_MARKER.match(page.lines[marker].strip("*_ "))
        if match is None:
            continue
        rest = (match.group("rest") or "").strip("*_ ")
        if rest and parse_score_text(rest) is not None and len(rest) <= _MAX_SCORE_ONLY:
            # "**Verdict: 2.5/5**": a score (read by the score finder), not a verdict's text.
            page.kinds[marker] = META
            continue
        paragraphs, used = _verdict_after(page, marker, rest)
        if paragraphs:
            page.mark([marker, *used], SUMMARY)
            return "\n\n".join(paragraphs)
    return None


def mark_after_credits(page: Page, credits_end: int) -> None:
    """Mark what follows a credits block as furniture (the verdict is taken before this).

    On credits-block pages the credits close the article; what follows is the site's template
    (galleries, festival lists, teasers, shop links). When the credits come first, the review
    follows them and nothing is marked.

    Args:
        page: The page; its kinds are updated in place.
        credits_end: The index of the last credits line.
    """
    before = range(credits_end)
    if not any(page.kinds[i] == BODY and len(page.lines[i]) > _SOFT_LINE for i in before):
        return
    for index in range(credits_end + 1, len(page.lines)):
        if page.kinds[index] == BODY:
            page.kinds[index] = FURNITURE


def build_body(page: Page, *, layout: Layout) -> str:
    """Assemble the review text from the BODY and LABEL lines.

    Args:
        page: The page with its lines marked.
        layout: The page layout; long captions without a final full stop are only dropped in
            layouts whose photo captions sit between paragraphs (see ``LayoutRules``).

    Returns:
        Blocks separated by one blank line; section headings as ``## Heading``.
    """
    blocks = [[i for i in block if page.kinds[i] in (BODY, LABEL)] for block in page.blocks()]
    blocks = [block for block in blocks if block]
    out: list[str] = []
    for position, block in enumerate(blocks):
        out.extend(_render_block(page, block, last=position == len(blocks) - 1, layout=layout))
    return "\n\n".join(out)


def _is_affiliate_notice(text: str) -> bool:
    """A paragraph explaining affiliate links or the commission a site earns through them."""
    if any(word in text for word in _AFFILIATE_WORDS):
        return True
    return "link" in text and any(word in text for word in _COMMISSION_WORDS)


def _is_furniture_line(page: Page, index: int, line: str) -> bool:
    """Line-level furniture: credits, tab labels, ads, shop and talk lines, polls, alt-texts."""
    if _IMAGE_CREDIT.match(line) or _FURNITURE_LINE.match(line) or is_poll_line(line):
        return True
    if _is_social_line(line) or _is_crumb_line(line):
        return True
    trailer = "trailer" in line.casefold() and len(line) <= 160
    if trailer and (not ends_sentence(line) or _TRAILER_CALL.match(line)):
        return True
    following = _next_nonblank(page, index)
    # An image's alt-text sits right above its credit line.
    return (
        following is not None
        and bool(_IMAGE_CREDIT.match(page.lines[following]))
        and len(line) <= 150
        and not ends_sentence(line)
    )


def _is_social_line(line: str) -> bool:
    """A row of share buttons ("Teilen", "Facebook Twitter WhatsApp", "Share this")."""
    first = line.split(None, 1)[0].casefold()
    if first not in _SOCIAL_WORDS and first.rstrip(":|·•,") not in _SOCIAL_WORDS:
        return False  # the cheap test first: most lines start with another word
    words = [word for word in _SOCIAL_SPLIT.split(line.casefold()) if word]
    return len(words) <= 12 and all(word in _SOCIAL_WORDS for word in words)


def _is_crumb_line(line: str) -> bool:
    """A navigation trail: short items joined by two or more "›", "»", "/" or "|" marks."""
    if len(line) > _MAX_CRUMB or not _CRUMB_HINT.search(line) or ends_sentence(line):
        return False
    items = _CRUMB_SEPARATOR.split(line)
    return len(items) >= 3 and all(0 < len(item.split()) <= 4 for item in items)


def _next_nonblank(page: Page, index: int) -> int | None:
    """The index of the next non-blank line, or None."""
    for following in range(index + 1, min(len(page.lines), index + 3)):
        if page.lines[following]:
            return following
    return None


def _verdict_after(page: Page, marker: int, rest: str) -> tuple[list[str], list[int]]:
    """Collect the verdict's paragraphs after a marker line, up to the next non-text line."""
    paragraphs = [rest] if rest else []
    used: list[int] = []
    for index in range(marker + 1, len(page.lines)):
        kind = page.kinds[index]
        if kind == BLANK:
            continue
        line = page.lines[index]
        if kind != BODY or (paragraphs and _is_heading_text(line) and _standalone(page, index)):
            break
        used.append(index)
        glued = paragraphs and page.lines[index - 1] and len(page.lines[index - 1]) <= _SOFT_LINE
        if glued and not ends_sentence(paragraphs[-1]):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"  # a hard-wrapped verdict
        else:
            paragraphs.append(line)
    return paragraphs, used


def _standalone(page: Page, index: int) -> bool:
    """Tell whether a line is a block of its own (blank or nothing around it)."""
    before = index == 0 or not page.lines[index - 1]
    after = index + 1 >= len(page.lines) or not page.lines[index + 1]
    return before and after


def _render_block(page: Page, block: list[int], *, last: bool, layout: Layout) -> list[str]:
    """Turn one block's lines into output blocks (headings, paragraphs)."""
    out: list[str] = []
    pending: list[str] = []
    for position, index in enumerate(block):
        line = page.lines[index]
        heading = _MARKDOWN_HEADING.match(line)
        if index in page.labels or heading:
            out.extend(_paragraphs(pending))
            pending = []
            if heading:
                out.append(f"## {_unwrap(heading.group('text'))}")
                continue
            label, rest = page.labels[index]
            out.append(f"## {label}")
            if rest:
                pending.append(rest)
            continue
        if position == 0:
            role = _first_line_role(page, block, line, last=last, layout=layout)
            if role == "caption":
                continue
            if role == "heading":
                out.append(f"## {_unwrap(line)}")
                continue
        pending.append(line)
    out.extend(_paragraphs(pending))
    return out


def _first_line_role(page: Page, block: list[int], line: str, *, last: bool, layout: Layout) -> str:
    """What a block's first line is: "caption", "heading" or "text".

    A caption or heading sits alone, or on top of paragraphs that are one line each (a
    hard-wrapped paragraph's first line has no full stop either, but is not a heading).
    """
    alone = len(block) == 1
    on_top = not alone and _is_soft(page, block)
    if (alone or on_top) and _is_caption(line, block_size=len(block), layout=layout):
        return "caption"
    if alone and not last and _is_heading_text(line):
        return "heading"
    if on_top and not ends_sentence(line) and _is_heading_text(line):
        return "heading"
    return "text"


def _paragraphs(lines: list[str]) -> list[str]:
    """Lines of one block: soft-wrapped lines are paragraphs; hard-wrapped ones are joined."""
    if not lines:
        return []
    if len(lines) == 1 or max(len(line) for line in lines) > _SOFT_LINE:
        return list(lines)
    if all(_LIST_ITEM.match(line) for line in lines[1:]):
        return ["\n".join(lines)]
    joined = lines[0]
    for line in lines[1:]:
        if joined.endswith("-") and joined[-2:-1].isalpha() and line[:1].islower():
            joined = joined[:-1] + line  # a word split at the line end
        else:
            joined = f"{joined} {line}"
    return [joined]


def _is_soft(page: Page, block: list[int]) -> bool:
    """A block whose lines are paragraphs (some line too long to be hard-wrapped)."""
    return any(len(page.lines[i]) > _SOFT_LINE for i in block)


def _is_caption(line: str, *, block_size: int, layout: Layout) -> bool:
    """A photo caption: no final full stop, and an actor in parentheses or (field-lines) long."""
    if ends_sentence(line) or len(line) > 250:
        return False
    if any(is_person_name(inner.strip()) for inner in _NAME_IN_PARENS.findall(line)):
        return True
    return (
        layout.rules.captions_above_text and block_size > 1 and len(line.split()) > _CAPTION_WORDS
    )


def _is_heading_text(line: str) -> bool:
    """A short line that can head a section: capitalised, no sentence punctuation."""
    text = _unwrap(line)
    words = text.split()
    if not words or len(text) > _MAX_HEADING_CHARS or len(words) > _MAX_HEADING_WORDS:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in '„“"»«'):
        return False
    core = text.rstrip(_CLOSERS + " ")
    if core and core[-1] in "?!":
        return len(words) <= _CAPTION_WORDS
    return not ends_sentence(text) and not text.endswith(",")


def _unwrap(text: str) -> str:
    """Remove Markdown emphasis around a whole heading ("**Fazit**" -> "Fazit")."""
    return text.strip().strip("*_").strip()
