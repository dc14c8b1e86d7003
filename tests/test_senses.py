from __future__ import annotations

import pytest
from spacy.tokens import Doc

from rhetor.errors import LexiconError
from rhetor.lexicon.loading import parse_lexicon
from rhetor.lexicon.matching import CompiledLexicons
from rhetor.lexicon.model import LexiconSet
from rhetor.lexicon.senses import inside_name, parse_condition


def compiled(text: str) -> CompiledLexicons:
    return CompiledLexicons(LexiconSet((parse_lexicon(text, "t.yaml"),)))


def found(matcher, doc) -> list[str]:
    return [doc[c.start : c.end].text for c in matcher.find(doc, has_pos=doc.has_annotation("POS"))]


def tagged(vocab, words, pos, **kwargs) -> Doc:
    return Doc(vocab, words=words, pos=pos, **kwargs)


@pytest.mark.parametrize(
    "words,start,end,expected",
    [
        (["the", "Justice", "Secretary", "said", "so"], 1, 2, True),
        (["the", "Department", "of", "Justice", "said", "so"], 3, 4, True),
        (["the", "Office", "for", "Budget", "Responsibility", "said"], 4, 5, True),
        (["Justice", "Kavanaugh", "wrote", "it"], 0, 1, True),
        (["Justice", "must", "be", "done"], 0, 1, False),  # a sentence opening, not a name
        (["we", "want", "justice", "for", "all"], 2, 3, False),
        (["Fair", "Pay", "For", "All"], 0, 1, False),  # a heading: capitals say nothing
        (["a", "Co", "-", "Operative", "spirit"], 1, 4, False),  # one word split in three
        (["a", "repeat", "of", "the", "Social", "Contract"], 4, 6, True),  # a named policy
        (["Social", "Contract", "theory", "is", "old"], 0, 2, False),  # opens the sentence
        (["3", ".", "MUTUAL", "AID", "Third", ",", "we", "must", "help"], 2, 4, False),  # a heading
    ],
)
def test_senses_inside_name(blank_nlp, words, start, end, expected):
    doc = Doc(blank_nlp.vocab, words=words)
    assert inside_name(doc, start, end) is expected


def test_senses_name_rule_drops_a_value_word_in_a_name(blank_nlp):
    matcher = compiled("id: f\nvirtue: [justice]\n")
    doc = Doc(blank_nlp.vocab, words=["the", "Department", "of", "Justice", "wants", "justice"])
    assert found(matcher, doc) == ["justice"]


@pytest.mark.parametrize(
    "names,term,expected",
    [
        ("", "Big Society", ["Big Society"]),  # written with capitals: the name is the value
        ("names: match\n", "justice", ["Justice"]),  # the author turned the rule off
        ("", "justice", []),
    ],
)
def test_senses_name_rule_is_the_authors_to_lift(blank_nlp, names, term, expected):
    matcher = compiled(f"id: s\n{names}virtue: [{term}]\n")
    words = ["we", "back", "the", *term.title().split(), "Plan"]
    words = ["we", "back", "the", "Big", "Society"] if term == "Big Society" else words
    if term == "justice":
        words = ["we", "back", "the", "Justice", "Secretary"]
    assert found(matcher, Doc(blank_nlp.vocab, words=words)) == expected


DUTY = """id: r
virtue:
  - term: duty
    unless:
      - before: [fuel, excise]
      - after: "on <NOUN>"
"""


@pytest.mark.parametrize(
    "words,pos,expected",
    [
        (["a", "duty", "to", "care"], ["DET", "NOUN", "PART", "VERB"], ["duty"]),
        (["fuel", "duty", "rises"], ["NOUN", "NOUN", "VERB"], []),
        (["a", "duty", "on", "spirits"], ["DET", "NOUN", "ADP", "NOUN"], []),
        (["a", "duty", "on", "us"], ["DET", "NOUN", "ADP", "PRON"], ["duty"]),  # slot: <NOUN>
        (["fuel", "-", "duty"], ["NOUN", "PUNCT", "NOUN"], []),  # joiners are skipped
    ],
)
def test_senses_neighbouring_words(blank_nlp, words, pos, expected):
    assert found(compiled(DUTY), tagged(blank_nlp.vocab, words, pos)) == expected


RESPONSIBLE = """id: r
virtue:
  - term: responsible
    unless:
      - child: "for <VERB>"
"""


