"""`rhetor analyse FILE` against its floor: import spaCy, load the pipeline, parse.

Run by hand (not part of the tests):

    python benchmarks/analyse_floor.py [FILE] [--runs N]

The floor is what any spaCy tool must pay for the same text: a fresh Python process
that imports spaCy, loads the pipeline rhetor would use with the same components
(the entity recogniser too, since without sides rhetor finds them with it), and parses
the text. Each run is a fresh process, the two commands interleaved so that a change
in the machine's load falls on both alike; the medians and their ratio are printed.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FILE = ROOT / "seeds" / "000_ffb5c3edbead64a8.txt"
FLOOR = """
import sys
import spacy
from rhetor.nlp.pipeline import resolve_model_name
nlp = spacy.load(resolve_model_name(None))
nlp(open(sys.argv[1], encoding="utf-8").read())
"""


def wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--runs", type=int, default=10, help="runs of each command")
    args = parser.parse_args()
    floor_command = [sys.executable, "-c", FLOOR, str(args.file)]
    rhetor_command = [sys.executable, "-m", "rhetor.cli", "analyse", str(args.file)]
    wall(floor_command)  # the first run of each fills the disk cache
    wall(rhetor_command)
    floors, analyses = [], []
    for _ in range(args.runs):
        floors.append(wall(floor_command))
        analyses.append(wall(rhetor_command))
    floor, analyse = statistics.median(floors), statistics.median(analyses)
    print(f"file: {args.file} ({len(args.file.read_text(encoding='utf-8').split()):,} words)")
    print(f"floor (import spacy + load + parse), median of {args.runs}: {floor:.3f} s")
    print(f"rhetor analyse, median of {args.runs}: {analyse:.3f} s")
    print(f"ratio: {analyse / floor:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
