from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from rhetor.batching.claims import claims_columns, claims_rows
from rhetor.batching.metadata import (
    attach,
    check_coverage,
    compile_name_pattern,
    load_meta_table,
    load_metadata,
)
from rhetor.cli import app
from rhetor.errors import ConfigError


@pytest.mark.parametrize(
    "pattern,name,expected",
    [
        (
            "{year}_{president}_{party}.txt",
            "1790_george_washington_n.txt",
            {"year": "1790", "president": "george_washington", "party": "n"},
        ),
        (
            "{year}_{president}_{party}.txt",
            "2001_george_w_bush_r.txt",
            {"year": "2001", "president": "george_w_bush", "party": "r"},
        ),
        ("{party}_{year:d}.txt", "labour_1983.txt", {"party": "labour", "year": "1983"}),
        ("{year:d}_*.txt", "1999_any_thing.txt", {"year": "1999"}),
        ("{party}/{year}.txt", "/corpus/labour/1983.txt", {"party": "labour", "year": "1983"}),
        ("{year:d}_{party}.txt", "draft_labour.txt", None),
        ("{year}_{party}.txt", "1983_labour.md", None),
    ],
)
def test_metadata_name_pattern_reads_fields(pattern, name, expected):
    assert compile_name_pattern(pattern).read(name) == expected


@pytest.mark.parametrize(
    "pattern,message",
    [
        ("{year}{party}.txt", "touch"),
        ("{year}_{party.txt", "unbalanced brace"),
        ("year_party.txt", "no {field}"),
        ("{1st}_{x}.txt", "needs a name"),
        ("{x}_{x}.txt", "appears twice"),
        ("{x:s}.txt", "the only kind is 'd'"),
        ("{}.txt", "needs a name"),
    ],
)
def test_metadata_name_pattern_malformed(pattern, message):
    with pytest.raises(ConfigError, match=message.replace("{", r"\{")):
        compile_name_pattern(pattern)


def test_metadata_table_joins_on_path_then_unique_name(write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write("a/speech.txt", "x")
    write("b/speech.txt", "x")
    write("b/other.txt", "x")
    meta = write("meta.csv", "source,party\na/speech.txt,lab\nb/speech.txt,con\nother.txt,lib\n")
    table = load_meta_table(meta)
    assert table.lookup("a/speech.txt") == {"party": "lab"}
    assert table.lookup(str(tmp_path / "b" / "speech.txt")) == {"party": "con"}
    assert table.lookup("b/other.txt") == {"party": "lib"}  # by name: only one 'other.txt'
    assert table.lookup("c/speech.txt") is None  # two rows named speech.txt: no guess
    assert table.lookup("c/missing.txt") is None


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "empty metadata file"),
        ("file,party\na.txt,lab\n", "no 'source' column"),
        ("source,party\na.txt,lab\na.txt,con\n", "already on line 2"),
        ("source,party,party\na.txt,lab,lab\n", "appears twice in the header"),
        ("source,party\na.txt,lab,extra\n", "3 cells where the header has 2"),
        ("source,party\n,lab\n", "empty 'source'"),
        ("source,\na.txt,lab\n", "has no name"),
    ],
)
def test_metadata_table_malformed(write, text, message):
    with pytest.raises(ConfigError, match=message):
        load_meta_table(write("meta.csv", text))


def test_metadata_table_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="no such metadata file"):
        load_meta_table(tmp_path / "nope.csv")


def test_metadata_field_from_both_sources_is_refused(write):
    meta = write("meta.csv", "source,year\na.txt,1990\n")
    with pytest.raises(ConfigError, match="'year' comes both"):
        load_metadata(meta, "{year}_{party}.txt")


def test_metadata_coverage_names_each_uncovered_document_then_counts(write):
    meta = write("meta.csv", "source,region\n1990_lab.txt,north\n")
    metadata = load_metadata(meta, "{year:d}_{party}.txt")
    sources = ["1990_lab.txt", "1991_con.txt", "notes.txt"] + [f"x{i}.txt" for i in range(12)]
    messages = check_coverage(metadata, sources, shown=3)
    assert messages[0] == "1991_con.txt: no row in " + str(meta) + "; its metadata fields are empty"
    assert "does not fit --name-pattern" in messages[1] and "no row" in messages[1]
    assert messages[-1] == "... and 11 more documents without metadata"
    record = attach({"source": "1991_con.txt"}, metadata)
    assert record["meta"] == {"year": "1991", "party": "con", "region": ""}


