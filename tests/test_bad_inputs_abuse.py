"""Abuse, the second table: inputs and places an adversarial tester or a careless
weekend run would try. Beside ``test_bad_inputs.py``, which holds the first.

Every case runs the CLI in-process (CliRunner, stdout and stderr apart) and asserts:

- the exit code, and that it is never 70 (a crash);
- exactly one ``rhetor: error:`` line when it fails, none when it succeeds, and every
  other line on stderr a warning or batch progress, never a traceback;
- that nothing was damaged: every file the case made has the same bytes afterwards,
  except the outputs it names; and its own check (row counts and widths, offsets).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import resource
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rhetor.cli import app
from tests.conftest import rhetor_in_bash

runner = CliRunner()
BLANK = ["-m", "blank:en"]
GOOD = "We stand for fairness and solidarity.\n"
ESC = "\x1b"


@dataclass
class Case:
    args: list[str]
    files: dict[str, bytes | str] = field(default_factory=dict)
    exit_code: int = 0
    stderr: str | None = None  # a fragment of the error or warning
    stdin: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    setup: Callable[[Path], None] | None = None  # special files: FIFOs, links, sockets
    changes: tuple[str, ...] = ()  # files the case may change (its outputs)
    check: Callable[[object, Path], None] | None = None


# -- building blocks --------------------------------------------------------------------------


def deep_yaml(depth: int = 3000, key: str = "a") -> str:
    return f"{key}: " + "[" * depth + "x" + "]" * depth + "\n"


def alias_bomb(top: str = "bomb", levels: int = 9) -> str:
    lines = [f'{top}:\n  l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"  l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def gold(passage: str) -> str:
    return "passages:\n" + passage


GOLD_PASSAGE = "  - id: p1\n    text: We believe in fairness.\n    sides: {author: [we]}\n"


def jsonl_records(name: str, count: int):
    def check(result, tmp: Path) -> None:
        lines = (tmp / name).read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) for line in lines]
        assert len(records) == count
        assert len({r["source"] for r in records}) == count  # none twice

    return check


def stdout_records(count: int):
    def check(result, tmp: Path) -> None:
        records = [json.loads(line) for line in result.stdout.splitlines()]
        assert len(records) == count

    return check


def csv_rows(name: str, count: int):
    """``count`` data rows, each exactly as wide as the header."""

    def check(result, tmp: Path) -> None:
        rows = list(csv.reader(io.StringIO((tmp / name).read_text(encoding="utf-8"))))
        assert len(rows) == count + 1
        assert {len(row) for row in rows} == {len(rows[0])}

    return check


def report(mentions: int | None = None, values: tuple[str, ...] = ()):
    """A JSON report whose offsets index the file as decoded, with these mentions."""

    def check(result, tmp: Path) -> None:
        data = json.loads(result.stdout)
        found = [m["value"] for m in data["matches"]]
        if mentions is not None:
            assert len(found) == mentions
        for value in values:
            assert value in found
        text = (tmp / "in.txt").read_bytes().decode("utf-8-sig", "replace")
        if text.startswith("\ufeff") or "\x00" in text:
            return  # UTF-16/32 files: offsets index the decoded text, checked elsewhere
        for match in data["matches"]:
            assert text[match["start"] : match["end"]] == match["text"]

    return check


def no_escape_sequences(result, tmp: Path) -> None:
    assert ESC not in result.stdout and ESC not in result.stderr
    assert "\\x1b" in result.stdout  # shown, not sent


def still(kind: Callable[[int], bool], name: str):
    def check(result, tmp: Path) -> None:
        assert kind(os.lstat(name if name.startswith("/") else tmp / name).st_mode)

    return check


def nothing_named(*names: str):
    def check(result, tmp: Path) -> None:
        for name in names:
            assert not (tmp / name).exists()

    return check


def both(*checks):
    def check(result, tmp: Path) -> None:
        for each in checks:
            each(result, tmp)

    return check


def make_fifo(name: str):
    def setup(tmp: Path) -> None:
        os.mkfifo(tmp / name)

    return setup


def fifo_reader(name: str, got: list):
    """A FIFO with a reader already waiting, as ``cat pipe`` would be."""

    def setup(tmp: Path) -> None:
        os.mkfifo(tmp / name)

        def read() -> None:
            with open(tmp / name, encoding="utf-8") as stream:
                got.append(stream.read())

        threading.Thread(target=read, daemon=True).start()

    return setup


def symlink(name: str, target: str):
    def setup(tmp: Path) -> None:
        (tmp / name).symlink_to(target)

    return setup


def hardlink(name: str, target: str):
    def setup(tmp: Path) -> None:
        os.link(tmp / target, tmp / name)

    return setup


def unix_socket(name: str):
    def setup(tmp: Path) -> None:
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(tmp / name))
        SOCKETS.append(server)

    return setup


SOCKETS: list[socket.socket] = []
FIFO_GOT: list[str] = []

DOCS = {f"docs/{i}.txt": f"We stand for fairness, number {i}.\n" for i in range(3)}
LEX = "id: fairness\nvirtue: [fairness]\n"
LEX_CHANGED = "id: fairness\nvirtue: [fairness, justice]\n"
JSONL_DONE = "done.jsonl"


def scored(name: str, *extra: str):
    """A batch output made beforehand by rhetor itself, for the --resume cases."""

    def setup(tmp: Path) -> None:
        cwd = os.getcwd()
        os.chdir(tmp)
        try:
            result = runner.invoke(
                app, ["batch", "docs", "-q", "-j", "1", "-o", name, *BLANK, *extra]
            )
            assert result.exit_code == 0, result.stderr
        finally:
            os.chdir(cwd)

    return setup


def rewrite(name: str, text: str):
    def setup(tmp: Path) -> None:
        (tmp / name).write_text(text, encoding="utf-8")

    return setup


def held_lock(name: str):
    def setup(tmp: Path) -> None:
        from rhetor.io.output import LockedOutput

        (tmp / name).write_text("")
        LOCKS.append(LockedOutput(tmp / name, append=True).__enter__())

    return setup


LOCKS: list = []


def then(*setups):
    def setup(tmp: Path) -> None:
        for each in setups:
            each(tmp)

    return setup


def silent_server():
    """A TCP server on loopback that accepts and never answers (an HTTP server waits so)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    SOCKETS.append(server)
    return f"tcp://127.0.0.1:{server.getsockname()[1]}"


