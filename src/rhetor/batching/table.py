"""``rhetor batch --table FILE``: a CSV, TSV or JSONL table with one document a row.

The text is in ``--text-column`` (default ``text``), the id in ``--id-column``
(default ``id`` when the table has one, else the row number: 1 for the first row
after the header), and every other column is metadata. CSV and TSV are read as
pandas and R write them (fields with the delimiter, a quote or a line break in double
quotes); JSONL is one JSON object a line, its keys the columns (numbers become text).

Rows are read lazily, never held: :func:`open_table` reads the table once to check it
(header, cells, the text column, ids unique; 8 bytes a row for the id check), and
:func:`table_rows` reads it again, a row at a time, as the batch scores.
"""

from __future__ import annotations

import csv
import hashlib
import json
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rhetor.errors import ConfigError, InputError

KINDS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
TEXT_COLUMN = "text"
ID_COLUMN = "id"
MAX_FIELDS = 1000  # JSONL keys across the table: more is not a table of documents


@dataclass(frozen=True)
class Row:
    """One document of a table: its id, text and metadata, and where it is."""

    id: str
    text: str
    meta: dict[str, Any]
    line: int


@dataclass(frozen=True)
class Table:
    """A table checked by :func:`open_table`."""

    path: Path
    kind: str  # csv, tsv or jsonl
    text_column: str
    id_column: str | None  # None: ids are row numbers
    fields: tuple[str, ...]  # the metadata columns, in table order
    rows: int
    text_bytes: int  # the UTF-8 bytes of all texts (for the progress bar)

    @property
    def name(self) -> str:
        from rhetor.io.textio import shown

        return shown(str(self.path))


def open_table(path: str | Path, text_column: str | None = None, id_column: str | None = None):
    """Check the whole table before anything is scored; returns a :class:`Table`.

    A table that cannot be read, a malformed row, a row without text, or an id that
    appears twice is an :class:`InputError`; a missing text or id column a
    :class:`ConfigError`. Both name the file and line."""
    path = Path(path)
    kind = _kind(path)
    text_column = text_column or TEXT_COLUMN
    header = _header(path, kind)
    if kind != "jsonl":
        _check_header(path, header)
        if text_column not in header:
            raise ConfigError(
                f"{_shown(path)}: no column {text_column!r} (columns: {', '.join(header)}); "
                "choose the text with --text-column"
            )
    if id_column is not None and id_column not in header:
        raise ConfigError(
            f"{_shown(path)}: no column {id_column!r} for --id-column "
            f"(columns: {', '.join(header)})"
        )
    if id_column is None and ID_COLUMN in header:
        id_column = ID_COLUMN
    table = Table(path, kind, text_column, id_column, (), 0, 0)
    fields: dict[str, None] = dict.fromkeys(c for c in header if c not in (text_column, id_column))
    digests = array("Q")
    rows = size = 0
    for row in _rows(table):
        rows += 1
        size += len(row.text.encode("utf-8", "surrogatepass"))
        if kind == "jsonl":
            fields.update(dict.fromkeys(row.meta))
            if len(fields) > MAX_FIELDS:
                raise InputError(f"{_shown(path)}: more than {MAX_FIELDS} different fields")
        digests.append(_digest(row.id))
    if not rows:
        raise InputError(f"{_shown(path)}: no rows; a table needs a header and a row a document")
    if kind == "jsonl" and id_column is None and ID_COLUMN in fields:
        raise InputError(
            f"{_shown(path)}: some rows have an 'id' and the first has none; give every "
            "row one, or choose another with --id-column"
        )
    table = Table(path, kind, text_column, id_column, tuple(fields), rows, size)
    _check_unique(table, digests)
    return table


def table_rows(table: Table) -> Iterator[Row]:
    """The rows of a checked table, read one at a time (the metadata of a JSONL row
    has every field of the table, empty where the row has none)."""
    blank = dict.fromkeys(table.fields, "")
    for row in _rows(table):
        yield Row(row.id, row.text, {**blank, **row.meta}, row.line)


# -- reading ----------------------------------------------------------------------------------


def _kind(path: Path) -> str:
    from rhetor.io.textio import file_kind

    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise ConfigError(
            f"--table {_shown(path)}: give a .csv, .tsv or .jsonl file (one document a row)"
        )
    what = file_kind(str(path))
    if what == "missing":
        raise InputError(f"{_shown(path)}: no such file")
    if what != "file":
        raise InputError(
            f"{_shown(path)}: a table is read twice (checked, then scored); give a file, "
            f"not a {what}"
        )
    return kind


def _open(path: Path):
    try:
        # utf-8-sig: a BOM written by Excel is not part of the first column's name.
        return open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(f"{_shown(path)}: cannot read: {exc.strerror or exc}") from None


def _header(path: Path, kind: str) -> list[str]:
    """The header of a CSV or TSV table; the keys of the first row of a JSONL table
    (so that an ``id`` there makes ids of every row's)."""
    if kind == "jsonl":
        with _open(path) as stream:
            try:
                first = next((line for line in stream if line.strip()), "")
                data = json.loads(first) if first else {}
            except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
                return []  # the scan says what is wrong, and where
        return [str(k) for k in data] if isinstance(data, dict) else []
    with _open(path) as stream:
        try:
            header = next(_reader(stream, kind), None)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise InputError(f"{_shown(path)}:1: {_problem(exc)}") from None
    if not header:
        raise InputError(f"{_shown(path)}: empty table; it needs a header row")
    return [h.strip() for h in header]


