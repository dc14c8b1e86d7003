"""Finding rules, which reshape what the holder rules found from the clause around
it, and the fallback rule for a mention nobody was found to hold.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from rhetor.attribution import tree
from rhetor.attribution.context import (
    QUOTES,
    Context,
    Finding,
    is_hollow_predicate,
    join_cue,
    negated_verb,
)
from rhetor.attribution.cues import cue_key
from rhetor.attribution.holders import THING_PRONOUNS, refers_back
from rhetor.attribution.holding import possessive
from rhetor.attribution.sides import FIRST_PERSON_PLURAL
from rhetor.attribution.stance import (
    APPROPRIATES,
    ASSERTED,
    CLAIMS,
    HYPOTHETICAL,
    OPPOSES,
    QUESTION,
    REPORTED,
    base_stance,
    flip,
)


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
    sent = clause.sent
    if clause.i != sent.root.i or sent.end >= len(clause.doc):
        return []
    return [clause.doc[sent.end].sent.root]


def _done_by_another(ctx: Context, verb_token, side: str) -> bool:
    """Is the clause's subject another side than ``side`` ("..., but we deliver it")?"""
    subject = tree.subject_of(verb_token)
    holder = ctx.sides.resolve(subject) if subject is not None else None
    return holder is not None and holder.side is not None and holder.side != side


def _vice_within(ctx: Context, clause) -> str | None:
    """A vice of the same value inside the clause, as its text."""
    low, high = clause.left_edge.i, clause.right_edge.i
    m = ctx.mention
    for other in ctx.others:
        if other.value == m.value and other.polarity == "vice" and low <= other.start <= high:
            return ctx.doc[other.start : other.end].text
    return None


def reported_speech(ctx: Context) -> None:
    """A finding inside a clause reported by another speaker ("Ministers claim that
    the unions betrayed solidarity") is kept, marked as reported, with its source.
    The author reporting itself ("we say that") still asserts. A value in a reported
    clause that no one in it holds ("the Tories say that the market gives a fair
    deal") is the reporting side's claim; quotation marks inside the reported words
    ("that 'the market' delivers ...") show the author's distance: it appropriates.
    An inclusive "we" in the reported words ("told the House that we are all in this
    together") is the speaker's own person, not the author's."""
    out = []
    for f in ctx.findings:
        if f.clause is not None and f.modality == ASSERTED:
            report = _report_frame(ctx, ctx.doc[f.clause])
            if report is not None and not _is_author(ctx, report[1]):
                reporter = report[1]
                f = replace(f, modality=REPORTED, reporter=(reporter.i, reporter.i + 1))
                f = _unshifted_we(ctx, f, reporter)
        out.append(f)
    ctx.findings = out
    if ctx.mention.polarity != "virtue" or any(f.side for f in ctx.findings):
        return
    clause = tree.clause_of(ctx.levels[-1])
    report = _report_frame(ctx, clause) or _source_phrase(ctx, clause)
    if report is None or _is_author(ctx, report[1]):
        return
    verb_token, reporter = report
    if not _is_side(ctx, reporter):
        ctx.reading.unheld = True  # "The report demands that someone be held accountable"
    stance = APPROPRIATES if ctx.reading.hollow or _quotes_inside(verb_token) else CLAIMS
    if ctx.mention.negated:
        stance = flip(stance)
    if verb_token.pos_ in tree.VERBS and (
        negated_verb(ctx, verb_token)
        or _denies(ctx, reporter, ctx.cues.negation.quantifiers)  # "not one of them accepts"
    ):
        stance = flip(stance)
    cue = tree.verb_key(verb_token) if verb_token.pos_ in tree.VERBS else key_of_source(verb_token)
    ctx.add(ctx.sides.resolve(reporter), stance, cue)
    if cue in ctx.cues.stance.factive_verbs and not ctx.mention.negated and not ctx.reading.hollow:
        # "not one of them accepts that workers deserve V": what is accepted, or refused,
        # is true for the author, who asserts it
        ctx.find(ctx.sides.author, CLAIMS, cue)


def _unshifted_we(ctx: Context, finding: Finding, reporter) -> Finding:
    """An inclusive "we" in a side's reported words ("the Chancellor told the House that
    we are all in this together") keeps the speaker's own person: the words, and the
    value they profess, are the reporting side's, not the author's."""
    if finding.side != ctx.sides.author or finding.holder is None:
        return finding
    holder = ctx.doc[finding.holder[0]]
    if holder.lower_ not in FIRST_PERSON_PLURAL or finding.clause is None:
        return finding
    verb_token = ctx.doc[finding.clause]
    near = [*holder.children, *verb_token.children]
    if not any(ctx.is_cue(t, ctx.cues.stance.inclusive_quantifiers) for t in near):
        return finding
    speaker = ctx.sides.resolve(reporter)
    if speaker is None or speaker.side is None or speaker.side == ctx.sides.author:
        return finding
    return replace(finding, side=speaker.side)


def _report_frame(ctx: Context, clause):
    """(report verb, its subject) when ``clause`` is reported: "X says that <clause>",
    also through a relative clause on the reported subject ("X accepts that the people
    who work deserve V")."""
    current = clause
    for _ in range(4):
        if current.dep_ == "relcl" and current.head.dep_ == "ccomp":
            current = current.head
        if current.dep_ != "ccomp" or current.head.i == current.i:
            return None
        current = current.head
        if tree.verb_key(current) in ctx.cues.stance.report_verbs:
            subject = tree.shared_subject_of(current)
            return (current, subject) if subject is not None else None
    return None


