"""Turn an annotated spaCy Doc into the report's frozen dataclasses.

Annotate first (the component), extract second (here): nothing below changes
the Doc, and nothing after this step needs spaCy.
"""

from __future__ import annotations

from spacy.tokens import Doc

from rhetor.component import SPANS_KEY
from rhetor.report import Mention, ModelInfo, Report, Stats, count_values


def has_sentences(doc: Doc) -> bool:
    return doc.has_annotation("SENT_START") or doc.has_annotation("DEP")


def doc_stats(doc: Doc) -> Stats:
    words = sum(1 for t in doc if not (t.is_punct or t.is_space))
    if has_sentences(doc):
        sentences = sum(1 for s in doc.sents if s.text.strip())
    else:
        sentences = 1 if doc.text.strip() else 0
    return Stats(characters=len(doc.text), words=words, sentences=sentences)


def extract_mentions(doc: Doc, spans_key: str = SPANS_KEY) -> tuple[Mention, ...]:
    spans = doc.spans.get(spans_key, [])
    sentences = has_sentences(doc)
    mentions = []
    for span in spans:
        sent = span.sent if sentences else doc[:]
        mentions.append(
            Mention(
                value=span.label_,
                polarity=span._.rhetor_polarity,
                negated=bool(span._.rhetor_negated),
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                sentence=sent.text,
                sentence_start=sent.start_char,
            )
        )
    return tuple(mentions)


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
        warnings=tuple(warnings),
    )
