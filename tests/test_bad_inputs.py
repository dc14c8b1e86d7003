"""Every kind of bad input gets a clear one-line error (or a valid report), never a
traceback, and never a half-written output.

The table runs each case through the CLI in-process (CliRunner, stdout and
stderr apart); the cases that need a real process (a closed pipe, a file-size
limit, another user's permissions) run ``python -m rhetor.cli`` in a subprocess.
"""

from __future__ import annotations

import codecs
import json
import os
import resource
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rhetor.cli import app
from tests.conftest import rhetor_in_bash

runner = CliRunner()
BLANK = ["--model", "blank:en"]
GOOD = "We stand for fairness and solidarity.\n"


@dataclass
class Case:
    """Files to make, the command to run, and what must come out."""

    files: dict[str, bytes | str] = field(default_factory=dict)
    args: list[str] = field(default_factory=list)
    exit_code: int = 0
    stderr: str | None = None  # a fragment of the one error or warning line
    stdin: str | None = None
    check: object = None  # a callable(stdout, tmp_path) for cases with output


def json_report(expect_words=None, expect_mentions=None):
    def check(stdout: str, tmp_path: Path) -> None:
        report = json.loads(stdout)
        if expect_words is not None:
            assert report["stats"]["words"] == expect_words
        if expect_mentions is not None:
            assert len(report["matches"]) == expect_mentions

    return check


def offsets_hold(name: str):
    """Every reported offset indexes the text as read, whatever its line endings."""

    def check(stdout: str, tmp_path: Path) -> None:
        text = (tmp_path / name).read_bytes().decode("utf-8")
        report = json.loads(stdout)
        assert report["matches"]
        for match in report["matches"]:
            assert text[match["start"] : match["end"]] == match["text"]

    return check


BIG_LINE = "fairness and solidarity " * 12_000  # 288,000 characters, no newline
LEXICON_10K = "id: big\nvirtue:\n" + "".join(f"  - term{i}x\n" for i in range(10_000))

