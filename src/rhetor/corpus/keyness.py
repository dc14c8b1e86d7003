"""Keyness: which values a group uses more (or less) than a reference corpus.

The statistic is the log-likelihood G² of the 2×2 table (the value's mentions
and all other words, in the target and the reference), the G-test of
independence as quanteda's ``textstat_keyness(measure = "lr")`` computes it,
without continuity correction; it is signed, positive when the target uses the
value more. Its p-value is from the chi-square distribution with one degree of
freedom. G² says how sure; the effect size says how much: Hardie's Log Ratio,
the binary log of the ratio of relative frequencies (1 = twice as often), with
0.5 put in for a zero count so that it stays finite.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Keyness:
    target_count: int
    target_words: int
    reference_count: int
    reference_words: int
    g2: float  # signed: positive when the target uses the term more
    p: float
    log_ratio: float


def keyness(
    target_count: int, target_words: int, reference_count: int, reference_words: int
) -> Keyness:
    """G², its p-value and Log Ratio for one term; counts are words, not documents."""
    if target_words <= 0 or reference_words <= 0:
        raise ValueError("both corpora need words")
    if target_count > target_words or reference_count > reference_words:
        raise ValueError("a count cannot exceed its corpus size")
    g2 = log_likelihood(target_count, target_words, reference_count, reference_words)
    more = target_count / target_words >= reference_count / reference_words
    signed = g2 if more else -g2
    return Keyness(
        target_count,
        target_words,
        reference_count,
        reference_words,
        signed,
        chi2_1df_survival(g2),
        log_ratio(target_count, target_words, reference_count, reference_words),
    )


def log_likelihood(a: int, target_words: int, b: int, reference_words: int) -> float:
    """Unsigned G² = 2 Σ O ln(O/E) over the four cells of the 2×2 table."""
    c, d = target_words - a, reference_words - b
    total = a + b + c + d
    observed_expected = (
        (a, (a + b) * target_words / total),
        (b, (a + b) * reference_words / total),
        (c, (c + d) * target_words / total),
        (d, (c + d) * reference_words / total),
    )
    return 2 * sum(o * math.log(o / e) for o, e in observed_expected if o > 0)


def chi2_1df_survival(x: float) -> float:
    """P(X ≥ x) for chi-square with one degree of freedom."""
    return math.erfc(math.sqrt(max(x, 0.0) / 2))


def log_ratio(a: int, target_words: int, b: int, reference_words: int) -> float:
    """log2 of the ratio of relative frequencies; a zero count counts as 0.5."""
    return math.log2((max(a, 0.5) / target_words) / (max(b, 0.5) / reference_words))
