from __future__ import annotations

import json
import math
import re
from collections import Counter

import pytest
from typer.testing import CliRunner

from rhetor.cli import app
from rhetor.corpus.compare import compare
from rhetor.corpus.keyness import chi2_1df_survival, keyness
from rhetor.corpus.records import DocumentCounts, group_documents, read_records
from rhetor.corpus.trends import CLAIMS, VALUE, trends
from rhetor.errors import ConfigError, InputError


def test_keyness_against_a_hand_computed_table():
    # target: 10 of 1,000 words; reference: 5 of 2,000. Expected counts 5, 10, 995, 1990:
    # G2 = 2 (10 ln 2 + 5 ln 0.5 + 990 ln(990/995) + 1995 ln(1995/1990)) = 6.96919
    stats = keyness(10, 1000, 5, 2000, correction="none")
    assert stats.g2 == stats.g2_uncorrected == pytest.approx(6.96919, abs=1e-4)
    assert stats.log_ratio == pytest.approx(2.0)  # 1% against 0.25%: four times as often
    assert stats.p == pytest.approx(0.00829, abs=1e-4)
    mirrored = keyness(5, 2000, 10, 1000, correction="none")
    assert mirrored.g2 == pytest.approx(-6.96919, abs=1e-4)
    assert mirrored.log_ratio == pytest.approx(-2.0)
    # Williams: N = 3000, q = 1 + (3000/15 + 3000/2985 - 1)(3000/1000 + 3000/2000 - 1)/18000
    #                       = 1 + 200.00503 * 3.5 / 18000 = 1.0388899; 6.96919 / q = 6.70831
    assert keyness(10, 1000, 5, 2000).g2 == pytest.approx(6.70831, abs=1e-4)


def test_keyness_williams_correction_matches_quanteda_on_a_hand_checked_table():
    # 442 mentions in 50,000 words against 177 in 50,000: the 2x2 table
    #   a = 442, b = 177 (the value), c = 49,558, d = 49,823 (all other words), N = 100,000.
    # Expected a: 619 * 50,000 / 100,000 = 309.5 (b the same; c and d 49,690.5), so
    #   G2 = 2 (442 ln(442/309.5) + 177 ln(177/309.5)
    #           + 49,558 ln(49,558/49,690.5) + 49,823 ln(49,823/49,690.5)) = 117.9034
    # Williams' q, as quanteda.textstats' src/keyness.cpp computes it:
    #   q = 1 + (N/(a+b) + N/(c+d) - 1) (N/(a+c) + N/(b+d) - 1) / (6N)
    #     = 1 + (161.5509 + 1.0062 - 1) (2 + 2 - 1) / 600,000 = 1.00080779
    #   G2 / q = 117.8083, what textstat_keyness(measure = "lr", correction = "williams")
    #   gives; uncorrected (correction = "none") it is 117.9034.
    stats = keyness(442, 50_000, 177, 50_000)
    assert stats.correction == "williams"
    assert stats.g2 == pytest.approx(117.8083, abs=1e-4)
    assert stats.g2_uncorrected == pytest.approx(117.9034, abs=1e-4)
    assert keyness(442, 50_000, 177, 50_000, correction="none").g2 == pytest.approx(117.9034, 1e-6)
    assert stats.p < keyness(442, 50_000, 177, 50_000, correction="none").p * 1.2
    # a zero cell: no correction (q = 1), as quanteda
    assert keyness(0, 1000, 4, 1000).g2 == pytest.approx(
        keyness(0, 1000, 4, 1000, correction="none").g2
    )
    # yates, quanteda's default for lr: only when an expected count is under 5.
    # 2 of 100 against 0 of 100: cells move 0.5 towards independence (1.5, 0.5, 98.5, 99.5)
    yates = keyness(2, 100, 0, 100, correction="yates")
    from rhetor.corpus.keyness import g_statistic

    assert yates.g2 == pytest.approx(g_statistic(1.5, 0.5, 98.5, 99.5))
    assert keyness(442, 50_000, 177, 50_000, correction="yates").g2 == pytest.approx(117.9034, 1e-6)
    with pytest.raises(ValueError, match="correction"):
        keyness(1, 10, 1, 10, correction="bonferroni")


@pytest.mark.parametrize(
    "args,expected",
    [
        ((0, 100, 0, 100), 0.0),  # no mentions anywhere: nothing to tell apart
        ((7, 100, 7, 100), 0.0),  # the same rate
    ],
)
def test_keyness_equal_rates_give_zero(args, expected):
    assert keyness(*args).g2 == pytest.approx(expected)


