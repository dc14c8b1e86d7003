from __future__ import annotations

import pytest

from rhetor.errors import LexiconError
from rhetor.lexicon.loading import load_lexicons, parse_lexicon
from rhetor.lexicon.model import Term, normalise

BUILTIN_VALUES = {
    "fairness",
    "solidarity",
    "mutuality",
    "reciprocity",
    "responsibility",
    "democracy",
}


def test_lexicon_builtin_values_load_with_enough_terms():
    lexicons = load_lexicons()
    assert set(lexicons.ids) >= BUILTIN_VALUES
    for lexicon in lexicons.lexicons:
        assert len(lexicon.virtue) + len(lexicon.vice) >= 25, lexicon.id
        assert lexicon.vice, f"{lexicon.id} has no vice terms"
        assert lexicon.description


@pytest.mark.parametrize(
    "text,key,glob",
    [
        ("co-operative", "cooperative", False),
        ("co operative", "cooperative", False),
        ("Self-Help", "selfhelp", False),
        ("equal opportunit*", "equalopportunit", True),
        ("citizens' assembly", "citizensassembly", False),
    ],
)
def test_lexicon_term_keys_normalise_variants(text, key, glob):
    term = Term.parse(text)
    assert (term.key, term.glob) == (key, glob)


def test_lexicon_normalise_folds_case_and_joiners():
    assert normalise("Co‑Operative") == normalise("cooperative")


@pytest.mark.parametrize(
    "yaml_text,line,fragment",
    [
        ("id: x\nvirtue: [fair]\ncolour: red\n", 3, "colour: unknown key"),
        ("id: x\nvirtue: fair\n", 2, "virtue: expected a list"),
        ("id: x\nvirtue: []\n", 2, "virtue: list is empty"),
        ("id: x\nvirtue:\n  - fair\n  - '*'\n", 4, "virtue: term '*' has no letters"),
        ("id: x\nvirtue:\n  - fa*\n", 3, "would match too much"),
        ("id: x\nvirtue:\n  - f*ir\n", 3, "only at the end"),
        ("id: x\nvirtue:\n  - fair\nvice:\n  - Fair\n", 5, "duplicate term 'Fair'"),
        ("id: x\nvirtue:\n  - co-op\n  - co op\n", 4, "duplicate term"),
        ("id: x\nvirtue:\n  - {term: just, pos: ADJECTIVE}\n", 3, "unknown part of speech"),
        ("id: x\nvirtue:\n  - {word: just}\n", 3, "unknown key 'word'"),
        ("id: X-1\nvirtue: [fair]\n", 1, "not a valid value id"),
        ("virtue: [fair]\n", 1, "missing required key 'id'"),
        ("id: x\ndescription: hi\n", 1, "needs a 'virtue' or 'vice'"),
        ("id: x\nvirtue: [fair\n", 3, "malformed YAML"),
        ("id: x\nvirtue:\n  - !!python/object:os.system fair\n", 3, "is not allowed"),
        ("id: x\nvirtue: !!python/object/apply:os.system [fair]\n", 2, "is not allowed"),
        ("- just\n- a list\n", 1, "expected a mapping"),
        ("id: x\nid: y\nvirtue: [fair]\n", 2, "key given twice"),
    ],
)
def test_lexicon_invalid_files_name_file_key_and_line(write, yaml_text, line, fragment):
    path = write("bad.yaml", yaml_text)
    with pytest.raises(LexiconError) as info:
        load_lexicons([path])
    message = str(info.value)
    assert message.startswith(f"{path}:{line}:"), message
    assert fragment in message


def test_lexicon_empty_file_is_an_error(write):
    with pytest.raises(LexiconError, match="file is empty"):
        load_lexicons([write("empty.yaml", "")])


def test_lexicon_user_file_replaces_builtin_value(write):
    path = write("fairness.yaml", "id: fairness\nvirtue: [even-steven]\n")
    fairness = load_lexicons([path]).get("fairness")
    assert [t.text for t in fairness.virtue] == ["even-steven"]
    assert fairness.source == str(path)


def test_lexicon_same_id_in_two_user_files_is_an_error(write):
    a = write("a/x.yaml", "id: kindness\nvirtue: [kind]\n")
    b = write("b/x.yaml", "id: kindness\nvirtue: [gentle]\n")
    with pytest.raises(LexiconError, match="already defined in"):
        load_lexicons([a, b])


def test_lexicon_folder_loads_every_yaml_and_skips_cues(write, tmp_path):
    write("mine/kindness.yaml", "id: kindness\nvirtue: [kind, kindness]\n")
    write("mine/cues.yaml", "kind: cues\nnegation:\n  words: [nae]\n")
    write("mine/notes.txt", "not a lexicon")
    lexicons = load_lexicons([tmp_path / "mine"], builtin=False)
    assert lexicons.ids == ("kindness",)


def test_lexicon_missing_path_is_an_error():
    with pytest.raises(LexiconError, match="no such file"):
        load_lexicons(["/nonexistent/lexicon.yaml"])


def test_lexicon_parse_pos_accepts_list():
    lexicon = parse_lexicon("id: x\nvirtue:\n  - {term: fair, pos: [adj, propn]}\n", "t.yaml")
    assert lexicon.virtue[0].pos == ("ADJ", "PROPN")


def test_lexicon_shipped_files_read_the_same_by_either_composer():
    """Shipped files take libyaml's composer (fast start-up), a user's the guarded one:
    both must give the same lexicons and cues."""
    from rhetor.attribution.cues import parse_cues
    from rhetor.lexicon.files import builtin_texts, is_cue_file
    from rhetor.lexicon.loading import parse_lexicon

    for source, text in builtin_texts():
        parse = parse_cues if is_cue_file(text) else parse_lexicon
        assert parse(text, source, trusted=True) == parse(text, source, trusted=False), source
