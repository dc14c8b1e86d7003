"""How far can any word list go on Webis-ArgValues-22? An oracle ceiling.

Run by hand (not part of the tests), after or beside ``webis_values.py``:

    python benchmarks/webis_ceiling.py [--corpus DIR] [--cache FILE]

The human labels of Webis-ArgValues-22 say which values an argument rests on, not
which words it uses: "capital punishment deters murder" is labelled "Be just". So a
lexicon, which can only see words, has a ceiling that is set by the labels. This
script measures that ceiling with an oracle that a lexicon author could never use:
it reads the ``train`` labels and keeps every word and two-word phrase (lemmas of the
premise) that is labelled with the value in at least MIN_PRECISION of the train
arguments using it (and used by at least MIN_SUPPORT), then detects the value in an
argument when any kept word occurs. The list is scored on the train rows it was
chosen from (optimistic by construction) and on the ``validation`` rows, whose four
topics appear nowhere in train, as a new text's would not. Only aggregate figures
are printed: the validation rows stay held out.

If even this oracle cannot reach a precision on the validation rows, no honest
lexicon of value language can be expected to reach it there.
"""

from __future__ import annotations

import sys
from collections import Counter
from itertools import pairwise

from webis_values import LABELS, corpus_arguments, parsed_arguments, prf

# (MIN_SUPPORT, MIN_PRECISION) pairs: from a long, loose list to a short, strict one.
SETTINGS = ((3, 0.6), (5, 0.6), (5, 0.75), (8, 0.7), (10, 0.85), (5, 0.9))


def premise_grams(doc) -> frozenset[str]:
    """The premise's lemmas and two-lemma phrases, lower case, punctuation left out."""
    lemmas = [token.lemma_.lower() for token in doc if not token.is_punct]
    return frozenset(lemmas) | frozenset(" ".join(pair) for pair in pairwise(lemmas))


def oracle_words(grams, labelled, rows, min_support: int, min_precision: float) -> set[str]:
    used, positive = Counter(), Counter()
    for i in rows:
        used.update(grams[i])
        if labelled[i]:
            positive.update(grams[i])
    return {
        gram for gram, n in used.items() if n >= min_support and positive[gram] / n >= min_precision
    }


def score(words: set[str], grams, labelled, rows) -> tuple[float, float, float]:
    hits = [bool(grams[i] & words) for i in rows]
    gold = [labelled[i] for i in rows]
    tp = sum(h and g for h, g in zip(hits, gold, strict=True))
    fp = sum(h and not g for h, g in zip(hits, gold, strict=True))
    fn = sum(g and not h for h, g in zip(hits, gold, strict=True))
    return prf(tp, fp, fn)


def main() -> int:
    args = corpus_arguments(__doc__.splitlines()[0]).parse_args()
    # the same parse and cache key as webis_values.py, so that the two share one --cache
    parsed_corpus = parsed_arguments(args)
    if parsed_corpus is None:
        return 1
    arguments, docs, _ = parsed_corpus
    grams = [premise_grams(docs[2 * i + 1]) for i in range(len(arguments))]
    train = [i for i, a in enumerate(arguments) if a.split == "train"]
    validation = [i for i, a in enumerate(arguments) if a.split == "validation"]
    topics = {a.split: set() for a in arguments}
    for a in arguments:
        topics[a.split].add(a.conclusion)
    shared = len(topics["train"] & topics["validation"])
    print(
        f"corpus: {args.corpus}; {len(train):,} train rows on {len(topics['train'])} topics, "
        f"{len(validation):,} validation rows on {len(topics['validation'])} ({shared} shared)"
    )
    heading = f"{'value':<15}{'support':>8}{'prec.':>7}{'words':>7}"
    print(heading + "   train P/R/F1       validation P/R/F1")
    for value in LABELS:
        labelled = [value in a.values for a in arguments]
        for support, precision in SETTINGS:
            words = oracle_words(grams, labelled, train, support, precision)
            fit = score(words, grams, labelled, train)
            held = score(words, grams, labelled, validation)
            print(
                f"{value:<15}{support:>8}{precision:>7.2f}{len(words):>7}   "
                + " ".join(f"{x:.3f}" for x in fit)
                + "    "
                + " ".join(f"{x:.3f}" for x in held)
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
