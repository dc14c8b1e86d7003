"""``rhetor batch --scheduler``: the same records through a Dask cluster."""

from __future__ import annotations

import json
import sys

import pytest
from typer.testing import CliRunner

from rhetor.batching.dask_runner import ATTEMPTS, Task, after_failure, import_dask
from rhetor.cli import app
from rhetor.errors import ConfigError
from tests.conftest import needs_model

runner = CliRunner()


@pytest.fixture
def folder(write, tmp_path):
    write("docs/a.txt", "We stand for fairness and democracy. They steal our solidarity.")
    write("docs/b.txt", "Ministers talk of responsibility; we practise mutual aid.")
    write("docs/c.txt", "Nothing to see here.")
    write("docs/d.txt", b"\x00\x01\x02binary")
    write("docs/e.txt", "Fair play, fair pay and co-operation.\n\nJustice for all.")
    write("lexicons/kindness.yaml", "id: kindness\nvirtue: [kindness, kind]\n")
    write("docs/f.txt", "Kindness is our value, and we are kind.")
    return tmp_path / "docs"


def records(path):
    return sorted(map(json.loads, path.read_text().splitlines()), key=lambda r: r["source"])


@pytest.mark.slow
@needs_model
def test_dask_local_cluster_gives_the_local_records(folder, tmp_path):
    pytest.importorskip("distributed")
    lexicons = str(tmp_path / "lexicons")
    common = ["batch", str(folder), "-q", "-l", lexicons]
    local = runner.invoke(app, [*common, "-j", "1", "-o", str(tmp_path / "local.jsonl")])
    dask = runner.invoke(
        app, [*common, "--scheduler", "local:2", "-o", str(tmp_path / "dask.jsonl")]
    )
    assert local.exit_code == dask.exit_code == 1  # d.txt is binary
    assert dask.stderr.strip().splitlines()[-1] == "5 scored, 1 failed"
    ours, theirs = records(tmp_path / "local.jsonl"), records(tmp_path / "dask.jsonl")
    assert len(ours) == 6
    assert theirs == ours
    # the client's lexicon reached the workers as content
    kind = next(r for r in theirs if r["source"].endswith("f.txt"))
    assert {m["value"] for m in kind["matches"]} == {"kindness"}


@pytest.mark.slow
@needs_model
def test_dask_paths_on_workers_same_records(folder, tmp_path):
    pytest.importorskip("distributed")
    out = tmp_path / "shared.jsonl"
    result = runner.invoke(
        app,
        [
            "batch",
            str(folder),
            "-q",
            "--scheduler",
            "local:1",
            "--paths-on-workers",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 1
    local = tmp_path / "local.jsonl"
    runner.invoke(app, ["batch", str(folder), "-q", "-j", "1", "-o", str(local)])
    assert records(out) == records(local)


def test_dask_missing_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if absent
    with pytest.raises(ConfigError, match=r'pip install -e "\.\[dask\]" in a clone of rhetor'):
        import_dask()


@pytest.mark.parametrize(
    "args,message",
    [
        (["--scheduler", "local:0"], "give local:N"),
        (["--scheduler", "local:2", "-j", "2"], "--jobs is for local runs"),
        (["--paths-on-workers"], "--paths-on-workers applies only with --scheduler"),
    ],
)
def test_dask_option_errors(folder, args, message):
    pytest.importorskip("distributed")
    result = runner.invoke(app, ["batch", str(folder), "-q", "-m", "blank:en", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_dask_failed_batch_is_split_then_given_up_per_document():
    retry: list[Task] = []
    batch = Task((("a.txt", b"a"), ("b.txt", b"b")))
    assert list(after_failure(batch, "KilledWorker: boom", retry)) == []
    assert [t.items for t in retry] == [(("a.txt", b"a"),), (("b.txt", b"b"),)]
    single = retry.pop()
    for _ in range(ATTEMPTS - single.attempt):
        assert list(after_failure(single, "KilledWorker: boom", retry)) == []
        single = retry.pop()
    (record,) = after_failure(single, "KilledWorker: boom", retry)
    assert record["source"] == "b.txt" and "failed on the cluster" in record["error"]
    assert record["sha256"] is not None
    assert retry == [Task((("a.txt", b"a"),), 2)]  # its neighbour still gets its second try


@pytest.mark.slow
@needs_model
def test_dask_selective_parse_gives_the_local_records(folder, tmp_path):
    """With sides given only the sentences that can yield a claim are parsed, on the
    workers as locally; --parse-all reaches the workers too."""
    pytest.importorskip("distributed")
    sides = ["--side", "gov=Ministers,government", "--side", "us=we,our"]
    for extra in ([], ["--parse-all"]):
        common = ["batch", str(folder), "-q", *sides, *extra]
        local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
        runner.invoke(app, [*common, "-j", "1", "-o", str(local)])
        runner.invoke(app, [*common, "--scheduler", "local:1", "-o", str(dask)])
        assert records(dask) == records(local)
        assert len(records(local)) == 6