def nonsense_server():
    """A TCP server on loopback that answers every connection with a huge frame count."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    SOCKETS.append(server)

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
                conn.sendall(b"\xff" * 64)
                CONNECTIONS.append(conn)
            except OSError:
                return

    threading.Thread(target=serve, daemon=True).start()
    return f"tcp://127.0.0.1:{server.getsockname()[1]}"


CONNECTIONS: list = []
HAS_DASK = True
try:
    import distributed  # noqa: F401
except ImportError:
    HAS_DASK = False

NON_UTF8 = os.fsdecode(b"caf\xe9-\xff.txt")


def non_utf8_file(tmp: Path) -> None:
    (tmp / NON_UTF8).write_text(GOOD, encoding="utf-8")


CASES: dict[str, Case] = {
    # -- writing where it must not -------------------------------------------------------
    "out-dev-null-stays-a-device": Case(
        ["analyse", "in.txt", "--json", "-o", "/dev/null"],
        {"in.txt": GOOD},
        check=still(stat.S_ISCHR, "/dev/null"),
    ),
    "out-symlink-to-dev-null-written-through": Case(
        ["analyse", "in.txt", "--json", "-o", "null"],
        {"in.txt": GOOD},
        setup=symlink("null", os.devnull),
        check=both(still(stat.S_ISLNK, "null"), still(stat.S_ISCHR, "/dev/null")),
    ),
    "out-fifo-written-through": Case(
        ["analyse", "in.txt", "--json", "-o", "pipe"],
        {"in.txt": GOOD},
        setup=fifo_reader("pipe", FIFO_GOT),
        check=still(stat.S_ISFIFO, "pipe"),
    ),
    "out-is-the-input": Case(
        ["analyse", "in.txt", "--json", "-o", "in.txt"],
        {"in.txt": GOOD},
        exit_code=1,
        stderr="is also an input",
    ),
    "out-is-a-hard-link-to-the-input": Case(
        ["analyse", "in.txt", "--json", "-o", "twin.txt"],
        {"in.txt": GOOD},
        setup=hardlink("twin.txt", "in.txt"),
        exit_code=1,
        stderr="is also an input",
    ),
    "out-is-the-lexicon": Case(
        ["analyse", "in.txt", "--json", "-l", "lex.yaml", "-o", "lex.yaml"],
        {"in.txt": GOOD, "lex.yaml": LEX},
        exit_code=1,
        stderr="is also an input",
    ),
    "out-is-the-sides-file": Case(
        ["analyse", "in.txt", "--json", "--sides", "s.yaml", "-o", "s.yaml"],
        {"in.txt": GOOD, "s.yaml": "labour: [we]\n"},
        exit_code=1,
        stderr="is also an input",
    ),
    "batch-out-is-the-sides-file": Case(
        ["batch", "docs", "-q", "--sides", "s.yaml", "-o", "s.yaml", "--force"],
        {**DOCS, "s.yaml": "labour: [we]\n"},
        exit_code=1,
        stderr="is also an input",
    ),
    "batch-out-is-the-meta-file": Case(
        ["batch", "docs", "-q", "--meta", "m.csv", "-o", "m.csv", "--force"],
        {**DOCS, "m.csv": "source,year\n0.txt,2001\n"},
        exit_code=1,
        stderr="is also an input",
    ),
    "batch-out-is-an-input-in-its-folder": Case(
        ["batch", "docs", "-q", "-o", "docs/1.txt", "--force"],
        DOCS,
        exit_code=1,
        stderr="is also an input",
    ),
    "batch-out-is-a-named-input": Case(
        ["batch", "docs/0.txt", "docs/1.txt", "-q", "-o", "docs/1.txt", "--force"],
        DOCS,
        exit_code=1,
        stderr="is also an input",
    ),
    "batch-out-is-the-lexicon": Case(
        ["batch", "docs", "-q", "-l", "lex.yaml", "-o", "lex.yaml", "--force"],
        {**DOCS, "lex.yaml": LEX},
        exit_code=1,
        stderr="is also an input",
    ),
    "batch-own-output-in-folder-not-scored": Case(
        ["batch", "docs", "-q", "-g", "*", "-o", "docs/scores.txt", "--force"],
        {**DOCS, "docs/scores.txt": '{"schema": "rhetor.report/1"}\n'},
        changes=("docs/scores.txt",),
        check=jsonl_records("docs/scores.txt", 3),
    ),
    "batch-second-writer-refused": Case(
        ["batch", "docs", "-q", "-o", "busy.jsonl", "--resume"],
        DOCS,
        setup=held_lock("busy.jsonl"),
        exit_code=1,
        stderr="another rhetor batch is writing",
    ),
    "batch-resume-other-lexicon-jsonl": Case(
        ["batch", "docs", "-q", "-o", JSONL_DONE, "--resume", "-l", "lex.yaml"],
        {**DOCS, "lex.yaml": LEX},
        setup=then(scored(JSONL_DONE, "-l", "lex.yaml"), rewrite("lex.yaml", LEX_CHANGED)),
        exit_code=1,
        stderr="cannot resume",
    ),
    "batch-resume-other-sides-csv": Case(
        ["batch", "docs", "-q", "-f", "csv", "-o", "done.csv", "--resume", "-s", "labour=we"],
        DOCS,
        setup=scored("done.csv", "-f", "csv"),
        exit_code=1,
        stderr="CSV columns differ",
    ),
    "batch-resume-same-settings-adds-nothing": Case(
        ["batch", "docs", "-q", "-f", "csv", "-o", "done.csv", "--resume"],
        DOCS,
        setup=scored("done.csv", "-f", "csv"),
        stderr="3 already scored",
        check=csv_rows("done.csv", 3),
    ),
    "batch-to-dev-null-needs-no-force": Case(["batch", "docs", "-q", "-o", "/dev/null"], DOCS),
    "import-fails-whole": Case(
        ["lexicons", "import", "dict.yml", "-o", "out", "--force"],
        {"dict.yml": "care:\n  virtue: [care]\nfairness:\n  virtue: [fair]\n", "out/x": ""},
        setup=lambda tmp: (tmp / "out" / "fairness.yaml").mkdir(),
        exit_code=1,
        stderr="cannot write",
        check=nothing_named("out/care.yaml"),
    ),
    # -- endless or odd inputs ----------------------------------------------------------------
    "doc-dev-zero": Case(["analyse", "/dev/zero"], exit_code=1, stderr="is a device"),
    "doc-dev-urandom": Case(["analyse", "/dev/urandom"], exit_code=1, stderr="is a device"),
    "lexicon-dev-zero": Case(
        ["analyse", "in.txt", "-l", "/dev/zero"], {"in.txt": GOOD}, exit_code=2, stderr="device"
    ),
    "sides-dev-zero": Case(
        ["analyse", "in.txt", "--sides", "/dev/zero"],
        {"in.txt": GOOD},
        exit_code=2,
        stderr="is a device",
    ),
    "gold-dev-zero": Case(["evaluate", "/dev/zero"], exit_code=2, stderr="is a device"),
    "meta-dev-zero": Case(
        ["batch", "docs", "-q", "--meta", "/dev/zero"], DOCS, exit_code=2, stderr="is a device"
    ),
    "records-fifo-nobody-writes": Case(
        ["trends", "recs.jsonl", "--by", "year"],
        setup=make_fifo("recs.jsonl"),
        exit_code=1,
        stderr="recs.jsonl",
    ),
    "doc-a-socket": Case(
        ["analyse", "sock"], setup=unix_socket("sock"), exit_code=1, stderr="is a socket"
    ),
    "doc-over-the-size-cap": Case(
        ["analyse", "in.txt"],
        {"in.txt": GOOD * 100},
        env={"RHETOR_MAX_INPUT_MB": "0.001"},
        exit_code=1,
        stderr="larger than 0.001 MB",
    ),
    "stdin-over-the-size-cap": Case(
        ["analyse", "-"],
        stdin=GOOD * 100,
        env={"RHETOR_MAX_INPUT_MB": "0.001"},
        exit_code=1,
        stderr="RHETOR_MAX_INPUT_MB",
    ),
    "size-cap-not-a-number": Case(
        ["analyse", "in.txt"],
        {"in.txt": GOOD},
        env={"RHETOR_MAX_INPUT_MB": "lots"},
        exit_code=2,
        stderr="number of megabytes",
    ),
    "batch-fifo-in-folder-skipped": Case(
        ["batch", "docs", "-q"],
        DOCS,
        setup=make_fifo("docs/stuck.txt"),
        stderr="named pipe, not a file; skipped",
        check=stdout_records(3),
    ),
    "lexicon-folder-with-fifo": Case(
        ["analyse", "in.txt", "--json", "-l", "lex"],
        {"in.txt": GOOD, "lex/fairness.yaml": LEX},
        setup=make_fifo("lex/stuck.yaml"),
        check=report(values=("fairness",)),
    ),
    "batch-jobs-beyond-documents": Case(
        ["batch", "docs", "-q", "-j", "200"],
        DOCS,
        stderr="using",
        check=stdout_records(3),
    ),
    # -- hostile structure ----------------------------------------------------------------
    "lexicon-nested-deep": Case(
        ["analyse", "in.txt", "-l", "lex.yaml"],
        {"in.txt": GOOD, "lex.yaml": "id: x\n" + deep_yaml(key="virtue")},
        exit_code=2,
        stderr="lex.yaml:2: nested more than",
    ),
    "sides-nested-deep": Case(
        ["analyse", "in.txt", "--sides", "s.yaml"],
        {"in.txt": GOOD, "s.yaml": deep_yaml()},
        exit_code=2,
        stderr="s.yaml:1: nested more than",
    ),
    "sides-alias-bomb": Case(
        ["analyse", "in.txt", "--sides", "s.yaml"],
        {"in.txt": GOOD, "s.yaml": alias_bomb()},
        exit_code=2,
        stderr="aliases expand to more than",
    ),
    "gold-nested-deep": Case(
        ["evaluate", "g.yaml"], {"g.yaml": deep_yaml()}, exit_code=2, stderr="nested more than"
    ),
    "gold-alias-bomb": Case(
        ["evaluate", "g.yaml"],
        {"g.yaml": alias_bomb() + gold(GOLD_PASSAGE)},
        exit_code=2,
        stderr="aliases expand to more than",
    ),
    "gold-alias-cycle": Case(
        ["evaluate", "g.yaml"],
        {"g.yaml": "passages: &p [*p]\n"},
        exit_code=2,
        stderr="alias refers to itself",
    ),
    "quanteda-nested-deep": Case(
        ["lexicons", "import", "d.yml", "-o", "out"],
        {"d.yml": "care:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 400))},
        exit_code=2,
        stderr="nested more than",
        check=nothing_named("out"),
    ),
    "quanteda-alias-bomb": Case(
        ["lexicons", "import", "d.yml", "-o", "out"],
        {"d.yml": alias_bomb("care")},
        exit_code=2,
        stderr="aliases expand to more than",
        check=nothing_named("out"),
    ),
    "gold-unknown-key": Case(
        ["evaluate", "g.yaml", "--json"],
        {"g.yaml": gold(GOLD_PASSAGE + "    expected: [[fairness, author, claims]]\n")},
        exit_code=2,
        stderr="g.yaml:5: unknown key 'expected' (did you mean 'expect'?)",
    ),
    # -- network ---------------------------------------------------------------------------
    "scheduler-that-never-answers": Case(
        ["batch", "docs", "-q", "--scheduler", "SILENT"],
        DOCS,
        env={"RHETOR_SCHEDULER_TIMEOUT": "2"},
        exit_code=2,
        stderr="no scheduler handshake within 2 s",
    ),
    "scheduler-that-answers-nonsense": Case(
        ["batch", "docs", "-q", "--scheduler", "NONSENSE"],
        DOCS,
        env={"RHETOR_SCHEDULER_TIMEOUT": "5"},
        exit_code=2,
        stderr="cannot reach Dask scheduler",
    ),
    # -- text the matcher never saw as written -----------------------------------------------
    "utf32-le-bom": Case(
        ["analyse", "in.txt", "--json"],
        {"in.txt": GOOD.encode("utf-32")},
        check=report(2),
    ),
    "utf32-be-bom": Case(
        ["analyse", "in.txt", "--json"],
        {"in.txt": b"\x00\x00\xfe\xff" + GOOD.encode("utf-32-be")},
        check=report(2),
    ),
    "nfd-accents": Case(
        ["analyse", "in.txt", "--json", "-l", "eq.yaml"],
        {
            "in.txt": "We want e\u0301quite\u0301.\n",
            "eq.yaml": "id: eq\nvirtue: [équité]\n",
        },
        check=report(1, ("eq",)),
    ),
    "zero-width-space-in-word": Case(
        ["analyse", "in.txt", "--json"],
        {"in.txt": "We stand for fair\u200bness.\n"},
        check=report(1, ("fairness",)),
    ),
    "soft-hyphen-in-word": Case(
        ["analyse", "in.txt", "--json"],
        {"in.txt": "We stand for soli\u00addarity.\n"},
        check=report(1, ("solidarity",)),
    ),
    "bidi-marks-around-and-in-word": Case(
        ["analyse", "in.txt", "--json"],
        {"in.txt": "We stand for \u202edemo\u200ecracy\u202c.\n"},
        check=report(1, ("democracy",)),
    ),
    "terminal-escapes-in-report": Case(
        ["analyse", "in.txt"],
        {"in.txt": f"We stand for {ESC}[2J fairness {ESC}]0;owned{chr(7)} today.\n"},
        check=no_escape_sequences,
    ),
    "terminal-escapes-in-kwic": Case(
        ["kwic", "in.txt"],
        {"in.txt": f"We {ESC}[31mstand for fairness {ESC}[0m today.\n"},
        check=no_escape_sequences,
    ),
    "terminal-escapes-in-markdown": Case(
        ["analyse", "in.txt", "-f", "markdown"],
        {"in.txt": f"We stand for {ESC}[2J fairness.\n"},
        check=no_escape_sequences,
    ),
    "terminal-escapes-in-html": Case(
        ["analyse", "in.txt", "-f", "html"],
        {"in.txt": f"We stand for {ESC}[2J fairness.\n"},
        check=no_escape_sequences,
    ),
    "terminal-escapes-in-a-file-name": Case(
        ["analyse", f"no{ESC}[2Jsuch.txt"], exit_code=1, stderr="no\\x1b[2Jsuch.txt"
    ),
    # -- environment -----------------------------------------------------------------------
    "columns-not-a-number": Case(["analyse", "in.txt"], {"in.txt": GOOD}, env={"COLUMNS": "abc"}),
    "columns-tiny": Case(["analyse", "in.txt"], {"in.txt": GOOD}, env={"COLUMNS": "3"}),
    "file-name-not-utf8": Case(
        ["analyse", NON_UTF8, "--json"],
        setup=non_utf8_file,
        check=lambda result, tmp: json.loads(result.stdout)["source"] == "caf\\xe9-\\xff.txt",
    ),
    "missing-file-name-not-utf8": Case(
        ["analyse", NON_UTF8], exit_code=1, stderr="caf\\xe9-\\xff.txt: no such file"
    ),
    "batch-file-name-not-utf8": Case(
        ["batch", ".", "-q", "-g", "*.txt"], setup=non_utf8_file, check=stdout_records(1)
    ),
    # -- first contact ---------------------------------------------------------------------
    "kwic-only-side-unknown": Case(
        ["kwic", "in.txt", "--only-side", "labour"],
        {"in.txt": GOOD},
        exit_code=2,
        stderr="--only-side 'labour': the sides here are author",
    ),
    "batch-glob-matches-nothing": Case(
        ["batch", "docs", "-q", "-g", "*.md"],
        DOCS,
        exit_code=1,
        stderr="no documents to score",
    ),
    "batch-crlf-path-list": Case(
        ["batch", "-", "-q"], DOCS, stdin="docs/0.txt\r\ndocs/1.txt\r\n", check=stdout_records(2)
    ),
    "batch-path-list-that-never-ends": Case(
        ["batch", "-", "-q"], DOCS, stdin="x" * 10_000, exit_code=1, stderr="longer than 4096"
    ),
    "batch-path-with-a-nul-byte": Case(
        ["batch", "-", "-q"],
        DOCS,
        stdin="docs/0.txt\nbad\0name.txt\n",
        exit_code=1,
        stderr="cannot hold a NUL byte",
        check=stdout_records(2),
    ),
    "option-error-jobs-zero": Case(
        ["batch", "docs", "-j", "0"], DOCS, exit_code=2, stderr="--jobs"
    ),
    "option-error-format-pdf": Case(
        ["analyse", "in.txt", "-f", "pdf"], {"in.txt": GOOD}, exit_code=2, stderr="'pdf'"
    ),
    "option-error-batch-format-pdf": Case(
        ["batch", "docs", "-f", "pdf"], DOCS, exit_code=2, stderr="choose jsonl"
    ),
    "summary-with-json-refused": Case(
        ["analyse", "in.txt", "--summary", "--json"],
        {"in.txt": GOOD},
        exit_code=2,
        stderr="--summary",
    ),
}

MODEL_FREE = {"evaluate", "lexicons", "trends", "compare", "network", "gold"}


def snapshot(tmp: Path) -> dict[str, bytes]:
    files = {}
    for path in tmp.rglob("*"):
        if path.is_file() and not path.is_symlink():
            files[str(path.relative_to(tmp))] = path.read_bytes()
    return files


def test_bad_inputs_abuse_table_is_large_enough():
    assert len(CASES) >= 55
    assert all(case.exit_code != 70 for case in CASES.values())


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.slow) if "--scheduler" in CASES[n].args else n
        for n in CASES
    ],
)
def test_bad_inputs_abuse(name, tmp_path, monkeypatch):
    case = CASES[name]
    if "--scheduler" in case.args and not HAS_DASK:
        pytest.skip("Dask is not installed")
    for path, content in case.files.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    if case.setup:
        case.setup(tmp_path)
    before = snapshot(tmp_path)
    monkeypatch.chdir(tmp_path)
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    args = [
        {"SILENT": silent_server, "NONSENSE": nonsense_server}.get(a, lambda a=a: a)()
        for a in case.args
    ]
    if args[0] not in MODEL_FREE:
        args += BLANK
    if args[0] == "batch" and "-j" not in args and "--scheduler" not in args:
        args += ["-j", "1"]
    try:
        result = runner.invoke(app, args, input=case.stdin)
    finally:
        for lock in LOCKS:
            lock.__exit__(None, None, None)
        LOCKS.clear()
    assert result.exit_code == case.exit_code, result.stderr
    assert result.exit_code != 70
    assert "Traceback" not in result.stderr + result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    errors = [line for line in lines if line.startswith("rhetor: error: ")]
    assert len(errors) == (1 if case.exit_code else 0), result.stderr
    for line in lines:
        assert line.startswith(("rhetor: ", "wrote ")) or " scored, " in line, line
    if case.stderr:
        assert case.stderr in result.stderr
    if case.exit_code and not case.check:  # a batch with a failed document still has records
        assert result.stdout == ""
    after = snapshot(tmp_path)
    for path, content in before.items():
        if path not in case.changes:
            assert after.get(path) == content, f"{path} was changed or lost"
    if case.check:
        assert case.check(result, tmp_path) is not False
    assert not [p for p in tmp_path.rglob(".*") if p.is_file()]  # no temporary file left


def test_bad_inputs_abuse_fifo_output_received_the_report():
    """The FIFO case's reader got the whole report (run after the table)."""
    if not FIFO_GOT:
        pytest.skip("the FIFO case did not run")
    assert json.loads(FIFO_GOT[-1])["schema"] == "rhetor.report/1"