def test_senses_dependents_in_the_parse(blank_nlp):
    # "a regulator responsible for promoting competition": a job description
    job = Doc(
        blank_nlp.vocab,
        words=["a", "regulator", "responsible", "for", "promoting", "competition"],
        pos=["DET", "NOUN", "ADJ", "ADP", "VERB", "NOUN"],
        heads=[1, 1, 1, 2, 3, 4],
        deps=["det", "ROOT", "amod", "prep", "pcomp", "dobj"],
    )
    value = Doc(
        blank_nlp.vocab,
        words=["a", "responsible", "government"],
        pos=["DET", "ADJ", "NOUN"],
        heads=[2, 2, 2],
        deps=["det", "amod", "ROOT"],
    )
    matcher = compiled(RESPONSIBLE)
    assert found(matcher, job) == [] and found(matcher, value) == ["responsible"]
    unparsed = Doc(blank_nlp.vocab, words=[t.text for t in job], pos=[t.pos_ for t in job])
    assert found(matcher, unparsed) == ["responsible"]  # no parse: the condition cannot veto


def test_senses_head_and_dep(blank_nlp):
    matcher = compiled(
        "id: r\nvirtue:\n  - {term: justice, unless: [{dep: compound, head: system}]}\n"
    )
    doc = Doc(
        blank_nlp.vocab,
        words=["the", "justice", "system", "needs", "justice"],
        heads=[2, 2, 3, 3, 3],
        deps=["det", "compound", "nsubj", "ROOT", "dobj"],
    )
    assert [c.start for c in matcher.find(doc)] == [4]


def test_senses_entity_label_applies_only_with_entities(blank_nlp):
    matcher = compiled("id: d\nvirtue:\n  - {term: democracy, unless: [{entity: [ORG]}]}\n")
    words = ["democracy", "now", "and", "Democracy", "Now"]
    plain = Doc(blank_nlp.vocab, words=words)
    with_ents = Doc(blank_nlp.vocab, words=words, ents=["O", "O", "O", "B-ORG", "I-ORG"])
    assert len(matcher.find(plain)) == 1  # "Democracy Now" is a name by its capitals
    assert [c.start for c in matcher.find(with_ents)] == [0]


def test_senses_near_within_a_window(blank_nlp):
    matcher = compiled("id: f\nvirtue:\n  - {term: fair, unless: [{near: weather, window: 3}]}\n")
    weather = Doc(blank_nlp.vocab, words=["the", "weather", "will", "be", "fair"])
    deal = Doc(blank_nlp.vocab, words=["a", "fair", "deal", "for", "all"])
    assert found(matcher, weather) == [] and found(matcher, deal) == ["fair"]


NEAR_MIXED = """id: f
virtue:
  - term: fair
    unless:
      - near: [weather, skies, "trade fair*", "<NUM> degrees", forecast*]
"""


@pytest.mark.parametrize(
    "words,expected",
    [
        (["the", "weather", "will", "be", "fair"], []),  # a single word, from the set
        (["fair", "and", "sunny", "skies"], []),
        (["a", "fair", "at", "the", "trade", "fairground"], []),  # a phrase ending in a glob
        (["fair", "at", "20", "degrees"], []),  # a phrase with a slot
        (["the", "forecasters", "say", "fair"], []),  # a one-word glob is no plain word
        (["a", "fair", "deal", "for", "all"], ["fair"]),
        (["the", "trade", "was", "fair"], ["fair"]),  # half a phrase is not the phrase
        (["weather", "aside", ",", "it", "is", "a", "fair", "deal"], ["fair"]),  # too far
    ],
)
def test_senses_near_reads_single_words_and_phrases_alike(blank_nlp, words, expected):
    pos = ["NUM" if word.isdigit() else "X" for word in words]
    assert found(compiled(NEAR_MIXED), tagged(blank_nlp.vocab, words, pos)) == expected


BESIDE_MIXED = """id: r
virtue:
  - term: duty
    unless:
      - before: [fuel, excise*, "stamp <ANY>", customs]
      - after: [free, "on imported", levied*]
"""


