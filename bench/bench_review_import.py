"""Benchmark: review files imported per second (target: at least 200 on a 2-core machine).

Writes N review pages in the four layouts the importer reads (our own texts, about real
films; several reviews per film, some sharing a title with another film) into a temporary
folder, imports them into a fresh catalogue, and prints files per second.

    python bench/bench_review_import.py [--files 2000]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from kinolog.db.catalogue import Catalogue
from kinolog.db.importers.reviews import import_reviews

FILMS = [
    ("Solaris", 1972, "Andrei Tarkovsky", ["Natalya Bondarchuk", "Donatas Banionis"], "UdSSR"),
    ("Solaris", 2002, "Steven Soderbergh", ["George Clooney", "Natascha McElhone"], "USA"),
    ("Crash", 1996, "David Cronenberg", ["James Spader", "Holly Hunter"], "Kanada"),
    ("Crash", 2004, "Paul Haggis", ["Sandra Bullock", "Don Cheadle"], "USA"),
    ("Oldboy", 2003, "Park Chan-wook", ["Choi Min-sik", "Yoo Ji-tae"], "Südkorea"),
    ("Heat", 1995, "Michael Mann", ["Al Pacino", "Robert De Niro"], "USA"),
    ("Das Boot", 1981, "Wolfgang Petersen", ["Jürgen Prochnow", "Herbert Grönemeyer"], "BRD"),
    ("Amélie", 2001, "Jean-Pierre Jeunet", ["Audrey Tautou", "Mathieu Kassovitz"], "Frankreich"),
]
_OPENERS = (
    "Der Film",
    "Die Regie",
    "Die Kamera",
    "Das Drehbuch",
    "Die Hauptfigur",
    "Der Schnitt",
    "Die Musik",
    "Das Ensemble",
    "Der zweite Akt",
    "Das Ende",
)
_MIDDLES = (
    "nimmt sich Zeit für",
    "verliert sich in",
    "vertraut ganz auf",
    "erzählt leise von",
    "spielt geschickt mit",
    "scheitert an",
    "findet Bilder für",
    "kreist lange um",
)
_ENDS = (
    "die Figuren und ihre Angst.",
    "lange Einstellungen ohne Musik.",
    "eine Stadt bei Nacht.",
    "das Schweigen zwischen zwei Menschen.",
    "die Erwartungen des Publikums.",
    "eine Geschichte, die man kennt.",
    "kleine Gesten statt großer Worte.",
    "den Rhythmus eines Thrillers.",
)


def prose(n: int, sentences: int = 12) -> str:
    """A paragraph of its own for review ``n``: different reviews are different texts.

    (Near-identical bodies of one film are one review to the importer.)
    """
    rng = random.Random(n)
    return " ".join(
        f"{rng.choice(_OPENERS)} {rng.choice(_MIDDLES)} {rng.choice(_ENDS)}"
        for _ in range(sentences)
    )


def credits_page(title: str, year: int, director: str, cast: list[str], land: str, n: int) -> str:
    return (
        f"{title} ({year})\n\nInhalt / Kritik\n\n{prose(n)}\n\nEin Abschnitt {n}\n\n"
        f"{prose(n + 7919)}\n\nCredits\n\nOT: „{title}“\nLand: {land}\nJahr: {year}\n"
        f"Regie: {director}\nBesetzung: {', '.join(cast)}\n\nBilder\n\nTrailer\n\n(Anzeige)\n\n"
        f"{title} ({year})\nfazit\n„{title}“ ist sehenswert, aber nicht makellos. Version {n}.\n"
        f"Leserwertung0 Bewertungen\n0\n{n % 10 + 1}\nvon 10\n"
    )


def story_page(title: str, year: int, director: str, cast: list[str], land: str, n: int) -> str:
    return (
        f"Story: Die Heldin ({cast[0]}) sucht ihren Bruder ({cast[1]}). Fassung {n}.\n"
        f'Review: "{title}" von Regisseur {director} ist ein ruhiger Film. {prose(n)}\n'
        f'"{title}" lohnt sich.\n'
    )


def field_page(title: str, year: int, director: str, cast: list[str], land: str, n: int) -> str:
    return (
        f"| Originaltitel: {title}__Herstellungsland: {land}__Erscheinungsjahr: {year}"
        f"__Regie: {director}__Darsteller: {', '.join(cast)} u.a. |\n\n"
        f"„{title}“ erzählt eine bekannte Geschichte neu. {prose(n)}\n\n{prose(n + 7919)}\n"
        f"© Erika Beispiel (Kritikerin)\n"
        f"| Copyright aller Filmbilder/Label: Verleih__FSK Freigabe: ab 16__Geschnitten: Nein |\n"
    )


def front_page(title: str, year: int, director: str, cast: list[str], land: str, n: int) -> str:
    return (
        f"---\ntitle: {title}\nyear: {year}\ndirector: {director}\ncast: {', '.join(cast)}\n"
        f"source: Filmtagebuch\nauthor: A. Kritiker\nscore: {n % 5 + 1}/5\nlanguage: de\n---\n\n"
        f"# Eindruck\n\n{prose(n)}\n"
    )


LAYOUTS = [credits_page, story_page, field_page, front_page]


def write_files(folder: Path, count: int) -> None:
    """Write ``count`` review pages, cycling through layouts and films."""
    rng = random.Random(7)
    for number in range(count):
        film = rng.choice(FILMS)
        layout = LAYOUTS[number % len(LAYOUTS)]
        (folder / f"review-{number:05d}.txt").write_text(layout(*film, number), encoding="utf-8")


def main() -> None:
    """Generate, import, print figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "reviews"
        folder.mkdir()
        write_files(folder, args.files)
        catalogue = Catalogue(Path(temp) / "catalogue.db")
        started = time.perf_counter()
        report = import_reviews(catalogue, [folder])
        seconds = time.perf_counter() - started
        counts = catalogue.counts()
        catalogue.close()
    print(
        f"review import: {args.files} files in {seconds:.2f} s = {args.files / seconds:.0f} files/s"
    )
    print(f"  {report.summary()}")
    print(f"  catalogue: {counts['films']} films, {counts['reviews']} reviews")


if __name__ == "__main__":
    main()
