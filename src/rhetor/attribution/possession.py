"""Holder rules by possession and by nouns of stance acts: who holds the value
through a possessor or a side named beside it ("our vision of fairness", "Tory abuses
of power"), a group it is found in ("a lack of accountability among ministers"), or a
noun of a stance act ("the government's attack on democracy", "the Tories, enemies of
solidarity"). Runs first among the holder rules: possessive, nominal-act, apposition,
located."""

from __future__ import annotations

from rhetor.attribution import tree
from rhetor.attribution.context import (
    Context,
)
from rhetor.attribution.cues import cue_key
from rhetor.attribution.holders import Holder
from rhetor.attribution.stance import (
    APPROPRIATES,
    CLAIMS,
    OPPOSES,
    apply_polarity,
    flip,
)


def possessive(ctx: Context) -> None:
    """The value's phrase, or a frame noun it hangs from ("our vision of fairness",
    "their reckless plan"), has a possessor, or a side's name as its modifier
    ("Tory abuses of power", "the Labour commitment to fairness")."""
    for level in ctx.levels:
        for child in level.children:
            if child.dep_ == "poss":
                ctx.add(ctx.sides.resolve(child), ctx.base, None)
            elif (
                child.dep_ in {"amod", "compound"}
                and not child.text.islower()  # "government spending" is public spending
                and (named := ctx.sides.at(child.i))
            ):
                holder = Holder(named.side, named.start, named.end, "alias")
                ctx.add(holder, ctx.base, None)


def act_noun(ctx: Context):
    """(noun, stance) when the value is the object of a noun of a stance act
    ("an attack on", "defence of", "enemies of", "the party of", "an end to") or of
    a noun set against it by its preposition ("measures against", "protection from")."""
    phrase = ctx.phrase
    if phrase.dep_ != "pobj" or phrase.head.dep_ != "prep":
        return None
    noun = phrase.head.head
    if noun.pos_ not in tree.NOUNS:
        return None
    stance = _noun_stance(ctx, noun, cue_key(phrase.head.lower_))
    if stance is None:
        return None
    if any(c.dep_ == "det" and cue_key(c.text) in ctx.cues.negation.words for c in noun.children):
        stance = flip(stance)  # "no friend of democracy"
    if ctx.reading.hollow and stance == CLAIMS:
        stance = APPROPRIATES
    return noun, apply_polarity(stance, ctx.polarity)


def _noun_stance(ctx: Context, noun, prep: str) -> str | None:
    """The stance of a noun with its preposition ("protection from" before
    "protection"); a preposition of opposition makes any noun an act against."""
    st = ctx.cues.stance
    nouns = (
        (OPPOSES, st.oppose_nouns),
        (APPROPRIATES, st.appropriate_nouns),
        (CLAIMS, st.claim_nouns),
    )
    with_prep = {cue_key(noun.lemma_) + prep, cue_key(noun.text) + prep}
    for stance, words in nouns:
        if not with_prep.isdisjoint(words):
            return stance
    if prep in st.against_preps:
        return OPPOSES
    for stance, words in nouns:
        if ctx.is_cue(noun, words):
            return stance
    return None


def nominal_act(ctx: Context) -> None:
    """A noun of a stance act governs the value; its agent is the possessor ("the
    government's attack on democracy") or a by-phrase ("an assault on fairness by
    the Conservatives")."""
    found = act_noun(ctx)
    if not found:
        return
    noun, stance = found
    if noun.head.i == noun.i and is_heading(noun) and not has_agent(noun):
        # "Action against discrimination.", "An end to unfair evictions.": a heading
        if stance == CLAIMS:
            ctx.add(programme(ctx, noun), stance, noun.lemma_)
        else:
            ctx.reading.acted_against = True  # "An attack on democracy.": a title, no programme
        return
    for child in noun.children:
        if child.dep_ == "poss":
            ctx.add(ctx.sides.resolve(child), stance, noun.lemma_)
        elif child.dep_ == "prep" and child.lower_ == "by":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    ctx.add(ctx.sides.resolve(obj), stance, f"{noun.lemma_} by")


def apposition(ctx: Context) -> None:
    """A noun of a stance act set beside a side describes it ("the Tories, enemies of
    solidarity")."""
    found = act_noun(ctx)
    if not found:
        return
    noun, stance = found
    while noun.dep_ == "conj" and noun.head.pos_ in tree.NOUNS:
        noun = noun.head
    if noun.dep_ == "appos":
        ctx.add(ctx.sides.resolve(noun.head), stance, noun.lemma_)


def located(ctx: Context) -> None:
    """The value is found in a group that names a side ("a lack of accountability
    among ministers"): a preposition on the value's phrase or a frame noun above it."""
    preps = ctx.cues.stance.holder_preps
    for level in ctx.levels:
        for prep in level.children:
            if prep.dep_ != "prep" or cue_key(prep.lemma_ or prep.text) not in preps:
                continue
            for obj in prep.children:
                holder = ctx.sides.resolve(obj) if obj.dep_ == "pobj" else None
                if holder and holder.side and holder.how != "phrase":
                    ctx.add(holder, ctx.base, prep.lower_)


def era(ctx: Context) -> None:
    """A side named as the time the clause speaks of, outside its subject ("Under this
    government, billions have been wasted", "Under Labour, those who worked hard found
    ... the unfairness of it all"): when no rule found a side holding the value, the
    side whose time it was holds it: with the stance of an act nobody else is named
    for, else the mention's own."""
    if any(f.side for f in ctx.findings):
        return
    preps = ctx.cues.stance.era_preps
    for above in [ctx.levels[-1], *ctx.levels[-1].ancestors]:  # up to the sentence root
        for prep in above.children:
            if prep.dep_ != "prep" or not ctx.is_cue(prep, preps) or prep.i > ctx.mention.start:
                continue
            for obj in prep.children:
                holder = ctx.sides.resolve(obj) if obj.dep_ == "pobj" else None
                if holder and holder.side:
                    stance = ctx.base
                    if ctx.reading.acted_against:  # "Under X, democracy was undermined"
                        stance = OPPOSES
                    elif ctx.reading.agentless:  # "Under X, discrimination was outlawed"
                        stance = CLAIMS
                    ctx.add(holder, stance, prep.lower_)
                    return


def has_agent(noun) -> bool:
    return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in noun.children)


def is_heading(root) -> bool:
    """Is the sentence a heading or slogan without a subject: a gerund or bare verb at
    its root ("Reducing discrimination.", "Tackle inequality."), or a noun ("Action
    against discrimination.")?"""
    if root.pos_ in tree.NOUNS:
        return not tree.is_verbal(root)
    return root.tag_ in {"VBG", "VB"} and not any(
        c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass", "expl"} for c in root.children
    )


def programme(ctx: Context, root) -> Holder:
    return Holder(ctx.sides.author, root.i, root.i + 1, "programme")
