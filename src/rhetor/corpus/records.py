"""Batch records read back as counts per document, for compare, trends and network.

Reads what ``rhetor batch`` writes: JSONL (one report per line, with ``meta``),
a JSON array, or the per-document CSV (metadata columns between ``source`` and
``sha256``; ``V_mentions`` and ``S__V__T`` columns). Failed documents are
skipped. Pure Python; no spaCy.

Claims keep the side ids of the records. ``author_as=FIELD`` renames the
``author`` side (the one that says "we") to the document's value of a metadata
field, so that the "we" of a Labour manifesto counts for ``labour`` and the "we"
of a Republican address for ``r``.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rhetor.errors import ConfigError, InputError
from rhetor.report.model import STANCES

AUTHOR = "author"
OTHERS = "others"
ClaimKey = tuple[str, str, str]  # (side, value, stance)
MAX_COUNT = 10**15  # more words than any corpus holds; a larger count is a broken record


@dataclass
class DocumentCounts:
    """What a corpus view needs from one document."""

    source: str
    meta: dict[str, str]
    words: int
    values: Counter = field(default_factory=Counter)  # value -> mentions
    claims: Counter = field(default_factory=Counter)  # (side, value, stance) -> claims
    sides_given: bool = True  # False when the sides were found in the text
    author: str = AUTHOR  # the side that says "we" (renamed by author_as)
    side_ids: tuple[str, ...] = ()  # the sides the record was scored with (given or found)

    def pooled_claims(self) -> Counter:
        """Claims with found sides pooled as batch's CSV pools them: the author's side
        apart, every other found side as ``others``; given sides stay as they are."""
        if self.sides_given:
            return self.claims
        pooled: Counter = Counter()
        for (side, value, stance), n in self.claims.items():
            pooled[(side if side == self.author else OTHERS, value, stance)] += n
        return pooled


def read_records(
    paths: Iterable[str | Path], *, author_as: str | None = None
) -> list[DocumentCounts]:
    """Every scored document of the record files, in file order."""
    documents: list[DocumentCounts] = []
    for path in paths:
        documents.extend(_read_file(Path(path)))
    if not documents:
        raise InputError("no scored documents in " + ", ".join(str(p) for p in paths))
    if author_as:
        rename_author(documents, author_as)
    return documents


def _read_file(path: Path) -> Iterator[DocumentCounts]:
    if not path.is_file():
        raise InputError(f"{path}: no such records file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        yield from _from_csv(path)
    elif suffix in (".jsonl", ".json", ".ndjson"):
        for line, record in _json_records(path):
            if not record.get("error"):
                yield from_record(record, path, line)
    else:
        raise InputError(f"{path}: records must be .jsonl, .json or .csv (from rhetor batch)")


def _json_records(path: Path) -> Iterator[tuple[int, dict]]:
    """(line, record) of a JSONL file or a JSON array."""
    text = _read_text(path)
    if path.suffix.lower() == ".json" and text.lstrip().startswith("["):
        for line, record in _json_array(text, path):
            if isinstance(record, dict):
                yield line, record
        return
    # Split at newlines only: a record may hold U+2028 or U+0085 (JSON allows them raw),
    # where str.splitlines would cut it in two.
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):  # ValueError: also an integer of 4,300 digits
            raise InputError(f"{path}:{number}: not a JSON line") from None
        if not isinstance(record, dict) or "source" not in record:
            raise InputError(f"{path}:{number}: not a rhetor batch record")
        yield number, record


def _json_array(text: str, path: Path) -> Iterator[tuple[int, object]]:
    """The items of a JSON array, each with the line it starts on."""
    decoder = json.JSONDecoder()
    at = text.index("[") + 1
    line, counted = 1, 0

    def skip(i: int) -> int:
        while i < len(text) and text[i] in " \t\r\n":
            i += 1
        return i

    def malformed() -> InputError:
        return InputError(f"{path}:{line + text.count(chr(10), counted, at)}: malformed JSON")

    at = skip(at)
    if text.startswith("]", at):
        at += 1
    else:
        while True:
            line, counted = line + text.count("\n", counted, at), at
            try:
                item, at = decoder.raw_decode(text, at)
            except (ValueError, RecursionError):
                raise malformed() from None
            yield line, item
            at = skip(at)
            if text.startswith(",", at):
                at = skip(at + 1)
            elif text.startswith("]", at):
                at += 1
                break
            else:
                raise malformed()
    if text[at:].strip():
        raise malformed()


def _read_text(path: Path) -> str:
    from rhetor.io.textio import read_text  # files and pipes only, under the size cap

    try:
        return read_text(str(path))
    except InputError as exc:
        raise InputError(f"cannot read records: {exc}") from None


def count_of(value: object) -> int:
    """A count read back from records: a whole number from 0 to MAX_COUNT (as a number,
    or as text in a CSV cell); ValueError for anything else (Infinity, NaN, 1e400, a
    negative number, a fraction, more than any corpus holds)."""
    digits = isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 16
    if digits or (isinstance(value, float) and value.is_integer()):
        value = int(value)  # ValueError for digits int() does not read ("²")
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise ValueError("not a count")
    return value


def _bad_count(where: str, what: str, value: object) -> InputError:
    shown = repr(value)
    shown = shown if len(shown) <= 24 else shown[:20] + "..."
    return InputError(
        f"{where}: {what} {shown} is not a count (a whole number from 0 to {MAX_COUNT:,})"
    )


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def from_record(record: Mapping, path: Path | str = "<records>", line: int = 0) -> DocumentCounts:
    """Counts of one JSON record (``rhetor analyse --json`` or a batch line); a record
    whose counts are no whole numbers is refused, naming the file and line."""
    where = f"{path}:{line}" if line else str(path)
    try:
        stats, values, claims = record["stats"], record["values"], record["claims"]
        words_given = stats["words"]
        mentions = [(_text(v["value"]), v["mentions"]) for v in values]
        found = [
            (_text(c["side"]), _text(c["value"]), _text(c["stance"]))
            for c in claims
            # records of earlier versions have no "counted": all their claims count
            if c.get("side") and c.get("counted") is not False
        ]
    except (KeyError, TypeError, AttributeError):
        raise InputError(
            f"{where}: record for {record.get('source')!r} lacks stats, values or claims"
        ) from None
    try:
        words = count_of(words_given)
    except ValueError:
        raise _bad_count(where, "words", words_given) from None
    counts: Counter = Counter()
    for value, given in mentions:
        try:
            counts[value] += count_of(given)
        except ValueError:
            raise _bad_count(where, f"{value} mentions", given) from None
    for _, _, stance in found:
        if stance not in STANCES:
            raise InputError(f"{where}: stance {stance!r} is not one of {', '.join(STANCES)}")
    meta = record.get("meta")
    meta = {str(k): str(v) for k, v in meta.items()} if isinstance(meta, Mapping) else {}
    sides = record.get("sides") or []
    given = not any(isinstance(s, Mapping) and s.get("auto") for s in sides)
    ids = tuple(str(s["id"]) for s in sides if isinstance(s, Mapping) and s.get("id"))
    return DocumentCounts(
        str(record["source"]), meta, words, counts, Counter(found), given, side_ids=ids
    )


def _from_csv(path: Path) -> Iterator[DocumentCounts]:
    from rhetor.io.csvcells import read_table

    header, rows = read_table(_read_text(path))
    if "source" not in header or "words" not in header:
        raise InputError(f"{path}: not a per-document CSV from rhetor batch (no source, words)")
    if "sha256" in header:
        meta_fields = header[header.index("source") + 1 : header.index("sha256")]
    else:
        meta_fields = []
    value_columns = [c for c in header if c.endswith("_mentions") and "__" not in c]
    claim_columns = [c for c in header if c.count("__") == 2 and c.rsplit("__", 1)[1] in STANCES]
    side_ids = tuple(dict.fromkeys(c.split("__")[0] for c in claim_columns))
    try:
        for number, row in rows:
            if row.get("error"):
                continue
            where = f"{path}:{number}"
            yield _csv_counts(row, where, meta_fields, value_columns, claim_columns, side_ids)
    except csv.Error as exc:
        raise InputError(f"{path}: malformed CSV: {exc}") from None


def _csv_counts(
    row, where, meta_fields, value_columns, claim_columns, side_ids=()
) -> DocumentCounts:
    def count(column: str) -> int:
        cell = row.get(column) or "0" if column in claim_columns else row.get(column)
        try:
            return count_of(cell)
        except ValueError:
            raise _bad_count(where, column, cell) from None

    return DocumentCounts(
        row["source"] or "",
        {f: row.get(f) or "" for f in meta_fields},
        count("words"),
        Counter({c[: -len("_mentions")]: count(c) for c in value_columns}),
        Counter({tuple(c.split("__")): n for c in claim_columns if (n := count(c))}),
        side_ids=tuple(side_ids),
    )


def rename_author(documents: Sequence[DocumentCounts], field_name: str) -> None:
    """Give each document's ``author`` claims to its value of ``field_name``."""
    check_field(documents, field_name, "--author-as")
    for doc in documents:
        owner = doc.meta.get(field_name) or AUTHOR
        renamed: Counter = Counter()
        for (side, value, stance), n in doc.claims.items():
            renamed[(owner if side == AUTHOR else side, value, stance)] += n
        doc.claims = renamed
        doc.author = owner


