"""Throughput and memory of ``rhetor batch`` against the raw spaCy pipeline.

Run by hand (not part of the tests):

    python benchmarks/batch_throughput.py [--corpus DIR] [--jobs 1,2] [--copies 1]

For each number of jobs N, in the same run: the raw pipeline (the same model and
components rhetor loads, parsing with ``nlp.pipe(n_process=N)``) and
``rhetor batch -j N --format jsonl``, each in its own process. Prints words per
second for both, their ratio, and each one's peak RSS (the largest process).
``--copies K`` scores K copies of the corpus (symlinks), to check that memory
stays flat as the number of documents grows.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "sotu" / "data"

RAW = """
import sys, time
from pathlib import Path
from rhetor.nlp.pipeline import load_pipeline, resolve_model_name
folder, jobs, batch_size = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
nlp = load_pipeline(resolve_model_name(None), ner=True)
texts = (p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt")))
words = 0
for doc in nlp.pipe(texts, batch_size=batch_size, n_process=jobs):
    words += sum(1 for t in doc if not (t.is_punct or t.is_space))
print(words)
"""


# Each run goes through its own wrapper process, whose RUSAGE_CHILDREN then holds the
# peak RSS of that run's largest process (workers included), not of earlier runs.
WRAP = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True, check=True)
sys.stdout.write(done.stdout)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
"""


def timed(command: list[str]) -> tuple[float, str, float]:
    """(seconds, stdout, peak RSS of the run's largest process in MiB)."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", WRAP, *command], capture_output=True, text=True, check=True
    )
    elapsed = time.perf_counter() - started
    return elapsed, done.stdout, int(done.stderr.strip().splitlines()[-1]) / 1024


def prepare(corpus: Path, copies: int, scratch: Path) -> Path:
    if copies == 1:
        return corpus
    folder = scratch / "corpus"
    for k in range(copies):
        part = folder / f"copy{k}"
        part.mkdir(parents=True)
        for path in sorted(corpus.glob("*.txt")):
            (part / path.name).symlink_to(path.resolve())
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--skip-raw", action="store_true", help="time rhetor only")
    parser.add_argument(
        "--raw-batch-size",
        type=int,
        default=1,
        help="nlp.pipe batch_size for the raw run (documents; 1 suits long speeches: "
        "larger batches of them only cost memory)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        folder = prepare(args.corpus, args.copies, scratch)
        files = len(list(folder.rglob("*.txt")))
        print(f"corpus: {args.corpus} x{args.copies} ({files} files)")
        results = {}
        for jobs in (int(j) for j in args.jobs.split(",")):
            out = scratch / f"out{jobs}.jsonl"
            seconds, _, rss = timed(
                [
                    sys.executable,
                    "-m",
                    "rhetor.cli",
                    "batch",
                    str(folder),
                    "-r",
                    "-q",
                    "-j",
                    str(jobs),
                    "-o",
                    str(out),
                ]
            )
            words = sum(json.loads(line)["stats"]["words"] for line in out.open())
            lines = sum(1 for _ in out.open())
            rate = words / seconds
            results[jobs] = rate
            print(
                f"jobs {jobs}: rhetor batch {words:,} words, {lines} records in {seconds:.1f} s "
                f"= {rate:,.0f} words/s, peak RSS {rss:,.0f} MiB"
            )
            if not args.skip_raw:
                seconds, stdout, rss = timed(
                    [sys.executable, "-c", RAW, str(folder), str(jobs), str(args.raw_batch_size)]
                )
                raw_rate = int(stdout.strip()) / seconds
                print(
                    f"jobs {jobs}: raw nlp.pipe     {int(stdout):,} words in {seconds:.1f} s "
                    f"= {raw_rate:,.0f} words/s, peak RSS {rss:,.0f} MiB; "
                    f"ratio rhetor/raw {rate / raw_rate:.2f}"
                )
        if 1 in results and 2 in results:
            print(f"speed-up of rhetor batch, jobs 2 over jobs 1: {results[2] / results[1]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