# -- cases that need a real process: signals, concurrency, a full disk, the locale ---------


def rhetor(*args: str, cwd: Path, **kwargs):
    return subprocess.Popen(
        [sys.executable, "-m", "rhetor.cli", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        **kwargs,
    )


def corpus(tmp: Path, count: int = 24, size: int = 20_000) -> Path:
    folder = tmp / "docs"
    folder.mkdir()
    sentence = "We stand for fairness and they steal our solidarity. "
    for i in range(count):
        (folder / f"{i:03d}.txt").write_text(f"{i} " + sentence * (size // len(sentence)))
    return folder


def wait_for(predicate, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


def lines_in(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except OSError:
        return 0


def assert_clean(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert len([line for line in stderr.splitlines() if line.startswith("rhetor: error:")]) <= 1


def records_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.slow
def test_bad_inputs_abuse_two_batches_on_one_output(tmp_path):
    """A second batch on an output another is writing stops at once; the first loses
    nothing. The first reads its paths from a pipe this test holds open, so it is
    certainly still running (and holding its output) while the second tries."""
    corpus(tmp_path)
    out = tmp_path / "out.jsonl"
    paths = [f"docs/{i:03d}.txt\n" for i in range(24)]
    first = rhetor(
        "batch", "-", "-q", "-j", "1", "-o", "out.jsonl", *BLANK,
        cwd=tmp_path, stdin=subprocess.PIPE,
    )  # fmt: skip
    try:
        first.stdin.write("".join(paths[:12]))
        first.stdin.flush()
        wait_for(out.exists)  # opened and locked; now waiting for the rest of its paths
        for extra in (["--resume"], ["--force"]):
            second = rhetor(
                "batch", "docs", "-q", "-j", "1", "-o", "out.jsonl", *BLANK, *extra, cwd=tmp_path
            )
            _, err = second.communicate(timeout=120)
            assert second.returncode == 1
            assert err.startswith("rhetor: error: out.jsonl: another rhetor batch is writing")
            assert_clean(err)
        _, err = first.communicate("".join(paths[12:]), timeout=300)
    finally:
        first.kill()
    assert first.returncode == 0, err
    records = records_of(out)
    assert len(records) == 24 and len({r["source"] for r in records}) == 24


@pytest.mark.slow
def test_bad_inputs_abuse_resume_after_sigkill_with_a_changed_lexicon(tmp_path):
    """SIGKILL mid-batch, then --resume with an edited lexicon is refused and changes
    nothing; --resume with the lexicon as it was completes: no record lost or twice."""
    corpus(tmp_path, count=40)
    lexicon = tmp_path / "lex.yaml"
    lexicon.write_text(LEX)
    out = tmp_path / "out.jsonl"
    args = ["batch", "docs", "-q", "-j", "1", "-o", "out.jsonl", "-l", "lex.yaml", *BLANK]
    killed = rhetor(*args, cwd=tmp_path)
    try:
        wait_for(lambda: lines_in(out) >= 2)
    finally:
        os.killpg(killed.pid, signal.SIGKILL)
        killed.communicate(timeout=60)
    with out.open("a") as stream:
        stream.write('{"schema": "rhetor.rep')  # a line cut by the kill, at worst
    before = out.read_bytes()
    done_before = before.count(b"\n")
    assert 2 <= done_before < 40

    lexicon.write_text(LEX_CHANGED)
    refused = rhetor(*args, "--resume", cwd=tmp_path)
    _, err = refused.communicate(timeout=120)
    assert refused.returncode == 1
    assert "cannot resume: it was scored with other settings" in err
    assert_clean(err)
    assert out.read_bytes() == before

    lexicon.write_text(LEX)
    resumed = rhetor(*args, "--resume", cwd=tmp_path)
    _, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err
    assert f"resuming: {done_before} already scored, {40 - done_before} to go" in err
    records = records_of(out)
    assert len(records) == 40
    assert sorted(r["source"] for r in records) == sorted(f"docs/{i:03d}.txt" for i in range(40))
    assert len({r["settings"] for r in records}) == 1


def children_of(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def stalled_batch(tmp: Path, *args: str):
    """A batch whose ninth document is a FIFO nobody writes to: the first eight are
    scored and written (two groups of four, one per worker), then it waits there, so a
    signal certainly arrives mid-run, whatever the machine's speed."""
    corpus(tmp, count=11)
    os.mkfifo(tmp / "stalled.txt")
    paths = [f"docs/{i:03d}.txt" for i in range(8)] + ["stalled.txt", "docs/008.txt"]
    return rhetor("batch", *paths, "-q", "-j", "2", *BLANK, *args, cwd=tmp)


@pytest.mark.slow
def test_bad_inputs_abuse_sigterm_like_ctrl_c_and_json_stays_valid(tmp_path):
    out = tmp_path / "out.json"
    run = stalled_batch(tmp_path, "-f", "json", "-o", "out.json")
    try:
        wait_for(lambda: out.exists() and out.read_text().count('"schema"') >= 8)
        workers = children_of(run.pid)
        run.send_signal(signal.SIGTERM)
        _, err = run.communicate(timeout=120)
    finally:
        run.kill()
    assert run.returncode == 130
    assert err == "rhetor: interrupted\n"  # no worker tracebacks
    records = json.loads(out.read_text())  # the array was closed
    assert [r["source"] for r in records] == [f"docs/{i:03d}.txt" for i in range(8)]
    wait_for(lambda: not [p for p in workers if Path(f"/proc/{p}").exists()], 10)


@pytest.mark.slow
def test_bad_inputs_abuse_workers_die_with_their_parent(tmp_path):
    out = tmp_path / "out.jsonl"
    run = stalled_batch(tmp_path, "-o", "out.jsonl")
    try:
        wait_for(lambda: lines_in(out) >= 8)
        workers = children_of(run.pid)
        assert workers
        os.kill(run.pid, signal.SIGKILL)  # the parent alone, as the OOM killer would
        run.communicate(timeout=60)
        wait_for(lambda: not [p for p in workers if Path(f"/proc/{p}").exists()], 10)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run.pid, signal.SIGKILL)


def limit_file_size(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.slow
def test_bad_inputs_abuse_full_disk_csv_batch_keeps_whole_rows(tmp_path):
    corpus(tmp_path, count=12, size=2000)
    run = rhetor(
        "batch",
        "docs",
        "-q",
        "-j",
        "1",
        "-f",
        "csv",
        "-o",
        "out.csv",
        *BLANK,
        cwd=tmp_path,
        preexec_fn=limit_file_size(2500),
    )
    _, err = run.communicate(timeout=300)
    assert run.returncode == 1
    assert err.strip().splitlines()[-1].startswith("rhetor: error: out.csv: cannot write: ")
    assert_clean(err)
    text = (tmp_path / "out.csv").read_text()
    rows = list(csv.reader(io.StringIO(text)))
    assert text.endswith("\n") and len(rows) >= 2
    assert {len(row) for row in rows} == {len(rows[0])}


@pytest.mark.slow
def test_bad_inputs_abuse_full_disk_import_writes_no_file(tmp_path):
    """One file too big for the disk: the ones that would fit are not left behind."""
    entries = "".join(f"  - word{i}\n" for i in range(300))
    large = "".join(f"  - word{i}\n" for i in range(3000))
    (tmp_path / "d.yml").write_text(f"care:\n{entries}fairness:\n{entries}liberty:\n{large}")
    run = rhetor(
        "lexicons", "import", "d.yml", "-o", "out", cwd=tmp_path, preexec_fn=limit_file_size(6000)
    )
    _, err = run.communicate(timeout=120)
    assert run.returncode == 1
    assert err.startswith("rhetor: error: ") and "cannot write" in err
    assert_clean(err)
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.slow
def test_bad_inputs_abuse_stdout_that_cannot_encode(tmp_path):
    (tmp_path / "in.txt").write_text("Équité, fairness and “solidarity” for the café.\n")
    for args in (["--json"], [], ["-f", "markdown"]):
        run = rhetor(
            "analyse",
            "in.txt",
            *args,
            *BLANK,
            cwd=tmp_path,
            env={**os.environ, "PYTHONIOENCODING": "ascii"},
        )
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
        assert err == "" and "fairness" in out


@pytest.mark.slow
def test_bad_inputs_abuse_stdin_closed(tmp_path):
    for args in (["analyse", "-"], ["batch", "-", "-q"]):
        run = rhetor_in_bash(f"{' '.join(args)} -m blank:en <&-", tmp_path)
        assert run.returncode == 1
        assert run.stderr.startswith("rhetor: error: <stdin>: standard input is closed")
        assert_clean(run.stderr)
