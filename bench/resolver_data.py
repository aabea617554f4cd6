"""Write a hard, labelled data set for measuring the diary film resolver (issue 11).

Usage::

    python bench/resolver_data.py OUTDIR [--films N] [--rows M] [--imdb-rows K] [--seed S]
    python bench/resolver_score.py OUTDIR/truth.json DECISIONS.json

The output (deterministic for a given seed; stdlib only) is::

    OUTDIR/imdb/title.basics.tsv ... name.basics.tsv   IMDb dataset files (exact headers, \\N)
    OUTDIR/letterboxd/diary.csv, ratings.csv, watched.csv   a Letterboxd export
    OUTDIR/imdb-export/ratings.csv                     an IMDb "Your ratings" export (14 columns)
    OUTDIR/truth.json                                  the film every row really is

**The catalogue** is N films (``movie`` and ``tvMovie``, the types kinolog keeps by default) made
to be confusable: families of titles around one base ("The Creator", "She the Creator",
"Creator", "Creators"), remakes decades apart with other directors, same title one year apart,
sequels ("X 2", "X: Part II"), titles containing other titles ("Psycho", "Charmingly Psycho",
"American Psycho"), one-letter neighbours ("Extraction", "Extradition"), very short titles
("Time", "Bao", "Up", "It"), films without a year, foreign primary titles with English akas,
German akas, a director and two or three actors per film. About a quarter more titles of other
types (``tvEpisode``, ``tvSeries``, ``videoGame``, ``short``, ...) share those titles and years;
they are in ``title.basics`` but not in the catalogue.

**The Letterboxd export** has M diary rows (plus watched and rated films). Roughly two thirds of
its films are *not* in the catalogue, and most of those are traps that share words, a base title,
a remake's title or a short/episode's exact title and year with catalogue films. The rest are
catalogue films written the way Letterboxd writes them: English title where IMDb's primary title
is foreign, year one off (festival against release year), diacritics added or dropped, the
article moved (``Creator, The``), ``&`` against ``and``, other punctuation or case.

**The contract that makes a perfect score possible.** Every row was checked against this
reference rule, so a resolver that implements it attaches every catalogue row and no other:

* title key: fold ``ø æ œ ß ł đ ð þ``, strip diacritics (NFKD), casefold, move a trailing
  ``, The``/``, A``/``, An`` to the front, ``&`` → ``and``, every run of non-letters/digits → one
  space. Keys come from ``primaryTitle``, ``originalTitle`` and every aka of catalogue films.
  With ``--articles ignored`` a leading ``the``/``a``/``an`` is then dropped too, and the data
  holds no film whose title differs from a catalogue film's of about its year only by it; by
  default ("Creator" is not "The Creator") such pairs are among the traps;
* candidates: catalogue films with the row's key and the row's year; if none, those one year
  off; if the key has no dated film at all, its undated films;
* attach when there is exactly one candidate.

So the benchmark never holds a row that title and year cannot decide (another film of the same
title one year apart that is *not* in the catalogue, or two catalogue films of one title and
year). Whatever a resolver does beyond exact keys (fuzzy titles, substring matches, other title
types, any year) can only add wrong attachments here.

**truth.json** has ``rows``: one object per data row of the four CSV files with ``file``
(relative to OUTDIR), ``line`` (1-based physical line; the header is line 1 and no cell holds a
line break), ``film`` (tconst or null: not in the catalogue), ``kind`` (how the row is hard, see
below), ``name`` and ``year``; ``titles``: tconst → "Title (year) [type]" for every title in
``title.basics``; and ``meta``. Kinds of rows whose film is in the catalogue: ``exact``,
``year_off``, ``case``, ``punctuation``, ``english_title``, ``diacritics``, ``article_moved``,
``ampersand``, ``no_year`` (the catalogue film has no year), ``catalogue_id`` (IMDb export).
Kinds of rows whose film is not: ``nonfilm_same`` (an episode/short/game... of that title and
year is in title.basics), ``subset`` (a catalogue title of about that year contains it),
``superset`` (it contains one), ``fuzzy`` (two edits from one), ``remake`` (the same title is
in the catalogue, two or more years away), ``shared_words``, ``unrelated``, ``non_film_id`` and
``unknown_id`` (IMDb export ids of other title types, or in no file).

The defaults take about a second and write about 4 MB.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

N = "\\N"
CATALOGUE_TYPES = ("movie", "tvMovie")
HEADERS = {
    "title.basics": "tconst titleType primaryTitle originalTitle isAdult startYear endYear"
    " runtimeMinutes genres",
    "title.akas": "titleId ordering title region language types attributes isOriginalTitle",
    "title.crew": "tconst directors writers",
    "title.principals": "tconst ordering nconst category job characters",
    "name.basics": "nconst primaryName birthYear deathYear primaryProfession knownForTitles",
    "title.ratings": "tconst averageRating numVotes",
}
IMDB_EXPORT_HEADER = (
    "Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,"
    "Runtime (mins),Year,Genres,Num Votes,Release Date,Directors"
).split(",")
EXPORT_LABELS = {
    "movie": "Movie", "tvMovie": "TV Movie", "short": "Short", "tvEpisode": "TV Episode",
    "tvSeries": "TV Series", "tvMiniSeries": "TV Mini Series", "videoGame": "Video Game",
    "video": "Video", "tvSpecial": "TV Special", "tvShort": "TV Short",
}  # fmt: skip
NON_FILM_TYPES = ("tvEpisode", "tvEpisode", "tvSeries", "short", "videoGame", "video",
                  "tvMiniSeries", "tvSpecial", "tvShort")  # fmt: skip
LOGGABLE_NON_FILM = ("short", "tvMiniSeries", "tvSpecial", "video", "tvShort")

NOUNS = (
    "Night City House Blood Summer River Dream King Road Shadow War Secret Heart Fire Star Girl "
    "Man Ghost Island Winter Stranger Silence Journey Game Mirror Storm Garden Story Rain Devil "
    "Gold Angel Moon Sea Wolf Bridge Sister Brother Creator Day Life Love World Home Water Light "
    "Death Money Family Friend Truth Memory Voice Hunter Killer Doctor Queen Prince Child Mother "
    "Father Son Daughter Soldier Machine Planet Ocean Desert Forest Mountain Valley Train Station "
    "Hotel Room Window Door Letter Song Dance Picture Fortune Promise Escape Revenge Justice "
    "Dragon Tiger Bird Horse Snake Empire Kingdom Border Harbor Lighthouse Orchard Circus Wedding "
    "Funeral Party Heist Contract Witness Signal Frontier Colony Harvest Tide Ember Echo Horizon"
).split()
ADJECTIVES = (
    "Dark Last Silent Lost Broken Hidden Little Long Black White Red Blue Golden Wild Cold Hot "
    "Dead Living Burning Falling Rising Endless Final First Second Strange Sweet Bitter Quiet "
    "Lonely Dangerous Beautiful Perfect Savage Holy Empty Secret Forgotten Electric Velvet"
).split()
NAMES = (
    "Anna Marco Lena Jonas Sofia Pablo Mira Felix Clara Omar Ines Hugo Nora Ivan Lucia Tomas "
    "Elsa Victor Maya Karl Rosa Emil Vera Leo Alma Ben"
).split()
PLACES = (
    "Paris Berlin Rome Tokyo Lisbon Vienna Havana Cairo Oslo Naples Prague Dublin Seville Bombay "
    "Marseille Odessa Tangier Palermo Reno Memphis"
).split()
SHORT_TITLES = (
    "Time Bao Up It Us Her Him Go Ma Pi Heat Ran Rush Tag Run Air Nope Fury Saw Ray Big Elf "
    "Jaws Cars Drive Tar Fear Fog Ice Jade Kin Lux Mud Oz Rio Sea Sun Two Vox Yes Zed"
).split()
PREFIXES = (
    "Charmingly|American|She the|Caught in|Beyond the|Return of the|Son of the|Bride of the|"
    "Revenge of the|Curse of the|Li|Mr.|Little|Super|Baby|Camp|Operation|Project|Planet|Night of"
).split("|")
SUBTITLES = (
    "Speak No Evil|The Beginning|Origins|Reborn|The Final Chapter|Resurrection|Legacy|"
    "Homecoming|First Blood|The Lost Tapes|Director's Cut|A New Dawn|Blood Ties|The Reckoning"
).split("|")
SEQUELS = ("{} 2", "{} II", "{}: Part II", "{}: Part Two", "{} Returns", "{} 3",
           "{}: Chapter Two", "Return to {}", "{} Again", "{} III")  # fmt: skip
NEAR_MISS = dict(
    pair.split("/")
    for pair in (
        "Extraction/Extradition Creator/Curator Collision/Collusion Desert/Dessert Angel/Angle "
        "Diary/Dairy Prophecy/Prophesy Marshal/Martial Heroin/Heroine Soul/Sole Prey/Pray "
        "Knight/Night Reign/Rain Flour/Flower Morning/Mourning Piece/Peace Weight/Wait "
        "Tale/Tail Male/Mail Son/Sun Dye/Die Plain/Plane Storm/Stork Heist/Hoist Tide/Tide "
        "Ember/Amber Echo/Ecco Harbor/Harbour Circus/Circe Signal/Single Wolf/Wolfe"
    ).split()
)
ACCENTED = (
    "Café|Déjà Vu|Noël|Señora|Mañana|Über|Façade|Naïve|Fiancée|Piñata|Résumé|Doppelgänger|"
    "Smörgåsbord|Bjørn|Zoë|Ångström|Crème Brûlée|Göteborg|Zürich|São Paulo|Kraków|Málaga|"
    "Élan|Hôtel Lumière|Łódź|Straße|Ærø"
).split("|")
# word-by-word "translations" for foreign primary titles (grammar is not the point)
FOREIGN = {
    "it": ("Il", {"Night": "Notte", "City": "Città", "House": "Casa", "Blood": "Sangue",
                  "Summer": "Estate", "River": "Fiume", "Dream": "Sogno", "King": "Re",
                  "Road": "Strada", "Shadow": "Ombra", "War": "Guerra", "Heart": "Cuore",
                  "Fire": "Fuoco", "Girl": "Ragazza", "Island": "Isola", "Silence": "Silenzio",
                  "Sea": "Mare", "Moon": "Luna", "Dark": "Oscura", "Last": "Ultima",
                  "Silent": "Silenziosa", "Lost": "Perduta", "Red": "Rossa", "Cold": "Fredda"}),
    "de": ("Die", {"Night": "Nacht", "City": "Stadt", "House": "Haus", "Blood": "Blut",
                   "Summer": "Sommer", "River": "Fluss", "Dream": "Traum", "King": "König",
                   "Road": "Straße", "Shadow": "Schatten", "War": "Krieg", "Heart": "Herz",
                   "Fire": "Feuer", "Girl": "Mädchen", "Island": "Insel", "Silence": "Stille",
                   "Sea": "Meer", "Moon": "Mond", "Dark": "Dunkle", "Last": "Letzte",
                   "Silent": "Stille", "Lost": "Verlorene", "Red": "Rote", "Cold": "Kalte"}),
    "fr": ("La", {"Night": "Nuit", "City": "Ville", "House": "Maison", "Blood": "Sang",
                  "Summer": "Été", "River": "Rivière", "Dream": "Rêve", "King": "Roi",
                  "Road": "Route", "Shadow": "Ombre", "War": "Guerre", "Heart": "Cœur",
                  "Fire": "Feu", "Girl": "Fille", "Island": "Île", "Silence": "Silence",
                  "Sea": "Mer", "Moon": "Lune", "Dark": "Sombre", "Last": "Dernière",
                  "Silent": "Muette", "Lost": "Perdue", "Red": "Rouge", "Cold": "Froide"}),
    "sv": ("", {"Night": "Natt", "City": "Stad", "House": "Hus", "Blood": "Blod",
                "Summer": "Sommar", "River": "Älv", "Dream": "Dröm", "King": "Kung",
                "Road": "Väg", "Shadow": "Skugga", "War": "Krig", "Heart": "Hjärta",
                "Fire": "Eld", "Girl": "Flicka", "Island": "Ö", "Silence": "Tystnad",
                "Sea": "Hav", "Moon": "Måne", "Dark": "Mörk", "Last": "Sista",
                "Silent": "Tyst", "Lost": "Förlorad", "Red": "Röd", "Cold": "Kall"}),
}  # fmt: skip
FIRST = (
    "Anna Marco Lena Jonas Sofia Pablo Mira Felix Clara Omar Ines Hugo Nora Ivan Lucia Tomas "
    "Elsa Victor Maya Karl Rosa Emil Vera Leo Alma Ben Jürgen Søren Zoë François Łukasz Ayşe "
    "Chloé José Björn Renée Dmitri Aiko Kwame Priya Mateo Ingrid Yusuf Greta Paolo Hana Tariq "
    "Leila Oskar Camille Nikolai Freya Rafael Amara Sven Noor Jamal Eva"
).split()
LAST = (
    "Berg Rossi Novak Silva Dubois Meyer Larsen Kowalski Ortega Costa Moreau Fischer Lindqvist "
    "Ferrari Horvat Jensen Nakamura Okafor Petrov Quinn Romano Santos Tanaka Weber Yilmaz Ziegler "
    "Andersen Becker Caruso Dahl Eriksen Fontaine Garcia Hansen Ibsen Jovanović Keller Lambert "
    "Müller Nilsson Olsen Park Reyes Schmidt Torres Ueda Vidal Wolff Çelik Šimek Ødegaard"
).split()
GENRES = ("Drama Comedy Thriller Horror Romance Crime Action Adventure Sci-Fi Fantasy Mystery "
          "Documentary Animation Family War Western Musical Biography History").split()  # fmt: skip
STOPWORDS = frozenset("the a an of and in to for at on is".split())
BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

# The issue's own examples and their neighbours: (title, year, role); role is "film",
# "absent" (a Letterboxd film that is in no IMDb file) or a non-film title type.
CURATED: tuple[tuple[str, int, str], ...] = (
    ("Psycho", 1960, "absent"), ("Psycho", 1998, "film"), ("Charmingly Psycho", 1960, "film"),
    ("Psycho II", 1983, "film"), ("American Psycho", 2000, "film"),
    ("Extraction", 2020, "absent"), ("Extradition", 2020, "film"), ("Extraction 2", 2023, "film"),
    ("Extractions", 2019, "film"),
    ("Aladdin", 2019, "film"), ("Aladdin", 2020, "film"), ("Aladdin", 1992, "film"),
    ("The Creator", 2023, "absent"), ("The Creator", 2023, "videoGame"),
    ("She the Creator", 2023, "film"), ("Creator", 2023, "film"), ("Creators", 2022, "film"),
    ("Bao", 2018, "short"), ("Li Bao Guo", 2018, "film"), ("Bao Bao", 2017, "film"),
    ("Dark Shadows", 2012, "film"), ("Dark Shadows: Speak No Evil", 2012, "film"),
    ("Dark Shadows", 1966, "tvSeries"), ("Dark Shadows", 1991, "tvSeries"),
    ("Time", 2020, "absent"), ("Time", 2020, "tvEpisode"), ("Caught in Time", 2020, "film"),
    ("In Time", 2011, "film"), ("Time Out", 2001, "film"),
    ("Up", 2009, "film"), ("Up in the Air", 2009, "film"), ("Pop Up", 2010, "film"),
    ("It", 2017, "absent"), ("It", 1990, "tvMiniSeries"), ("It Follows", 2014, "film"),
    ("It Chapter Two", 2019, "film"),
)  # fmt: skip

_FOLD = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                       "ß": "ss", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
                       "þ": "th", "Þ": "Th", "ı": "i"})  # fmt: skip
_MOVED_ARTICLE = re.compile(r"^(.*\S),\s*(the|a|an)$", re.IGNORECASE)
_NON_WORD = re.compile(r"[\W_]+")
_LEADING_ARTICLE = re.compile(r"^(the|a|an) ")
_RULE = {"drop_article": False}  # --articles ignored: "The X" and "X" share a key


def title_key(title: str) -> str:
    """The reference key of a title (see the module docstring)."""
    text = title.strip()
    moved = _MOVED_ARTICLE.match(text)
    if moved:
        text = f"{moved.group(2)} {moved.group(1)}"
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    key = _NON_WORD.sub(" ", text.replace("&", " and ")).strip()
    return _LEADING_ARTICLE.sub("", key) if _RULE["drop_article"] else key


def article_sibling(title: str) -> str:
    """``The X`` -> ``X``; ``A X`` -> ``The X``; ``X`` -> ``The X`` (a different title key)."""
    if title.startswith("The "):
        return title[4:]
    for article in ("A ", "An "):
        if title.startswith(article):
            return "The " + title[len(article) :]
    return f"The {title}"


def ascii_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c))


@dataclass
class Title:
    """One row of title.basics with what the other IMDb files say about it."""

    tconst: str
    kind: str
    primary: str
    original: str
    year: int | None
    akas: list[tuple[str, str, str]] = field(default_factory=list)  # title, region, types
    directors: list[str] = field(default_factory=list)
    writers: list[str] = field(default_factory=list)
    cast: list[str] = field(default_factory=list)
    variant: str = "exact"  # how Letterboxd's name for it differs from IMDb's
    letterboxd_name: str = ""

    @property
    def in_catalogue(self) -> bool:
        return self.kind in CATALOGUE_TYPES

    def title_keys(self) -> list[str]:
        found = [title_key(self.primary), title_key(self.original)]
        found += [title_key(aka) for aka, _, _ in self.akas]
        return sorted(set(found))


@dataclass
class LetterboxdFilm:
    """A film as the Letterboxd export names it, with the tconst it really is (or None)."""

    name: str
    year: int
    uri: str
    truth: str | None
    kind: str


class Catalogue:
    """Catalogue films indexed by title key, and the reference matching rule."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[tuple[int | None, str]]] = defaultdict(list)

    def add(self, title: Title) -> None:
        for key in title.title_keys():
            self.by_key[key].append((title.year, title.tconst))

    def taken(self, keys: Iterable[str], year: int | None, *, spread: int = 0) -> bool:
        """Whether a catalogue film has one of ``keys`` within ``spread`` years of ``year``."""
        for key in keys:
            for other_year, _ in self.by_key.get(key, ()):
                if year is None or other_year is None:
                    return True
                if abs(other_year - year) <= spread:
                    return True
        return False

    def candidates(self, name: str, year: int | None) -> list[str]:
        entries = self.by_key.get(title_key(name), [])
        if year is not None:
            for spread in (0, 1):
                found = sorted({t for y, t in entries if y is not None and abs(y - year) == spread})
                if found:
                    return found
        if entries and all(y is None for y, _ in entries):
            return sorted({t for _, t in entries})
        return []


