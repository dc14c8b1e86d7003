"""Leave each attribution rule out in turn and print what it costs.

    python benchmarks/ablation.py [GOLD.yaml ...]

Default files: every gold file in ../shared/gold and rhetor's own dev sets
(benchmarks/gold/manifesto_dev*.yaml, attribution_dev*.yaml, debate*_dev.yaml); held-out
files are
never read here. Each
passage is parsed and matched once; attribution then runs with all rules and
with each rule left out. For every rule the table shows, per file, the change
in strict F1 when the rule is removed (negative: the rule helps), and over all
files how many passages the rule helps (more triples right with it) and hurts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rhetor.attribution import RULES, Attributor
from rhetor.attribution.annotate import attribute_values
from rhetor.attribution.autosides import compile_aliases
from rhetor.attribution.cues import load_cues
from rhetor.attribution.sides import build_sides
from rhetor.evaluation.scoring import load_gold, score
from rhetor.lexicon.loading import load_lexicons
from rhetor.nlp.component import SPANS_KEY, RhetorComponent
from rhetor.nlp.pipeline import load_pipeline, resolve_model_name

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "gold"
OWN_DEV = [
    ROOT / "benchmarks" / "gold" / name
    for name in (
        "manifesto_dev.yaml",
        "manifesto_dev2.yaml",
        "attribution_dev.yaml",
        "attribution_dev2.yaml",
        "debate_dev.yaml",
        "debate2_dev.yaml",
    )
]


def default_files() -> list[Path]:
    files = sorted(SHARED.glob("*.yaml")) + [p for p in OWN_DEV if p.exists()]
    return [f for f in files if "heldout" not in f.name]


def parsed_passages(path: Path, nlp, lexicons, cues):
    """(expected triples, parsed and matched Doc, sides) per passage."""
    for passage in load_gold(path):
        sides = build_sides(passage.sides) if passage.sides else None
        matcher = RhetorComponent(lexicons, cues, sides=sides, attribute=False)
        yield passage.expected, matcher(nlp(passage.text)), sides


def triples(doc, attributor, cues, sides) -> frozenset:
    aliases = compile_aliases(sides) if sides else None
    attribute_values(doc, attributor, cues, sides, aliases, SPANS_KEY)
    return frozenset((c.value, c.side, c.stance) for c in doc._.rhetor_claims if c.side)


def main(paths: list[Path]) -> None:
    nlp = load_pipeline(resolve_model_name(None))
    lexicons, cues = load_lexicons(), load_cues()
    full = Attributor(cues)
    variants = {rule.name: full.without(rule.name) for rule in RULES}
    files = {path.name: list(parsed_passages(path, nlp, lexicons, cues)) for path in paths}
    baseline = {}
    header = f"{'rule left out':24}" + "".join(f"{name[:16]:>17}" for name in files)
    print(header + f"{'helps':>7}{'hurts':>7}")
    for name, passages in files.items():
        pairs = [(exp, triples(doc, full, cues, sides)) for exp, doc, sides in passages]
        baseline[name] = pairs
    row = f"{'(none: F1 with all)':24}"
    row += "".join(f"{score(baseline[name]).f1:17.3f}" for name in files)
    print(row)
    for rule, attributor in variants.items():
        row, helps, hurts = f"{rule:24}", 0, 0
        for name, passages in files.items():
            pairs = []
            for (expected, doc, sides), (_, with_rule) in zip(
                passages, baseline[name], strict=True
            ):
                without = triples(doc, attributor, cues, sides)
                pairs.append((expected, without))
                gain = net_right(expected, with_rule) - net_right(expected, without)
                helps += gain > 0
                hurts += gain < 0
            row += f"{score(pairs).f1 - score(baseline[name]).f1:+17.3f}"
        print(row + f"{helps:>7}{hurts:>7}")


def net_right(expected: frozenset, predicted: frozenset) -> int:
    """Triples found right less triples found wrong."""
    return len(expected & predicted) - len(predicted - expected)


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]] or default_files())
