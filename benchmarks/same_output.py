"""Check that a refactoring left rhetor's reports byte-identical to those of an earlier commit.

    python benchmarks/same_output.py REF [--limit N] [--jobs 2]

REF (a commit, e.g. the one before a move) is checked out in a temporary git worktree.
The seed essay (with automatic sides and with the seed's sides given) and the State of
the Union addresses of ../shared/corpora/sotu are analysed by ``rhetor analyse --json``
from REF's sources and from the working tree's, each in one process per tree, and the
reports compared byte for byte after removing the version fields. REF's reports are
kept under the system's temporary folder, keyed by its commit, so a second run only
analyses the working tree. Prints one line per difference and a summary; exits 1 when
any report differs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
VERSION_FIELDS = ("version", "rhetor_version")

DRIVER = r"""
import json, sys
from rhetor.cli import app
jobs = json.loads(sys.argv[1])
for args in jobs:
    try:
        app(args, standalone_mode=False)
    except SystemExit as stop:
        if stop.code:
            print("failed:", args, file=sys.stderr)
"""


def jobs(outdir: Path, limit: int | None) -> list[list[str]]:
    seed = ROOT / "seeds" / "000_ffb5c3edbead64a8.txt"
    plan = [
        ["analyse", str(seed), "--json", "-o", str(outdir / "seed-auto.json")],
        [
            "analyse",
            str(seed),
            "--json",
            "--side",
            "labour=we,us,our,Labour",
            "--side",
            "coalition=coalition,government,Tories,Conservatives,Liberal Democrats",
            "-o",
            str(outdir / "seed-sides.json"),
        ],
    ]
    texts = sorted((SHARED / "corpora/sotu/data").glob("*.txt"))[:limit]
    for path in texts:
        plan.append(["analyse", str(path), "--json", "-o", str(outdir / f"sotu-{path.stem}.json")])
    return plan


def run_tree(src: Path, outdir: Path, plan: list[list[str]]) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(src)}
    subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps(plan)],
        env=env,
        check=True,
    )


def strip_versions(data):
    if isinstance(data, dict):
        return {k: strip_versions(v) for k, v in data.items() if k not in VERSION_FIELDS}
    if isinstance(data, list):
        return [strip_versions(v) for v in data]
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ref")
    parser.add_argument("--limit", type=int, default=None, help="only the first N addresses")
    args = parser.parse_args()
    sha = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", args.ref], capture_output=True, text=True, check=True
    ).stdout.strip()
    base = Path(tempfile.gettempdir()) / "rhetor-same-output"
    ref_out = base / sha
    new_out = base / ("working-tree-" + hashlib.sha1(str(ROOT).encode()).hexdigest()[:8])
    ref_plan = jobs(ref_out, args.limit)
    new_plan = jobs(new_out, args.limit)
    todo_ref = [job for job in ref_plan if not Path(job[-1]).exists()]
    worktree = base / f"tree-{sha}"
    if todo_ref and not worktree.exists():
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(worktree), sha],
            check=True,
            capture_output=True,
        )
    for job in new_plan:
        Path(job[-1]).unlink(missing_ok=True)
    with ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(run_tree, ROOT / "src", new_out, new_plan)]
        if todo_ref:
            futures.append(pool.submit(run_tree, worktree / "src", ref_out, todo_ref))
        for future in futures:
            future.result()
    differ = 0
    for ref_job, new_job in zip(ref_plan, new_plan, strict=True):
        old, new = Path(ref_job[-1]), Path(new_job[-1])
        if not old.exists() or not new.exists():
            print(f"missing: {old.name}")
            differ += 1
            continue
        if old.read_bytes() == new.read_bytes():
            continue
        a = strip_versions(json.loads(old.read_text()))
        b = strip_versions(json.loads(new.read_text()))
        if a != b or list(a) != list(b):
            print(f"differs: {old.name}")
            differ += 1
    print(f"{len(ref_plan)} reports compared with {args.ref} ({sha[:7]}): {differ} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