def check_field(documents: Sequence[DocumentCounts], field_name: str, option: str) -> None:
    if not any(field_name in d.meta for d in documents):
        known = sorted({f for d in documents for f in d.meta})
        hint = (
            f"fields in the records: {', '.join(known)}"
            if known
            else ("the records have no metadata; run rhetor batch with --meta or --name-pattern")
        )
        raise ConfigError(f"{option} {field_name}: no such metadata field ({hint})")


def parse_only(filters: Iterable[str]) -> dict[str, set[str]]:
    """``--only FIELD=A,B`` (repeatable) as {field: allowed values}."""
    chosen: dict[str, set[str]] = {}
    for text in filters:
        name, sep, values = text.partition("=")
        if not sep or not name.strip() or not values.strip():
            raise ConfigError(f"--only {text!r}: expected FIELD=VALUE[,VALUE...]")
        chosen.setdefault(name.strip(), set()).update(v.strip() for v in values.split(","))
    return chosen


def keep_only(
    documents: list[DocumentCounts], filters: Mapping[str, set[str]]
) -> list[DocumentCounts]:
    """The documents whose metadata match every filter; none left is an error."""
    for name in filters:
        check_field(documents, name, "--only")
    kept = [d for d in documents if all(d.meta.get(k) in v for k, v in filters.items())]
    if not kept:
        raise ConfigError("--only leaves no documents")
    return kept


