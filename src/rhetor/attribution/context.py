"""What every rule works on: the mention, its Context, the findings, and the small
helpers several rules share (a verb's stance, a copula's hollow predicate).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from rhetor.attribution.cues import Cues, cue_key
from rhetor.attribution.holders import Holder, SideIndex
from rhetor.attribution.negation import is_contrastive
from rhetor.attribution.stance import (
    APPROPRIATES,
    ASSERTED,
    CLAIMS,
    OPPOSES,
    base_stance,
    flip,
)


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
class Reading:
    """What one rule finds out about the mention for later rules to read: the only
    state that crosses rules besides the findings. Each field says which rules set it
    and which read it; a rule that sets none of them leaves the reading as it is."""

    # The value is presented as not real ("the so-called fairness", "their solidarity is
    # a slogan", "their 'fairness'"): whoever holds it appropriates it.
    # Set by: hollow, scare-quotes. Read by: Context.base (every holder rule),
    # nominal-act, apposition and verb (a noun of a stance act), verb (the author acting
    # on a vice), reported-speech.
    hollow: bool = False
    # The value stands in quotation marks of its own ("a 'Fair Deal' for tenants").
    # Set by: scare-quotes. Read by: self-claim (the author's quotes name its programme).
    quoted: bool = False
    # The phrase holding the value is judged a failure ("their record on fairness is
    # shameful"): the holder opposes the value. Set by: hollow. Read by: Context.base.
    damned: bool = False
    # Someone who is no side acts against the value: a subject naming no side opposes it
    # ("this budget destroys democracy"), a heading attacks it ("An attack on democracy.").
    # Nobody holds it, and what is left over opposes it. Set by: nominal-act, verb.
    # Read by: default-author, unattributed.
    acted_against: bool = False
    # Nobody holds the value: the subject holding it is "it" standing for a thing
    # ("Ministers published the report. It defends solidarity."), or the one whose words
    # give it is no side ("The report demands that someone be held accountable"). What is
    # left over is nobody's, with the mention's own stance. Set by: verb,
    # reported-speech. Read by: default-author.
    unheld: bool = False
    # Owners of a noun a clause holding the value hangs from, found on the way up to the
    # verb governing the noun ("X voted for our plan to cut V": ours, as well as X's
    # act), as (holder, stance, cue). Set by: the clause climb (verb, anaphoric-object).
    # Read by: verb.
    owners: list = field(default_factory=list)
    # The value is acted for in a passive clause that names no agent ("Discrimination
    # will be outlawed"): in the author's text, the author's programme. Set by: verb.
    # Read by: default-author.
    agentless: bool = False
    # The vice is named as what an instrument fights ("strengthen the discrimination
    # laws"): the phrase stands for the value, so acts on it read as on a virtue.
    # Set by: remedy. Read by: Context.polarity (every rule that composes a stance with
    # the mention's polarity).
    remedy: bool = False
    # The verb that governs the value and the verb rule's finding on its subject, as
    # (verb token, finding). Set by: verb. Read by: pronoun-object.
    verb_claim: tuple | None = None


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
    others: Sequence[Mention] = ()  # every mention in the Doc, in order of their starts
    other_starts: Sequence[int] = ()  # their starts, for a binary search
    findings: list[Finding] = field(default_factory=list)
    reading: Reading = field(default_factory=Reading)  # state that crosses rules
    # set by the engine: the name of the rule running, which its findings carry
    rule: str = ""
    # set by the engine: each rule's function -> its name (see :meth:`found_by`)
    names: Mapping[Callable, str] = field(default_factory=dict)

    @property
    def base(self) -> str:
        m = self.mention
        if self.reading.hollow and self.polarity == "virtue":
            return APPROPRIATES
        return base_stance(self.polarity, m.negated != self.reading.damned)

    @property
    def polarity(self) -> str:
        """The mention's polarity as the rules read it: a vice named as what an
        instrument fights ("discrimination laws") reads as the value."""
        if self.reading.remedy and self.mention.polarity == "vice":
            return "virtue"
        return self.mention.polarity

    def is_cue(self, token, words) -> bool:
        keys = {cue_key(token.lemma_ or token.text), cue_key(token.text)}
        doc = token.doc
        if token.i >= 2 and doc[token.i - 1].text == "-":  # "so-called" is three tokens
            keys.add(cue_key(doc[token.i - 2].text + token.text))
        return not keys.isdisjoint(words)

    def add(self, holder: Holder | None, stance: str, cue: str | None, **extra) -> None:
        """A finding of the running rule for ``holder`` (nothing when there is none)."""
        if holder is None:
            return
        span = (holder.start, holder.end)
        self.findings.append(Finding(holder.side, stance, span, cue, self.rule, **extra))

    def find(self, side: str | None, stance: str, cue: str | None = None) -> None:
        """A finding of the running rule with no holder in the text (the author's default)."""
        self.findings.append(Finding(side, stance, None, cue, self.rule))

    def found_by(self, rule: Callable[[Context], None]) -> list[Finding]:
        """The findings, still standing, that ``rule`` (a rule's function) made."""
        name = self.names.get(rule)
        return [f for f in self.findings if name is not None and f.rule == name]


@dataclass(frozen=True)
class Rule:
    name: str
    stage: str  # mention | holder | finding | fallback
    apply: Callable[[Context], None]
    doc: str = ""


def lookup_stance(ctx: Context, key: str) -> str | None:
    st = ctx.cues.stance
    if key in st.speech:
        return CLAIMS  # saying is claiming; the contrast rule finds the exceptions
    for stance in (APPROPRIATES, OPPOSES, CLAIMS):
        if key in getattr(st, stance):
            return stance
    return None


def verb_stance(ctx: Context, verb_token, keys: list[str]):
    stance, cue = None, None
    for key in keys:
        stance = lookup_stance(ctx, key)
        if stance:
            cue = key
            break
    if negated_verb(ctx, verb_token):
        stance, cue = flip(stance), (f"not {cue}" if cue else "not")
    return stance, cue


def negated_verb(ctx: Context, verb_token) -> bool:
    words = ctx.cues.negation.words
    return any(
        c.dep_ == "neg" and cue_key(c.text) in words and not is_contrastive(c)
        for c in verb_token.children
    )


def is_hollow_predicate(ctx: Context, subject) -> bool:
    if subject.dep_ not in {"nsubj", "nsubjpass"} or subject.head.lemma_ != "be":
        return False
    words = ctx.cues.stance.hollow_words  # "is a sham", "is empty"
    return any(c.dep_ in {"attr", "acomp"} and ctx.is_cue(c, words) for c in subject.head.children)


def is_damning_predicate(ctx: Context, subject) -> bool:
    """Is the subject judged a failure by its copula ("their record is shameful",
    "the Tory approach to fairness has been a disgrace")?"""
    if subject.dep_ != "nsubj" or subject.head.lemma_ != "be" or negated_verb(ctx, subject.head):
        return False
    words = ctx.cues.stance.damning
    return any(c.dep_ in {"attr", "acomp"} and ctx.is_cue(c, words) for c in subject.head.children)


def join_cue(word: str, cue: str | None) -> str:
    return f"{word} ... {cue}" if cue and word else (word or cue or "")


def denies(ctx: Context, subject, words) -> bool:
    """Does the subject deny that anyone in it holds the value ("nobody", "no minister",
    "neither the Tories nor ...", "not one Conservative")?"""
    if ctx.is_cue(subject, words) and subject.pos_ in {"PRON", "NOUN"} and subject.tag_ != "NNS":
        return True  # "nobody", "none", "neither" standing as the subject
    for child in subject.children:
        if child.dep_ in {"det", "preconj", "advmod", "nummod"} and ctx.is_cue(child, words):
            return True  # "no minister", "neither the Tories nor ..."
        if child.lower_ == "one" and any(g.lower_ == "not" for g in child.children):
            return True  # "not one Conservative"
    return _opens_with(subject, words)


def _opens_with(subject, words) -> bool:
    """Do the words before the subject's head open with a quantifier ("not a single
    minister", "hardly any minister")? Matched word by word, from the word the parser
    may have hung on the verb instead ("No Tory MP voted ..." with "No" as an
    interjection)."""
    doc, start = subject.doc, subject.left_edge.i
    if (
        start > 0
        and doc[start - 1].head.i == subject.head.i
        and doc[start - 1].dep_
        in {
            "intj",
            "neg",
            "advmod",
            "det",
        }
    ):
        start -= 1
    before = [t.text for t in doc[start : subject.i + 1]][:4]
    return any(cue_key(" ".join(before[:n])) in words for n in range(1, len(before) + 1))


def is_side(ctx: Context, token) -> bool:
    holder = ctx.sides.resolve(token)
    return holder is not None and holder.side is not None


def is_author(ctx: Context, token) -> bool:
    holder = ctx.sides.resolve(token)
    return holder is not None and holder.side == ctx.sides.author