def _source_phrase(ctx: Context, clause):
    """(preposition, source) when a phrase names whose words the clause gives
    ("according to the Chancellor, the tax is fair", "in the minister's words")."""
    for prep in clause.children:
        if prep.dep_ != "prep":
            continue
        words = [prep, *(c for c in prep.children if c.dep_ == "prep")]
        key = cue_key(" ".join(w.text for w in words))
        if key not in ctx.cues.stance.source_preps:
            continue
        for inner in words[-1].children:
            if inner.dep_ == "pobj":
                return words[0], inner
    return None


def key_of_source(prep) -> str:
    """The cue of a source phrase: "according to"."""
    return cue_key(" ".join([prep.text, *(c.text for c in prep.children if c.dep_ == "prep")]))


def _is_side(ctx: Context, token) -> bool:
    holder = ctx.sides.resolve(token)
    return holder is not None and holder.side is not None


def _is_author(ctx: Context, token) -> bool:
    holder = ctx.sides.resolve(token)
    return holder is not None and holder.side == ctx.sides.author


def _quotes_inside(verb_token) -> bool:
    """Do quotation marks of their own set off a short phrase in the reported words?"""
    words = [t for c in verb_token.children if c.dep_ == "ccomp" for t in c.subtree]
    marks = [t.i for t in words if t.text in QUOTES]
    return any(0 < b - a <= 4 for a, b in itertools.pairwise(marks))


def hypothetical(ctx: Context) -> None:
    """A side's commitment supposed in a counterfactual condition is presented as
    lacking ("If X cared about V, they would ...")."""
    out = []
    for f in ctx.findings:
        if f.clause is not None and f.side and _counterfactual(ctx, ctx.doc[f.clause]):
            f = replace(f, stance=flip(f.stance), modality=HYPOTHETICAL, rule=ctx.rule)
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
    """A question put about a side's commitment presents the side as lacking it
    ("Does X really believe in V?", "Will the Minister admit that this policy is
    unfair?"). The side is the subject of the inverted question."""
    sent = ctx.doc[ctx.mention.start].sent
    subject = _question_subject(sent)
    if subject is None:
        return
    holder = ctx.sides.resolve(subject)
    if holder is None or holder.side is None or holder.side == ctx.sides.author:
        return
    kept = [f for f in ctx.findings if f.side != holder.side]
    ctx.findings = kept
    ctx.add(holder, OPPOSES, sent.root.lemma_, modality=QUESTION)


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
    """A subject that denies the side holds the value turns the stance ("Nobody in
    the government cares about fairness", "Neither the Tories nor their donors ...")."""
    words = ctx.cues.negation.quantifiers
    out = []
    for f in ctx.findings:
        if f.clause is not None and f.holder is not None:
            subject = tree.subject_of(ctx.doc[f.clause])
            if subject is not None and _denies(ctx, subject, words):
                f = replace(f, stance=flip(f.stance), cue=join_cue("nobody", f.cue))
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


_INDEPENDENT_POSSESSIVES = {"ours", "theirs", "hers", "his", "mine", "yours"}


def elliptical_possessive(ctx: Context) -> None:
    """An independent possessive later in the sentence holds the same value ("Their
    fairness is a pose; ours is a practice")."""
    possessed = [f for f in ctx.found_by(possessive) if f.side]
    if not possessed:
        return
    m = ctx.mention
    for token in ctx.doc[m.start].sent:
        if token.i < m.end or token.lower_ not in _INDEPENDENT_POSSESSIVES:
            continue
        holder = ctx.sides.resolve(token)
        if holder and holder.side and all(holder.side != f.side for f in possessed):
            hollow = is_hollow_predicate(ctx, token)
            stance = APPROPRIATES if hollow else base_stance(m.polarity, m.negated)
            ctx.add(holder, stance, None)


def default_author(ctx: Context) -> None:
    """A positive mention no rule could read belongs to the author's side, unless it is
    acted against by someone who is no side ("this budget destroys democracy"), or
    nobody holds it ("it" standing for a thing, a reporter who is no side); see
    :func:`unattributed`."""
    if ctx.findings:
        return
    reading = ctx.reading
    if ctx.base == CLAIMS and not (reading.acted_against or reading.unheld or _unheld(ctx)):
        ctx.find(ctx.sides.author, CLAIMS)


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
    if subject is not None and subject.lower_ in THING_PRONOUNS and refers_back(subject):
        holder = ctx.sides.resolve(subject)
        if holder is None or holder.side is None:
            return True
    inside = subject is not None and subject.left_edge.i <= ctx.mention.start <= subject.i
    if subject is not None and not inside and _denies(ctx, subject, ctx.cues.negation.quantifiers):
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
    sent = clause.sent
    if sent.end < len(clause.doc):
        candidates.append(clause.doc[sent.end].sent.root)
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
        subject is not None and _denies(ctx, subject, ctx.cues.negation.quantifiers)
    )


def shared_possession(ctx: Context) -> None:
    """The author's "our" on a value another side acts against names the country's
    value, not a claim of the author's own ("the Tories attack our democracy", "a
    government indifferent to our democracy"): the sentence says what the other side
    does. "Our commitment to V" (a frame) and "our fairness" with no one against it
    stay the author's claims."""
    author = ctx.sides.author
    opposed = any(f.side not in {None, author} and f.stance == OPPOSES for f in ctx.findings)
    if not opposed or ctx.mention.polarity != "virtue":
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
    sent = ctx.doc[ctx.mention.start].sent
    if sent.end >= len(ctx.doc):
        return
    root = ctx.doc[sent.end].sent.root
    subject = tree.subject_of(root)
    if subject is None or not _is_author(ctx, subject):
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
