"""Turn an annotated spaCy Doc into the report's frozen dataclasses.

Annotate first (the component), extract second (here): nothing below changes
the Doc, and nothing after this step needs spaCy.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.tokens import Doc

from rhetor.nlp.component import SPANS_KEY
from rhetor.report.evidence import has_sentences, report_mentions
from rhetor.report.model import (
    Claim,
    Mention,
    ModelInfo,
    Report,
    Side,
    Stats,
    count_values,
)
from rhetor.sentindex import sentences as sentence_index


def doc_stats(doc: Doc) -> Stats:
    # Column arithmetic rather than a Python loop over every token of a long speech.
    flags = doc.to_array([IS_PUNCT, IS_SPACE])
    words = int((flags.sum(axis=1) == 0).sum()) if len(doc) else 0
    if has_sentences(doc):  # those with a token that is not white space
        starts = sentence_index(doc).starts if len(doc) else []
        sentences = int((np.add.reduceat(flags[:, 1] == 0, starts) > 0).sum()) if starts else 0
    else:
        sentences = 1 if any(not t.is_space for t in doc) else 0
    return Stats(characters=len(doc.text), words=words, sentences=sentences)


def extract_mentions(doc: Doc, spans_key: str = SPANS_KEY) -> tuple[Mention, ...]:
    return report_mentions(doc, doc.spans.get(spans_key, []))


def extract_sides(doc: Doc) -> tuple[Side, ...]:
    return tuple(
        Side(
            id=s["id"],
            label=s["label"],
            aliases=tuple(s["aliases"]),
            mentions=s["mentions"],
            auto=s["auto"],
        )
        for s in (doc._.rhetor_sides or [])
    )


def extract_claims(doc: Doc) -> tuple[Claim, ...]:
    """The claims the attribution component left on ``doc``."""
    return tuple(doc._.rhetor_claims or ())


def model_info(nlp) -> ModelInfo:
    meta = nlp.meta
    name = f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}"
    return ModelInfo(name=name, version=str(meta.get("version", "0.0.0")))


def build_report(
    doc: Doc, *, source: str | None, model: ModelInfo, value_ids, warnings=()
) -> Report:
    stats = doc_stats(doc)
    mentions = extract_mentions(doc)
    return Report(
        source=source,
        model=model,
        stats=stats,
        values=count_values(mentions, value_ids, stats.words),
        matches=mentions,
        sides=extract_sides(doc),
        claims=extract_claims(doc),
        warnings=tuple(warnings),
    )
