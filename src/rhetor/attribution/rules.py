"""The attribution rules, declared once, in the order they run.

Each rule is small and named. A rule reads one value mention in its
:class:`Context` and either adjusts how the mention is read (``mention``
rules), finds holders and their stance (``holder`` rules), reshapes the
findings of earlier rules (``finding`` rules), or decides what is left over
(``fallback`` rules). :data:`RULES` is the order; drop a rule from it and the
engine runs without it (``benchmarks/ablation.py`` does exactly that).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from rhetor.attribution import tree
from rhetor.attribution.holders import THING_PRONOUNS, Holder, SideIndex
from rhetor.attribution.stance import (
    APPROPRIATES,
    ASSERTED,
    CLAIMS,
    HYPOTHETICAL,
    OPPOSES,
    QUESTION,
    REPORTED,
    apply_polarity,
    base_stance,
    flip,
)
from rhetor.cues import Cues, cue_key

_QUOTES = {'"', "“", "”", "'", "‘", "’", "«", "»", "``", "''"}
_SINGULAR_OBJECT_PRONOUNS = {"it", "this", "that"}


@dataclass(frozen=True)
class Mention:
    """What attribution needs to know of one value mention (token offsets)."""

    index: int
    start: int
    end: int
    polarity: str
    negated: bool
    value: str = ""


@dataclass(frozen=True)
class Finding:
    """One holder's stance on one mention, as the rules build it up."""

    side: str | None
    stance: str
    holder: tuple[int, int] | None
    cue: str | None
    rule: str
    modality: str = ASSERTED
    reporter: tuple[int, int] | None = None
    clause: int | None = None  # token index of the verb whose subject is the holder


@dataclass
class Context:
    """One mention in its parse, with what the rules have found so far."""

    doc: object
    mention: Mention
    sides: SideIndex
    cues: Cues
    root: object
    phrase: object
    levels: list
    others: Sequence[Mention] = ()  # every mention in the Doc
    hollow: bool = False
    quoted: bool = False  # the value stands in quotation marks of its own
    findings: list[Finding] = field(default_factory=list)
    # a subject naming no side acts against the value, or "it" names a thing, not a side:
    # the default does not give the value to the author
    no_default: bool = False

    @property
    def base(self) -> str:
        m = self.mention
        if self.hollow and m.polarity == "virtue":
            return APPROPRIATES
        return base_stance(m.polarity, m.negated)

    def is_cue(self, token, words) -> bool:
        keys = {cue_key(token.lemma_ or token.text), cue_key(token.text)}
        doc = token.doc
        if token.i >= 2 and doc[token.i - 1].text == "-":  # "so-called" is three tokens
            keys.add(cue_key(doc[token.i - 2].text + token.text))
        return not keys.isdisjoint(words)

    def add(self, holder: Holder | None, stance: str, cue: str | None, rule: str, **extra) -> None:
        if holder is None:
            return
        span = (holder.start, holder.end)
        self.findings.append(Finding(holder.side, stance, span, cue, rule, **extra))


@dataclass(frozen=True)
class Rule:
    name: str
    stage: str  # mention | holder | finding | fallback
    apply: Callable[[Context], None]
    doc: str = ""


# -- mention rules: how the value itself is presented ---------------------------------------


def hollow_value(ctx: Context) -> None:
    """ "the so-called fairness", "their solidarity is a slogan": the value is not real."""
    st = ctx.cues.stance
    for level in ctx.levels:
        for child in level.children:
            if child.dep_ in {"amod", "advmod", "compound"} and ctx.is_cue(
                child, st.hollow_modifiers
            ):
                ctx.hollow = True
    if _is_hollow_predicate(ctx, ctx.levels[-1]):
        ctx.hollow = True


def scare_quotes(ctx: Context) -> None:
    """A value word set in quotation marks of its own ("their 'fairness'") is held at a
    distance: whoever the text gives it to appropriates it."""
    doc, m = ctx.doc, ctx.mention
    before = doc[m.start - 1].text if m.start > 0 else ""
    after = doc[m.end].text if m.end < len(doc) else ""
    if before in _QUOTES and after in _QUOTES:
        ctx.hollow = ctx.quoted = True


# -- holder rules: who holds the value, with which stance -----------------------------------


