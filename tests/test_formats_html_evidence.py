"""The HTML report's evidence list, matrix links and side colours (fixtures from
test_formats_html); in headless Chromium when it is installed."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from rhetor.attribution.sides import SideStyle
from rhetor.formats import OutputFormat, RenderContext, get_formatter
from rhetor.formats.html_evidence import tint
from tests.test_formats_html import CLAIMS, TEXT, build_report, chromium

CHECK_SCRIPT = Path(__file__).parent / "data" / "html_evidence_check.js"


def render(styles=None, report=None) -> str:
    context = RenderContext(text=TEXT, side_styles=styles)
    return get_formatter(OutputFormat.html).render(report or build_report(), context)


def test_html_evidence_lists_every_claim_once_grouped_by_side_and_value():
    page = render()
    groups = re.findall(r'<section class="ev-group" id="(ev-[\w-]+)"', page)
    # sides in report order (us=0, them=1), no side last; values in matrix order
    assert groups == ["ev-0-1", "ev-0-2", "ev-1-1", "ev-none-0"]
    stances = re.findall(r'<li data-stance="(\w+)"', page)
    assert sorted(stances) == sorted(c.stance for c in CLAIMS)
    assert "claims shown: " in page


def test_html_matrix_cells_link_to_their_evidence_and_evidence_links_to_the_text():
    page = render()
    cell_links = re.findall(r'<td class="cell"><a href="#(ev-[\w-]+)">', page)
    assert cell_links and all(f'id="{target}"' in page for target in cell_links)
    jumps = re.findall(r'<a class="ev-jump" href="#(m-\d+-\d+)">', page)
    assert len(jumps) == len(CLAIMS)
    for target in jumps:
        assert re.search(rf'<mark id="{target}" class="rhetor-mention"', page)


def test_html_evidence_escapes_document_text():
    page = render()
    evidence = page[page.index('<section class="evidence"') :]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in evidence and "<script" not in evidence
    assert "Them &lt;b&gt;" in evidence


def test_html_without_claims_has_no_evidence_section():
    page = render(report=build_report(claims=()))
    assert 'class="evidence"' not in page and "ev-filters" not in page


def test_html_side_colour_and_label_from_the_sides_file():
    page = render({"us": SideStyle("#d50000", "Labour"), "them": SideStyle(None, "Tories")})
    assert '[data-swatch="c0"] { --side: #d50000; --tint: #f7d1d1; }' in page
    assert 'data-side="us" data-stance="claims" data-polarity="virtue"' in page
    assert re.search(r'<mark id="m-\d+-\d+" class="rhetor-mention" [^>]*data-swatch="c0"', page)
    assert "Labour" in page and "Us | we" not in page and "Tories" in page
    assert '[data-swatch="c1"]' not in page  # "them" has a label but no colour


@pytest.mark.parametrize(
    "colour,expected",
    [
        ("#000000", "#d1d1d1"),
        ("#fff", "#ffffff"),
        ("#0087dc", "#d1e9f9"),
        ("red", "color-mix(in srgb, red 18%, white)"),
    ],
)
def test_html_tint_is_the_colour_mixed_with_white(colour, expected):
    assert tint(colour) == expected


@pytest.mark.slow
def test_html_chromium_filters_and_links_work(tmp_path):
    page = render()
    page = page.replace("</body>", f"<script>{CHECK_SCRIPT.read_text()}</script></body>")
    dom = chromium(tmp_path, page, "--virtual-time-budget=5000", "--dump-dom").stdout
    found = re.search(r'data-check="([^"]*)"', dom)
    assert found, "the check script did not run"
    check = json.loads(html.unescape(found.group(1)))
    assert check["total"] == check["all"] == check["back"] == len(CLAIMS)
    assert check["opposes"] == ["opposes"]  # one opposing claim in the fixture
    assert check["side0"] == ["0"] and check["side0value1"] == ["0/1"]
    assert check["matrixLinks"] and all(check["matrixLinks"])
    assert check["jumpLinks"] == ["MARK"] * len(CLAIMS)
    # a matrix link shows its group even when the side filter hides the others
    assert check["target"] == check["followed"][1:] and check["targetShown"] is True
