"""Holder rules: who holds the value, and with which stance."""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from rhetor.attribution import tree
from rhetor.attribution.context import (
    Context,
    Finding,
    join_cue,
    negated_verb,
    verb_stance,
)
from rhetor.attribution.cues import cue_key
from rhetor.attribution.holders import THING_PRONOUNS, Holder, refers_back
from rhetor.attribution.stance import (
    APPROPRIATES,
    CLAIMS,
    OPPOSES,
    apply_polarity,
    flip,
)

_SINGULAR_OBJECT_PRONOUNS = {"it", "this", "that"}


class Climb(NamedTuple):
    """Where the climb up the verb chain from the value ends."""

    holder: Holder | None  # who holds the value, if anyone
    stance: str | None  # the stance, as the verbs on the way turned it
    cue: str | None  # the cue words that gave the stance
    clause: int | None  # token index of the verb whose subject is the holder


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


def _act_noun(ctx: Context):
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
    return noun, apply_polarity(stance, ctx.mention.polarity)


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
    found = _act_noun(ctx)
    if not found:
        return
    noun, stance = found
    if noun.head.i == noun.i and _heading(noun) and not _has_agent(noun):
        # "Action against discrimination.", "An end to unfair evictions.": a heading
        if stance == CLAIMS:
            ctx.add(_programme(ctx, noun), stance, noun.lemma_)
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
    found = _act_noun(ctx)
    if not found:
        return
    noun, stance = found
    while noun.dep_ == "conj" and noun.head.pos_ in tree.NOUNS:
        noun = noun.head
    if noun.dep_ == "appos":
        ctx.add(ctx.sides.resolve(noun.head), stance, noun.lemma_)


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
    act = _act_noun(ctx)
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
    holder, stance, cue, clause = _climb(ctx, verb_token, stance, cue, passive)
    for owner, owned, owned_cue in ctx.reading.owners:
        ctx.add(owner, _on_value(ctx, owner, owned, through_act), owned_cue)
    stance = _on_value(ctx, holder, stance, through_act)
    if holder is not None and holder.how == "programme" and stance != CLAIMS:
        ctx.reading.acted_against = True  # a heading acting against V ("Attacking democracy.")
        return
    if holder is None and clause is not None:
        holder, stance, cue = _cause(ctx, ctx.doc[clause], stance, cue)
    if holder is None:
        # a subject that names no side acting against the value ("this budget destroys
        # democracy") leaves the value to nobody, as does "it" standing for a thing
        subject = tree.subject_of(ctx.doc[clause]) if clause is not None else None
        thing = subject is not None and subject.lower_ in THING_PRONOUNS and refers_back(subject)
        ctx.reading.acted_against = clause is not None and stance == OPPOSES
        ctx.reading.unheld = clause is not None and stance != OPPOSES and thing
        return
    ctx.add(holder, stance, cue, clause=clause)
    claim = ctx.findings[-1]
    if clause is not None:
        _conjoined_subjects(ctx, ctx.doc[clause], claim)
    ctx.reading.verb_claim = (found[0], claim)


def _on_value(ctx: Context, holder: Holder | None, stance, through_act: bool):
    """The stance on the value from the stance of the act that governs it."""
    if stance is None and _author_on_vice(ctx, holder):
        return CLAIMS  # "we will override unfair terms": the author acts on the vice
    if stance is None or (ctx.base == APPROPRIATES and not through_act):
        return ctx.base
    if not through_act:  # an act noun's stance already allows for the value's polarity
        return apply_polarity(stance, ctx.mention.polarity)
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
    if _has_agent(noun):  # the act is another's: the subject only reports or suffers it
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
        and ctx.mention.polarity == "vice"
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
        has_subject, holder = _subject(ctx, subject_verb, passive)
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


def _has_agent(noun) -> bool:
    return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in noun.children)


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


