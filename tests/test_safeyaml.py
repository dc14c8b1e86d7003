from __future__ import annotations

import pytest

from rhetor.io.safeyaml import MAX_DEPTH, YamlError, compose_yaml, load_yaml


def nested(depth: int) -> str:
    return "a: " + "[" * depth + "x" + "]" * depth + "\n"


def alias_bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


def test_safeyaml_plain_data_loads():
    assert load_yaml("labour: [we, our]\nn: 3\n", "s.yaml") == {"labour": ["we", "our"], "n": 3}
    assert load_yaml("", "s.yaml") is None


def test_safeyaml_shallow_aliases_are_fine():
    assert load_yaml("a: &x [1, 2]\nb: *x\n", "s.yaml") == {"a": [1, 2], "b": [1, 2]}


@pytest.mark.parametrize(
    "text,message,line",
    [
        (nested(MAX_DEPTH + 1), "nested more than", 1),
        (nested(5000), "nested more than", 1),
        ("x: 1\ny:\n" + "".join("  " * i + "k:\n" for i in range(1, 3000)), "nested more", None),
        (alias_bomb(), "aliases expand to more than", None),
        ("a: &a [*a]\n", "alias refers to itself", 1),
        ("a: !!python/object/apply:os.system [ls]\n", "is not allowed", 1),
        ("a: [1\n", "malformed YAML", 2),
        ("\x1f", "malformed YAML", None),
    ],
)
def test_safeyaml_refuses_hostile_structure(text, message, line):
    with pytest.raises(YamlError, match=message) as raised:
        compose_yaml(text, "f.yaml")
    if line is not None:
        assert raised.value.line == line
    assert str(raised.value).startswith("f.yaml")


def test_safeyaml_depth_at_the_limit_is_accepted():
    assert compose_yaml(nested(MAX_DEPTH - 2), "f.yaml") is not None
