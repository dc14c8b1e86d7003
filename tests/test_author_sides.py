"""Per-document sides: the side that says "we" named by metadata (``--author``,
``--author-from``), side ``codes:`` in sides files, and the corpus views' mapping."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rhetor.attribution.sides import (
    AUTHOR,
    FIRST_PERSON_PLURAL,
    SideNames,
    build_sides,
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
    assert set(FIRST_PERSON_PLURAL) <= set(sides.get("tories").aliases)
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
