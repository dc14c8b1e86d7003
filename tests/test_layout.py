"""The layout rules of benchmarks/layout_check.py, enforced in-process (no subprocess)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def layout_check():
    """benchmarks/layout_check.py, imported from its file (benchmarks is no package)."""
    if "layout_check" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "layout_check", ROOT / "benchmarks" / "layout_check.py"
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules["layout_check"] = module  # its dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules["layout_check"]


@pytest.mark.slow  # reads every source file: seconds
def test_layout_of_the_sources_keeps_the_rules():
    layout = layout_check().check(ROOT)
    assert not layout.broken, "\n".join(layout.lines())


def tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_layout_finds_a_cycle_closed_inside_a_function(tmp_path):
    root = tree(
        tmp_path,
        {
            "src/rhetor/__init__.py": "",
            "src/rhetor/a.py": "from rhetor.b import thing\n",
            "src/rhetor/b.py": "def thing():\n    from rhetor import a\n    return a\n",
            "src/rhetor/c.py": "from rhetor import a\n",
        },
    )
    layout = layout_check().check(root)
    assert [[(a, b) for a, b, _ in cycle] for cycle in layout.cycles] == [
        [("rhetor.a", "rhetor.b"), ("rhetor.b", "rhetor.a")]
    ]
    assert layout.broken


def test_layout_finds_private_names_long_modules_and_a_crowded_top(tmp_path):
    files = {
        "src/rhetor/__init__.py": "from rhetor.__about__ import __version__\n",
        "src/rhetor/__about__.py": "__version__ = '1'\n",
        "src/rhetor/pkg/__init__.py": "",
        "src/rhetor/pkg/long.py": "x = 1\n" * 451,
        "src/rhetor/attribution/__init__.py": "",
        "src/rhetor/attribution/engine.py": "x = 1\n" * 451,
        "tests/test_x.py": (
            "from rhetor.pkg.long import _hidden\nimport rhetor.pkg.long as m\nm._y\n"
        ),
        **{f"src/rhetor/m{i}.py": "" for i in range(10)},
    }
    layout = layout_check().check(tree(tmp_path, files))
    assert layout.private == [
        "tests/test_x.py:1: from rhetor.pkg.long import _hidden",
        "tests/test_x.py:3: m._y",
    ]
    # no package is exempt: the attribution engine is held to 450 lines like the rest
    assert sorted(layout.long) == [("rhetor.attribution.engine", 451), ("rhetor.pkg.long", 451)]
    assert layout.long_allowed == []
    assert len(layout.top_level) == 11 and "rhetor.__about__" in layout.top_level
    assert layout.broken
