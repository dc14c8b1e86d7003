"""Draw real manifesto windows that show the constructions rhetor is known to get wrong.

    python benchmarks/gold/sample_constructions.py [OUTDIR]

OUTDIR defaults to benchmarks/gold/annotations/round3. Writes
``constructions_dev.texts.yaml`` (tuning allowed) and ``constructions_heldout.texts.yaml``
(scored only, never read while tuning).

Each passage is a window of three consecutive sentences of one UK manifesto (fewer at a
manifesto's edge), built as in ``sample_round3.py``: the target sentence with the sentence
before and after, sentences of one paragraph joined by a space and paragraphs by a blank
line, and the sides of ``sample_manifestos.sides_for``. Each passage carries a
``phenomenon`` key:

- ``next-sentence-it``: a value in the target, and in the next sentence an "it"/"this"/
  "that" that refers to something else ("... private renters get a fairer deal. The
  Bedroom Tax is cruel and we will abolish it.").
- ``contrastive-not``: a contrast made with "not" that does not negate the value ("a
  hand up, not a hand out"; "accountable to patients, not to bureaucracy").
- ``fighting-vice``: the author fights a vice with a verb or noun that strengthens or
  enforces laws or action against it ("strengthening the race discrimination laws").
- ``reform-verb``: a reform or change verb acting on a wasteful or unfair thing ("repeal
  the unjust Clause 28", "abolish the unelected Infrastructure Planning Commission").
- ``alias-outside-subject``: the side answerable for the value is named outside the
  subject of its clause: in the sentence before, or in an adverbial ("Under the
  Conservatives, ...").
- ``attack-as-claim``: an attack on another side phrased with that side as the subject of
  a clause holding a value word ("The Tories have regarded the Commonwealth as a
  wearisome obligation").
- ``condemned-vice``: a vice condemned with no side responsible ("Racial and sexual
  discrimination have no place in our society").
- ``institution-lookalike``: an institution whose name holds a value word, used as a name
  ("building societies", "Office of Fair Trading", "Social Democrats"); a few passages
  invoke the value alongside the name.

The target sentences below were chosen by hand: candidates were shortlisted with regular
expressions over the corpus, each candidate was read in its window, and only true
instances of the construction that involve one of the six values (or, for
``institution-lookalike``, a name holding a value word) were kept. No sentence of any
earlier gold set (../shared/gold/real_dev.yaml, benchmarks/gold/*.yaml, including the
round-3 windows' ``sentences``) is in a window, and no two windows share a sentence.
Within each phenomenon the kept targets (in document order) are shuffled with
``random.Random(20261209)`` and split in two halves: the first ``n // 2`` go to
development, the rest to held-out.
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared"
OUTDIR = HERE / "annotations/round3"
SEED = 20261209

sys.path.insert(0, str(HERE))
from sample_manifestos import PARTY, TSV, sides_for  # noqa: E402

# Target sentence ids per phenomenon, chosen by reading the shortlisted candidates.
TARGETS: dict[str, list[str]] = {
    "next-sentence-it": [
        "labour-1983-149-1",
        "labour-1997-211-1",
        "labour-1997-222-2",
        "labour-1997-352-1",
        "labour-1997-486-1",
        "labour-2001-55-1",
        "labour-2001-161-5",
        "labour-2015-35-3",
        "labour-2015-146-1",
        "labour-2015-289-1",
        "conservatives-2005-126-4",
        "conservatives-2005-132-1",
        "conservatives-2010-107-5",
        "conservatives-2010-353-4",
        "conservatives-2010-568-1",
        "conservatives-2015-549-3",
    ],
    "contrastive-not": [
        "labour-1987-108-2",
        "labour-1992-115-3",
        "labour-1997-44-3",
        "labour-1997-152-2",
        "labour-1997-265-1",
        "labour-2001-88-1",
        "labour-2001-138-1",
        "labour-2005-302-2",
        "labour-2015-40-5",
        "conservatives-1992-12-4",
        "conservatives-1997-246-1",
        "conservatives-2005-7-3",
        "conservatives-2010-205-2",
        "conservatives-2010-210-1",
        "conservatives-2010-263-6",
        "conservatives-2015-302-1",
    ],
    "fighting-vice": [
        "labour-1983-54-2",
        "labour-1983-437-1",
        "labour-1992-120-3",
        "labour-1992-214-3",
        "labour-1992-254-2",
        "labour-1997-461-2",
        "labour-2005-73-2",
        "labour-2005-138-2",
        "labour-2015-308-1",
        "conservatives-1992-401-1",
        "conservatives-2005-27-2",
        "conservatives-2010-21-6",
        "conservatives-2010-207-3",
        "conservatives-2010-254-1",
        "conservatives-2010-493-8",
        "conservatives-2015-368-6",
    ],
    "reform-verb": [
        "labour-1983-455-1",
        "labour-1992-250-2",
        "labour-1997-441-5",
        "labour-2001-506-4",
        "labour-2005-551-5",
        "labour-2010-59-1",
        "labour-2010-117-1",
        "labour-2010-399-4",
        "labour-2015-108-6",
        "labour-2015-164-1",
        "conservatives-1987-478-2",
        "conservatives-1997-449-2",
        "conservatives-2010-31-2",
        "conservatives-2010-135-4",
        "conservatives-2010-404-1",
        "conservatives-2010-445-4",
    ],
    "alias-outside-subject": [
        "labour-1983-10-1",
        "labour-1983-262-2",
        "labour-1987-5-1",
        "labour-1997-403-2",
        "labour-2001-424-1",
        "labour-2005-203-2",
        "labour-2010-41-3",
        "conservatives-1983-160-1",
        "conservatives-1983-254-2",
        "conservatives-1992-917-2",
        "conservatives-2001-338-2",
        "conservatives-2001-451-2",
        "conservatives-2010-203-2",
        "conservatives-2010-378-2",
        "conservatives-2010-387-2",
        "conservatives-2015-149-2",
    ],
    "attack-as-claim": [
        "labour-1983-80-3",
        "labour-1983-386-1",
        "labour-1987-16-1",
        "labour-1992-264-5",
        "labour-1992-279-1",
        "labour-1997-245-1",
        "labour-1997-274-3",
        "labour-2001-640-4",
        "labour-2010-130-2",
        "conservatives-1992-872-3",
        "conservatives-2001-192-1",
        "conservatives-2001-220-1",
        "conservatives-2001-463-2",
        "conservatives-2001-474-1",
        "conservatives-2010-368-1",
    ],
    "condemned-vice": [
        "labour-1983-442-1",
        "labour-1987-242-1",
        "labour-2001-27-2",
        "labour-2001-49-1",
        "labour-2001-681-2",
        "labour-2015-25-3",
        "labour-2015-181-1",
        "labour-2015-277-2",
        "conservatives-1987-173-3",
        "conservatives-1992-496-1",
        "conservatives-2005-123-4",
        "conservatives-2005-171-1",
        "conservatives-2010-400-5",
        "conservatives-2015-313-5",
        "conservatives-2015-358-2",
    ],
    "institution-lookalike": [
        # The name only; no value invoked in the target sentence.
        "labour-1983-340-2",
        "labour-2001-253-4",
        "labour-2015-189-3",
        "conservatives-1987-170-2",
        "conservatives-1987-275-2",
        "conservatives-1987-550-1",
        "conservatives-1992-478-2",
        "conservatives-1992-502-1",
        "conservatives-1997-121-8",
        "conservatives-2010-220-1",
        "conservatives-2010-480-1",
        "conservatives-2015-56-6",
        # The name with the value invoked alongside it.
        "labour-2010-84-1",
        "labour-2010-164-1",
        "labour-2010-446-3",
        "conservatives-1987-156-1",
    ],
}


def used_sentences() -> set[str]:
    """Every sentence id of an earlier gold set (passage ids and round-3 window sentences)."""
    used = set()
    for path in [SHARED / "gold/real_dev.yaml", *sorted(HERE.glob("*.yaml"))]:
        for passage in yaml.safe_load(path.read_text())["passages"]:
            used.add(str(passage["id"]).removeprefix("m-"))
            used.update(passage.get("sentences") or [])
    return used


def build_passages(rows: list[dict], phenomenon: str, targets: list[str]) -> list[dict]:
    index = {row["sentence_id"]: i for i, row in enumerate(rows)}
    passages = []
    for target in targets:
        i = index[target]
        window = [
            j
            for j in (i - 1, i, i + 1)
            if 0 <= j < len(rows) and rows[j]["manifesto_id"] == rows[i]["manifesto_id"]
        ]
        text = ""
        previous = None
        for j in window:
            paragraph = rows[j]["sentence_id"].rsplit("-", 1)[0]
            if previous is not None:
                text += " " if paragraph == previous else "\n\n"
            text += rows[j]["text"].strip()
            previous = paragraph
        party, year = PARTY[rows[i]["party"]], int(rows[i]["date"])
        passages.append(
            {
                "id": f"w-{rows[window[0]]['sentence_id']}",
                "phenomenon": phenomenon,
                "source": f"{party} manifesto {year}",
                "sentences": [rows[j]["sentence_id"] for j in window],
                "text": text,
                "sides": sides_for(party, year),
            }
        )
    return passages


# Sentences quoted as examples in the issue that asked for these fixes: the developers
# have read them, so they are never held out (they go to the development half).
SEEN_IN_THE_ISSUE = {
    "labour-1992-279-1",
    "labour-1992-254-2",
    "conservatives-2010-263-6",
    "labour-2015-35-3",
    "labour-1992-214-3",
}


def main(outdir: Path) -> None:
    with TSV.open(newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    order = {row["sentence_id"]: i for i, row in enumerate(rows)}
    used = used_sentences()
    parts: dict[str, list[dict]] = {"constructions_dev": [], "constructions_heldout": []}
    seen: dict[str, str] = {}
    for phenomenon, targets in TARGETS.items():
        targets = sorted(targets, key=order.__getitem__)
        random.Random(SEED).shuffle(targets)
        passages = build_passages(rows, phenomenon, targets)
        for passage in passages:
            for sentence in passage["sentences"]:
                if sentence in used:
                    raise SystemExit(f"{passage['id']}: {sentence} is in an earlier gold set")
                if sentence in seen:
                    raise SystemExit(f"{passage['id']}: {sentence} also in {seen[sentence]}")
                seen[sentence] = passage["id"]
        half = len(passages) // 2
        for i, passage in enumerate(passages):
            seen_before = not SEEN_IN_THE_ISSUE.isdisjoint(passage["sentences"])
            held_out = i >= half and not seen_before
            parts["constructions_heldout" if held_out else "constructions_dev"].append(passage)
    outdir.mkdir(parents=True, exist_ok=True)
    for name, part in parts.items():
        (outdir / f"{name}.texts.yaml").write_text(
            yaml.safe_dump({"passages": part}, sort_keys=False, allow_unicode=True, width=100)
        )
        counts = {p: sum(x["phenomenon"] == p for x in part) for p in TARGETS}
        print(f"{name}: {len(part)} passages", counts)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTDIR)
