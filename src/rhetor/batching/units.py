"""What a batch scores, one unit per record: files, texts held in memory, the rows of a
table (``--table``) and the utterances of ParlaMint sittings.

A :class:`Plan` makes its units each time they are asked for, so a table is read
again rather than held: the batch reads it to check the metadata, to count what is
left after ``--resume``, and to score it.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rhetor.batching.metadata import Metadata
from rhetor.batching.runner import content_hash
from rhetor.errors import ConfigError


@dataclass(frozen=True)
class Unit:
    """One document of a batch, as the batch process knows it."""

    source: str  # the record's source: a path, a text's name, a row or utterance id
    data: bytes | None = None  # None: a file, read by the worker
    meta: Mapping[str, Any] | None = None  # fields of its own (a table row, a meta row)
    meta_key: str | None = None  # the path --meta and --name-pattern read (None: none)
    check_language: bool = True  # False: the batch has warned about its language already
    by_id: bool = False  # --resume finds it by source alone (a table row)

    def size(self) -> int:
        """Its bytes, for the progress bar."""
        if self.data is not None:
            return len(self.data)
        try:
            return os.stat(self.source).st_size
        except (OSError, ValueError):  # ValueError: a NUL byte in a listed path
            return 0


@dataclass
class Plan:
    """The units of a batch, and what the batch says about them."""

    make: Callable[[], Iterator[Unit]]
    fields: tuple[str, ...] = ()  # metadata fields the units bring (beyond --meta/--name-pattern)
    coverage: Sequence[str] = ()  # the paths --meta and --name-pattern must cover
    notes: list[str] = field(default_factory=list)  # what was recognised, for the summary
    warnings: list[str] = field(default_factory=list)
    plain_paths: list[str] | None = None  # every unit a plain file: their paths
    government_field: str | None = None  # the field that lists who governs (ParlaMint's)

    def units(self) -> Iterator[Unit]:
        return self.make()


def files_plan(paths: list[str]) -> Plan:
    """Files, each a unit, except ParlaMint sittings: a unit per utterance."""
    from rhetor.batching.parlamint import GOVERNMENT_FIELD, sitting_of, utterances
    from rhetor.io.textio import shown

    sittings = {}
    for path in paths:
        sitting = sitting_of(path)
        if sitting is not None:
            sittings[path] = sitting
    if sittings:  # a sitting's meta file is not a document of its own (--glob "*")
        metas = {os.path.realpath(s.meta_path) for s in sittings.values()}
        paths = [p for p in paths if os.path.realpath(p) not in metas]
    if not sittings:
        return Plan(lambda: (Unit(p, meta_key=p) for p in paths), coverage=paths, plain_paths=paths)
    columns: dict[str, None] = {}
    plan = Plan(lambda: iter(()), coverage=paths)
    for path, sitting in sittings.items():
        columns.update(dict.fromkeys(sitting.columns))
        plan.notes.append(f"{shown(path)}: {sitting.describe()}, a record each")
        if sitting.missing:
            plan.warnings.append(
                f"{shown(path)}: {sitting.missing} utterances have no row in "
                f"{shown(sitting.meta_path)}; their metadata fields are empty"
            )
        if sitting.language is not None and not sitting.english:
            plan.warnings.append(
                f"{shown(path)}: a {sitting.language} sitting ({sitting.corpus}); rhetor's "
                "lexicons and pipeline are English, so its utterances are scored but expect "
                f"few matches (ParlaMint's English translation, {sitting.corpus}-en, "
                "scores properly)"
            )
    utterance_count = sum(s.utterances for s in sittings.values())
    plan.notes.append(
        f"{len(sittings)} ParlaMint sitting{'s' if len(sittings) != 1 else ''}: "
        f"{utterance_count} utterances scored as documents"
    )

    def make() -> Iterator[Unit]:
        for path in paths:
            sitting = sittings.get(path)
            if sitting is None:
                yield Unit(path, meta_key=path)
                continue
            check = sitting.english or sitting.language is None
            for utterance in utterances(sitting):
                data = utterance.text.encode("utf-8")
                yield Unit(utterance.id, data, utterance.meta, path, check_language=check)

    plan.make = make
    plan.fields = (*columns, GOVERNMENT_FIELD)
    plan.government_field = GOVERNMENT_FIELD
    return plan


def texts_plan(documents: Sequence[tuple[str, bytes]]) -> Plan:
    """Texts held in memory (:func:`rhetor.batch` with a mapping), each a unit."""
    names = [name for name, _ in documents]
    return Plan(
        lambda: (Unit(name, data, meta_key=name) for name, data in documents), coverage=names
    )


def table_plan(table) -> Plan:
    """The rows of a checked :class:`~rhetor.batching.table.Table`, each a unit."""
    from rhetor.batching.table import table_rows

    ids = repr(table.id_column) if table.id_column else "the row numbers"
    note = (
        f"{table.name}: a table of {table.rows} rows, a document each "
        f"(text: {table.text_column!r}, ids: {ids})"
    )

    def make() -> Iterator[Unit]:
        for row in table_rows(table):
            yield Unit(row.id, row.text.encode("utf-8", "surrogatepass"), row.meta, by_id=True)

    return Plan(make, fields=table.fields, notes=[note])


def fields_of(unit: Unit, metadata: Metadata, fields: Sequence[str]) -> dict[str, Any]:
    """A unit's metadata: every field of the batch, from --meta and --name-pattern (by
    its path) and from the unit itself; empty where nothing says."""
    found: dict[str, Any] = dict.fromkeys(fields, "")
    if metadata and unit.meta_key is not None:
        found.update(metadata.fields_for(unit.meta_key)[0])
    if unit.meta:
        found.update(unit.meta)
    return found


def not_done(units: Iterable[Unit], done: set[tuple[str, str | None]]) -> Iterator[Unit]:
    """The units ``--resume`` has still to score: a row whose id is in the output, or a
    document whose source and content are, is done."""
    from rhetor.io.textio import shown

    if not done:
        yield from units
        return
    sources = {source for source, _ in done}
    for unit in units:
        key = shown(unit.source)
        if unit.by_id:
            finished = key in sources
        elif unit.data is not None:
            finished = (key, content_hash(unit.data)) in done
        else:
            finished = (key, hash_of(unit.source)) in done
        if not finished:
            yield unit


def hash_of(path: str) -> str | None:
    """The content hash a worker would record for ``path`` (None if it cannot be read)."""
    from rhetor.errors import InputError
    from rhetor.io.textio import read_bytes

    try:
        return content_hash(read_bytes(path))
    except InputError:
        return None


def record_fields(metadata: Metadata, plan: Plan) -> list[str]:
    """The metadata fields of every record: --meta and --name-pattern's, then the
    plan's (a table's columns, ParlaMint's meta columns); one from both is an error."""
    both = sorted(set(metadata.fields) & set(plan.fields))
    if both:
        raise ConfigError(
            f"field {both[0]!r} comes both from --meta/--name-pattern and from the documents' "
            "own metadata; rename one"
        )
    return [*metadata.fields, *plan.fields]


def to_score(plan: Plan, done: set, *, counted: bool) -> tuple[Iterable[Unit], int | None, int]:
    """The units left to score, how many (None: not counted) and their bytes (counted
    only when asked: counting reads a table once more)."""
    if plan.plain_paths is not None:
        units = list(not_done(plan.units(), done))
        return units, len(units), sum(u.size() for u in units) if counted else 0
    if not counted:
        return not_done(plan.units(), done), None, 0
    count = size = 0
    for unit in not_done(plan.units(), done):
        count, size = count + 1, size + unit.size()
    return not_done(plan.units(), done), count, size


def take(pending: dict[str, deque], source: str) -> tuple[Unit | None, dict]:
    """The unit (and its fields) a record came from, by its source."""
    queue = pending.get(source)
    if not queue:
        return None, {}
    found = queue.popleft()
    if not queue:
        del pending[source]
    return found