def possessive(ctx: Context) -> None:
    """The value's phrase, or a frame noun it hangs from ("our vision of fairness",
    "their reckless plan"), has a possessor, or a side's name as its modifier
    ("Tory abuses of power", "the Labour commitment to fairness")."""
    for level in ctx.levels:
        for child in level.children:
            if child.dep_ == "poss":
                ctx.add(ctx.sides.resolve(child), ctx.base, None, "possessive")
            elif child.dep_ in {"amod", "compound"} and (named := ctx.sides.at(child.i)):
                holder = Holder(named.side, named.start, named.end, "alias")
                ctx.add(holder, ctx.base, None, "possessive")


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
                    ctx.add(holder, ctx.base, prep.lower_, "located")


def _act_noun(ctx: Context):
    """(noun, stance) when the value is the object of a noun of a stance act
    ("an attack on", "defence of", "enemies of", "the party of")."""
    phrase = ctx.phrase
    if phrase.dep_ != "pobj" or phrase.head.dep_ != "prep":
        return None
    noun = phrase.head.head
    if noun.pos_ not in tree.NOUNS:
        return None
    st = ctx.cues.stance
    for stance, words in (
        (OPPOSES, st.oppose_nouns),
        (APPROPRIATES, st.appropriate_nouns),
        (CLAIMS, st.claim_nouns),
    ):
        if ctx.is_cue(noun, words):
            if any(
                c.dep_ == "det" and cue_key(c.text) in ctx.cues.negation.words
                for c in noun.children
            ):
                stance = flip(stance)  # "no friend of democracy"
            if ctx.hollow and stance == CLAIMS:
                stance = APPROPRIATES
            return noun, apply_polarity(stance, ctx.mention.polarity)
    return None


def nominal_act(ctx: Context) -> None:
    """A noun of a stance act governs the value; its agent is the possessor ("the
    government's attack on democracy") or a by-phrase ("an assault on fairness by
    the Conservatives")."""
    found = _act_noun(ctx)
    if not found:
        return
    noun, stance = found
    for child in noun.children:
        if child.dep_ == "poss":
            ctx.add(ctx.sides.resolve(child), stance, noun.lemma_, "nominal-act")
        elif child.dep_ == "prep" and child.lower_ == "by":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    ctx.add(ctx.sides.resolve(obj), stance, f"{noun.lemma_} by", "nominal-act")


def apposition(ctx: Context) -> None:
    """ "The Tories, enemies of solidarity": an act noun set beside a side describes it."""
    found = _act_noun(ctx)
    if not found:
        return
    noun, stance = found
    while noun.dep_ == "conj" and noun.head.pos_ in tree.NOUNS:
        noun = noun.head
    if noun.dep_ == "appos":
        ctx.add(ctx.sides.resolve(noun.head), stance, noun.lemma_, "apposition")


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
        stance, cue = _verb_stance(ctx, verb_token, keys)
    holder, stance, cue, clause = _climb(ctx, verb_token, stance, cue, passive)
    if stance is None or (ctx.base == APPROPRIATES and not through_act):
        stance = ctx.base
    elif not through_act:  # an act noun's stance already allows for the value's polarity
        stance = apply_polarity(stance, ctx.mention.polarity)
    if holder is None:
        # a subject that names no side acting against the value ("this budget destroys
        # democracy") leaves the value to nobody
        subject = tree.subject_of(ctx.doc[clause]) if clause is not None else None
        ctx.no_default = clause is not None and (
            stance == OPPOSES or (subject is not None and subject.lower_ in THING_PRONOUNS)
        )
        return
    ctx.add(holder, stance, cue, "verb", clause=clause)
    _pronoun_objects(ctx, found[0], ctx.findings[-1])


def _act_stance(ctx: Context, verb_token, noun, act_stance: str):
    own, cue = _verb_stance(ctx, verb_token, tree.verb_keys(verb_token))
    if own == OPPOSES:  # "stop the attacks on V", "reverse their war on V"
        return flip(act_stance), _join(cue or "", noun.lemma_)
    if _has_agent(noun):  # the act is another's: the subject only reports or suffers it
        return None, None
    if _negated(ctx, verb_token):
        return flip(act_stance), f"not {noun.lemma_}"
    return act_stance, noun.lemma_


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


def _lookup(ctx: Context, key: str) -> str | None:
    st = ctx.cues.stance
    if key in st.speech:
        return CLAIMS  # saying is claiming; the contrast rule finds the exceptions
    for stance in (APPROPRIATES, OPPOSES, CLAIMS):
        if key in getattr(st, stance):
            return stance
    return None


