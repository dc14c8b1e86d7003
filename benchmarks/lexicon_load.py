"""How long a very large lexicon takes to load and compile (target: 10,000 terms < 2 s).

Run by hand: python benchmarks/lexicon_load.py [--terms 10000]
Writes a generated lexicon (words, phrases, globs and part-of-speech limits mixed)
to a temporary folder, then times load_lexicons and CompiledLexicons, best of 3.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from rhetor.lexicon.loading import load_lexicons
from rhetor.lexicon.matching import CompiledLexicons


def generate(terms: int) -> str:
    rng = random.Random(7)
    letters = "abcdefghijklmnopqrstuvwxyzéøß"
    lines = ["id: big", "virtue:"]
    for i in range(terms):
        word = "".join(rng.choice(letters) for _ in range(rng.randint(4, 10))) + str(i)
        kind = i % 4
        if kind == 1:
            word += " " + "".join(rng.choice(letters) for _ in range(5))
        elif kind == 2:
            word += "*"
        elif kind == 3:
            word = f"{{term: {word}, pos: [NOUN, ADJ]}}"
        lines.append(f"  - {word}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "big.yaml"
        path.write_text(generate(args.terms), encoding="utf-8")
        best_load = best_compile = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            lexicons = load_lexicons([path], builtin=False)
            loaded = time.perf_counter()
            CompiledLexicons(lexicons)
            best_load = min(best_load, loaded - started)
            best_compile = min(best_compile, time.perf_counter() - loaded)
    print(
        f"{args.terms:,} terms: load {best_load:.2f} s, compile {best_compile:.2f} s, "
        f"total {best_load + best_compile:.2f} s (target < 2 s)"
    )


if __name__ == "__main__":
    main()