def _check_header(path: Path, header: list[str]) -> None:
    seen = set()
    for name in header:
        if not name:
            raise InputError(f"{_shown(path)}:1: a column in the header has no name")
        if name in seen:
            raise InputError(f"{_shown(path)}:1: column {name!r} appears twice in the header")
        seen.add(name)


def _reader(stream, kind: str):
    from rhetor.io.textio import size_limit

    # A speech can be longer than csv's default field limit (128 kB); a document is
    # bounded by the same limit as a file.
    csv.field_size_limit(max(csv.field_size_limit(), size_limit()))
    return csv.reader(stream, delimiter="\t" if kind == "tsv" else ",")


def _rows(table: Table) -> Iterator[Row]:
    with _open(table.path) as stream:
        try:
            if table.kind == "jsonl":
                yield from _jsonl_rows(table, stream)
            else:
                yield from _csv_rows(table, stream)
        except UnicodeDecodeError:
            raise InputError(f"{table.name}: not UTF-8 text") from None


def _csv_rows(table: Table, stream) -> Iterator[Row]:
    reader = _reader(stream, table.kind)
    try:
        header = [h.strip() for h in next(reader)]
        text_at = header.index(table.text_column)
        id_at = header.index(table.id_column) if table.id_column else None
        number = 0
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            number += 1
            where = f"{table.name}:{reader.line_num}"
            if any("\x00" in c for c in cells):
                raise InputError(f"{where}: a NUL byte: a binary file, not a table")
            if len(cells) != len(header):
                raise InputError(f"{where}: {len(cells)} cells where the header has {len(header)}")
            row_id = cells[id_at].strip() if id_at is not None else str(number)
            if not row_id:
                raise InputError(f"{where}: empty {table.id_column!r}")
            meta = {
                h: c.strip()
                for i, (h, c) in enumerate(zip(header, cells, strict=True))
                if i != text_at and i != id_at
            }
            yield Row(row_id, cells[text_at], meta, reader.line_num)
    except csv.Error as exc:
        raise InputError(f"{table.name}:{reader.line_num}: {_problem(exc)}") from None


def _jsonl_rows(table: Table, stream) -> Iterator[Row]:
    from rhetor.io.textio import size_limit

    limit = size_limit()
    number = 0
    for line_number, line in enumerate(_lines(stream, limit, table.name), 1):
        if not line.strip():
            continue
        number += 1
        where = f"{table.name}:{line_number}"
        try:
            data = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            raise InputError(f"{where}: not a JSON line") from None
        if not isinstance(data, dict):
            raise InputError(f"{where}: not a JSON object (one document a line)")
        text = data.get(table.text_column)
        if not isinstance(text, str):
            what = "no" if text is None else "a non-text"
            raise InputError(
                f"{where}: {what} {table.text_column!r} field; choose the text with --text-column"
            )
        if table.id_column is not None:
            row_id = _cell(data.get(table.id_column))
            if not row_id:
                raise InputError(f"{where}: no {table.id_column!r} field (the row's id)")
        else:
            row_id = str(number)
        meta = {
            str(k): _cell(v)
            for k, v in data.items()
            if k not in (table.text_column, table.id_column)
        }
        yield Row(row_id, text, meta, line_number)


def _lines(stream, limit: int, name: str) -> Iterator[str]:
    """The lines of a JSONL table; a line longer than any document stops the batch."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith("\n"):
            raise InputError(f"{name}: a line longer than {limit / 1_000_000:g} MB")
        yield line


def _cell(value: Any) -> str:
    """A JSON value as metadata text (nested values as compact JSON)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _problem(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    text = str(exc)
    if "NUL" in text or "null byte" in text:
        return "a NUL byte: a binary file, not a table"
    if "field larger than field limit" in text:
        return "a cell larger than the size limit (RHETOR_MAX_INPUT_MB)"
    return f"malformed table: {text}"


def _digest(row_id: str) -> int:
    data = row_id.encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


def _check_unique(table: Table, digests: array) -> None:
    """Ids appear once: the check sorts the 8-byte digests in place (numpy over the
    array's own buffer: no copy, no Python object per row), and only when two match
    reads the table again to name the id."""
    import numpy

    ordered = numpy.frombuffer(digests, dtype=numpy.uint64)
    ordered.sort()
    same = ordered[1:][ordered[1:] == ordered[:-1]]
    if not len(same):
        return
    twice = {int(d) for d in same}
    first: dict[str, int] = {}
    for row in _rows(table):
        if _digest(row.id) in twice:
            if row.id in first:
                raise InputError(
                    f"{table.name}:{row.line}: id {row.id!r} is already on line {first[row.id]}; "
                    "ids must be unique (--resume finds rows by id)"
                )
            first[row.id] = row.line


def _shown(path: Path) -> str:
    from rhetor.io.textio import shown

    return shown(str(path))
