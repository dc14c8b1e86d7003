"""The HTML report as a page to read: a navigation bar, the evidence before the text
(beside it on a wide screen), grammatical stance labels, and claims marked uncertain in
words. Fixtures from test_formats_html; layout in headless Chromium when installed."""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from rhetor.formats import OutputFormat, RenderContext, get_formatter
from rhetor.report.model import Claim
from tests.test_formats_html import CLAIMS, MENTIONS, TEXT, build_report, chromium

CHECK_SCRIPT = Path(__file__).parent / "data" / "html_layout_check.js"


def unsure(claim: Claim) -> Claim:
    """A claim as the confidence stage makes it when it is below the threshold: not
    counted, with its score."""
    return replace(claim, counted=False, confidence=0.42)


def render(report=None, text: str | None = TEXT) -> str:
    report = report or build_report()
    return get_formatter(OutputFormat.html).render(report, RenderContext(text=text))


def test_html_page_navigation_bar_links_every_section():
    page = render()
    nav = re.search(r'<nav class="rhetor-nav" aria-label="Sections">(.*?)</nav>', page).group(1)
    links = re.findall(r'<a href="#(\w+)">(\w+)</a>', nav)
    assert links == [
        ("matrix", "Matrix"),
        ("values", "Values"),
        ("evidence", "Evidence"),
        ("text", "Text"),
    ]
    for anchor, _ in links:
        assert page.count(f'id="{anchor}"') == 1, anchor


def test_html_page_navigation_names_only_the_sections_there():
    page = render(build_report(sides=(), claims=()))
    nav = re.search(r'<nav class="rhetor-nav"[^>]*>(.*?)</nav>', page).group(1)
    assert re.findall(r'href="#(\w+)"', nav) == ["values", "text"]
    assert 'id="matrix"' not in page and 'id="evidence"' not in page


def test_html_page_evidence_comes_before_the_text():
    page = render()
    assert page.index('<section class="evidence" id="evidence"') < page.index('<section id="text">')
    reading = page[page.index('<div class="reading">') :]
    assert reading.index('id="evidence"') < reading.index('id="text"')
    # without the full text the sentences come after the evidence too
    page = render(text=None)
    assert page.index('id="evidence"') < page.index('id="text"')


def test_html_page_stance_labels_are_grammatical():
    page = render()
    evidence = page[page.index('id="evidence"') : page.index('<section id="text">')]
    stances = re.findall(r'<span class="ev-stance">(.*?)</span>', evidence)
    assert sorted(stances) == sorted(
        [
            "✔ claimed by Us | we",
            "✔ claimed by Us | we",
            "✔ claimed by Us | we",
            "⚠ appropriated by Them &lt;b&gt;",
            "✘ opposed (no side)",
        ]
    )
    contested = page[page.index("<h2>Contested values</h2>") : page.index('id="values"')]
    assert "fairness</strong>: claimed by Us | we; ⚠ appropriated by Them &lt;b&gt;" in contested
    for wrong in ("opposes by", "appropriates by", "claims by"):
        assert wrong not in page


def test_html_page_marks_uncertain_claims_in_words():
    claims = (unsure(CLAIMS[0]), *CLAIMS[1:])
    page = render(build_report(claims=claims))
    mark = re.search(rf'<mark id="m-{MENTIONS[0].start}-{MENTIONS[0].end}"[^>]*>', page).group(0)
    assert 'data-counted="false"' in mark
    assert "claimed by Us | we · uncertain, confidence 0.42" in html.unescape(mark)
    sup = '<sup class="rhetor-uncertain">uncertain, confidence 0.42</sup>'
    assert f"{mark}fairness</mark>{sup}" in page  # right after the value word
    items = re.findall(r"<li [^>]*>.*?</li>", page)
    flagged = [li for li in items if 'data-counted="false"' in li]
    assert len(flagged) == 1
    assert '<span class="ev-uncertain">uncertain, confidence 0.42</span>' in flagged[0]
    body = page[page.index("<body>") :]
    assert body.count('data-counted="false"') == 2  # the mark and the evidence item, no more


def test_html_page_counted_claims_say_nothing_of_uncertainty():
    page = render()
    assert "uncertain" not in page.replace(".rhetor-uncertain", "").replace(".ev-uncertain", "")


def check(tmp_path, page: str, width: int) -> dict:
    page = page.replace("</body>", f"<script>{CHECK_SCRIPT.read_text()}</script></body>")
    dom = chromium(
        tmp_path, page, f"--window-size={width},1200", "--virtual-time-budget=5000", "--dump-dom"
    ).stdout
    found = re.search(r'data-check="([^"]*)"', dom)
    assert found, "the check script did not run"
    return json.loads(html.unescape(found.group(1)))


@pytest.mark.slow
def test_html_chromium_evidence_beside_the_text_on_a_wide_screen(tmp_path):
    claims = (unsure(CLAIMS[0]), *CLAIMS[1:])
    found = check(tmp_path, render(build_report(claims=claims)), 1800)
    assert found["width"] >= 1400
    assert found["evidence"]["left"] >= found["text"]["right"]  # beside it, to the right
    assert found["evidence"]["top"] < found["text"]["bottom"]
    assert found["navTargets"] == [True] * 4 and found["navVisible"]
    assert found["uncertainWords"] == ["uncertain, confidence 0.42"] * 2
    assert found["target"] == "text"


@pytest.mark.slow
def test_html_chromium_evidence_above_the_text_on_a_narrow_screen(tmp_path):
    found = check(tmp_path, render(), 900)
    assert found["evidence"]["bottom"] <= found["text"]["top"]
    assert found["nav"] == ["#matrix", "#values", "#evidence", "#text"]
