"""Finding rules that turn what the holder rules found by the side's own words and
acts: the author's self-claim (self-claim), a subject that denies the side holds the
value (negative-subject), and a contrast between professing the value and acting
against it (contrast). The first finding rules to run."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from rhetor.attribution import tree
from rhetor.attribution.context import (
    Context,
    denies,
    join_cue,
    negated_verb,
)
from rhetor.attribution.stance import (
    APPROPRIATES,
    CLAIMS,
    flip,
)
from rhetor.sentindex import sent_bounds, sent_root


def self_claim(ctx: Context) -> None:
    """The author does not appropriate its own words: verbs that appropriate when said
    of another side claim when the author says them ("we claim the mantle of
    responsibility", "we invoke the spirit of solidarity"), and the author's quotation
    marks name its own programme ("we brought in a 'Fair Deal' for tenants")."""
    words = ctx.cues.stance.self_claims
    ctx.findings = [
        replace(f, stance=CLAIMS)
        if f.side == ctx.sides.author
        and f.stance == APPROPRIATES
        and (f.cue in words or ctx.reading.quoted)
        else f
        for f in ctx.findings
    ]


def negative_subject(ctx: Context) -> None:
    """A subject that denies the side holds the value turns the stance ("Nobody in
    the government cares about fairness", "Neither the Tories nor their donors ...")."""
    words = ctx.cues.negation.quantifiers
    out = []
    for f in ctx.findings:
        if f.clause is not None and f.holder is not None:
            subject = tree.subject_of(ctx.doc[f.clause])
            if subject is not None and denies(ctx, subject, words):
                f = replace(f, stance=flip(f.stance), cue=join_cue("nobody", f.cue))
        out.append(f)
    ctx.findings = out


def contrast(ctx: Context) -> None:
    """A side that professes a value and acts against it appropriates it ("X says /
    talks about / promised V, but / yet / while <acts against V>"), in the same
    sentence or in the next one opened by a contrast marker ("X promised V. Instead it
    <acts against V>").
    The contrasting clause must act against the value: an opposing verb, a negation,
    or a vice of the same value; any other clause leaves the claim as it is. Insistent
    talk needs less: "X keeps talking about V while <anything X does>", "X talks
    endlessly of V, but ..." says the talk is hollow, unless the clause is another
    side's ("..., but we deliver it"); plain talk beside another act ("X speak of V
    while they campaign") is still a claim.
    Once a side appropriates the value, its plain claim on the same mention goes."""
    out = []
    for f in ctx.findings:
        if f.stance == CLAIMS and f.side and f.side != ctx.sides.author:
            inner = tree.clause_of(ctx.levels[-1])
            clause = ctx.doc[f.clause] if f.clause is not None else inner
            cue = _contrasting_act(ctx, inner, clause, f.side, _insistent_talk(ctx, f, inner))
            if cue:
                f = replace(f, stance=APPROPRIATES, cue=join_cue(f.cue or "", cue), rule=ctx.rule)
        out.append(f)
    taken = {f.side for f in out if f.stance == APPROPRIATES}
    ctx.findings = [f for f in out if not (f.stance == CLAIMS and f.side in taken)]


def _insistent_talk(ctx: Context, finding, clause) -> bool:
    """Is the side's claim only talk (a speech verb, or a speech noun the value hangs
    from), said insistently ("keep talking about", "talks endlessly of")?"""
    st = ctx.cues.stance
    talk = (finding.cue or "").split(" ")[-1] in st.speech or any(
        ctx.is_cue(level, st.speech) for level in ctx.levels[1:]
    )
    if not talk:
        return False
    words = [*tree.clause_chain(clause), *ctx.levels[1:]]
    words += [c for w in list(words) for c in w.children if c.dep_ == "advmod"]
    words += [c for c in ctx.phrase.head.head.children if c.dep_ == "advmod"]
    return any(ctx.is_cue(w, st.insistence) for w in words)


def _contrasting_act(ctx: Context, inner, clause, side: str, insistent: bool) -> str | None:
    """The contrasting act, looked for on the verbs from the one governing the value
    (``inner``) up to the holder's ``clause`` and above."""
    st = ctx.cues.stance
    markers = st.contrast_words
    chain = tree.clause_chain(inner)
    if clause.i not in {v.i for v in chain}:
        chain = tree.clause_chain(clause)
    for verb_token in chain:
        for other in [*verb_token.children, *_next_sentence_root(clause)]:
            if other.dep_ not in {"conj", "advcl", "ROOT"} or other.pos_ not in tree.VERBS:
                continue
            marker = next(
                (
                    c
                    for c in [*other.children, *verb_token.children]
                    if c.dep_ in {"cc", "mark", "advmod"} and ctx.is_cue(c, markers)
                ),
                None,
            )
            if marker is None or (other.dep_ == "ROOT" and marker.head.i != other.i):
                continue
            key = tree.verb_key(other)
            for act in _with_complements(other):  # "but its MPs were whipped to vote down V"
                act_key = tree.verb_key(act)
                if act_key in st.opposes or act_key in st.counter_acts or act_key in st.flips:
                    return f"{marker.lower_} {act_key}"
            if negated_verb(ctx, other):
                return f"{marker.lower_} not {key}"
            if vice := _vice_within(ctx, other):  # "praise fairness but deliver inequality"
                return f"{marker.lower_} {key} {vice}"
            if insistent and not _done_by_another(ctx, other, side):
                return f"{marker.lower_} {key}"
    return None


def _with_complements(verb_token) -> list:
    """The verb and the infinitives it governs ("were whipped to vote down")."""
    verbs = [verb_token]
    for _ in range(3):
        inner = [c for c in verbs[-1].children if c.dep_ == "xcomp" and c.pos_ in tree.VERBS]
        if not inner:
            break
        verbs.append(inner[0])
    return verbs


def _next_sentence_root(clause) -> list:
    """The root of the sentence after the clause's, when the clause is a main clause:
    "X promised V. Instead it ..." contrasts across the full stop."""
    _, end = sent_bounds(clause)
    if clause.i != sent_root(clause).i or end >= len(clause.doc):
        return []
    return [sent_root(clause.doc[end])]


def _done_by_another(ctx: Context, verb_token, side: str) -> bool:
    """Is the clause's subject another side than ``side`` ("..., but we deliver it")?"""
    subject = tree.subject_of(verb_token)
    holder = ctx.sides.resolve(subject) if subject is not None else None
    return holder is not None and holder.side is not None and holder.side != side


def _vice_within(ctx: Context, clause) -> str | None:
    """A vice of the same value inside the clause, as its text."""
    low, high = clause.left_edge.i, clause.right_edge.i
    m = ctx.mention
    others = ctx.others  # in order of their starts: only those inside the clause are read
    for k in range(bisect_left(ctx.other_starts, low), len(others)):
        other = others[k]
        if other.start > high:
            break
        if other.value == m.value and other.polarity == "vice":
            return ctx.doc[other.start : other.end].text
    return None
