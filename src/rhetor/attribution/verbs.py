"""Holder rules by verbs: the subject of the verb governing the value holds it, with
the verb's stance (verb), and a coordinated verb that takes the value up again as a
pronoun object shares that subject (pronoun-object)."""

from __future__ import annotations

from dataclasses import replace

from rhetor.attribution import tree
from rhetor.attribution.climbing import climb, verb_subject
from rhetor.attribution.context import (
    Context,
    Finding,
    join_cue,
    negated_verb,
    verb_stance,
)
from rhetor.attribution.cues import cue_key
from rhetor.attribution.holders import Holder, refers_back
from rhetor.attribution.possession import act_noun, has_agent
from rhetor.attribution.stance import (
    APPROPRIATES,
    CLAIMS,
    OPPOSES,
    apply_polarity,
    flip,
)


def verb(ctx: Context) -> None:
    """The subject (or passive agent) of the verb governing the value, followed up
    through complement, adverbial and coordinated clauses and relative clauses; the
    verbs on the way give the stance ("wants to steal", "declines to accept").
    Through a noun of a stance act the subject does the act ("they launched an
    attack on V", "X is the party of V", "X has never been a friend of V"), or acts
    against another's act ("we will reverse the government's war on V")."""
    outer = ctx.levels[-1]
    if outer.pos_ == "VERB":  # a verbal value ("they united the party"): its own subject
        found = (outer, [], False)
    else:
        found = tree.governing_verb(outer) or _verb_tagged_as_noun(ctx, outer)
    if not found:
        return
    verb_token, keys, passive = found
    act = act_noun(ctx)
    through_act = act is not None and act[0].head.i == verb_token.i
    if through_act:
        stance, cue = _act_stance(ctx, verb_token, *act)
        if stance is None:
            return
    else:
        stance, cue = verb_stance(ctx, verb_token, keys)
        if stance is None and verb_token.pos_ == "ADJ" and keys:
            return  # an adjective with a preposition reads a stance only as a cue ("hostile to")
        if stance is None and _against_verb(ctx, verb_token):  # "we will act against V"
            stance, cue = OPPOSES, ctx.phrase.head.lower_
        elif _against_verb(ctx, verb_token):
            stance, cue = _through_against(ctx, verb_token, stance, cue)
    holder, stance, cue, clause = climb(ctx, verb_token, stance, cue, passive)
    for owner, owned, owned_cue in ctx.reading.owners:
        ctx.add(owner, on_value(ctx, owner, owned, through_act), owned_cue)
    stance = on_value(ctx, holder, stance, through_act)
    if holder is not None and holder.how == "programme" and stance != CLAIMS:
        ctx.reading.acted_against = True  # a heading acting against V ("Attacking democracy.")
        return
    if holder is None and clause is None and passive and _agentless(verb_token):
        clause = verb_token.i  # "Democracy was undermined.": a clause, with nobody named
    if holder is None and clause is not None:
        holder, stance, cue = _cause(ctx, ctx.doc[clause], stance, cue)
    if holder is None:
        # a subject that names no side acting against the value ("this budget destroys
        # democracy") leaves the value to nobody, as does "it" standing for a thing
        subject = tree.subject_of(ctx.doc[clause]) if clause is not None else None
        things = ctx.cues.english.thing_pronouns
        thing = subject is not None and subject.lower_ in things and refers_back(subject)
        ctx.reading.acted_against = clause is not None and stance == OPPOSES
        ctx.reading.unheld = clause is not None and stance != OPPOSES and thing
        ctx.reading.agentless = (
            clause is not None and stance == CLAIMS and _agentless(ctx.doc[clause])
        )
        return
    ctx.add(holder, stance, cue, clause=clause)
    claim = ctx.findings[-1]
    if clause is not None:
        _conjoined_subjects(ctx, ctx.doc[clause], claim)
    ctx.reading.verb_claim = (found[0], claim)


def _agentless(clause) -> bool:
    """Is the clause passive with no agent ("Discrimination will be outlawed", "the
    unfair test will be removed")? Nobody is named as doing it."""
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in clause.children)
    return passive and not any(c.dep_ == "agent" for c in clause.children)


def on_value(ctx: Context, holder: Holder | None, stance, through_act: bool):
    """The stance on the value from the stance of the act that governs it."""
    if stance is None and _author_on_vice(ctx, holder):
        return CLAIMS  # "we will override unfair terms": the author acts on the vice
    if stance is None or (ctx.base == APPROPRIATES and not through_act):
        return ctx.base
    if not through_act:  # an act noun's stance already allows for the value's polarity
        return apply_polarity(stance, ctx.polarity)
    return stance


def _through_against(ctx: Context, verb_token, stance: str, cue: str | None):
    """A verb that acts on a thing set against the value by a preposition the parser
    hung on the verb ("strengthen the law against V", "scrap protections against V"):
    the act against composes with the verb's own stance. A verb whose cue already
    takes the preposition ("vote against"), or that opposes with no object of its own
    ("fight against V"), is read as it is."""
    prep = cue_key(ctx.phrase.head.lower_)
    if cue and cue.endswith(prep):
        return stance, cue
    own = flip(stance) if negated_verb(ctx, verb_token) else stance
    has_object = any(c.dep_ in tree.OBJECT_DEPS for c in verb_token.children)
    if has_object or own == CLAIMS:
        return flip(stance), join_cue(cue or "", ctx.phrase.head.lower_)
    return stance, cue


