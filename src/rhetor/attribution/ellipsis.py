"""Finding rules that carry a finding over to words that stand for it: an
independent possessive (elliptical-possessive), a clause cut down to its auxiliary
(elliptical-clause), the author's "our" on a value another side attacks
(shared-possession), and the author agreeing with a side (agreement). They run after
rebuttal, before the fallback."""

from __future__ import annotations

from rhetor.attribution import tree
from rhetor.attribution.context import (
    Context,
    denies,
    is_author,
    is_hollow_predicate,
    join_cue,
    negated_verb,
)
from rhetor.attribution.possession import possessive
from rhetor.attribution.stance import (
    APPROPRIATES,
    OPPOSES,
    base_stance,
    flip,
)
from rhetor.sentindex import sent_bounds, sent_root, sent_span


def elliptical_possessive(ctx: Context) -> None:
    """An independent possessive later in the sentence holds the same value ("Their
    fairness is a pose; ours is a practice")."""
    possessed = [f for f in ctx.found_by(possessive) if f.side]
    if not possessed:
        return
    m = ctx.mention
    for token in sent_span(ctx.doc[m.start]):
        if token.i < m.end or token.lower_ not in ctx.cues.english.independent_possessives:
            continue
        holder = ctx.sides.resolve(token)
        if holder and holder.side and all(holder.side != f.side for f in possessed):
            hollow = is_hollow_predicate(ctx, token)
            stance = APPROPRIATES if hollow else base_stance(m.polarity, m.negated)
            ctx.add(holder, stance, None)


def elliptical_clause(ctx: Context) -> None:
    """A clause that keeps only its subject and auxiliary ("We will.", "..., but we
    won't") takes up the verb phrase before it, value and all: its subject holds the
    value, and the stance turns as the two clauses' negations differ ("Neither X nor Y
    will give V. We will." claims V)."""
    told = next((f for f in ctx.findings if f.clause is not None and f.side), None)
    if told is None:
        return
    clause = ctx.doc[told.clause]
    for aux in _elliptical_auxiliaries(clause):
        subject = tree.subject_of(aux)
        holder = ctx.sides.resolve(subject) if subject is not None else None
        if holder is None or holder.side is None or holder.side == told.side:
            continue
        stance = told.stance
        if _clause_denied(ctx, clause) != negated_verb(ctx, aux):
            stance = flip(stance)
        ctx.add(holder, stance, join_cue(aux.lower_, told.cue))


def _elliptical_auxiliaries(clause) -> list:
    """Auxiliaries standing for a verb phrase: in a conjunct of the clause, or as the
    root of the next sentence."""
    candidates = [c for c in clause.children if c.dep_ == "conj"]
    _, end = sent_bounds(clause)
    if end < len(clause.doc):
        candidates.append(sent_root(clause.doc[end]))
    return [
        aux
        for aux in candidates
        if aux.pos_ == "AUX"
        and aux.lemma_ != "be"
        and tree.subject_of(aux) is not None
        and not any(c.dep_ not in _ELLIPSIS_DEPS for c in aux.children)
    ]


_ELLIPSIS_DEPS = {"nsubj", "neg", "punct", "cc", "advmod", "aux", "mark"}


def _clause_denied(ctx: Context, clause) -> bool:
    subject = tree.subject_of(clause)
    return negated_verb(ctx, clause) or (
        subject is not None and denies(ctx, subject, ctx.cues.negation.quantifiers)
    )


def shared_possession(ctx: Context) -> None:
    """The author's "our" on a value another side acts against names the country's
    value, not a claim of the author's own ("the Tories attack our democracy", "a
    government indifferent to our democracy"): the sentence says what the other side
    does. "Our commitment to V" (a frame) and "our fairness" with no one against it
    stay the author's claims."""
    author = ctx.sides.author
    opposed = any(f.side not in {None, author} and f.stance == OPPOSES for f in ctx.findings)
    if not opposed or ctx.polarity != "virtue":
        return
    possessed = ctx.found_by(possessive)
    ctx.findings = [
        f for f in ctx.findings if not (f.side == author and f in possessed and _owns_value(ctx, f))
    ]


def _owns_value(ctx: Context, finding) -> bool:
    """Is the possessor on the value's own phrase, not on a frame above it?"""
    return finding.holder is not None and any(
        c.dep_ == "poss" and c.i == finding.holder[0] for c in ctx.phrase.children
    )


def agreement(ctx: Context) -> None:
    """The author agreeing with a side that holds the value, in the sentence after
    ("X said V must be paid for responsibly. We agree with them."), takes the side's
    stance as its own."""
    author = ctx.sides.author
    held = {f.side: f for f in ctx.findings if f.side and f.side != author}
    if not held or any(f.side == author for f in ctx.findings):
        return
    _, end = sent_bounds(ctx.doc[ctx.mention.start])
    if end >= len(ctx.doc):
        return
    root = sent_root(ctx.doc[end])
    subject = tree.subject_of(root)
    if subject is None or not is_author(ctx, subject):
        return
    if not ctx.is_cue(root, ctx.cues.stance.agreement) or negated_verb(ctx, root):
        return
    for other in _agreed_with(root):
        holder = ctx.sides.resolve(other)
        if holder is not None and holder.side in held:
            found = held[holder.side]
            ctx.add(subject_holder(ctx, subject), found.stance, root.lemma_)
            return


def _agreed_with(verb_token):
    """Who the verb agrees with: its object, or the object of its preposition."""
    for child in verb_token.children:
        if child.dep_ in tree.OBJECT_DEPS:
            yield child
        if child.dep_ == "prep":
            yield from (c for c in child.children if c.dep_ == "pobj")


def subject_holder(ctx: Context, subject):
    return ctx.sides.resolve(subject)
