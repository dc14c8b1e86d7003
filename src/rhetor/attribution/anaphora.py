"""Holder rules by reference back to the value: a relative clause on its phrase
(relative-clause) and a later pronoun object that takes the phrase up
(anaphoric-object). The last holder rules to run."""

from __future__ import annotations

from rhetor.attribution import tree
from rhetor.attribution.climbing import climb
from rhetor.attribution.context import (
    Context,
    verb_stance,
)
from rhetor.attribution.verbs import clause_stance, on_value
from rhetor.sentindex import sent_bounds


def relative_clause(ctx: Context) -> None:
    """A relative clause on the value's phrase ("the fairness they once promised"):
    the clause's subject holds the value. The parser may label such a clause
    ``acl``; it has a subject of its own."""
    for level in ctx.levels:
        for clause in level.children:
            if clause.dep_ not in {"relcl", "acl"}:
                continue
            subject = tree.subject_of(clause)
            if subject is None or subject.lower_ in {"that", "which", "who"}:
                continue
            holder = ctx.sides.resolve(subject)
            if holder and holder.side:
                stance, cue = clause_stance(ctx, clause)
                ctx.add(holder, stance, cue, clause=clause.i)


_ANTECEDENT_DEPS = {"dobj", "pobj", "nsubj", "nsubjpass", "attr"}


def anaphoric_object(ctx: Context) -> None:
    """A later clause takes up the phrase that carries the value as a pronoun object,
    with a subject of its own ("X call for V, and ministers have rejected both", "we
    set up V. The Tories will vote to scrap it"): the clause's subject acts on the
    value by its verb. The pronoun agrees in number with the phrase, and no other
    noun that could stand for it comes between them; it is looked for up to the end
    of the next sentence."""
    carrier = _carrier(ctx.levels[-1])
    if carrier is None:
        return
    plural = carrier.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in carrier.children)
    en = ctx.cues.english
    pronouns = en.later_plural_pronouns if plural else en.singular_object_pronouns
    inside = {t.i for t in carrier.subtree}
    _, end = sent_bounds(carrier)
    if end < len(ctx.doc):
        _, end = sent_bounds(ctx.doc[end])
    for token in ctx.doc[carrier.right_edge.i + 1 : end]:
        if token.i in inside:
            continue
        if token.pos_ in tree.NOUNS and token.dep_ in _ANTECEDENT_DEPS and not _named(ctx, token):
            return  # another thing the pronoun could stand for
        if token.lower_ in pronouns and token.dep_ == "dobj" and token.head.pos_ == "VERB":
            _act_on_pronoun(ctx, token.head)
            return


def _carrier(outer):
    """The noun phrase a later pronoun would stand for: the value's phrase, or the noun
    it hangs from by a preposition ("the grants for co-operatives")."""
    if outer.dep_ in tree.OBJECT_DEPS:
        return outer
    head = outer.head
    if outer.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in tree.NOUNS:
        return head.head if head.head.dep_ in tree.OBJECT_DEPS | {"pobj"} else None
    if outer.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in tree.VERBS:
        return outer
    return None


def _named(ctx: Context, token) -> bool:
    """Does the noun name a side? Any other noun (a thing, a tax, an actor who is no
    side) could be what the pronoun stands for."""
    holder = ctx.sides.resolve(token)
    return holder is not None and holder.side is not None


def _act_on_pronoun(ctx: Context, verb_token) -> None:
    has_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb_token.children)
    if not has_subject and verb_token.dep_ not in tree.COMPLEMENT_DEPS:
        return  # a coordinated verb sharing the subject: the pronoun-object rule's
    stance, cue = verb_stance(ctx, verb_token, tree.verb_keys(verb_token))
    holder, stance, cue, clause = climb(ctx, verb_token, stance, cue, False)
    if holder is None or holder.side is None:
        return
    stance = on_value(ctx, holder, stance, False)
    ctx.add(holder, stance, cue, clause=clause)
