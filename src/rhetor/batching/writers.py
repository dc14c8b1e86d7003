"""Stream batch records to JSONL, CSV or JSON.

Records are written one at a time and flushed, so an interrupted run leaves
whole lines only (after a hard kill, at most a final partial line, which
``--resume`` cuts off before appending).

CSV columns (stable for a given set of lexicons and sides):

- ``source``, the metadata fields (``--meta``, ``--name-pattern``), then
  ``sha256, error, characters, words, sentences, settings`` (``settings``: a
  fingerprint of the lexicons, cue words, sides and model that scored the row);
- per value ``V``: ``V_mentions, V_virtue, V_vice, V_per_1000_words``;
- per side ``S``, value ``V`` and stance ``T``: ``S__V__T`` (claim counts). With
  sides given, ``S`` runs over the given sides (and ``author`` when added); with
  sides found automatically, over ``author`` and ``others`` (every other side),
  because found sides differ from one document to the next.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import TextIO

from rhetor.batching.claims import claims_columns, claims_rows
from rhetor.batching.metadata import meta_of
from rhetor.batching.runner import Record
from rhetor.errors import ConfigError, InputError
from rhetor.io.csvcells import csv_line, read_table
from rhetor.report.model import STANCES

BASE_COLUMNS = ("source", "sha256", "error", "characters", "words", "sentences", "settings")
OTHERS = "others"


class BatchFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    json = "json"
    claims = "claims"  # one CSV row per claim (rhetor.batching.claims)


def csv_columns(
    value_ids: Sequence[str], side_ids: Sequence[str], meta_fields: Sequence[str] = ()
) -> list[str]:
    columns = [BASE_COLUMNS[0], *meta_fields, *BASE_COLUMNS[1:]]
    for value in value_ids:
        columns += [
            f"{value}_mentions",
            f"{value}_virtue",
            f"{value}_vice",
            f"{value}_per_1000_words",
        ]
    for side in side_ids:
        for value in value_ids:
            columns += [f"{side}__{value}__{stance}" for stance in STANCES]
    return columns


def csv_row(record: Record, value_ids: Sequence[str], side_ids: Sequence[str]) -> dict:
    row: dict = {
        "source": record["source"],
        "sha256": record.get("sha256") or "",
        "settings": record.get("settings") or "",
        "error": record.get("error") or "",
    }
    row.update(meta_of(record))
    if record.get("error"):
        return row
    row.update(record["stats"])
    for v in record["values"]:
        row[f"{v['value']}_mentions"] = v["mentions"]
        row[f"{v['value']}_virtue"] = v["virtue"]
        row[f"{v['value']}_vice"] = v["vice"]
        row[f"{v['value']}_per_1000_words"] = v["per_1000_words"]
    if record.get("mode") == "counts":
        return row  # no sides in counts mode: claim columns stay empty, not zero
    for side in side_ids:
        for value in value_ids:
            for stance in STANCES:
                row[f"{side}__{value}__{stance}"] = 0
    for claim in record["claims"]:
        side = claim["side"]
        if side is None or claim.get("counted") is False:  # uncertain claims do not count
            continue
        if side not in side_ids:
            side = OTHERS
        key = f"{side}__{claim['value']}__{claim['stance']}"
        if key in row:
            row[key] += 1
    return row


class RecordWriter:
    """Writes records to a text stream in one format; the caller owns the stream."""

    def __init__(
        self,
        stream: TextIO,
        fmt: BatchFormat,
        value_ids: Sequence[str],
        side_ids: Sequence[str],
        *,
        header: bool = True,
        meta_fields: Sequence[str] = (),
    ) -> None:
        self.stream = stream
        self.fmt = fmt
        self.value_ids = list(value_ids)
        self.side_ids = list(side_ids)
        self.meta_fields = list(meta_fields)
        self.count = 0
        self.columns = writer_columns(fmt, self.value_ids, self.side_ids, self.meta_fields)
        if fmt in (BatchFormat.csv, BatchFormat.claims) and header:
            self._emit(csv_line(self.columns))
        if fmt is BatchFormat.json:
            self._emit("[\n")

    def write(self, record: Record) -> None:
        if self.fmt is BatchFormat.jsonl:
            line = json.dumps(record, ensure_ascii=False) + "\n"
        elif self.fmt is BatchFormat.csv:
            row = csv_row(record, self.value_ids, self.side_ids)
            line = csv_line([row.get(c, "") for c in self.columns])
        elif self.fmt is BatchFormat.claims:
            rows = claims_rows(record, self.meta_fields)
            line = "".join(csv_line([r.get(c, "") for c in self.columns]) for r in rows)
        else:
            prefix = ",\n" if self.count else ""
            line = prefix + json.dumps(record, ensure_ascii=False, indent=2)
        self._emit(line)
        self.count += 1

    def close(self) -> None:
        if self.fmt is BatchFormat.json:
            self._emit("\n]\n")

    def _emit(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()


def writer_columns(
    fmt: BatchFormat,
    value_ids: Sequence[str],
    side_ids: Sequence[str],
    meta_fields: Sequence[str] = (),
) -> list[str]:
    """The CSV columns of ``fmt``; a metadata field named like another column is an error."""

    def columns(fields: Sequence[str]) -> list[str]:
        if fmt is BatchFormat.claims:
            return claims_columns(fields)
        return csv_columns(value_ids, side_ids, fields)

    clash = [f for f in meta_fields if f in {*columns(()), "meta"}]
    if clash:
        raise ConfigError(f"metadata field {clash[0]!r} has the name of a column of the output")
    return columns(meta_fields)


# -- resuming ------------------------------------------------------------------------------------


def done_keys(
    path: Path,
    fmt: BatchFormat,
    *,
    columns: Sequence[str] | None = None,
    settings: str | None = None,
) -> set[tuple[str, str | None]]:
    """(source, sha256) of every record already in ``path``, after cutting off a partial
    last line left by a hard kill.

    With ``columns`` and ``settings``, a file written with other columns (CSV) or by a
    run with other lexicons, cue words, sides or model is refused: appending to it
    would mix rows that cannot be compared, or rows wider than the header."""
    if fmt is BatchFormat.json:
        raise InputError(
            "--resume works with --format jsonl or csv (a JSON array cannot be appended to)"
        )
    if not path.exists() or not path.is_file() or path.stat().st_size == 0:
        return set()
    if fmt is BatchFormat.claims:
        settings = None  # claim rows carry no settings column; the header is checked
    keys = set()
    whole = _whole_lines(path)
    # Checked before anything is cut: a refused file is left exactly as it was.
    text = whole.decode("utf-8", "replace")
    if fmt is BatchFormat.jsonl:
        rows = _jsonl_rows(io.StringIO(text, newline=""), path)
    else:  # csv and claims: both have source and sha256 columns
        header, rows = read_table(text)
        if columns is not None and header and header != list(columns):
            raise _mismatch(path, 1, "its CSV columns differ from this run's")
    try:
        for number, row in rows:
            if settings is not None and row.get("settings") != settings:
                raise _mismatch(path, number, "it was scored with other settings")
            keys.add((row.get("source"), row.get("sha256") or None))
    except csv.Error as exc:
        raise InputError(f"{path}: malformed CSV ({exc}); cannot resume") from None
    if len(whole) < path.stat().st_size:
        with path.open("rb+") as stream:  # appending after a partial line would merge two
            stream.truncate(len(whole))
    return keys


def _whole_lines(path: Path) -> bytes:
    """The file's bytes without a partial last line (what a hard kill leaves)."""
    data = path.read_bytes()
    if not data.endswith(b"\n"):
        data = data[: data.rfind(b"\n") + 1]
    return data


def _jsonl_rows(stream, path: Path):
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            raise InputError(f"{path}:{number}: not a JSON line; cannot resume") from None
        if not isinstance(record, dict):
            raise InputError(f"{path}:{number}: not a batch record; cannot resume")
        yield number, record


def _mismatch(path: Path, line: int, what: str) -> InputError:
    return InputError(
        f"{path}:{line}: cannot resume: {what} (other lexicons, cue words, sides or model); "
        "use --force to start again, or another -o"
    )
