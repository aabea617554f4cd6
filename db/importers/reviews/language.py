"""The language of a review: German or English, told by a real language identifier.

Counting function words called 12 of 53 short English reviews German (names and titles are
German words). py3langid (a Naive Bayes identifier over byte n-grams), restricted to German and
English, got 172 of 173 short texts right in our measurement (lingua: 167; see the README); it
loads once per process, lazily, in about half a second. A language a page declares (front matter,
``<html lang>``) wins over the identifier.
"""

from __future__ import annotations

import threading
from typing import Any

from kinolog.db.importers.reviews.infer import detect_language as count_function_words

__all__ = ["identify_language"]

LANGUAGES = ("de", "en")
# Below this normalised probability the identifier is guessing ("Brilliant." is 0.50).
_MIN_CONFIDENCE = 0.6
_SAMPLE = 600  # plenty to tell German from English; the cost grows with it
_lock = threading.Lock()
_identifier: Any = None


def identify_language(text: str) -> str | None:
    """Tell whether a review is German ("de") or English ("en").

    Args:
        text: The review's text (headings and all).

    Returns:
        "de" or "en"; None when the text is too short to tell (one word, a score).
    """
    sample = " ".join(text[:_SAMPLE].split())
    if not any(char.isalpha() for char in sample):
        return None
    language, confidence = _classifier().classify(sample)
    if confidence >= _MIN_CONFIDENCE:
        return str(language)
    return _by_function_words(sample)


def _by_function_words(text: str) -> str | None:
    """The old heuristic, used only as a tie-breaker, and only when it is not a tie."""
    guess = count_function_words(text)
    other = count_function_words(f"{text} the")  # one more English word flips a tie
    return guess if guess == other else None


def _classifier() -> Any:
    """The py3langid identifier for German and English, loaded on first use."""
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            identifier.set_languages(list(LANGUAGES))
            _identifier = identifier
    return _identifier
