"""``rhetor batch --table FILE``: one document a row, read lazily."""

from __future__ import annotations

import json
import os
import tracemalloc
import types

import pytest
from typer.testing import CliRunner

from rhetor.batching.table import open_table, table_rows
from rhetor.cli import app
from rhetor.errors import ConfigError, InputError
from tests.conftest import needs_model

# whole commands and batches run end to end: seconds each, left out by -m 'not slow'
pytestmark = pytest.mark.slow

SIDES_YAML = """\
labour:
  aliases: [Labour]
  codes: [Lab, LAB, 51320]
conservative:
  aliases: [Conservatives, Tories]
  codes: [Con, 51620]
"""


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def records_of(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


@pytest.fixture
def sides_file(write):
    return write("sides.yaml", SIDES_YAML)


@needs_model
def test_table_speeches_by_party_acceptance(write, sides_file, tmp_path):
    """The issue's acceptance: a speech table's 'we' goes to the party of its row."""
    speeches = write(
        "speeches.csv",
        "id,speaker,party,text\n"
        "1,Ann Smith,Lab,We will always stand up for fairness.\n"
        "2,Bob Jones,Lab,We will always stand up for fairness.\n",
    )
    out = tmp_path / "out.jsonl"
    result = run(
        "batch", "--table", speeches, "--sides", sides_file, "--author-from", "party", "-o", out
    )
    assert result.exit_code == 0, result.output
    records = records_of(out)
    assert [r["source"] for r in records] == ["1", "2"]
    assert records[0]["meta"] == {"speaker": "Ann Smith", "party": "Lab"}
    for record in records:
        claims = [(c["value"], c["side"], c["stance"]) for c in record["claims"]]
        assert ("fairness", "labour", "claims") in claims
        assert all(c["side"] != "author" for c in record["claims"])
    # A party code that no side lists is an error that names it, before any scoring.
    unknown = write("unknown.csv", "id,party,text\n1,Lab,We care.\n2,Grn,We care.\n")
    out2 = tmp_path / "out2.jsonl"
    result = run(
        "batch", "--table", unknown, "--sides", sides_file, "--author-from", "party", "-o", out2
    )
    assert result.exit_code == 2
    assert "no side is named by 'Grn' (1 document)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out2.exists()


DEBATE_SIDES_YAML = """\
labour:
  aliases: [Labour]
  codes: [Lab, LAB]
conservatives:
  aliases: [Conservatives, Tories]
  codes: [Con, CON]
"""


def claims_of(record):
    return [(c["value"], c["side"], c["stance"]) for c in record["claims"]]


@needs_model
def test_table_government_acceptance(write, tmp_path):
    """The issue's acceptance: with --government, a Labour speaker's "we" is Labour's
    and "the Government" is the governing side's; nothing goes to ``author``."""
    sides = write("sides.yaml", DEBATE_SIDES_YAML)
    speeches = write(
        "speeches.csv",
        "id,speaker,party,text\n"
        "1,Ann Smith,Lab,We will always stand up for fairness.\n"
        "2,Ann Smith,Lab,The Government have abandoned fairness.\n",
    )
    out = tmp_path / "out.jsonl"
    args = ["batch", "--table", speeches, "--sides", sides, "--author-from", "party"]
    result = run(*args, "--government", "conservatives", "-o", out)
    assert result.exit_code == 0, result.output
    first, second = records_of(out)
    assert claims_of(first) == [("fairness", "labour", "claims")]
    assert claims_of(second) == [("fairness", "conservatives", "opposes")]
    assert all(c["side"] != "author" for r in (first, second) for c in r["claims"])
    assert "author" not in [s["id"] for r in (first, second) for s in r["sides"]]
    # Without --government, "the Government" is nobody's side.
    plain = tmp_path / "plain.jsonl"
    assert run(*args, "-o", plain).exit_code == 0
    assert "conservatives" not in {side for _, side, _ in claims_of(records_of(plain)[1])}
    # The government must be among the given sides: one line, before any output.
    wrong = tmp_path / "wrong.jsonl"
    result = run(*args, "--government", "greens", "-o", wrong)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "rhetor: error: --government names no side: greens (the sides are labour, conservatives)"
    ]
    assert not wrong.exists()


