"""What value matching costs beside the parse, and what the rule for names costs and buys.

Run by hand (not part of the tests):

    python benchmarks/value_matching.py [--corpus DIR] [--limit N] [--every K] [--model NAME]

The corpus (default: the State of the Union addresses in ../shared/corpora/sotu) is
parsed twice, without the entity recogniser (as when sides are given) and with it.
On the parses without entities the value lexicons are matched three ways, each timed:
as shipped; with the rule for names turned off (``names: match``); and with no word
forms and no sense conditions at all (every entry as written, as before they existed).
Printed: parse times, the NER's share of the parse, matching time as a share of the
parse, the mentions each way, and how many mentions the rule for names drops, with the
share of those that the entity recogniser also puts inside a named entity.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

from rhetor.lexicon.loading import load_lexicons
from rhetor.lexicon.matching import CompiledLexicons
from rhetor.lexicon.model import LexiconSet
from rhetor.nlp.chunking import DEFAULT_CHUNK_CHARS, chunk_spans
from rhetor.nlp.pipeline import load_pipeline, resolve_model_name

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "sotu" / "data"


def chunks(paths: list[Path]) -> list[str]:
    texts = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        texts += [text[s:e] for s, e in chunk_spans(text, DEFAULT_CHUNK_CHARS)]
    return texts


def parse(nlp, texts: list[str]) -> tuple[list, float]:
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=4))
    return docs, time.perf_counter() - started


def match(compiled: CompiledLexicons, docs) -> tuple[list[set], float]:
    started = time.perf_counter()
    found = [
        {(c.start, c.end, c.entry.value) for c in compiled.find(d, has_pos=True)} for d in docs
    ]
    return found, time.perf_counter() - started


def variant(lexicons: LexiconSet, **changes) -> CompiledLexicons:
    return CompiledLexicons(LexiconSet(tuple(replace(lex, **changes) for lex in lexicons.lexicons)))


def as_written(lexicons: LexiconSet) -> CompiledLexicons:
    """Every entry as written: no derived forms, no conditions, no rule for names."""
    plain = []
    for lex in lexicons.lexicons:
        strip = {
            kind: tuple(replace(t, unless=(), forms="none") for t in getattr(lex, kind))
            for kind in ("virtue", "vice", "exclude")
        }
        plain.append(replace(lex, forms="none", names="match", **strip))
    return CompiledLexicons(LexiconSet(tuple(plain)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N files")
    parser.add_argument("--every", type=int, default=1, help="use every Kth file (a spread sample)")
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    paths = sorted(args.corpus.glob("*.txt"))[:: args.every][: args.limit or None]
    if not paths:
        print(f"value_matching: no .txt files in {args.corpus}", file=sys.stderr)
        return 1
    model = resolve_model_name(args.model)
    texts = chunks(paths)
    docs, parse_s = parse(load_pipeline(model, ner=False), texts)
    ner_docs, ner_parse_s = parse(load_pipeline(model, ner=True), texts)
    words = sum(len(d) for d in docs)
    lexicons = load_lexicons()
    shipped, shipped_s = match(CompiledLexicons(lexicons), docs)
    no_names, no_names_s = match(variant(lexicons, names="match"), docs)
    plain, plain_s = match(as_written(lexicons), docs)
    dropped = [(i, m) for i, found in enumerate(no_names) for m in found - shipped[i]]
    in_entity = sum(
        any(ner_docs[i][t].ent_type_ for t in range(start, end)) for i, (start, end, _) in dropped
    )
    count = sum(len(f) for f in shipped)
    print(f"corpus: {args.corpus} ({len(paths)} files, {words:,} tokens), model: {model}")
    print(f"parse without NER {parse_s:.1f} s; with NER {ner_parse_s:.1f} s")
    print(f"  the entity recogniser adds {ner_parse_s / parse_s - 1:.0%} to the parse")
    rows = (
        ("as shipped", shipped_s, count),
        ("rule for names off", no_names_s, sum(len(f) for f in no_names)),
        ("as written (no forms, senses, names)", plain_s, sum(len(f) for f in plain)),
    )
    for name, seconds, mentions in rows:
        print(
            f"matching {name:<38} {seconds:6.2f} s = {seconds / parse_s:6.2%} of the parse "
            f"(NER off); {mentions:,} mentions"
        )
    share = in_entity / len(dropped) if dropped else 0.0
    print(
        f"the rule for names drops {len(dropped):,} mentions; the entity recogniser puts "
        f"{in_entity:,} ({share:.0%}) of them inside a named entity"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
