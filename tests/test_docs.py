"""The README and docs/ stay true: the install and test commands CI runs, the JSON
fields the report has, links that resolve, and no path outside the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import rhetor

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
INSTALL = 'python -m pip install -e ".[dev]"'
TEST = "python -m pytest"


def test_docs_readme_is_short():
    lines = README.read_text(encoding="utf-8").count("\n")
    assert lines <= 400, f"README.md has {lines} lines; move detail into docs/ (at most 400)"


def test_docs_readme_gives_the_commands_ci_runs():
    readme = README.read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for command in (INSTALL, TEST):
        assert command in readme, command
        assert command in ci, command


def _documented_fields(readme: str) -> set[str]:
    section = readme.split("## The JSON report", 1)[1].split("\n## ", 1)[0]
    fields = set()
    for row in section.splitlines():
        if not row.startswith("| `"):
            continue
        names = re.findall(r"`([^`]+)`", row.split(" | ")[0])
        prefix = names[0].rsplit(".", 1)[0] if "." in names[0] else ""
        for name in names:
            fields.add(prefix + name if name.startswith(".") else name)
    return fields | {re.split(r"[.\[]", field)[0] for field in fields}  # model.name: model


def test_docs_readme_json_fields_match_the_report():
    report = rhetor.analyse(
        "We believe in fairness. The Tories betray democracy.",
        model="blank:en",
        sides={"greens": ["we"], "tories": ["Tories"]},
    ).to_dict()
    actual = set(report)
    for key in ("model", "stats"):
        actual |= {f"{key}.{sub}" for sub in report[key]}
    for key in ("values", "matches", "sides", "claims"):
        assert report[key], key
        actual |= {f"{key}[]"} | {f"{key}[].{sub}" for sub in report[key][0]}
    documented = _documented_fields(README.read_text(encoding="utf-8"))
    assert not actual - documented, (
        f"fields missing from the README's JSON table: {sorted(actual - documented)}"
    )
    assert not documented - actual, (
        f"README documents fields the report lacks: {sorted(documented - actual)}"
    )


LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.mark.parametrize("page", [README, *DOCS], ids=lambda p: p.name)
def test_docs_links_resolve(page):
    text = page.read_text(encoding="utf-8")
    for target in LINK.findall(text):
        if target.startswith(("http://", "https://", "mailto:", "#")):
            continue
        path = (page.parent / target.split("#", 1)[0]).resolve()
        assert path.exists(), f"{page.name}: link to {target} does not resolve"
        assert ROOT in path.parents or path == ROOT, f"{page.name}: {target} leaves the repository"


OUTSIDE = re.compile(r"\.\./shared|/work/|shared/(gold|corpora)")


def test_docs_name_no_path_outside_the_repository():
    files = [README, *DOCS, *sorted((ROOT / "examples").iterdir())]
    for path in files:
        if path.suffix in {".png", ".jpg"} or not path.is_file():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not OUTSIDE.search(line), f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
