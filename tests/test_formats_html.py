from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import replace
from html import escape
from html.parser import HTMLParser

import pytest

from rhetor.formats import OutputFormat, RenderContext, get_formatter
from rhetor.report.model import (
    Claim,
    HolderRef,
    Mention,
    ModelInfo,
    Report,
    Side,
    Stats,
    count_values,
)

# Three sentences: two paragraphs, a single line break, and document text that
# would break HTML or Markdown if it were not escaped.
SENTENCES = (
    "We stand for fairness & solidarity.",
    "They <script>alert(1)</script> steal our fairness.",
    "A | pipe, *stars*, `ticks` and _under_ for democracy.",
)
TEXT = f"{SENTENCES[0]}\n\n{SENTENCES[1]}\n{SENTENCES[2]}\n"
VALUES = ("democracy", "fairness", "solidarity")
SIDES = (
    Side("us", "Us | we", ("we", "our"), 3, False),
    Side("them", "Them <b>", ("they",), 1, True),
)


def locate(index: int, word: str) -> tuple[int, int, int]:
    """Offsets of ``word`` in sentence ``index``: (start, end, sentence_start)."""
    sentence_start = TEXT.index(SENTENCES[index])
    start = sentence_start + SENTENCES[index].index(word)
    return start, start + len(word), sentence_start


def mention(value: str, polarity: str, index: int, word: str, negated: bool = False) -> Mention:
    start, end, sentence_start = locate(index, word)
    return Mention(value, polarity, negated, word, start, end, SENTENCES[index], sentence_start)


def claim(m: Mention, side: str | None, stance: str, holder: str | None = None) -> Claim:
    ref = None
    if holder is not None:
        index = next(i for i, s in enumerate(SENTENCES) if m.sentence == s)
        start, end, _ = locate(index, holder)
        ref = HolderRef(holder, start, end)
    return Claim(
        m.value,
        side,
        stance,
        m.polarity,
        m.text,
        m.start,
        m.end,
        m.sentence,
        ref,
        None,
        "possessive" if holder else "unattributed",
        m.sentence_start,
    )


MENTIONS = (
    mention("fairness", "virtue", 0, "fairness"),
    mention("solidarity", "virtue", 0, "solidarity"),
    mention("fairness", "virtue", 1, "fairness"),
    mention("fairness", "vice", 2, "stars", negated=True),
    mention("democracy", "virtue", 2, "democracy"),
)
CLAIMS = (
    claim(MENTIONS[0], "us", "claims", "We"),
    claim(MENTIONS[1], "us", "claims", "We"),
    # One mention, two claims: "them" first, so it decides the colour.
    claim(MENTIONS[2], "them", "appropriates", "They"),
    claim(MENTIONS[2], "us", "claims", "our"),
    claim(MENTIONS[4], None, "opposes"),
)
# (data-side, data-stance) the highlight of each mention must carry; MENTIONS[3] has no claim.
EXPECTED = (("us", "claims"), ("us", "claims"), ("them", "appropriates"), ("", ""), ("", "opposes"))


def build_report(
    mentions: tuple[Mention, ...] = MENTIONS,
    sides: tuple[Side, ...] = SIDES,
    claims: tuple[Claim, ...] = CLAIMS,
) -> Report:
    stats = Stats(characters=len(TEXT), words=24, sentences=3)
    return Report(
        source="speech <1>.txt",
        model=ModelInfo("en_test", "1.0"),
        stats=stats,
        values=count_values(mentions, VALUES, stats.words),
        matches=mentions,
        sides=sides,
        claims=claims,
    )


def render(report: Report, text: str | None = TEXT) -> str:
    return get_formatter(OutputFormat.html).render(report, RenderContext(text=text))


class Marks(HTMLParser):
    """The highlights on a page, checking on the way that every tag is closed in order."""

    VOID = frozenset({"meta", "br"})

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.marks: list[tuple[dict[str, str], str]] = []
        self.holders: list[str] = []
        self._inside: list[str] | None = None
        self.feed(page)
        self.close()
        assert not self.stack, f"unclosed tags: {self.stack}"

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        if tag == "mark":
            assert self._inside is None, "a mark inside a mark"
            self.marks.append((attrs, ""))
            self._inside = []
        if tag == "span" and attrs.get("class") == "rhetor-holder":
            self.holders.append(attrs.get("data-side", ""))
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()
        if tag == "mark":
            attrs, _ = self.marks[-1]
            self.marks[-1] = (attrs, "".join(self._inside or []))
            self._inside = None

    def handle_data(self, data):
        if self._inside is not None:
            self._inside.append(data)


