"""Benchmark: telling German from English in short reviews (accuracy, start-up, time per call).

Reads tests/fixtures/reviews/web/short_texts.tsv (173 short texts written for kinolog: English
reviews full of German names and titles, German ones full of English) and runs, each in a fresh
process: kinolog's identifier (py3langid restricted to de/en, see
db/importers/reviews/language.py), the function-word count kinolog used before, and lingua
(ENGLISH+GERMAN, high and low accuracy) when the package is installed.

    python bench/bench_language.py
"""

from __future__ import annotations

import csv
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

TEXTS = Path(__file__).parents[1] / "tests" / "fixtures" / "reviews" / "web" / "short_texts.tsv"
CONFIGS = ["kinolog", "function-words", "lingua", "lingua-low"]


def _rows() -> list[tuple[str, str]]:
    with TEXTS.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["lang"], row["text"]) for row in reader]


def _run(config: str) -> dict[str, object] | None:
    rows = _rows()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    if config == "kinolog":
        from kinolog.db.importers.reviews.language import identify_language as detect

        detect("warm up: load the model")
    elif config == "function-words":
        from kinolog.db.importers.reviews.infer import detect_language as detect
    else:
        try:
            from lingua import Language, LanguageDetectorBuilder
        except ImportError:
            return None
        builder = LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.GERMAN)
        if config == "lingua-low":
            builder = builder.with_low_accuracy_mode()
        detector = builder.build()
        codes = {Language.ENGLISH: "en", Language.GERMAN: "de"}

        def detect(text: str) -> str | None:
            return codes.get(detector.detect_language_of(text))  # type: ignore[arg-type]

        detect("warm up: load the model")
    ready = time.perf_counter() - started
    started = time.perf_counter()
    answers = [detect(text) for _, text in rows]
    per_call = (time.perf_counter() - started) / len(rows)
    right = sum(answer == lang for answer, (lang, _) in zip(answers, rows, strict=True))
    english_as_german = sum(
        answer == "de" for answer, (lang, _) in zip(answers, rows, strict=True) if lang == "en"
    )
    return {
        "config": config,
        "right": right,
        "texts": len(rows),
        "english_called_german": english_as_german,
        "english": sum(lang == "en" for lang, _ in rows),
        "ready_s": ready,
        "per_call_ms": per_call * 1000,
        "rss_added_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss) / 1024,
    }


def main() -> None:
    """Run every configuration in its own process and print a table."""
    if len(sys.argv) > 1:
        print(json.dumps(_run(sys.argv[1])))
        return
    print("identifier        right      English called German  ready (load)  per call  memory")
    for config in CONFIGS:
        out = subprocess.run(
            [sys.executable, __file__, config], capture_output=True, text=True, check=True
        ).stdout
        result = json.loads(out)
        if result is None:
            print(f"{config:17} (not installed)")
            continue
        print(
            f"{config:17} {result['right']}/{result['texts']} "
            f"({result['right'] / result['texts']:.1%})  "
            f"{result['english_called_german']}/{result['english']:<18}  "
            f"{result['ready_s']:.2f} s        {result['per_call_ms']:.2f} ms   "
            f"+{result['rss_added_mb']:.0f} MB"
        )


if __name__ == "__main__":
    main()
