"""Document metadata for a batch: fields from a CSV file and from file names.

``--meta FILE.csv`` joins a table on its ``source`` column: a row matches a
document whose path is the same file (after resolving both), or, failing that,
whose file name is the row's (when only one row has that name).
``--name-pattern "{year}_{president}_{party}.txt"`` reads fields from file
names. Every record then carries ``meta: {field: value}``; values stay strings,
as they are in the files, and readers decide what is a number.

A name pattern is literal text with ``{field}`` holes and ``*`` for text to
skip. A name often has more separators than the pattern (``1790_george_
washington_n.txt``), so the split follows a rule a reader can predict: the
first and the last field take as little text as they can, and the fields
between them take the rest. ``{field:d}`` holds digits only.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from rhetor.errors import ConfigError

META_KEY = "meta"
SOURCE_COLUMN = "source"
_FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_HOLE = re.compile(r"\{([^{}]*)\}|\*")
_KINDS = {"": None, "d": r"\d+"}


@dataclass(frozen=True)
class NamePattern:
    """A file-name pattern compiled to an anchored regular expression."""

    text: str
    fields: tuple[str, ...]
    regex: re.Pattern

    def read(self, path: str) -> dict[str, str] | None:
        """The fields of ``path``'s name (or of its tail, when the pattern has a '/');
        None if the name does not fit the pattern."""
        depth = self.text.count("/") + 1
        name = "/".join(Path(path).parts[-depth:])
        found = self.regex.fullmatch(name)
        return dict(zip(self.fields, found.groups(), strict=True)) if found else None


def compile_name_pattern(text: str) -> NamePattern:
    """Compile ``--name-pattern``; a malformed pattern is a :class:`ConfigError`."""
    where = f"--name-pattern {text!r}"
    holes = list(_HOLE.finditer(text))
    edges = [0, *(x for h in holes for x in h.span()), len(text)]
    literals = [text[a:b] for a, b in zip(edges[::2], edges[1::2], strict=True)]
    for literal in literals:
        if "{" in literal or "}" in literal:
            raise ConfigError(f"{where}: unbalanced brace; fields look like {{name}}")
    fields: list[str] = []
    kinds: list[str | None] = []
    for hole in holes:
        if hole.group(0) == "*":
            continue
        name, _, kind = hole.group(1).partition(":")
        if not _FIELD_NAME.match(name):
            raise ConfigError(
                f"{where}: field {{{hole.group(1)}}} needs a name of letters, digits and '_'"
            )
        if kind not in _KINDS:
            raise ConfigError(f"{where}: field {{{name}:{kind}}}: the only kind is 'd' (digits)")
        if name in fields:
            raise ConfigError(f"{where}: field {{{name}}} appears twice")
        fields.append(name)
        kinds.append(_KINDS[kind])
    if not fields:
        raise ConfigError(f"{where}: no {{field}} in the pattern, so nothing to read")
    for before, after in pairwise(holes):
        if before.end() == after.start():
            raise ConfigError(
                f"{where}: {before.group(0)} and {after.group(0)} touch; "
                "put literal text between them so the name can be split"
            )
    return NamePattern(text, tuple(fields), re.compile(_regex(holes, literals, kinds)))


def _regex(holes: list[re.Match], literals: list[str], kinds: list[str | None]) -> str:
    """First and last field lazy, middle fields greedy (see the module docstring)."""
    named = [i for i, h in enumerate(holes) if h.group(0) != "*"]
    parts = [re.escape(literals[0])]
    kind_of = dict(zip(named, kinds, strict=True))
    for i, hole in enumerate(holes):
        if hole.group(0) == "*":
            parts.append("(?:.*?)")
        else:
            edge = i in (named[0], named[-1])
            body = kind_of[i] or (".+?" if edge else ".+")
            parts.append(f"({body})")
        parts.append(re.escape(literals[i + 1]))
    return "".join(parts)


@dataclass
class MetaTable:
    """The rows of ``--meta FILE.csv``, keyed by resolved path and by file name."""

    path: Path
    columns: tuple[str, ...]
    by_path: dict[str, dict[str, str]] = field(default_factory=dict)
    by_name: dict[str, dict[str, str] | None] = field(default_factory=dict)  # None: ambiguous

    def lookup(self, source: str) -> dict[str, str] | None:
        row = self.by_path.get(_resolved(source))
        if row is None:
            row = self.by_name.get(Path(source).name)
        return row


def load_meta_table(path: Path) -> MetaTable:
    """Read ``--meta FILE.csv``: a ``source`` column and any others, sources unique."""
    from rhetor.errors import InputError
    from rhetor.io.textio import read_text  # files and pipes only, under the size cap

    try:
        rows = list(csv.reader(io.StringIO(read_text(str(path)), newline="")))
    except InputError as exc:
        if not path.exists():
            raise ConfigError(f"{path}: no such metadata file") from None
        raise ConfigError(f"cannot read metadata file: {exc}") from None
    except csv.Error as exc:
        raise ConfigError(f"{path}: malformed CSV: {exc}") from None
    if not rows:
        raise ConfigError(f"{path}: empty metadata file; it needs a header with a 'source' column")
    header = [h.strip() for h in rows[0]]
    if SOURCE_COLUMN not in header:
        raise ConfigError(f"{path}: no 'source' column in the header ({', '.join(header)})")
    _check_columns(path, header)
    columns = tuple(h for h in header if h != SOURCE_COLUMN)
    table = MetaTable(path, columns)
    seen: dict[str, int] = {}
    for line, cells in enumerate(rows[1:], 2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise ConfigError(
                f"{path}:{line}: {len(cells)} cells where the header has {len(header)}"
            )
        row = dict(zip(header, (c.strip() for c in cells), strict=True))
        source = row.pop(SOURCE_COLUMN)
        if not source:
            raise ConfigError(f"{path}:{line}: empty 'source'")
        key = _resolved(source, relative_to=path.parent)
        if key in seen:
            raise ConfigError(f"{path}:{line}: source {source!r} is already on line {seen[key]}")
        seen[key] = line
        table.by_path[key] = row
        name = Path(source).name
        table.by_name[name] = None if name in table.by_name else row
    return table


def _check_columns(path: Path, header: list[str]) -> None:
    seen = set()
    for name in header:
        if not name:
            raise ConfigError(f"{path}: a column in the header has no name")
        if name in seen:
            raise ConfigError(f"{path}: column {name!r} appears twice in the header")
        seen.add(name)


def _resolved(source: str, relative_to: Path | None = None) -> str:
    """A path to compare: a relative source in the CSV is taken relative to the current
    folder if that file exists, else to the CSV's folder."""
    path = Path(source).expanduser()
    if not path.is_absolute() and relative_to is not None and not path.exists():
        candidate = relative_to / path
        if candidate.exists():
            path = candidate
    return str(path.resolve())


