"""The cue schema: its lists, the English closed-class words, and user cue files."""

from __future__ import annotations

import pytest

from rhetor.attribution.cues import builtin_cues, cues_from_texts, dump_cues, parse_cues


def test_cues_english_words_are_data_a_cue_file_extends():
    mine = "kind: cues\nenglish:\n  independent_possessives: [yourn, ours]\n  quotes: ['‹', '›']\n"
    cues = cues_from_texts([("mine.yaml", mine)])
    shipped = builtin_cues().english
    assert cues.english.independent_possessives == (*shipped.independent_possessives, "yourn")
    assert cues.english.quotes[-2:] == ("‹", "›")
    assert cues.english.first_person_plural == ("we", "us", "our", "ours", "ourselves")


def test_cues_english_words_keep_their_form_and_round_trip():
    cues = builtin_cues()
    assert "''" in cues.english.quotes and "``" in cues.english.quotes  # no cue key: as written
    again = parse_cues(dump_cues(cues), "dumped.yaml")
    assert again == cues


def _lists():
    from dataclasses import fields

    from rhetor.attribution.cues import Cues

    return [
        (f"{section.name}.{item.name}", item.metadata)
        for section in fields(Cues)
        for item in fields(section.default_factory)
    ]


def test_cues_every_list_says_what_it_holds_and_who_reads_it():
    from rhetor.attribution import RULE_NAMES
    from rhetor.attribution.cues import STEPS

    for key, about in _lists():
        assert about["description"].strip(), key
        assert about["readers"], key
        assert set(about["readers"]) <= set(RULE_NAMES) | set(STEPS), key


def test_cues_builtin_file_uses_only_schema_keys_and_fills_every_list():
    cues = builtin_cues()
    empty = []
    for key, _ in _lists():
        section, name = key.split(".")
        if not getattr(getattr(cues, section), name):
            empty.append(key)
    assert empty == ["stance.hypocrisy_markers"]  # an older list, kept so older files load


def test_cues_docs_are_made_from_the_schema():
    from pathlib import Path

    from rhetor.attribution.cuedocs import cue_docs

    page = Path(__file__).resolve().parents[1] / "docs" / "cues.md"
    assert page.read_text(encoding="utf-8") == cue_docs(), (
        "docs/cues.md is stale: run python -m rhetor.attribution.cuedocs docs/cues.md"
    )


def test_cues_a_cue_file_removes_words():
    mine = (
        "kind: cues\n"
        "stance:\n  claims: [kibosh]\n"
        "remove:\n"
        "  stance:\n    claims: [take, kibosh]\n    opposes: [put an end to]\n"
        '  english:\n    quotes: ["\'"]\n'
    )
    shipped = builtin_cues()
    cues = cues_from_texts([("mine.yaml", mine)])
    assert "take" in shipped.stance.claims and "take" not in cues.stance.claims
    assert "kibosh" not in cues.stance.claims  # removed after the file's own additions
    assert "putendto" in shipped.stance.opposes and "putendto" not in cues.stance.opposes
    assert cues.english.quotes == tuple(q for q in shipped.english.quotes if q != "'")
    assert cues.stance.claims == shipped.stance.claims - {"take"}


def test_cues_a_later_file_adds_a_removed_word_back():
    removes = "kind: cues\nremove:\n  stance:\n    claims: [take]\n"
    adds = "kind: cues\nstance:\n  claims: [take]\n"
    cues = cues_from_texts([("a.yaml", removes), ("b.yaml", adds)])
    assert "take" in cues.stance.claims


@pytest.mark.parametrize(
    "text,key",
    [
        ("kind: cues\nremove:\n  stances:\n    claims: [take]\n", "remove.stances"),
        ("kind: cues\nremove:\n  stance:\n    claim: [take]\n", "remove.stance.claim"),
    ],
)
def test_cues_remove_names_unknown_lists(text, key):
    from rhetor.errors import LexiconError

    with pytest.raises(LexiconError) as caught:
        cues_from_texts([("mine.yaml", text)])
    assert key in str(caught.value)
