"""Importing and exporting LIWC-style .dic and quanteda dictionaries."""

from __future__ import annotations

import re

import pytest

import rhetor
from rhetor.errors import LexiconError
from rhetor.lexicon.interop import (
    dump_lexicon,
    export_dic,
    export_quanteda,
    parse_category,
    parse_dic,
    parse_quanteda,
)
from rhetor.lexicon.loading import load_lexicons, parse_lexicon
from rhetor.lexicon.model import LexiconSet
from tests.conftest import SEED, needs_model

# The Moral Foundations Dictionary 2.0 layout: numbered "foundation.virtue|vice"
# categories, tab-separated ids, entries in several categories, a phrase, globs.
MFD_DIC = """%
1\tcare.virtue
2\tcare.vice
3\tfairness.virtue
4\tfairness.vice
%
compassion\t1
kindness\t1
cruel*\t2
harm\t2
fair\t3
fair play\t3
equal*\t3
cheat*\t4
social justice\t3
justice\t3\t1
"""

TEST_TEXT = (
    "Compassion and kindness are not weakness. The cruelty of the cheats harmed us; "
    "they cheated, and we want fair play, equality and social justice. Justice, "
    "justice! Harm is harm. A fair hearing, equal treatment, and no cruel tricks."
)


def liwc_count(dic_text: str, text: str) -> dict[str, int]:
    """A reference LIWC-style count: lower-cased word tokens, longest entry first, a
    trailing * matching any ending, every category of the matched entry counted."""
    head, body = dic_text.split("%\n")[1:3]
    names = dict(line.split("\t") for line in head.splitlines())
    entries = []
    for line in body.splitlines():
        phrase, *ids = line.split("\t")
        entries.append((phrase.lower().split(), [names[i] for i in ids]))
    words = re.findall(r"[a-z']+", text.lower())
    counts: dict[str, int] = {}
    i = 0
    while i < len(words):
        best = None
        for parts, categories in entries:
            window = words[i : i + len(parts)]
            fits = len(window) == len(parts) and all(
                w.startswith(p[:-1]) if p.endswith("*") else w == p
                for w, p in zip(window, parts, strict=True)
            )
            if fits and (best is None or len(parts) > len(best[0])):
                best = (parts, categories)
        if best is None:
            i += 1
            continue
        for category in best[1]:
            counts[category] = counts.get(category, 0) + 1
        i += len(best[0])
    return counts


def rhetor_count(lexicons: LexiconSet, text: str) -> dict[str, int]:
    report = rhetor.analyse(text, lexicons=lexicons, model="blank:en")
    counts: dict[str, int] = {}
    for match in report.matches:
        key = f"{match.value}.{match.polarity}"
        counts[key] = counts.get(key, 0) + 1
    return counts


def test_interop_dic_import_counts_like_liwc():
    lexicons = LexiconSet(tuple(parse_dic(MFD_DIC, "mfd.dic")))
    expected = liwc_count(MFD_DIC, TEST_TEXT)
    # the text exercises every category, a phrase, globs and a two-category entry
    assert expected == {
        "care.virtue": 4,  # compassion, kindness, justice, justice
        "care.vice": 4,  # cruelty, harm, harm, cruel ("harmed" is not a listed form)
        "fairness.virtue": 7,  # fair play, equality, social justice, justice x2, fair, equal
        "fairness.vice": 2,  # cheats, cheated
    }
    assert rhetor_count(lexicons, TEST_TEXT) == expected


def test_interop_dic_import_structure():
    lexicons = {lex.id: lex for lex in parse_dic(MFD_DIC, "mfd.dic")}
    assert sorted(lexicons) == ["care", "fairness"]
    fairness = lexicons["fairness"]
    assert [t.text for t in fairness.virtue] == [
        "fair",
        "fair play",
        "equal*",
        "social justice",
        "justice",
    ]
    assert [t.text for t in fairness.vice] == ["cheat*"]
    assert "justice" in [t.text for t in lexicons["care"].virtue]  # multi-category entry
    assert not fairness.lemmas