def _verb_stance(ctx: Context, verb_token, keys: list[str]):
    stance, cue = None, None
    for key in keys:
        stance = _lookup(ctx, key)
        if stance:
            cue = key
            break
    if _negated(ctx, verb_token):
        stance, cue = flip(stance), (f"not {cue}" if cue else "not")
    return stance, cue


def _negated(ctx: Context, verb_token) -> bool:
    words = ctx.cues.negation.words
    return any(c.dep_ == "neg" and cue_key(c.text) in words for c in verb_token.children)


def _climb(ctx: Context, verb_token, stance, cue, passive):
    """(holder, stance, cue, clause) up the verb chain; outer verbs may turn the stance."""
    current = verb_token
    for _ in range(6):
        has_subject, holder = _subject(ctx, current, passive)
        if has_subject:  # a subject that names no side ends the search too
            return holder, stance, cue, current.i
        dep = current.dep_
        if dep == "relcl":
            return ctx.sides.resolve(current.head), stance, cue, current.i
        if dep == "acl" and current.head.pos_ in tree.NOUNS:
            found = tree.governing_verb(current.head)
            if not found:
                return None, stance, cue, None
            current, passive = found[0], found[2]
            continue
        if dep not in tree.CLIMB_DEPS or current.head.i == current.i:
            return None, stance, cue, None
        current = current.head
        passive = False
        if dep in tree.COMPLEMENT_DEPS:  # "refuse to take": the outer verb governs the inner
            stance, cue = _outer(ctx, current, stance, cue)
    return None, stance, cue, None


def _outer(ctx: Context, verb_token, stance, cue):
    key = tree.verb_key(verb_token)
    st = ctx.cues.stance
    if key in st.flips or key in st.opposes:
        stance, cue = flip(stance), _join(key, cue)
    elif key in st.appropriates and key not in st.report_verbs:
        stance, cue = APPROPRIATES, _join(key, cue)
    if _negated(ctx, verb_token):
        stance, cue = flip(stance), _join("not", cue)
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


def _pronoun_objects(ctx: Context, verb_token, claim: Finding) -> None:
    """ "praises fairness in speeches and ignores it in office": a coordinated verb takes
    the value up again as a pronoun object."""
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
                ctx.findings.append(replace(claim, stance=stance, cue=cue, rule="pronoun-object"))


def _clause_stance(ctx: Context, verb_token) -> tuple[str, str | None]:
    """The stance a clause's own verb takes on the value it refers back to."""
    stance, cue = _verb_stance(ctx, verb_token, [tree.verb_key(verb_token)])
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
                ctx.add(holder, stance, cue, "relative-clause", clause=clause.i)


# -- finding rules: the clause around a finding reshapes it ---------------------------------


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
        and (f.cue in words or ctx.quoted)
        else f
        for f in ctx.findings
    ]


def contrast(ctx: Context) -> None:
    """ "X says / talks about / promised V, but / yet / while <acts against V>": a side
    that professes a value and acts against it in the same sentence appropriates it.
    The contrasting clause must act against the value: an opposing verb, a negation,
    or a vice of the same value; any other clause leaves the claim as it is."""
    out = []
    for f in ctx.findings:
        if f.stance == CLAIMS and f.side and f.side != ctx.sides.author and f.clause is not None:
            cue = _contrasting_act(ctx, ctx.doc[f.clause])
            if cue:
                f = replace(f, stance=APPROPRIATES, cue=_join(f.cue or "", cue), rule="contrast")
        out.append(f)
    ctx.findings = out


def _contrasting_act(ctx: Context, clause) -> str | None:
    st = ctx.cues.stance
    markers = st.contrast_markers | st.hypocrisy_markers
    for verb_token in tree.clause_chain(clause):
        for other in verb_token.children:
            if other.dep_ not in {"conj", "advcl"} or other.pos_ not in tree.VERBS:
                continue
            marker = next(
                (
                    c
                    for c in [*other.children, *verb_token.children]
                    if c.dep_ in {"cc", "mark", "advmod"} and ctx.is_cue(c, markers)
                ),
                None,
            )
            if marker is None:
                continue
            key = tree.verb_key(other)
            if key in st.opposes or key in st.counter_acts or key in st.flips:
                return f"{marker.lower_} {key}"
            if _negated(ctx, other):
                return f"{marker.lower_} not {key}"
            if vice := _vice_within(ctx, other):  # "praise fairness but deliver inequality"
                return f"{marker.lower_} {key} {vice}"
    return None


