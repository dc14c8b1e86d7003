from __future__ import annotations

import csv
import io
import json
import os

import pytest
from typer.testing import CliRunner

from rhetor.batching.command import BatchOptions, batch
from rhetor.batching.inputs import discover
from rhetor.batching.runner import LocalRunner, error_record
from rhetor.batching.writers import BatchFormat, RecordWriter, csv_columns, csv_row, done_keys
from rhetor.cli import app
from rhetor.errors import ConfigError, InputError
from rhetor.options import AnalyseOptions

BLANK = AnalyseOptions(model="blank:en")


@pytest.fixture
def folder(write, tmp_path):
    write("docs/b.txt", "Solidarity forever.")
    write("docs/a.txt", "We stand for fairness and democracy.")
    write("docs/.hidden.txt", "fairness")
    write("docs/notes.md", "fairness")
    write("docs/sub/c.txt", "Co-operation and mutual aid.")
    return tmp_path / "docs"


def test_batch_discover_sorted_hidden_skipped_glob(folder):
    assert [os.path.basename(p) for p in discover([str(folder)])] == ["a.txt", "b.txt"]
    assert [os.path.basename(p) for p in discover([str(folder)], recursive=True)] == [
        "a.txt",
        "b.txt",
        "c.txt",
    ]
    assert [os.path.basename(p) for p in discover([str(folder)], glob="*.md")] == ["notes.md"]


def test_batch_discover_does_not_follow_symlink_loops(folder):
    os.symlink(folder, folder / "sub" / "loop")
    found = list(discover([str(folder)], recursive=True))
    assert len(found) == 3


def test_batch_discover_missing_path():
    with pytest.raises(InputError, match="no such file or folder"):
        list(discover(["/nonexistent/x"]))


def record(source, claims=(), error=None):
    if error:
        return error_record(source, None, error)
    return {
        "schema": "rhetor.report/1",
        "source": source,
        "sha256": "h" + source,
        "stats": {"characters": 10, "words": 2, "sentences": 1},
        "values": [
            {
                "value": "fairness",
                "mentions": 1,
                "virtue": 1,
                "vice": 0,
                "negated": 0,
                "per_1000_words": 500.0,
            }
        ],
        "claims": list(claims),
        "error": None,
        "warnings": [],
    }


def test_batch_csv_columns_and_others():
    columns = csv_columns(["fairness"], ["author", "others"])
    assert columns[:6] == ["source", "sha256", "error", "characters", "words", "sentences"]
    assert "others__fairness__appropriates" in columns
    claims = [
        {"side": "govt", "value": "fairness", "stance": "appropriates"},
        {"side": "author", "value": "fairness", "stance": "claims"},
        {"side": None, "value": "fairness", "stance": "opposes"},
    ]
    row = csv_row(record("a.txt", claims), ["fairness"], ["author", "others"])
    assert row["others__fairness__appropriates"] == 1 and row["author__fairness__claims"] == 1
    assert row["fairness_mentions"] == 1 and row["words"] == 2


@pytest.mark.parametrize("fmt", [f for f in BatchFormat if f is not BatchFormat.claims])
def test_batch_writer_formats_parse_back(fmt):
    stream = io.StringIO()
    writer = RecordWriter(stream, fmt, ["fairness"], ["author", "others"])
    for r in (record("a.txt"), record("b.txt", error="b.txt: binary file, not text")):
        writer.write(r)
    writer.close()
    text = stream.getvalue()
    if fmt is BatchFormat.jsonl:
        rows = [json.loads(line) for line in text.splitlines()]
    elif fmt is BatchFormat.json:
        rows = json.loads(text)
    else:
        rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["source"] for r in rows] == ["a.txt", "b.txt"]
    assert rows[1]["error"] == "b.txt: binary file, not text"


def test_batch_done_keys_cuts_a_partial_last_line(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps(record("a.txt")) + "\n" + '{"source": "b.tx')
    assert done_keys(out, BatchFormat.jsonl) == {("a.txt", "ha.txt")}
    assert out.read_text().endswith("\n") and out.read_text().count("\n") == 1


