"""Merge two independent annotations of the same passages into one gold file.

    python benchmarks/gold/merge_annotations.py TEXTS A B [ADJUDICATED] -o GOLD.yaml

TEXTS holds the passages without triples; A and B map passage id to the triples each
annotator wrote. The agreement between A and B (triple F1, as real_dev.yaml reports it)
is printed. Passages where A and B agree take their triples; the others take the triples
in ADJUDICATED (id -> triples). Without ADJUDICATED, the disputed passages are written
to GOLD.disputed.yaml for an adjudicator, with both annotations beside the text.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml


def triples(items) -> set[tuple[str, str, str]]:
    return {tuple(item) for item in items or ()}


def agreement(a: dict, b: dict) -> float:
    both = sum(len(triples(a[k]) & triples(b[k])) for k in a)
    total = sum(len(triples(a[k])) + len(triples(b[k])) for k in a)
    return 2 * both / total if total else 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", type=Path)
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("adjudicated", type=Path, nargs="?")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()

    passages = yaml.safe_load(args.texts.read_text())["passages"]
    a = yaml.safe_load(args.a.read_text())
    b = yaml.safe_load(args.b.read_text())
    ids = [p["id"] for p in passages]
    for name, annotation in (("A", a), ("B", b)):
        missing = set(ids) - set(annotation)
        if missing:
            raise SystemExit(f"{name} lacks {len(missing)} passages, e.g. {sorted(missing)[0]}")
    print(f"{len(ids)} passages; triple F1 between annotators: {agreement(a, b):.3f}")
    disputed = [p for p in passages if triples(a[p["id"]]) != triples(b[p["id"]])]
    print(f"{len(disputed)} passages disputed")
    if args.adjudicated is None:
        out = [{**p, "A": a[p["id"]], "B": b[p["id"]]} for p in disputed]
        target = args.output.with_suffix(".disputed.yaml")
        target.write_text(yaml.safe_dump({"passages": out}, sort_keys=False, width=100))
        print(f"wrote {target}")
        return
    settled = yaml.safe_load(args.adjudicated.read_text())
    gold = []
    for passage in passages:
        key = passage["id"]
        chosen = a[key] if triples(a[key]) == triples(b[key]) else settled[key]
        gold.append({**passage, "expect": sorted([list(t) for t in triples(chosen)])})
    header = (
        "# Annotated independently twice under ../shared/gold/GUIDELINES.md (triple F1\n"
        f"# between the annotators: {agreement(a, b):.3f}); {len(disputed)} disputed passages\n"
        "# adjudicated.\n"
    )
    body = yaml.safe_dump({"passages": gold}, sort_keys=False, width=100, allow_unicode=True)
    args.output.write_text(header + body)
    print(f"wrote {args.output}: {sum(len(p['expect']) for p in gold)} triples")


if __name__ == "__main__":
    main()
