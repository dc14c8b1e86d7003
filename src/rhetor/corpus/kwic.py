"""Keyword in context: each value mention with the words around it.

Pure Python over a finished Report and the text it was made from; no spaCy.
A mention held by two sides (our fairness, which they steal) gives one line
per claim; a mention no claim covers gives one line with no side.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from rhetor.report.model import Report

_WORD = re.compile(r"\S+")
FIELDS = (
    "left",
    "keyword",
    "right",
    "value",
    "polarity",
    "negated",
    "side",
    "stance",
    "start",
    "end",
)


@dataclass(frozen=True)
class KwicLine:
    left: str
    keyword: str
    right: str
    value: str
    polarity: str
    negated: bool
    side: str | None
    stance: str | None
    start: int
    end: int


def context(text: str, start: int, end: int, window: int) -> tuple[str, str]:
    """Up to ``window`` whitespace-separated words either side of ``text[start:end]``,
    on one line. What touches the keyword with no space between (the comma of
    "fairness," or the bracket of "(fairness") belongs to it and is shown without
    counting as one of the ``window`` words. Only a stretch of text near the keyword
    is split, so a long document costs no more than a short one."""
    if not window:
        return "", ""
    reach = 40 * (window + 1)  # generous for ``window`` words of any real language
    left = _WORD.findall(text[max(0, start - reach) : start])
    right = _WORD.findall(text[end : end + reach])
    before = left.pop() if left and start > 0 and not text[start - 1].isspace() else None
    after = right.pop(0) if right and end < len(text) and not text[end].isspace() else None
    left_words = left[-window:] + ([before] if before else [])
    right_words = ([after] if after else []) + right[:window]
    return " ".join(left_words), " ".join(right_words)


def kwic_lines(
    report: Report,
    text: str,
    *,
    values: Sequence[str] = (),
    sides: Sequence[str] = (),
    window: int = 6,
) -> list[KwicLine]:
    """One line per claim (or per unclaimed mention), in text order, filtered by value
    and side ids."""
    claims: dict[tuple[int, int, str], list] = {}
    for claim in report.claims:
        claims.setdefault((claim.start, claim.end, claim.value), []).append(claim)
    lines = []
    for mention in report.matches:
        if values and mention.value not in values:
            continue
        left, right = context(text, mention.start, mention.end, window)
        held = claims.get((mention.start, mention.end, mention.value)) or [None]
        for claim in held:
            side = claim.side if claim else None
            if sides and side not in sides:
                continue
            lines.append(
                KwicLine(
                    left=left,
                    keyword=text[mention.start : mention.end],
                    right=right,
                    value=mention.value,
                    polarity=mention.polarity,
                    negated=mention.negated,
                    side=side,
                    stance=claim.stance if claim else None,
                    start=mention.start,
                    end=mention.end,
                )
            )
    return lines


def to_records(lines: Sequence[KwicLine]) -> list[dict]:
    return [asdict(line) for line in lines]


def to_csv(lines: Sequence[KwicLine]) -> str:
    """A header and one row per line, text cells safe from spreadsheets."""
    from rhetor.io.csvcells import csv_table

    return csv_table(FIELDS, to_records(lines))
