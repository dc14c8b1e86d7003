"""Compare groups of documents: values and claims per side, rates, and keyness.

Each group is compared with the rest of the groups pooled (with two groups, A
with B and B with A), as a keyness analysis compares a target corpus with a
reference corpus. Rates are pooled: all mentions of a group over all its words.
Beside them, the document-level view (:mod:`rhetor.corpus.dispersion`): each
document's rate, their mean and spread, how many documents carry the value, and
whether one document drives a keyness difference.

The tidy tables (``--csv --table NAME``, ``rows=True, table=NAME``) have one row
type each: ``keyness`` (group, value: the test against the reference),
``values`` (group, value: pooled and document-level), ``claims`` (group, side,
value, stance, zeros kept) and ``documents`` (document, value, zeros kept).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rhetor.corpus.dispersion import Spread, TopDocument, spread, top_document_check
from rhetor.corpus.keyness import DEFAULT_CORRECTION, Keyness, keyness
from rhetor.corpus.records import DocumentCounts, value_ids
from rhetor.report.model import STANCES, rate_per_1000

TABLES = ("keyness", "values", "claims", "documents")
DEFAULT_TABLE = "keyness"


@dataclass
class GroupSummary:
    name: str
    documents: int = 0
    words: int = 0
    values: Counter = field(default_factory=Counter)  # value -> mentions
    claims: Counter = field(default_factory=Counter)  # (side, value, stance) -> claims
    members: tuple[DocumentCounts, ...] = ()

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
    summary = GroupSummary(name, members=tuple(documents))
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
    top: TopDocument | None = None


def _number(x: float | None, digits: int = 4) -> float | None:
    return None if x is None else round(x, digits)


@dataclass(frozen=True)
class Comparison:
    groups: tuple[GroupSummary, ...]
    values: tuple[str, ...]
    keyness: tuple[KeyValue, ...]
    correction: str = DEFAULT_CORRECTION

    def spread(self, group: GroupSummary, value: str) -> Spread:
        return spread(group.members, value)

    def sides(self) -> list[str]:
        """Every side with a claim in any group, by most claims over all groups."""
        total: Counter = Counter()
        for g in self.groups:
            for (side, _, _), n in g.claims.items():
                total[side] += n
        return [s for s, _ in sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "rhetor.compare/2",
            "measure": "lr",
            "correction": self.correction,
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
            "keyness": self.rows("keyness"),
            "values": self.rows("values"),
        }

    def columns(self, table: str = DEFAULT_TABLE) -> tuple[str, ...]:
        return COLUMNS[table]

    def rows(self, table: str = DEFAULT_TABLE) -> list[dict[str, Any]]:
        """The tidy rows of one table (see the module docstring), numbers as numbers."""
        if table not in TABLES:
            raise ValueError(f"table {table!r}: choose one of {', '.join(TABLES)}")
        return {
            "keyness": self._keyness_rows,
            "values": self._value_rows,
            "claims": self._claim_rows,
            "documents": self._document_rows,
        }[table]()

    def _keyness_rows(self) -> list[dict[str, Any]]:
        rows = []
        for k in self.keyness:
            s, top = k.stats, k.top
            without = top.without if top else None
            rows.append(
                {
                    "group": k.group,
                    "reference": k.reference,
                    "value": k.value,
                    "n_target": s.target_count,
                    "n_reference": s.reference_count,
                    "words_target": s.target_words,
                    "words_reference": s.reference_words,
                    "per_1000_target": rate_per_1000(s.target_count, s.target_words),
                    "per_1000_reference": rate_per_1000(s.reference_count, s.reference_words),
                    "G2": _number(s.g2),
                    "G2_uncorrected": _number(s.g2_uncorrected),
                    "p": s.p,
                    "log_ratio": _number(s.log_ratio),
                    "correction": s.correction,
                    "top_document": top.source if top else None,
                    "top_document_share": _number(top.share if top else 0.0),
                    "G2_without_top": _number(without.g2) if without else None,
                    "p_without_top": without.p if without else None,
                    "one_document": bool(top and top.drives),
                }
            )
        return rows

    def _value_rows(self) -> list[dict[str, Any]]:
        rows = []
        for g in self.groups:
            for v in self.values:
                sp = self.spread(g, v)
                rows.append(
                    {
                        "group": g.name,
                        "value": v,
                        "documents": g.documents,
                        "words": g.words,
                        "mentions": g.values[v],
                        "per_1000_words": g.rate(v),
                        "documents_with_value": sp.with_value,
                        "mean_per_1000_words": _number(sp.mean_rate),
                        "sd_per_1000_words": _number(sp.sd_rate),
                        "top_document": sp.top_document,
                        "top_document_share": _number(sp.top_share),
                    }
                )
        return rows

    def _claim_rows(self) -> list[dict[str, Any]]:
        rows = []
        sides = self.sides()
        for g in self.groups:
            for side in sides:
                for v in self.values:
                    for stance in STANCES:
                        n = g.claims[(side, v, stance)]
                        rows.append(
                            {
                                "group": g.name,
                                "side": side,
                                "value": v,
                                "stance": stance,
                                "claims": n,
                                "words": g.words,
                                "per_1000_words": rate_per_1000(n, g.words),
                            }
                        )
        return rows

    def _document_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "group": g.name,
                "source": d.source,
                "words": d.words,
                "value": v,
                "mentions": d.values[v],
                "per_1000_words": rate_per_1000(d.values[v], d.words),
            }
            for g in self.groups
            for d in g.members
            for v in self.values
        ]


COLUMNS: dict[str, tuple[str, ...]] = {
    "keyness": (
        "group",
        "reference",
        "value",
        "n_target",
        "n_reference",
        "words_target",
        "words_reference",
        "per_1000_target",
        "per_1000_reference",
        "G2",
        "G2_uncorrected",
        "p",
        "log_ratio",
        "correction",
        "top_document",
        "top_document_share",
        "G2_without_top",
        "p_without_top",
        "one_document",
    ),
    "values": (
        "group",
        "value",
        "documents",
        "words",
        "mentions",
        "per_1000_words",
        "documents_with_value",
        "mean_per_1000_words",
        "sd_per_1000_words",
        "top_document",
        "top_document_share",
    ),
    "claims": ("group", "side", "value", "stance", "claims", "words", "per_1000_words"),
    "documents": ("group", "source", "words", "value", "mentions", "per_1000_words"),
}


def compare(
    groups: Mapping[str, Sequence[DocumentCounts]], *, correction: str = DEFAULT_CORRECTION
) -> Comparison:
    """Summaries of two or more groups and the keyness of every value in each, with
    G² corrected by ``correction`` (williams, yates or none)."""
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
        rest_docs = [d for g in rest for d in g.members]
        for value in values:
            stats = keyness(
                target.values[value],
                target.words,
                sum(g.values[value] for g in rest),
                rest_words,
                correction=correction,
            )
            top = top_document_check(stats, value, target.members, rest_docs, correction=correction)
            keyed.append(KeyValue(target.name, value, reference, stats, top))
    return Comparison(summaries, values, tuple(keyed), correction)