@pytest.mark.parametrize(
    ("content", "kept"),
    [
        ('{"source": "a.t', ""),  # nothing whole: the file is emptied
        (json.dumps(record("a.txt")) + "\n", json.dumps(record("a.txt")) + "\n"),  # untouched
    ],
)
def test_batch_done_keys_keeps_whole_lines_only(tmp_path, content, kept):
    out = tmp_path / "out.jsonl"
    out.write_text(content)
    done_keys(out, BatchFormat.jsonl)
    assert out.read_text() == kept


class StubRunner:
    def __init__(self):
        self.seen = []

    def run(self, paths):
        for path in paths:
            self.seen.append(os.path.basename(path))
            yield record(path)


def test_batch_refuses_existing_output_without_resume_or_force(folder, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("")
    with pytest.raises(InputError, match="already exists"):
        batch(BatchOptions((str(folder),), output=out), BLANK, runner=StubRunner())
    with pytest.raises(ConfigError, match="contradict"):
        batch(BatchOptions((str(folder),), output=out, resume=True, force=True), BLANK)


def test_batch_resume_skips_scored_documents(folder, tmp_path):
    out = tmp_path / "out.jsonl"
    options = BatchOptions((str(folder),), output=out, jobs=1)
    totals = batch(options, BLANK)
    assert totals.scored == 2
    (folder / "z.txt").write_text("Justice for all.")
    stub = StubRunner()
    batch(
        BatchOptions((str(folder),), output=out, resume=True),
        BLANK,
        runner=stub,
        warn=lambda m: None,
    )
    assert stub.seen == ["z.txt"]
    sources = [json.loads(line)["source"] for line in out.read_text().splitlines()]
    assert [os.path.basename(s) for s in sources] == ["a.txt", "b.txt", "z.txt"]


@pytest.mark.slow
def test_batch_local_runner_two_workers_matches_one(folder):
    paths = list(discover([str(folder)], recursive=True))
    one = list(LocalRunner(BLANK, jobs=1).run(paths))
    two = list(LocalRunner(BLANK, jobs=2).run(paths))
    assert one == two
    assert [r["source"] for r in two] == paths


def test_batch_cli_failures_give_error_records_and_exit_1(folder, tmp_path):
    (folder / "bin.txt").write_bytes(b"\x00\x01\x02")
    (folder / "empty.txt").write_text("")
    (folder / "latin.txt").write_bytes("Solidarité.".encode("cp1252"))
    os.symlink(folder / "vanished", folder / "gone.txt")  # a directory entry that vanished
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        app, ["batch", str(folder), "-o", str(out), "-j", "1", "-q", "--model", "blank:en"]
    )
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == "4 scored, 2 failed"
    assert "decoded as cp1252" in result.stderr
    rows = {os.path.basename(r["source"]): r for r in map(json.loads, out.read_text().splitlines())}
    assert rows["bin.txt"]["error"].endswith("binary file, not text")
    assert "no such file" in rows["gone.txt"]["error"]
    assert rows["empty.txt"]["error"] is None and rows["empty.txt"]["stats"]["words"] == 0
    assert rows["latin.txt"]["error"] is None and rows["latin.txt"]["warnings"]


def test_batch_cli_csv_to_stdout(folder):
    result = CliRunner().invoke(
        app, ["batch", str(folder), "--format", "csv", "-j", "1", "-q", "--model", "blank:en"]
    )
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [os.path.basename(r["source"]) for r in rows] == ["a.txt", "b.txt"]
    assert rows[0]["fairness_mentions"] == "1"


def test_batch_cli_paths_from_stdin(folder):
    listing = f"{folder / 'b.txt'}\n{folder / 'a.txt'}\n"
    result = CliRunner().invoke(
        app, ["batch", "-", "-j", "1", "-q", "--model", "blank:en"], input=listing
    )
    assert result.exit_code == 0, result.stderr
    sources = [json.loads(line)["source"] for line in result.stdout.splitlines()]
    assert [os.path.basename(s) for s in sources] == ["b.txt", "a.txt"]


def test_batch_cli_default_jobs(folder):
    # no -j: one worker per core
    result = CliRunner().invoke(app, ["batch", str(folder), "-q", "-m", "blank:en"])
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [
        str(folder / "a.txt"),
        str(folder / "b.txt"),
    ]
