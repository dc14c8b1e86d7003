"""Per-document sides: the side that says "we" named by metadata (``--author``,
``--author-from``), side ``codes:`` in sides files, and the corpus views' mapping."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rhetor.attribution.sides import (
    AUTHOR,
    SideNames,
    build_sides,
    first_person_plural,
    load_side_codes,
    side_names,
)
from rhetor.cli import app
from rhetor.errors import SidesError
from tests.conftest import needs_model

SIDES_YAML = """\
labour:
  aliases: [Labour]
  codes: [Lab, LAB, 51320]
conservative:
  aliases: [Conservatives, Tories]
  codes: [Con, 51620]
  label: Conservative Party
"""


@pytest.fixture
def sides_file(write):
    return write("sides.yaml", SIDES_YAML)


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_author_sides_codes_are_read_as_text(sides_file):
    assert load_side_codes(sides_file) == {
        "labour": ("Lab", "LAB", "51320"),
        "conservative": ("Con", "51620"),
    }


def test_author_sides_names_match_id_label_and_codes_ignoring_case(sides_file):
    names = side_names({"labour": ["Labour"], "conservative": ["Tories"]}, sides_file)
    assert names.side_for("lab") == "labour"
    assert names.side_for(" 51320 ") == "labour"
    assert names.side_for("LABOUR") == "labour"
    assert names.side_for("conservative party") == "conservative"
    assert names.side_for("CON") == "conservative"
    assert names.side_for("Tories") is None  # aliases are words in the text, not codes
    assert names.side_for("Lib") is None
    assert names.describe() == "labour (Lab, LAB, 51320), conservative (Con, 51620)"


def test_author_sides_a_name_of_two_sides_is_an_error():
    with pytest.raises(SidesError, match="code 'lab' of side 'tories' already names side"):
        SideNames.build(["labour", "tories"], codes={"labour": ["Lab"], "tories": ["lab"]})


@pytest.mark.parametrize(
    "entry,message",
    [
        ("{aliases: [x], codes: {a: 1}}", "codes must be a list"),
        ("{aliases: [x], codes: [true]}", "codes must be a list"),
        ("{aliases: [x], codes: [' ']}", "an empty code"),
    ],
)
def test_author_sides_bad_codes(write, entry, message):
    with pytest.raises(SidesError, match=message):
        load_side_codes(write("bad.yaml", f"labour: {entry}\n"))


def test_author_sides_build_sides_gives_we_to_the_named_side():
    given = {"labour": ["Labour", "we", "our"], "tories": ["Tories"]}
    sides = build_sides(given, author="tories")
    assert sides.author == "tories"
    assert set(first_person_plural()) <= set(sides.get("tories").aliases)
    assert sides.get("labour").aliases == ("Labour",)
    plain = build_sides({"labour": ["Labour"], "tories": ["Tories"]}, author="labour")
    assert [s.id for s in plain.specs] == ["labour", "tories"]  # no built-in 'author'
    assert AUTHOR not in {s.id for s in plain.specs}
    with pytest.raises(SidesError, match="no side 'lib'"):
        build_sides(given, author="lib")


@needs_model
def test_author_sides_analyse_author_option(write, sides_file):
    text = write("t.txt", "We will always stand up for fairness.")
    result = run("analyse", text, "--sides", sides_file, "--author", "Lab", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [(c["value"], c["side"], c["stance"]) for c in report["claims"]] == [
        ("fairness", "labour", "claims")
    ]
    assert AUTHOR not in [s["id"] for s in report["sides"]]


def test_author_sides_analyse_unknown_author_is_one_line(write, sides_file):
    text = write("t.txt", "We will always stand up for fairness.")
    result = run("analyse", text, "--sides", sides_file, "--author", "Lib")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "rhetor: error: --author Lib: no side is named so "
        "(sides: labour (Lab, LAB, 51320), conservative (Con, 51620))"
    ]
    result = run("analyse", text, "--author", "Lab")
    assert result.exit_code == 2 and "--side or --sides" in result.stderr


@needs_model
def test_author_sides_python_analyse_author():
    import rhetor

    report = rhetor.analyse(
        "We will always stand up for fairness.",
        sides={"labour": ["Labour"], "tories": ["Tories"]},
        author="Labour",
    )
    assert [(c.side, c.stance) for c in report.claims] == [("labour", "claims")]


# -- rhetor batch --author-from -----------------------------------------------------------------


@pytest.fixture
def manifestos(write):
    write("manifestos/2015_Lab.txt", "We will always stand up for fairness.")
    write("manifestos/2015_Con.txt", "We defend democracy.")
    return write("manifestos/.keep", "").parent


def claims_by_source(lines):
    records = [json.loads(line) for line in lines]
    return {
        r["source"].rsplit("/", 1)[-1]: [(c["value"], c["side"], c["stance"]) for c in r["claims"]]
        for r in records
    }


def test_author_sides_batch_author_from_gives_each_manifesto_we_to_its_party(
    manifestos, sides_file, tmp_path
):
    out = tmp_path / "out.jsonl"
    result = run(
        "batch", manifestos, "--name-pattern", "{year}_{party}.txt", "--sides", sides_file,
        "--author-from", "party", "-m", "blank:en", "-j", "1", "-q", "-o", out,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    found = claims_by_source(out.read_text().splitlines())
    assert found == {
        "2015_Con.txt": [("democracy", "conservative", "claims")],
        "2015_Lab.txt": [("fairness", "labour", "claims")],
    }
    for line in out.read_text().splitlines():
        assert AUTHOR not in [s["id"] for s in json.loads(line)["sides"]]


def test_author_sides_batch_unknown_value_is_one_line_before_any_scoring(
    manifestos, sides_file, tmp_path, write
):
    write("manifestos/2017_LD.txt", "We stand for fairness.")
    write("manifestos/2019_SNP.txt", "We stand for fairness.")
    out = tmp_path / "out.jsonl"
    result = run(
        "batch", manifestos, "--name-pattern", "{year}_{party}.txt", "--sides", sides_file,
        "--author-from", "party", "-m", "blank:en", "-o", out,
    )  # fmt: skip
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rhetor: error: --author-from party: ")
    assert "'LD' (1 document), 'SNP' (1 document)" in lines[0]
    assert not out.exists()  # nothing written, not even an empty file
    out.write_text("earlier records\n")
    result = run(
        "batch", manifestos, "--name-pattern", "{year}_{party}.txt", "--sides", sides_file,
        "--author-from", "party", "-m", "blank:en", "-o", out, "--force",
    )  # fmt: skip
    assert result.exit_code == 2 and out.read_text() == "earlier records\n"  # not emptied


@pytest.mark.parametrize(
    "extra,message",
    [
        (["--author-from", "colour"], "--author-from colour: no such metadata field"),
        (["--author-from", "party", "--sides", None, "--counts"], "--counts"),
    ],
)
def test_author_sides_batch_author_from_misuse(manifestos, sides_file, extra, message):
    extra = [sides_file if a is None else a for a in extra]
    base = ["batch", manifestos, "--name-pattern", "{year}_{party}.txt", "-m", "blank:en"]
    if "--sides" not in extra:
        base += ["--sides", sides_file]
    result = run(*base, *extra)
    assert result.exit_code == 2 and message in result.stderr, result.stderr


def test_author_sides_batch_author_from_needs_sides(manifestos):
    result = run(
        "batch", manifestos, "--name-pattern", "{year}_{party}.txt", "--author-from", "party"
    )
    assert result.exit_code == 2
    assert "name the sides its values can be" in result.stderr


def test_author_sides_batch_empty_value_keeps_the_default_side(manifestos, sides_file, write):
    import rhetor

    meta = write("meta.csv", "source,party\n2015_Lab.txt,Lab\n2015_Con.txt,-\n")
    with pytest.warns(UserWarning, match="1 of 2 documents have no party"):
        records = rhetor.batch(
            [manifestos], meta=meta, sides_file=sides_file, author_from="party", model="blank:en"
        )
    sides = {r["source"].rsplit("/", 1)[-1]: {c["side"] for c in r["claims"]} for r in records}
    assert sides == {"2015_Con.txt": {AUTHOR}, "2015_Lab.txt": {"labour"}}


def test_author_sides_batch_resume_refuses_another_author_field(manifestos, sides_file, tmp_path):
    out = tmp_path / "out.jsonl"
    common = ["batch", manifestos, "--name-pattern", "{year}_{party}.txt", "--sides", sides_file]
    common += ["-m", "blank:en", "-q", "-o", out]
    assert run(*common).exit_code == 0
    result = run(*common, "--author-from", "party", "--resume")
    assert result.exit_code == 1 and "other settings" in result.stderr


# -- the corpus views: --author-from (formerly --author-as) ---------------------------------------


def view_record(source, party, claims, auto=False):
    sides = ["labour", "conservative", "author"] if not auto else ["author", "the-union"]
    return {
        "source": source,
        "meta": {"party": party},
        "stats": {"words": 10},
        "values": [{"value": v, "mentions": 1} for _, v in claims],
        "sides": [{"id": s, "auto": auto} for s in sides],
        "claims": [{"side": s, "value": v, "stance": "claims"} for s, v in claims],
        "error": None,
    }


@pytest.fixture
def view_records(tmp_path):
    """Manifestos scored without --author-from: their "we" is 'author', and a file name
    says 'conservatives' where the sides file says 'conservative'."""
    path = tmp_path / "records.jsonl"
    labour = [("author", "fairness"), ("conservative", "democracy")]
    records = [
        view_record("labour_2015.txt", "labour", labour),
        view_record("conservatives_2015.txt", "conservatives", [("author", "democracy")]),
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def edge_sides(stdout: str) -> set[str]:
    return {line.split(",")[0] for line in stdout.splitlines()[1:]}


def test_author_sides_network_no_longer_makes_two_nodes_for_one_party(view_records, write):
    result = run("network", view_records, "--csv", "--author-as", "party")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "rhetor: error: --author-from party: no side is named by 'conservatives' (1 document); "
        "list them under a side's codes: in a sides file given with --sides "
        "(sides: labour, conservative)"
    ]
    sides = write("sides.yaml", SIDES_YAML.replace("codes: [Con, 51620]", "codes: [conservatives]"))
    for option in ("--author-from", "--author-as"):
        result = run("network", view_records, "--csv", option, "party", "--sides", sides)
        assert result.exit_code == 0, result.stderr
        assert edge_sides(result.stdout) == {"labour", "conservative"}


def test_author_sides_views_share_the_mapping(view_records, write):
    import rhetor

    sides = write("sides.yaml", SIDES_YAML.replace("codes: [Con, 51620]", "codes: [conservatives]"))
    graph = rhetor.network(view_records, author_from="party", sides_file=sides)
    assert {n["id"] for n in graph["nodes"] if n["kind"] == "side"} == {
        "side:labour",
        "side:conservative",
    }
    assert rhetor.network(view_records, author_as="party", sides_file=sides) == graph
    points = rhetor.trends(view_records, by="party", author_from="party", sides_file=sides)
    assert {p["side"] for p in points["claims"]} == {"labour", "conservative"}
    result = run(
        "compare", view_records, "--by", "party", "--author-from", "party", "--sides", sides,
        "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    groups = {g["name"]: set(g["sides"]) for g in json.loads(result.stdout)["groups"]}
    assert groups == {"conservatives": {"conservative"}, "labour": {"labour", "conservative"}}
    with pytest.raises(rhetor.ConfigError, match="names the sides of --author-from"):
        rhetor.trends(view_records, by="party", sides_file=sides)


def test_author_sides_views_found_sides_are_named_after_the_value(tmp_path):
    path = tmp_path / "sotu.jsonl"
    records = [
        view_record("1990_d.txt", "d", [("author", "fairness"), ("the-union", "fairness")], True),
        view_record("1991_r.txt", "r", [("author", "democracy")], True),
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    result = run("network", path, "--csv", "--author-from", "party")
    assert result.exit_code == 0, result.stderr
    assert edge_sides(result.stdout) == {"d", "r", "the-union"}


def test_author_sides_batch_author_from_then_network_one_node_per_party(
    manifestos, sides_file, tmp_path
):
    out = tmp_path / "out.jsonl"
    result = run(
        "batch", manifestos, "--name-pattern", "{year}_{party}.txt", "--sides", sides_file,
        "--author-from", "party", "-m", "blank:en", "-q", "-o", out,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    result = run("network", out, "--csv")
    assert edge_sides(result.stdout) == {"labour", "conservative"}
    # The records have no 'author' claims left, so --author-from changes nothing.
    again = run("network", out, "--csv", "--author-from", "party")
    assert again.exit_code == 0 and again.stdout == result.stdout