def test_html_highlights_every_mention_once_with_its_attributes():
    marks = Marks(render(build_report())).marks
    assert len(marks) == len(MENTIONS)
    in_text_order = sorted(zip(MENTIONS, EXPECTED, strict=True), key=lambda pair: pair[0].start)
    for (attrs, inner), (m, (side, stance)) in zip(marks, in_text_order, strict=True):
        assert attrs["class"] == "rhetor-mention"
        assert inner == TEXT[m.start : m.end]
        assert attrs["data-value"] == m.value
        assert attrs["data-polarity"] == m.polarity
        assert (attrs["data-side"], attrs["data-stance"]) == (side, stance)


def test_html_mention_with_two_claims_takes_the_first_colour_and_titles_both():
    marks = Marks(render(build_report())).marks
    attrs = next(a for a, inner in marks if a["data-side"] == "them")
    # grammatical: the value is appropriated by a side, claimed by another
    assert attrs["title"] == "fairness · appropriated by Them <b>; fairness · claimed by Us | we"
    assert attrs["data-swatch"] == "1"


@pytest.mark.parametrize(
    "index,title",
    [(3, "fairness · no side · vice (negated)"), (4, "democracy · opposed (no side)")],
)
def test_html_unattributed_mentions_are_grey(index, title):
    target = MENTIONS[index]
    marks = Marks(render(build_report())).marks
    attrs = next(a for a, inner in marks if inner == target.text)
    assert attrs["data-swatch"] == "none"
    assert attrs["title"] == title


def test_html_marks_holders_once_each_without_nesting():
    parsed = Marks(render(build_report()))
    # "We" holds two claims but is one span; "They" and "our" one each.
    assert parsed.holders == ["us", "them", "us"]


def test_html_escapes_all_document_text():
    page = render(build_report())
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "</mark> &amp; <mark" in page
    assert "Them &lt;b&gt;" in page and "<b>" not in page
    assert "speech &lt;1&gt;.txt" in page


@pytest.mark.parametrize(
    "pattern",
    [
        r"https?://",
        r"\bsrc\s*=",
        r"@import",
        r"url\(",
        r"<link\b",
        r"<script\b",
        r"<iframe\b",
        r"<img\b",
    ],
)
def test_html_page_is_self_contained(pattern):
    page = render(build_report())
    assert not re.search(pattern, page, re.IGNORECASE)


def test_html_page_is_html5_with_inline_style():
    page = render(build_report())
    assert page.startswith("<!DOCTYPE html>\n")
    assert '<meta charset="utf-8">' in page
    assert page.count("<style>") == 1
    assert "font: 16px/1.6 system-ui" in page


def test_html_has_legend_and_both_tables():
    page = render(build_report())
    legend = page[page.index('class="legend"') : page.index("</section>")]
    for label in ("Us | we", "Them &lt;b&gt; (auto)", "no side"):
        assert label in legend
    for glyph_and_stance in ("✔ claims", "⚠ appropriates", "✘ opposes"):
        assert glyph_and_stance in legend
    assert '<table class="rhetor-matrix">' in page and '<table class="rhetor-values">' in page
    assert "✔ claims 2" in page and "⚠ appropriates 1" in page
    assert "1 mention held by no side" in page


def test_html_keeps_paragraphs_and_line_breaks():
    page = render(build_report())
    text = page[page.index('<div class="text">') :]
    paragraphs = re.findall(r"<p>(.*?)</p>", text)
    # badges for further claims (<sup>) are not part of the text
    lines = [
        re.sub(r"<[^>]+>", "", re.sub(r"<sup[^>]*>.*?</sup>", "", line))
        for line in paragraphs[1].split("<br>")
    ]
    assert len(paragraphs) == 2 and "<br>" not in paragraphs[0]
    assert lines == [escape(SENTENCES[1]), escape(SENTENCES[2])]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_html_paragraphs_and_line_breaks_in_any_line_ending(newline):
    text = f"{newline}One fair line.{newline}Two.{newline}{newline}  {newline}Three.{newline}"
    start = text.index("fair")
    mentions = (Mention("fairness", "virtue", False, "fair", start, start + 4, text, 0),)
    page = render(build_report(mentions=mentions, sides=(), claims=()), text=text)
    body = page[page.index('<div class="text">') :]
    paragraphs = re.findall(r"<p>(.*?)</p>", body)
    assert [re.sub(r"<(?!br)[^>]+>", "", p) for p in paragraphs] == [
        "One fair line.<br>Two.",
        "Three.",
    ]