@dataclass(frozen=True)
class Metadata:
    """Where each document's fields come from: a table, a name pattern, or both."""

    table: MetaTable | None = None
    pattern: NamePattern | None = None

    @property
    def fields(self) -> tuple[str, ...]:
        names = self.pattern.fields if self.pattern else ()
        return names + (self.table.columns if self.table else ())

    def __bool__(self) -> bool:
        return bool(self.table or self.pattern)

    def fields_for(self, source: str) -> tuple[dict[str, str], list[str]]:
        """(fields, problems): every field present (empty when unknown), and a message
        for each source that the table or the pattern does not cover."""
        found = dict.fromkeys(self.fields, "")
        problems = []
        if self.pattern:
            read = self.pattern.read(source)
            if read is None:
                problems.append(f"name does not fit --name-pattern {self.pattern.text!r}")
            else:
                found.update(read)
        if self.table:
            row = self.table.lookup(source)
            if row is None:
                problems.append(f"no row in {self.table.path}")
            else:
                found.update(row)
        return found, problems


def load_metadata(meta: Path | None, name_pattern: str | None) -> Metadata:
    """Both sources checked before any document is scored; a field from both is an error."""
    pattern = compile_name_pattern(name_pattern) if name_pattern else None
    table = load_meta_table(meta) if meta else None
    if pattern and table:
        both = sorted(set(pattern.fields) & set(table.columns))
        if both:
            raise ConfigError(
                f"field {both[0]!r} comes both from --name-pattern and from {table.path}; "
                "rename one"
            )
    return Metadata(table, pattern)


def check_coverage(metadata: Metadata, sources: Iterable[str], shown: int = 10) -> list[str]:
    """One warning per document the metadata does not cover (at most ``shown``, then a
    count), so a mistyped pattern is seen before the run, not after it."""
    if not metadata:
        return []
    messages = []
    missed = 0
    for source in sources:
        _, problems = metadata.fields_for(source)
        if problems:
            missed += 1
            if missed <= shown:
                messages.append(f"{source}: {'; '.join(problems)}; its metadata fields are empty")
    if missed > shown:
        messages.append(f"... and {missed - shown} more documents without metadata")
    return messages


def attach(record: dict, metadata: Metadata) -> dict:
    """The record with ``meta`` set from its source (records keep their key order)."""
    if not metadata:
        return record
    fields, _ = metadata.fields_for(record["source"])
    return {**record, META_KEY: fields}


def meta_of(record: Mapping) -> dict[str, str]:
    """The metadata fields of a record read back from JSONL (empty if none), as CSV
    cells: a list (a ParlaMint sitting's ``government``) is its items joined by ``;``."""
    meta = record.get(META_KEY)
    if not isinstance(meta, Mapping):
        return {}
    return {k: ";".join(map(str, v)) if isinstance(v, list) else v for k, v in meta.items()}
