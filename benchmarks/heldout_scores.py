"""Aggregate scores on a gold file, by group, without printing any passage.

    python benchmarks/heldout_scores.py GOLD.yaml [--by phenomenon|stratum] [--json]

For held-out sets that must not be read while tuning: it runs ``rhetor evaluate --json``
and prints only precision, recall and F1 for (value, side, stance) triples (strict),
(value, side) pairs and (passage, value) presence, overall and per group.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import yaml


def prf(predicted: set, expected: set) -> tuple[int, int, int]:
    return len(predicted & expected), len(predicted - expected), len(expected - predicted)


def scores(counts: list[int]) -> dict:
    tp, fp, fn = counts
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f, 3),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--by", default="phenomenon")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    passages = yaml.safe_load(args.gold.read_text())["passages"]
    run = subprocess.run(
        [sys.executable, "-m", "rhetor.cli", "evaluate", str(args.gold), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    results = {r["id"]: r for r in json.loads(run.stdout)["results"]}
    levels = {
        "strict": lambda t: t,
        "pairs": lambda t: t[:2],
        "values": lambda t: t[:1],
    }
    table: dict = defaultdict(lambda: {level: [0, 0, 0] for level in levels})
    for passage in passages:
        expected = {tuple(t) for t in passage.get("expect") or ()}
        result = results[passage["id"]]
        missed = {tuple(t) for t in result["misses"]}
        predicted = (expected - missed) | {tuple(t) for t in result["false_alarms"]}
        for group in ("all", passage.get(args.by, "-")):
            for level, key in levels.items():
                got = prf({key(t) for t in predicted}, {key(t) for t in expected})
                table[group][level] = [a + b for a, b in zip(table[group][level], got, strict=True)]
    out = {g: {lv: scores(c) for lv, c in row.items()} for g, row in sorted(table.items())}
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"{args.gold}: {len(passages)} passages")
    print(f"{'group':24} {'strict P/R/F1':>20} {'pairs F1':>9} {'values F1':>10}")
    for group, row in out.items():
        s = row["strict"]
        print(
            f"{group:24} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
            f"{row['pairs']['f1']:9.3f} {row['values']['f1']:10.3f}"
        )


if __name__ == "__main__":
    main()
