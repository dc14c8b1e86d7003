"""Mention rules: how the text presents the value itself (hollowed, quoted, a remedy)."""

from __future__ import annotations

from rhetor.attribution.context import (
    Context,
    is_damning_predicate,
    is_hollow_predicate,
    negated_verb,
)


def hollow_value(ctx: Context) -> None:
    """A hollowing modifier or predicate says the value is not real ("the so-called
    fairness", "their solidarity is a slogan"): whoever holds it appropriates it. A
    damning predicate on a frame says its holder fails the value ("their record on
    fairness is shameful"): whoever holds it opposes it."""
    st = ctx.cues.stance
    for level in ctx.levels:
        for child in level.children:
            if child.dep_ in {"amod", "advmod", "compound"} and ctx.is_cue(
                child, st.hollow_modifiers
            ):
                ctx.reading.hollow = True
    if is_hollow_predicate(ctx, ctx.levels[-1]) or _derisive_frame(ctx):
        ctx.reading.hollow = True
    elif len(ctx.levels) > 1 and is_damning_predicate(ctx, ctx.levels[-1]):
        ctx.reading.damned = True  # a frame judged a failure: "their record on V is shameful"


def _derisive_frame(ctx: Context) -> bool:
    """Irony by a derisive frame: the value is called "a curious creed" ("their
    devolution is a curious creed", "the Minister's fairness is a strange thing")."""
    top = ctx.levels[-1]
    if top.dep_ != "nsubj" or top.head.lemma_ != "be" or negated_verb(ctx, top.head):
        return False
    words = ctx.cues.stance.derisive_modifiers
    frames = [c for c in top.head.children if c.dep_ == "attr"]
    return any(c.dep_ == "amod" and ctx.is_cue(c, words) for f in frames for c in f.children)


def scare_quotes(ctx: Context) -> None:
    """A value word set in quotation marks of its own ("their 'fairness'") is held at a
    distance: whoever the text gives it to appropriates it."""
    doc, m = ctx.doc, ctx.mention
    before = doc[m.start - 1].text if m.start > 0 else ""
    after = doc[m.end].text if m.end < len(doc) else ""
    quotes = ctx.cues.english.quotes
    if before in quotes and after in quotes:
        ctx.reading.hollow = ctx.reading.quoted = True


def remedy(ctx: Context) -> None:
    """A vice named as what an instrument fights: the vice modifies a noun of a remedy
    ("strengthening the race discrimination laws", "the equal pay and discrimination
    legislation") or carries "anti-" ("anti-discrimination law"). The phrase stands for
    the value: strengthening the law claims it, repealing the law opposes it."""
    if ctx.mention.polarity != "vice":
        return
    doc, m = ctx.doc, ctx.mention
    anti = m.start >= 2 and doc[m.start - 1].text == "-" and doc[m.start - 2].lower_ == "anti"
    anti = anti or doc[m.start].lower_.startswith("anti")
    head = ctx.phrase
    modifies = ctx.root.i != head.i and ctx.root.dep_ in {"compound", "amod", "nmod"}
    if (modifies or anti) and ctx.is_cue(head, ctx.cues.stance.remedy_nouns):
        ctx.reading.remedy = True
