"""Reading composed YAML nodes into checked Python values, with the line of each problem.

Lexicon and cue files are composed into nodes (:func:`rhetor.io.safeyaml.compose_yaml`),
not loaded into Python objects, so that every problem can name the file, the key and the
line. These helpers read one node each and raise :class:`rhetor.errors.LexiconError`
when it is not what the file format expects. They know nothing of lexicons.
"""

from __future__ import annotations

from collections.abc import Sequence

from rhetor.errors import LexiconError

PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
}


def line_of(node) -> int:
    """The line (counted from 1) where ``node`` begins."""
    return node.start_mark.line + 1


def scalar(node, source: str, key: str) -> str:
    """A plain scalar's text (text, a number or a flag, as written)."""
    import yaml

    if not isinstance(node, yaml.ScalarNode) or node.tag not in PLAIN_TAGS:
        raise LexiconError(
            "expected a plain text value", source=source, key=key, line=line_of(node)
        )
    return str(node.value)


def mapping_items(node, source: str, key: str | None = None) -> list[tuple[str, object]]:
    """The (key, value node) pairs of a mapping node, keys checked to be text."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        raise LexiconError("expected a mapping", source=source, key=key, line=line_of(node))
    items = []
    seen: set[str] = set()
    for key_node, value_node in node.value:
        name = scalar(key_node, source, key or "key")
        if name in seen:
            raise LexiconError("key given twice", source=source, key=name, line=line_of(key_node))
        seen.add(name)
        items.append((name, value_node))
    return items


def sequence_items(node, source: str, key: str) -> list:
    """The item nodes of a list node that is not empty."""
    import yaml

    if not isinstance(node, yaml.SequenceNode):
        raise LexiconError("expected a list", source=source, key=key, line=line_of(node))
    if not node.value:
        raise LexiconError("list is empty", source=source, key=key, line=line_of(node))
    return list(node.value)


def choice(node, source: str, key: str, choices: Sequence[str]) -> str:
    """A scalar that must be one of ``choices``."""
    text = scalar(node, source, key)
    if text not in choices:
        raise LexiconError(
            f"{text!r} is not one of: {', '.join(choices)}",
            source=source,
            key=key,
            line=line_of(node),
        )
    return text


def flag(node, source: str, key: str) -> bool:
    """``true`` or ``false``."""
    text = scalar(node, source, key).lower()
    if text not in {"true", "false"}:
        raise LexiconError("expected true or false", source=source, key=key, line=line_of(node))
    return text == "true"


def plain_value(node, source: str, key: str):
    """Text, a whole number, or a list of texts."""
    import yaml

    if isinstance(node, yaml.SequenceNode):
        return [scalar(item, source, key) for item in node.value]
    if node.tag == "tag:yaml.org,2002:int":
        return int(node.value)
    return scalar(node, source, key)