@needs_model
def test_table_government_python_api(write):
    import rhetor

    sides = write("sides.yaml", DEBATE_SIDES_YAML)
    speeches = write(
        "speeches.csv", "id,party,text\n1,Lab,The Government have abandoned fairness.\n"
    )
    records = rhetor.batch(
        table=speeches, sides_file=sides, author_from="party", government=["conservatives"]
    )
    assert claims_of(records[0]) == [("fairness", "conservatives", "opposes")]
    same = rhetor.batch(
        table=speeches, sides_file=sides, author_from="party", government="Conservatives"
    )
    assert claims_of(same[0]) == claims_of(records[0])
    assert same[0]["settings"] == records[0]["settings"]
    with pytest.raises(ConfigError, match="--government names sides"):
        rhetor.batch(table=speeches, government="conservatives")


def test_table_reader_is_a_lazy_generator(tmp_path):
    path = tmp_path / "many.csv"
    with path.open("w", encoding="utf-8") as stream:
        stream.write("id,party,text\n")
        for i in range(20_000):
            stream.write(f"r{i},Lab,Speech number {i} is about fairness and solidarity.\n")
    table = open_table(path)
    assert (table.rows, table.fields, table.id_column) == (20_000, ("party",), "id")
    rows = table_rows(table)
    assert isinstance(rows, types.GeneratorType)
    first = next(rows)
    assert (first.id, first.text, first.meta) == (
        "r0",
        "Speech number 0 is about fairness and solidarity.",
        {"party": "Lab"},
    )
    tracemalloc.start()
    count = 1 + sum(1 for _ in rows)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 20_000
    assert peak < os.path.getsize(path) / 10  # rows are not held: far less than the table


def test_table_tsv_and_jsonl_and_row_numbers(write):
    tsv = open_table(write("t.tsv", 'speaker\ttext\nAnn\t"Quoted, with\ttab"\nBob\tPlain\n'))
    assert [(r.id, r.text, r.meta) for r in table_rows(tsv)] == [
        ("1", "Quoted, with\ttab", {"speaker": "Ann"}),
        ("2", "Plain", {"speaker": "Bob"}),
    ]
    jsonl = write(
        "t.jsonl",
        '{"id": 7, "body": "Fairness.", "year": 1997, "tags": ["a"]}\n\n'
        '{"id": "x", "body": "Solidarity.", "party": null}\n',
    )
    table = open_table(jsonl, text_column="body")
    assert table.fields == ("year", "tags", "party")
    assert [(r.id, r.text, r.meta) for r in table_rows(table)] == [
        ("7", "Fairness.", {"year": "1997", "tags": '["a"]', "party": ""}),
        ("x", "Solidarity.", {"year": "", "tags": "", "party": ""}),
    ]


@pytest.mark.parametrize(
    "name,content,error,message",
    [
        ("t.csv", "id,body\n1,x\n", ConfigError, "no column 'text' (columns: id, body)"),
        ("t.csv", "id,text\n1,a\n2,b\n1,c\n", InputError, "t.csv:4: id '1' is already on line 2"),
        ("t.csv", "id,text\n1,a,b\n", InputError, "t.csv:2: 3 cells where the header has 2"),
        ("t.csv", "id,text,id\n", InputError, "column 'id' appears twice"),
        ("t.csv", "id,text\n", InputError, "no rows"),
        ("t.csv", "", InputError, "empty table"),
        ("t.csv", b"id,text\n1,caf\xe9\n", InputError, "not UTF-8 text"),
        ("t.csv", b"id,text\n1,a\x00b\n", InputError, "binary file"),
        ("t.csv", "id,text\n,a\n", InputError, "t.csv:2: empty 'id'"),
        ("t.xlsx", "x", ConfigError, "give a .csv, .tsv or .jsonl file"),
        ("t.jsonl", '{"text": "a"}\nnot json\n', InputError, "t.jsonl:2: not a JSON line"),
        ("t.jsonl", "[1, 2]\n", InputError, "t.jsonl:1: not a JSON object"),
        ("t.jsonl", '{"text": 3}\n', InputError, "t.jsonl:1: a non-text 'text' field"),
        ("t.jsonl", '{"id": 1, "text": "a"}\n{"text": "b"}\n', InputError, "no 'id'"),
    ],
)
def test_table_bad_tables_are_one_clear_error(write, name, content, error, message):
    path = write(name, content)
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        open_table(path)


