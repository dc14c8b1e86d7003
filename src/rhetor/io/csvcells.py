"""CSV as rhetor writes it and reads it back: cells a spreadsheet will not run, rows no
line splitter can cut, and fields of any size.

Writing (:func:`csv_line`, :func:`csv_table`):

- a text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
  would be read as a formula by a spreadsheet (OWASP's "CSV injection"); it gets a
  leading ``'``, which spreadsheets read as "text". So does a text cell that begins
  with ``'`` itself, so that reading back is exact. Numbers rhetor writes (``int`` and
  ``float`` values) are never changed: ``-1.5`` stays a number;
- a cell is quoted when it holds a comma, a quote or a line break of any kind: ``\\n``
  and ``\\r``, and also the separators other tools split lines on (vertical tab, form
  feed, U+001C-U+001E, U+0085, U+2028, U+2029), so a row stays one row for them too.

Reading (:func:`csv_reader`, :func:`read_table`): quoted cells keep their line breaks,
a cell may be as long as the text it is in (the ``csv`` module's own limit is 131,072
characters), and :func:`restore` takes the ``'`` off again.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

FORMULA_START = "=+-@\t\r"
MARK = "'"
_NEEDS_MARK = FORMULA_START + MARK
_NEEDS_QUOTES = re.compile('[,"\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]')
# The most the csv module accepts on every platform (a C long may be 32 bits).
_MOST = 2**31 - 1


def neutralise(cell: object) -> object:
    """A text cell that a spreadsheet would run as a formula, with a leading ``'``; other
    cells (numbers among them) as they are."""
    if isinstance(cell, str) and cell[:1] and cell[0] in _NEEDS_MARK:
        return MARK + cell
    return cell


def restore(text: str) -> str:
    """A cell as it was before :func:`neutralise` (other text as it is)."""
    if len(text) > 1 and text[0] == MARK and text[1] in _NEEDS_MARK:
        return text[1:]
    return text


def _cell(value: object) -> str:
    if value is None:
        return ""
    text = neutralise(value) if isinstance(value, str) else str(value)
    if _NEEDS_QUOTES.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_line(values: Iterable[object]) -> str:
    """One CSV row, ending in ``\\n``."""
    cells = [_cell(v) for v in values]
    if cells == [""]:
        return '""\n'  # one empty cell, not a blank line
    return ",".join(cells) + "\n"


def csv_table(columns: Sequence[str], rows: Iterable[Mapping]) -> str:
    """A header and one row per mapping (a missing or None cell is empty)."""
    return csv_line(columns) + "".join(csv_line(row.get(c) for c in columns) for row in rows)


def allow_fields_of(size: int) -> None:
    """Let the csv module read cells up to ``size`` characters (never lowering it)."""
    wanted = min(max(size, 1), _MOST)
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)


def csv_reader(text: str):
    """A ``csv.reader`` over ``text``: quoted cells keep their line breaks, and a cell
    may be as long as ``text``. Cells are as written (see :func:`restore`)."""
    allow_fields_of(len(text) + 1)
    return csv.reader(io.StringIO(text, newline=""))


def read_table(text: str) -> tuple[list[str], Iterator[tuple[int, dict]]]:
    """The header and the rows of a CSV rhetor wrote, as ``csv.DictReader`` gives them
    (extra cells under the key None, missing ones None; blank lines skipped), with every
    cell restored, each row with the line it starts on. ``csv.Error`` may be raised
    while the rows are read."""
    reader = csv_reader(text)
    header = [restore(cell) for cell in next(reader, [])]

    def rows() -> Iterator[tuple[int, dict]]:
        start = reader.line_num + 1
        for cells in reader:
            if cells:
                row: dict = dict(zip(header, map(restore, cells), strict=False))
                if len(cells) > len(header):
                    row[None] = [restore(c) for c in cells[len(header) :]]
                for name in header[len(cells) :]:
                    row.setdefault(name, None)
                yield start, row
            start = reader.line_num + 1

    return header, rows()