def test_keyness_zero_count_keeps_log_ratio_finite_and_p_matches_chi_square_table():
    assert keyness(0, 1000, 4, 1000).log_ratio == pytest.approx(math.log2(0.5 / 4))
    assert keyness(0, 100, 0, 5000).log_ratio == 0.0  # used by neither: no difference
    assert chi2_1df_survival(3.841458820694124) == pytest.approx(0.05, abs=1e-9)
    assert chi2_1df_survival(0.0) == 1.0


def doc(source, words, values=(), claims=(), **meta):
    return DocumentCounts(source, dict(meta), words, Counter(dict(values)), Counter(dict(claims)))


CORPUS = [
    doc(
        "a",
        1000,
        {"fairness": 3, "democracy": 1},
        {("author", "fairness", "claims"): 2},
        year="1990",
        party="lab",
    ),
    doc(
        "b",
        3000,
        {"fairness": 1},
        {("author", "fairness", "claims"): 1, ("tories", "fairness", "opposes"): 1},
        year="1990",
        party="lab",
    ),
    doc("c", 500, {"fairness": 5, "democracy": 2}, {}, year="1990", party="con"),
    doc(
        "d",
        2000,
        {"democracy": 4},
        {("author", "democracy", "claims"): 3},
        year="1995",
        party="lab",
    ),
]


def test_trends_pool_counts_over_words_as_plain_arithmetic():
    found = trends(CORPUS, "year", group="party")
    rate = {(p.x, p.group, p.kind, p.series): p.rate for p in found.points}
    assert rate[("1990", "lab", VALUE, "fairness")] == round((3 + 1) * 1000 / (1000 + 3000), 2)
    assert rate[("1990", "con", VALUE, "democracy")] == round(2 * 1000 / 500, 2)
    assert rate[("1995", "lab", VALUE, "democracy")] == round(4 * 1000 / 2000, 2)
    assert rate[("1990", "lab", CLAIMS, "author claims")] == round(3 * 1000 / 4000, 2)
    assert rate[("1990", "lab", CLAIMS, "tories opposes")] == round(1 * 1000 / 4000, 2)
    assert ("1995", "con", VALUE, "fairness") not in rate  # no documents there: no point
    assert found.xs() == ["1990", "1995"] and found.groups() == ["con", "lab"]


def test_trends_bins_and_natural_order():
    documents = [doc(str(y), 100, {"fairness": 1}, year=str(y)) for y in (2001, 1987, 1999, 1980)]
    found = trends(documents, "year", bin_width=10)
    points = {p.x: (p.documents, p.count) for p in found.points}
    assert points == {"1980": (2, 2), "1990": (1, 1), "2000": (1, 1)}
    assert list(group_documents(documents, "year")) == ["1980", "1987", "1999", "2001"]
    with pytest.raises(ConfigError, match="--bin needs whole numbers"):
        trends([doc("x", 10, year="late")], "year", bin_width=5)


def test_compare_groups_rates_and_keyness_one_against_the_rest():
    comparison = compare(group_documents(CORPUS, "party"))
    con, lab = comparison.groups
    assert (con.name, con.words, lab.words) == ("con", 500, 6000)
    assert lab.rate("democracy") == round(5 * 1000 / 6000, 2)
    key = {(k.group, k.value): k.stats for k in comparison.keyness}
    assert key[("con", "fairness")].g2 == pytest.approx(keyness(5, 500, 4, 6000).g2)
    assert key[("con", "fairness")].correction == "williams"
    assert key[("lab", "fairness")].g2 == pytest.approx(-key[("con", "fairness")].g2)
    assert lab.side_stances()["tories"] == {"claims": 0, "appropriates": 0, "opposes": 1}
    rows = comparison.rows("keyness")
    assert {r["group"] for r in rows} == {"con", "lab"}
    with pytest.raises(ValueError, match="at least two groups"):
        compare({"lab": CORPUS})


def _claim(side, value, stance):
    return {"side": side, "value": value, "stance": stance}


def _json_record(source, meta, claims, words=100, auto=False):
    values = Counter(c["value"] for c in claims)
    return {
        "source": source,
        "meta": meta,
        "stats": {"words": words},
        "values": [{"value": v, "mentions": n} for v, n in values.items()],
        "sides": [{"id": "author", "auto": auto}],
        "claims": claims,
        "error": None,
    }


