"""Document-level views beside the pooled ones: how a value spreads over documents.

A pooled rate (all mentions of a group over all its words) lets one long or
talkative document stand for its group. Beside it, for each group and value:
the rate of each document, their mean and standard deviation, how many
documents carry the value at all, and the document with most mentions and its
share of the group's mentions. For keyness, :func:`top_document_check` says
whether one document drives a difference: it holds more than half of the
mentions of the side that uses the value more, or without it the difference
is gone (no longer significant at 0.05, or reversed).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from rhetor.corpus.keyness import Keyness, keyness
from rhetor.corpus.records import DocumentCounts

ALPHA = 0.05
MAJORITY = 0.5


@dataclass(frozen=True)
class Spread:
    """One value in one group, document by document."""

    documents: int
    with_value: int  # documents with at least one mention
    mean_rate: float  # mean of the documents' rates per 1,000 words
    sd_rate: float | None  # sample standard deviation (None for one document)
    top_document: str | None  # the document with most mentions (None: no mentions)
    top_mentions: int
    top_share: float  # its share of the group's mentions (0 when there are none)


def document_rate(doc: DocumentCounts, value: str) -> float:
    return doc.values[value] * 1000 / doc.words if doc.words else 0.0


def spread(documents: Sequence[DocumentCounts], value: str) -> Spread:
    """Per-document rates of ``value``; documents without words count as rate 0."""
    rates = [document_rate(d, value) for d in documents]
    n = len(rates)
    mean = sum(rates) / n if n else 0.0
    sd = math.sqrt(sum((r - mean) ** 2 for r in rates) / (n - 1)) if n > 1 else None
    total = sum(d.values[value] for d in documents)
    top = max(documents, key=lambda d: d.values[value], default=None)
    top_mentions = top.values[value] if top is not None else 0
    return Spread(
        documents=n,
        with_value=sum(1 for d in documents if d.values[value]),
        mean_rate=mean,
        sd_rate=sd,
        top_document=top.source if top is not None and top_mentions else None,
        top_mentions=top_mentions,
        top_share=top_mentions / total if total else 0.0,
    )


@dataclass(frozen=True)
class TopDocument:
    """The document that could drive one keyness difference, and the test without it."""

    source: str | None  # None: no mentions on the side that uses the value more
    share: float  # of that side's mentions
    without: Keyness | None  # keyness with the document left out (None: nothing left)
    drives: bool  # the difference stands on this one document


def top_document_check(
    stats: Keyness,
    value: str,
    target: Sequence[DocumentCounts],
    reference: Sequence[DocumentCounts],
    *,
    correction: str,
) -> TopDocument:
    """Whether one document drives a difference: only a significant difference
    (p < 0.05) can be driven, by the document with most mentions on the side that
    uses the value more, when it holds over half of that side's mentions or leaving
    it out makes the difference non-significant or reverses it."""
    higher_is_target = stats.g2 >= 0
    side = target if higher_is_target else reference
    top = max(side, key=lambda d: d.values[value], default=None)
    total = sum(d.values[value] for d in side)
    if top is None or not top.values[value]:
        return TopDocument(None, 0.0, None, False)
    share = top.values[value] / total
    a, ta = stats.target_count, stats.target_words
    b, tb = stats.reference_count, stats.reference_words
    if higher_is_target:
        a, ta = a - top.values[value], ta - top.words
    else:
        b, tb = b - top.values[value], tb - top.words
    without = keyness(a, ta, b, tb, correction=correction) if ta > 0 and tb > 0 else None
    significant = stats.p < ALPHA
    gone = without is None or without.p >= ALPHA or (without.g2 >= 0) != higher_is_target
    return TopDocument(top.source, share, without, significant and (share > MAJORITY or gone))
