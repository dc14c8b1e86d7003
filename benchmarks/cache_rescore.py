"""Parse once, score many: ``rhetor batch --cache DIR`` against a run that parses.

Run by hand (not part of the tests):

    python benchmarks/cache_rescore.py [--corpus DIR] [--jobs 1] [--skip-plain]

Each run is ``rhetor batch CORPUS -f jsonl -o FILE -j N`` in its own process, timed
from start to exit (so loading spaCy and the lexicons counts in every run):

1. plain: no cache, the parse every run pays;
2. cold: ``--cache DIR`` on an empty folder: parses, and stores every parse;
3. warm: the same command again: every parse comes from the cache.

Then: words per second of each (by wall time, and by the CPU time of the run's
processes, which stays meaningful when other work shares the cores), warm against
plain (the speed-up of re-scoring), whether the records are byte-identical (warm
against plain, cold against plain), and the cache's size on disk, per million words.
``--skip-plain`` leaves out run 1 and compares with the cold run, whose records come
from the fresh parse.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "sotu" / "data"


def run(corpus: Path, output: Path, jobs: int, cache: Path | None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the run's processes, workers included)."""
    command = [sys.executable, "-m", "rhetor.cli", "batch", str(corpus), "-f", "jsonl"]
    command += ["-o", str(output), "-j", str(jobs), "-q", "--force"]
    if cache is not None:
        command += ["--cache", str(cache)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def words_in(path: Path) -> int:
    return sum(json.loads(line)["stats"]["words"] for line in path.open(encoding="utf-8"))


def compare(name: str, a: Path, b: Path) -> None:
    left, right = a.read_bytes(), b.read_bytes()
    if left == right:
        print(f"{name}: byte-identical ({len(left):,} bytes)")
        return
    lines_a, lines_b = left.splitlines(), right.splitlines()
    fields: set[str] = set()
    for line_a, line_b in zip(lines_a, lines_b, strict=False):
        if line_a != line_b:
            record_a, record_b = json.loads(line_a), json.loads(line_b)
            fields |= {
                k for k in record_a.keys() | record_b.keys() if record_a.get(k) != record_b.get(k)
            }
    print(f"{name}: DIFFERENT ({len(lines_a)} and {len(lines_b)} lines; fields {sorted(fields)})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--skip-plain", action="store_true", help="compare with the cold run")
    args = parser.parse_args()

    from rhetor.io.cache import usage

    print(
        f"corpus: {args.corpus}; --jobs {args.jobs}; {os.cpu_count()} cores; "
        f"load average {os.getloadavg()[0]:.2f} at start"
    )
    with tempfile.TemporaryDirectory(prefix="rhetor-cache-bench-") as scratch:
        folder = Path(scratch)
        cache = folder / "cache"
        outputs = {name: folder / f"{name}.jsonl" for name in ("plain", "cold", "warm")}
        times = {}
        if not args.skip_plain:
            times["plain"] = run(args.corpus, outputs["plain"], args.jobs, None)
        times["cold"] = run(args.corpus, outputs["cold"], args.jobs, cache)
        times["warm"] = run(args.corpus, outputs["warm"], args.jobs, cache)
        words = words_in(outputs["cold"])
        print(f"words: {words:,}; load average {os.getloadavg()[0]:.2f} at the end")
        for name, (wall, cpu) in times.items():
            print(
                f"{name:<6} wall {wall:8.1f} s {words / wall:10,.0f} words/s;"
                f" CPU {cpu:8.1f} s {words / cpu:10,.0f} words/s"
            )
        base = "plain" if "plain" in times else "cold"
        wall_ratio = times[base][0] / times["warm"][0]
        cpu_ratio = times[base][1] / times["warm"][1]
        print(f"warm re-score against {base}: {wall_ratio:.1f}x wall, {cpu_ratio:.1f}x CPU")
        if "plain" in times:
            compare("warm against plain", outputs["plain"], outputs["warm"])
            compare("cold against plain", outputs["plain"], outputs["cold"])
        else:
            compare("warm against cold", outputs["cold"], outputs["warm"])
        for row in usage(cache):
            print(
                f"cache: {row.entries} entries, {row.bytes / 1e6:.1f} MB for {row.words:,} words: "
                f"{row.bytes_per_million_words / 1e6:.1f} MB per million words ({row.pipeline})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
