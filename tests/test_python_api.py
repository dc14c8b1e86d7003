"""The Python API of the corpus: rhetor.batch, compare, trends and network.

Each function is checked for real content and against the JSON (or CSV) the
command of the same name prints for the same input, run in-process.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import rhetor
from rhetor.cli import app
from rhetor.errors import ConfigError, InputError
from tests.conftest import needs_model

# whole commands and batches run end to end: seconds each, left out by -m 'not slow'
pytestmark = pytest.mark.slow

SIDES = {"us": ["we", "our"], "tories": ["Tories", "they"]}
SIDE_OPTIONS = ["--side", "us=we,our", "--side", "tories=Tories,they"]
TEXTS = {
    "1990_lab.txt": "We stand for fairness. The Tories attack our solidarity.",
    "2000_con.txt": "They talk of fairness but oppose democracy. We defend democracy.",
    "2000_lab.txt": "We will always defend democracy and fairness.",
}


def cli(*args) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def corpus(write, tmp_path):
    for name, text in TEXTS.items():
        write(f"docs/{name}", text)
    return tmp_path / "docs"


@pytest.fixture
def records_file(corpus, tmp_path):
    """Records written by the command, with sides and metadata from the file names."""
    out = tmp_path / "records.jsonl"
    cli("batch", corpus, *SIDE_OPTIONS, "--name-pattern", "{year}_{party}.txt", "-o", out, "-q")
    return out


def _claims(record):
    return sorted((c["value"], c["side"], c["stance"]) for c in record["claims"])


# -- import -------------------------------------------------------------------------------------


def test_api_import_is_cheap_and_names_are_functions():
    code = (
        "import sys, rhetor, rhetor.batching.runner, rhetor.batching.command, "
        "rhetor.corpus.compare, rhetor.corpus.trends, rhetor.corpus.network\n"
        "heavy = [m for m in ('spacy', 'matplotlib', 'networkx', 'dask', 'typer') "
        "if m in sys.modules]\n"
        "kinds = [type(getattr(rhetor, n)).__name__ for n in "
        "('batch', 'compare', 'trends', 'network', 'analyse')]\n"
        "print(heavy, kinds)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert out.strip() == "[] ['function', 'function', 'function', 'function', 'function']"


def test_api_submodule_imports_do_not_shadow_the_functions():
    import rhetor.batching.api
    import rhetor.batching.runner
    import rhetor.corpus.api
    import rhetor.corpus.compare
    import rhetor.corpus.network
    import rhetor.corpus.network_api
    import rhetor.corpus.trends

    assert rhetor.batch is rhetor.batching.api.batch
    assert rhetor.compare is rhetor.corpus.api.compare
    assert rhetor.trends is rhetor.corpus.api.trends
    assert rhetor.network is rhetor.corpus.network_api.network
    assert {"batch", "compare", "trends", "network"} <= set(rhetor.__all__)


@pytest.mark.parametrize("name", ["batch", "compare", "trends", "network"])
def test_api_docstrings_have_an_example(name):
    assert "Example:" in getattr(rhetor, name).__doc__


# -- batch --------------------------------------------------------------------------------------


@needs_model
@pytest.mark.model
def test_api_batch_texts_in_memory_give_claims(capsys):
    records = rhetor.batch(TEXTS, sides=SIDES)
    assert [r["source"] for r in records] == list(TEXTS)
    by_source = {r["source"]: r for r in records}
    assert ("fairness", "us", "claims") in _claims(by_source["1990_lab.txt"])
    assert ("fairness", "tories", "appropriates") in _claims(by_source["2000_con.txt"])
    assert ("democracy", "us", "claims") in _claims(by_source["2000_con.txt"])
    assert all(r["error"] is None and r["sha256"] and r["settings"] for r in records)
    assert capsys.readouterr().out == ""  # nothing printed


@needs_model
@pytest.mark.model
def test_api_batch_agrees_with_the_cli_jsonl(corpus, records_file):
    from_cli = [json.loads(line) for line in records_file.read_text().splitlines()]
    from_api = rhetor.batch(
        [corpus], sides=["us=we,our", "tories=Tories,they"], name_pattern="{year}_{party}.txt"
    )
    assert from_api == from_cli
    assert from_api[0]["meta"] == {"year": "1990", "party": "lab"}


@needs_model
@pytest.mark.model
def test_api_batch_texts_and_files_give_the_same_figures(corpus):
    from_files = rhetor.batch(str(corpus), sides=SIDES)
    from_texts = rhetor.batch(TEXTS, sides=SIDES)
    for a, b in zip(from_files, from_texts, strict=True):
        assert a["source"].endswith(b["source"])
        assert (a["stats"], a["values"], _claims(a), a["sha256"]) == (
            b["stats"],
            b["values"],
            _claims(b),
            b["sha256"],
        )


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json"])
def test_api_batch_output_writes_the_cli_format(corpus, tmp_path, fmt):
    out = tmp_path / f"api.{fmt}"
    records = rhetor.batch([corpus], model="blank:en", output=out, format=fmt)
    cli_out = cli("batch", corpus, "-m", "blank:en", "-f", fmt, "-q")
    assert out.read_text() == cli_out
    assert [r["source"] for r in records] == [str(corpus / n) for n in sorted(TEXTS)]


def test_api_batch_resume_returns_only_the_new_records(corpus, tmp_path):
    out = tmp_path / "r.jsonl"
    first = rhetor.batch([corpus / "1990_lab.txt"], model="blank:en", output=out)
    with pytest.warns(UserWarning, match="1 already scored, 2 to go"):
        rest = rhetor.batch([corpus], model="blank:en", output=out, resume=True)
    assert [r["source"] for r in first + rest] == [str(corpus / n) for n in sorted(TEXTS)]
    assert len(out.read_text().splitlines()) == 3


def test_api_batch_counts_mode_values_only():
    (record,) = rhetor.batch({"t": "Fairness, fairness and democracy."}, counts=True)
    mentions = {v["value"]: v["mentions"] for v in record["values"]}
    assert mentions["fairness"] == 2 and mentions["democracy"] == 1
    assert record["mode"] == "counts"


@pytest.mark.slow
def test_api_batch_texts_in_two_workers_match_one():
    texts = {f"t{i}": "Fairness and democracy. " * (i + 1) for i in range(9)}
    one = rhetor.batch(texts, model="blank:en")
    two = rhetor.batch(texts, model="blank:en", jobs=2)
    assert two == one
    assert [v["mentions"] for v in two[8]["values"] if v["value"] == "fairness"] == [9]


def test_api_batch_unreadable_document_is_an_error_record(write):
    bad = write("bad.txt", b"\x00\x01binary\x00")
    good = write("good.txt", "Fairness.")
    records = rhetor.batch([bad, good], model="blank:en")
    assert records[0]["error"] and records[1]["error"] is None


@pytest.mark.parametrize(
    "kwargs,error,message",
    [
        ({"format": "xml"}, ConfigError, "choose jsonl, csv, json or claims"),
        ({"resume": True, "force": True, "output": "x.jsonl"}, ConfigError, "contradict"),
        ({"resume": True}, ConfigError, "needs -o FILE"),
        ({"sides": ["labour"]}, ConfigError, "NAME=ALIAS"),
        ({"counts": True, "sides": SIDES}, ConfigError, "reports no sides"),
        ({"jobs": 0}, ConfigError, "give 1 or more"),
        ({"scheduler": "local:1", "jobs": 2}, ConfigError, "size the cluster"),
    ],
)
def test_api_batch_bad_options_raise(corpus, kwargs, error, message):
    with pytest.raises(error, match=message):
        rhetor.batch([corpus], model="blank:en", **kwargs)


@pytest.mark.parametrize("given", ["We stand for fairness.", ["/nonexistent/folder"]])
def test_api_batch_a_string_is_a_path_never_a_text(given):
    with pytest.raises(InputError, match="no such file or folder"):
        rhetor.batch(given, model="blank:en")


def test_api_batch_existing_output_needs_force(corpus, tmp_path):
    out = tmp_path / "r.jsonl"
    out.write_text("")
    with pytest.raises(InputError, match="already exists"):
        rhetor.batch([corpus], model="blank:en", output=out)
    assert len(rhetor.batch([corpus], model="blank:en", output=out, force=True)) == 3


# -- compare ------------------------------------------------------------------------------------


@needs_model
@pytest.mark.model
@pytest.mark.parametrize(
    "options",
    [["--by", "party"], ["--by", "year", "--label", "1990=early"], ["--by", "year", "--bin", "20"]],
)
def test_api_compare_agrees_with_the_cli_json(records_file, options):
    from_cli = json.loads(cli("compare", records_file, *options, "--json"))
    kwargs = {"by": options[1]}
    if "--label" in options:
        kwargs["label"] = {"1990": "early"}
    if "--bin" in options:
        kwargs["bin_width"] = 20
    from_api = rhetor.compare(records_file, **kwargs)
    assert from_api == from_cli
    # the same from records held in memory
    records = [json.loads(line) for line in records_file.read_text().splitlines()]
    assert rhetor.compare(records, **kwargs) == from_cli


@needs_model
@pytest.mark.model
def test_api_compare_counts_and_rows(records_file):
    result = rhetor.compare(records_file, by="party")
    groups = {g["name"]: g for g in result["groups"]}
    assert groups["con"]["documents"] == 1 and groups["lab"]["documents"] == 2
    assert groups["con"]["values"]["democracy"]["mentions"] == 2
    assert groups["lab"]["values"]["fairness"]["mentions"] == 2
    assert groups["con"]["sides"]["tories"]["appropriates"] == 1
    rows = rhetor.compare(records_file, by="party", rows=True)
    from_csv = list(
        csv.DictReader(io.StringIO(cli("compare", records_file, "--by", "party", "--csv")))
    )
    assert len(rows) == len(from_csv)
    for row, cells in zip(rows, from_csv, strict=True):
        assert list(row) == list(cells)
        for column, cell in cells.items():
            got = row[column]
            assert ("" if got is None else str(got)) == cell, (column, row)


def test_api_compare_a_mapping_of_groups(tmp_path):
    records = rhetor.batch(
        {"a": "Fairness and fairness.", "b": "Democracy.", "c": "Fairness."}, model="blank:en"
    )
    result = rhetor.compare({"first": records[:1], "rest": records[1:]})
    groups = {g["name"]: g for g in result["groups"]}
    assert groups["first"]["values"]["fairness"] == {"mentions": 2, "per_1000_words": 666.67}
    assert groups["rest"]["values"]["fairness"]["mentions"] == 1
    assert groups["rest"]["words"] == 2 and groups["rest"]["documents"] == 2
    assert {k["group"] for k in result["keyness"]} == {"first", "rest"}


def test_api_compare_text_files_agree_with_the_cli(write):
    a = write("labour.txt", "We stand for fairness. Fairness for all, and democracy.")
    b = write("tories.txt", "We believe in responsibility.")
    from_cli = json.loads(cli("compare", a, b, "-m", "blank:en", "--json", "--side", "t=Tories"))
    from_api = rhetor.compare([a, b], model="blank:en", sides={"t": ["Tories"]})
    assert from_api == from_cli
    assert {g["name"]: g["values"]["fairness"]["mentions"] for g in from_api["groups"]} == {
        "labour": 2,
        "tories": 0,
    }


@pytest.mark.parametrize(
    "make_args,message",
    [
        (lambda recs: ([recs[0]], {}), "need by=FIELD"),
        (lambda recs: (recs, {"by": "nope"}), "no such metadata field"),
        (lambda recs: (recs, {"by": "year", "model": "blank:en"}), "apply to text files"),
        (lambda recs: (recs, {"bin_width": 10}), "--bin needs --by"),
        (lambda recs: ({"a": recs}, {}), "two groups or more"),
        (lambda recs: (recs, {"by": "year", "only": "year=3000"}), "leaves no documents"),
    ],
)
def test_api_compare_bad_input_raises(make_args, message):
    records = rhetor.batch(
        {"1990_a.txt": "Fairness.", "2000_b.txt": "Democracy."},
        model="blank:en",
        name_pattern="{year}_*.txt",
    )
    args, kwargs = make_args(records)
    with pytest.raises(ConfigError, match=message):
        rhetor.compare(args, **kwargs)


# -- trends -------------------------------------------------------------------------------------


@needs_model
@pytest.mark.model
@pytest.mark.parametrize(
    "options,kwargs",
    [
        (["--by", "year"], {"by": "year"}),
        (
            ["--by", "year", "--group", "party", "--label", "lab=Labour", "--value", "fairness"],
            {"by": "year", "group": "party", "label": ["lab=Labour"], "value": ["fairness"]},
        ),
        (
            ["--by", "year", "--author-as", "party", "--only", "party=lab"],
            {"by": "year", "author_as": "party", "only": {"party": ["lab"]}},
        ),
    ],
)
def test_api_trends_agree_with_the_cli_json(records_file, options, kwargs):
    from_cli = json.loads(cli("trends", records_file, *options, "--json"))
    assert rhetor.trends(records_file, **kwargs) == from_cli
    assert rhetor.trends(records_file, rows=True, **kwargs) == from_cli["values"]
    assert rhetor.trends(records_file, rows=True, table="claims", **kwargs) == from_cli["claims"]


def test_api_trends_pool_rates_per_point():
    records = rhetor.batch(
        {
            "1990_a.txt": "Fairness and fairness here.",
            "1990_b.txt": "Nothing at all to see.",
            "2000_c.txt": "Fairness.",
        },
        model="blank:en",
        name_pattern="{year}_*.txt",
    )
    values = rhetor.trends(records, by="year", value="fairness", rows=True)
    assert [(p["x"], p["mentions"], p["words"], p["documents"]) for p in values] == [
        (1990, 2, 9, 2),
        (2000, 1, 1, 1),
    ]
    assert values[0]["per_1000_words"] == round(2 * 1000 / 9, 2)
    assert values[0]["documents_with_value"] == 1
    assert values[0]["ci_low"] < values[0]["per_1000_words"] < values[0]["ci_high"]
    claims = rhetor.trends(records, by="year", value="fairness", rows=True, table="claims")
    assert {(p["side"], p["stance"]) for p in claims} == {("author", "claims")}


def test_api_trends_plot_writes_a_chart(tmp_path):
    pytest.importorskip("matplotlib")
    records = rhetor.batch(
        {"1990_a.txt": "Fairness.", "2000_b.txt": "Democracy."},
        model="blank:en",
        name_pattern="{year}_*.txt",
    )
    chart = tmp_path / "t.png"
    rhetor.trends(records, by="year", plot=chart, title="Values")
    assert chart.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"by": "nope"}, "no such metadata field"),
        ({"by": "year", "value": "nope"}, "not a value in the records"),
        ({"by": "year", "plot": "chart.txt"}, "name it .png"),
        ({"by": "year", "label": ["lab"]}, "expected GROUP=TEXT"),
    ],
)
def test_api_trends_bad_options_raise(kwargs, message):
    records = rhetor.batch({"1990_a.txt": "Fairness."}, model="blank:en", name_pattern="{year}_*")
    with pytest.raises(ConfigError, match=message):
        rhetor.trends(records, **kwargs)


# -- network ------------------------------------------------------------------------------------


@needs_model
@pytest.mark.model
@pytest.mark.parametrize(
    "options,kwargs",
    [
        ([], {}),
        (["--slice", "year", "--author-as", "party"], {"slice_by": "year", "author_as": "party"}),
        (["--min-weight", "2"], {"min_weight": 2}),
    ],
)
def test_api_network_agrees_with_the_cli_edge_list(records_file, options, kwargs):
    from_cli = list(csv.DictReader(io.StringIO(cli("network", records_file, "--csv", *options))))
    rows = rhetor.network(records_file, rows=True, **kwargs)
    assert [{k: "" if v is None else str(v) for k, v in r.items()} for r in rows] == from_cli
    graph = rhetor.network(records_file, **kwargs)
    assert [(e["side"], e["value"], e["stance"], e["weight"]) for e in graph["edges"]] == [
        (r["source"], r["target"], r["stance"], r["weight"]) for r in rows
    ]
    ids = {n["id"] for n in graph["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])


@needs_model
@pytest.mark.model
def test_api_network_nodes_and_edges(records_file):
    graph = rhetor.network(records_file)
    edges = {(e["side"], e["value"], e["stance"]): e for e in graph["edges"]}
    assert edges[("us", "democracy", "claims")]["weight"] == 2
    assert edges[("us", "democracy", "claims")]["documents"] == 2
    assert edges[("tories", "fairness", "appropriates")]["source"] == "side:tories"
    assert {n["kind"] for n in graph["nodes"]} == {"side", "value"}


def test_api_network_graphml_matches_the_cli(tmp_path):
    pytest.importorskip("networkx")
    records = rhetor.batch(
        {"a": "We stand for fairness.", "b": "We defend democracy."},
        model="blank:en",
        sides={"us": ["we"]},
    )
    records_path = tmp_path / "r.jsonl"
    records_path.write_text("".join(json.dumps(r) + "\n" for r in records))
    api_out, cli_out = tmp_path / "api.graphml", tmp_path / "cli.graphml"
    graph = rhetor.network(records, output=api_out)
    cli("network", records_path, "-o", cli_out)
    assert api_out.read_text() == cli_out.read_text()
    assert [(e["side"], e["value"]) for e in graph["edges"]] == [
        ("us", "democracy"),
        ("us", "fairness"),
    ]
    with pytest.raises(InputError, match="already exists"):
        rhetor.network(records, output=api_out)
    rhetor.network(records, output=api_out, force=True)


@pytest.mark.parametrize(
    "kwargs,error,message",
    [
        ({"bin_width": 10}, ConfigError, "--bin needs --slice"),
        ({"min_weight": 0}, ConfigError, "give 1 or more"),
        ({"slice_by": "nope"}, ConfigError, "no such metadata field"),
    ],
)
def test_api_network_bad_options_raise(kwargs, error, message):
    records = rhetor.batch({"a": "We stand for fairness."}, model="blank:en")
    with pytest.raises(error, match=message):
        rhetor.network(records, **kwargs)


def test_api_corpus_functions_refuse_what_is_not_records(tmp_path):
    with pytest.raises(InputError, match="no such records file"):
        rhetor.trends([tmp_path / "missing.jsonl"], by="year")
    with pytest.raises(ConfigError, match="expected paths or record dicts"):
        rhetor.network([42])
    with pytest.raises(InputError, match="no scored documents"):
        rhetor.network([{"source": "x", "error": "binary"}])


# -- documentation ------------------------------------------------------------------------------


def _doc_blocks() -> list[str]:
    import re

    from tests.conftest import ROOT

    text = (ROOT / "docs" / "python-api.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, re.S)


@needs_model
@pytest.mark.model
@pytest.mark.parametrize("number", range(len(_doc_blocks())))
def test_api_docs_examples_run(number, monkeypatch, capsys):
    from tests.conftest import ROOT

    monkeypatch.chdir(ROOT)  # the examples read seeds/
    exec(compile(_doc_blocks()[number], f"python-api.md block {number}", "exec"), {})
    assert capsys.readouterr().out.strip()


@needs_model
@pytest.mark.model
@pytest.mark.parametrize("module", ["rhetor.batching.api", "rhetor.corpus.api"])
def test_api_docstring_examples_run(module):
    import doctest
    import importlib

    failed, tried = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert tried and not failed
