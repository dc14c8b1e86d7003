"""Keyness: which values a group uses more (or less) than a reference corpus.

The statistic is the likelihood-ratio G² of the 2×2 table (the value's mentions
and all other words, in the target and the reference), ``measure = "lr"`` of
quanteda's ``textstat_keyness``, and named ``G2`` as quanteda names it. It is
signed, positive when the target uses the value more, and by default divided by
Williams' correction

    q = 1 + (N/(a+b) + N/(c+d) - 1) (N/(a+c) + N/(b+d) - 1) / (6N)

(a, b: the value's mentions in target and reference; c, d: their other words;
N = a+b+c+d; q = 1 when a cell is zero), exactly as quanteda's
``textstat_keyness(measure = "lr", correction = "williams")`` does (its
``src/keyness.cpp``). ``correction="none"`` gives the plain G-test, and
``correction="yates"`` quanteda's own default for ``lr``: each cell moved 0.5
towards independence, only when an expected cell is under 5 and |ad - bc| >= N/2.
Its p-value is from the chi-square distribution with one degree of freedom.

G² says how sure; the effect size says how much: Hardie's Log Ratio, the binary
log of the ratio of relative frequencies (1 = twice as often), with 0.5 put in for
a zero count so that it stays finite.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

CORRECTIONS = ("williams", "yates", "none")
DEFAULT_CORRECTION = "williams"


@dataclass(frozen=True)
class Keyness:
    target_count: int
    target_words: int
    reference_count: int
    reference_words: int
    g2: float  # signed: positive when the target uses the term more; corrected
    p: float
    log_ratio: float
    correction: str = DEFAULT_CORRECTION
    g2_uncorrected: float = 0.0  # signed, no correction


def keyness(
    target_count: int,
    target_words: int,
    reference_count: int,
    reference_words: int,
    *,
    correction: str = DEFAULT_CORRECTION,
) -> Keyness:
    """G² (with ``correction``), its p-value and Log Ratio for one term; counts are
    words, not documents."""
    if correction not in CORRECTIONS:
        raise ValueError(f"correction {correction!r}: choose one of {', '.join(CORRECTIONS)}")
    if target_words <= 0 or reference_words <= 0:
        raise ValueError("both corpora need words")
    if target_count > target_words or reference_count > reference_words:
        raise ValueError("a count cannot exceed its corpus size")
    a, b = target_count, reference_count
    c, d = target_words - a, reference_words - b
    plain = g_statistic(a, b, c, d)
    if correction == "williams":
        g2 = plain / williams_q(a, b, c, d)
    elif correction == "yates":
        g2 = g_statistic(*yates_cells(a, b, c, d))
    else:
        g2 = plain
    sign = 1.0 if target_count / target_words >= reference_count / reference_words else -1.0
    return Keyness(
        target_count,
        target_words,
        reference_count,
        reference_words,
        sign * g2,
        chi2_1df_survival(g2),
        log_ratio(target_count, target_words, reference_count, reference_words),
        correction,
        sign * plain,
    )


def g_statistic(a: float, b: float, c: float, d: float) -> float:
    """Unsigned G² = 2 Σ O ln(O/E) over the four cells of the table [[a, b], [c, d]]
    (columns: target, reference)."""
    total = a + b + c + d
    cells = (
        (a, (a + b) * (a + c) / total),
        (b, (a + b) * (b + d) / total),
        (c, (c + d) * (a + c) / total),
        (d, (c + d) * (b + d) / total),
    )
    return max(0.0, 2 * sum(o * math.log(o / e) for o, e in cells if o > 0))


def log_likelihood(a: int, target_words: int, b: int, reference_words: int) -> float:
    """Unsigned, uncorrected G² of a term: ``a`` of ``target_words`` against ``b`` of
    ``reference_words``."""
    return g_statistic(a, b, target_words - a, reference_words - b)


def williams_q(a: float, b: float, c: float, d: float) -> float:
    """Williams' correction for a 2×2 table (1 when a cell is zero, as quanteda has it)."""
    if a * b * c * d == 0:
        return 1.0
    n = a + b + c + d
    return 1.0 + (n / (a + b) + n / (c + d) - 1.0) * (n / (a + c) + n / (b + d) - 1.0) / (6.0 * n)


def yates_cells(a: float, b: float, c: float, d: float) -> tuple[float, float, float, float]:
    """quanteda's continuity adjustment for ``lr``: each cell 0.5 towards independence,
    only when an expected count is under 5 and |ad - bc| >= N/2."""
    n = a + b + c + d
    small = min((a + b) * (a + c), (a + b) * (b + d), (a + c) * (c + d), (c + d) * (b + d)) / n
    if not (small < 5 and abs(a * d - b * c) >= n / 2):
        return a, b, c, d
    shift = -0.5 if a * d - b * c > 0 else 0.5
    return a + shift, b - shift, c - shift, d + shift


def chi2_1df_survival(x: float) -> float:
    """P(X ≥ x) for chi-square with one degree of freedom."""
    return math.erfc(math.sqrt(max(x, 0.0) / 2))


def log_ratio(a: int, target_words: int, b: int, reference_words: int) -> float:
    """log2 of the ratio of relative frequencies; a zero count counts as 0.5, and a value
    neither corpus uses has no difference (0)."""
    if a == 0 and b == 0:
        return 0.0
    return math.log2((max(a, 0.5) / target_words) / (max(b, 0.5) / reference_words))
