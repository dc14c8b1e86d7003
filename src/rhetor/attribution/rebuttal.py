"""A side's words, reported by the author to be answered: rebuttal.

Debate, and manifestos too, report the other side's words in order to knock them
down: "The Prime Minister told his conference that he leads a one nation Government.
Someone should tell that to the steelworkers ..."; "The hon. Lady lectures the House
about democracy. I gently remind her that ...". A value a side professes in speech
(reported words, or a verb of talk: "lectures about", "boasted of") is appropriated
when the author answers it: in the next sentence of the paragraph, opened by a
contrast marker, or by time passing ("Within a month, they had ...", cue list
``stance.time_lapses``), or taking up the value word to say what it is not
("Prudence is not selling off the gold"), or holding a rebuttal cue (cue list
``stance.rebuttals``: "tell that to", "remind", "welcome the conversion", ...); or,
for reported words, after a coordinating contrast later in the same sentence ("X
told the BBC that V; and yet tonight he will vote against it"). Talk beside a
contrasting clause in one sentence is left to the contrast rule, which asks that the
clause act against the value.
"""

from __future__ import annotations

from dataclasses import replace

from rhetor.attribution import tree
from rhetor.attribution.context import Context, join_cue, negated_verb
from rhetor.attribution.cues import cue_key
from rhetor.attribution.holders import paragraph_break
from rhetor.attribution.stance import APPROPRIATES, CLAIMS, REPORTED
from rhetor.sentindex import sent_root, sent_span

# the longest cue phrase a sentence is searched for, in words
_LONGEST_CUE = 4


def rebuttal(ctx: Context) -> None:
    """A side's professed value, answered by the author, is appropriated."""
    out = []
    for f in ctx.findings:
        if f.stance == CLAIMS and f.side and f.side != ctx.sides.author:
            last = (f.cue or "").split(" ")[-1]  # the verb that holds the value, if any
            reported = f.modality == REPORTED or last in ctx.cues.stance.report_verbs
            # only words: reported, or held through a verb of talk
            if reported or last in ctx.cues.stance.speech:
                cue = _answer(ctx, reported)
                if cue:
                    f = replace(
                        f, stance=APPROPRIATES, cue=join_cue(f.cue or "", cue), rule=ctx.rule
                    )
        out.append(f)
    taken = {f.side for f in out if f.stance == APPROPRIATES}
    ctx.findings = [f for f in out if not (f.stance == CLAIMS and f.side in taken)]


def _answer(ctx: Context, reported: bool) -> str | None:
    """The cue with which the author answers the mention's sentence, if any. Within
    the sentence only reported words are answered ("X told us V, and yet ..."): talk
    beside a contrasting clause ("X praise V but cut wages") is the contrast rule's."""
    st = ctx.cues.stance
    sent = sent_span(ctx.doc[ctx.mention.start])
    for token in ctx.doc[ctx.mention.end : sent.end] if reported else ():
        if token.dep_ in {"cc", "advmod"} and ctx.is_cue(token, st.contrast_markers):
            return cue_key(token.text)
    following = _next_sentence(ctx.doc, sent)
    if following is None:
        return None
    opener = next((t for t in following if not t.is_punct and not t.is_space), None)
    if opener is not None and ctx.is_cue(opener, st.contrast_markers):
        return cue_key(opener.text)
    return (
        _time_lapse(ctx, following)
        or _echo_denied(ctx, following)
        or _phrase_in(following, st.rebuttals)
    )


def _echo_denied(ctx: Context, sent) -> str | None:
    """A sentence that takes up the value word and says what it is not ("X boasted of
    his prudence. Prudence is not selling off the gold ..."): the author's own reading
    set against the side's."""
    word = ctx.doc[ctx.mention.end - 1].lemma_.lower()
    root = sent_root(sent[0])
    subject = tree.subject_of(root)
    if subject is None or subject.lemma_.lower() != word or not negated_verb(ctx, root):
        return None
    return f"{word} is not"


def _time_lapse(ctx: Context, sent) -> str | None:
    """The word by which a sentence opens on time passing ("Within seven months, they
    had ...", "A week later they ..."): an adverbial of its main verb, before it,
    measured by a span of time ("later in the debate" is not a lapse)."""
    st = ctx.cues.stance
    root = sent_root(sent[0])
    for token in ctx.doc[sent.start : root.i]:
        if (
            token.head.i == root.i
            and token.dep_ in {"prep", "advmod"}
            and ctx.is_cue(token, st.time_lapses)
            and any(ctx.is_cue(c, st.time_units) for c in token.children)
        ):
            return cue_key(token.text)
    return None


def _next_sentence(doc, sent):
    if sent.end >= len(doc) or paragraph_break(doc, sent.end):
        return None
    return sent_span(doc[sent.end])


def _phrase_in(span, words) -> str | None:
    """A cue phrase of ``words`` spelt by consecutive words of ``span`` (as written or
    by lemma)."""
    tokens = [t for t in span if not t.is_space]
    for size in range(_LONGEST_CUE, 0, -1):
        for i in range(len(tokens) - size + 1):
            window = tokens[i : i + size]
            for text in (
                " ".join(t.text for t in window),
                " ".join(t.lemma_ or t.text for t in window),
            ):
                if cue_key(text) in words:
                    return cue_key(text)
    return None
