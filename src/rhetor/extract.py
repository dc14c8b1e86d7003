"""Turn an annotated spaCy Doc into the report's frozen dataclasses.

Annotate first (the component), extract second (here): nothing below changes
the Doc, and nothing after this step needs spaCy.
"""

from __future__ import annotations

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.tokens import Doc

from rhetor.component import SPANS_KEY
from rhetor.report import (
    Claim,
    HolderRef,
    Mention,
    ModelInfo,
    Report,
    Side,
    Stats,
    count_values,
)


def has_sentences(doc: Doc) -> bool:
    return doc.has_annotation("SENT_START") or doc.has_annotation("DEP")


def doc_stats(doc: Doc) -> Stats:
    # Column arithmetic rather than a Python loop over every token of a long speech.
    flags = doc.to_array([IS_PUNCT, IS_SPACE])
    words = int((flags.sum(axis=1) == 0).sum()) if len(doc) else 0
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


def extract_claims(doc: Doc, mentions: tuple[Mention, ...] | None = None) -> tuple[Claim, ...]:
    """The claims on ``doc``; each is about one of ``mentions`` (extracted if not given),
    whose sentence it shares."""
    if mentions is None:
        mentions = extract_mentions(doc)
    by_offsets = {(m.start, m.end): m for m in mentions}
    claims = []
    for c in doc._.rhetor_claims or []:
        mention = by_offsets[(c["start"], c["end"])]
        holder = c["holder"]
        claims.append(
            Claim(
                value=c["value"],
                side=c["side"],
                stance=c["stance"],
                polarity=c["polarity"],
                text=c["text"],
                start=c["start"],
                end=c["end"],
                sentence=mention.sentence,
                holder=HolderRef(holder["text"], holder["start"], holder["end"])
                if holder
                else None,
                cue=c["cue"],
                rule=c["rule"],
                sentence_start=mention.sentence_start,
            )
        )
    return tuple(claims)


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
        claims=extract_claims(doc, mentions),
        warnings=tuple(warnings),
    )