@pytest.mark.parametrize(
    "words,expected",
    [
        (["fuel", "duty", "rises"], []),  # a single word just before
        (["the", "excises", "duty"], []),  # a glob
        (["stamp", "paper", "duty"], []),  # a phrase with a slot
        (["customs", "-", "duty"], []),  # joiners skipped
        (["duty", "free", "goods"], []),  # a single word just after
        (["duty", "on", "imported", "goods"], []),  # a phrase
        (["duty", "levied", "here"], []),
        (["fuel", "and", "duty"], ["duty"]),  # not just before
        (["our", "duty", "on", "earth"], ["duty"]),  # half a phrase is not the phrase
        (["stamp", "duty"], ["duty"]),
        (["fuel", ".", "Duty", "calls"], ["Duty"]),  # another sentence
    ],
)
def test_senses_before_and_after_read_single_words_and_phrases_alike(blank_nlp, words, expected):
    doc = Doc(blank_nlp.vocab, words=words, sent_starts=[w == "Duty" for w in words])
    assert found(compiled(BESIDE_MIXED), doc) == expected


@pytest.mark.parametrize("key", ["before", "after", "near"])
def test_senses_lookup_splits_single_words_from_phrases(key):
    condition = parse_condition({key: ["weather", "trade fair", "forecast*", "<NUM>", "Sky"]})
    lookup = condition.lookups[key]
    assert lookup.words == {"weather", "sky"}
    assert [len(phrase) for phrase in lookup.phrases] == [2, 1, 1]


@pytest.mark.parametrize(
    "data,message",
    [
        ({"befor": "x"}, "unknown condition key 'befor'"),
        ({"window": 3}, "needs at least one"),
        ({"after": "for <VERBS>"}, "unknown slot"),
        ({"near": "x", "window": 0}, "whole number"),
        ({"after": []}, "a phrase or a list"),
    ],
)
def test_senses_bad_conditions_are_refused(data, message):
    with pytest.raises(ValueError, match=message):
        parse_condition(data)


def test_senses_bad_condition_reports_file_and_line():
    text = "id: r\nvirtue:\n  - fair\n  - term: duty\n    unless:\n      - befor: [fuel]\n"
    with pytest.raises(LexiconError) as info:
        parse_lexicon(text, "r.yaml")
    assert str(info.value).startswith("r.yaml:6:")


def test_senses_survive_a_saved_pipeline_round_trip():
    from rhetor.lexicon.interop import dump_lexicon

    lexicon = parse_lexicon(DUTY + "  - {term: fair, forms: inflections}\nnames: match\n", "r.yaml")
    again = parse_lexicon(dump_lexicon(lexicon), "again.yaml")

    def written(lex):
        return [(t.text, t.pos, t.forms, t.unless) for t in lex.virtue]

    assert written(again) == written(lexicon)  # conditions, forms and pos compare equal
    assert (again.forms, again.names) == ("all", "match")


def test_senses_lexicons_validate_reports_each_bad_key_with_its_line(write):
    from typer.testing import CliRunner

    from rhetor.cli import app

    path = write(
        "bad.yaml",
        "id: bad\n"
        "virtue:\n"
        "  - {term: fair, forms: every}\n"
        "  - term: duty\n"
        "    unless:\n"
        "      - befor: [fuel]\n"
        "  - term: responsible\n"
        "    unless:\n"
        "      - after: 'for <VERBS>'\n"
        "  - fine\n",
    )
    result = CliRunner().invoke(app, ["lexicons", "validate", str(path)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split(": ")[0] for line in lines] == [f"{path}:3", f"{path}:6", f"{path}:9"]
    assert "not one of: all, inflections, none" in lines[0]
    assert "unknown condition key 'befor'" in lines[1] and "unknown slot" in lines[2]
    assert "3 problems" in result.stderr


def test_senses_lexicons_show_and_export_tell_of_conditions(write):
    import json

    from typer.testing import CliRunner

    from rhetor.cli import app

    path = write("d.yaml", DUTY)
    runner = CliRunner()
    shown = runner.invoke(
        app, ["lexicons", "show", "r", "--json", "--lexicon", str(path), "--no-default-lexicons"]
    )
    assert shown.exit_code == 0, shown.stderr
    (term,) = json.loads(shown.stdout)["terms"]["virtue"]
    assert term["forms"] == "all" and term["unless"][0] == {"before": ["fuel", "excise"]}
    exported = runner.invoke(
        app, ["lexicons", "export", "--to", "dic", "--lexicon", str(path), "--no-default-lexicons"]
    )
    assert exported.exit_code == 0 and "duty" in exported.stdout
    assert "cannot hold word forms, sense conditions (unless)" in exported.stderr