@pytest.mark.parametrize(
    "dic,message",
    [
        ("1\tcare.virtue\n%\nkind\t1\n", "category block"),
        ("%\n1\tcare.virtue\n%\nkind\t7\n", "unknown category id 7"),
        ("%\n1\tcare.virtue\n%\nkind\n", "names no category"),
        ("%\n1\tcare.virtue\nx care\n%\nkind\t1\n", "expected 'id<TAB>category name'"),
        ("%\n1\tcare.virtue\n%\n*\t1\n", "no letters"),
        ("%\n1\tcare.virtue\n%\nab*\t1\n", "would match too much"),
        ("%\n1\tcare.virtue\n2\tcare.vice\n%\nkind\t1\t2\n", "in both care.virtue and care.vice"),
        ("%\n1\t关怀\n2\t公平\n%\nkind\t1\nfair\t2\n", "both become value 'v_'"),
        ("%\n1\tf.virtue.ADJ\n2\tf.virtue.NOUN\n%\njust\t1\t2\n", "in both f.virtue.ADJ and"),
    ],
)
def test_interop_dic_problems_name_the_line(dic, message):
    with pytest.raises(LexiconError, match=re.escape(message)):
        parse_dic(dic, "bad.dic")


def test_interop_dic_ids_compare_as_numbers():
    (lexicon,) = parse_dic("%\n01\tcare.virtue\n%\nkind\t1\ngentle\t001\n", "ids.dic")
    assert [t.text for t in lexicon.virtue] == ["kind", "gentle"]


def test_interop_dic_entries_without_tabs():
    lexicons = parse_dic("%\n1 care.virtue\n%\nkind heart 1\ngentle 1\n", "spaces.dic")
    assert [t.text for t in lexicons[0].virtue] == ["kind heart", "gentle"]


@pytest.mark.parametrize(
    "name,expected",
    [
        ("fairness.virtue", ("fairness", "virtue", ())),
        ("Care.vice", ("care", "vice", ())),
        ("fairness.exclude", ("fairness", "exclude", ())),
        ("fairness.virtue.ADJ+NOUN", ("fairness", "virtue", ("ADJ", "NOUN"))),
        ("posemo", ("posemo", "virtue", ())),
        ("Moral Outrage", ("moral_outrage", "virtue", ())),
        ("2nd", ("v_2nd", "virtue", ())),
        ("Équité", ("equite", "virtue", ())),
    ],
)
def test_interop_category_names(name, expected):
    assert parse_category(name) == expected


def test_interop_quanteda_nested_keys():
    text = (
        "fairness:\n  virtue: [fair, equal*]\n  vice:\n    - cheat*\n"
        "care:\n  - kind\n  - compassion\n"
    )
    lexicons = {lex.id: lex for lex in parse_quanteda(text, "dict.yml")}
    assert [t.text for t in lexicons["fairness"].virtue] == ["fair", "equal*"]
    assert [t.text for t in lexicons["fairness"].vice] == ["cheat*"]
    assert [t.text for t in lexicons["care"].virtue] == ["kind", "compassion"]


@pytest.mark.parametrize(
    "text,message",
    [
        ("- a\n- b\n", "mapping of category names"),
        ("care: [kind, {x: 1}]\n", "expected a word or phrase"),
        ("care:\n  - kind\n  - ki?d\n", "only trailing '*' globs"),
        ("care: !!python/object:os.system [kind]\n", "is not allowed"),
    ],
)
def test_interop_quanteda_problems(text, message):
    with pytest.raises(LexiconError, match=re.escape(message)):
        parse_quanteda(text, "bad.yml")


@pytest.mark.parametrize(
    "export,parse", [(export_dic, parse_dic), (export_quanteda, parse_quanteda)]
)
def test_interop_round_trip_keeps_every_term(export, parse):
    builtin = load_lexicons()
    exported = export(builtin.lexicons, rhetor_categories=True)
    back = {lex.id: lex for lex in parse(exported, "round", lemmas=True)}
    for lex in builtin.lexicons:
        for kind in ("virtue", "vice", "exclude"):
            # the order may change (quanteda groups part-of-speech limited terms)
            ours = sorted((t.text, t.pos) for t in getattr(lex, kind))
            assert sorted((t.text, t.pos) for t in getattr(back[lex.id], kind)) == ours
        assert back[lex.id].lemmas


@needs_model
@pytest.mark.slow
@pytest.mark.parametrize(
    "export,parse", [(export_dic, parse_dic), (export_quanteda, parse_quanteda)]
)
def test_interop_round_trip_matches_the_same_spans(export, parse):
    builtin = load_lexicons()
    exported = export(builtin.lexicons, rhetor_categories=True)
    back = LexiconSet(tuple(parse(exported, "round", lemmas=True)))
    text = SEED.read_text(encoding="utf-8")

    def spans(lexicons):
        report = rhetor.analyse(text, lexicons=lexicons, sides={"author": ["we"]})
        return [(m.value, m.polarity, m.start, m.end) for m in report.matches]

    assert spans(back) == spans(builtin)
    assert len(spans(builtin)) > 10


