"""Per-phenomenon strict scores on a gold file whose passages carry a ``phenomenon`` key.

Prints aggregate figures only (precision, recall, F1 and counts per phenomenon),
never a passage, so a sealed held-out set can be scored without being read:

    python benchmarks/heldout_phenomena.py GOLD.yaml [GOLD.yaml ...]

Runs against whatever ``rhetor`` is installed, so the same script scores an
older commit (in a throwaway worktree) for a "before" figure.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import yaml

from rhetor import analyse
from rhetor.evaluation.scoring import load_gold, score


def phenomena(path: Path) -> dict[str, str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        str(item.get("id", n)): str(item.get("phenomenon", "-"))
        for n, item in enumerate(data["passages"], 1)
    }


def main(paths: list[str]) -> None:
    for name in paths:
        path = Path(name)
        kinds = phenomena(path)
        pairs = defaultdict(list)
        for passage in load_gold(path):
            report = analyse(passage.text, sides=passage.sides or None)
            predicted = frozenset((c.value, c.side, c.stance) for c in report.claims if c.side)
            pair = (passage.expected, predicted)
            pairs[kinds.get(passage.id, "-")].append(pair)
            pairs["ALL"].append(pair)
        print(f"{path.name}: {len(pairs['ALL'])} passages")
        print(
            f"{'phenomenon':28} {'n':>3} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"
        )
        for kind in sorted(pairs, key=lambda k: (k == "ALL", k)):
            s = score(pairs[kind])
            print(
                f"{kind:28} {len(pairs[kind]):>3} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
                f" {s.true_positives:>4} {s.false_positives:>4} {s.false_negatives:>4}"
            )


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: heldout_phenomena.py GOLD.yaml [GOLD.yaml ...]")
    main(sys.argv[1:])
