"""Print, as Markdown, the threshold and reliability tables of held-out gold sets.

    python benchmarks/calibration_report.py GOLD.yaml [GOLD.yaml ...]

For each set it runs ``rhetor evaluate --json --min-confidence 0`` (every claim scored)
and prints strict precision, recall and F1 at several confidence thresholds, the
reliability table (10 bins: mean confidence against the share right) and the expected
calibration error. Only aggregate figures are printed, never a passage, so it may be
run on held-out sets.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def table(rows: list[list[str]], header: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def report(path: Path) -> str:
    run = subprocess.run(
        [sys.executable, "-m", "rhetor.cli", "evaluate", str(path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(run.stdout)
    cal = data["calibration"]
    thresholds = [
        [
            f"{r['threshold']:.2f}",
            "no predictions"
            if r["true_positives"] + r["false_positives"] == 0
            else f"{r['precision']:.3f}",
            f"{r['recall']:.3f}",
            f"{r['f1']:.3f}",
            str(r["true_positives"] + r["false_positives"]),
        ]
        for r in cal["thresholds"]
    ]
    bins = [
        [
            f"{b['low']:.1f}-{b['high']:.1f}",
            str(b["triples"]),
            f"{b['mean_confidence']:.3f}",
            f"{b['share_right']:.3f}",
        ]
        for b in cal["reliability"]
    ]
    return "\n\n".join(
        [
            f"#### {path.stem} ({data['passages']} passages, {cal['triples_scored']} proposed "
            f"triples; ECE {cal['expected_calibration_error']:.3f})",
            table(thresholds, ["threshold", "precision", "recall", "F1", "triples counted"]),
            table(bins, ["confidence", "triples", "mean confidence", "share right"]),
        ]
    )


def main() -> None:
    print("\n\n".join(report(Path(p)) for p in sys.argv[1:]))


if __name__ == "__main__":
    main()
