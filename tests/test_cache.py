"""The parse cache (rhetor.io.cache): round trips, broken entries, pipelines kept apart,
concurrent writers, and ``rhetor cache info|clear``."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

from rhetor.cli import app
from rhetor.io.cache import TAG_NAME, DocCache, clear, pipeline_key, text_key, usage
from rhetor.options import AnalyseOptions
from tests.conftest import SEED, needs_model

TEXT = "We believe in fairness. They do not."


@pytest.fixture
def nlp():
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline


def entry_path(cache: DocCache, text: str) -> Path:
    key = text_key(text)
    return cache.folder / key[:2] / f"{key}.doc"


def test_cache_round_trip_gives_the_same_doc(tmp_path, nlp):
    cache = DocCache(tmp_path, nlp)
    assert cache.get(TEXT) is None
    cache.put(TEXT, nlp(TEXT))
    doc = cache.get(TEXT)
    assert doc.text == TEXT
    assert [t.is_sent_start for t in doc] == [t.is_sent_start for t in nlp(TEXT)]
    assert (cache.hits, cache.misses) == (1, 1)
    assert (tmp_path / TAG_NAME).is_file()


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-5] + b"XXXXX",  # payload changed
        lambda data: b"garbage",  # not an entry at all
        lambda data: data.replace(b'"sha256"', b'"sha999"', 1),  # header broken
        lambda data: b"",  # empty
    ],
)
def test_cache_broken_entry_is_ignored_with_a_warning(tmp_path, nlp, damage):
    cache = DocCache(tmp_path, nlp)
    cache.put(TEXT, nlp(TEXT))
    path = entry_path(cache, TEXT)
    path.write_bytes(damage(path.read_bytes()))
    warnings: list[str] = []
    assert cache.get(TEXT, warnings.append) is None
    assert len(warnings) == 1
    assert "ignoring broken entry" in warnings[0] and str(path) in warnings[0]


def test_cache_entry_of_another_text_is_not_used(tmp_path, nlp):
    cache = DocCache(tmp_path, nlp)
    cache.put(TEXT, nlp(TEXT))
    other = "Something else entirely."
    path = entry_path(cache, other)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(entry_path(cache, TEXT).read_bytes())
    warnings: list[str] = []
    assert cache.get(other, warnings.append) is None
    assert "another text" in warnings[0]


def test_cache_keeps_pipelines_apart(tmp_path, nlp):
    plain = spacy.blank("en")
    assert pipeline_key(plain) != pipeline_key(nlp)
    DocCache(tmp_path, nlp).put(TEXT, nlp(TEXT))
    assert DocCache(tmp_path, plain).get(TEXT) is None


def test_cache_keeps_tokenizer_rules_apart():
    """A parse made before rhetor's tokenizer rules changed is never reused after."""
    from rhetor.nlp.pipeline import adjust_tokenizer

    before, after = spacy.blank("en"), adjust_tokenizer(spacy.blank("en"))
    assert pipeline_key(before) != pipeline_key(after)
    older = adjust_tokenizer(spacy.blank("en"))
    older.meta["rhetor_tokenizer"] = "rhetor-1"
    assert pipeline_key(older) != pipeline_key(after)


def test_cache_concurrent_writers_leave_whole_entries(tmp_path, nlp):
    doc = nlp(TEXT)
    errors: list[BaseException] = []

    def write_and_read():
        cache = DocCache(tmp_path, nlp)
        try:
            for _ in range(20):
                cache.put(TEXT, doc)
                found = cache.get(TEXT, errors.append)
                assert found is not None and found.text == TEXT
        except BaseException as exc:  # collected, so the test fails in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=write_and_read) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert not list(tmp_path.rglob("*.tmp"))


def test_cache_usage_and_clear(tmp_path, nlp):
    cache = DocCache(tmp_path, nlp)
    for text in (TEXT, "A second text, five words."):
        cache.put(text, nlp(text))
    leftover = entry_path(cache, TEXT).with_name(".left.doc.abc.tmp")
    leftover.write_bytes(b"half")  # what a killed writer leaves
    (row,) = usage(tmp_path)
    assert (row.entries, row.words, row.broken) == (2, 12, 0)
    assert row.bytes_per_million_words == pytest.approx(row.bytes * 1e6 / 12)
    assert clear(tmp_path) == 2
    assert usage(tmp_path) == []
    assert (tmp_path / TAG_NAME).is_file()


def test_cli_cache_info_and_clear(tmp_path, nlp):
    DocCache(tmp_path, nlp).put(TEXT, nlp(TEXT))
    runner = CliRunner()
    info = runner.invoke(app, ["cache", "info", str(tmp_path)])
    assert info.exit_code == 0, info.output
    assert pipeline_key(nlp) in info.stdout and "MB/M words" in info.stdout
    cleared = runner.invoke(app, ["cache", "clear", str(tmp_path)])
    assert cleared.exit_code == 0
    assert "removed 1 cached parses" in cleared.stdout


def test_cli_cache_clear_refuses_a_folder_that_is_not_a_cache(tmp_path):
    (tmp_path / "precious.doc").write_text("keep me")
    result = CliRunner().invoke(app, ["cache", "clear", str(tmp_path)])
    assert result.exit_code == 1
    assert (
        result.stderr.startswith("rhetor: error:") and "not a rhetor parse cache" in result.stderr
    )
    assert (tmp_path / "precious.doc").exists()


# -- through the analyser: same reports, broken entries rebuilt --------------------------------


@needs_model
@pytest.mark.model
def test_cache_report_is_identical_and_broken_entry_rebuilt(tmp_path):
    from rhetor.api import Analyser

    text = SEED.read_text(encoding="utf-8")
    plain = Analyser(AnalyseOptions()).analyse(text).to_dict()
    first = Analyser(AnalyseOptions(cache=str(tmp_path)))
    assert first.analyse(text).to_dict() == plain
    second = Analyser(AnalyseOptions(cache=str(tmp_path)))
    report = second.analyse(text)
    assert report.to_dict() == plain and report.warnings == ()
    assert second.cache.hits == 1

    (entry,) = tmp_path.rglob("*.doc")
    entry.write_bytes(entry.read_bytes()[:100])
    third = Analyser(AnalyseOptions(cache=str(tmp_path)))
    report = third.analyse(text)
    assert report.to_dict() == plain
    assert any("ignoring broken entry" in w for w in report.warnings)
    fourth = Analyser(AnalyseOptions(cache=str(tmp_path)))
    assert fourth.analyse(text).warnings == () and fourth.cache.hits == 1  # rebuilt


@needs_model
@pytest.mark.model
def test_cli_batch_cache_warns_on_broken_entry(tmp_path, write):
    doc = write("doc.txt", "We believe in fairness and solidarity.")
    cache = tmp_path / "cache"
    runner = CliRunner()
    args = ["batch", str(doc), "--cache", str(cache), "-q", "-j", "1"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    (entry,) = cache.rglob("*.doc")
    entry.write_bytes(b"rhetor-doc-cache/1 {}\n")
    second = runner.invoke(app, args)
    assert second.exit_code == 0
    before, after = json.loads(first.stdout), json.loads(second.stdout)
    assert after.pop("warnings")[0].startswith("parse cache: ignoring broken entry")
    before.pop("warnings")
    assert after == before
    assert "rhetor: warning: parse cache: ignoring broken entry" in second.stderr
