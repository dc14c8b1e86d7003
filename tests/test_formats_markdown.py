from __future__ import annotations

import re
import subprocess
import sys

import pytest

from rhetor.formats import OutputFormat, RenderContext, get_formatter
from rhetor.formats.markdown import bold_span, escape
from rhetor.report.model import Mention
from tests.test_formats_html import CLAIMS, MENTIONS, SENTENCES, TEXT, VALUES, build_report

# An unescaped "|": one not preceded by an odd number of backslashes.
CELL_BORDER = re.compile(r"(?<!\\)(?:\\\\)*\|")


def render(report, text: str | None = TEXT) -> str:
    return get_formatter(OutputFormat.markdown).render(report, RenderContext(text=text))


def section(page: str, title: str) -> str:
    """The body of one ``## title`` section."""
    return page.split(f"## {title}\n\n", 1)[1].split("\n\n## ", 1)[0]


def to_html(page: str) -> str:
    """The page as a CommonMark + GFM-tables renderer with raw HTML enabled sees it."""
    markdown_it = pytest.importorskip("markdown_it")
    return markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(page)


def test_markdown_header_has_source_and_stats():
    page = render(build_report())
    assert page.startswith("# rhetor: speech \\<1\\>.txt\n\n")
    assert "24 words · 3 sentences · 142 characters · model en\\_test 1.0" in page


def test_markdown_values_table_has_a_row_per_value():
    rows = section(render(build_report()), "Values invoked").splitlines()
    assert rows[0] == "| value | mentions | virtue | vice | negated | per 1,000 words |"
    assert rows[2] == "| democracy | 1 | 1 | 0 | 0 | 41.67 |"
    assert rows[3] == "| fairness | 3 | 2 | 1 | 1 | 125.00 |"
    assert len(rows) == 2 + len(VALUES)


def test_markdown_table_cells_escape_pipes_so_every_row_has_the_same_cells():
    table = section(render(build_report()), "Who holds which value").split("\n\n")[0]
    rows = table.splitlines()
    assert rows[2].startswith("| Us \\| we | ")
    assert {len(CELL_BORDER.findall(row)) for row in rows} == {len(rows[0].split(" | ")) + 1}


def test_markdown_matrix_cells_list_stance_counts():
    table = section(render(build_report()), "Who holds which value")
    assert table.splitlines()[0] == "| side | democracy | fairness | solidarity |"
    assert "| Us \\| we |   | claims 2 | claims 1 |" in table
    assert "| Them \\<b\\> (auto) |   | appropriates 1 |   |" in table
    assert table.endswith("1 mention held by no side")


def test_markdown_lists_contested_values():
    body = section(render(build_report()), "Contested values")
    assert body == "- **fairness**: claimed by Us \\| we; ⚠ appropriates by Them \\<b\\>"


def test_markdown_evidence_has_one_bullet_per_claim():
    bullets = section(render(build_report()), "Evidence").splitlines()
    assert len(bullets) == len(CLAIMS)
    assert all(b.startswith("- ") for b in bullets)
    assert bullets[0] == (
        "- ✔ Us \\| we claims **fairness** (holder “We”, possessive): "
        "We stand for **fairness** \\& solidarity."
    )
    assert bullets[2].startswith("- ⚠ Them \\<b\\> appropriates **fairness** (holder “They”")
    assert bullets[4].startswith("- ✘ no side opposes **democracy** (unattributed): ")


def test_markdown_without_sides_has_one_bullet_per_mention():
    page = render(build_report(sides=(), claims=()))
    assert "## Who holds which value" not in page and "## Contested values" not in page
    bullets = section(page, "Evidence").splitlines()
    assert len(bullets) == len(MENTIONS)
    assert bullets[3] == (
        "- **fairness (vice, negated)**: A \\| pipe, \\***stars**\\*, \\`ticks\\` and "
        "\\_under\\_ for democracy."
    )


def test_markdown_without_any_mention_says_so():
    page = render(build_report(mentions=(), sides=(), claims=()))
    assert section(page, "Evidence") == "No value language found.\n"


@pytest.mark.parametrize(
    "raw,escaped",
    [
        ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
        ("a | b", "a \\| b"),
        ("*x* _y_ `z` ~w~", "\\*x\\* \\_y\\_ \\`z\\` \\~w\\~"),
        ("[link](http://x) & $5 #1", "\\[link\\](http://x) \\& \\$5 \\#1"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines\r\n  folded", "two lines folded"),
    ],
)
def test_markdown_escape(raw, escaped):
    assert escape(raw) == escaped


def test_markdown_bold_span_moves_edge_spaces_out_and_ignores_bad_offsets():
    assert bold_span("Stand for fairness now.", 9, 10) == "Stand for **fairness** now."
    assert bold_span("Stand for fairness.", 40, 3) == "Stand for fairness."


def test_markdown_folds_multiline_sentences_onto_one_bullet():
    sentence = "We believe in\ncollective action."
    start = sentence.index("collective")
    m = Mention("solidarity", "virtue", False, "collective action", start, start + 17, sentence, 0)
    page = render(build_report(mentions=(m,), sides=(), claims=()))
    assert "- **solidarity (virtue)**: We believe in **collective action**.\n" in page


def test_markdown_renders_as_intended_gfm():
    html = to_html(render(build_report()))
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<table>") == 2
    # Every body row of the matrix has its four cells, "|" in a label included.
    assert "<td>Us | we</td>" in html
    for row in re.findall(r"<tr>\n(.*?)</tr>", html, re.DOTALL):
        assert row.count("<td") in (0, 4, 6)
    assert html.count("<li>") == 1 + len(CLAIMS)
    assert "<strong>fairness</strong> &amp; solidarity" in html


def test_markdown_ignores_the_text_and_is_deterministic():
    report = build_report()
    assert render(report) == render(report, text=None) == render(build_report())
    assert SENTENCES[1] not in render(report)


@pytest.mark.slow
def test_markdown_formatter_does_not_import_spacy():
    code = (
        "import sys\n"
        "import rhetor.formats.markdown\n"
        "assert not any(m.startswith('spacy') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
