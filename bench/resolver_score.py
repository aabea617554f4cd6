"""Score a film resolver's decisions against the truth written by ``resolver_data.py``.

Usage::

    python bench/resolver_data.py OUTDIR
    ... run the resolver on OUTDIR's files, writing DECISIONS.json ...
    python bench/resolver_score.py OUTDIR/truth.json DECISIONS.json [--examples 10] [--check]

``DECISIONS.json`` is a list with one object per row the resolver looked at::

    [{"file": "letterboxd/diary.csv", "line": 2, "film": "tt5000023", "status": "attached"},
     {"file": "letterboxd/diary.csv", "line": 3, "film": null, "status": "ambiguous"}, ...]

``file`` is relative to OUTDIR, ``line`` the 1-based physical line of the row (the header is
line 1), ``status`` one of ``attached``, ``ambiguous``, ``not_in_catalogue``. A row the decisions
leave out counts as not attached.

Printed: the number of rows; **wrong attachments** (rows attached to a film that is not theirs,
including rows whose film is not in the catalogue; target 0) with examples; the **attached share**
of rows whose film is in the catalogue (attached to the right film; target at least 97 %); the
ambiguous count; and a breakdown by file and by the kind of difficulty ``truth.json`` records.
With ``--check`` the exit status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STATUSES = ("attached", "ambiguous", "not_in_catalogue")
TARGET_WRONG = 0
TARGET_SHARE = 0.97


@dataclass(frozen=True)
class Decision:
    film: str | None
    status: str


@dataclass
class Tally:
    rows: int = 0
    in_catalogue: int = 0
    right: int = 0
    wrong: int = 0
    ambiguous: int = 0
    missed: int = 0  # rows whose film is in the catalogue and was not attached to it

    def add(self, truth: str | None, decision: Decision | None) -> str:
        """Count one row; return ``right``, ``wrong``, ``ambiguous``, ``missed`` or ``ok``."""
        self.rows += 1
        self.in_catalogue += truth is not None
        status = decision.status if decision else "missing"
        if status == "attached" and decision is not None:
            if decision.film == truth:
                self.right += 1
                return "right"
            self.wrong += 1
            return "wrong"
        if status == "ambiguous":
            self.ambiguous += 1
        if truth is not None:
            self.missed += 1
            return "missed"
        return "ambiguous" if status == "ambiguous" else "ok"

    @property
    def share(self) -> float:
        return self.right / self.in_catalogue if self.in_catalogue else 1.0


def load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SystemExit(f"{path}: {error}") from None


def read_decisions(data: Any, path: Path) -> dict[tuple[str, int], Decision]:
    if not isinstance(data, list):
        raise SystemExit(f"{path}: expected a JSON list of decisions")
    decisions: dict[tuple[str, int], Decision] = {}
    for i, item in enumerate(data):
        try:
            where = (str(item["file"]), int(item["line"]))
            status = str(item["status"])
            film = item.get("film")
        except (KeyError, TypeError, ValueError):
            raise SystemExit(f"{path}: decision {i} needs file, line and status") from None
        if status not in STATUSES:
            raise SystemExit(f"{path}: decision {i}: status {status!r} is not one of {STATUSES}")
        if where in decisions:
            raise SystemExit(f"{path}: two decisions for {where[0]}:{where[1]}")
        decisions[where] = Decision(None if film is None else str(film), status)
    return decisions


def describe(row: Mapping[str, Any], film: str | None, titles: Mapping[str, str]) -> str:
    chosen = f"{film} {titles.get(film, '(not a title in the files)')}" if film else "nothing"
    truth = row["film"]
    really = f"{truth} {titles.get(truth, '')}".strip() if truth else "not in the catalogue"
    return (
        f"  {row['file']}:{row['line']} {row['name']!r} ({row['year']}) -> {chosen};"
        f" really {really} [{row['kind']}]"
    )


def table(title: str, tallies: Mapping[str, Tally]) -> list[str]:
    lines = [f"{title:<26} {'rows':>6} {'in cat':>7} {'right':>6} {'wrong':>6} {'ambig':>6}"
             f" {'missed':>7}"]  # fmt: skip
    for name in sorted(tallies):
        t = tallies[name]
        lines.append(f"{name:<26} {t.rows:>6} {t.in_catalogue:>7} {t.right:>6} {t.wrong:>6}"
                     f" {t.ambiguous:>6} {t.missed:>7}")  # fmt: skip
    return lines


def score(truth: Mapping[str, Any], decisions: Mapping[tuple[str, int], Decision],
          examples: int) -> tuple[list[str], bool]:  # fmt: skip
    """The report's lines, and whether both targets are met."""
    rows: Sequence[Mapping[str, Any]] = truth["rows"]
    titles: Mapping[str, str] = truth.get("titles", {})
    total = Tally()
    by_file: dict[str, Tally] = defaultdict(Tally)
    by_kind: dict[str, Tally] = defaultdict(Tally)
    bad: dict[str, list[str]] = defaultdict(list)
    known = set()
    for row in rows:
        where = (row["file"], int(row["line"]))
        known.add(where)
        decision = decisions.get(where)
        outcome = total.add(row["film"], decision)
        by_file[row["file"]].add(row["film"], decision)
        by_kind[row["kind"]].add(row["film"], decision)
        if outcome in ("wrong", "missed"):
            bad[outcome].append(describe(row, decision.film if decision else None, titles))
    stray = Counter(f for f, _ in decisions.keys() - known)
    missing = sum(1 for row in rows if (row["file"], int(row["line"])) not in decisions)
    statuses = Counter(d.status for d in decisions.values())
    ok = total.wrong <= TARGET_WRONG and total.share >= TARGET_SHARE
    lines = [
        f"rows: {total.rows} ({total.in_catalogue} whose film is in the catalogue); "
        f"decisions: {len(decisions)}, missing: {missing}"
        + (f", for unknown rows: {dict(stray)}" if stray else ""),
        f"wrong attachments: {total.wrong} (target {TARGET_WRONG})",
        *bad["wrong"][:examples],
        f"attached share of rows in the catalogue: {total.right}/{total.in_catalogue} = "
        f"{total.share:.2%} (target {TARGET_SHARE:.0%})",
        f"ambiguous: {total.ambiguous}; not attached although in the catalogue: {total.missed}",
        *bad["missed"][:examples],
        "statuses: " + ", ".join(f"{s} {statuses[s]}" for s in STATUSES),
        "",
        *table("file", by_file),
        "",
        *table("kind", by_kind),
        "",
        "targets met" if ok else "targets NOT met",
    ]
    return lines, ok


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("truth", type=Path, help="truth.json written by resolver_data.py")
    parser.add_argument("decisions", type=Path, help="the resolver's decisions (JSON list)")
    parser.add_argument("--examples", type=int, default=10, help="examples shown per problem")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    truth = load_json(args.truth)
    if not isinstance(truth, dict) or not isinstance(truth.get("rows"), list):
        raise SystemExit(f"{args.truth}: not a truth.json (no rows)")
    decisions = read_decisions(load_json(args.decisions), args.decisions)
    lines, ok = score(truth, decisions, max(0, args.examples))
    print("\n".join(lines))
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