def _climb(ctx: Context, verb_token, stance, cue, passive) -> Climb:
    """Up the verb chain from ``verb_token`` to the holder; outer verbs may turn the stance."""
    current = verb_token
    for _ in range(6):
        has_subject, holder = _subject(ctx, current, passive)
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
        if current.head.i == current.i and _heading(current):
            # "Reducing discrimination.", "Tackle inequality.": the author's programme
            return Climb(_programme(ctx, current), stance, cue, current.i)
        if dep not in tree.CLIMB_DEPS or current.head.i == current.i:
            return Climb(None, stance, cue, None)
        current = current.head
        passive = False
        if dep in tree.COMPLEMENT_DEPS:  # "refuse to take": the outer verb governs the inner
            stance, cue = _outer(ctx, current, stance, cue, infinitive=dep == "xcomp")
    return Climb(None, stance, cue, None)


def _heading(root) -> bool:
    """Is the sentence a heading or slogan without a subject: a gerund or bare verb at
    its root ("Reducing discrimination.", "Tackle inequality."), or a noun ("Action
    against discrimination.")?"""
    if root.pos_ in tree.NOUNS:
        return not tree.is_verbal(root)
    return root.tag_ in {"VBG", "VB"} and not any(
        c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass", "expl"} for c in root.children
    )


def _programme(ctx: Context, root) -> Holder:
    return Holder(ctx.sides.author, root.i, root.i + 1, "programme")


def _noun_keys(ctx: Context, noun, found) -> list[str]:
    """Cue keys of the verb acting on a noun, with its preposition ("vote against");
    a preposition of opposition sets the noun against the verb ("stand against")."""
    keys = list(found[1])
    prep = noun.head
    if noun.dep_ == "pobj" and cue_key(prep.lower_) in ctx.cues.stance.against_preps:
        keys.append(cue_key("oppose"))
    return keys


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


def _subject(ctx: Context, verb_token, passive: bool) -> tuple[bool, Holder | None]:
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
    pronouns = (
        {"them", "these", "those"}
        if ctx.phrase.tag_ in {"NNS", "NNPS"}
        else (_SINGULAR_OBJECT_PRONOUNS)
    )
    for sibling in verb_token.children:
        if sibling.dep_ != "conj" or sibling.pos_ not in tree.VERBS:
            continue
        if any(c.dep_ in {"nsubj", "nsubjpass"} for c in sibling.children):
            continue
        for obj in sibling.children:
            if obj.dep_ in tree.OBJECT_DEPS and obj.lower_ in pronouns and not ctx.sides.at(obj.i):
                stance, cue = _clause_stance(ctx, sibling)
                ctx.findings.append(replace(claim, stance=stance, cue=cue, rule=ctx.rule))


def _clause_stance(ctx: Context, verb_token) -> tuple[str, str | None]:
    """The stance a clause's own verb takes on the value it refers back to."""
    stance, cue = verb_stance(ctx, verb_token, [tree.verb_key(verb_token)])
    return apply_polarity(stance or CLAIMS, ctx.mention.polarity), cue


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
                stance, cue = _clause_stance(ctx, clause)
                ctx.add(holder, stance, cue, clause=clause.i)


_LATER_PRONOUNS = {
    False: {"it", "this", "that"},
    True: {"them", "these", "those", "both", "all"},
}
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
    pronouns = _LATER_PRONOUNS[plural]
    inside = {t.i for t in carrier.subtree}
    sent = carrier.sent
    end = sent.end
    if end < len(ctx.doc):
        end = ctx.doc[end].sent.end
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
    holder = ctx.sides.resolve(token)
    return holder is not None


def _act_on_pronoun(ctx: Context, verb_token) -> None:
    has_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb_token.children)
    if not has_subject and verb_token.dep_ not in tree.COMPLEMENT_DEPS:
        return  # a coordinated verb sharing the subject: the pronoun-object rule's
    stance, cue = verb_stance(ctx, verb_token, tree.verb_keys(verb_token))
    holder, stance, cue, clause = _climb(ctx, verb_token, stance, cue, False)
    if holder is None or holder.side is None:
        return
    stance = _on_value(ctx, holder, stance, False)
    ctx.add(holder, stance, cue, clause=clause)
