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
        sentences = 1 if any(not t.is_space for t in doc) else 0
    return Stats(characters=len(doc.text), words=words, sentences=sentences)


# The evidence for a mention is its sentence; of a longer one (a transcript with no
# full stops, an unparsed text) only a window around the mention, so a report
# never repeats a whole document once per mention.
MAX_EVIDENCE_CHARS = 600


def evidence(text: str, span, sentences: bool) -> tuple[str, int]:
    """(text, start offset) of the sentence holding ``span``, or a window of it.
    ``text`` is ``doc.text``, which spaCy rebuilds on every access: pass it in."""
    if sentences:
        sent = span.sent
        start, end = sent.start_char, sent.end_char
    else:  # no sentence boundaries: the line is the best unit there is
        start = text.rfind("\n", 0, span.start_char) + 1
        end = text.find("\n", span.end_char)
        end = len(text) if end < 0 else end
    if end - start > MAX_EVIDENCE_CHARS:
        start, end = _window(text, span.start_char, span.end_char, start, end)
    return text[start:end], start


def _window(text: str, first: int, last: int, start: int, end: int) -> tuple[int, int]:
    """About MAX_EVIDENCE_CHARS around [first, last), cut at spaces, inside [start, end)."""
    reach = max(0, (MAX_EVIDENCE_CHARS - (last - first)) // 2)
    low, high = max(start, first - reach), min(end, last + reach)
    if low > start:  # do not begin or end in the middle of a word
        space = text.find(" ", low, first)
        low = space + 1 if space >= 0 else low
    if high < end:
        space = text.rfind(" ", last, high)
        high = space if space >= 0 else high
    return low, high


def extract_mentions(doc: Doc, spans_key: str = SPANS_KEY) -> tuple[Mention, ...]:
    spans = doc.spans.get(spans_key, [])
    sentences = has_sentences(doc)
    text = doc.text
    mentions = []
    for span in spans:
        sentence, sentence_start = evidence(text, span, sentences)
        mentions.append(
            Mention(
                value=span.label_,
                polarity=span._.rhetor_polarity,
                negated=bool(span._.rhetor_negated),
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                sentence=sentence,
                sentence_start=sentence_start,
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