def _vice_within(ctx: Context, clause) -> str | None:
    """A vice of the same value inside the clause, as its text."""
    low, high = clause.left_edge.i, clause.right_edge.i
    m = ctx.mention
    for other in ctx.others:
        if other.value == m.value and other.polarity == "vice" and low <= other.start <= high:
            return ctx.doc[other.start : other.end].text
    return None


def reported_speech(ctx: Context) -> None:
    """ "Ministers claim that the unions betrayed solidarity": a finding inside a
    clause reported by another speaker is kept, marked as reported, with its source.
    The author reporting itself ("we say that") still asserts. A value in a reported
    clause that no one in it holds ("the Tories say that the market gives a fair
    deal") is the reporting side's claim; quotation marks inside the reported words
    ("that 'the market' delivers ...") show the author's distance: it appropriates."""
    out = []
    for f in ctx.findings:
        if f.clause is not None and f.modality == ASSERTED:
            report = _report_frame(ctx, ctx.doc[f.clause])
            if report is not None and not _is_author(ctx, report[1]):
                reporter = report[1]
                f = replace(f, modality=REPORTED, reporter=(reporter.i, reporter.i + 1))
        out.append(f)
    ctx.findings = out
    if ctx.mention.polarity != "virtue" or any(f.holder for f in ctx.findings):
        return
    report = _report_frame(ctx, tree.clause_of(ctx.levels[-1]))
    if report is None or _is_author(ctx, report[1]):
        return
    verb_token, reporter = report
    stance = APPROPRIATES if ctx.hollow or _quotes_inside(verb_token) else CLAIMS
    if ctx.mention.negated:
        stance = flip(stance)
    ctx.add(ctx.sides.resolve(reporter), stance, tree.verb_key(verb_token), "reported-speech")


def _report_frame(ctx: Context, clause):
    """(report verb, its subject) when ``clause`` is reported: "X says that <clause>"."""
    current = clause
    for _ in range(4):
        if current.dep_ != "ccomp" or current.head.i == current.i:
            return None
        current = current.head
        if tree.verb_key(current) in ctx.cues.stance.report_verbs:
            subject = tree.subject_of(current)
            return (current, subject) if subject is not None else None
    return None


def _is_author(ctx: Context, token) -> bool:
    holder = ctx.sides.resolve(token)
    return holder is not None and holder.side == ctx.sides.author


def _quotes_inside(verb_token) -> bool:
    """Do quotation marks of their own set off a short phrase in the reported words?"""
    words = [t for c in verb_token.children if c.dep_ == "ccomp" for t in c.subtree]
    marks = [t.i for t in words if t.text in _QUOTES]
    return any(0 < b - a <= 4 for a, b in itertools.pairwise(marks))


def hypothetical(ctx: Context) -> None:
    """ "If X cared about V, they would ...": a side's commitment supposed in a
    counterfactual condition is presented as lacking."""
    out = []
    for f in ctx.findings:
        if f.clause is not None and f.side and _counterfactual(ctx, ctx.doc[f.clause]):
            f = replace(f, stance=flip(f.stance), modality=HYPOTHETICAL, rule="hypothetical")
        out.append(f)
    ctx.findings = out


def _counterfactual(ctx: Context, clause) -> bool:
    st = ctx.cues.stance
    if clause.dep_ != "advcl" or not any(
        c.dep_ == "mark" and ctx.is_cue(c, st.hypothetical_markers) for c in clause.children
    ):
        return False
    main = clause.head
    return any(c.dep_ == "aux" and ctx.is_cue(c, st.counterfactual_modals) for c in main.children)


def question(ctx: Context) -> None:
    """ "Does X really believe in V?", "Will the Minister admit that this policy is
    unfair?": a question put about a side's commitment presents the side as lacking
    it. The side is the subject of the inverted question."""
    sent = ctx.doc[ctx.mention.start].sent
    subject = _question_subject(sent)
    if subject is None:
        return
    holder = ctx.sides.resolve(subject)
    if holder is None or holder.side is None or holder.side == ctx.sides.author:
        return
    kept = [f for f in ctx.findings if f.side != holder.side]
    ctx.findings = kept
    ctx.add(holder, OPPOSES, sent.root.lemma_, "question", modality=QUESTION)


