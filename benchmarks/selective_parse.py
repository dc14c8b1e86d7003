"""Selective parsing: `rhetor batch -j 1` with sides given against raw `nlp.pipe`.

Run by hand (not part of the tests):

    python benchmarks/selective_parse.py [--corpus DIR] [--last 24] [--skip-raw]
    python benchmarks/selective_parse.py --manifestos DIR --commons FILE --agreement-only

In one run, each in its own process timed start to exit (spaCy's import and the
pipeline's loading included): raw spaCy (``spacy.load`` of the pipeline rhetor uses,
the entity recogniser excluded as rhetor excludes it when sides are given, and
``nlp.pipe`` over the texts, with spaCy's default batch size and with one text at a
time, the faster taken), ``rhetor batch -j 1 --format jsonl`` with the sides
given (which parses only the sentences that can yield a claim) and the same with
``--parse-all``. Each is run ``--repeat`` times (3), the rounds interleaved, and the
fastest kept, as ``timeit`` does: on a shared machine other work only ever slows a run.
Words per second are the raw run's word count over each run's wall time. Then the two
rhetor runs' records are compared: claims (value, side, stance, offsets, sentence,
rule) found and extra, and the documents whose value counts, matches, matches' evidence
sentences, sides' mentions or words differ.

``--manifestos`` (the UK manifestos' TSV files, sentences grouped into one document
per ``manifesto_id``) and ``--commons`` (the Commons sentences' JSONL, one document per
speech, or per line when there is no speech id) report the same agreement.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
SIDES = ["--side", "d=Democrats,Democratic", "--side", "r=Republicans,Republican"]
UK_SIDES = [
    "--side",
    "lab=Labour,Labour Party,Labour government",
    "--side",
    "con=Conservatives,Conservative,Tories,Tory,Conservative Party",
    "--side",
    "ld=Liberal Democrats,Lib Dems,Liberal Democrat",
]
RAW = """
import sys
from pathlib import Path
import spacy
from rhetor.nlp.pipeline import resolve_model_name
nlp = spacy.load(resolve_model_name(None), exclude=["ner"])
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
words = 0
for doc in nlp.pipe(texts, batch_size=int(sys.argv[2])):
    words += sum(1 for t in doc if not (t.is_punct or t.is_space))
print(words)
"""


def timed(command: list[str]) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    return time.perf_counter() - started, done.stdout


def batch(folder: Path, out: Path, sides: list[str], *extra: str) -> float:
    command = [sys.executable, "-m", "rhetor.cli", "batch", str(folder), "-q", "-j", "1", "--force"]
    seconds, _ = timed([*command, "-f", "jsonl", "-o", str(out), *sides, *extra])
    return seconds


def records(path: Path) -> dict[str, dict]:
    found = {}
    for line in path.open(encoding="utf-8"):
        record = json.loads(line)
        found[record.get("source") or record.get("path")] = record
    return found


def claim_keys(record: dict) -> Counter:
    keys = ("value", "side", "stance", "start", "end", "sentence", "rule")
    return Counter(tuple(c.get(k) for k in keys) for c in record.get("claims", []))


def match_keys(record: dict, keys=("value", "polarity", "negated", "start", "end")) -> list:
    return [tuple(m.get(k) for k in keys) for m in record.get("matches", [])]


def agreement(selective: Path, full: Path) -> str:
    """Claims found and extra, and documents whose value counts, matches (value, polarity,
    negation, offsets), matches' evidence sentences, side mentions or words differ."""
    sel, ref = records(selective), records(full)
    total = found = extra = 0
    values = matches = evidence = sides = words = 0
    for name, record in ref.items():
        other = sel[name]
        mine, theirs = claim_keys(other), claim_keys(record)
        total += sum(theirs.values())
        found += sum((mine & theirs).values())
        extra += sum((mine - theirs).values())
        values += json.dumps(other["values"], sort_keys=True) != json.dumps(
            record["values"], sort_keys=True
        )
        matches += match_keys(other) != match_keys(record)
        evidence += match_keys(other, ("sentence",)) != match_keys(record, ("sentence",))
        side = [(s["id"], s["mentions"]) for s in record.get("sides", [])]
        sides += side != [(s["id"], s["mentions"]) for s in other.get("sides", [])]
        words += other["stats"]["words"] != record["stats"]["words"]
    return (
        f"{len(ref)} documents; --parse-all's claims: {total:,}; found {found:,} "
        f"({found / max(total, 1):.2%}); extra {extra:,} ({extra / max(total, 1):.2%}); "
        f"documents whose value counts differ: {values}, matches: {matches}, matches' "
        f"evidence sentences: {evidence}, side mentions: {sides}, words: {words}"
    )


