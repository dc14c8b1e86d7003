"""Fallback rules for a mention nobody was found to hold: the author's default
(default-author), and what is left over (unattributed). They run last."""

from __future__ import annotations

from rhetor.attribution import tree
from rhetor.attribution.context import (
    Context,
    denies,
    negated_verb,
)
from rhetor.attribution.holders import refers_back
from rhetor.attribution.stance import (
    CLAIMS,
    OPPOSES,
)


def default_author(ctx: Context) -> None:
    """A positive mention no rule could read belongs to the author's side, unless it is
    acted against by someone who is no side ("this budget destroys democracy"), or
    nobody holds it ("it" standing for a thing, a reporter who is no side); see
    :func:`unattributed`."""
    if ctx.findings:
        return
    reading = ctx.reading
    if reading.acted_against or reading.unheld:
        return
    if reading.agentless or _condemned(ctx):
        ctx.find(ctx.sides.author, CLAIMS)  # "Discrimination will be outlawed."
    elif ctx.base == CLAIMS and not _unheld(ctx):
        ctx.find(ctx.sides.author, CLAIMS)


def _condemned(ctx: Context) -> bool:
    """Is a vice condemned by the clause it is the subject of, with nobody blamed
    ("Racial discrimination has no place in our society", "Such injustice is
    unacceptable")? Saying so is the author's stand for the value."""
    if ctx.mention.polarity != "vice" or ctx.mention.negated:
        return False
    subject = ctx.levels[-1]
    if subject.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verb_token = subject.head
    words = ctx.cues.stance.condemnations
    for child in verb_token.children:
        if child.dep_ in {"attr", "acomp"} and ctx.is_cue(child, words):
            return verb_token.lemma_ == "be" and not negated_verb(ctx, verb_token)
        if child.dep_ == "dobj" and verb_token.lemma_ == "have":  # "has no place in"
            denied = any(d.dep_ == "det" and d.lower_ == "no" for d in child.children)
            if denied and ctx.is_cue(child, words):
                return True
    return False


def unattributed(ctx: Context) -> None:
    """A mention nobody holds, after the author's default, goes to nobody: opposed when
    someone who is no side acts against it, else with the mention's own stance."""
    if ctx.findings:
        return
    ctx.find(None, OPPOSES if ctx.reading.acted_against else ctx.base)


def _unheld(ctx: Context) -> bool:
    """Does the clause say nobody holds the value, so that the author's default does
    not apply? Its subject is "it", a thing no side stands for ("It was full of praise
    for democracy" after "the minister gave a speech"), or a quantifier that denies
    ("None of them believe in fairness"), or the value itself is acted against with no
    one to blame ("Democracy is under threat")."""
    outer = ctx.levels[-1]
    clause = tree.clause_of(outer)
    subject = tree.subject_of(clause)
    if (
        subject is not None
        and subject.lower_ in ctx.cues.english.thing_pronouns
        and refers_back(subject)
    ):
        holder = ctx.sides.resolve(subject)
        if holder is None or holder.side is None:
            return True
    inside = subject is not None and subject.left_edge.i <= ctx.mention.start <= subject.i
    if subject is not None and not inside and denies(ctx, subject, ctx.cues.negation.quantifiers):
        return True  # but "No responsible government would ..." speaks of the value
    return outer.dep_ == "nsubj" and _under_attack(ctx, outer.head)


def _under_attack(ctx: Context, verb_token) -> bool:
    """Does a copula say its subject is under an act against it ("is under threat",
    "has come under attack")?"""
    for prep in verb_token.children:
        if prep.dep_ != "prep":
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and ctx.is_cue(obj, ctx.cues.stance.oppose_nouns):
                return True
    return False
