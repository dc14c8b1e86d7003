"""The words a report shows for each mention: its sentence, or a window of a long one.

Shared by the attribution component (which makes the claims) and the report
extraction, so both show the same evidence. Only Doc and Span attributes are
used: no spaCy import.
"""

from __future__ import annotations

from rhetor.report.model import Mention
from rhetor.sentindex import sent_span


def has_sentences(doc) -> bool:
    return doc.has_annotation("SENT_START") or doc.has_annotation("DEP")


# The evidence for a mention is its sentence; of a longer one (a transcript with no
# full stops, an unparsed text) only a window around the mention, so a report
# never repeats a whole document once per mention.
MAX_EVIDENCE_CHARS = 600


def evidence(text: str, span, sentences: bool) -> tuple[str, int]:
    """(text, start offset) of the sentence holding ``span``, or a window of it.
    ``text`` is ``doc.text``, which spaCy rebuilds on every access: pass it in."""
    if sentences:
        sent = sent_span(span.doc[span.start])
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


def report_mentions(doc, spans) -> tuple[Mention, ...]:
    """The report's mention for each value span, with its evidence."""
    if not spans:
        return ()
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
