"""Trends: the rate of each value (and of each side's stances) over a metadata field.

Rates are pooled per point: the mentions of all documents at that point over
all their words, times 1,000, not a mean of document rates (a short document
does not weigh as much as a long one). Each rate has a 95% Wilson score
interval: the interval of the proportion count/words, times 1,000. It treats
words as independent draws, so when mentions cluster in a few documents the
real uncertainty is larger (``documents_with_value`` and ``rhetor compare``'s
document-level table show that). Side-stance series count claims per 1,000
words; found sides are pooled into the author's side and ``others``.

Two tidy tables, one row type each: ``values`` (x, group, value) and ``claims``
(x, group, side, stance); a point where a group has no documents has no row.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rhetor.corpus.records import (
    DocumentCounts,
    check_field,
    group_documents,
    value_ids,
)
from rhetor.report.model import rate_per_1000

VALUE = "value"
CLAIMS = "claims"
TABLES = ("values", "claims")
DEFAULT_TABLE = "values"
Z95 = 1.959963984540054
INTERVAL = "Wilson score interval, 95%"


def wilson_interval(count: int, words: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of ``count`` in ``words`` trials, per 1,000 words."""
    if words <= 0:
        return (0.0, 0.0)
    if count == 0:
        return (0.0, 1000 * (z * z / words) / (1 + z * z / words))
    p = count / words
    denominator = 1 + z * z / words
    centre = (p + z * z / (2 * words)) / denominator
    half = z * math.sqrt(p * (1 - p) / words + z * z / (4 * words * words)) / denominator
    return (max(0.0, centre - half) * 1000, min(1.0, centre + half) * 1000)


@dataclass(frozen=True)
class TrendPoint:
    x: str
    group: str
    kind: str  # VALUE or CLAIMS
    series: str  # the value, or "side stance"
    count: int
    words: int
    documents: int
    with_count: int = 0  # documents with at least one of ``count``
    side: str | None = None  # claims: the side and the stance
    stance: str | None = None

    @property
    def rate(self) -> float:
        return rate_per_1000(self.count, self.words)

    @property
    def interval(self) -> tuple[float, float]:
        return wilson_interval(self.count, self.words)


def typed(text: str) -> int | float | str:
    """A point of x as a number when it is one and reads back the same (``1990`` ->
    1990, ``2.5`` -> 2.5); ``007``, ``1e3`` and words stay text."""
    try:
        number: int | float = int(text)
    except ValueError:
        try:
            number = float(text)
        except ValueError:
            return text
    return number if str(number) == text and math.isfinite(number) else text


@dataclass(frozen=True)
class Trends:
    by: str
    group_by: str | None
    points: tuple[TrendPoint, ...]
    bin_width: int | None = None  # x names the first value of each bin

    def series(self, kind: str = VALUE) -> list[str]:
        return list(dict.fromkeys(p.series for p in self.points if p.kind == kind))

    def groups(self) -> list[str]:
        return list(dict.fromkeys(p.group for p in self.points))

    def xs(self) -> list[str]:
        return list(dict.fromkeys(p.x for p in self.points))

    def numeric(self) -> bool:
        """Every point of x is a number (written as one in the tidy tables)."""
        return all(not isinstance(typed(x), str) for x in self.xs())

    def columns(self, table: str = DEFAULT_TABLE) -> tuple[str, ...]:
        return COLUMNS[table]

    def rows(self, table: str = DEFAULT_TABLE) -> list[dict[str, Any]]:
        """The tidy rows of one table, ``values`` or ``claims``; x a number when every
        point of x is one."""
        if table not in TABLES:
            raise ValueError(f"table {table!r}: choose one of {', '.join(TABLES)}")
        numeric = self.numeric()
        rows = []
        for p in self.points:
            if (p.kind == VALUE) != (table == "values"):
                continue
            low, high = p.interval
            row: dict[str, Any] = {"x": typed(p.x) if numeric else p.x, "group": p.group}
            if p.kind == VALUE:
                row.update(value=p.series)
            else:
                row.update(side=p.side, stance=p.stance)
            row.update(
                {
                    "documents": p.documents,
                    "words": p.words,
                    "mentions" if p.kind == VALUE else "claims": p.count,
                    "documents_with_value" if p.kind == VALUE else "documents_with_claims": (
                        p.with_count
                    ),
                    "per_1000_words": p.rate,
                    "ci_low": round(low, 4),
                    "ci_high": round(high, 4),
                }
            )
            rows.append(row)
        return rows

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

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "rhetor.trends/2",
            "by": self.by,
            "group": self.group_by,
            "bin": self.bin_width,
            "interval": INTERVAL,
            "values": self.rows("values"),
            "claims": self.rows("claims"),
        }


_TAIL = ("documents", "words")
_RATE = ("per_1000_words", "ci_low", "ci_high")
COLUMNS: dict[str, tuple[str, ...]] = {
    "values": ("x", "group", "value", *_TAIL, "mentions", "documents_with_value", *_RATE),
    "claims": ("x", "group", "side", "stance", *_TAIL, "claims", "documents_with_claims", *_RATE),
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
    every_stance = sorted({key for d in documents for key in _stances(d, wanted)})
    points: list[TrendPoint] = []
    for x, at_x in group_documents(documents, by, bin_width=bin_width).items():
        groups = group_documents(at_x, group, check=False) if group else {"all": at_x}
        for name, docs in groups.items():
            label = (labels or {}).get(name, name)
            points.extend(_points(x, label, docs, wanted, every_stance))
    return Trends(by, group, tuple(points), bin_width)


def _stances(doc: DocumentCounts, values: Sequence[str]) -> Counter:
    """Claims of one document as {(side, stance): n}, for the chosen values."""
    found: Counter = Counter()
    for (side, value, stance), n in doc.pooled_claims().items():
        if value in values:
            found[(side, stance)] += n
    return found


def _points(
    x: str,
    group: str,
    docs: Sequence[DocumentCounts],
    values: Sequence[str],
    stance_series: Sequence[tuple[str, str]],
):
    words = sum(d.words for d in docs)
    mentions: Counter = Counter()
    stances: Counter = Counter()
    carrying: Counter = Counter()
    for doc in docs:
        mentions.update(doc.values)
        found = _stances(doc, values)
        stances.update(found)
        carrying.update(v for v in values if doc.values[v])
        carrying.update(key for key, n in found.items() if n)
    for value in values:
        yield TrendPoint(x, group, VALUE, value, mentions[value], words, len(docs), carrying[value])
    for side, stance in stance_series:
        key = (side, stance)
        yield TrendPoint(
            x,
            group,
            CLAIMS,
            f"{side} {stance}",
            stances[key],
            words,
            len(docs),
            carrying[key],
            side,
            stance,
        )
