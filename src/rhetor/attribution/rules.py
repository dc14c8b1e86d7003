"""The attribution rules, declared once, in the order they run.

Each rule is small and named. A rule reads one value mention in its
:class:`Context` and either adjusts how the mention is read (``mention``
rules), finds holders and their stance (``holder`` rules), reshapes the
findings of earlier rules (``finding`` rules), or decides what is left over
(``fallback`` rules). :data:`RULES` is the order; drop a rule from it and the
engine runs without it (``benchmarks/ablation.py`` does exactly that).

A rule's name is given here and nowhere else: the engine sets it on the
:class:`Context` before the rule runs, and the rule's findings carry it. A rule
that must know another's findings asks by the rule itself
(``ctx.found_by(possessive)``), never by its name.
"""

from __future__ import annotations

from collections.abc import Callable

from rhetor.attribution.anaphora import anaphoric_object, relative_clause
from rhetor.attribution.context import Context, Finding, Mention, Rule
from rhetor.attribution.contrast import contrast, negative_subject, self_claim
from rhetor.attribution.ellipsis import (
    agreement,
    elliptical_clause,
    elliptical_possessive,
    shared_possession,
)
from rhetor.attribution.fallback import default_author, unattributed
from rhetor.attribution.framing import hypothetical, question, reported_speech
from rhetor.attribution.possession import apposition, era, located, nominal_act, possessive
from rhetor.attribution.presentation import hollow_value, remedy, scare_quotes
from rhetor.attribution.rebuttal import rebuttal
from rhetor.attribution.verbs import pronoun_object, verb

__all__ = ["RULES", "RULE_NAMES", "Context", "Finding", "Mention", "Rule", "name_of"]

RULES: tuple[Rule, ...] = (
    Rule("hollow", "mention", hollow_value),
    Rule("scare-quotes", "mention", scare_quotes),
    Rule("remedy", "mention", remedy),
    Rule("possessive", "holder", possessive),
    Rule("nominal-act", "holder", nominal_act),
    Rule("apposition", "holder", apposition),
    Rule("located", "holder", located),
    Rule("verb", "holder", verb),
    Rule("pronoun-object", "holder", pronoun_object),
    Rule("relative-clause", "holder", relative_clause),
    Rule("anaphoric-object", "holder", anaphoric_object),
    Rule("era", "holder", era),
    Rule("self-claim", "finding", self_claim),
    Rule("negative-subject", "finding", negative_subject),
    Rule("contrast", "finding", contrast),
    Rule("hypothetical", "finding", hypothetical),
    Rule("question", "finding", question),
    Rule("reported-speech", "finding", reported_speech),
    Rule("rebuttal", "finding", rebuttal),
    Rule("elliptical-possessive", "finding", elliptical_possessive),
    Rule("elliptical-clause", "finding", elliptical_clause),
    Rule("shared-possession", "finding", shared_possession),
    Rule("agreement", "finding", agreement),
    Rule("default-author", "fallback", default_author),
    Rule("unattributed", "fallback", unattributed),
)

RULE_NAMES = tuple(r.name for r in RULES)


def name_of(apply: Callable[[Context], None]) -> str:
    """The name :data:`RULES` gives a rule's function."""
    return next(r.name for r in RULES if r.apply is apply)
