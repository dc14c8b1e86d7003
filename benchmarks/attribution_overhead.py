"""How much does rhetor add to spaCy's own parse time?

Run by hand (not part of the tests):

    python benchmarks/attribution_overhead.py [--corpus DIR] [--limit N]

For each mode (sides found automatically, which keeps the entity recogniser;
sides given, which leaves it out) the corpus is parsed once with ``nlp.pipe``
in one process (every sentence parsed, as ``--parse-all``). Inside the same loop, the
time spent in rhetor on each parsed Doc is measured apart: value matching alone, and
matching plus attribution plus building the report and scoring the claims'
confidence. The parse is then the rest of the elapsed time. The overhead of
attribution is (attribution + report + confidence time) / parse time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rhetor.attribution.cues import load_cues
from rhetor.attribution.sides import build_sides
from rhetor.confidence import score_report
from rhetor.lexicon.loading import load_lexicons
from rhetor.nlp.chunking import DEFAULT_CHUNK_CHARS, chunk_spans
from rhetor.nlp.component import RhetorComponent
from rhetor.nlp.extract import build_report, model_info
from rhetor.nlp.pipeline import load_pipeline, resolve_model_name

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "sotu" / "data"
GIVEN_SIDES = {
    "us": ["we", "us", "our", "America", "Americans"],
    "congress": ["Congress", "Senate", "House", "Representatives"],
    "enemies": ["enemy", "enemies", "tyrants", "terrorists"],
}


def chunks(paths):
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for start, end in chunk_spans(text, DEFAULT_CHUNK_CHARS):
            yield text[start:end]


def run(mode: str, paths, model: str) -> dict:
    sides = build_sides(GIVEN_SIDES) if mode == "given" else None
    nlp = load_pipeline(model, ner=sides is None)
    lexicons, cues = load_lexicons(), load_cues()
    matcher = RhetorComponent(lexicons, cues, sides=sides, attribute=False)
    full = RhetorComponent(lexicons, cues, sides=sides, attribute=True)
    info = model_info(nlp)
    words = match_time = full_time = 0.0
    claims = 0
    started = time.perf_counter()
    for doc in nlp.pipe(chunks(paths), batch_size=4):
        t0 = time.perf_counter()
        matcher(doc)
        t1 = time.perf_counter()
        full(doc)
        report = build_report(doc, source=None, model=info, value_ids=lexicons.ids)
        report = score_report(report)  # the confidence of every claim
        t2 = time.perf_counter()
        match_time += t1 - t0
        full_time += t2 - t1
        words += report.stats.words
        claims += len(report.claims)
    elapsed = time.perf_counter() - started
    parse = elapsed - match_time - full_time
    return {
        "mode": mode,
        "pipeline": nlp.pipe_names,
        "words": int(words),
        "claims": claims,
        "parse_s": parse,
        "match_s": match_time,
        "rhetor_s": full_time,
        "overhead": full_time / parse,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N files")
    parser.add_argument("--model", default=None)
    parser.add_argument("--modes", default="auto,given")
    args = parser.parse_args()
    paths = sorted(args.corpus.glob("*.txt"))
    if args.limit:
        paths = paths[: args.limit]
    if not paths:
        print(f"no .txt files in {args.corpus}", file=sys.stderr)
        return 1
    model = resolve_model_name(args.model)
    print(f"corpus: {args.corpus} ({len(paths)} files), model: {model}")
    for mode in args.modes.split(","):
        r = run(mode, paths, model)
        print(
            f"{r['mode']:>5}: {r['words']:,} words, {r['claims']:,} claims; pipeline "
            f"{'+'.join(r['pipeline'])}\n"
            f"       spaCy parse {r['parse_s']:.1f} s ({r['words'] / r['parse_s']:,.0f} words/s); "
            f"value matching alone {r['match_s']:.2f} s; "
            f"matching + attribution + report {r['rhetor_s']:.2f} s\n"
            f"       attribution overhead over the parse: {r['overhead']:.1%} (target < 15%)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
