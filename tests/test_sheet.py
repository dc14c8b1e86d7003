from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rhetor.batching.claims import claims_columns
from rhetor.cli import app
from rhetor.corpus.sheet import gold_yaml, read_sheet
from rhetor.errors import ConfigError
from rhetor.evaluation.goldfile import load_gold
from tests.conftest import needs_model

COLUMNS = claims_columns()


def sheet(write, rows, columns=COLUMNS):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    return write("sheet.csv", buffer.getvalue())


def row(sentence, value, side, stance, rule="verb", source="doc.txt", **more):
    return {
        "source": source,
        "sentence": sentence,
        "value": value,
        "side": side,
        "stance": stance,
        "rule": rule,
        **more,
    }


S1 = "We will end unfair contracts."
S2 = "The Tories cut fair funding and wrecked democracy."
ROWS = [
    row(S1, "fairness", "author", "opposes", correct_stance="claims"),
    row(S2, "fairness", "tories", "opposes"),
    row(S2, "democracy", "tories", "claims", correct_stance="opposes"),
    row(S2, "fairness", "", "opposes", rule="unattributed"),
    row("Stamp duty rises.", "responsibility", "", "opposes", rule="unattributed", wrong="x"),
    row(S1, "solidarity", "", "", rule="", correct_side="author", correct_stance="claims"),
    row("A fair amount of rain.", "fairness", "author", "claims", wrong="X"),
]


@pytest.mark.parametrize(
    "rows,expected",
    [
        (
            ROWS,
            {
                S1: [("fairness", "author", "claims"), ("solidarity", "author", "claims")],
                S2: [("fairness", "tories", "opposes"), ("democracy", "tories", "opposes")],
                "Stamp duty rises.": [],
                "A fair amount of rain.": [],
            },
        ),
        (
            [row(S1, "fairness", "author", "claims"), row(S1, "fairness", "author", "claims")],
            {S1: [("fairness", "author", "claims")]},
        ),  # one triple, as a set
    ],
)
def test_sheet_rows_become_passages_with_the_corrected_triples(write, rows, expected):
    passages, _ = read_sheet(sheet(write, rows))
    assert {p.text: p.expect for p in passages} == expected


def test_sheet_summary_counts_each_kind_of_verdict(write):
    _, summary = read_sheet(sheet(write, ROWS))
    assert (summary.rows, summary.confirmed, summary.corrected, summary.wrong, summary.added) == (
        7,
        2,
        2,
        2,
        1,
    )


@pytest.mark.parametrize(
    "bad,message",
    [
        (row(S1, "fairness", "author", "claims", wrong="maybe"), "mark a wrong claim with x"),
        (row(S1, "fairness", "author", "claims", correct_stance="likes"), "not one of claims"),
        (
            row(S1, "fairness", "author", "claims", wrong="x", correct_side="tories"),
            "a row marked wrong has no correct side",
        ),
        (row("", "fairness", "author", "claims"), "needs its source and sentence"),
        (row(S1, "", "author", "claims"), "needs its value"),
    ],
)
def test_sheet_bad_rows_name_the_line(write, bad, message):
    with pytest.raises(ConfigError, match=message) as error:
        read_sheet(sheet(write, [ROWS[1], bad]))
    assert "sheet.csv:3:" in str(error.value)


def test_sheet_without_claim_columns_is_refused(write):
    with pytest.raises(ConfigError, match="not a claims sheet"):
        read_sheet(sheet(write, [], columns=("source", "text")))


def test_sheet_gold_file_loads_with_the_gold_loader(write, tmp_path):
    passages, _ = read_sheet(sheet(write, ROWS))
    gold = write("gold.yaml", gold_yaml(passages, {"tories": ["Tories"]}, sheet="sheet.csv"))
    loaded = load_gold(gold)
    assert [p.id for p in loaded] == ["doc.txt#1", "doc.txt#2", "doc.txt#3", "doc.txt#4"]
    assert loaded[1].sides == {"tories": ["Tories"]}
    assert loaded[1].expected == {
        ("fairness", "tories", "opposes"),
        ("democracy", "tories", "opposes"),
    }