CASES = {
    # -- text input ------------------------------------------------------------------
    "utf8-bom": Case({"in.txt": codecs.BOM_UTF8 + GOOD.encode()}, check=json_report(6, 2)),
    "utf16-le-bom": Case({"in.txt": GOOD.encode("utf-16")}, check=json_report(6, 2)),
    "utf16-be-bom": Case(
        {"in.txt": codecs.BOM_UTF16_BE + GOOD.encode("utf-16-be")}, check=json_report(6, 2)
    ),
    "utf16-truncated": Case(
        {"in.txt": codecs.BOM_UTF16_LE + b"a\x00b"}, exit_code=1, stderr="invalid UTF-16"
    ),
    "latin-1": Case(
        {"in.txt": "Équité and fairness for the café.\n".encode("latin-1")},
        stderr="not valid UTF-8; decoded as cp1252",
        check=json_report(expect_mentions=1),
    ),
    "binary-png": Case(
        {"in.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))},
        exit_code=1,
        stderr="binary file",
    ),
    "nul-bytes-in-text": Case(
        {"in.txt": b"fairness\x00solidarity"}, exit_code=1, stderr="binary file"
    ),
    "empty-file": Case({"in.txt": b""}, check=json_report(0, 0)),
    "whitespace-only": Case({"in.txt": " \n\t\r\n  \n"}, check=json_report(0, 0)),
    "one-enormous-line": Case({"in.txt": BIG_LINE}, check=json_report(36_000, 24_000)),
    "mixed-line-endings": Case(
        {"in.txt": "We want fairness.\r\nThey steal solidarity.\rAnd democracy.\n"},
        check=offsets_hold("in.txt"),
    ),
    "directory-as-file": Case({"dir/x.txt": GOOD}, ["dir"], exit_code=1, stderr="is a directory"),
    "missing-file": Case({}, ["nope.txt"], exit_code=1, stderr="nope.txt: no such file"),
    "empty-stdin": Case({}, ["-"], stdin="", check=json_report(0, 0)),
    "non-english": Case(
        {
            "in.txt": "La solidarité et la justice sociale sont au cœur de notre projet. "
            "Nous voulons une société plus juste, où chacun trouve sa place et où la "
            "démocratie vit dans les territoires."
        },
        stderr="does not look like English",
        check=json_report(),
    ),
    # -- lexicons ----------------------------------------------------------------------
    "lexicon-malformed-yaml": Case(
        {"in.txt": GOOD, "lex.yaml": "id: x\nvirtue: [fair\n"},
        ["-l", "lex.yaml"],
        exit_code=2,
        stderr="lex.yaml:3: malformed YAML",
    ),
    "lexicon-wrong-type": Case(
        {"in.txt": GOOD, "lex.yaml": "id: x\nvirtue: 5\n"},
        ["-l", "lex.yaml"],
        exit_code=2,
        stderr="lex.yaml:2: virtue: expected a list",
    ),
    "lexicon-python-tag": Case(
        {"in.txt": GOOD, "lex.yaml": "id: x\nvirtue: !!python/object/apply:os.system [ls]\n"},
        ["-l", "lex.yaml"],
        exit_code=2,
        stderr="is not allowed",
    ),
    "lexicon-lone-star": Case(
        {"in.txt": GOOD, "lex.yaml": "id: x\nvirtue: ['*']\n"},
        ["-l", "lex.yaml"],
        exit_code=2,
        stderr="has no letters to match",
    ),
    "lexicon-short-glob": Case(
        {"in.txt": GOOD, "lex.yaml": "id: x\nvirtue: ['fa*']\n"},
        ["-l", "lex.yaml"],
        exit_code=2,
        stderr="would match too much",
    ),
    "lexicon-empty-file": Case(
        {"in.txt": GOOD, "lex.yaml": ""}, ["-l", "lex.yaml"], exit_code=2, stderr="file is empty"
    ),
    "lexicon-same-id-twice": Case(
        {"in.txt": GOOD, "a.yaml": "id: x\nvirtue: [a1]\n", "b.yaml": "id: x\nvirtue: [b1]\n"},
        ["-l", "a.yaml", "-l", "b.yaml"],
        exit_code=2,
        stderr="value 'x' is already defined in a.yaml",
    ),
    "lexicon-unicode-terms": Case(
        {
            "in.txt": "Solidarność! Équité pour tous.",
            "lex.yaml": "id: x\nvirtue: [solidarność, équité]\n",
        },
        ["-l", "lex.yaml", "--no-default-lexicons"],
        check=json_report(expect_mentions=2),
    ),
    "lexicon-10k-terms": Case(
        {"in.txt": "term9999x and term0x", "lex.yaml": LEXICON_10K},
        ["-l", "lex.yaml"],
        check=json_report(expect_mentions=2),
    ),
    "lexicon-not-utf8": Case(
        {"in.txt": GOOD, "lex.yaml": "id: x\nvirtue: [équité]\n".encode("latin-1")},
        ["-l", "lex.yaml"],
        exit_code=2,
        stderr="not UTF-8 text",
    ),
    # -- sides -------------------------------------------------------------------------
    "side-empty-alias": Case({"in.txt": GOOD}, ["-s", "labour="], exit_code=2, stderr="labour"),
    "side-alias-on-two-sides": Case(
        {"in.txt": GOOD},
        ["-s", "labour=we,our", "-s", "tories=we"],
        exit_code=2,
        stderr="labour",
    ),
    "side-bad-name": Case({"in.txt": GOOD}, ["-s", "la bour=we"], exit_code=2, stderr="la bour"),
    # -- output ------------------------------------------------------------------------
    "output-missing-folder": Case(
        {"in.txt": GOOD},
        ["--json", "-o", "no/such/dir/out.json"],
        exit_code=1,
        stderr="does not exist",
    ),
    "output-unwritable-place": Case(
        {"in.txt": GOOD},
        ["--json", "-o", "/proc/rhetor-out.json"],
        exit_code=1,
        stderr="cannot write",
    ),
    "output-is-a-folder": Case(
        {"in.txt": GOOD, "out/keep.txt": "x"},
        ["--json", "-o", "out"],
        exit_code=1,
        stderr="cannot write",
    ),
}


def make_files(tmp_path: Path, files: dict) -> None:
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def test_bad_inputs_table_is_large_enough():
    assert len(CASES) >= 25


# The one enormous line takes over ten seconds alone: with the tests that start processes.
SLOW_CASES = {"one-enormous-line", "non-english", "lexicon-10k-terms"}


@pytest.mark.parametrize(
    "name",
    [pytest.param(name, marks=[pytest.mark.slow] * (name in SLOW_CASES)) for name in CASES],
)
def test_bad_inputs_analyse(name, tmp_path, monkeypatch):
    case = CASES[name]
    make_files(tmp_path, case.files)
    monkeypatch.chdir(tmp_path)
    args = case.args if case.args and not case.args[0].startswith("-") else ["in.txt", *case.args]
    if case.stdin is not None:
        args = case.args
    extra = [] if "--json" in args else ["--json"]
    result = runner.invoke(app, ["analyse", *args, *extra, *BLANK], input=case.stdin)
    assert result.exit_code == case.exit_code, result.stderr
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    if case.stderr:
        assert case.stderr in result.stderr
    if case.exit_code:
        assert result.stdout == ""
        assert len(lines) == 1 and lines[0].startswith("rhetor: error: ")
    else:
        assert all(line.startswith("rhetor: warning: ") for line in lines)
    if case.check:
        case.check(result.stdout, tmp_path)
    if "-o" in args:  # a failed write leaves nothing behind, not even a temporary file
        assert not any(p.name.startswith(".out") for p in tmp_path.rglob("*"))


def test_bad_inputs_symlink_loop_as_file(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    result = runner.invoke(app, ["analyse", str(tmp_path / "a"), *BLANK])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"rhetor: error: {tmp_path / 'a'}: cannot read: ")


def test_bad_inputs_symlink_loop_in_batch_folder(tmp_path):
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "docs" / "a.txt").write_text(GOOD)
    (tmp_path / "docs" / "sub" / "loop").symlink_to(tmp_path / "docs")
    (tmp_path / "docs" / "x.txt").symlink_to(tmp_path / "docs" / "y.txt")  # dangling
    (tmp_path / "docs" / "y.txt").symlink_to(tmp_path / "docs" / "x.txt")  # a loop
    result = runner.invoke(app, ["batch", str(tmp_path / "docs"), "-r", "-q", "-j", "1", *BLANK])
    assert result.exit_code == 1  # the looping files get error records
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(r["source"]).name for r in records] == ["a.txt", "x.txt", "y.txt"]
    assert records[0]["error"] is None and records[1]["error"] and records[2]["error"]


