"""A claims sheet corrected by hand, turned back into a gold file.

``rhetor batch --format claims`` writes one row per claim, with three empty
columns for a reader: ``correct_side``, ``correct_stance`` and ``wrong``. Each
row left in the sheet is a verdict on one claim:

- untouched: rhetor was right, the triple ``[value, side, stance]`` is expected;
- ``correct_side`` and/or ``correct_stance`` filled: the corrected triple is expected;
- ``wrong`` marked (``x``, ``1``, ``yes``, ``true``): no triple (a false alarm);
- ``wrong`` set to ``no side``: the value is right but no side holds it: no triple,
  and the value is expected among the passage's values;
- ``wrong`` set to ``not a value``: the words are no value (a lookalike): no triple;
- a row the reader adds (source, sentence, value and the correct side and stance)
  is a claim rhetor missed.

Sheets written with character offsets (``sentence_start``) are scored in place: when
a row's source document can be read (as given, or beside the sheet), all its rows
make one passage, the whole document, with the checked sentences as ``spans``, so
that ``rhetor evaluate`` analyses the document whole and scores the claims inside the
checked sentences: an error caused by the next sentence counts. Otherwise rows with
the same source and sentence make one passage whose text is the sentence. A row whose
claim has no side (and gets none) adds no triple, but its sentence is still scored.
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
NO_SIDE_MARKS = ("no side", "noside", "nobody")
NOT_VALUE_MARKS = ("not a value", "not value", "novalue", "lookalike")
NOT_WRONG = ("", "0", "no", "n", "false")


@dataclass
class SheetPassage:
    source: str
    text: str
    expect: list[tuple[str, str, str]] = field(default_factory=list)
    # a whole document scored in place: its path and the checked [start, end) ranges
    document: Path | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    # values right with no side holding them ("no side" rows)
    values: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SheetSummary:
    rows: int
    confirmed: int
    corrected: int
    wrong: int
    added: int
    no_side: int = 0
    not_value: int = 0
    documents: int = 0  # passages scored as whole documents, in place


def read_sheet(path: Path) -> tuple[list[SheetPassage], SheetSummary]:
    """Passages in sheet order, and what the reader did to the rows."""
    rows = _rows(path)
    passages: dict[tuple[str, str], SheetPassage] = {}
    texts: dict[str, tuple[Path, str] | None] = {}
    counts = dict.fromkeys(("confirmed", "corrected", "wrong", "added", "no_side", "not_value"), 0)
    for line, row in rows:
        source, sentence = row["source"].strip(), row["sentence"].strip()
        if not source or not sentence:
            raise ConfigError(f"{path}:{line}: a row needs its source and sentence")
        if source not in texts:
            texts[source] = _document(source, path) if "sentence_start" in row else None
        found = texts[source]
        if found is not None:  # the whole document, with the checked sentence as a span
            passage = passages.setdefault(
                (source, ""), SheetPassage(source, found[1], document=found[0])
            )
            span = _span(found[1], sentence, row.get("sentence_start", ""), path, line)
            if span not in passage.spans:
                passage.spans.append(span)
        else:
            # Rows of one sentence make one passage, whatever spacing a spreadsheet gave
            # them; the passage keeps the sentence as written (its line breaks too).
            key = (source, " ".join(sentence.split()))
            passage = passages.setdefault(key, SheetPassage(source, sentence))
        verdict, triple = _verdict(row, path, line)
        counts[verdict] += 1
        if triple and triple not in passage.expect:
            passage.expect.append(triple)
        value = row["value"].strip()
        if verdict == "no_side" and value not in passage.values:
            passage.values.append(value)
    documents = sum(1 for p in passages.values() if p.document is not None)
    summary = SheetSummary(len(rows), **counts, documents=documents)
    return list(passages.values()), summary


def _document(source: str, sheet: Path) -> tuple[Path, str] | None:
    """The source document's path and text, read as given or beside the sheet; None
    when it cannot be read (the sheet is then scored sentence by sentence)."""
    from rhetor.errors import InputError
    from rhetor.io.textio import read_document

    for candidate in (Path(source), sheet.parent / source):
        if candidate.is_file():
            try:
                return candidate.resolve(), read_document(str(candidate)).text
            except InputError:
                return None
    return None


def _span(text: str, sentence: str, start: str, path: Path, line: int) -> tuple[int, int]:
    """Where the row's sentence stands in the document: at its offset, or the nearest
    place it is written; an error when the document no longer holds it."""
    try:
        at = int(start.strip()) if start.strip() else -1
    except ValueError:
        raise ConfigError(f"{path}:{line}: sentence_start {start!r} is not a number") from None
    if at >= 0 and text.startswith(sentence, at):
        return at, at + len(sentence)
    found = text.find(sentence, max(0, at - 200)) if at >= 0 else text.find(sentence)
    if found < 0:
        found = text.find(sentence)
    if found < 0:
        raise ConfigError(
            f"{path}:{line}: the sentence is not in its source document (changed since the "
            "batch?); rerun the batch, or score the sheet sentence by sentence"
        )
    return found, found + len(sentence)


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
    mark = " ".join(row.get("wrong", "").strip().lower().split())
    if mark not in WRONG_MARKS + NO_SIDE_MARKS + NOT_VALUE_MARKS + NOT_WRONG:
        raise ConfigError(
            f"{path}:{line}: wrong {row['wrong']!r}: mark a wrong claim with x, a right value "
            "no side holds with 'no side', words that are no value with 'not a value' (or "
            "leave it empty)"
        )
    new_side = row.get("correct_side", "").strip()
    new_stance = row.get("correct_stance", "").strip()
    if mark in WRONG_MARKS + NO_SIDE_MARKS + NOT_VALUE_MARKS:
        if new_side or new_stance:
            raise ConfigError(f"{path}:{line}: a row marked wrong has no correct side or stance")
        if mark in NO_SIDE_MARKS:
            return "no_side", None
        return ("not_value" if mark in NOT_VALUE_MARKS else "wrong"), None
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
    folder: Path | None = None,
) -> str:
    """The gold file text: a whole document (``file``, with the checked ``spans``) or
    one sentence (``text``) per passage, ids from the source's file name. ``folder``:
    where the gold file goes, so that document paths are written relative to it."""
    import os

    import yaml

    numbered: dict[str, int] = {}
    items = []
    for passage in passages:
        name = Path(passage.source).name
        numbered[name] = numbered.get(name, 0) + 1
        item: dict = {"id": f"{name}#{numbered[name]}", "source": passage.source}
        if passage.document is not None:
            base = (folder or Path.cwd()).resolve()
            item["file"] = os.path.relpath(passage.document, base)
            item["spans"] = [list(s) for s in sorted(passage.spans)]
        else:
            item["text"] = passage.text
        if sides:
            item["sides"] = {k: list(v) for k, v in sides.items()}
        if passage.values:
            item["values"] = list(passage.values)
        item["expect"] = [list(t) for t in passage.expect]
        items.append(item)
    from rhetor.io.safetext import escaped_line

    header = (
        f"# Gold passages from the corrected claims sheet {escaped_line(sheet)} (rhetor gold).\n"
        "# Each passage is a document scored on its checked spans, or one sentence; expect\n"
        "# lists its [value, side, stance] triples, values the values no side holds.\n"
    )
    body = yaml.safe_dump(
        {"passages": items}, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100
    )
    return header + body