def test_html_is_deterministic():
    first = render(build_report())
    rebuilt = build_report(mentions=tuple(replace(m) for m in MENTIONS))
    assert render(rebuilt) == first == render(build_report())


def test_html_without_sides_has_no_matrix_and_grey_marks():
    page = render(build_report(sides=(), claims=()))
    marks = Marks(page).marks
    assert len(marks) == len(MENTIONS)
    assert {a["data-swatch"] for a, _ in marks} == {"none"}
    assert {(a["data-side"], a["data-stance"]) for a, _ in marks} == {("", "")}
    assert "rhetor-matrix" not in page and "rhetor-values" in page


def test_html_without_text_highlights_each_sentence():
    page = render(build_report(), text=None)
    marks = Marks(page).marks
    assert sorted(inner for _, inner in marks) == sorted(m.text for m in MENTIONS)
    assert page.count("<blockquote>") == len(SENTENCES)
    assert "&lt;script&gt;" in page and "<script" not in page


def test_html_overlapping_and_duplicate_offsets_are_skipped_not_nested():
    text = "Our fairness and solidarity matter."
    start = text.index("fairness")

    def m(word: str, begin: int) -> Mention:
        return Mention("fairness", "virtue", False, word, begin, begin + len(word), text, 0)

    mentions = (
        m("fairness", start),
        m("fairness", start),  # the same offsets twice
        m("fairness and", start),  # longer, same start: wins
        m("and solidarity", text.index("and")),  # overlaps the winner
        m("solidarity", text.index("solidarity")),
        m("x", len(text) + 5),  # outside the text
    )
    # A holder on the value word itself must not cost the value its highlight.
    holder = replace(
        claim(MENTIONS[0], None, "claims"),
        start=start,
        end=start + len("fairness"),
        holder=HolderRef("fairness", start, start + len("fairness")),
    )
    page = render(build_report(mentions=mentions, sides=(), claims=(holder,)), text=text)
    parsed = Marks(page)
    assert [inner for _, inner in parsed.marks] == ["fairness and", "solidarity"]
    assert parsed.holders == []


def test_html_mention_across_a_paragraph_break_stays_inside_its_paragraph():
    text = "We believe in collective\n\naction."
    start = text.index("collective")
    end = text.index(".")
    mentions = (Mention("solidarity", "virtue", False, text[start:end], start, end, text, 0),)
    page = render(build_report(mentions=mentions, sides=(), claims=()), text=text)
    assert len(Marks(page).marks) == 1
    assert ">collective<br><br>action</mark>." in page


@pytest.mark.slow
def test_html_formatter_does_not_import_spacy():
    code = (
        "import sys\n"
        "import rhetor.formats.html\n"
        "assert not any(m.startswith('spacy') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


# -- a real browser --------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("/usr/bin/chromium")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium(tmp_path, page: str, *args: str) -> subprocess.CompletedProcess:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed")
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    command = [
        CHROMIUM,
        *CHROMIUM_FLAGS,
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
        path.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)


@pytest.mark.slow
def test_html_chromium_renders_every_mark_and_the_tables(tmp_path):
    dom = chromium(tmp_path, render(build_report()), "--dump-dom").stdout
    assert len(re.findall(r"<mark\b", dom)) == len(MENTIONS)
    assert '<table class="rhetor-matrix">' in dom and '<table class="rhetor-values">' in dom
    assert "<script" not in dom


@pytest.mark.slow
def test_html_chromium_takes_a_screenshot(tmp_path):
    shot = tmp_path / "shot.png"
    chromium(tmp_path, render(build_report()), f"--screenshot={shot}", "--window-size=1200,1600")
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 1000


def test_html_further_claims_get_a_badge():
    report = build_report()
    held: dict[tuple[int, int], list] = {}
    for claim in report.claims:
        held.setdefault((claim.start, claim.end), []).append(claim)
    extra = [c for claims in held.values() for c in claims[1:]]
    assert extra, "the fixture should have a mention with two claims"
    page = render(report)
    badges = re.findall(r'<sup class="rhetor-also" data-side="([^"]*)" data-stance="(\w+)"', page)
    assert badges == [(c.side or "", c.stance) for c in extra]
