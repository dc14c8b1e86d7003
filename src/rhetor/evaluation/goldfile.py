"""Read gold files: hand-annotated passages for ``rhetor evaluate``.

The format (documented in ``docs/evaluation.md``, with an example in ``examples/``)::

    passages:
      - id: p1                      # optional; the passage's number otherwise
        text: "We believe in fairness."   # or file: relative/to/this/file.txt
        sides: {labour: [we, our]}  # side name -> aliases
        expect:                     # the [value, side, stance] triples
          - [fairness, labour, claims]
        source: ...                 # optional notes, not scored: source, stratum,
                                    # phenomenon, note, notes

A key that is none of these is refused with its file and line: a misspelt
``expected:`` would otherwise leave every passage with nothing expected, and
every prediction would count as a false alarm.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rhetor.errors import ConfigError, InputError, LexiconError

Triple = tuple[str, str, str]


@dataclass(frozen=True)
class Passage:
    """One gold passage: its text, its sides (name -> aliases) and the expected triples."""

    id: str
    text: str
    sides: dict[str, list[str]]
    expected: frozenset[Triple]
    # Debate: the sides that govern, the first holding "the Government", "the Minister"
    government: tuple[str, ...] = ()
    # The checked parts of a whole document, as [start, end) character offsets: only
    # claims and mentions that start inside one are scored (empty: the whole text)
    spans: tuple[tuple[int, int], ...] = ()
    # Values the passage invokes with no side holding them ("right value, no side")
    values: frozenset[str] = frozenset()


PASSAGE_KEYS = ("id", "text", "file", "sides", "government", "spans", "values", "expect")
NOTE_KEYS = (
    "source",
    "stratum",
    "phenomenon",
    "note",
    "notes",
    "sentences",
    "speech",
)


def load_gold(path: str | Path):
    """The passages of a gold file, each checked; errors name the file and line."""
    from rhetor.io.safeyaml import compose_yaml, construct_yaml
    from rhetor.io.textio import read_text

    path = Path(path)
    try:
        text = read_text(str(path))
    except InputError as exc:
        if not path.exists() and not path.is_symlink():
            raise ConfigError(f"{path}: no such gold file") from None
        raise ConfigError(f"cannot read gold file: {exc}") from None
    try:
        root = compose_yaml(text, str(path))
        data = construct_yaml(root, str(path))
    except LexiconError as exc:
        raise ConfigError(f"{exc} (gold file)") from None
    if not isinstance(data, dict) or not isinstance(data.get("passages"), list):
        raise ConfigError(f"{path}: a gold file needs a 'passages' list")
    lines = _passage_key_lines(root)
    return [
        _passage(item, path, n, lines[n - 1] if n <= len(lines) else {})
        for n, item in enumerate(data["passages"], 1)
    ]


def _passage_key_lines(root) -> list[dict[str, int]]:
    """For each passage, the line of each of its keys (from the YAML node tree)."""
    import yaml

    for key, value in root.value:
        if key.value == "passages" and isinstance(value, yaml.SequenceNode):
            return [
                {k.value: k.start_mark.line + 1 for k, _ in item.value}
                if isinstance(item, yaml.MappingNode)
                else {}
                for item in value.value
            ]
    return []


def _passage(item, path: Path, number: int, lines: dict[str, int]):
    from rhetor.report.model import STANCES

    where = f"{path}: passage {number}"
    if not isinstance(item, dict):
        raise ConfigError(f"{where}: expected a mapping")
    for key in item:
        if key not in PASSAGE_KEYS and key not in NOTE_KEYS:
            line = lines.get(key)
            at = f"{path}:{line}" if line else str(path)
            hint = " (did you mean 'expect'?)" if str(key).startswith("expect") else ""
            raise ConfigError(
                f"{at}: unknown key {key!r}{hint}; a passage has "
                f"{', '.join(PASSAGE_KEYS)} and the notes {', '.join(NOTE_KEYS)}"
            )
    pid = str(item.get("id", number))
    where = f"{path}: passage {pid!r}"
    if "text" in item:
        text = str(item["text"])
    elif "file" in item:
        text = _passage_file(path, item["file"], where)
    else:
        raise ConfigError(f"{where}: needs 'text' or 'file'")
    sides = item.get("sides") or {}
    if not isinstance(sides, dict) or not all(isinstance(v, list) for v in sides.values()):
        raise ConfigError(f"{where}: 'sides' must map side names to lists of aliases")
    expected = set()
    for triple in item.get("expect") or []:
        if not isinstance(triple, list) or len(triple) != 3 or triple[2] not in STANCES:
            raise ConfigError(
                f"{where}: expected triples look like [value, side, stance] "
                f"with stance one of {', '.join(STANCES)}; got {triple!r}"
            )
        expected.add(tuple(str(x) for x in triple))
    sides = {str(k): [str(a) for a in v] for k, v in sides.items()}
    government = item.get("government") or []
    if not isinstance(government, list) or not all(g in sides for g in government):
        raise ConfigError(f"{where}: 'government' must list some of the passage's sides")
    spans = _spans(item.get("spans"), len(text), where)
    values = item.get("values") or []
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise ConfigError(f"{where}: 'values' must be a list of value ids")
    return Passage(
        pid, text, sides, frozenset(expected), tuple(government), spans, frozenset(values)
    )


def _spans(spans, length: int, where: str) -> tuple[tuple[int, int], ...]:
    """[start, end) character ranges inside the text, checked."""
    if not spans:
        return ()
    ok = isinstance(spans, list) and all(
        isinstance(s, list)
        and len(s) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) for n in s)
        and 0 <= s[0] < s[1] <= length
        for s in spans
    )
    if not ok:
        raise ConfigError(f"{where}: 'spans' must list [start, end] offsets inside the text")
    return tuple((s[0], s[1]) for s in spans)


def _passage_file(path: Path, name, where: str) -> str:
    from rhetor.io.textio import read_document

    file = (path.parent / str(name)).resolve()
    try:
        document = read_document(str(file))
    except InputError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    return document.text
