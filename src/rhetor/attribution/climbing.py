"""Climbing the clause chain from the verb that governs the value to the one whose
subject holds it ("they refuse to accept V", "we are committed to reducing V", "X voted
for our plan to cut V"): the verbs and nouns on the way may turn the stance. Shared by
the verb and anaphoric-object rules; no rule of its own."""

from __future__ import annotations

from typing import NamedTuple

from rhetor.attribution import tree
from rhetor.attribution.context import (
    Context,
    join_cue,
    negated_verb,
)
from rhetor.attribution.cues import cue_key
from rhetor.attribution.holders import Holder
from rhetor.attribution.possession import is_heading, programme
from rhetor.attribution.stance import (
    APPROPRIATES,
    CLAIMS,
    OPPOSES,
    flip,
)


class Climb(NamedTuple):
    """Where the climb up the verb chain from the value ends."""

    holder: Holder | None  # who holds the value, if anyone
    stance: str | None  # the stance, as the verbs on the way turned it
    cue: str | None  # the cue words that gave the stance
    clause: int | None  # token index of the verb whose subject is the holder


def climb(ctx: Context, verb_token, stance, cue, passive) -> Climb:
    """Up the verb chain from ``verb_token`` to the holder; outer verbs may turn the stance."""
    current = verb_token
    for _ in range(6):
        has_subject, holder = verb_subject(ctx, current, passive)
        if has_subject and _promoted(ctx, current, holder):
            current, passive = current.head, False  # "we will ensure that employers act V"
            stance, cue = _outer(ctx, current, stance, cue)
            continue
        if has_subject:  # a subject that names no side ends the search too
            return Climb(holder, stance, cue, current.i)
        dep = current.dep_
        if dep == "relcl" and _clause_host(current) is None:
            return Climb(ctx.sides.resolve(current.head), stance, cue, current.i)
        if current.pos_ == "ADJ" and dep == "amod":  # "a government hostile to V"
            return Climb(ctx.sides.resolve(current.head), stance, cue, None)
        if current.pos_ == "ADJ" and dep in {"acomp", "oprd", "xcomp"}:  # "X are hostile to V"
            current, passive = current.head, False
            stance, cue = _outer(ctx, current, stance, cue)
            continue
        if dep == "csubj":  # "reducing V is our priority": the one whose aim it is
            owner = _owner(_attribute(current.head))
            return Climb((ctx.sides.resolve(owner) if owner else None), stance, cue, None)
        above = _clause_host(current)
        if above is not None and above.pos_ in tree.NOUNS:
            noun = above
            if _opposing_noun(ctx, noun):  # "a barrier to having V"
                stance, cue = flip(stance), join_cue(noun.lemma_, cue)
            elif _no_standing(ctx, noun) and stance in {None, CLAIMS}:
                stance, cue = APPROPRIATES, join_cue(f"no {noun.lemma_}", cue)
            owner = _owner(noun)  # "our strategy for tackling V", "their plan to cut V"
            found = tree.governing_verb(noun)
            if owner is not None and not found:
                return Climb(ctx.sides.resolve(owner), stance, cue, None)
            if owner is not None:  # "X voted for our plan to cut V": ours, and X's act on it
                ctx.reading.owners.append((ctx.sides.resolve(owner), stance, cue))
            if not found:
                return Climb(None, stance, cue, None)
            current, passive = found[0], found[2]
            stance, cue = _outer_on_clause(ctx, current, stance, cue, _noun_keys(ctx, noun, found))
            continue
        if above is not None:  # "we are committed to reducing V", "work towards ending V"
            prep = current.head
            if above.pos_ == "ADJ" and above.dep_ in {"acomp", "xcomp"}:
                above = above.head
            if above.pos_ not in tree.VERBS:
                return Climb(None, stance, cue, None)
            current, passive = above, False
            if cue_key(prep.lower_) in ctx.cues.negation.words:  # "govern without holding V"
                stance, cue = flip(stance), join_cue(prep.lower_, cue)
            elif cue_key(prep.lower_) not in ctx.cues.stance.means_preps:
                stance, cue = _outer_on_clause(ctx, current, stance, cue)
            continue
        if current.head.i == current.i and is_heading(current):
            # "Reducing discrimination.", "Tackle inequality.": the author's programme
            return Climb(programme(ctx, current), stance, cue, current.i)
        if dep not in tree.CLIMB_DEPS or current.head.i == current.i:
            return Climb(None, stance, cue, None)
        current = current.head
        passive = False
        if dep in tree.COMPLEMENT_DEPS:  # "refuse to take": the outer verb governs the inner
            stance, cue = _outer(ctx, current, stance, cue, infinitive=dep == "xcomp")
    return Climb(None, stance, cue, None)


