"""Attribute each value mention to the side that claims, appropriates or opposes it.

The package shows the engine's parts:

- :mod:`.tree`: navigating the dependency parse;
- :mod:`.stance`: stances and modalities and how they compose;
- :mod:`.holders`: who a token stands for (sides, pronouns, relative clauses);
- :mod:`.negation`: whether a mention is negated in its clause;
- :mod:`.context`: what every rule works on (the mention's context, the findings);
- :mod:`.presentation`, :mod:`.holding`, :mod:`.reshaping`: the rules, by stage: how
  the value is presented, who holds it, how the clause reshapes what was found;
- :mod:`.rules`: the rules, declared once as an ordered list;
- :mod:`.engine`: runs the rules and makes the report's claims.

Cue words come from the cue lexicon (``lexicons/cues.yaml``, :mod:`rhetor.attribution.cues`).
Only token attributes are used: no spaCy import.
"""

from rhetor.attribution.engine import Attributor, make_claim
from rhetor.attribution.rules import RULE_NAMES, RULES, Finding, Mention, Rule
from rhetor.attribution.stance import (
    APPROPRIATES,
    ASSERTED,
    CLAIMS,
    HYPOTHETICAL,
    MODALITIES,
    OPPOSES,
    QUESTION,
    REPORTED,
    apply_polarity,
    base_stance,
    flip,
)

__all__ = [
    "APPROPRIATES",
    "ASSERTED",
    "CLAIMS",
    "HYPOTHETICAL",
    "MODALITIES",
    "OPPOSES",
    "QUESTION",
    "REPORTED",
    "RULES",
    "RULE_NAMES",
    "Attributor",
    "Finding",
    "Mention",
    "Rule",
    "apply_polarity",
    "base_stance",
    "flip",
    "make_claim",
]
