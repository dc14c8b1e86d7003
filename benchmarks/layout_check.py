"""Check the layout of rhetor's sources: no import cycles, no private names borrowed, a
short top level, no long modules.

    python benchmarks/layout_check.py

Prints, for the modules under ``src/rhetor``:

- import cycles among rhetor modules, counting every import (at module level, inside
  functions, under ``TYPE_CHECKING``), each cycle with the imports that close it;
- imports of another module's private names (``from x import _y``, or ``x._y`` on a
  module imported as ``x``; dunders such as ``__version__`` are public), in ``src``,
  ``tests`` and ``benchmarks``;
- the modules at the top of ``src/rhetor`` (at most ten);
- modules over 450 lines (the attribution engine, ``rhetor.attribution``, is exempt).

Exits 1 when any rule is broken. ``tests/test_layout.py`` runs :func:`check` in-process.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "rhetor"
MAX_TOP_LEVEL = 10
MAX_LINES = 450
# Modules under these packages may be longer (their owners split them on their own terms).
LONG_ALLOWED = ("rhetor.attribution",)


@dataclass
class Layout:
    """What :func:`check` found; ``broken`` is True when any rule is broken."""

    cycles: list[list[tuple[str, str, int]]] = field(default_factory=list)
    private: list[str] = field(default_factory=list)
    top_level: list[str] = field(default_factory=list)
    long: list[tuple[str, int]] = field(default_factory=list)
    long_allowed: list[tuple[str, int]] = field(default_factory=list)

    @property
    def broken(self) -> bool:
        return bool(self.cycles or self.private or len(self.top_level) > MAX_TOP_LEVEL or self.long)

    def lines(self) -> Iterator[str]:
        yield f"import cycles: {len(self.cycles)}"
        for cycle in self.cycles:
            yield (
                "  "
                + " -> ".join(f"{a} (line {line})" for a, _, line in cycle)
                + (f" -> {cycle[0][0]}")
            )
        yield f"imports of private names: {len(self.private)}"
        yield from (f"  {where}" for where in self.private)
        verdict = "ok" if len(self.top_level) <= MAX_TOP_LEVEL else f"over {MAX_TOP_LEVEL}"
        yield f"modules at the top of src/{PACKAGE}: {len(self.top_level)} ({verdict})"
        yield from (f"  {name}" for name in self.top_level)
        yield f"modules over {MAX_LINES} lines: {len(self.long)}"
        yield from (f"  {name}: {count}" for name, count in self.long)
        for name, count in self.long_allowed:
            yield f"  (allowed: {name}: {count})"
        yield "layout: broken" if self.broken else "layout: ok"


def module_files(src: Path) -> dict[str, Path]:
    """Module name -> file, for every module of the package under ``src``."""
    found = {}
    for path in sorted((src / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _absolute(module: str | None, level: int, importer: str, is_package: bool) -> str:
    """The absolute name a (possibly relative) ``from`` import names."""
    if not level:
        return module or ""
    base = importer.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, module] if module else base)


def imports(name: str, path: Path, modules: dict[str, Path]) -> Iterator[tuple[str, int]]:
    """(imported rhetor module, line) for every import in the module, wherever it is."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in modules:
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(node.module, node.level, name, is_package)
            if source not in modules:
                continue
            targets = {f"{source}.{alias.name}" for alias in node.names}
            submodules = targets & modules.keys()
            yield from ((target, node.lineno) for target in sorted(submodules))
            if len(submodules) < len(targets):  # names defined in the module itself
                yield source, node.lineno


def import_graph(modules: dict[str, Path]) -> dict[str, dict[str, int]]:
    """Module -> {imported module: line of the first such import}."""
    graph: dict[str, dict[str, int]] = {}
    for name, path in modules.items():
        edges = graph.setdefault(name, {})
        for target, line in imports(name, path, modules):
            if target != name:
                edges.setdefault(target, line)
    return graph


def _components(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Strongly connected components (Tarjan), iteratively."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _a_cycle(graph: dict[str, dict[str, int]], members: list[str]) -> list[tuple[str, str, int]]:
    """One cycle through the first module of a strongly connected component, as
    (importer, imported, line) steps (breadth first: a shortest one)."""
    inside = set(members)
    start = members[0]
    came: dict[str, str] = {}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node]):
            if child not in inside:
                continue
            if child == start:
                steps = [(node, start)]
                while node != start:
                    steps.append((came[node], node))
                    node = came[node]
                return [(a, b, graph[a][b]) for a, b in reversed(steps)]
            if child not in came:
                came[child] = node
                queue.append(child)
    return []


def cycles(graph: dict[str, dict[str, int]]) -> list[list[tuple[str, str, int]]]:
    return [_a_cycle(graph, members) for members in _components(graph)]


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_imports(path: Path, modules: dict[str, Path], shown: str) -> Iterator[str]:
    """Where ``path`` takes a private name from another rhetor module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    own = next((m for m, p in modules.items() if p == path), None)
    is_package = path.name == "__init__.py"
    bound: set[str] = set()  # local names bound to rhetor modules
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in modules:
                    bound.add(alias.asname or alias.name)
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(node.module, node.level, own or "", is_package)
            if source not in modules or source == own:
                continue
            for alias in node.names:
                if f"{source}.{alias.name}" in modules:
                    bound.add(alias.asname or alias.name)
                elif _private(alias.name):
                    yield f"{shown}:{node.lineno}: from {source} import {alias.name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            target = ast.unparse(node.value)
            if target in bound:
                yield f"{shown}:{node.lineno}: {target}.{node.attr}"


def check(root: Path = ROOT) -> Layout:
    """Check the layout of the sources under ``root`` (the repository)."""
    src = root / "src"
    modules = module_files(src)
    layout = Layout()
    layout.cycles = cycles(import_graph(modules))
    scanned = [*modules.values()]
    for folder in ("tests", "benchmarks"):
        scanned += sorted((root / folder).rglob("*.py"))
    for path in scanned:
        layout.private += private_imports(path, modules, str(path.relative_to(root)))
    layout.top_level = sorted(
        name
        for name, path in modules.items()
        if name.count(".") == 1 and path.name != "__init__.py"
    )
    for name, path in modules.items():
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > MAX_LINES:
            allowed = any(name == p or name.startswith(p + ".") for p in LONG_ALLOWED)
            (layout.long_allowed if allowed else layout.long).append((name, count))
    return layout


def main() -> int:
    layout = check()
    for line in layout.lines():
        print(line)
    return 1 if layout.broken else 0


if __name__ == "__main__":
    sys.exit(main())
