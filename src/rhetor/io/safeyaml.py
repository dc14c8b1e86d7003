"""YAML for files a user hands rhetor: the safe loader, with limits.

Every YAML file rhetor reads (lexicons, cue words, sides, quanteda dictionaries,
gold files) goes through here. Besides PyYAML's safe loader (no tags that run
code), it refuses, with the file and line:

- nesting deeper than :data:`MAX_DEPTH` (PyYAML's composer recurses, and a file
  nested thousands deep ends in RecursionError);
- a document that would grow past :data:`MAX_NODES` nodes once its aliases are
  expanded (a "billion laughs" bomb is a few lines long), or whose aliases refer
  to themselves;
- any tag beyond the plain YAML types.
"""

from __future__ import annotations

from rhetor.errors import LexiconError

MAX_DEPTH = 64
MAX_NODES = 2_000_000

_STANDARD_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}


class YamlError(LexiconError):
    """A YAML file is malformed, too deep, too large once expanded, or not plain data."""


def compose_yaml(text: str, source: str, *, trusted: bool = False):
    """Parse YAML safely into a node tree (None for an empty file), within the limits.

    ``trusted`` text (the files shipped inside the package, never a user's) is composed
    by libyaml where PyYAML has it: five times faster, which is most of loading the
    lexicons at start-up, but it cannot count depth as it goes, so text from outside
    the package always takes the guarded composer."""
    import yaml

    loader = None
    try:
        loader = (
            yaml.CSafeLoader(text)
            if trusted and getattr(yaml, "__with_libyaml__", False)
            else _loader_class()(text)
        )
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError(f"malformed YAML: {problem}", source=source, line=line) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"malformed YAML: {exc}", source=source) from None
    except _TooDeep as exc:
        raise YamlError(
            f"nested more than {MAX_DEPTH} levels deep", source=source, line=exc.line
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is not None:
        _check_tree(node, source)
    return node


def load_yaml(text: str, source: str):
    """Plain Python data (dicts, lists, strings, numbers) from YAML text, within the limits."""
    return construct_yaml(compose_yaml(text, source), source)


def construct_yaml(node, source: str):
    """Plain Python data from a node tree of :func:`compose_yaml` (None for None), for a
    caller that reads the tree too (for line numbers) and should not parse twice."""
    import yaml

    if node is None:
        return None
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise YamlError(
            f"malformed YAML: {getattr(exc, 'problem', None) or exc}",
            source=source,
            line=mark.line + 1 if mark else None,
        ) from None
    finally:
        loader.dispose()


class _TooDeep(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


_LOADER = None


def _loader_class():
    """A SafeLoader whose composer counts how deep it is (built once, on first use)."""
    global _LOADER
    if _LOADER is None:
        import yaml

        class DepthLimitedLoader(yaml.SafeLoader):
            depth = 0

            def compose_node(self, parent, index):
                self.depth += 1
                try:
                    if self.depth > MAX_DEPTH:
                        raise _TooDeep(self.peek_event().start_mark.line + 1)
                    return super().compose_node(parent, index)
                finally:
                    self.depth -= 1

        _LOADER = DepthLimitedLoader
    return _LOADER


def _children(node) -> list:
    if not isinstance(node.value, list):
        return []
    children = []
    for item in node.value:
        children.extend(item if isinstance(item, tuple) else (item,))
    return children


def _check_tree(root, source: str) -> None:
    """Refuse non-plain tags, alias cycles, and trees too large once aliases are expanded.

    Sizes are counted once per shared node (iteratively: a chain of aliases can make the
    expanded tree far deeper than the file), so the check itself stays cheap."""
    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            size[key] = 1 + sum(size[id(child)] for child in _children(node))
            if size[key] > MAX_NODES:
                raise YamlError(
                    f"aliases expand to more than {MAX_NODES:,} nodes",
                    source=source,
                    line=_line(node),
                )
            continue
        if key in size:
            continue
        if key in on_path:
            raise YamlError("an alias refers to itself", source=source, line=_line(node))
        if node.tag not in _STANDARD_TAGS:
            raise YamlError(
                f"YAML tag {node.tag!r} is not allowed (only plain data)",
                source=source,
                line=_line(node),
            )
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in size)
    return None


def _line(node) -> int:
    return node.start_mark.line + 1