def compare(folder: Path, scratch: Path, sides: list[str], label: str) -> None:
    sel, full = scratch / f"{label}-selective.jsonl", scratch / f"{label}-all.jsonl"
    a = batch(folder, sel, sides)
    b = batch(folder, full, sides, "--parse-all")
    print(f"{label}: selective {a:.1f} s, --parse-all {b:.1f} s")
    print(f"  {agreement(sel, full)}")


def manifestos(source: Path, folder: Path) -> None:
    folder.mkdir(parents=True)
    docs: dict[str, list[str]] = defaultdict(list)
    for path in sorted(source.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as stream:
            for row in csv.DictReader(stream, delimiter="\t"):
                docs[row["manifesto_id"]].append(row.get("text") or row.get("sentence") or "")
    for name, sentences in docs.items():
        (folder / f"{name}.txt").write_text("\n".join(sentences) + "\n", encoding="utf-8")


def commons(source: Path, folder: Path) -> None:
    folder.mkdir(parents=True)
    docs: dict[str, list[str]] = defaultdict(list)
    for number, line in enumerate(source.open(encoding="utf-8")):
        row = json.loads(line)
        key = f"{row.get('date')}-{row.get('speech_nr')}" if "speech_nr" in row else str(number)
        docs[key].append(row.get("text") or row.get("sentence") or "")
    for name, sentences in docs.items():
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name)
        (folder / f"{safe}.txt").write_text(" ".join(sentences) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "sotu" / "data")
    parser.add_argument("--last", type=int, default=24, help="the N most recent addresses")
    parser.add_argument("--skip-raw", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved rounds (fastest kept)")
    parser.add_argument("--agreement-only", action="store_true", help="no State of the Union")
    parser.add_argument("--manifestos", type=Path, default=None)
    parser.add_argument("--commons", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        if not args.agreement_only:
            folder = scratch / "sotu"
            folder.mkdir()
            for path in sorted(args.corpus.glob("*.txt"))[-args.last :]:
                (folder / path.name).symlink_to(path.resolve())
            print(f"{args.last} most recent addresses of {args.corpus}; load {os.getloadavg()}")
            sel, full = scratch / "selective.jsonl", scratch / "all.jsonl"
            # Each run is repeated, the rounds interleaved, and the fastest of each kept:
            # on a shared machine a run is only ever slowed by others, never sped up.
            times: dict[str, list[float]] = defaultdict(list)
            words = None
            for _ in range(args.repeat):
                if not args.skip_raw:  # spaCy's default batch (1,000 texts), one at a time
                    for size in (1000, 1):
                        seconds, out = timed([sys.executable, "-c", RAW, str(folder), str(size)])
                        times[f"raw nlp.pipe (no NER), batch {size}"].append(seconds)
                    words = int(out.strip())
                times["rhetor batch -j 1"].append(batch(folder, sel, SIDES))
                times["  --parse-all"].append(batch(folder, full, SIDES, "--parse-all"))
            words = words or sum(r["stats"]["words"] for r in records(full).values())
            print(f"words: {words:,}; fastest of {args.repeat} interleaved rounds (all rounds, s)")
            best = {label: min(runs) for label, runs in times.items()}
            raw_s = min((s for label, s in best.items() if label.startswith("raw")), default=None)
            for label, seconds in best.items():
                ratio = f", {raw_s / seconds:.2f}x raw" if raw_s and "raw" not in label else ""
                rounds = " ".join(f"{s:.1f}" for s in times[label])
                print(f"{label}: {seconds:.1f} s, {words / seconds:,.0f} words/s{ratio} ({rounds})")
            if raw_s:
                print("ratios are against the faster raw run")
            print(f"agreement: {agreement(sel, full)}")
            print(f"load average at the end: {os.getloadavg()}")
        if args.manifestos:
            manifestos(args.manifestos, scratch / "manifestos")
            compare(scratch / "manifestos", scratch, UK_SIDES, "manifestos")
        if args.commons:
            commons(args.commons, scratch / "commons")
            compare(scratch / "commons", scratch, UK_SIDES, "commons")
    return 0


if __name__ == "__main__":
    sys.exit(main())
