"""Attribute each value mention to the side that claims, appropriates or opposes it.

The package shows the engine's parts:

- :mod:`.tree`: navigating the dependency parse;
- :mod:`.stance`: stances and modalities and how they compose;
- :mod:`.holders`: who a token stands for (sides, pronouns, relative clauses);
- :mod:`.negation`: whether a mention is negated in its clause;
- :mod:`.context`: what every rule works on (the mention's context, the findings, the
  :class:`~.context.Reading` that carries what one rule tells later ones);
- the rules, one module per family of constructions, in the order they run:

  - :mod:`.presentation`: how the value is presented (hollow, scare-quotes);
  - :mod:`.possession`: holders by possession and nouns of stance acts (possessive,
    nominal-act, apposition, located);
  - :mod:`.verbs`: holders by the verb governing the value (verb, pronoun-object),
    climbing the clause chain with :mod:`.climbing`;
  - :mod:`.anaphora`: holders by reference back to the value (relative-clause,
    anaphoric-object);
  - :mod:`.contrast`: the side's own words and acts (self-claim, negative-subject,
    contrast);
  - :mod:`.framing`: how the clause frames a finding (hypothetical, question,
    reported-speech);
  - :mod:`.rebuttal`: a side's words answered by the author (rebuttal);
  - :mod:`.ellipsis`: words that stand for a finding (elliptical-possessive,
    elliptical-clause, shared-possession, agreement);
  - :mod:`.fallback`: what nobody was found to hold (default-author, unattributed);

- :mod:`.rules`: the rules, named once, as an ordered list;
- :mod:`.engine`: runs the rules and makes the report's claims.

Cue words come from the cue lexicon (``lexicons/cues.yaml``, read by :mod:`.cues`); the
cue schema (:mod:`.cueschema`) says what each list holds and which rules read it, and
:mod:`.cuedocs` makes ``docs/cues.md`` from it.
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