@pytest.fixture
def records_file(tmp_path):
    stances = ("claims", "appropriates", "opposes")
    sides = ("author", "labour", "tories")
    values = ("fairness", "democracy", "solidarity")
    lines = []
    for i in range(12):
        claims = [
            _claim(sides[(i + k) % 3], values[(i * k) % 3], stances[(i + 2 * k) % 3])
            for k in range(i % 5 + 1)
        ]
        claims.append({"side": None, "value": "fairness", "stance": "claims"})
        meta = {"year": str(1990 + i % 3), "party": "lab" if i % 2 else "con"}
        lines.append(json.dumps(_json_record(f"d{i}.txt", meta, claims)))
    lines.append(json.dumps({"source": "broken.txt", "error": "binary file"}))
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_cli_network_graphml_matches_counts_from_the_records(records_file, tmp_path):
    nx = pytest.importorskip("networkx")
    out = tmp_path / "net.graphml"
    result = CliRunner().invoke(app, ["network", str(records_file), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    expected: Counter = Counter()
    for line in records_file.read_text().splitlines():
        record = json.loads(line)
        for claim in record.get("claims") or ():
            if claim["side"]:
                expected[(claim["side"], claim["value"], claim["stance"])] += 1
    graph = nx.read_graphml(out)
    found = {
        (
            graph.nodes[u]["label"]
            if graph.nodes[u]["kind"] == "side"
            else graph.nodes[v]["label"],
            graph.nodes[v]["label"]
            if graph.nodes[v]["kind"] == "value"
            else graph.nodes[u]["label"],
            data["stance"],
        ): data["weight"]
        for u, v, data in graph.edges(data=True)
    }
    assert found == dict(expected)
    assert graph.number_of_edges() == len(expected)
    kinds = Counter(data["kind"] for _, data in graph.nodes(data=True))
    assert kinds == {"side": len({k[0] for k in expected}), "value": len({k[1] for k in expected})}
    assert f"{len(expected)} edges" in result.stderr
    edge_ids = re.findall(r'<edge [^>]*id="([^"]*)"', out.read_text())
    assert len(edge_ids) == len(set(edge_ids)) == len(expected)  # unique, as GraphML requires


PARTY_SIDES = (
    "labour: {aliases: [Labour], codes: [lab]}\ntories: {aliases: [Tories], codes: [con]}\n"
)


def test_cli_network_slices_and_author_from_in_the_edge_list(records_file, tmp_path):
    sides = tmp_path / "sides.yaml"
    sides.write_text(PARTY_SIDES)
    args = ["network", str(records_file), "--csv", "--slice", "year"]
    result = CliRunner().invoke(app, [*args, "--author-from", "party", "--sides", str(sides)])
    assert result.exit_code == 0, result.stderr
    rows = [line.split(",") for line in result.stdout.splitlines()[1:]]
    assert {r[5] for r in rows} == {"1990", "1991", "1992"}
    assert {r[0] for r in rows} == {"labour", "tories"}  # one node per party, no 'author'
    total = sum(int(r[3]) for r in rows)
    claimed = sum(
        1
        for line in records_file.read_text().splitlines()
        for c in json.loads(line).get("claims") or ()
        if c["side"]
    )
    assert total == claimed


def test_cli_network_without_networkx_exits_2_with_the_install_command(
    records_file, monkeypatch, tmp_path
):
    import builtins

    real_import = builtins.__import__

    def no_networkx(name, *args, **kwargs):
        if name == "networkx":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_networkx)
    result = CliRunner().invoke(
        app, ["network", str(records_file), "-o", str(tmp_path / "n.graphml")]
    )
    assert result.exit_code == 2
    assert "pip install 'rhetor[network]'" in result.stderr


def test_cli_trends_plot_without_matplotlib_exits_2(records_file, monkeypatch, tmp_path):
    import builtins

    real_import = builtins.__import__

    def no_matplotlib(name, *args, **kwargs):
        if name.startswith("matplotlib"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    result = CliRunner().invoke(
        app, ["trends", str(records_file), "--by", "year", "--plot", str(tmp_path / "t.png")]
    )
    assert result.exit_code == 2 and result.stdout == ""
    assert "pip install 'rhetor[plot]'" in result.stderr


def test_cli_compare_by_field_json_and_csv(records_file):
    runner = CliRunner()
    data = json.loads(
        runner.invoke(app, ["compare", str(records_file), "--by", "party", "--json"]).stdout
    )
    assert [g["name"] for g in data["groups"]] == ["con", "lab"]
    assert sum(g["documents"] for g in data["groups"]) == 12  # the failed record is skipped
    table = runner.invoke(app, ["compare", str(records_file), "--by", "party"])
    assert table.exit_code == 0 and "Keyness" in table.stdout


@pytest.mark.parametrize(
    "args,message",
    [
        (
            ["--by", "colour"],
            "--by colour: no such metadata field (fields in the records: party, year)",
        ),
        (["--by", "party", "--only", "party=green"], "--only leaves no documents"),
        (["--by", "party", "--only", "party"], "expected FIELD=VALUE"),
        (["--by", "year", "--json", "--csv"], "choose one"),
    ],
)
def test_cli_compare_bad_options(records_file, args, message):
    result = CliRunner().invoke(app, ["compare", str(records_file), *args])
    assert result.exit_code == 2 and result.stdout == ""
    assert message in result.stderr


def test_read_records_refuses_other_files(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("x")
    with pytest.raises(InputError, match=re.escape("must be .jsonl, .json or .csv")):
        read_records([text])
    broken = tmp_path / "r.jsonl"
    broken.write_text('{"source": "a"\n')
    with pytest.raises(InputError, match=re.escape("r.jsonl:1: not a JSON line")):
        read_records([broken])


def test_read_records_from_batch_csv_matches_jsonl(write, tmp_path):
    write("d/1990_lab.txt", "We stand for fairness. The Tories oppose democracy.")
    write("d/1991_con.txt", "Our solidarity is strong.")
    runner = CliRunner()
    base = [
        "batch",
        str(tmp_path / "d"),
        "-m",
        "blank:en",
        "-j",
        "1",
        "-q",
        "--name-pattern",
        "{year}_{party}.txt",
        "--side",
        "tories=Tories",
    ]
    for fmt in ("jsonl", "csv"):
        out = tmp_path / f"r.{fmt}"
        assert runner.invoke(app, [*base, "-f", fmt, "-o", str(out)]).exit_code == 0
    from_jsonl, from_csv = read_records([tmp_path / "r.jsonl"]), read_records([tmp_path / "r.csv"])
    assert [(d.source, d.meta, d.words, +d.values, +d.claims) for d in from_jsonl] == [
        (d.source, d.meta, d.words, +d.values, +d.claims) for d in from_csv
    ]


def test_cli_compare_text_files_each_a_group(write):
    a = write("labour.txt", "We stand for fairness. Fairness for all, and democracy.")
    b = write("tories.txt", "We believe in responsibility.")
    result = CliRunner().invoke(
        app, ["compare", str(a), str(b), "-m", "blank:en", "--json", "--side", "t=Tories"]
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    groups = {g["name"]: g for g in data["groups"]}
    assert set(groups) == {"labour", "tories"}
    assert groups["labour"]["values"]["fairness"]["mentions"] == 2
    assert groups["tories"]["values"]["fairness"]["mentions"] == 0


def test_cli_trends_json_labels_and_author_from(records_file, tmp_path):
    sides = tmp_path / "sides.yaml"
    sides.write_text(PARTY_SIDES)
    result = CliRunner().invoke(
        app,
        [
            "trends",
            str(records_file),
            "--by",
            "year",
            "--group",
            "party",
            "--author-from",
            "party",
            "--sides",
            str(sides),
            "--label",
            "lab=Labour",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {p["group"] for p in data["values"]} == {"con", "Labour"}
    sides = {p["side"] for p in data["claims"]}
    assert "author" not in sides
    assert sides == {"labour", "tories"}  # one side per party, named by its codes


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_cli_trends_plot_draws_the_chosen_values_with_a_legend(records_file, tmp_path, suffix):
    pytest.importorskip("matplotlib")
    out = tmp_path / f"t{suffix}"
    args = ["trends", str(records_file), "--by", "year", "--group", "party", "--csv"]
    args += ["--value", "fairness", "--value", "democracy", "--title", "Two values"]
    result = CliRunner().invoke(app, [*args, "--plot", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("x,group,value,documents,words,mentions")
    if suffix == ".png":
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        return
    svg = out.read_text()
    for text in ("Two values", "fairness", "democracy", "per 1,000 words", "con", "lab"):
        assert text in svg
    assert "solidarity" not in svg
