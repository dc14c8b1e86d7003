"""The cue schema: its lists, the English closed-class words, and user cue files."""

from __future__ import annotations

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
