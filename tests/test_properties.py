"""Property-based tests (hypothesis), with a fixed seed and a bounded number of examples
so CI runs the same cases every time.

- analyse never raises on arbitrary Unicode text;
- every offset indexes the original text, and the text there is the reported text;
- the JSON is valid and has the documented shape;
- lexicon and dictionary loaders raise nothing but LexiconError, whatever the YAML.
"""

from __future__ import annotations

import contextlib
import json

import yaml
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

import rhetor
from rhetor.attribution.cues import parse_cues
from rhetor.errors import LexiconError
from rhetor.lexicon.interop import parse_dic, parse_quanteda
from rhetor.lexicon.loading import parse_lexicon
from tests.conftest import HAS_MODEL, MODEL

MODEL_NAME = MODEL if HAS_MODEL else "blank:en"
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,  # the same examples on every run
    suppress_health_check=[HealthCheck.too_slow],
)

# Words that make the pipeline do real work: values, stance verbs, sides, negation.
WORDS = [
    "we", "our", "they", "their", "Labour", "the government", "Ministers", "fairness",
    "solidarity", "injustice", "democracy", "mutual", "steal", "hijack", "believe in",
    "oppose", "not", "never", "co-operation", "responsibility", "reciprocity", ".", ",",
    "!", "?", "\n", "\n\n", "—", "’", "'s", "fair", "just", "mutual aid",
]  # fmt: skip
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=80).map(" ".join),
)


def check_schema(report: dict) -> None:
    """The documented shape of ``rhetor.report/1`` (README, "The JSON report")."""
    assert report["schema"] == "rhetor.report/1"
    assert set(report) == {
        "schema", "source", "model", "stats", "values", "matches", "confidence_threshold",
        "sides", "claims", "matrix",
    }  # fmt: skip
    assert set(report["stats"]) == {"characters", "words", "sentences"}
    assert all(isinstance(v, int) and v >= 0 for v in report["stats"].values())
    for row in report["values"]:
        assert row["mentions"] == row["virtue"] + row["vice"] >= row["negated"] >= 0
    for match in report["matches"]:
        assert match["polarity"] in {"virtue", "vice"} and isinstance(match["negated"], bool)
    side_ids = {side["id"] for side in report["sides"]}
    for claim in report["claims"]:
        assert claim["stance"] in {"claims", "appropriates", "opposes"}
        assert claim["side"] is None or claim["side"] in side_ids
        assert isinstance(claim["rule"], str)
        assert 0.0 <= claim["confidence"] <= 1.0
        assert claim["counted"] == (claim["confidence"] >= report["confidence_threshold"])
    for side, row in report["matrix"].items():
        assert side in side_ids
        assert all(set(cell) == {"claims", "appropriates", "opposes"} for cell in row.values())
    counted = sum(1 for c in report["claims"] if c["side"] and c["counted"])
    cells = [cell for row in report["matrix"].values() for cell in row.values()]
    in_matrix = sum(n for cell in cells for n in cell.values())
    assert counted == in_matrix  # the matrix counts the counted claims, and only those


def check_offsets(text: str, report: dict) -> None:
    for item in [*report["matches"], *report["claims"]]:
        assert 0 <= item["start"] < item["end"] <= len(text)
        assert text[item["start"] : item["end"]] == item["text"]
        assert item["text"] in item["sentence"]
        holder = item.get("holder")
        if holder:
            assert text[holder["start"] : holder["end"]] == holder["text"]


@seed(20261124)
@SETTINGS
@given(texts)
def test_properties_analyse_never_raises_and_offsets_hold(text):
    report = rhetor.analyse(text, model=MODEL_NAME).to_dict()
    document = json.loads(json.dumps(report, ensure_ascii=False))
    check_schema(document)
    check_offsets(text, document)
    assert document["stats"]["characters"] == len(text)


@seed(20261124)
@SETTINGS
@given(texts)
def test_properties_given_sides(text):
    sides = {"labour": ["we", "our", "Labour"], "tories": ["they", "Ministers"]}
    report = rhetor.analyse(text, model=MODEL_NAME, sides=sides).to_dict()
    check_schema(report)
    check_offsets(text, report)
    assert {s["id"] for s in report["sides"]} >= {"labour", "tories"}


# -- loaders ----------------------------------------------------------------------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=12)
)
keys = st.one_of(
    st.sampled_from(["id", "virtue", "vice", "exclude", "pos", "term", "kind", "lemmas",
                     "version", "description", "negation", "stance", "words", "claims"]),
    st.text(max_size=8),
)  # fmt: skip
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)),
    max_leaves=20,
)
yaml_texts = st.one_of(
    documents.map(lambda d: yaml.safe_dump(d, allow_unicode=True)),
    st.text(max_size=200),
    st.lists(st.sampled_from(["id: x", "virtue:", "  - a", "  - {term: b, pos: ADJ}", "!!x",
                              "- *", "vice: [c*]", "kind: cues", ": :", "%", "1\tx.virtue"]),
             max_size=8).map("\n".join),
)  # fmt: skip


@seed(20261124)
@settings(max_examples=300, deadline=None, derandomize=True)
@given(yaml_texts)
def test_properties_loaders_raise_only_lexicon_errors(text):
    for parse in (parse_lexicon, parse_cues, parse_quanteda, parse_dic):
        with contextlib.suppress(LexiconError):  # anything else fails the test
            parse(text, "fuzz.yaml")
