"""Compare groups of documents: values and claims per side, rates, and keyness.

Each group is compared with the rest of the groups pooled (with two groups, A
with B and B with A), as a keyness analysis compares a target corpus with a
reference corpus. Rates are pooled: all mentions of a group over all its words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rhetor.corpus.keyness import Keyness, keyness
from rhetor.corpus.records import DocumentCounts, value_ids
from rhetor.report.model import STANCES, rate_per_1000


@dataclass
class GroupSummary:
    name: str
    documents: int = 0
    words: int = 0
    values: Counter = field(default_factory=Counter)  # value -> mentions
    claims: Counter = field(default_factory=Counter)  # (side, value, stance) -> claims

    def rate(self, value: str) -> float:
        return rate_per_1000(self.values[value], self.words)

    def side_stances(self) -> dict[str, dict[str, int]]:
        """{side: {stance: claims}} over all values, sides by most claims first."""
        table: dict[str, Counter] = {}
        for (side, _, stance), n in self.claims.items():
            table.setdefault(side, Counter())[stance] += n
        ranked = sorted(table.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
        return {side: {s: counts[s] for s in STANCES} for side, counts in ranked}


def summarise(name: str, documents: Sequence[DocumentCounts]) -> GroupSummary:
    summary = GroupSummary(name)
    for doc in documents:
        summary.documents += 1
        summary.words += doc.words
        summary.values.update(doc.values)
        summary.claims.update(doc.claims)
    return summary


@dataclass(frozen=True)
class KeyValue:
    group: str
    value: str
    reference: str
    stats: Keyness


@dataclass(frozen=True)
class Comparison:
    groups: tuple[GroupSummary, ...]
    values: tuple[str, ...]
    keyness: tuple[KeyValue, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "rhetor.compare/1",
            "groups": [
                {
                    "name": g.name,
                    "documents": g.documents,
                    "words": g.words,
                    "values": {
                        v: {"mentions": g.values[v], "per_1000_words": g.rate(v)}
                        for v in self.values
                    },
                    "sides": g.side_stances(),
                }
                for g in self.groups
            ],
            "keyness": [
                {
                    "group": k.group,
                    "reference": k.reference,
                    "value": k.value,
                    "count": k.stats.target_count,
                    "reference_count": k.stats.reference_count,
                    "g2": round(k.stats.g2, 3),
                    "p": k.stats.p,
                    "log_ratio": round(k.stats.log_ratio, 3),
                }
                for k in self.keyness
            ],
        }

    CSV_COLUMNS = (
        "group",
        "documents",
        "words",
        "value",
        "side",
        "stance",
        "count",
        "per_1000_words",
        "g2",
        "p",
        "log_ratio",
    )

    def csv_rows(self) -> list[dict[str, Any]]:
        """Tidy rows: one per (group, value) with its keyness, then one per
        (group, side, value, stance) with claims."""
        key = {(k.group, k.value): k.stats for k in self.keyness}
        rows = []
        for g in self.groups:
            base = {"group": g.name, "documents": g.documents, "words": g.words}
            for v in self.values:
                stats = key.get((g.name, v))
                rows.append(
                    {
                        **base,
                        "value": v,
                        "count": g.values[v],
                        "per_1000_words": g.rate(v),
                        "g2": round(stats.g2, 3) if stats else "",
                        "p": f"{stats.p:.3g}" if stats else "",
                        "log_ratio": round(stats.log_ratio, 3) if stats else "",
                    }
                )
            for (side, v, stance), n in sorted(g.claims.items()):
                rows.append(
                    {
                        **base,
                        "value": v,
                        "side": side,
                        "stance": stance,
                        "count": n,
                        "per_1000_words": rate_per_1000(n, g.words),
                    }
                )
        return rows


def compare(groups: Mapping[str, Sequence[DocumentCounts]]) -> Comparison:
    """Summaries of two or more groups and the keyness of every value in each."""
    if len(groups) < 2:
        names = ", ".join(groups) or "none"
        raise ValueError(f"compare needs at least two groups; got {len(groups)} ({names})")
    summaries = tuple(summarise(name, docs) for name, docs in groups.items())
    values = tuple(value_ids(d for docs in groups.values() for d in docs))
    keyed = []
    for target in summaries:
        rest = [g for g in summaries if g is not target]
        reference = rest[0].name if len(rest) == 1 else "rest"
        rest_words = sum(g.words for g in rest)
        if not target.words or not rest_words:
            continue
        for value in values:
            stats = keyness(
                target.values[value], target.words, sum(g.values[value] for g in rest), rest_words
            )
            keyed.append(KeyValue(target.name, value, reference, stats))
    return Comparison(summaries, values, tuple(keyed))
