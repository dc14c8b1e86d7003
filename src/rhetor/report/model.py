"""The analysis report: frozen dataclasses and their JSON form.

Pure Python: building, scoring and serialising reports never imports spaCy,
so formatters and scoring are tested without a model.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "rhetor.report/1"
STANCES = ("claims", "appropriates", "opposes")


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
class Side:
    id: str
    label: str
    aliases: tuple[str, ...]
    mentions: int
    auto: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "aliases": list(self.aliases),
            "mentions": self.mentions,
            "auto": self.auto,
        }


@dataclass(frozen=True)
class HolderRef:
    """The words in the sentence that hold the value ("our", "that", "Ministers")."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


# A claim whose confidence is below it is more likely wrong than right: reports say so.
UNCERTAIN = 0.5


@dataclass(frozen=True)
class Claim:
    """One side's stance on one value mention, with the rule and cue that decided it."""

    value: str
    side: str | None
    stance: str
    polarity: str
    text: str
    start: int
    end: int
    sentence: str
    holder: HolderRef | None
    cue: str | None
    rule: str
    sentence_start: int = 0  # for highlighting only
    # asserted | reported | hypothetical | question: how the text presents the claim
    modality: str = "asserted"
    reported_by: HolderRef | None = None  # who says so, for a reported claim
    # the estimated probability that (value, side, stance) is right (rhetor.confidence)
    confidence: float | None = None
    # at or above the report's confidence threshold: the claim counts in the matrix
    counted: bool = True

    @property
    def certainty_note(self) -> str:
        """An "uncertain (confidence 0.42)" note for a claim more likely wrong than right,
        with ", not counted" when it is below the report's threshold; else ""."""
        if self.confidence is None or (self.counted and self.confidence >= UNCERTAIN):
            return ""
        note = f"uncertain (confidence {self.confidence:.2f})"
        return note if self.counted else note + ", not counted"

    @property
    def modality_note(self) -> str:
        """How the claim is presented, for reports: "" when the author asserts it."""
        if self.modality == "asserted":
            return ""
        if self.modality == "reported" and self.reported_by:
            return f"reported by “{self.reported_by.text}”"
        return self.modality

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "side": self.side,
            "stance": self.stance,
            "polarity": self.polarity,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "holder": self.holder.to_dict() if self.holder else None,
            "cue": self.cue,
            "rule": self.rule,
            "modality": self.modality,
            "reported_by": self.reported_by.to_dict() if self.reported_by else None,
            "confidence": self.confidence,
            "counted": self.counted,
        }


def side_value_matrix(
    claims: Iterable[Claim], side_ids: Sequence[str], value_ids: Sequence[str]
) -> dict[str, dict[str, dict[str, int]]]:
    """{side: {value: {claims, appropriates, opposes}}}, zeros included, in report order.
    Only counted claims (at or above the confidence threshold) are counted."""
    matrix = {s: {v: dict.fromkeys(STANCES, 0) for v in value_ids} for s in side_ids}
    for claim in claims:
        if claim.side is None or not claim.counted:
            continue
        row = matrix.setdefault(claim.side, {})
        cell = row.setdefault(claim.value, dict.fromkeys(STANCES, 0))
        cell[claim.stance] += 1
    return matrix


def contested_values(matrix: dict[str, dict[str, dict[str, int]]]) -> list[dict[str, Any]]:
    """Values one side claims while another appropriates or opposes them."""
    found = []
    values = sorted({v for row in matrix.values() for v in row})
    for value in values:
        claimants = [s for s, row in matrix.items() if row.get(value, {}).get("claims")]
        rivals = {
            stance: [s for s, row in matrix.items() if row.get(value, {}).get(stance)]
            for stance in ("appropriates", "opposes")
        }
        for claimant in claimants:
            for stance, sides in rivals.items():
                for rival in sides:
                    if rival != claimant:
                        found.append(
                            {
                                "value": value,
                                "claimed_by": claimant,
                                "rival": rival,
                                "stance": stance,
                            }
                        )
    return found


@dataclass(frozen=True)
class Report:
    """Everything rhetor found in one document."""

    source: str | None
    model: ModelInfo
    stats: Stats
    values: tuple[ValueCount, ...]
    matches: tuple[Mention, ...]
    sides: tuple[Side, ...] = ()
    claims: tuple[Claim, ...] = ()
    warnings: tuple[str, ...] = field(default=(), compare=False)
    mode: str = "full"  # "counts": counted without a parse (rhetor.counts), no sides
    # claims whose confidence is at or above it count (rhetor.confidence); None: all count
    confidence_threshold: float | None = None

    @property
    def matrix(self) -> dict[str, dict[str, dict[str, int]]]:
        return side_value_matrix(
            self.claims, [s.id for s in self.sides], [v.value for v in self.values]
        )

    def to_dict(self) -> dict[str, Any]:
        """Exactly the document ``rhetor analyse --json`` prints."""
        head = {"schema": SCHEMA} if self.mode == "full" else {"schema": SCHEMA, "mode": self.mode}
        return {
            **head,
            "source": self.source,
            "model": self.model.to_dict(),
            "stats": self.stats.to_dict(),
            "values": [v.to_dict() for v in self.values],
            "matches": [m.to_dict() for m in self.matches],
            "confidence_threshold": self.confidence_threshold,
            "sides": [s.to_dict() for s in self.sides],
            "claims": [c.to_dict() for c in self.claims],
            "matrix": self.matrix,
        }
