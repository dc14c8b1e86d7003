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
import re
from collections.abc import Iterable, Mapping, Sequence
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
class Hole:
    """A ``{field}`` (or ``*``) of a name pattern: how much text it takes, and which."""

    field: bool  # False for *
    minimum: int  # characters it takes at the least (0 for *, else 1)
    greedy: bool  # takes as much as it can (True) or as little (False)
    digits: bool  # {field:d}


@dataclass(frozen=True)
class NamePattern:
    """A file-name pattern: literal text between holes.

    ``regex`` is the same pattern as a regular expression, for other tools. rhetor
    matches with :meth:`read`, which gives the same fields without backtracking: a
    regular expression with many ``*`` can take hours to fail on a long name."""

    text: str
    fields: tuple[str, ...]
    regex: re.Pattern
    literals: tuple[str, ...] = ()
    holes: tuple[Hole, ...] = ()

    def read(self, path: str) -> dict[str, str] | None:
        """The fields of ``path``'s name (or of its tail, when the pattern has a '/');
        None if the name does not fit the pattern."""
        depth = self.text.count("/") + 1
        name = "/".join(Path(path).parts[-depth:])
        found = match_holes(name, self.literals, self.holes)
        return dict(zip(self.fields, found, strict=True)) if found is not None else None


def match_holes(name: str, literals: Sequence[str], holes: Sequence[Hole]) -> list[str] | None:
    """The text of each field hole when ``name`` is ``literals[0] holes[0] literals[1] ...``
    (a hole never takes a newline), or None; the holes split the name as a backtracking
    regular expression with the same lazy and greedy holes would, in time linear in the
    length of the name for each hole.

    From the last hole back, ``good[i][q]`` says whether hole ``i`` may end at ``q``: the
    literal after it is there and the rest of the pattern fits after that. Then each
    hole, from the first, ends at the first such place in its order of preference."""
    size = len(name)
    if not name.startswith(literals[0]):
        return None
    newline_at = [size] * (size + 1)  # the first newline at or after p
    digits_to = list(range(size + 1))  # the end of the run of digits from p
    for p in range(size - 1, -1, -1):
        newline_at[p] = p if name[p] == "\n" else newline_at[p + 1]
        if name[p].isdecimal():  # what \d matches in a str pattern
            digits_to[p] = digits_to[p + 1]

    def last_end(hole: Hole, p: int) -> int:
        return digits_to[p] if hole.digits else newline_at[p]

    fits = [False] * (size + 1)  # the rest of the pattern fits from p
    fits[size] = True
    good: list[list[bool]] = [[]] * len(holes)
    for i in range(len(holes) - 1, -1, -1):
        after = literals[i + 1]
        ends = [
            q + len(after) <= size and fits[q + len(after)] and name.startswith(after, q)
            for q in range(size + 1)
        ]
        good[i] = ends
        before = [0] * (size + 2)  # good ends before q
        for q in range(size + 1):
            before[q + 1] = before[q] + ends[q]
        hole = holes[i]
        fits = [False] * (size + 1)
        for p in range(size + 1):
            first, last = p + hole.minimum, last_end(hole, p)
            fits[p] = first <= last and before[last + 1] > before[first]
    start = len(literals[0])
    if not fits[start]:
        return None
    found = []
    for i, hole in enumerate(holes):
        first, last = start + hole.minimum, last_end(hole, start)
        order = range(last, first - 1, -1) if hole.greedy else range(first, last + 1)
        end = next(q for q in order if good[i][q])
        if hole.field:
            found.append(name[start:end])
        start = end + len(literals[i + 1])
    return found


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
    return NamePattern(
        text,
        tuple(fields),
        re.compile(_regex(holes, literals, kinds)),
        tuple(literals),
        _holes(holes, kinds),
    )


def _holes(holes: list[re.Match], kinds: list[str | None]) -> tuple[Hole, ...]:
    """The holes as :func:`_regex` writes them: ``*`` lazy, the first and last field
    lazy, middle fields greedy, digits greedy."""
    named = [i for i, h in enumerate(holes) if h.group(0) != "*"]
    kind_of = dict(zip(named, kinds, strict=True))
    found = []
    for i, hole in enumerate(holes):
        if hole.group(0) == "*":
            found.append(Hole(field=False, minimum=0, greedy=False, digits=False))
        else:
            digits = kind_of[i] is not None
            edge = i in (named[0], named[-1])
            found.append(Hole(field=True, minimum=1, greedy=digits or not edge, digits=digits))
    return tuple(found)


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
    from rhetor.io.csvcells import csv_reader  # cells of any size, line breaks kept
    from rhetor.io.textio import read_text  # files and pipes only, under the size cap

    try:
        rows = list(csv_reader(read_text(str(path))))
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