def test_table_bad_table_cli_one_line_and_no_output(write, tmp_path):
    path = write("t.csv", "id,text\n1,a\n1,b\n")
    out = tmp_path / "out.csv"
    result = run("batch", "--table", path, "-m", "blank:en", "-f", "csv", "-o", out)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"rhetor: error: {path}:3: id '1' is already on line 2; "
        "ids must be unique (--resume finds rows by id)"
    ]
    assert not out.exists()
    for extra, message in [
        (["--table", path, str(path)], "--table is the documents"),
        (["--text-column", "body", str(path)], "choose the columns of --table"),
        (["--table", path, "--name-pattern", "{a}.csv"], "carry their own metadata"),
        (["--table", tmp_path / "d.csv"], "a table is read twice (checked, then scored); give a "
         "file, not a directory"),
        (["--table", tmp_path / "none.csv"], "none.csv: no such file"),
    ]:  # fmt: skip
        (tmp_path / "d.csv").mkdir(exist_ok=True)
        result = run("batch", *extra, "-m", "blank:en")
        assert result.exit_code in (1, 2), extra
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert message in result.stderr, extra


def test_table_resume_by_row_id(write, tmp_path):
    path = write("t.csv", "id,party,text\na,Lab,Fairness.\nb,Con,Democracy.\n")
    out = tmp_path / "out.csv"
    base = ["batch", "--table", path, "-m", "blank:en", "-f", "csv", "-o", out, "-q"]
    assert run(*base).exit_code == 0
    # Row a edited, row c added: a is done (by id), only c is scored.
    write("t.csv", "id,party,text\na,Lab,Fairness again.\nb,Con,Democracy.\nc,Lab,Solidarity.\n")
    result = run(*base, "--resume")
    assert result.exit_code == 0, result.output
    assert "resuming: 2 already scored, 1 to go" in result.stderr
    rows = out.read_text().splitlines()
    assert [r.split(",")[0] for r in rows] == ["source", "a", "b", "c"]
    assert rows[0].startswith("source,party,sha256,")


@pytest.mark.slow
def test_table_python_api_and_two_workers(write):
    import rhetor

    path = write("t.jsonl", "".join(
        json.dumps({"id": f"s{i}", "text": "We stand for fairness.", "party": p}) + "\n"
        for i, p in enumerate(["Lab", "Con", "LAB", "con", "51320"])
    ))  # fmt: skip
    sides = write("sides.yaml", SIDES_YAML)
    records = rhetor.batch(
        table=path, sides_file=sides, author_from="party", model="blank:en", jobs=2
    )
    assert [r["source"] for r in records] == ["s0", "s1", "s2", "s3", "s4"]
    assert [r["meta"]["party"] for r in records] == ["Lab", "Con", "LAB", "con", "51320"]
    assert [{c["side"] for c in r["claims"]} for r in records] == [
        {"labour"},
        {"conservative"},
        {"labour"},
        {"conservative"},
        {"labour"},
    ]


@pytest.mark.slow
def test_table_on_a_dask_cluster_gives_the_local_records(write, sides_file, tmp_path):
    pytest.importorskip("distributed")
    path = write(
        "t.csv", "id,party,text\na,Lab,We stand for fairness.\nb,Con,We defend democracy.\n"
    )
    common = ["batch", "--table", path, "--sides", sides_file, "--author-from", "party"]
    common += ["-m", "blank:en", "-q"]
    assert run(*common, "-j", "1", "-o", tmp_path / "local.jsonl").exit_code == 0
    result = run(*common, "--scheduler", "local:1", "-o", tmp_path / "dask.jsonl")
    assert result.exit_code == 0, result.stderr

    def by_source(name):
        return sorted(records_of(tmp_path / name), key=lambda r: r["source"])

    ours, theirs = by_source("local.jsonl"), by_source("dask.jsonl")
    assert theirs == ours
    assert [{c["side"] for c in r["claims"]} for r in theirs] == [{"labour"}, {"conservative"}]
