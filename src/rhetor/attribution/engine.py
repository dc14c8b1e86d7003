"""The attribution engine: run the rules over each value mention, make the claims.

For each mention the engine builds a :class:`~rhetor.attribution.rules.Context`
from the parse, runs the rules of :data:`~rhetor.attribution.rules.RULES` in
order, and turns what they found into :class:`rhetor.report.model.Claim` objects, the
one claim type that goes on to the report.
"""

from __future__ import annotations

from collections.abc import Sequence

from rhetor.attribution import tree
from rhetor.attribution.cues import Cues, spell_cue
from rhetor.attribution.fallback import default_author, unattributed
from rhetor.attribution.holders import SideIndex
from rhetor.attribution.rules import RULES, Context, Finding, Mention, Rule, name_of
from rhetor.attribution.stance import CLAIMS, base_stance
from rhetor.report.model import Claim, HolderRef
from rhetor.report.model import Mention as ReportMention


class Attributor:
    """Attributes value mentions to sides with an ordered list of rules."""

    def __init__(self, cues: Cues, rules: Sequence[Rule] = RULES) -> None:
        self.cues = cues
        self.rules = tuple(rules)
        self._names = {r.apply: r.name for r in self.rules}
        self._frame_words = cues.stance.frame_nouns | cues.negation.nouns

    def without(self, name: str) -> Attributor:
        """The same engine with one rule left out (for ablation)."""
        return Attributor(self.cues, [r for r in self.rules if r.name != name])

    def attribute(
        self, doc, mentions: Sequence[Mention], sides: SideIndex
    ) -> list[tuple[Mention, Finding]]:
        found = []
        others = sorted(mentions, key=lambda m: m.start)
        starts = [m.start for m in others]
        for mention in mentions:
            findings = self._mention(doc, mention, sides, others, starts)
            found.extend((mention, f) for f in _dedupe(findings))
        return found

    def defaults(self, mentions: Sequence[Mention], author: str) -> list[tuple[Mention, Finding]]:
        """Without a parse: positive mentions to the author, the rest unattributed."""
        found = []
        for m in mentions:
            base = base_stance(m.polarity, m.negated)
            if base == CLAIMS:
                side, rule = author, name_of(default_author)
            else:
                side, rule = None, name_of(unattributed)
            found.append((m, Finding(side, base, None, None, rule)))
        return found

    def _mention(self, doc, m: Mention, sides: SideIndex, others, starts) -> list[Finding]:
        root = tree.span_root(doc, m.start, m.end)
        phrase = tree.phrase_head(root)
        ctx = Context(doc, m, sides, self.cues, root, phrase, [], others, starts, names=self._names)
        ctx.levels = tree.noun_levels(phrase, self._is_frame(ctx), self.cues.stance.against_preps)
        for rule in self.rules:
            ctx.rule = rule.name  # the rule's findings carry the name the engine gives it
            rule.apply(ctx)
        return ctx.findings

    def _is_frame(self, ctx: Context):
        return lambda token: ctx.is_cue(token, self._frame_words)


def make_claim(doc, mention: ReportMention, finding: Finding, side: str | None) -> Claim:
    """The report's claim for one finding on one mention."""
    return Claim(
        value=mention.value,
        side=side,
        stance=finding.stance,
        polarity=mention.polarity,
        text=mention.text,
        start=mention.start,
        end=mention.end,
        sentence=mention.sentence,
        holder=_ref(doc, finding.holder),
        cue=spell_cue(finding.cue),
        rule=finding.rule,
        sentence_start=mention.sentence_start,
        modality=finding.modality,
        reported_by=_ref(doc, finding.reporter),
    )


def _ref(doc, span: tuple[int, int] | None) -> HolderRef | None:
    if span is None:
        return None
    words = doc[span[0] : span[1]]
    return HolderRef(words.text, words.start_char, words.end_char)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen, kept = set(), []
    for f in findings:
        key = (f.side, f.stance)
        if f.side is not None and key in seen:
            continue
        seen.add(key)
        kept.append(f)
    return kept
