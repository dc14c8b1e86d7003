"""Draw the manifesto sentences that rhetor's own gold sets are annotated on.

Sentences come from ../shared/corpora/uk-manifestos, stratified as real_dev.yaml was:
V (value language, found by a broad regex written without looking at rhetor's lexicons),
A (naming the other party) and R (any sentence). Sentences in ../shared/gold/real_dev.yaml
are left out. Half of the first draw is a development set (tuning allowed); the other half is
held out and only scored, never read while tuning. A second development set is then
drawn from the sentences left (value language and naming the other party only), and
after it a second held-out set (all three strata), drawn before the second round of
lexicon and attribution tuning began and never read while tuning.

    python benchmarks/gold/sample_manifestos.py OUTDIR
"""

from __future__ import annotations

import csv
import random
import re
import sys
from pathlib import Path

import yaml

SHARED = Path(__file__).resolve().parents[3] / "shared"
TSV = SHARED / "corpora/uk-manifestos/uk-manifesto_sentences_lab+con_cap_labeled.tsv"
REAL_DEV = SHARED / "gold/real_dev.yaml"

VALUE_WORDS = re.compile(
    r"\b(fair|unfair|just|injustice|equal|inequal|discriminat|privilege|solidar|unit|togeth|"
    r"divid|divis|communit|co-?operat|mutual|partner|share|owner|reciproc|rights and|"
    r"something for|contribut|responsib|accountab|duty|duties|prudent|reckless|waste|"
    r"transparen|democra|vote|voting|elect|referend|devol|a say|citizens|dictator)",
    re.IGNORECASE,
)
OTHER_PARTY = {
    "labour": re.compile(r"\b(Conservative|Tory|Tories)\b"),
    "conservatives": re.compile(r"\b(Labour|socialis)", re.IGNORECASE),
}
PARTY = {"51320": "labour", "51620": "conservatives"}
# Who was in office when each manifesto was written.
IN_OFFICE = {
    1983: "conservatives",
    1987: "conservatives",
    1992: "conservatives",
    1997: "conservatives",
    2001: "labour",
    2005: "labour",
    2010: "labour",
    2015: "conservatives",
}
ALIASES = {
    "labour": ["Labour", "the Labour Party", "Labour government", "Labour's"],
    "conservatives": [
        "Conservatives",
        "Conservative",
        "Tories",
        "Tory",
        "Conservative Party",
        "Conservative government",
        "Tory government",
    ],
}
AUTHOR = ["we", "us", "our", "ours"]
GOVERNMENT = ["the Government", "this Government", "government"]
LIBDEMS = ["Liberal Democrats", "Liberal Democrat", "Lib Dems", "Liberals", "SDP", "Alliance"]
SIZES = {"V": 130, "A": 60, "R": 50}
SECOND_DEV_SIZES = {"V": 100, "A": 60}
SECOND_HELDOUT_SIZES = {"V": 70, "A": 40, "R": 40}


def sides_for(party: str, year: int) -> dict[str, list[str]]:
    other = "conservatives" if party == "labour" else "labour"
    sides = {party: AUTHOR + ALIASES[party], other: list(ALIASES[other])}
    if other == "labour":
        sides[other] += ["socialists", "socialist"]
    sides[IN_OFFICE[year]] += GOVERNMENT
    sides["libdems"] = list(LIBDEMS)
    return sides


def draw(rows: list[dict], sizes: dict[str, int], used: set[str]) -> list[tuple[str, dict]]:
    """Take sentences for each stratum in turn, skipping those already used."""
    chosen = []
    for stratum, size in sizes.items():
        taken = 0
        for row in rows:
            if taken == size:
                break
            if row["sentence_id"] in used:
                continue
            party = PARTY[row["party"]]
            if stratum == "V" and not VALUE_WORDS.search(row["text"]):
                continue
            if stratum == "A" and not OTHER_PARTY[party].search(row["text"]):
                continue
            used.add(row["sentence_id"])
            chosen.append((stratum, row))
            taken += 1
    return chosen


def main(outdir: Path) -> None:
    taken = {p["id"] for p in yaml.safe_load(REAL_DEV.read_text())["passages"]}
    rows = []
    with TSV.open(newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if f"m-{row['sentence_id']}" in taken or len(row["text"].split()) < 4:
                continue
            rows.append(row)
    rng = random.Random(20261126)
    rng.shuffle(rows)
    used: set[str] = set()
    chosen = draw(rows, SIZES, used)
    rng.shuffle(chosen)
    half = len(chosen) // 2
    # A second development set, drawn after the first two from the sentences left, so
    # that it never overlaps the held-out half.
    second = draw(rows, SECOND_DEV_SIZES, used)
    # Drawn last, so that the sets above are the same as when they were first drawn.
    second_heldout = draw(rows, SECOND_HELDOUT_SIZES, used)
    parts = {
        "manifesto_dev": chosen[:half],
        "manifesto_heldout": chosen[half:],
        "manifesto_dev2": second,
        "manifesto_heldout2": second_heldout,
    }
    for name, part in parts.items():
        passages = []
        for stratum, row in part:
            party, year = PARTY[row["party"]], int(row["date"])
            passages.append(
                {
                    "id": f"m-{row['sentence_id']}",
                    "stratum": stratum,
                    "source": f"{party} manifesto {year}",
                    "text": row["text"],
                    "sides": sides_for(party, year),
                }
            )
        (outdir / f"{name}.texts.yaml").write_text(
            yaml.safe_dump({"passages": passages}, sort_keys=False, allow_unicode=True, width=100)
        )
        print(f"{name}: {len(passages)} passages")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
