"""Value detection on real arguments: Webis-ArgValues-22 against rhetor's lexicons.

Run by hand (not part of the tests):

    python benchmarks/webis_values.py [--corpus DIR] [--model NAME] [--lexicon PATH]
                                      [--cache FILE] [--errors N]

Each argument's conclusion and premise are parsed (as two texts) and matched with
the value lexicons exactly as ``rhetor analyse`` matches them; a value is detected
for an argument when any mention of it (virtue or vice, negated or not) is found in
either. The human labels are the level-1 values of Kiesel et al. (ACL 2022):
fairness = "Be just" or "Have equality"; responsibility = "Be responsible".

Precision, recall and F1 are printed for the ``train`` and ``validation`` rows
apart. Validation rows are held out: only their aggregate figures are printed,
and ``--errors`` (the misses and false alarms, for reviewing the lexicons) shows
train rows only. The Moral Foundations Dictionary 2.0 figure is printed beside,
as published for the whole data set.

``--cache FILE`` keeps the parsed arguments (a spaCy DocBin) so that re-runs after
a lexicon change only match; it is refreshed when the model or the corpus changes.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from rhetor.lexicon.loading import load_lexicons
from rhetor.lexicon.matching import CompiledLexicons
from rhetor.nlp.pipeline import load_pipeline, resolve_model_name

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "webis-argvalues-22"
# rhetor value -> the Webis level-1 values that stand for it.
LABELS = {
    "fairness": ("Be just", "Have equality"),
    "responsibility": ("Be responsible",),
}
# The published dictionary anchor (MFD 2.0 fairness categories, all 5,270 arguments).
ANCHORS = {"fairness": ("MFD 2.0 (published)", 0.663, 0.284, 0.397)}
SPLITS = ("train", "validation")
HELD_OUT = "validation"


@dataclass(frozen=True)
class Argument:
    id: str
    split: str
    conclusion: str
    premise: str
    values: frozenset[str]


def read_arguments(corpus: Path) -> list[Argument]:
    with (corpus / "labels-level1.tsv").open(encoding="utf-8", newline="") as handle:
        labels = {row["Argument ID"]: row for row in csv.DictReader(handle, delimiter="\t")}
    arguments = []
    with (corpus / "arguments.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            label = labels[row["Argument ID"]]
            values = frozenset(
                value
                for value, names in LABELS.items()
                if any(label[name].strip() == "1" for name in names)
            )
            arguments.append(
                Argument(
                    row["Argument ID"], row["Usage"], row["Conclusion"], row["Premise"], values
                )
            )
    return arguments


def parse_all(nlp, texts: list[str], cache: Path | None, model: str) -> list:
    """Parse the texts, or read them back from ``cache`` when it was made from the same."""
    from spacy.tokens import DocBin

    stamp = hashlib.sha256("\n".join([model, *texts]).encode()).hexdigest()[:16]
    stamp_file = cache.with_suffix(cache.suffix + ".stamp") if cache else None
    if cache and cache.exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=64))
    if cache:
        DocBin(store_user_data=False, docs=docs).to_disk(cache)
        stamp_file.write_text(stamp)
    return docs


def detected_values(compiled: CompiledLexicons, doc) -> set[str]:
    return {cand.entry.value for cand in compiled.find(doc, has_pos=doc.has_annotation("POS"))}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def corpus_arguments(description: str) -> argparse.ArgumentParser:
    """The options every Webis benchmark takes: where the corpus is, the model, the cache."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--model", default=None)
    parser.add_argument("--cache", type=Path, default=None, help="DocBin of parsed arguments")
    return parser


def parsed_arguments(args, ner: bool = False):
    """(arguments, their parsed conclusion and premise docs in turn, model name), or None
    with a message when the corpus is not there."""
    if not (args.corpus / "arguments.tsv").is_file():
        print(f"{Path(sys.argv[0]).stem}: no arguments.tsv in {args.corpus}", file=sys.stderr)
        return None
    arguments = read_arguments(args.corpus)
    model = resolve_model_name(args.model)
    nlp = load_pipeline(model, ner=ner)
    texts = [t for a in arguments for t in (a.conclusion, a.premise)]
    # the key of --cache: a parse from another model or other tokenizer rules is not reused
    key = f"{model}/ner={ner}/{nlp.meta.get('rhetor_tokenizer', '')}"
    return arguments, parse_all(nlp, texts, args.cache, key), model


def main() -> int:
    parser = corpus_arguments(__doc__.splitlines()[0])
    parser.add_argument("--ner", action="store_true", help="keep the entity recogniser")
    parser.add_argument("--lexicon", action="append", default=[], help="extra lexicon path")
    parser.add_argument(
        "--errors", type=int, default=0, help="show up to N train misses and false alarms"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    parsed_corpus = parsed_arguments(args, ner=args.ner)
    if parsed_corpus is None:
        return 1
    arguments, docs, model = parsed_corpus
    parsed = time.perf_counter() - started
    compiled = CompiledLexicons(load_lexicons(args.lexicon))
    started = time.perf_counter()
    found = [
        detected_values(compiled, docs[2 * i]) | detected_values(compiled, docs[2 * i + 1])
        for i in range(len(arguments))
    ]
    matched = time.perf_counter() - started
    print(
        f"corpus: {args.corpus} ({len(arguments):,} arguments), model: {model}"
        f"{' with NER' if args.ner else ''}; parse {parsed:.1f} s, matching {matched:.2f} s"
    )
    header = f"{'value':<15}{'rows':<26}{'n':>6}{'gold':>6}{'P':>8}{'R':>8}{'F1':>8}"
    print(header + f"{'tp':>6}{'fp':>6}{'fn':>6}")
    for value in LABELS:
        for split in (*SPLITS, "all"):
            pairs = zip(arguments, found, strict=True)
            rows = [(a, f) for a, f in pairs if split == "all" or a.split == split]
            tp = sum(value in a.values and value in f for a, f in rows)
            fp = sum(value not in a.values and value in f for a, f in rows)
            fn = sum(value in a.values and value not in f for a, f in rows)
            p, r, f1 = prf(tp, fp, fn)
            name = split + (" (held out)" if split == HELD_OUT else "")
            gold = sum(value in a.values for a, _ in rows)
            print(
                f"{value:<15}{name:<26}{len(rows):>6}{gold:>6}{p:>8.3f}{r:>8.3f}{f1:>8.3f}"
                f"{tp:>6}{fp:>6}{fn:>6}"
            )
        if value in ANCHORS:
            label, p, r, f1 = ANCHORS[value]
            print(f"{value:<15}{label:<26}{5270:>6}{'':>6}{p:>8.3f}{r:>8.3f}{f1:>8.3f}")
    if args.errors:
        show_errors(arguments, found, args.errors)
    return 0


def show_errors(arguments: list[Argument], found: list[set[str]], limit: int) -> None:
    """Train rows only: the held-out rows are never shown."""
    for value in LABELS:
        for kind, wrong in (
            ("false alarm", lambda a, f, v=value: v in f and v not in a.values),
            ("miss", lambda a, f, v=value: v in a.values and v not in f),
        ):
            pairs = zip(arguments, found, strict=True)
            rows = [a for a, f in pairs if a.split == "train" and wrong(a, f)]
            print(f"\n== {value}: {kind} ({len(rows)} train rows; first {limit})")
            for a in rows[:limit]:
                print(f"  {a.id}  {a.conclusion} || {a.premise}")


if __name__ == "__main__":
    sys.exit(main())
