from __future__ import annotations

import pytest

from rhetor.attribution.sides import AUTHOR, build_sides, load_sides_file, merge_side_options
from rhetor.errors import SidesError


def test_sides_first_person_goes_to_the_side_listing_it():
    sides = build_sides({"labour": ["our", "Labour"], "tories": ["Tories"]})
    assert sides.author == "labour"
    assert set(sides.get("labour").aliases) >= {"we", "us", "our", "ours", "ourselves"}
    assert [s.id for s in sides.specs] == ["labour", "tories"]


def test_sides_author_side_added_when_nobody_lists_first_person():
    sides = build_sides({"tories": ["Tories"]})
    assert sides.author == AUTHOR
    assert sides.get(AUTHOR).aliases[0] == "we"


@pytest.mark.parametrize(
    "given,message",
    [
        ({"labour": ["we", " "]}, "empty alias"),
        ({"a": ["Tories"], "b": ["tories"]}, "given to both 'a' and 'b'"),
        ({"1st": ["x"]}, "not a valid name"),
        ({"a b": ["x"]}, "not a valid name"),
        ({"a": []}, "no aliases"),
        ({"a": ["we"], "b": ["us"]}, "split between sides"),
    ],
)
def test_sides_invalid(given, message):
    with pytest.raises(SidesError, match=message):
        build_sides(given)


def test_sides_option_parsing_merges_repeats():
    assert merge_side_options(["labour=we,our", "tories=Tories", "labour=Labour"]) == {
        "labour": ["we", "our", "Labour"],
        "tories": ["Tories"],
    }
    with pytest.raises(SidesError, match="NAME=ALIAS"):
        merge_side_options(["labour"])


def test_sides_file(write):
    path = write("sides.yaml", "labour: [we, Labour]\ntories: Tories\n")
    assert load_sides_file(path) == {"labour": ["we", "Labour"], "tories": ["Tories"]}
    bad = write("bad.yaml", "labour: {a: 1}\n")
    with pytest.raises(SidesError, match="expected a list"):
        load_sides_file(bad)


def test_sides_file_mapping_entries_give_aliases_colour_and_label(tmp_path):
    from rhetor.attribution.sides import SideStyle, load_side_styles

    path = tmp_path / "sides.yaml"
    path.write_text(
        "labour:\n  aliases: [Labour, socialists]\n  colour: '#d50000'\n  label: Labour Party\n"
        "tories: [Tories]\n"
    )
    assert load_sides_file(path) == {"labour": ["Labour", "socialists"], "tories": ["Tories"]}
    assert load_side_styles(path) == {"labour": SideStyle("#d50000", "Labour Party")}


@pytest.mark.parametrize(
    "entry,message",
    [
        ("{aliases: [x], colour: 'red; background: url(x)'}", "not a CSS colour"),
        ("{aliases: [x], colour: 12}", "not a CSS colour"),
        ("{aliases: [x], shade: blue}", "unknown key 'shade'"),
        ("{colour: blue}", "expected a list of aliases"),
        ("{aliases: [x], label: [a]}", "label must be text"),
    ],
)
def test_sides_file_bad_style_entries(tmp_path, entry, message):
    path = tmp_path / "sides.yaml"
    path.write_text(f"labour: {entry}\n")
    with pytest.raises(SidesError, match=message.replace("(", r"\(")):
        load_sides_file(path)
