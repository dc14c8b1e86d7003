"""The features of a claim: what the rules already know, named for a linear model.

Each feature is a string; a claim has the features listed by :func:`claim_features`
(all with value 1). The kinds, as the confidence model reads them:

- ``rule=R``: the rule that made the claim (``possessive``, ``verb``, ``default-author``...);
- ``stance=S``, ``polarity=P``, ``value=V``, ``modality=M``;
- ``role=R``: the side's role in the document: ``first-person`` (the side that holds
  "we", the document's own), ``other`` (another side), ``none`` (unattributed);
- ``role*stance=R*S``: the two together (a party rarely opposes its own values);
- ``holder=H``: the kind of words that hold the value: ``first-person`` ("we", "our"),
  ``pronoun`` ("they", "it"), ``name`` (an alias or title), ``fallback`` (no words:
  the default rule), ``none``;
- ``distance=D``: where the holder stands: ``near`` (within 3 words), ``clause``
  (within 12), ``far`` (further in the sentence), ``other-sentence``, ``none``;
- ``cue=C``: ``none``, ``negated`` (the cue says "not"), ``word``;
- ``negated``: the value word itself is negated ("not fair");
- ``reported``: someone else's words are reported;
- ``vice-claim``: a vice claimed (fighting it: "we will tackle injustice").
"""

from __future__ import annotations

from collections.abc import Iterable

FIRST_PERSON = frozenset({"we", "us", "our", "ours", "i", "me", "my", "mine", "ourselves"})
PRONOUNS = frozenset(
    {"they", "them", "their", "theirs", "it", "its", "he", "him", "his", "she", "her", "hers"}
    | {"this", "that", "these", "those", "who", "which"}
)


def document_author(sides: Iterable) -> str | None:
    """The id of the side that holds "we" (the document's own), if any."""
    for side in sides:
        if any(alias.lower() in FIRST_PERSON for alias in side.aliases):
            return side.id
    return None


def _holder_kind(claim) -> str:
    if claim.rule == "default-author":
        return "fallback"
    if claim.holder is None:
        return "none"
    words = claim.holder.text.lower().split()
    if not words:
        return "none"
    if words[0] in FIRST_PERSON or words[-1] in FIRST_PERSON:
        return "first-person"
    if words[-1] in PRONOUNS or words[0] in PRONOUNS:
        return "pronoun"
    return "name"


def _distance(claim) -> str:
    holder = claim.holder
    if holder is None:
        return "none"
    sentence_end = claim.sentence_start + len(claim.sentence)
    if holder.start < claim.sentence_start or holder.end > sentence_end:
        return "other-sentence"
    if holder.end <= claim.start:
        gap = claim.sentence[holder.end - claim.sentence_start : claim.start - claim.sentence_start]
    else:
        gap = claim.sentence[claim.end - claim.sentence_start : holder.start - claim.sentence_start]
    words = len(gap.split())
    if words <= 3:
        return "near"
    if words <= 12:
        return "clause"
    return "far"


def _cue_kind(cue: str | None) -> str:
    if not cue:
        return "none"
    return "negated" if "not" in cue.split() else "word"


def claim_features(claim, author: str | None, negated: bool = False) -> list[str]:
    """The features of one claim; ``author`` is the document's first-person side."""
    if claim.side is None:
        role = "none"
    elif claim.side == author:
        role = "first-person"
    else:
        role = "other"
    features = [
        f"rule={claim.rule}",
        f"stance={claim.stance}",
        f"polarity={claim.polarity}",
        f"value={claim.value}",
        f"modality={claim.modality}",
        f"role={role}",
        f"role*stance={role}*{claim.stance}",
        f"holder={_holder_kind(claim)}",
        f"distance={_distance(claim)}",
        f"cue={_cue_kind(claim.cue)}",
    ]
    if negated:
        features.append("negated")
    if claim.reported_by is not None:
        features.append("reported")
    if claim.polarity == "vice" and claim.stance == "claims":
        features.append("vice-claim")
    return features
