"""Attribution of the value mentions on a parsed Doc: the steps, in order.

The ``rhetor_attribution`` component (:mod:`rhetor.nlp.component`) calls
:func:`attribute_values` once per Doc. It reads the mentions the value matcher left
under a spans key, indexes the sides (given ones through their aliases, or found in
the text: :mod:`.autosides`), runs the rules (:class:`rhetor.attribution.Attributor`,
only the default rule without a parse), names the sides the report shows, and writes
the sides and the claims on the Doc.

spaCy is imported only where a Span is made, so this module loads without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rhetor.attribution import Attributor, Mention, make_claim
from rhetor.attribution.autosides import auto_index, given_index, label_for, slug
from rhetor.attribution.sides import AUTHOR, Sides
from rhetor.report.evidence import report_mentions

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from rhetor.attribution.cues import Cues
    from rhetor.lexicon.matching import CompiledLexicons

SIDES_KEY = "rhetor_sides"


def attribute_values(
    doc: Doc,
    attributor: Attributor,
    cues: Cues,
    sides: Sides | None,
    alias_matcher: CompiledLexicons | None,
    spans_key: str,
) -> None:
    """Attribute the mentions under ``spans_key``; record sides and claims on the Doc."""
    spans = list(doc.spans[spans_key])
    mentions = [
        Mention(i, s.start, s.end, s._.rhetor_polarity, bool(s._.rhetor_negated), s.label_)
        for i, s in enumerate(spans)
    ]
    if sides:
        index = given_index(doc, sides, alias_matcher, cues)
    else:
        groups = auto_index(doc, cues, {i for s in spans for i in range(s.start, s.end)})
        index = groups.index
    if doc.has_annotation("DEP"):
        found = attributor.attribute(doc, mentions, index)
    else:  # no parse: only the default rule can apply
        found = attributor.defaults(mentions, index.author)
    if sides:
        names = {spec.id: spec.id for spec in sides.specs}
        specs = {spec.id: (spec.display, list(spec.aliases), False) for spec in sides.specs}
    else:
        names, specs = auto_sides(groups, {f.side for _, f in found if f.side})
    record_sides(doc, index, names, specs)
    evidence = report_mentions(doc, spans)
    doc._.rhetor_claims = [
        make_claim(doc, evidence[m.index], f, names.get(f.side) if f.side else None)
        for m, f in found
    ]


def record_sides(doc: Doc, index, names: dict[str, str], specs: dict) -> None:
    """Write the sides on the Doc: a span under ``SIDES_KEY`` for each mention of a
    reported side, and ``doc._.rhetor_sides`` with each side's label, aliases and count."""
    from spacy.tokens import Span

    doc.spans[SIDES_KEY] = [
        Span(doc, m.start, m.end, label=names[m.side]) for m in index.mentions if m.side in names
    ]
    counts: dict[str, int] = {}
    for span in doc.spans[SIDES_KEY]:
        counts[span.label_] = counts.get(span.label_, 0) + 1
    doc._.rhetor_sides = [
        {
            "id": side_id,
            "label": label,
            "aliases": aliases,
            "mentions": counts.get(side_id, 0),
            "auto": auto,
        }
        for side_id, (label, aliases, auto) in specs.items()
    ]


def auto_sides(groups, holding: set[str]):
    """Report the author and every actor the text shows holding a value."""
    mentions = {g: len(p) for g, p in groups.phrases.items()}
    keep = [g for g in groups.phrases if g == AUTHOR or g in holding]
    if AUTHOR not in keep:
        keep.insert(0, AUTHOR)
    names, specs, used = {}, {}, set()
    for group in sorted(keep, key=lambda g: (g != AUTHOR, -mentions.get(g, 0), g)):
        phrases = groups.phrases.get(group, [])
        label = AUTHOR if group == AUTHOR else label_for(phrases)
        side_id = AUTHOR if group == AUTHOR else slug(label)
        while side_id in used:
            side_id += "_"
        used.add(side_id)
        names[group] = side_id
        specs[side_id] = (label, sorted({p.lower() for p in phrases}), True)
    return names, specs
