"""A claims sheet corrected by hand, turned back into a gold file.

``rhetor batch --format claims`` writes one row per claim, with three empty
columns for a reader: ``correct_side``, ``correct_stance`` and ``wrong``. Each
row left in the sheet is a verdict on one claim:

- untouched: rhetor was right, the triple ``[value, side, stance]`` is expected;
- ``correct_side`` and/or ``correct_stance`` filled: the corrected triple is expected;
- ``wrong`` marked (``x``, ``1``, ``yes``, ``true``): no triple (a false alarm);
- a row the reader adds (source, sentence, value and the correct side and stance)
  is a claim rhetor missed.

Rows with the same source and sentence make one passage, whose text is the
sentence. A row whose claim has no side (and gets none) adds no triple, but its
sentence is still a passage, so a sentence with nothing expected is scored too.
Delete the rows of sentences nobody checked (all of a sentence's rows together).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rhetor.errors import ConfigError
from rhetor.report.model import STANCES

REQUIRED = ("source", "value", "side", "stance", "sentence")
WRONG_MARKS = ("x", "1", "yes", "y", "true", "wrong")
NOT_WRONG = ("", "0", "no", "n", "false")


@dataclass
class SheetPassage:
    source: str
    text: str
    expect: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class SheetSummary:
    rows: int
    confirmed: int
    corrected: int
    wrong: int
    added: int


def read_sheet(path: Path) -> tuple[list[SheetPassage], SheetSummary]:
    """Passages in sheet order, and what the reader did to the rows."""
    rows = _rows(path)
    passages: dict[tuple[str, str], SheetPassage] = {}
    counts = dict.fromkeys(("confirmed", "corrected", "wrong", "added"), 0)
    for line, row in rows:
        source, sentence = row["source"].strip(), row["sentence"].strip()
        # Rows of one sentence make one passage, whatever spacing a spreadsheet gave them;
        # the passage keeps the sentence as written (its line breaks too).
        key = (source, " ".join(sentence.split()))
        if not key[0] or not key[1]:
            raise ConfigError(f"{path}:{line}: a row needs its source and sentence")
        passage = passages.setdefault(key, SheetPassage(source, sentence))
        verdict, triple = _verdict(row, path, line)
        counts[verdict] += 1
        if triple and triple not in passage.expect:
            passage.expect.append(triple)
    summary = SheetSummary(len(rows), **counts)
    return list(passages.values()), summary


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    from rhetor.io.csvcells import read_table
    from rhetor.io.textio import read_text

    try:
        text = read_text(str(path))
    except Exception as exc:  # InputError and its kin: one message for the user
        raise ConfigError(f"cannot read sheet: {exc}") from None
    header, rows = read_table(text)  # quoted cells keep their line breaks; ' taken off
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ConfigError(
            f"{path}: not a claims sheet (no {', '.join(missing)} column); "
            "make one with rhetor batch --format claims"
        )
    try:
        return [
            (n, {k: (v or "") for k, v in row.items() if k is not None})
            for n, row in rows
            if any((v or "").strip() for v in row.values() if isinstance(v, str))
        ]
    except csv.Error as exc:
        raise ConfigError(f"{path}: malformed CSV: {exc}") from None


def _verdict(row: Mapping[str, str], path: Path, line: int):
    mark = row.get("wrong", "").strip().lower()
    if mark not in WRONG_MARKS + NOT_WRONG:
        raise ConfigError(
            f"{path}:{line}: wrong {row['wrong']!r}: mark a wrong claim with x (or leave it empty)"
        )
    new_side = row.get("correct_side", "").strip()
    new_stance = row.get("correct_stance", "").strip()
    if mark in WRONG_MARKS:
        if new_side or new_stance:
            raise ConfigError(f"{path}:{line}: a row marked wrong has no correct side or stance")
        return "wrong", None
    value = row["value"].strip()
    side = new_side or row["side"].strip()
    stance = new_stance or row["stance"].strip()
    if not value:
        raise ConfigError(f"{path}:{line}: a row needs its value")
    if stance and stance not in STANCES:
        raise ConfigError(f"{path}:{line}: stance {stance!r} is not one of {', '.join(STANCES)}")
    added = not row.get("rule", "").strip() and not row.get("stance", "").strip()
    verdict = "added" if added else "corrected" if new_side or new_stance else "confirmed"
    if not side or not stance:
        return verdict, None  # a mention no side holds: the sentence is scored, no triple
    return verdict, (value, side, stance)


def gold_yaml(
    passages: Sequence[SheetPassage],
    sides: Mapping[str, Sequence[str]] | None,
    *,
    sheet: str,
) -> str:
    """The gold file text: one passage per sentence, ids from the source's file name."""
    import yaml

    numbered: dict[str, int] = {}
    items = []
    for passage in passages:
        name = Path(passage.source).name
        numbered[name] = numbered.get(name, 0) + 1
        item: dict = {"id": f"{name}#{numbered[name]}", "source": passage.source}
        item["text"] = passage.text
        if sides:
            item["sides"] = {k: list(v) for k, v in sides.items()}
        item["expect"] = [list(t) for t in passage.expect]
        items.append(item)
    from rhetor.io.safetext import escaped_line

    header = (
        f"# Gold passages from the corrected claims sheet {escaped_line(sheet)} (rhetor gold).\n"
        "# Each passage is one sentence; expect lists its [value, side, stance] triples.\n"
    )
    body = yaml.safe_dump(
        {"passages": items}, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100
    )
    return header + body
