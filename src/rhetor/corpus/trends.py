"""Trends: the rate of each value (and of each side's stances) over a metadata field.

Rates are pooled per point: the mentions of all documents at that point over
all their words, times 1,000, not a mean of document rates (a short document
does not weigh as much as a long one). Side-stance series count claims per
1,000 words; found sides are pooled into the author's side and ``others``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rhetor.corpus.records import DocumentCounts, check_field, group_documents, value_ids
from rhetor.report.model import rate_per_1000

VALUE = "value"
CLAIMS = "claims"


@dataclass(frozen=True)
class TrendPoint:
    x: str
    group: str
    kind: str  # VALUE or CLAIMS
    series: str  # the value, or "side stance"
    count: int
    words: int
    documents: int

    @property
    def rate(self) -> float:
        return rate_per_1000(self.count, self.words)


@dataclass(frozen=True)
class Trends:
    by: str
    group_by: str | None
    points: tuple[TrendPoint, ...]
    bin_width: int | None = None  # x names the first value of each bin

    CSV_COLUMNS = ("x", "group", "kind", "series", "documents", "words", "count", "per_1000_words")

    def series(self, kind: str = VALUE) -> list[str]:
        return list(dict.fromkeys(p.series for p in self.points if p.kind == kind))

    def groups(self) -> list[str]:
        return list(dict.fromkeys(p.group for p in self.points))

    def xs(self) -> list[str]:
        return list(dict.fromkeys(p.x for p in self.points))

    def totals(self, kind: str = VALUE) -> tuple[Counter, Counter]:
        """(count per series, documents per group) over the points of ``kind``: which
        series and groups weigh most, for views that show only some."""
        counts: Counter = Counter()
        documents: Counter = Counter()
        for p in self.points:
            if p.kind == kind:
                counts[p.series] += p.count
                documents[p.group] += p.documents
        return counts, documents

    def csv_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "x": p.x,
                "group": p.group,
                "kind": p.kind,
                "series": p.series,
                "documents": p.documents,
                "words": p.words,
                "count": p.count,
                "per_1000_words": p.rate,
            }
            for p in self.points
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "rhetor.trends/1",
            "by": self.by,
            "group": self.group_by,
            "bin": self.bin_width,
            "points": self.csv_rows(),
        }


def heaviest(names: Sequence[str], weight: Mapping[str, int], most: int) -> tuple[list, list]:
    """(kept, left out): the ``most`` names of greatest weight, and the rest, each in the
    order of ``names``."""
    if len(names) <= most:
        return list(names), []
    ranked = sorted(range(len(names)), key=lambda i: (-weight.get(names[i], 0), i))
    kept = set(ranked[:most])
    return [n for i, n in enumerate(names) if i in kept], [
        n for i, n in enumerate(names) if i not in kept
    ]


def trends(
    documents: Sequence[DocumentCounts],
    by: str,
    *,
    group: str | None = None,
    values: Sequence[str] | None = None,
    bin_width: int | None = None,
    labels: Mapping[str, str] | None = None,
) -> Trends:
    """Points for every (x, group, series) with words; x in natural order. ``labels``
    renames groups (``d`` -> ``Democratic``)."""
    known = value_ids(documents)
    wanted = list(values) if values else known
    unknown = [v for v in wanted if v not in known]
    if unknown:
        raise ValueError(f"--value {unknown[0]}: not a value in the records")
    if group:
        check_field(documents, group, "--by")  # the field must exist somewhere
    every_stance = sorted({s for d in documents for s in _stances(d, wanted)})
    points: list[TrendPoint] = []
    for x, at_x in group_documents(documents, by, bin_width=bin_width).items():
        groups = group_documents(at_x, group, check=False) if group else {"all": at_x}
        for name, docs in groups.items():
            label = (labels or {}).get(name, name)
            points.extend(_points(x, label, docs, wanted, every_stance))
    return Trends(by, group, tuple(points), bin_width)


def _stances(doc: DocumentCounts, values: Sequence[str]) -> Counter:
    """Claims of one document as {"side stance": n}, for the chosen values."""
    found: Counter = Counter()
    for (side, value, stance), n in doc.pooled_claims().items():
        if value in values:
            found[f"{side} {stance}"] += n
    return found


def _points(
    x: str,
    group: str,
    docs: Sequence[DocumentCounts],
    values: Sequence[str],
    stance_series: Sequence[str],
):
    words = sum(d.words for d in docs)
    mentions: Counter = Counter()
    stances: Counter = Counter()
    for doc in docs:
        mentions.update(doc.values)
        stances.update(_stances(doc, values))
    for value in values:
        yield TrendPoint(x, group, VALUE, value, mentions[value], words, len(docs))
    for series in stance_series:
        yield TrendPoint(x, group, CLAIMS, series, stances[series], words, len(docs))