def _promoted(ctx: Context, clause, holder: Holder | None) -> bool:
    """Is the clause's subject an actor that names no side, in a clause a side's verb
    brings about ("we will ensure that employers act responsibly", "we want councils to
    be accountable")? The side above promotes the value through them. Not a verb of
    saying: what others say is theirs ("X say that ...")."""
    if holder is None or holder.side is not None or clause.dep_ not in {"ccomp", "xcomp"}:
        return False
    above = clause.head
    key = tree.verb_key(above)
    st = ctx.cues.stance
    return above.pos_ in tree.VERBS and key not in st.report_verbs and key not in st.speech


def _outer_on_clause(ctx: Context, verb_token, stance, cue, keys=()):
    """A verb over a clause that holds the value turns the clause's stance ("oppose any
    attempt to remove V"); a clause whose verb is no cue holds the value as it is,
    negated or not ("prevent them from acting without a referendum")."""
    neutral = OPPOSES if ctx.mention.negated else CLAIMS
    turned, turned_cue = _outer(ctx, verb_token, stance or neutral, cue, keys=keys)
    if stance is None and turned == neutral:
        return None, cue
    return turned, turned_cue


def _outer(ctx: Context, verb_token, stance, cue, infinitive: bool = False, keys=()):
    """The stance of a clause as the verb above turns it. A verb that reports what
    another says ("X claims that ...") does not appropriate what it reports; with an
    infinitive it professes ("X claims to champion V", "X pretends to care"). ``keys``:
    cue keys to try first ("vote against" for a verb acting on a noun)."""
    st = ctx.cues.stance
    key = tree.verb_key(verb_token)
    key = next((k for k in keys if k in st.flips or k in st.opposes), key)
    if key in st.flips or key in st.opposes:
        stance, cue = flip(stance), join_cue(key, cue)
    elif key in st.appropriates and (infinitive or key not in st.report_verbs):
        stance, cue = APPROPRIATES, join_cue(key, cue)
    if negated_verb(ctx, verb_token):
        stance, cue = flip(stance), join_cue("not", cue)
    return stance, cue


def _no_standing(ctx: Context, noun) -> bool:
    """Is the noun a standing denied ("has no business lecturing us about V", "no right
    to preach V")? Whoever claims the value without the standing appropriates it."""
    denied = any(
        c.dep_ == "det" and cue_key(c.text) in ctx.cues.negation.words for c in noun.children
    )
    return denied and ctx.is_cue(noun, ctx.cues.stance.standing_nouns)


def _opposing_noun(ctx: Context, noun) -> bool:
    """Is the noun one of acting against, alone or with a preposition it governs ("a
    barrier to workers having V": "barrier to")?"""
    words = ctx.cues.stance.oppose_nouns
    preps = [cue_key(c.lower_) for c in noun.children if c.dep_ == "prep"]
    keys = {cue_key(noun.lemma_) + prep for prep in preps}
    return ctx.is_cue(noun, words) or not keys.isdisjoint(words)


def _clause_host(clause):
    """The word a clause without a subject hangs from: the noun of an ``acl`` ("any
    attempt to remove V"), or the word a preposition with a gerund clause hangs from
    ("our plan for tackling V", "committed to reducing V")."""
    head = clause.head
    if head.i == clause.i:
        return None
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    noun_clause = clause.dep_ == "acl" or (clause.dep_ == "relcl" and infinitive)
    if noun_clause and head.pos_ in tree.NOUNS:
        return head  # "legislation to make V illegal", parsed as acl or relcl
    if clause.dep_ == "pcomp" and head.dep_ == "prep" and head.head.i != head.i:
        return head.head
    return None


def _owner(noun):
    """The possessor of a noun ("our" in "our plan"), if any."""
    if noun is None:
        return None
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def _attribute(copula):
    """The attribute of a copula ("is our priority")."""
    if copula.lemma_ != "be":
        return None
    return next((c for c in copula.children if c.dep_ == "attr"), None)


def _noun_keys(ctx: Context, noun, found) -> list[str]:
    """Cue keys of the verb acting on a noun, with its preposition ("vote against");
    a preposition of opposition sets the noun against the verb ("stand against")."""
    keys = list(found[1])
    prep = noun.head
    if noun.dep_ == "pobj" and cue_key(prep.lower_) in ctx.cues.stance.against_preps:
        keys.append(cue_key("oppose"))
    return keys


def verb_subject(ctx: Context, verb_token, passive: bool) -> tuple[bool, Holder | None]:
    """(whether the verb has a subject or agent, the holder it resolves to)."""
    sides = ctx.sides
    if verb_token.dep_ == "compound" and verb_token.pos_ in tree.NOUNS:
        return True, sides.resolve(verb_token.doc[verb_token.i - 1])
    for child in verb_token.children:
        if passive and child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return True, sides.resolve(obj)
        if child.dep_ in {"nsubj", "csubj"} or (child.dep_ == "nsubjpass" and not passive):
            if tree.is_vocative(child):
                return False, None
            return True, sides.resolve(child)
    return False, None
