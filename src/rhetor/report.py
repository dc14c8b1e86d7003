"""The analysis report: frozen dataclasses and their JSON form.

Pure Python: building, scoring and serialising reports never imports spaCy,
so formatters and scoring are tested without a model.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "rhetor.report/1"


@dataclass(frozen=True)
class ModelInfo:
    name: str
    version: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "version": self.version}


@dataclass(frozen=True)
class Stats:
    characters: int
    words: int
    sentences: int

    def to_dict(self) -> dict[str, Any]:
        return {"characters": self.characters, "words": self.words, "sentences": self.sentences}


@dataclass(frozen=True)
class Mention:
    """One value mention; ``start``/``end`` are character offsets into the original text."""

    value: str
    polarity: str
    negated: bool
    text: str
    start: int
    end: int
    sentence: str
    sentence_start: int  # offset of ``sentence`` in the text; used for highlighting only

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "polarity": self.polarity,
            "negated": self.negated,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class ValueCount:
    value: str
    mentions: int
    virtue: int
    vice: int
    negated: int
    per_1000_words: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "mentions": self.mentions,
            "virtue": self.virtue,
            "vice": self.vice,
            "negated": self.negated,
            "per_1000_words": self.per_1000_words,
        }


def rate_per_1000(count: int, words: int) -> float:
    return round(count * 1000 / words, 2) if words else 0.0


def count_values(
    mentions: Iterable[Mention], value_ids: Sequence[str], words: int
) -> tuple[ValueCount, ...]:
    """One row per value in force, in lexicon order, including values never mentioned."""
    tally = {v: {"virtue": 0, "vice": 0, "negated": 0} for v in value_ids}
    for mention in mentions:
        row = tally.setdefault(mention.value, {"virtue": 0, "vice": 0, "negated": 0})
        row[mention.polarity] += 1
        row["negated"] += mention.negated
    return tuple(
        ValueCount(
            value=value,
            mentions=row["virtue"] + row["vice"],
            virtue=row["virtue"],
            vice=row["vice"],
            negated=row["negated"],
            per_1000_words=rate_per_1000(row["virtue"] + row["vice"], words),
        )
        for value, row in tally.items()
    )


@dataclass(frozen=True)
class Report:
    """Everything rhetor found in one document."""

    source: str | None
    model: ModelInfo
    stats: Stats
    values: tuple[ValueCount, ...]
    matches: tuple[Mention, ...]
    sides: tuple = ()
    claims: tuple = ()
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        """Exactly the document ``rhetor analyse --json`` prints."""
        return {
            "schema": SCHEMA,
            "source": self.source,
            "model": self.model.to_dict(),
            "stats": self.stats.to_dict(),
            "values": [v.to_dict() for v in self.values],
            "matches": [m.to_dict() for m in self.matches],
            "sides": [s.to_dict() for s in self.sides],
            "claims": [c.to_dict() for c in self.claims],
        }
