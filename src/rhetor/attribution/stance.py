"""Stances and modalities, and how they compose.

A holder *claims* a value it champions, *appropriates* one it invokes falsely,
and *opposes* one it acts against or lacks. Acting on a vice turns the stance
on the value: fighting injustice claims fairness, causing it opposes it.
A claim's *modality* says how the text presents it: asserted by the author,
reported from someone else's words, supposed in a hypothetical, or asked.
"""

from __future__ import annotations

CLAIMS, APPROPRIATES, OPPOSES = "claims", "appropriates", "opposes"
ASSERTED, REPORTED, HYPOTHETICAL, QUESTION = "asserted", "reported", "hypothetical", "question"
MODALITIES = (ASSERTED, REPORTED, HYPOTHETICAL, QUESTION)


def base_stance(polarity: str, negated: bool) -> str:
    """Holding a virtue claims it; holding a vice, or lacking the virtue, opposes it."""
    positive = (polarity == "virtue") != negated
    return CLAIMS if positive else OPPOSES


def flip(stance: str | None) -> str:
    """Negation turns claiming into opposing and back; appropriating stays."""
    return {CLAIMS: OPPOSES, OPPOSES: CLAIMS}.get(stance or CLAIMS, stance or CLAIMS)


def apply_polarity(stance: str, polarity: str) -> str:
    """Acting on a vice: fighting injustice claims fairness; championing it opposes."""
    if polarity == "vice":
        return {CLAIMS: OPPOSES, OPPOSES: CLAIMS, APPROPRIATES: OPPOSES}[stance]
    return stance