def test_interop_dump_lexicon_loads_back():
    for lex in load_lexicons().lexicons:
        again = parse_lexicon(dump_lexicon(lex), "again.yaml")
        for kind in ("virtue", "vice", "exclude"):
            assert [(t.text, t.pos) for t in getattr(again, kind)] == [
                (t.text, t.pos) for t in getattr(lex, kind)
            ]
        assert (again.id, again.lemmas, again.description) == (
            lex.id,
            lex.lemmas,
            lex.description,
        )


# -- an export another tool reads as it stands ----------------------------------------------------

COUNTY = "the county fair was fair"


def naive_quanteda_count(yaml_text: str, text: str) -> list[tuple[str, int, int, str]]:
    """Every pattern of every key of a quanteda dictionary, matched as quanteda's
    tokens_lookup would on plain tokens: case-insensitive whole words, a trailing * any
    ending, phrases word by word. (key, start, end, pattern) of each match."""
    import yaml

    def leaves(node, path):
        if isinstance(node, dict):
            for key, child in node.items():
                yield from leaves(child, [*path, key])
        else:
            for pattern in node:
                yield ".".join(path), pattern

    found = []
    for key, pattern in leaves(yaml.safe_load(yaml_text), []):
        words = [
            re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w)
            for w in pattern.lower().split()
        ]
        for match in re.finditer(r"\b" + r"\s+".join(words) + r"\b", text.lower()):
            found.append((key, match.start(), match.end(), pattern))
    return found


def fairness_lexicon():
    return [lex for lex in load_lexicons().lexicons if lex.id == "fairness"]


def test_interop_quanteda_export_applied_naively_counts_no_county_fair():
    exported = export_quanteda(fairness_lexicon())
    county = (COUNTY.index("county"), COUNTY.index(" was"))
    matches = naive_quanteda_count(exported, COUNTY)
    # nothing inside "county fair": neither the exclude nor the adjective-only "fair"
    assert not [m for m in matches if m[1] < county[1] and m[2] > county[0]], matches
    assert "county fair" not in exported and "exclude" not in exported
    assert "virtue.ADJ" not in exported
    # kept for rhetor, the same entries become categories a naive count would count
    kept = export_quanteda(fairness_lexicon(), rhetor_categories=True)
    keys = {m[0] for m in naive_quanteda_count(kept, COUNTY)}
    assert {"fairness.exclude", "fairness.virtue.ADJ"} <= keys


def test_interop_dic_export_applied_naively_counts_no_county_fair():
    exported = export_dic(fairness_lexicon())
    assert liwc_count(exported, COUNTY) == {}
    assert "exclude" not in exported and ".ADJ" not in exported
    assert liwc_count(export_dic(fairness_lexicon(), rhetor_categories=True), COUNTY)


def test_interop_left_out_names_every_exclude_and_limited_term():
    from rhetor.lexicon.interop import left_out

    (fairness,) = fairness_lexicon()
    dropped = left_out([fairness])
    assert {e.term for e in dropped if e.kind == "exclude"} == {t.text for t in fairness.exclude}
    limited = {(e.term, e.pos) for e in dropped if e.kind != "exclude"}
    assert ("fair", ("ADJ",)) in limited
    assert limited == {(t.text, tuple(t.pos)) for _, t in fairness.terms() if t.pos}
    assert left_out([fairness], rhetor_categories=True) == []
    exported = export_quanteda([fairness])
    for entry in dropped:  # never a positive entry
        assert f"- {entry.term}\n" not in exported or any(
            t.text == entry.term and not t.pos for _, t in fairness.terms()
        )


def test_interop_cli_export_warns_naming_what_it_leaves_out():
    from typer.testing import CliRunner

    from rhetor.cli import app

    result = CliRunner().invoke(app, ["lexicons", "export", "fairness", "--to", "quanteda"])
    assert result.exit_code == 0, result.stderr
    warning = next(line for line in result.stderr.splitlines() if "left out of" in line)
    assert "'county fair'" in warning and "'fair' (ADJ only)" in warning
    assert "--rhetor-categories" in warning
    assert "county fair" not in result.stdout
