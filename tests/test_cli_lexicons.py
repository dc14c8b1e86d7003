"""``rhetor lexicons ...`` through Typer's CliRunner: stdout and stderr apart."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rhetor.cli import app
from rhetor.lexicon.loading import load_lexicons
from tests.test_interop import MFD_DIC

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def test_cli_lexicons_list_json_has_every_builtin_value():
    result = run("lexicons", "list", "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["value"] for r in rows] == list(load_lexicons().ids)
    assert all(r["virtue"] > 0 and r["source"].endswith(".yaml") for r in rows)


def test_cli_lexicons_list_table_names_sources():
    result = run("lexicons", "list")
    assert result.exit_code == 0
    assert "lexicons/fairness.yaml" in result.stdout
    assert "solidarity" in result.stdout


def test_cli_lexicons_show_lists_terms_pos_and_excludes():
    result = run("lexicons", "show", "fairness", "--json")
    assert result.exit_code == 0
    shown = json.loads(result.stdout)
    virtue = {t["term"]: t for t in shown["terms"]["virtue"]}
    assert virtue["just"]["pos"] == ["ADJ"]
    assert any(t["term"] == "a fair amount" for t in shown["terms"]["exclude"])
    table = run("lexicons", "show", "fairness").stdout
    assert "fairness · vice" in table and "ADJ" in table


def test_cli_lexicons_show_unknown_value_is_one_line_error():
    result = run("lexicons", "show", "kindness")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().startswith("rhetor: error: no value 'kindness'")
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_lexicons_validate_reports_every_problem(write):
    write("lex/good.yaml", "id: good\nvirtue: [kindness]\n")
    write("lex/bad.yaml", "id: bad\nvirtue:\n  - ok\n  - ab*\n  - '*'\nvice: [ok]\n")
    write("lex/broken.yaml", "id: [unclosed\n")
    write("lex/twin.yaml", "id: good\nvirtue: [kind]\n")
    folder = write("lex/good.yaml", "id: good\nvirtue: [kindness]\n").parent
    result = run("lexicons", "validate", folder)
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert any(line.startswith(f"{folder}/bad.yaml:4: virtue:") for line in lines)
    assert any(line.startswith(f"{folder}/bad.yaml:5: virtue:") for line in lines)
    assert any("duplicate term 'ok'" in line for line in lines)
    assert any(line.startswith(f"{folder}/broken.yaml:") for line in lines)
    assert any("already defined" in line and "twin.yaml" in line for line in lines)
    assert len(lines) == 5
    assert "5 problems" in result.stderr


def test_cli_lexicons_validate_builtin_is_clean():
    from rhetor.lexicon.files import builtin_lexicon_dir

    result = run("lexicons", "validate", str(builtin_lexicon_dir()))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "ok" in result.stderr


def test_cli_lexicons_import_writes_valid_files(write, tmp_path):
    dic = write("mfd.dic", MFD_DIC)
    out = tmp_path / "imported"
    result = run("lexicons", "import", dic, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["care.yaml", "fairness.yaml"]
    assert run("lexicons", "validate", out).exit_code == 0
    # a second import refuses to overwrite, and leaves the files as they were
    before = (out / "care.yaml").read_text()
    again = run("lexicons", "import", dic, "-o", out)
    assert again.exit_code == 2 and "--force" in again.stderr
    assert (out / "care.yaml").read_text() == before
    assert run("lexicons", "import", dic, "-o", out, "--force").exit_code == 0


def test_cli_lexicons_import_then_analyse(write, tmp_path):
    dic = write("mfd.dic", MFD_DIC)
    out = tmp_path / "imported"
    run("lexicons", "import", dic, "-o", out)
    text = write("t.txt", "They cheated. We want fair play.\n")
    result = run(
        "analyse", text, "--json", "-l", out, "--no-default-lexicons", "--model", "blank:en"
    )
    assert result.exit_code == 0, result.stderr
    found = [(m["value"], m["polarity"], m["text"]) for m in json.loads(result.stdout)["matches"]]
    assert found == [("fairness", "vice", "cheated"), ("fairness", "virtue", "fair play")]


@pytest.mark.parametrize("fmt", ["dic", "quanteda"])
def test_cli_lexicons_export_then_import_round_trip(fmt, tmp_path):
    exported = tmp_path / f"all.{'dic' if fmt == 'dic' else 'yml'}"
    result = run("lexicons", "export", "--to", fmt, "-o", exported, "--rhetor-categories")
    assert result.exit_code == 0
    assert "--lemmas" in result.stderr  # the one thing the format cannot carry
    out = tmp_path / "back"
    assert run("lexicons", "import", exported, "-o", out, "--lemmas").exit_code == 0
    back = load_lexicons([out], builtin=False)
    assert back.ids == load_lexicons().ids


def test_cli_lexicons_import_bad_dic_names_line(write, tmp_path):
    dic = write("bad.dic", "%\n1\tcare.virtue\n%\nkind\t1\ngentle\t9\n")
    result = run("lexicons", "import", dic, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"rhetor: error: {dic}:5: entry 'gentle': unknown category id 9"
    )
    assert not (tmp_path / "out").exists()


def test_cli_lexicons_validate_goes_on_after_an_unreadable_file(write):
    write("lex/a.yaml", "id: a\nvirtue: [équité]\n".encode("latin-1"))
    folder = write("lex/b.yaml", "id: b\nvirtue: ['x*']\n").parent
    write("lex/c.yaml", "id: c\nvirtue: [fine]\n")
    result = run("lexicons", "validate", folder)
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == [f"{folder}/a.yaml", f"{folder}/b.yaml"]
    assert "3 files" in result.stderr