def _conjoined_subjects(ctx: Context, clause, claim: Finding) -> None:
    """Coordinated subjects share the clause's stance ("X and Y will not give V",
    "neither X nor Y ...")."""
    subject = tree.subject_of(clause)
    if subject is None:
        return
    pending = [c for c in subject.children if c.dep_ == "conj"]
    while pending:
        other = pending.pop()
        pending.extend(c for c in other.children if c.dep_ == "conj")
        holder = ctx.sides.resolve(other)
        if holder is not None and holder.side and holder.side != claim.side:
            ctx.add(holder, claim.stance, claim.cue, clause=claim.clause)


def _act_stance(ctx: Context, verb_token, noun, act_stance: str):
    own, cue = verb_stance(ctx, verb_token, tree.verb_keys(verb_token))
    if own == OPPOSES:  # "stop the attacks on V", "reverse their war on V"
        return flip(act_stance), join_cue(cue or "", noun.lemma_)
    if has_agent(noun):  # the act is another's: the subject only reports or suffers it
        return None, None
    if negated_verb(ctx, verb_token):
        return flip(act_stance), f"not {noun.lemma_}"
    return act_stance, noun.lemma_


def _author_on_vice(ctx: Context, holder: Holder | None) -> bool:
    """Does the author act, by a verb that is no cue, on a vice it names? A party
    does not present itself as doing injustice: it deals with it ("we will override
    unfair terms", "rather than waste money")."""
    return (
        holder is not None
        and holder.side == ctx.sides.author
        and ctx.polarity == "vice"
        and not ctx.mention.negated
        and not ctx.reading.hollow
    )


def _against_verb(ctx: Context, verb_token) -> bool:
    prep = ctx.phrase.head
    return (
        ctx.phrase.dep_ == "pobj"
        and prep.head.i == verb_token.i
        and cue_key(prep.lower_) in ctx.cues.stance.against_preps
    )


def _cause(ctx: Context, clause, stance, cue):
    """(holder, stance, cue) when the clause's subject is a thing a side brought about:
    the side holds the thing's stance ("X introduced fees which are a barrier to V",
    "the fees X imposed undermine V"); doing away with the thing turns it ("X scrapped
    the fees that were a barrier to V")."""
    thing = tree.subject_of(clause)
    if thing is None or stance is None:
        return None, stance, cue
    if thing.lower_ in {"which", "that"} and clause.dep_ == "relcl":
        thing = clause.head
    causes = ctx.cues.stance.causes
    for act, subject_verb in _acts_on(thing):
        key = tree.verb_key(act)
        if key in causes:
            turned = stance
        elif key in ctx.cues.stance.opposes:
            turned = flip(stance)
        else:
            continue
        passive = act.tag_ == "VBN" and act.dep_ == "acl"
        has_subject, holder = verb_subject(ctx, subject_verb, passive)
        if has_subject and holder is not None and holder.side:
            return holder, turned, join_cue(key, cue)
    return None, stance, cue


def _acts_on(thing):
    """The verbs that act on a thing: the one it is the object of ("introduced
    fees"), and relative clauses on it ("the fees they introduced")."""
    if thing.dep_ in tree.OBJECT_DEPS and thing.head.pos_ in tree.VERBS:
        yield thing.head, thing.head
    for child in thing.children:
        if child.dep_ in {"relcl", "acl"}:  # "the fees they introduced", "introduced by X"
            yield child, child


def _verb_tagged_as_noun(ctx: Context, phrase):
    """A verb the tagger read as a noun compound ("The mayor champions fairness",
    "the Tories praise fairness"). Read it back as a verb when it is a stance cue preceded by
    the noun that would be its subject."""
    st = ctx.cues.stance
    for child in phrase.children:
        if child.dep_ != "compound" or child.tag_ not in {"NN", "NNS"} or child.i != phrase.i - 1:
            continue
        key = cue_key(child.lemma_)
        if not any(key in ws for ws in (st.claims, st.appropriates, st.opposes, st.speech)):
            continue
        if child.i > 0 and child.doc[child.i - 1].pos_ in tree.NOUNS:
            return child, [key], False
    return None


def pronoun_object(ctx: Context) -> None:
    """A verb coordinated with the one the verb rule read takes the value up again as a
    pronoun object, sharing its subject ("praises fairness in speeches and ignores it in
    office"): the subject's stance by the coordinated verb."""
    if ctx.reading.verb_claim is None:
        return
    verb_token, claim = ctx.reading.verb_claim
    if claim.side is None:
        return
    # the pronoun agrees with the value's phrase: "it" a singular value, "them" a plural one
    en = ctx.cues.english
    plural = ctx.phrase.tag_ in {"NNS", "NNPS"}
    pronouns = en.plural_object_pronouns if plural else en.singular_object_pronouns
    for sibling in verb_token.children:
        if sibling.dep_ != "conj" or sibling.pos_ not in tree.VERBS:
            continue
        if any(c.dep_ in {"nsubj", "nsubjpass"} for c in sibling.children):
            continue
        for obj in sibling.children:
            if obj.dep_ in tree.OBJECT_DEPS and obj.lower_ in pronouns and not ctx.sides.at(obj.i):
                stance, cue = clause_stance(ctx, sibling)
                ctx.findings.append(replace(claim, stance=stance, cue=cue, rule=ctx.rule))


def clause_stance(ctx: Context, verb_token) -> tuple[str, str | None]:
    """The stance a clause's own verb takes on the value it refers back to."""
    stance, cue = verb_stance(ctx, verb_token, [tree.verb_key(verb_token)])
    return apply_polarity(stance or CLAIMS, ctx.polarity), cue
