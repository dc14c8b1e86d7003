from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from rhetor import __version__
from rhetor.cli import app
from tests.conftest import SEED, needs_model

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def test_cli_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"rhetor {__version__}"


def test_cli_help_lists_analyse_and_documents_every_option():
    result = run("analyse", "--help")
    assert result.exit_code == 0
    for option in (
        "--json",
        "--format",
        "--output",
        "--lexicon",
        "--model",
        "--no-default-lexicons",
    ):
        assert option in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("argv", [["--help"], ["--version"]])
def test_cli_help_and_version_do_not_import_spacy_or_yaml(argv):
    code = (
        f"import sys; sys.argv=['rhetor', *{argv!r}]\n"
        "from rhetor.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert 'spacy' not in sys.modules and 'yaml' not in sys.modules, "
        "sorted(m for m in sys.modules if m.startswith(('spacy', 'yaml')))"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_cli_missing_file_is_one_line_on_stderr(tmp_path):
    result = run("analyse", tmp_path / "missing.txt", "--model", "blank:en")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "missing.txt: no such file" in result.stderr


def test_cli_directory_is_an_error(tmp_path):
    result = run("analyse", tmp_path, "--model", "blank:en")
    assert result.exit_code == 1
    assert "is a directory" in result.stderr and result.stdout == ""


def test_cli_malformed_lexicon_names_file_and_line(write):
    bad = write("bad.yaml", "id: kindness\nvirtue:\n  - kind\n  - {term: }\n")
    result = run("analyse", SEED, "--lexicon", bad, "--model", "blank:en")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"rhetor: error: {bad}:4:")


def test_cli_unknown_model_is_a_clear_error():
    result = run("analyse", SEED, "--model", "no_such_pipeline_xyz")
    assert result.exit_code == 2
    assert "no_such_pipeline_xyz" in result.stderr and "Traceback" not in result.stderr


def test_cli_stdin_json_with_blank_pipeline():
    result = run(
        "analyse",
        "-",
        "--json",
        "--model",
        "blank:en",
        input="Solidarity and co-operation, not injustice.",
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"] == "<stdin>"
    assert [(m["value"], m["text"]) for m in data["matches"]] == [
        ("solidarity", "Solidarity"),
        ("mutuality", "co-operation"),
        ("fairness", "injustice"),
    ]


def test_cli_latin1_input_warns_on_stderr_only(write):
    path = write("latin.txt", "Solidarité and fairness for all.".encode("cp1252"))
    result = run("analyse", path, "--json", "--model", "blank:en")
    assert result.exit_code == 0
    assert "decoded as cp1252" in result.stderr
    assert json.loads(result.stdout)["stats"]["characters"] == 32


def test_cli_output_file_written_whole(tmp_path):
    target = tmp_path / "report.json"
    result = run("analyse", SEED, "--json", "-o", target, "--model", "blank:en")
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text())["schema"] == "rhetor.report/1"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_cli_output_into_missing_folder_fails_cleanly(tmp_path):
    result = run(
        "analyse", SEED, "--json", "-o", tmp_path / "nope" / "r.json", "--model", "blank:en"
    )
    assert result.exit_code == 1
    assert "does not exist" in result.stderr and not (tmp_path / "nope").exists()


def test_cli_user_lexicon_adds_a_value(write):
    lexicon = write("kindness.yaml", "id: kindness\nvirtue: [kindness, kind*]\n")
    result = run(
        "analyse",
        "-",
        "--json",
        "--model",
        "blank:en",
        "--lexicon",
        lexicon,
        "--no-default-lexicons",
        input="Kindness and kindly fairness.",
    )
    data = json.loads(result.stdout)
    assert [v["value"] for v in data["values"]] == ["kindness"]
    assert [m["text"] for m in data["matches"]] == ["Kindness", "kindly"]


@needs_model
def test_cli_analyse_seed_terminal_report():
    result = run("analyse", SEED)
    assert result.exit_code == 0, result.stderr
    assert "Values invoked" in result.stdout and "[solidarity]" in result.stdout
    assert result.stderr == ""


@needs_model
def test_cli_analyse_with_sides_json():
    result = run(
        "analyse",
        "-",
        "--json",
        "--side",
        "labour=we,our",
        "--side",
        "tories=Tories",
        input="The Tories have stolen our language of fairness.",
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {(c["value"], c["side"], c["stance"]) for c in data["claims"]} == {
        ("fairness", "labour", "claims"),
        ("fairness", "tories", "appropriates"),
    }
    assert data["matrix"]["tories"]["fairness"] == {"claims": 0, "appropriates": 1, "opposes": 0}
    assert [s["id"] for s in data["sides"]] == ["labour", "tories"]


def test_cli_bad_side_option_is_a_usage_error():
    result = run("analyse", SEED, "--side", "labour", "--model", "blank:en")
    assert result.exit_code == 2
    assert "NAME=ALIAS" in result.stderr and result.stdout == ""


def test_cli_alias_on_two_sides_names_both():
    result = run("analyse", SEED, "--side", "a=Tories", "--side", "b=tories", "--model", "blank:en")
    assert result.exit_code == 2
    assert "'a'" in result.stderr and "'b'" in result.stderr


def test_cli_sides_file(write):
    sides = write("sides.yaml", "labour: [we, our]\n")
    result = run(
        "analyse", "-", "--json", "--sides", sides, "--model", "blank:en", input="Fairness for all."
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["claims"][0]["side"] == "labour" and data["claims"][0]["rule"] == "default-author"


@needs_model
def test_cli_evaluate_json(write):
    gold = write(
        "gold.yaml",
        "passages:\n- id: p1\n  text: We will always defend democracy.\n"
        "  sides: {us: [we]}\n  expect: [[democracy, us, claims]]\n",
    )
    result = run("evaluate", gold, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["strict"]["f1"] == 1.0 and data["passages"] == 1


def test_cli_evaluate_missing_gold(tmp_path):
    result = run("evaluate", tmp_path / "nope.yaml")
    assert result.exit_code == 2 and "no such gold file" in result.stderr


@needs_model
def test_cli_terminal_report_shows_sides_and_contested_values():
    result = run("analyse", SEED)
    assert "Who holds which value" in result.stdout
    assert "Contested values" in result.stdout
    assert "✔ claims" in result.stdout and "⚠ appropriates" in result.stdout


def test_cli_output_file_gets_the_usual_mode(tmp_path):
    import os

    out = tmp_path / "report.json"
    result = run("analyse", SEED, "--json", "-o", out, "--model", "blank:en")
    assert result.exit_code == 0
    old = os.umask(0)
    os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o666 & ~old
