"""The tidy tables of compare, trends and network, read back as a researcher would:
with pandas (one row type per table, one observation per row, zeros kept, numbers as
numbers), and the GraphML file's typed attributes; plus the document-level view of
compare, on corpora built so that the answer is known."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from typer.testing import CliRunner

from rhetor.cli import app
from rhetor.corpus.compare import compare
from rhetor.corpus.dispersion import spread
from rhetor.corpus.records import DocumentCounts, group_documents

STANCES = ("claims", "appropriates", "opposes")


def _record(source, meta, words, values, claims):
    return {
        "source": source,
        "meta": meta,
        "stats": {"words": words},
        "values": [{"value": v, "mentions": n} for v, n in values.items()],
        "sides": [{"id": "author", "auto": False}],
        "claims": [
            {"side": side, "value": value, "stance": stance}
            for (side, value, stance), n in claims.items()
            for _ in range(n)
        ],
        "error": None,
    }


@pytest.fixture
def records_file(tmp_path):
    """Twelve documents: three years, two parties, three values (one never claimed by
    con), three sides."""
    lines = []
    for i in range(12):
        party = "lab" if i % 2 else "con"
        values = {"fairness": i % 4, "democracy": (i * 3) % 5, "solidarity": 0}
        claims = Counter({("author", "fairness", STANCES[i % 3]): i % 4})
        if party == "lab":
            claims[("tories", "democracy", "opposes")] += 1
        else:
            claims[("unions", "fairness", "claims")] += 1
        meta = {"year": str(1990 + i % 3), "party": party}
        lines.append(json.dumps(_record(f"d{i}.txt", meta, 200 + 10 * i, values, claims)))
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def frame(text: str):
    pd = pytest.importorskip("pandas")
    return pd.read_csv(io.StringIO(text))


def is_int(series) -> bool:
    import pandas as pd

    return pd.api.types.is_integer_dtype(series)


def is_float(series) -> bool:
    import pandas as pd

    return pd.api.types.is_float_dtype(series)


def is_text(series) -> bool:
    import pandas as pd

    return pd.api.types.is_string_dtype(series) or pd.api.types.is_object_dtype(series)


def one_row_each(table, keys) -> None:
    assert not table.duplicated(keys).any(), table[table.duplicated(keys, keep=False)]


@pytest.mark.parametrize(
    "table,keys,ints,floats,texts",
    [
        (
            "keyness",
            ["group", "value"],
            ["n_target", "n_reference", "words_target", "words_reference"],
            ["per_1000_target", "G2", "G2_uncorrected", "p", "log_ratio", "top_document_share"],
            ["group", "reference", "value", "correction"],
        ),
        (
            "values",
            ["group", "value"],
            ["documents", "words", "mentions", "documents_with_value"],
            ["per_1000_words", "mean_per_1000_words", "sd_per_1000_words"],
            ["group", "value"],
        ),
        (
            "claims",
            ["group", "side", "value", "stance"],
            ["claims", "words"],
            ["per_1000_words"],
            ["group", "side", "value", "stance"],
        ),
        (
            "documents",
            ["source", "value"],
            ["words", "mentions"],
            ["per_1000_words"],
            ["group", "source", "value"],
        ),
    ],
)
def test_compare_tables_are_tidy_with_pandas(records_file, table, keys, ints, floats, texts):
    found = frame(run("compare", records_file, "--by", "party", "--csv", "--table", table))
    one_row_each(found, keys)
    for column in ints:
        assert is_int(found[column]), (column, found[column].dtype)
    for column in floats:
        assert is_float(found[column]), (column, found[column].dtype)
    for column in texts:
        assert is_text(found[column]), (column, found[column].dtype)
    if table == "keyness":
        assert found["one_document"].dtype == bool
        assert set(found["correction"]) == {"williams"}
        assert (found["n_target"] == 0).any() or (found["n_reference"] == 0).any()
    if table == "claims":  # every group x side x value x stance, zeros kept
        assert len(found) == 2 * 3 * 3 * 3
        assert (found["claims"] == 0).sum() > 0
        # con: author claims i % 4 for i = 0, 2, ..., 10 (6) and a unions claim each (6);
        # lab: i % 4 for i = 1, 3, ..., 11 (12) and a tories claim each (6)
        assert found.groupby("group")["claims"].sum().to_dict() == {"con": 12, "lab": 18}
    if table in ("values", "documents"):
        solidarity = found[found["value"] == "solidarity"]
        assert len(solidarity) and (solidarity["mentions"] == 0).all()  # zeros kept


def test_compare_default_table_is_keyness_and_table_needs_csv(records_file):
    default = run("compare", records_file, "--by", "party", "--csv")
    assert default == run("compare", records_file, "--by", "party", "--csv", "--table", "keyness")
    result = CliRunner().invoke(
        app, ["compare", str(records_file), "--by", "party", "--table", "values"]
    )
    assert result.exit_code == 2 and "add --csv" in result.stderr
    result = CliRunner().invoke(
        app, ["compare", str(records_file), "--by", "party", "--csv", "--table", "nope"]
    )
    assert result.exit_code == 2 and "keyness, values, claims, documents" in result.stderr


def test_compare_correction_none_gives_the_plain_g_test(records_file):
    williams = frame(run("compare", records_file, "--by", "party", "--csv"))
    plain = frame(run("compare", records_file, "--by", "party", "--csv", "--correction", "none"))
    assert set(plain["correction"]) == {"none"}
    assert (plain["G2"] == plain["G2_uncorrected"]).all()
    assert (plain["G2_uncorrected"] == williams["G2_uncorrected"]).all()
    assert (williams["G2"].abs() <= williams["G2_uncorrected"].abs()).all()


@pytest.mark.parametrize(
    "table,keys,count",
    [
        ("values", ["x", "group", "value"], "mentions"),
        ("claims", ["x", "group", "side", "stance"], "claims"),
    ],
)
def test_trends_tables_are_tidy_with_pandas(records_file, table, keys, count):
    found = frame(
        run("trends", records_file, "--by", "year", "--group", "party", "--csv", "--table", table)
    )
    one_row_each(found, keys)
    assert is_int(found["x"]) and sorted(set(found["x"])) == [1990, 1991, 1992]
    for column in ("documents", "words", count):
        assert is_int(found[column]), column
    for column in ("per_1000_words", "ci_low", "ci_high"):
        assert is_float(found[column]), column
    assert (found["ci_low"] <= found["per_1000_words"]).all()
    assert (found["per_1000_words"] <= found["ci_high"]).all()
    assert (found[count] == 0).any()  # zeros kept
    assert "kind" not in found.columns and "series" not in found.columns


def test_trends_default_table_is_values(records_file):
    default = run("trends", records_file, "--by", "year", "--csv")
    assert default == run("trends", records_file, "--by", "year", "--csv", "--table", "values")
    assert default.splitlines()[0] == (
        "x,group,value,documents,words,mentions,documents_with_value,per_1000_words,ci_low,ci_high"
    )


def test_network_edge_list_is_tidy_with_pandas(records_file):
    plain = frame(run("network", records_file, "--csv"))
    assert list(plain.columns) == ["source", "target", "stance", "weight", "documents"]
    one_row_each(plain, ["source", "target", "stance"])
    sliced = frame(run("network", records_file, "--csv", "--slice", "year"))
    assert is_int(sliced["slice"]) and set(sliced["slice"]) == {1990, 1991, 1992}
    assert is_int(sliced["weight"]) and is_int(sliced["documents"])
    one_row_each(sliced, ["source", "target", "stance", "slice"])
    assert sliced["weight"].sum() == plain["weight"].sum()


GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
INTEGER = ("int", "long")  # GraphML's integers; networkx writes Python ints as long


def test_network_graphml_attributes_are_typed(records_file, tmp_path):
    pytest.importorskip("networkx")
    out = tmp_path / "net.graphml"
    run("network", records_file, "--slice", "year", "-o", out)
    keys = {
        (key.get("for"), key.get("attr.name")): key.get("attr.type")
        for key in ET.parse(out).getroot().iter(f"{GRAPHML}key")
    }
    assert keys[("edge", "weight")] in INTEGER
    assert keys[("edge", "documents")] in INTEGER
    assert keys[("edge", "slice")] in INTEGER
    assert keys[("edge", "stance")] == "string"
    assert keys[("node", "kind")] == "string"
    assert keys[("node", "bipartite")] in INTEGER
    import networkx as nx

    graph = nx.read_graphml(out)
    assert {d["slice"] for _, _, d in graph.edges(data=True)} == {1990, 1991, 1992}


def test_network_graphml_slice_stays_text_when_not_a_number(records_file, tmp_path):
    pytest.importorskip("networkx")
    out = tmp_path / "net.graphml"
    run("network", records_file, "--slice", "party", "-o", out)
    keys = {
        key.get("attr.name"): key.get("attr.type")
        for key in ET.parse(out).getroot().iter(f"{GRAPHML}key")
    }
    assert keys["slice"] == "string" and keys["weight"] in INTEGER


# -- the document-level view ---------------------------------------------------------------------


def doc(source, words, mentions, party):
    return DocumentCounts(source, {"party": party}, words, Counter({"fairness": mentions}))


def test_compare_document_level_spread_is_plain_arithmetic():
    docs = [doc("a", 1000, 4, "x"), doc("b", 2000, 0, "x"), doc("c", 500, 1, "x")]
    found = spread(docs, "fairness")
    # rates 4.0, 0.0, 2.0 per 1,000 words: mean 2.0, sample sd sqrt((4 + 4 + 0) / 2) = 2.0
    assert (found.documents, found.with_value) == (3, 2)
    assert found.mean_rate == pytest.approx(2.0) and found.sd_rate == pytest.approx(2.0)
    assert (found.top_document, found.top_mentions) == ("a", 4)
    assert found.top_share == pytest.approx(4 / 5)


def test_compare_flags_a_difference_one_document_drives():
    # Group x: one speech says fairness 40 times, nine others once each; group y: ten
    # speeches, one mention each. Pooled, x uses fairness far more (49 against 10 in the
    # same words); without its top document, 9 against 10: no difference.
    x = [doc("loud", 1000, 40, "x")] + [doc(f"x{i}", 1000, 1, "x") for i in range(9)]
    y = [doc(f"y{i}", 1000, 1, "y") for i in range(10)]
    comparison = compare(group_documents(x + y, "party"))
    key = {(k.group, k.value): k for k in comparison.keyness}[("x", "fairness")]
    assert key.stats.g2 > 10 and key.stats.p < 0.001
    assert key.top.source == "loud" and key.top.share == pytest.approx(40 / 49)
    assert key.top.without.p > 0.05 and key.top.drives
    mirrored = {(k.group, k.value): k for k in comparison.keyness}[("y", "fairness")]
    assert mirrored.top.source == "loud" and mirrored.top.drives  # the same difference
    rows = {(r["group"], r["value"]): r for r in comparison.rows("values")}
    assert rows[("x", "fairness")]["documents_with_value"] == 10
    assert rows[("x", "fairness")]["top_document"] == "loud"


def test_compare_does_not_flag_a_difference_many_documents_share():
    x = [doc(f"x{i}", 1000, 5, "x") for i in range(10)]
    y = [doc(f"y{i}", 1000, 1, "y") for i in range(10)]
    comparison = compare(group_documents(x + y, "party"))
    key = {(k.group, k.value): k for k in comparison.keyness}[("x", "fairness")]
    assert key.stats.p < 0.001 and key.top.share == pytest.approx(0.1)
    assert key.top.without.p < 0.001 and not key.top.drives
    flags = {(r["group"], r["one_document"]) for r in comparison.rows("keyness")}
    assert flags == {("x", False), ("y", False)}


def test_compare_table_shows_the_flag_and_the_document_spread(records_file, tmp_path):
    lines = [
        json.dumps(_record("loud.txt", {"party": "x"}, 1000, {"fairness": 40}, {})),
        *(
            json.dumps(_record(f"x{i}.txt", {"party": "x"}, 1000, {"fairness": 1}, {}))
            for i in range(9)
        ),
        *(
            json.dumps(_record(f"y{i}.txt", {"party": "y"}, 1000, {"fairness": 1}, {}))
            for i in range(10)
        ),
    ]
    path = tmp_path / "loud.jsonl"
    path.write_text("\n".join(lines) + "\n")
    shown = " ".join(run("compare", path, "--by", "party").split())
    assert "⚑" in shown and "one document drives the difference" in shown
    assert "10/10" in shown  # documents carrying fairness, of all, in each group
    assert "Williams-corrected" in shown


def test_trends_wilson_interval_by_hand():
    from rhetor.corpus.trends import wilson_interval

    # 10 mentions in 1,000 words, z = 1.96: p = 0.01, z^2 = 3.8415,
    # centre = (0.01 + 3.8415/2000) / (1 + 3.8415/1000) = 0.011921 / 1.0038415 = 0.011875
    # half = 1.96 * sqrt(0.01 * 0.99 / 1000 + 3.8415 / 4e6) / 1.0038415 = 0.006434
    # so 5.44 to 18.31 per 1,000 words around the rate 10.0
    low, high = wilson_interval(10, 1000)
    assert low == pytest.approx(5.4408, abs=1e-3) and high == pytest.approx(18.3095, abs=1e-3)
    assert wilson_interval(0, 1000) == (0.0, pytest.approx(3.8268, abs=1e-3))


# -- tidy tables meet untrusted input (r3-views and r3-harden together) ---------------------------


@pytest.fixture
def formula_records(tmp_path):
    """Two parties whose names, sources and values a spreadsheet would run as formulas."""
    lines = [
        json.dumps(
            _record(
                f"=doc{i}.txt",
                {"party": "-lab" if i % 2 else "@con", "year": "1990"},
                100,
                {"+fair": i + 1},
                {("=we", "+fair", "claims"): 1},
            )
        )
        for i in range(4)
    ]
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("table", ["keyness", "values", "claims", "documents"])
def test_compare_tidy_tables_mark_formula_cells_and_keep_numbers(formula_records, table):
    from rhetor.io.csvcells import read_table

    text = run("compare", formula_records, "--by", "party", "--csv", "--table", table)
    header, rows = read_table(text)
    rows = [row for _, row in rows]
    for line in text.splitlines()[1:]:
        for cell in line.split(","):
            assert cell[:1] not in ("=", "+", "@") and not cell.startswith("-l"), line
    # read back through rhetor's reader, every name is exact again
    assert {row["group"] for row in rows} == {"-lab", "@con"}
    if "value" in header:
        assert {row["value"] for row in rows} == {"+fair"}
    if table == "documents":
        assert {row["source"] for row in rows} == {f"=doc{i}.txt" for i in range(4)}
    if table == "claims":
        assert {row["side"] for row in rows} == {"=we"}
    # and the numbers are still numbers for pandas
    frame_ = frame(text)
    count = {"keyness": "n_target", "values": "mentions", "claims": "claims"}
    assert is_int(frame_[count.get(table, "mentions")])
    if table == "keyness":
        assert is_float(frame_["log_ratio"]) and (frame_["log_ratio"] < 0).any()


def test_compare_document_level_tables_refuse_a_broken_count(records_file, tmp_path):
    broken = tmp_path / "broken.jsonl"
    lines = records_file.read_text().splitlines()
    record = json.loads(lines[3])
    record["values"][0]["mentions"] = 1e400
    lines[3] = json.dumps(record)
    broken.write_text("\n".join(lines) + "\n")
    result = CliRunner().invoke(
        app, ["compare", str(broken), "--by", "party", "--csv", "--table", "documents"]
    )
    assert result.exit_code == 1 and result.stdout == ""
    assert "broken.jsonl:4: fairness mentions inf is not a count" in result.stderr


def test_network_graphml_is_typed_and_escaped_at_once(tmp_path):
    nx = pytest.importorskip("networkx")
    lines = [
        json.dumps(
            _record(
                f"d{i}.txt",
                {"year": str(1990 + i)},
                100,
                {"fair\x00ness": 1},
                {
                    ("a|b", "c", "claims"): 1,
                    ("a", "b|c", "claims"): 1,
                    ("x\x01", "c", "opposes"): 1,
                },
            )
        )
        for i in range(2)
    ]
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(lines) + "\n")
    out = tmp_path / "net.graphml"
    run("network", path, "--slice", "year", "-o", out)
    root = ET.parse(out).getroot()  # well-formed whatever the names hold
    keys = {k.get("attr.name"): k.get("attr.type") for k in root.iter(f"{GRAPHML}key")}
    assert keys["slice"] in INTEGER and keys["weight"] in INTEGER
    ids = [edge.get("id") for edge in root.iter(f"{GRAPHML}edge")]
    assert len(ids) == len(set(ids)) == 6  # a|b + c and a + b|c stay two edges, per year
    graph = nx.read_graphml(out)
    assert "side:x\\x01" in graph.nodes
    assert {d["slice"] for _, _, d in graph.edges(data=True)} == {1990, 1991}