# -- cases that need a real process ---------------------------------------------------------


def rhetor(*args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "rhetor.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


@pytest.mark.slow
def test_bad_inputs_closed_pipe_exits_quietly(tmp_path):
    (tmp_path / "in.txt").write_text(GOOD * 2000)
    pipeline = rhetor_in_bash("analyse in.txt --json -m blank:en | head -c 10", tmp_path)
    assert pipeline.stdout == '{\n  "schem'
    assert pipeline.stderr == ""


def limit_file_size(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.slow
def test_bad_inputs_full_disk_leaves_no_partial_file(tmp_path):
    """A file-size limit stands in for a full disk: the write fails part way."""
    (tmp_path / "in.txt").write_text(GOOD * 200)
    done = rhetor(
        "analyse",
        "in.txt",
        "--json",
        "-o",
        "out.json",
        "-m",
        "blank:en",
        cwd=tmp_path,
        preexec_fn=limit_file_size(4096),
    )
    assert done.returncode == 1
    assert done.stderr.startswith("rhetor: error: out.json: cannot write: ")
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt"]


@pytest.mark.slow
def test_bad_inputs_full_disk_in_batch_is_one_clear_error(tmp_path):
    (tmp_path / "docs").mkdir()
    for i in range(5):
        (tmp_path / "docs" / f"{i}.txt").write_text(GOOD * 50)
    done = rhetor(
        "batch",
        "docs",
        "-o",
        "out.jsonl",
        "-q",
        "-j",
        "1",
        "-m",
        "blank:en",
        cwd=tmp_path,
        preexec_fn=limit_file_size(8192),
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].startswith("rhetor: error: out.jsonl: ")
    assert "Traceback" not in done.stderr


# -- unreadable files (root reads everything, so root tests drop that privilege) -----------


def without_dac_override() -> None:
    """In the child, before exec: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the
    bounding set, so a root process obeys file permissions like anyone else."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def unreadable(tmp_path: Path) -> tuple[Path, dict]:
    """A folder holding an unreadable file, and how to run rhetor so that it is."""
    folder = tmp_path / "perm"
    folder.mkdir()
    secret = folder / "secret.txt"
    secret.write_text(GOOD)
    os.chmod(secret, 0o000)
    how = {"preexec_fn": without_dac_override} if os.geteuid() == 0 else {}
    try:
        probe = subprocess.run(
            [sys.executable, "-c", f"open({str(secret)!r}).read()"], capture_output=True, **how
        )
    except OSError:
        probe = None
    if probe is None or b"PermissionError" not in probe.stderr:
        pytest.skip("cannot make a file unreadable to rhetor on this machine")
    return folder, how


@pytest.mark.slow
def test_bad_inputs_permission_denied(tmp_path):
    folder, how = unreadable(tmp_path)
    done = rhetor("analyse", str(folder / "secret.txt"), "-m", "blank:en", **how)
    assert done.returncode == 1
    assert done.stderr == f"rhetor: error: {folder / 'secret.txt'}: permission denied\n"


@pytest.mark.slow
def test_bad_inputs_batch_folder_of_troubles(tmp_path):
    """The batch acceptance folder: binary, empty, Latin-1, unreadable and good files."""
    folder, how = unreadable(tmp_path)
    (folder / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin1.txt").write_bytes("Fairness for the café owner.".encode("latin-1"))
    (folder / "good.txt").write_text(GOOD)
    out = folder / "out.jsonl"
    done = rhetor("batch", str(folder), "-q", "-j", "1", "-m", "blank:en", "-o", str(out), **how)
    assert done.returncode == 1
    records = {Path(r["source"]).name: r for r in map(json.loads, out.read_text().splitlines())}
    assert sorted(records) == ["binary.txt", "empty.txt", "good.txt", "latin1.txt", "secret.txt"]
    assert "binary file" in records["binary.txt"]["error"]
    assert "permission denied" in records["secret.txt"]["error"]
    assert records["empty.txt"]["error"] is None and records["empty.txt"]["stats"]["words"] == 0
    assert records["good.txt"]["error"] is None and len(records["good.txt"]["matches"]) == 2
    assert records["latin1.txt"]["error"] is None
    assert "decoded as cp1252" in records["latin1.txt"]["warnings"][0]
    assert done.stderr.strip().splitlines()[-1] == "3 scored, 2 failed"
    assert "Traceback" not in done.stderr