def group_documents(
    documents: Iterable[DocumentCounts],
    field_name: str,
    *,
    bin_width: int | None = None,
    check: bool = True,
) -> dict[str, list[DocumentCounts]]:
    """Documents by their value of ``field_name`` (a missing value is its own group,
    ``(none)``), groups in natural order: numbers by value, then text."""
    documents = list(documents)
    if check:
        check_field(documents, field_name, "--by")
    groups: dict[str, list[DocumentCounts]] = {}
    for doc in documents:
        key = doc.meta.get(field_name) or "(none)"
        if bin_width:
            key = bin_label(key, bin_width, field_name)
        groups.setdefault(key, []).append(doc)
    return dict(sorted(groups.items(), key=lambda kv: natural_key(kv[0])))


def bin_label(value: str, width: int, field_name: str) -> str:
    """``1987`` in bins of 10 is ``1980``: bins are named by their first value."""
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"--bin needs whole numbers in {field_name!r}; got {value!r}") from None
    return str(number - number % width)


def natural_key(text: str) -> tuple:
    try:
        return (0, float(text), "")
    except ValueError:
        return (1, 0.0, text)


def value_ids(documents: Iterable[DocumentCounts]) -> list[str]:
    """Every value in the documents, in first-seen order (the lexicon order of batch)."""
    seen: dict[str, None] = {}
    for doc in documents:
        for value in doc.values:
            seen.setdefault(value)
        for _, value, _ in doc.claims:
            seen.setdefault(value)
    return list(seen)


def analyse_documents(paths: Sequence[str], options) -> list[DocumentCounts]:
    """Analyse text files (not records) into counts, one per file, in order."""
    from rhetor.api import get_analyser
    from rhetor.io.textio import read_document

    analyser = get_analyser(options)
    documents = []
    for path in paths:
        document = read_document(path)
        report = analyser.analyse(document.text, source=document.source)
        documents.append(from_record(report.to_dict(), path))
    return documents


def file_group_name(path: str | Path, all_paths: Sequence[str | Path]) -> str:
    """A group named after its file: the stem, or the whole path if stems repeat."""
    stems = [Path(p).stem for p in all_paths]
    stem = Path(path).stem
    return stem if stems.count(stem) == 1 else str(path)
