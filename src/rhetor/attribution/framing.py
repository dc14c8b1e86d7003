"""Finding rules by how the clause frames what was found: supposed in a
counterfactual (hypothetical), asked (question), or reported from another speaker's
words (reported-speech). They run after the contrast rules and before rebuttal."""

from __future__ import annotations

import itertools
from dataclasses import replace

from rhetor.attribution import tree
from rhetor.attribution.context import (
    Context,
    Finding,
    denies,
    is_author,
    is_side,
    negated_verb,
)
from rhetor.attribution.cues import cue_key
from rhetor.attribution.stance import (
    APPROPRIATES,
    ASSERTED,
    CLAIMS,
    HYPOTHETICAL,
    OPPOSES,
    QUESTION,
    REPORTED,
    flip,
)
from rhetor.sentindex import sent_root, sent_span


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
    """A question put to a side, the subject of the inverted question, says how the
    asker stands on the value:

    - doubting the side's commitment ("Does X really believe in V?", "Is the
      government serious about fairness?") presents the side as lacking it: it opposes;
    - pressing it to concede ("Will the Minister admit that this policy is unfair?",
      "Does the Minister not accept that ...?") is the asker's claim and the side's
      shortfall: the author claims, the side opposes;
    - pressing it to act ("Will the Minister ensure that the system is fair?", "Does
      the Secretary of State agree that ...?") is the asker's claim alone.

    A question about time or number ("When will the referendum be held?") makes no
    claim: nobody holds the value."""
    sent = sent_span(ctx.doc[ctx.mention.start])
    found = _question(sent)
    if found is None:
        return
    subject, opener = found
    st = ctx.cues.stance
    if opener is not None and ctx.is_cue(opener, st.procedural_questions):
        if not ctx.findings:
            ctx.reading.unheld = True  # "When will the referendum be held?"
        return
    if subject is None:
        return
    holder = ctx.sides.resolve(subject)
    if holder is None or holder.side is None or holder.side == ctx.sides.author:
        return
    root = sent_root(sent[0])
    words = [root, *root.children, *subject.children]
    doubt = any(ctx.is_cue(w, st.doubt_words) for w in words) or root.lemma_ == "be"
    concede = negated_verb(ctx, root) or tree.verb_key(root) in st.factive_verbs
    # what the side is asked to do is no claim of its own ("Will the Minister ensure
    # fairness?"); what the question says of it otherwise stays ("why his budget is so
    # irresponsible")
    asked = (holder.start, holder.end)
    ctx.findings = [
        replace(f, modality=QUESTION) if f.side == holder.side else f
        for f in ctx.findings
        if not (f.side == holder.side and f.holder == asked)
    ]
    if (doubt or concede) and not any(f.side == holder.side for f in ctx.findings):
        ctx.add(holder, OPPOSES, root.lemma_, modality=QUESTION)
    if concede or not doubt:  # the asker presses for the value: the author's claim
        ctx.findings = [f for f in ctx.findings if f.side != ctx.sides.author]
        ctx.findings.append(
            Finding(ctx.sides.author, CLAIMS, None, root.lemma_, ctx.rule, modality=QUESTION)
        )


def _question(sent):
    """(subject of the inverted question or None, its opening word or None) when the
    sentence is a question, else None."""
    end = sent.end - 1
    while end > sent.start and sent.doc[end].is_space:
        end -= 1
    if sent.doc[end].text != "?":
        return None
    first = sent.doc[sent.start]
    opener = first if first.tag_ in {"WRB", "WDT", "WP"} else None
    root = sent_root(first)
    subject = tree.subject_of(root)
    auxiliaries = [c for c in root.children if c.dep_ in {"aux", "auxpass"}]
    if root.lemma_ == "be" and subject is not None and root.i < subject.i:
        return subject, opener  # "Is the government serious about fairness?"
    if subject is not None and any(a.i < subject.i for a in auxiliaries):
        return subject, opener
    return None, opener


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
            if report is not None and not is_author(ctx, report[1]):
                reporter = report[1]
                f = replace(f, modality=REPORTED, reporter=(reporter.i, reporter.i + 1))
                f = _unshifted_we(ctx, f, reporter)
        out.append(f)
    ctx.findings = out
    if ctx.polarity != "virtue" or any(f.side for f in ctx.findings):
        return
    clause = tree.clause_of(ctx.levels[-1])
    report = _report_frame(ctx, clause) or _source_phrase(ctx, clause)
    if report is None or is_author(ctx, report[1]):
        return
    verb_token, reporter = report
    if not is_side(ctx, reporter):
        ctx.reading.unheld = True  # "The report demands that someone be held accountable"
    stance = APPROPRIATES if ctx.reading.hollow or _quotes_inside(ctx, verb_token) else CLAIMS
    if ctx.mention.negated:
        stance = flip(stance)
    if verb_token.pos_ in tree.VERBS and (
        negated_verb(ctx, verb_token)
        or denies(ctx, reporter, ctx.cues.negation.quantifiers)  # "not one of them accepts"
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
    if holder.lower_ not in ctx.cues.english.first_person_plural or finding.clause is None:
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


def _quotes_inside(ctx: Context, verb_token) -> bool:
    """Do quotation marks of their own set off a short phrase in the reported words?"""
    words = [t for c in verb_token.children if c.dep_ == "ccomp" for t in c.subtree]
    marks = [t.i for t in words if t.text in ctx.cues.english.quotes]
    return any(0 < b - a <= 4 for a, b in itertools.pairwise(marks))