class Builder:
    """Builds the catalogue, the non-film titles, the people and the Letterboxd films."""

    def __init__(self, seed: int, films: int) -> None:
        self.rng = random.Random(seed)
        self.target = films
        self.titles: list[Title] = []
        self.films = 0  # catalogue films among titles
        self.catalogue = Catalogue()
        self.absent: list[tuple[str, int]] = []  # Letterboxd-only films proposed by families
        self.loggable: list[Title] = []  # non-film titles Letterboxd also lists
        self.curated = (0, 0, 0)  # how many titles, absent and loggable films are CURATED's
        self.next_id = 5_000_000
        self.people: list[str] = []
        self.names: dict[str, str] = {}
        self.known_for: dict[str, list[str]] = defaultdict(list)
        self.uris: set[str] = set()

    # -- ids and people -----------------------------------------------------------------------

    def tconst(self) -> str:
        self.next_id += self.rng.randint(1, 40)
        return f"tt{self.next_id:07d}"

    def make_people(self) -> None:
        count = max(400, self.target)
        combos = [f"{f} {last}" for f in FIRST for last in LAST]
        self.rng.shuffle(combos)
        for i, name in enumerate(combos[:count]):
            nconst = f"nm{1_000_000 + i * 7:07d}"
            self.people.append(nconst)
            self.names[nconst] = name

    def person(self, avoid: Sequence[str] = ()) -> str:
        while True:
            nconst = self.rng.choice(self.people)
            if nconst not in avoid:
                return nconst

    # -- titles -------------------------------------------------------------------------------

    def year(self) -> int:
        return min(2025, int(1925 + 100 * self.rng.random() ** 0.6))

    def random_title(self) -> str:
        r = self.rng
        noun, noun2, adj = r.choice(NOUNS), r.choice(NOUNS), r.choice(ADJECTIVES)
        return r.choice((
            noun, f"The {noun}", f"{adj} {noun}", f"The {adj} {noun}", f"{noun} of {noun2}",
            f"The {noun} of the {noun2}", f"{noun} and {noun2}", f"{r.choice(NAMES)}'s {noun}",
            f"{noun} in {r.choice(PLACES)}", f"A {noun} for {r.choice(NAMES)}", f"{adj} {noun}s",
            f"Last {noun}", f"{noun}: {adj} {noun2}", f"{r.choice(NAMES)} and the {noun}",
            r.choice(SHORT_TITLES),
        ))  # fmt: skip

    def add_title(self, primary: str, year: int | None, kind: str, *, original: str = "",
                  variant: str = "exact", letterboxd_name: str = "",
                  akas: Sequence[tuple[str, str, str]] = ()) -> Title | None:  # fmt: skip
        """Add a title; a catalogue film is refused when its keys and year are taken."""
        title = Title(self.tconst(), kind, primary, original or primary, year, list(akas),
                      variant=variant, letterboxd_name=letterboxd_name or primary)  # fmt: skip
        if title.in_catalogue:
            self.add_akas(title)
            if self.catalogue.taken(title.title_keys(), year):
                return None
            self.catalogue.add(title)
            self.films += 1
        self.add_people(title)
        self.titles.append(title)
        return title

    def add_akas(self, title: Title) -> None:
        r = self.rng
        akas = [(title.original, N, "original"), *title.akas]
        if r.random() < 0.7:
            akas.append((title.primary, r.choice(("US", "GB", "XWW")), "imdbDisplay"))
        words = title.primary.split()
        german = FOREIGN["de"][1]
        if r.random() < 0.4 and any(w in german for w in words):
            akas.append((" ".join(german.get(w, w) for w in words), "DE", "imdbDisplay"))
        if r.random() < 0.15:
            akas.append((title.primary.upper(), "XWW", "working"))
        kept: list[tuple[str, str, str]] = []
        for aka in akas:
            key = title_key(aka[0])
            if key and not self.catalogue.taken([key], title.year) and aka not in kept:
                kept.append(aka)
        title.akas = kept

    def add_people(self, title: Title) -> None:
        r = self.rng
        if title.kind not in ("tvSeries", "tvMiniSeries") or r.random() < 0.2:
            title.directors = [self.person()]
            if r.random() < 0.08:
                title.directors.append(self.person(title.directors))
        title.writers = [self.person() for _ in range(r.randint(0, 2))]
        title.cast = [self.person(title.directors) for _ in range(r.randint(2, 3))]
        for nconst in [*title.directors, *title.cast]:
            if len(self.known_for[nconst]) < 4:
                self.known_for[nconst].append(title.tconst)

    def film_kind(self) -> str:
        return "tvMovie" if self.rng.random() < 0.1 else "movie"

    def place(self, primary: str, year: int, role: str) -> Title | None:
        """Put one family member where its role says: a film, a non-film title or absent."""
        if role == "absent":
            self.absent.append((primary, year))
            return None
        if role == "film":
            return self.add_title(primary, year, self.film_kind())
        title = self.add_title(primary, year, role)
        if title is not None and role in LOGGABLE_NON_FILM:
            self.loggable.append(title)
        return title

    def family(self) -> None:
        """A base title and a handful of confusable relatives, each a film, absent or other."""
        r = self.rng
        base = r.choice(SHORT_TITLES) if r.random() < 0.3 else self.random_title()
        year = self.year()
        base_role = "film" if r.random() < 0.55 else "absent"
        self.place(base, year, base_role)
        last_word = base.split()[-1]
        options = [
            (base, year + r.choice((-1, 1)) * r.randint(3, 45)),  # remake
            (f"{r.choice(PREFIXES)} {base}", year + r.randint(-1, 1)),  # contains the base
            (f"{base}: {r.choice(SUBTITLES)}", year + r.randint(-1, 1)),
            (r.choice(SEQUELS).format(base), year + r.randint(2, 6)),
            (f"{base}s" if not base.endswith("s") else base[:-1], year + r.randint(-1, 1)),
            (article_sibling(base), year),
        ]
        if last_word in NEAR_MISS:
            options.append((base.replace(last_word, NEAR_MISS[last_word]), year))
        elif len(base) > 5:
            i = r.randrange(1, len(base) - 1)
            if base[i].isalpha():
                options.append((base[:i] + r.choice("aeiourstln") + base[i + 1 :], year))
        members = r.sample(options, k=min(len(options), r.randint(3, 6)))
        for title, member_year in members:
            role = "film" if r.random() < 0.6 else "absent"
            self.place(title, min(member_year, 2025), role)
        if base_role == "film" and r.random() < 0.3:  # the same title one year apart
            self.place(base, year + r.choice((-1, 1)), "film")
        if r.random() < 0.5:  # an episode, a game, a short ... of the same title
            self.place(base, year + r.randint(-1, 1), r.choice(NON_FILM_TYPES))

    def variant_film(self) -> None:
        """A catalogue film whose Letterboxd name differs from its IMDb primary title."""
        r = self.rng
        year = self.year()
        variant = r.choice(("english_title", "english_title", "diacritics", "article_moved",
                            "ampersand"))  # fmt: skip
        if variant == "english_title":
            lang = r.choice(sorted(FOREIGN))
            article, words = FOREIGN[lang]
            chosen = r.sample(sorted(words), k=r.randint(1, 2))
            english = "The " + " ".join(chosen)
            foreign = " ".join([article, *(words[w] for w in chosen)]).strip()
            self.add_title(
                foreign,
                year,
                self.film_kind(),
                variant=variant,
                letterboxd_name=english,
                akas=[(english, r.choice(("US", "GB", "XWW")), "imdbDisplay")],
            )
        elif variant == "diacritics":
            accented = r.choice((
                "{}", "{} at Midnight", "The {} Affair", "{} in " + r.choice(PLACES),
                "Last {}", "{} " + r.choice(NOUNS),
            )).format(r.choice(ACCENTED))  # fmt: skip
            imdb, letterboxd = (ascii_fold(accented), accented)
            if r.random() < 0.4:
                imdb, letterboxd = letterboxd, imdb
            self.add_title(
                imdb, year, self.film_kind(), variant=variant, letterboxd_name=letterboxd
            )
        elif variant == "article_moved":
            rest = self.random_title().removeprefix("The ").removeprefix("A ")
            self.add_title(
                f"{rest}, The",
                year,
                self.film_kind(),
                variant=variant,
                letterboxd_name=f"The {rest}",
            )
        else:
            a, b = r.sample(NOUNS, 2)
            imdb, letterboxd = f"{a} & {b}", f"{a} and {b}"
            if r.random() < 0.5:
                imdb, letterboxd = letterboxd, imdb
            self.add_title(
                imdb, year, self.film_kind(), variant=variant, letterboxd_name=letterboxd
            )

    def build_catalogue(self) -> None:
        self.make_people()
        for title, year, role in CURATED:
            self.place(title, year, role)
        self.curated = len(self.titles), len(self.absent), len(self.loggable)
        while self.films < self.target * 0.55:
            self.family()
        while self.films < self.target * 0.7:
            self.variant_film()
        undated = 0
        while self.films < self.target:
            if undated < self.target // 100:
                r = self.rng
                name = f"{r.choice(ADJECTIVES)} {r.choice(NOUNS)} of {r.choice(PLACES)}"
                if self.add_title(name, None, "movie", variant="no_year"):
                    undated += 1
                continue
            self.add_title(self.random_title(), self.year(), self.film_kind())
        while len(self.titles) - self.films < self.target // 4:
            self.place(self.random_title(), self.year(), self.rng.choice(NON_FILM_TYPES))

    # -- Letterboxd ---------------------------------------------------------------------------

    def uri(self, length: int) -> str:
        while True:
            code = "".join(self.rng.choice(BASE62) for _ in range(length))
            if code not in self.uris:
                self.uris.add(code)
                return f"https://boxd.it/{code}"

    def spelled(self, film: Title) -> tuple[str, int, str]:
        """How Letterboxd might write a catalogue film, checked against the contract."""
        r = self.rng
        assert film.year is not None
        name, year, kind = film.letterboxd_name, film.year, film.variant
        roll = r.random()
        if kind == "exact" and roll < 0.22:
            year, kind = film.year + (1 if r.random() < 0.7 else -1), "year_off"
        elif kind == "exact" and roll < 0.30:
            name, kind = (name.upper() if r.random() < 0.3 else name.lower()), "case"
        elif kind == "exact" and roll < 0.38 and re.search(r"[:'.]", name):
            name = name.replace(": ", " - ").replace("'", "\u2019").replace(".", "")
            kind = "punctuation"
        if self.catalogue.candidates(name, year) != [film.tconst]:
            name, year, kind = film.primary, film.year, "exact"
        return name, year, kind

    def trap(self, films: Sequence[Title]) -> tuple[str, int]:
        """A title and year built to be confused with a catalogue film."""
        r = self.rng
        film = r.choice(films)
        assert film.year is not None
        words = film.primary.split()
        year = film.year + r.randint(-1, 1)
        shape = r.choice(("subset", "subset", "superset", "fuzzy", "remake", "sequel",
                          "sibling", "shared"))  # fmt: skip
        if shape == "subset" and len(words) > 1:
            start = r.randrange(len(words))
            end = r.randrange(start + 1, len(words) + 1)
            return " ".join(words[start:end]).strip(":"), year
        if shape == "superset":
            return r.choice((f"{r.choice(PREFIXES)} {film.primary}",
                             f"{film.primary}: {r.choice(SUBTITLES)}")), year  # fmt: skip
        if shape == "fuzzy":
            swapped = [NEAR_MISS.get(w, w) for w in words]
            if swapped != words:
                return " ".join(swapped), year
            i = r.randrange(len(film.primary))
            return film.primary[:i] + r.choice("aeiorstn") + film.primary[i + 1 :], year
        if shape == "remake":
            return film.primary, film.year + r.choice((-1, 1)) * r.randint(2, 40)
        if shape == "sequel":
            return r.choice(SEQUELS).format(film.primary), film.year + r.randint(1, 5)
        if shape == "sibling":
            return article_sibling(film.primary), film.year
        return self.random_title(), year

    def letterboxd_films(self, count: int) -> list[LetterboxdFilm]:
        r = self.rng
        cat = [t for t in self.titles if t.in_catalogue]
        dated = [t for t in cat if t.year is not None]
        in_share = 0.35
        wanted_in = round(count * in_share)
        special = [t for t in cat if t.variant != "exact"]
        r.shuffle(special)
        plain = [t for t in dated if t.variant == "exact"]
        titles, absent, loggable = self.curated
        first = [t for t in self.titles[:titles] if t.in_catalogue]  # the examples
        picks: list[Title] = []
        chosen: set[str] = set()
        for t in [*first, *special[: wanted_in // 4], *r.sample(plain, min(len(plain), wanted_in))]:
            if t.tconst not in chosen:
                chosen.add(t.tconst)
                picks.append(t)
        films: list[LetterboxdFilm] = []
        used: set[tuple[str, int]] = set()
        for film in picks[:wanted_in]:
            if film.year is None:
                name, year, kind = film.letterboxd_name, self.year(), "no_year"
                if self.catalogue.candidates(name, year) != [film.tconst]:
                    continue
            else:
                name, year, kind = self.spelled(film)
            used.add((title_key(name), year))
            films.append(LetterboxdFilm(name, year, self.uri(4), film.tconst, kind))
        proposals = self.absent[absent:] + [
            (t.primary, t.year or 0) for t in self.loggable[loggable:]
        ]
        r.shuffle(proposals)
        proposals += self.absent[:absent] + [
            (t.primary, t.year or 0) for t in self.loggable[:loggable]
        ]
        while len(films) < count:
            if proposals:
                name, year = proposals.pop()
            elif r.random() < 0.05:  # nothing like any catalogue title
                name, year = f"{r.choice(NAMES)} {r.choice(LAST)}", self.year()
            else:
                name, year = self.trap(dated)
            key = title_key(name)
            if key in STOPWORDS or not 1900 <= year <= 2026 or (key, year) in used:
                continue
            if self.catalogue.candidates(name, year):
                continue
            used.add((key, year))
            films.append(LetterboxdFilm(name, year, self.uri(4), None, "trap"))
        r.shuffle(films)
        return films


def classify_traps(builder: Builder, films: Sequence[LetterboxdFilm]) -> None:
    """Name how each absent film is confusable with the catalogue (for the score's breakdown)."""
    by_token: dict[str, list[Title]] = defaultdict(list)
    by_year: dict[int, list[str]] = defaultdict(list)
    others: dict[tuple[str, int], str] = {}
    for title in builder.titles:
        if title.in_catalogue and title.year is not None:
            for token in set(title_key(title.primary).split()) - STOPWORDS:
                by_token[token].append(title)
            by_year[title.year] += title.title_keys()
        elif title.year is not None:
            others[(title_key(title.primary), title.year)] = title.kind
    for film in films:
        if film.truth is not None:
            continue
        key = title_key(film.name)
        tokens = key.split()
        near = {t.tconst: t for tok in set(tokens) - STOPWORDS for t in by_token.get(tok, [])}
        close = [t for t in near.values() if t.year is not None and abs(t.year - film.year) <= 1]
        keys = [title_key(t.primary) for t in close]
        if (key, film.year) in others:
            film.kind = "nonfilm_same"
        elif any(f" {key} " in f" {k} " for k in keys):
            film.kind = "subset"
        elif any(f" {k} " in f" {key} " for k in keys):
            film.kind = "superset"
        elif any(
            _edits(key, k) <= 2 for y in (-1, 0, 1) for k in by_year[film.year + y] if k != key
        ):
            film.kind = "fuzzy"
        elif builder.catalogue.by_key.get(key):
            film.kind = "remake"
        elif close:
            film.kind = "shared_words"
        else:
            film.kind = "unrelated"


def _edits(a: str, b: str) -> int:
    """Levenshtein distance, capped at 3."""
    if abs(len(a) - len(b)) > 2:
        return 3
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > 2:
            return 3
        previous = current
    return min(previous[-1], 3)


# -- writing ----------------------------------------------------------------------------------


def write_tsv(path: Path, kind: str, rows: Iterable[Sequence[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("\t".join(HEADERS[kind].split()) + "\n")
        for row in rows:
            out.write("\t".join(N if v is None else str(v) for v in row) + "\n")


def write_imdb(builder: Builder, folder: Path) -> None:
    r = builder.rng
    folder.mkdir(parents=True, exist_ok=True)
    titles = sorted(builder.titles, key=lambda t: t.tconst)
    runtimes = {"short": (3, 40), "tvEpisode": (20, 60), "tvShort": (3, 20), "tvMovie": (60, 120),
                "tvSeries": (20, 60), "tvMiniSeries": (40, 70)}  # fmt: skip
    basics = []
    for t in titles:
        low, high = runtimes.get(t.kind, (75, 180))
        runtime = None if t.kind == "videoGame" or r.random() < 0.05 else r.randint(low, high)
        end = t.year + r.randint(0, 8) if t.kind == "tvSeries" and t.year else None
        genres = ",".join(sorted(r.sample(GENRES, r.randint(1, 3))))
        basics.append((t.tconst, t.kind, t.primary, t.original, 0, t.year, end, runtime, genres))
    write_tsv(folder / "title.basics.tsv", "title.basics", basics)
    write_tsv(folder / "title.akas.tsv", "title.akas", (
        (t.tconst, i, aka, region, N, types, N, 1 if types == "original" else 0)
        for t in titles for i, (aka, region, types) in enumerate(t.akas, 1)
    ))  # fmt: skip
    write_tsv(folder / "title.crew.tsv", "title.crew", (
        (t.tconst, ",".join(t.directors) or None, ",".join(t.writers) or None) for t in titles
    ))  # fmt: skip
    principals = []
    for t in titles:
        credits = [(n, "actress" if r.random() < 0.45 else "actor") for n in t.cast]
        credits += [(n, "director") for n in t.directors]
        for i, (nconst, category) in enumerate(credits, 1):
            character = json.dumps([r.choice(FIRST)], ensure_ascii=False) if i <= len(t.cast) else N
            principals.append((t.tconst, i, nconst, category, N, character))
    write_tsv(folder / "title.principals.tsv", "title.principals", principals)
    directors = {n for t in titles for n in t.directors}
    write_tsv(folder / "name.basics.tsv", "name.basics", (
        (n, builder.names[n], r.randint(1920, 2000) if r.random() < 0.8 else None, None,
         "director" if n in directors else "actor", ",".join(builder.known_for[n]) or None)
        for n in builder.people
    ))  # fmt: skip
    write_tsv(folder / "title.ratings.tsv", "title.ratings", (
        (t.tconst, f"{r.uniform(2.0, 9.3):.1f}", int(5 * 10 ** r.uniform(0, 5.6)))
        for t in titles if r.random() < 0.9
    ))  # fmt: skip


def date(rng: random.Random, start: int = 2016, end: int = 2025) -> str:
    return f"{rng.randint(start, end)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


def star(rng: random.Random) -> str:
    return f"{rng.randint(1, 10) / 2:g}"


def write_letterboxd(builder: Builder, rows: int, folder: Path) -> list[dict[str, object]]:
    """diary.csv (``rows`` viewings), watched.csv and ratings.csv; returns their truth rows."""
    r = builder.rng
    folder.mkdir(parents=True, exist_ok=True)
    distinct = max(1, round(rows / 1.12))
    films = builder.letterboxd_films(round(distinct * 1.1))
    classify_traps(builder, films)
    logged = films[:distinct]
    viewings = list(logged) + [r.choice(logged) for _ in range(rows - len(logged))]
    dated = sorted(((date(r), film) for film in viewings), key=lambda d: d[0])
    diary = []
    seen: set[str] = set()
    for watched, film in dated:  # the first viewing of a film is not a rewatch
        rewatch = "Yes" if film.uri in seen else ""
        seen.add(film.uri)
        diary.append((watched, film, star(r) if r.random() < 0.8 else "", rewatch))
    truth: list[dict[str, object]] = []

    def note(file: str, line: int, film: LetterboxdFilm) -> None:
        truth.append({"file": file, "line": line, "film": film.truth, "kind": film.kind,
                      "name": film.name, "year": film.year})  # fmt: skip

    diary_rows = []
    for line, (watched, film, rating, rewatch) in enumerate(diary, 2):
        diary_rows.append((watched, film.name, str(film.year), builder.uri(6), rating, rewatch,
                           "", watched))  # fmt: skip
        note("letterboxd/diary.csv", line, film)
    write_csv(folder / "diary.csv", ["Date", "Name", "Year", "Letterboxd URI", "Rating",
                                     "Rewatch", "Tags", "Watched Date"], diary_rows)  # fmt: skip
    watched_films = sorted(((date(r, 2012), f) for f in films), key=lambda x: x[0])
    write_csv(
        folder / "watched.csv",
        ["Date", "Name", "Year", "Letterboxd URI"],
        [(d, f.name, str(f.year), f.uri) for d, f in watched_films],
    )
    for line, (_, film) in enumerate(watched_films, 2):
        note("letterboxd/watched.csv", line, film)
    rated = sorted(((date(r), f) for f in films if r.random() < 0.75), key=lambda x: x[0])
    write_csv(
        folder / "ratings.csv",
        ["Date", "Name", "Year", "Letterboxd URI", "Rating"],
        [(d, f.name, str(f.year), f.uri, star(r)) for d, f in rated],
    )
    for line, (_, film) in enumerate(rated, 2):
        note("letterboxd/ratings.csv", line, film)
    return truth


def write_imdb_export(builder: Builder, count: int, folder: Path) -> list[dict[str, object]]:
    """An IMDb ratings export: catalogue films, other title types and ids IMDb files lack."""
    r = builder.rng
    folder.mkdir(parents=True, exist_ok=True)
    cat = [t for t in builder.titles if t.in_catalogue]
    other = [t for t in builder.titles if not t.in_catalogue]
    rows: list[tuple[str, list[str], str | None, str]] = []
    for i in range(count):
        roll = r.random()
        if roll < 0.45:
            t = r.choice(cat)
            localised = [a for a, region, _ in t.akas if region == "DE"]
            shown = localised[0] if localised and r.random() < 0.5 else t.primary
            rows.append((date(r), _export_cells(builder, t, shown), t.tconst, "catalogue_id"))
        elif roll < 0.65:
            t = r.choice(other)
            rows.append((date(r), _export_cells(builder, t, t.primary), None, "non_film_id"))
        else:
            fake = Title(f"tt{9_000_000 + i * 13:07d}", r.choice(("movie", "movie", "tvEpisode")),
                         builder.random_title(), "", builder.year())  # fmt: skip
            fake.original = fake.primary
            rows.append((date(r), _export_cells(builder, fake, fake.primary), None, "unknown_id"))
    rows.sort(key=lambda row: row[0], reverse=True)
    truth: list[dict[str, object]] = []
    with (folder / "ratings.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(IMDB_EXPORT_HEADER)
        for line, (rated, cells, film, kind) in enumerate(rows, 2):
            cells[2] = rated
            writer.writerow(cells)
            truth.append({"file": "imdb-export/ratings.csv", "line": line, "film": film,
                          "kind": kind, "name": cells[3], "year": cells[9]})  # fmt: skip
    return truth


def _export_cells(builder: Builder, t: Title, shown: str) -> list[str]:
    r = builder.rng
    year = "" if t.year is None else str(t.year)
    directors = ",".join(builder.names[n] for n in t.directors)
    return [
        t.tconst,
        str(r.randint(1, 10)),
        "",
        shown,
        t.original,
        f"https://www.imdb.com/title/{t.tconst}",
        EXPORT_LABELS.get(t.kind, t.kind),
        f"{r.uniform(2, 9.3):.1f}",
        str(r.randint(70, 180)),
        year,
        ", ".join(r.sample(GENRES, 2)),
        str(r.randint(5, 900_000)),
        f"{year}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}" if year else "",
        directors,
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--films", type=int, default=4000, help="catalogue films (4000)")
    parser.add_argument("--rows", type=int, default=3000, help="Letterboxd diary rows (3000)")
    parser.add_argument("--imdb-rows", type=int, default=1000, help="IMDb export rows (1000)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--articles",
        choices=("significant", "ignored"),
        default="significant",
        help="whether 'The X' and 'X' are different titles (default) or the same one",
    )
    args = parser.parse_args(argv)
    _RULE["drop_article"] = args.articles == "ignored"
    if args.films < 200 or args.rows < 50 or args.imdb_rows < 0:
        parser.error("use at least 200 films and 50 rows")
    builder = Builder(args.seed, args.films)
    builder.build_catalogue()
    write_imdb(builder, args.outdir / "imdb")
    truth = write_letterboxd(builder, args.rows, args.outdir / "letterboxd")
    truth += write_imdb_export(builder, args.imdb_rows, args.outdir / "imdb-export")
    titles = {t.tconst: f"{t.primary} ({t.year if t.year else '?'}) [{t.kind}]"
              for t in sorted(builder.titles, key=lambda t: t.tconst)}  # fmt: skip
    meta = {
        "seed": args.seed, "films": sum(1 for t in builder.titles if t.in_catalogue),
        "titles": len(builder.titles), "catalogue_types": list(CATALOGUE_TYPES),
        "articles": args.articles,
        "line": "1-based physical line; the header is line 1",
    }  # fmt: skip
    (args.outdir / "truth.json").write_text(
        json.dumps({"meta": meta, "rows": truth, "titles": titles}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    in_cat = sum(1 for row in truth if row["film"] is not None)
    print(f"{meta['films']} catalogue films, {len(builder.titles)} titles, {len(truth)} rows "
          f"({in_cat} of them of catalogue films) -> {args.outdir}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
