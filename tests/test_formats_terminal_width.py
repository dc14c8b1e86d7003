"""The terminal report at 80 columns, rendered headless (Rich Console, width 80):
nothing wider than the terminal, no value or side name cut or broken, and a
--summary view that leaves out the evidence."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from rhetor.api import get_analyser
from rhetor.formats import RenderContext
from rhetor.formats.terminal import FORMATTER
from rhetor.options import AnalyseOptions
from tests.conftest import ROOT, needs_model

SIDES = {
    "labour": ["we", "our", "Labour"],
    "conservatives": ["the Conservative and Unionist Party", "Tories"],
    "liberal_democrats": ["Liberal Democrats", "Lib Dems"],
    "scottish_national_party": ["SNP"],
}
TEXT = (
    "We stand for fairness, solidarity, democracy, responsibility, reciprocity and "
    "mutuality. The Tories steal our language of fairness. The Lib Dems talk of "
    "democracy. The SNP claims solidarity.\n"
)


def render(report, *, summary: bool, width: int = 80) -> list[str]:
    text = FORMATTER.render(report, RenderContext(width=width, summary=summary))
    return text.splitlines()


def check_fits(lines: list[str], report, width: int = 80) -> None:
    assert all(cell_len(line) <= width for line in lines), max(lines, key=cell_len)
    joined = "\n".join(lines)
    assert "…" not in joined  # nothing cut
    for value in (v.value for v in report.values if v.mentions):
        assert re.search(rf"\b{value}\b", joined), value
    for side in report.sides:
        assert any(side.label in line for line in lines), side.label  # never wrapped


@pytest.fixture(scope="module")
def many_sides_report():
    options = AnalyseOptions(model="blank:en", sides=AnalyseOptions.freeze_sides(SIDES))
    return get_analyser(options).analyse(TEXT, source="speech.txt")


@pytest.mark.parametrize("width", [80, 72])
def test_formats_terminal_width_default_report_fits(many_sides_report, width):
    lines = render(many_sides_report, summary=False, width=width)
    check_fits(lines, many_sides_report, width)
    assert "Evidence" in lines
    assert any("[fairness]" in line for line in lines)  # the evidence sentences are there


def test_formats_terminal_width_summary_leaves_out_evidence(many_sides_report):
    full = render(many_sides_report, summary=False)
    lines = render(many_sides_report, summary=True)
    check_fits(lines, many_sides_report)
    claims = len(many_sides_report.claims)
    assert f"Evidence: {claims} claims; run without --summary to see each one." in lines
    assert not any("[fairness]" in line for line in lines)
    assert len(lines) < len(full)


def test_formats_terminal_width_plurals(many_sides_report):
    header = "\n".join(render(many_sides_report, summary=True)[:4])
    words = many_sides_report.stats.words
    assert f"{words} words · 1 sentence · " in header  # blank:en: one unparsed sentence
    one = get_analyser(AnalyseOptions(model="blank:en")).analyse("Fairness")
    assert "1 word · 1 sentence · 8 characters" in "\n".join(render(one, summary=True)[:4])


@needs_model
@pytest.mark.model
def test_formats_terminal_width_seed_essay_at_80_columns(seed_text):
    report = get_analyser(AnalyseOptions()).analyse(seed_text, source="seed.txt")
    check_fits(render(report, summary=False), report)
    summary = render(report, summary=True)
    check_fits(summary, report)
    assert len(summary) <= 60


# -- --summary on one 80x40 screen -----------------------------------------------------------

VALUES = ("democracy", "fairness", "mutuality", "reciprocity", "responsibility", "solidarity")
STANCE_CYCLE = ("claims", "claims", "appropriates", "claims", "opposes")


def long_report():
    """A manifesto-sized report built by hand: 30 sides (some with long names), every
    value mentioned, 400 claims spread so that most values are contested many times."""
    from rhetor.report.model import Claim, Mention, ModelInfo, Report, Side, Stats, count_values

    sentence = "We stand for fairness and all the other values, as they do not."
    sides = tuple(
        Side(f"s{i}", f"side number {i}" + (" of the united kingdom" * (i % 3)), (), 1, True)
        for i in range(30)
    )
    mentions, claims = [], []
    for k in range(400):
        value = VALUES[k % len(VALUES)]
        start = 1000 * k
        mention = Mention(value, "virtue", False, "fairness", start, start + 8, sentence, start)
        mentions.append(mention)
        side = sides[(k * k) % 30 if k % 4 else 0].id  # side s0 holds a quarter
        stance = STANCE_CYCLE[k % len(STANCE_CYCLE)]
        claims.append(
            Claim(
                value,
                side,
                stance,
                "virtue",
                "fairness",
                start,
                start + 8,
                sentence,
                None,
                None,
                "verb",
                start,
            )
        )
    stats = Stats(characters=400_000, words=18_000, sentences=900)
    return Report(
        source="labour_2015.txt",
        model=ModelInfo("en_test", "1.0"),
        stats=stats,
        values=count_values(tuple(mentions), VALUES, stats.words),
        matches=tuple(mentions),
        sides=sides,
        claims=tuple(claims),
    )


def test_formats_terminal_width_summary_fits_one_80_by_40_screen():
    report = long_report()
    full = render(report, summary=False)
    lines = render(report, summary=True)
    assert len(lines) <= 40, "\n".join(lines)
    assert all(cell_len(line) <= 80 for line in lines)
    joined = "\n".join(lines)
    assert re.search(r"and \d+ more sides \(\d+ claims\); run without --summary for all", joined)
    assert re.search(r"and \d+ more contested pairs; run without --summary for all", joined)
    assert "side number 0" in joined  # the side with most claims is always shown
    assert "Evidence: 400 claims; run without --summary to see each one." in lines
    assert len(full) > 200


REAL = ROOT.parent / "shared" / "corpora" / "uk-manifestos"


@pytest.mark.slow
@needs_model
@pytest.mark.model
@pytest.mark.skipif(not REAL.is_dir(), reason="the UK manifesto corpus is not here")
def test_formats_terminal_width_summary_of_a_real_manifesto_fits_80_by_40():
    import csv

    csv.field_size_limit(10**9)
    paragraphs: dict[str, list[str]] = {}
    table = next(REAL.glob("*.tsv"))
    with table.open(newline="", encoding="utf-8") as rows:
        for row in csv.DictReader(rows, delimiter="\t"):
            if row["sentence_id"].startswith("labour-2015-"):
                paragraph = row["sentence_id"].rsplit("-", 2)[-2]
                paragraphs.setdefault(paragraph, []).append(row["text"].strip())
    text = "\n\n".join(" ".join(p) for p in paragraphs.values())
    report = get_analyser(AnalyseOptions()).analyse(text, source="labour_2015.txt")
    lines = render(report, summary=True)
    assert len(lines) <= 40, "\n".join(lines)
    assert all(cell_len(line) <= 80 for line in lines)