def _record(source, claims):
    return {"source": source, "sha256": "h", "error": None, "claims": claims, "meta": {"y": "1"}}


def test_metadata_claims_rows_one_per_claim_with_metadata():
    claim = {
        "value": "fairness",
        "side": "labour",
        "stance": "claims",
        "polarity": "virtue",
        "text": "fair",
        "start": 3,
        "end": 7,
        "sentence": "We fair.\n",
        "holder": {"text": "We", "start": 0, "end": 2},
        "cue": None,
        "rule": "possessive",
    }
    rows = claims_rows(_record("a.txt", [claim, {**claim, "side": None}]), ["y"])
    assert [r["side"] for r in rows] == ["labour", ""]
    assert rows[0]["y"] == "1" and rows[0]["holder"] == "We" and rows[0]["modality"] == ""
    assert list(rows[0]) == [c for c in claims_columns(["y"]) if c in rows[0]]
    assert claims_rows({"source": "b.txt", "error": "unreadable"}) == []


BLANK_ARGS = ["-m", "blank:en", "-j", "1", "-q"]


def test_cli_batch_name_pattern_and_meta_columns_after_source(write, tmp_path):
    write("d/1990_jo_smith_d.txt", "We stand for fairness.")
    write("d/notes.txt", "Solidarity.")
    meta = write("meta.csv", "source,region\n1990_jo_smith_d.txt,north\n")
    result = CliRunner().invoke(
        app,
        [
            "batch",
            str(tmp_path / "d"),
            "-f",
            "csv",
            "--meta",
            str(meta),
            "--name-pattern",
            "{year:d}_{president}_{party}.txt",
            *BLANK_ARGS,
        ],
    )
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[:6] == ["source", "year", "president", "party", "region", "sha256"]
    assert rows[0]["president"] == "jo_smith" and rows[0]["region"] == "north"
    assert rows[1]["year"] == "" and rows[1]["region"] == ""
    assert "notes.txt: name does not fit" in result.stderr


def test_cli_batch_jsonl_carries_meta_and_bad_pattern_exits_2(write, tmp_path):
    write("d/1990_lab.txt", "We stand for fairness.")
    runner = CliRunner()
    ok = runner.invoke(
        app, ["batch", str(tmp_path / "d"), "--name-pattern", "{year}_{party}.txt", *BLANK_ARGS]
    )
    assert json.loads(ok.stdout)["meta"] == {"year": "1990", "party": "lab"}
    bad = runner.invoke(app, ["batch", str(tmp_path / "d"), "--name-pattern", "{year", *BLANK_ARGS])
    assert bad.exit_code == 2 and bad.stdout == ""
    assert bad.stderr.startswith("rhetor: error: --name-pattern '{year': unbalanced brace")
    clash = runner.invoke(
        app,
        [
            "batch",
            str(tmp_path / "d"),
            "-f",
            "csv",
            "--name-pattern",
            "{words}_{party}.txt",
            *BLANK_ARGS,
        ],
    )
    assert clash.exit_code == 2 and "'words' has the name of a column" in clash.stderr


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    pattern=st.sampled_from(
        [
            "{year}_{president}_{party}.txt",
            "{party}_{year:d}.txt",
            "{year:d}_*.txt",
            "*_{a}_*_{b}",
            "{a}_*_{b:d}_*",
            "{a}.{b}.{c}",
            "{x:d}_{y}_{z:d}",
        ]
    ),
    name=st.text(alphabet="ab_1.\n2٣", max_size=14),
)
def test_metadata_name_pattern_splits_as_the_regex_would(pattern, name):
    """The matcher that does not backtrack gives the fields the regular expression gives."""
    compiled = compile_name_pattern(pattern)
    found = compiled.regex.fullmatch(name)
    expected = dict(zip(compiled.fields, found.groups(), strict=True)) if found else None
    assert compiled.read(name) == expected
