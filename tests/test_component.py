"""The ``rhetor`` spaCy component in other people's pipelines."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import spacy
from spacy.tokens import Doc

from rhetor.errors import LexiconError
from tests.conftest import MODEL, needs_model

TEXT = "We believe in kindness and fairness, but they steal our language of fairness."


def kindness_lexicon(tmp_path):
    folder = tmp_path / "mylex"
    folder.mkdir()
    (folder / "kindness.yaml").write_text("id: kindness\nvirtue: [kindness]\n", encoding="utf-8")
    return folder


def test_component_blank_pipeline_sets_spans_and_extensions():
    nlp = spacy.blank("en")
    nlp.add_pipe("rhetor")
    doc = nlp("Fairness and solidarity, not injustice.")
    spans = doc.spans["rhetor_values"]
    assert [(s.text, s.label_, s._.rhetor_polarity) for s in spans] == [
        ("Fairness", "fairness", "virtue"),
        ("solidarity", "solidarity", "virtue"),
        ("injustice", "fairness", "vice"),
    ]
    # no parse: every value falls to the author by default
    assert {c.side for c in doc._.rhetor_claims} == {"author"}


def test_component_config_lexicons_and_spans_key(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe(
        "rhetor",
        config={
            "lexicons": [str(kindness_lexicon(tmp_path))],
            "builtin_lexicons": False,
            "spans_key": "values",
        },
    )
    doc = nlp(TEXT)
    assert [s.text for s in doc.spans["values"]] == ["kindness"]


def test_component_bad_lexicon_path_fails_at_initialize():
    nlp = spacy.blank("en")
    nlp.add_pipe("rhetor", config={"lexicons": ["/nonexistent/lexicons"]})
    with pytest.raises(LexiconError, match="no such file"):
        nlp.initialize()


@pytest.mark.slow
def test_component_to_disk_keeps_lexicon_content(tmp_path):
    nlp = spacy.blank("en")
    folder = kindness_lexicon(tmp_path)
    nlp.add_pipe("rhetor", config={"lexicons": [str(folder)]})
    doc = nlp(TEXT)
    before = [(s.text, s.label_) for s in doc.spans["rhetor_values"]]
    nlp.to_disk(tmp_path / "pipeline")
    for file in folder.iterdir():  # the pipeline must not need the original files
        file.unlink()
    folder.rmdir()
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["rhetor"]
    again = loaded(TEXT)
    assert [(s.text, s.label_) for s in again.spans["rhetor_values"]] == before
    assert ("kindness", "kindness") in before


def test_component_to_bytes_round_trip(tmp_path):
    source = spacy.blank("en")
    source.add_pipe("rhetor", config={"lexicons": [str(kindness_lexicon(tmp_path))]})
    target = spacy.blank("en")
    target.add_pipe("rhetor")
    target.from_bytes(source.to_bytes())
    doc = target(TEXT)
    assert "kindness" in [s.label_ for s in doc.spans["rhetor_values"]]


FRESH = """
import json, spacy, sys
nlp = spacy.load(sys.argv[1], exclude=["ner"])
sides = {"labour": ["we", "our"], "rivals": ["they"]}
nlp.add_pipe("rhetor", config={"sides": sides, "lexicons": [sys.argv[4]]})
doc = nlp(sys.argv[2])
nlp.to_disk(sys.argv[3])
again = spacy.load(sys.argv[3])(sys.argv[2])
claims = [[c.to_dict() for c in d._.rhetor_claims] for d in (doc, again)]
print(json.dumps([*claims, "rhetor" in sys.modules]))
"""


@pytest.mark.slow
@needs_model
def test_component_fresh_interpreter_add_pipe_and_reload(tmp_path):
    # The entry point registers the factory: the script never imports rhetor itself.
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            FRESH,
            MODEL,
            TEXT,
            str(tmp_path / "saved"),
            str(kindness_lexicon(tmp_path)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    claims, reloaded, _ = json.loads(done.stdout)
    assert claims == reloaded
    triples = {(c["value"], c["side"], c["stance"]) for c in claims}
    # a lexicon given in the config is used, and saved with the pipeline
    assert ("kindness", "labour", "claims") in triples
    assert ("fairness", "labour", "claims") in triples
    assert ("fairness", "rivals", "appropriates") in triples


def test_component_pickles_before_and_after_loading():
    import pickle

    nlp = spacy.blank("en")
    component = nlp.add_pipe("rhetor")
    fresh = pickle.loads(pickle.dumps(component))  # as nlp.pipe(n_process=2) under spawn
    doc = nlp.make_doc("fairness")
    assert [s.label_ for s in fresh(doc).spans["rhetor_values"]] == ["fairness"]
    again = pickle.loads(pickle.dumps(component))
    doc = nlp.make_doc("solidarity")
    assert [s.label_ for s in again(doc).spans["rhetor_values"]] == ["solidarity"]


@pytest.mark.slow
def test_component_saving_over_an_earlier_save_drops_old_values(tmp_path):
    first = spacy.blank("en")
    first.add_pipe("rhetor", config={"lexicons": [str(kindness_lexicon(tmp_path))]})
    first.to_disk(tmp_path / "pipeline")
    second = spacy.blank("en")
    second.add_pipe("rhetor")
    second.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert "kindness" not in loaded.get_pipe("rhetor").lexicons.ids


def test_component_loads_a_save_without_data(tmp_path):
    import shutil

    nlp = spacy.blank("en")
    nlp.add_pipe("rhetor")
    nlp.to_disk(tmp_path / "pipeline")
    shutil.rmtree(tmp_path / "pipeline" / "rhetor")  # as saved before the data was kept
    loaded = spacy.load(tmp_path / "pipeline")
    doc = loaded("fairness")
    assert [s.label_ for s in doc.spans["rhetor_values"]] == ["fairness"]


def test_component_split_pipeline_matches_then_attributes():
    nlp = spacy.blank("en")
    nlp.add_pipe("rhetor_values")
    nlp.add_pipe("rhetor_attribution", config={"sides": {"labour": ["we"]}})
    doc = nlp("We want fairness.")
    assert [s.label_ for s in doc.spans["rhetor_values"]] == ["fairness"]
    assert [(c.value, c.side) for c in doc._.rhetor_claims] == [("fairness", "labour")]


def test_component_values_alone_sets_no_claims():
    nlp = spacy.blank("en")
    nlp.add_pipe("rhetor_values")
    doc = nlp("We want fairness.")
    assert [s.label_ for s in doc.spans["rhetor_values"]] == ["fairness"]
    assert doc._.rhetor_claims is None


@pytest.mark.parametrize(
    ("factory", "assigns", "requires"),
    [
        ("rhetor_values", {"span._.rhetor_polarity", "span._.rhetor_negated"}, set()),
        ("rhetor_attribution", {"doc._.rhetor_claims", "doc._.rhetor_sides"}, {"token.dep"}),
        ("rhetor", {"span._.rhetor_negated", "doc._.rhetor_claims"}, set()),
    ],
)
def test_component_declares_what_it_assigns_and_requires(factory, assigns, requires):
    meta = spacy.blank("en").get_factory_meta(factory)
    assert assigns <= set(meta.assigns)
    assert requires <= set(meta.requires)


def test_component_attribution_without_matching_is_reported_missing():
    nlp = spacy.blank("en")
    nlp.add_pipe("rhetor_attribution")
    problems = nlp.analyze_pipes()["problems"]["rhetor_attribution"]
    assert "span._.rhetor_polarity" in problems


def test_component_doc_with_claims_round_trips_through_bytes():
    nlp = spacy.blank("en")
    nlp.add_pipe("rhetor", config={"sides": {"labour": ["we"]}})
    doc = nlp("We want fairness.")
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert again._.rhetor_claims == doc._.rhetor_claims
    assert again._.rhetor_claims[0].side == "labour"