def test_cli_gold_writes_a_file_and_says_what_it_read(write, tmp_path):
    path = sheet(write, ROWS)
    out = tmp_path / "gold.yaml"
    runner = CliRunner()
    result = runner.invoke(app, ["gold", str(path), "-o", str(out), "--side", "tories=Tories"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == (
        "4 passages from 7 rows: 2 confirmed, 2 corrected, 2 wrong, 0 right value with no "
        "side, 0 not a value, 1 added; 0 whole documents scored in place"
    )
    assert len(load_gold(out)) == 4
    again = runner.invoke(app, ["gold", str(path), "-o", str(out)])
    assert again.exit_code == 1 and "already exists" in again.stderr


@pytest.mark.model
@needs_model
def test_cli_claims_sheet_round_trip_scores_change_as_corrected(write, tmp_path):
    write("d/a.txt", "We will fight for fairness. The Tories betrayed democracy.")
    runner = CliRunner()
    side = ["--side", "tories=Tories"]
    claims = runner.invoke(
        app, ["batch", str(tmp_path / "d"), "-f", "claims", "-j", "1", "-q", *side]
    )
    assert claims.exit_code == 0, claims.stderr
    rows = list(csv.DictReader(io.StringIO(claims.stdout)))
    assert {(r["value"], r["side"], r["stance"]) for r in rows} >= {
        ("fairness", "author", "claims"),
        ("democracy", "tories", "opposes"),
    }

    def scores(sheet_rows):
        path = sheet(write, sheet_rows, columns=list(rows[0]))
        gold = tmp_path / "gold.yaml"
        assert (
            runner.invoke(app, ["gold", str(path), "-o", str(gold), "--force", *side]).exit_code
            == 0
        )
        import json

        result = runner.invoke(app, ["evaluate", str(gold), "--json"])
        return json.loads(result.stdout)["strict"]

    before = scores(rows)
    assert (before["false_positives"], before["false_negatives"]) == (0, 0)
    corrected = [dict(r) for r in rows]
    for r in corrected:
        if r["value"] == "democracy":
            r["wrong"] = "x"  # a reader says rhetor was wrong here
    after = scores(corrected)
    assert after["false_positives"] == 1 and after["true_positives"] == before["true_positives"] - 1


def test_sheet_example_gold_file_in_the_repository_loads():
    example = Path(__file__).resolve().parent.parent / "examples" / "gold_example.yaml"
    passages = load_gold(example)
    assert [p.id for p in passages][:2] == ["own-claim", "rival-appropriates"]
    assert passages[-1].expected == frozenset()


@pytest.mark.model
@needs_model
def test_sheet_documents_are_scored_in_place_on_their_checked_sentences(write, tmp_path):
    """A sheet with offsets gives whole-document passages: evaluate analyses the
    document whole and scores only the claims inside the checked sentences."""
    text = (
        "We will fight for fairness. The Tories betrayed democracy. "
        "Nobody checked this: we love solidarity."
    )
    write("d/a.txt", text)
    runner = CliRunner()
    side = ["--side", "tories=Tories"]
    claims = runner.invoke(
        app, ["batch", str(tmp_path / "d"), "-f", "claims", "-j", "1", "-q", *side]
    )
    assert claims.exit_code == 0, claims.stderr
    rows = list(csv.DictReader(io.StringIO(claims.stdout)))
    assert {"sentence_start", "confidence", "counted"} <= set(rows[0])
    kept = [r for r in rows if r["value"] != "solidarity"]  # the third sentence unchecked
    for row in kept:
        if row["value"] == "democracy":
            row["wrong"] = "no side"
    sheet_path = tmp_path / "sheet.csv"
    with sheet_path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(kept)
    gold = tmp_path / "gold.yaml"
    made = runner.invoke(app, ["gold", str(sheet_path), "-o", str(gold), *side])
    assert made.exit_code == 0, made.stderr
    assert "; 1 whole documents scored in place" in made.stderr
    passage = load_gold(gold)[0]
    assert passage.text == text and len(passage.spans) == 2
    assert passage.values == frozenset({"democracy"})
    assert ("democracy", "tories", "opposes") not in passage.expected
    scored = runner.invoke(app, ["evaluate", str(gold), "--json"])
    assert scored.exit_code == 0, scored.stderr
    result = json.loads(scored.stdout)["results"][0]
    # rhetor's tories-opposes-democracy is now a false alarm; the unchecked solidarity
    # claim in the third sentence is not scored at all
    assert result["false_alarms"] == [["democracy", "tories", "opposes"]]
    assert "solidarity" not in result["values_extra"]


@pytest.mark.parametrize(
    ("mark", "verdict"),
    [("x", "wrong"), ("no side", "no_side"), ("No  Side", "no_side"), ("not a value", "not_value")],
)
def test_sheet_marks_say_what_was_wrong(write, tmp_path, mark, verdict):
    path = sheet(write, [dict(ROWS[1], wrong=mark)])
    passages, summary = read_sheet(path)
    assert getattr(summary, verdict) == 1
    assert passages[0].expect == []
    assert passages[0].values == (["fairness"] if verdict == "no_side" else [])
