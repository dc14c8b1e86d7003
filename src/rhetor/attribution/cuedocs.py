"""The documentation of the cue lists, made from the cue schema (``docs/cues.md``).

    python -m rhetor.attribution.cuedocs [PATH]

writes it to PATH (by default ``docs/cues.md`` under the current folder). A test fails
when the file in the repository is not what :func:`cue_docs` makes.
"""

from __future__ import annotations

import sys
from dataclasses import fields
from pathlib import Path

from rhetor.attribution.cueschema import STEPS, Cues

INTRO = """\
# Cue lists

<!-- Made by `python -m rhetor.attribution.cuedocs` from the cue schema
(src/rhetor/attribution/cueschema.py): edit the schema, not this file. -->

Rhetor reads a value mention in its clause by cue words: the verbs, nouns,
prepositions and markers listed in `src/rhetor/lexicons/cues.yaml`. A cue file
(`kind: cues`) passed with `--lexicon` adds words to these lists: each section
(`negation`, `stance`, `actors`, `english`) maps list names to words, and the words
of every file are merged with the built-in ones. Cue words are matched as keys:
case, hyphens, spaces and articles do not matter ("co-opt" = "coopt"; "put an end
to" = "put end to"); verbs are written as lemmas. The `english` lists are
closed-class words matched by their form in lower case, as written.

```yaml
kind: cues
stance:
  opposes: [kibosh, put the kibosh on]
english:
  second_person: [youse]
```
"""


REMOVE = """\
## Removing words

A cue file can also take words out of the lists in force, the built-in ones
included, with a `remove:` section laid out like the others (section, list, words).
Removals apply after the file's own additions, so a word a file both adds and
removes is out; a later file may add it back.

```yaml
kind: cues
remove:
  stance:
    claims: [take]       # "take" no longer reads as claiming
  english:
    quotes: ["'"]        # a lone apostrophe is not a quotation mark
```
"""


def cue_docs() -> str:
    """The markdown page documenting every cue list: by section, then by reader."""
    lines = [INTRO, REMOVE, "## The lists, by section", ""]
    lines += ["| List | Read by | What it holds |", "| --- | --- | --- |"]
    readers: dict[str, list[str]] = {}
    for section in fields(Cues):
        for item in fields(section.default_factory):
            key = f"{section.name}.{item.name}"
            about = item.metadata
            lines.append(f"| `{key}` | {', '.join(about['readers'])} | {_cell(about)} |")
            for reader in about["readers"]:
                readers.setdefault(reader, []).append(key)
    lines += ["", "## The lists, by the rule or step that reads them", ""]
    lines += [
        "Rules run in the order of `rhetor.attribution.rules.RULES`; steps run before them.",
        "",
        "| Rule or step | Lists |",
        "| --- | --- |",
    ]
    for reader in _reader_order():
        if reader in readers:
            keys = ", ".join(f"`{k}`" for k in readers[reader])
            what = f": {STEPS[reader]}" if reader in STEPS else ""
            lines.append(f"| {reader}{what} | {keys} |")
    return "\n".join(lines) + "\n"


def _cell(about) -> str:
    return about["description"].replace("|", "\\|")


def _reader_order() -> list[str]:
    from rhetor.attribution.rules import RULE_NAMES

    return [*STEPS, *RULE_NAMES]


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0] if args else "docs/cues.md")
    path.write_text(cue_docs(), encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