def _question_subject(sent):
    tokens = [t for t in sent if not t.is_space]
    if not tokens or tokens[-1].text != "?":
        return None
    root = sent.root
    subject = tree.subject_of(root)
    auxiliaries = [c for c in root.children if c.dep_ in {"aux", "auxpass"}]
    if root.lemma_ == "be" and subject is not None and root.i < subject.i:
        return subject  # "Is the government serious about fairness?"
    if subject is not None and any(a.i < subject.i for a in auxiliaries):
        return subject
    return None


def negative_subject(ctx: Context) -> None:
    """ "Nobody in the government cares about fairness", "Neither the Tories nor their
    donors ...": a subject that denies the side holds the value turns the stance."""
    words = ctx.cues.negation.quantifiers
    out = []
    for f in ctx.findings:
        if f.clause is not None and f.holder is not None:
            subject = tree.subject_of(ctx.doc[f.clause])
            if subject is not None and _denies(ctx, subject, words):
                f = replace(f, stance=flip(f.stance), cue=_join("nobody", f.cue))
        out.append(f)
    ctx.findings = out


def _denies(ctx: Context, subject, words) -> bool:
    if ctx.is_cue(subject, words) and subject.pos_ in {"PRON", "NOUN"} and subject.tag_ != "NNS":
        return True  # "nobody", "none", "neither" standing as the subject
    for child in subject.children:
        if child.dep_ in {"det", "preconj", "advmod", "nummod"} and ctx.is_cue(child, words):
            return True  # "no minister", "neither the Tories nor ..."
        if child.lower_ == "one" and any(g.lower_ == "not" for g in child.children):
            return True  # "not one Conservative"
    return False


_INDEPENDENT_POSSESSIVES = {"ours", "theirs", "hers", "his", "mine", "yours"}


def elliptical_possessive(ctx: Context) -> None:
    """ "Their fairness is a pose; ours is a practice": an independent
    possessive later in the sentence holds the same value."""
    possessed = [f for f in ctx.findings if f.rule == "possessive" and f.side]
    if not possessed:
        return
    m = ctx.mention
    for token in ctx.doc[m.start].sent:
        if token.i < m.end or token.lower_ not in _INDEPENDENT_POSSESSIVES:
            continue
        holder = ctx.sides.resolve(token)
        if holder and holder.side and all(holder.side != f.side for f in possessed):
            hollow = _is_hollow_predicate(ctx, token)
            stance = APPROPRIATES if hollow else base_stance(m.polarity, m.negated)
            ctx.add(holder, stance, None, "elliptical-possessive")


def _is_hollow_predicate(ctx: Context, subject) -> bool:
    if subject.dep_ not in {"nsubj", "nsubjpass"} or subject.head.lemma_ != "be":
        return False
    words = (
        ctx.cues.stance.hollow_nouns | ctx.cues.stance.hollow_modifiers
    )  # "is a sham", "is empty"
    return any(c.dep_ in {"attr", "acomp"} and ctx.is_cue(c, words) for c in subject.head.children)


# -- fallback ------------------------------------------------------------------------------


def default_author(ctx: Context) -> None:
    """A positive mention no rule could read belongs to the author's side. A negative
    one, or one acted against by a subject that names no side ("this budget destroys
    democracy"), or held by "it" standing for a thing, goes to nobody."""
    if ctx.findings:
        return
    if ctx.base == CLAIMS and not ctx.no_default:
        ctx.findings.append(Finding(ctx.sides.author, CLAIMS, None, None, "default-author"))
    else:
        stance = OPPOSES if ctx.no_default else ctx.base
        ctx.findings.append(Finding(None, stance, None, None, "unattributed"))


def _join(word: str, cue: str | None) -> str:
    return f"{word} ... {cue}" if cue and word else (word or cue or "")


RULES: tuple[Rule, ...] = (
    Rule("hollow", "mention", hollow_value),
    Rule("scare-quotes", "mention", scare_quotes),
    Rule("possessive", "holder", possessive),
    Rule("nominal-act", "holder", nominal_act),
    Rule("apposition", "holder", apposition),
    Rule("located", "holder", located),
    Rule("verb", "holder", verb),
    Rule("relative-clause", "holder", relative_clause),
    Rule("self-claim", "finding", self_claim),
    Rule("negative-subject", "finding", negative_subject),
    Rule("contrast", "finding", contrast),
    Rule("hypothetical", "finding", hypothetical),
    Rule("question", "finding", question),
    Rule("reported-speech", "finding", reported_speech),
    Rule("elliptical-possessive", "finding", elliptical_possessive),
    Rule("default-author", "fallback", default_author),
)
RULE_NAMES = tuple(r.name for r in RULES)
