"""docs/cli.md is every command's --help; it must match the help rhetor prints now."""

from __future__ import annotations

import difflib
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "gen_cli_docs.py"


def _generator():
    spec = importlib.util.spec_from_file_location("gen_cli_docs", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_cli_md_is_current():
    gen = _generator()
    expected = gen.render()
    current = gen.CLI_MD.read_text(encoding="utf-8") if gen.CLI_MD.exists() else ""
    if current != expected:
        diff = "".join(
            difflib.unified_diff(
                current.splitlines(keepends=True),
                expected.splitlines(keepends=True),
                "docs/cli.md (on disk)",
                "docs/cli.md (from --help now)",
                n=1,
            )
        )
        raise AssertionError(
            f"docs/cli.md is out of date with the commands' --help. Run\n\n"
            f"    {gen.COMMAND}\n\nand commit docs/cli.md.\n\n{diff[:4000]}"
        )


def test_docs_cli_md_has_every_command():
    import typer

    from rhetor.cli import app

    gen = _generator()
    paths = [" ".join(p) for p, _ in gen._commands(typer.main.get_command(app), ("rhetor",))]
    assert {"rhetor analyse", "rhetor batch", "rhetor lexicons import", "rhetor cache info"} <= set(
        paths
    )
    text = gen.render()
    for path in paths:
        assert f"## `{path}`" in text
        assert f"Usage: {path}" in text, path
