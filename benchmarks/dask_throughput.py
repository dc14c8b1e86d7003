"""Throughput of ``rhetor batch`` through a 2-worker Dask LocalCluster against ``--jobs 2``.

Run by hand (not part of the tests):

    python benchmarks/dask_throughput.py [--corpus DIR] [--workers 2] [--found-sides]

Both runs score the same folder in their own process, one after the other, and
write JSONL; the script prints words per second for each, their ratio (target:
Dask at least 0.85x of the local runner), and checks that both outputs hold the
same records once sorted by source. The sides are given (the State of the Union's two
parties), so only the sentences that can yield a claim are parsed, as in
``selective_parse.py``; ``--found-sides`` lets rhetor find them (everything parsed,
with the entity recogniser).
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
SIDES = ["--side", "d=Democrats,Democratic", "--side", "r=Republicans,Republican"]


def run(folder: Path, out: Path, extra: list[str]) -> float:
    command = [sys.executable, "-m", "rhetor.cli", "batch", str(folder), "-q", "-o", str(out)]
    started = time.perf_counter()
    done = subprocess.run([*command, *extra])
    if done.returncode not in (0, 1):  # 1: some documents failed, which is still a run
        raise SystemExit(f"{' '.join(command + extra)} exited {done.returncode}")
    return time.perf_counter() - started


def records(path: Path) -> list[dict]:
    return sorted((json.loads(line) for line in path.open()), key=lambda r: r["source"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--found-sides", action="store_true", help="no --side: parse all")
    args = parser.parse_args()
    sides = [] if args.found_sides else SIDES
    with tempfile.TemporaryDirectory() as scratch:
        local_out, dask_out = Path(scratch) / "local.jsonl", Path(scratch) / "dask.jsonl"
        local = run(args.corpus, local_out, ["-j", str(args.workers), *sides])
        dask = run(args.corpus, dask_out, ["--scheduler", f"local:{args.workers}", *sides])
        ours, theirs = records(local_out), records(dask_out)
        words = sum(r["stats"]["words"] for r in ours if not r.get("error"))
        given = "sides found" if args.found_sides else "sides given: " + " ".join(SIDES[1::2])
        print(f"corpus: {args.corpus} ({len(ours)} documents, {words:,} words; {given})")
        label = f"rhetor batch -j {args.workers}:"
        print(f"{label:<38} {local:.1f} s = {words / local:,.0f} words/s")
        label = f"rhetor batch --scheduler local:{args.workers}:"
        print(f"{label:<38} {dask:.1f} s = {words / dask:,.0f} words/s")
        print(f"ratio dask/local: {local / dask:.2f} (target >= 0.85)")
        print(f"same records after sorting: {ours == theirs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
