"""What counts mode (``--counts``) cannot see: negation, measured against the full
pipeline on the same addresses.

Run by hand (not part of the tests):

    python benchmarks/counts_negation.py [--corpus DIR] [--every 10]

Takes every ``--every``-th State of the Union address of ``--corpus`` (sorted by
name: 24 of the 233 with the default 10), analyses each with the full pipeline
(parse, match, attribute) and in counts mode, on the same lexicons, and prints:

- the ``negated`` totals of both (the values table's ``negated`` column, summed);
- mention by mention (value, polarity and character offsets), for the mentions both
  find, how often they agree on ``negated``: both negated, both not, negated only by
  the full pipeline (a negation counts mode's three-token look-back misses: "we will
  never, in any circumstances, abandon fairness"), negated only by counts mode (a
  negation cue in the three tokens before that the parse puts in another clause).

The full pipeline reads negation from the dependency parse (a negation cue in the
mention's clause); counts mode has no parse and looks for a negation cue in the three
tokens before the mention (docs/batch.md, "Counts mode").
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "sotu" / "data"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--every", type=int, default=10, help="take every Nth address")
    args = parser.parse_args(argv)
    paths = sorted(args.corpus.glob("*.txt"))[:: args.every]
    if not paths:
        print(f"no .txt files in {args.corpus}", file=sys.stderr)
        return 1
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in paths]

    from rhetor.api import get_analyser
    from rhetor.options import AnalyseOptions

    started = time.perf_counter()
    full = get_analyser(AnalyseOptions())
    full_reports = [full.analyse(text, source=name) for name, text in texts]
    full_seconds = time.perf_counter() - started
    started = time.perf_counter()
    counts = get_analyser(AnalyseOptions(counts=True))
    counts_reports = [counts.analyse(text, source=name) for name, text in texts]
    counts_seconds = time.perf_counter() - started

    words = sum(r.stats.words for r in full_reports)
    print(f"{len(texts)} addresses ({texts[0][0]} ... {texts[-1][0]}), {words:,} words")
    print(f"full pipeline {full_seconds:.1f} s, counts mode {counts_seconds:.1f} s (wall)")
    totals = {"full": Counter(), "counts": Counter()}
    agreement: Counter = Counter()
    by_value: dict[str, Counter] = {}
    examples: dict[str, list[str]] = {}
    for a, b in zip(full_reports, counts_reports, strict=True):
        for name, report in (("full", a), ("counts", b)):
            for row in report.values:
                totals[name]["mentions"] += row.mentions
                totals[name]["negated"] += row.negated
        theirs = {(m.value, m.polarity, m.start, m.end): m.negated for m in b.matches}
        for m in a.matches:
            key = (m.value, m.polarity, m.start, m.end)
            if key not in theirs:
                agreement["found by the full pipeline only"] += 1
                continue
            cell = {
                (True, True): "both negated",
                (False, False): "neither",
                (True, False): "negated by the full pipeline only",
                (False, True): "negated by counts mode only",
            }[(m.negated, theirs.pop(key))]
            agreement[cell] += 1
            if cell.startswith("negated by"):
                shown = " ".join(m.sentence.split())
                examples.setdefault(cell, []).append(f"{a.source}: [{m.text}] {shown[:160]}")
            by_value.setdefault(m.value, Counter())[cell] += 1
        agreement["found by counts mode only"] += len(theirs)
    for name in ("full", "counts"):
        t = totals[name]
        print(f"{name:>6}: {t['mentions']:,} mentions, {t['negated']:,} negated")
    shared = sum(
        agreement[k]
        for k in (
            "both negated",
            "neither",
            "negated by the full pipeline only",
            "negated by counts mode only",
        )
    )
    agree = agreement["both negated"] + agreement["neither"]
    print(f"mentions both find: {shared:,}; agree on negated: {agree:,} ({agree / shared:.1%})")
    full_yes = agreement["both negated"] + agreement["negated by the full pipeline only"]
    counts_yes = agreement["both negated"] + agreement["negated by counts mode only"]
    chance = (full_yes * counts_yes + (shared - full_yes) * (shared - counts_yes)) / shared**2
    kappa = (agree / shared - chance) / (1 - chance) if chance < 1 else 1.0
    print(
        f"Cohen's kappa {kappa:.2f}; of the full pipeline's {full_yes} negated, counts mode "
        f"negates {agreement['both negated']} ({agreement['both negated'] / max(full_yes, 1):.0%})"
    )
    for cell, n in agreement.most_common():
        print(f"  {cell}: {n:,}")
    for cell, found in examples.items():
        print(f"{cell}, first 5:")
        for line in found[:5]:
            print(f"  {line}")
    print("per value (both negated / full only / counts only):")
    for value, cells in sorted(by_value.items()):
        print(
            f"  {value}: {cells['both negated']} / {cells['negated by the full pipeline only']}"
            f" / {cells['negated by counts mode only']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
