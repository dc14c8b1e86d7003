"""`rhetor analyse --json` on text with no sentence breaks, against its floor.

Run by hand (not part of the tests):

    python benchmarks/linear_cost.py [--words 30000] [--runs 3] [--corpus DIR]
    python benchmarks/linear_cost.py --words 100000 300000 --runs 1 --no-floor

The text is the most recent State of the Union addresses lower-cased with every mark
of punctuation removed and the line breaks made spaces (what speech recognition
gives), cut to N words. The floor is what any spaCy tool pays for the same text (as in
``analyse_floor.py``): a fresh process that imports spaCy, loads the pipeline
``rhetor analyse`` loads (the entity recogniser too: with no sides given rhetor finds
them with it) and parses the text whole. Each run is a fresh process, the two commands
interleaved in one run so a change in the machine's load falls on both alike; the
medians, their ratio and each process's peak memory are printed. Several ``--words``
show how the cost grows with the length of the text.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "sotu" / "data"
FLOOR = """
import sys
import spacy
from rhetor.nlp.pipeline import resolve_model_name
nlp = spacy.load(resolve_model_name(None))
nlp.max_length = max(nlp.max_length, 10 * 1000 * 1000)
nlp(open(sys.argv[1], encoding="utf-8").read())
"""


def unpunctuated(corpus: Path, words: int) -> str:
    """``words`` words of the newest addresses, lower case, no punctuation, no breaks."""
    found: list[str] = []
    for path in sorted(corpus.glob("*.txt"), reverse=True):
        text = re.sub(r"[^\w\s'-]", " ", path.read_text(encoding="utf-8")).lower()
        found += text.split()
        if len(found) >= words:
            break
    while len(found) < words:  # a small corpus: go round again
        found += found[: words - len(found)]
    return " ".join(found[:words]) + "\n"


def run(command: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MiB) of one process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{command[:4]} failed ({status})")
    return elapsed, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="+", default=[30_000])
    parser.add_argument("--runs", type=int, default=3, help="runs of each command")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--no-floor", action="store_true", help="time rhetor only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for words in args.words:
            path = Path(tmp) / f"unpunctuated-{words}.txt"
            path.write_text(unpunctuated(args.corpus, words), encoding="utf-8")
            floor_cmd = [sys.executable, "-c", FLOOR, str(path)]
            rhetor_cmd = [sys.executable, "-m", "rhetor.cli", "analyse", "--json", str(path)]
            floors, analyses = [], []
            for _ in range(args.runs):
                if not args.no_floor:
                    floors.append(run(floor_cmd))
                analyses.append(run(rhetor_cmd))
            print(f"{words:,} words with no sentence breaks, {args.runs} run(s) each")
            print(f"  load average at the end: {os.getloadavg()[0]:.2f}")
            analyse = statistics.median(t for t, _ in analyses)
            peak = max(m for _, m in analyses)
            print(f"  rhetor analyse --json: {analyse:.2f} s, peak RSS {peak:.0f} MiB")
            print(f"  rhetor words/s: {words / analyse:,.0f}")
            if floors:
                floor = statistics.median(t for t, _ in floors)
                floor_peak = max(m for _, m in floors)
                print(f"  floor (import spacy, load, parse): {floor:.2f} s, {floor_peak:.0f} MiB")
                print(f"  ratio: {analyse / floor:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
