"""Draw the real passages of round 3: manifesto windows and House of Commons sentences.

    python benchmarks/gold/sample_round3.py OUTDIR

**Manifesto windows.** A sentence of a UK manifesto is drawn (strata V, A and R as for
the earlier sets), and the passage is that sentence with the one before and the one after
in the same manifesto, so that errors caused by a neighbouring sentence ("it" taken from
the next sentence, an alias in the sentence before) are scored where they happen.
Sentences of the same paragraph are joined by a space, paragraphs by a blank line. No
sentence of any earlier gold set (../shared/gold/real_dev.yaml, benchmarks/gold/*.yaml)
appears in a window. The windows are split at random into development (tuning allowed),
fit (the confidence model is fitted on it; the rules are never tuned on it) and held-out
(scored only).

**Commons sentences.** Sentences of ../shared/corpora/uk-commons-sentences are drawn in two
strata (V: value language or a debate lookalike of it; R: any sentence), whole speeches at
a time, and split the same way. Each passage names the speaker's party as the author (its
first side) and the government of the day (``government``).
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared"
TSV = SHARED / "corpora/uk-manifestos/uk-manifesto_sentences_lab+con_cap_labeled.tsv"
COMMONS = SHARED / "corpora/uk-commons-sentences/commons_sentences.jsonl"

sys.path.insert(0, str(HERE))
from sample_manifestos import OTHER_PARTY, PARTY, VALUE_WORDS, sides_for  # noqa: E402

DEBATE_WORDS = re.compile(
    r"\b(fair|unfair|just|justice|injustice|equal|inequal|discriminat|solidar|unity|united|"
    r"togeth|divid|divis|co-?operat|mutual|partnership|reciproc|contribut|responsib|"
    r"accountab|duty|duties|prudent|reckless|transparen|democra|vote|voting|elect|referend|"
    r"devol|scrutin)",
    re.IGNORECASE,
)
WINDOW_SIZES = {"V": 120, "A": 60, "R": 60}
WINDOW_SPLIT = {"manifesto_ctx_dev": 60, "manifesto_ctx_fit": 80, "manifesto_ctx_heldout": 100}
COMMONS_SIZES = {"V": 240, "R": 200}  # V runs out first: few Commons sentences carry a value
COMMONS_SPLIT = {"commons_dev": 90, "commons_fit": 100, "commons_heldout": 150}

COMMONS_PARTY = {
    "Con": "conservatives",
    "Lab": "labour",
    "LibDem": "libdems",
    "SNP": "snp",
    "DUP": "dup",
}
PARTY_ALIASES = {
    "conservatives": [
        "Conservatives",
        "Conservative",
        "Tories",
        "Tory",
        "Conservative Members",
        "the Conservative party",
    ],
    "labour": ["Labour", "Labour Members", "the Labour party", "Labour Government"],
    "libdems": ["Liberal Democrats", "Liberal Democrat", "Lib Dems", "Liberal Democrat Members"],
    "snp": ["SNP", "the Scottish National party", "Scottish National party", "SNP Members"],
    "dup": ["DUP", "the Democratic Unionist party", "Democratic Unionist party"],
}
FIRST_PERSON = ["we", "us", "our", "ours", "I", "my", "me"]
COALITION_ENDS = "2015-05-08"


def used_sentences() -> set[str]:
    used = set()
    for path in [SHARED / "gold/real_dev.yaml", *sorted(HERE.glob("*.yaml"))]:
        for passage in yaml.safe_load(path.read_text())["passages"]:
            used.add(str(passage["id"]).removeprefix("m-"))
    return used


def manifesto_windows(rng: random.Random) -> list[dict]:
    with TSV.open(newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    used = used_sentences()

    def same_manifesto(i: int, j: int) -> bool:
        return 0 <= j < len(rows) and rows[j]["manifesto_id"] == rows[i]["manifesto_id"]

    order = list(range(len(rows)))
    rng.shuffle(order)
    taken: set[int] = set()
    chosen = []
    for stratum, size in WINDOW_SIZES.items():
        count = 0
        for i in order:
            if count == size:
                break
            row = rows[i]
            window = [j for j in (i - 1, i, i + 1) if same_manifesto(i, j)]
            if len(row["text"].split()) < 4 or any(
                rows[j]["sentence_id"] in used or j in taken for j in window
            ):
                continue
            party = PARTY[row["party"]]
            if stratum == "V" and not VALUE_WORDS.search(row["text"]):
                continue
            if stratum == "A" and not OTHER_PARTY[party].search(row["text"]):
                continue
            taken.update(window)
            for j in (i - 2, i + 2):  # windows never touch, so none reads another's text
                taken.add(j)
            chosen.append((stratum, window))
            count += 1
    rng.shuffle(chosen)
    passages = []
    for stratum, window in chosen:
        centre = rows[window[len(window) // 2] if len(window) == 3 else window[0]]
        text = ""
        previous = None
        for j in window:
            paragraph = rows[j]["sentence_id"].rsplit("-", 1)[0]
            if previous is not None:
                text += " " if paragraph == previous else "\n\n"
            text += rows[j]["text"].strip()
            previous = paragraph
        party, year = PARTY[centre["party"]], int(centre["date"])
        passages.append(
            {
                "id": f"w-{rows[window[0]]['sentence_id']}",
                "stratum": stratum,
                "source": f"{party} manifesto {year}",
                "sentences": [rows[j]["sentence_id"] for j in window],
                "text": text,
                "sides": sides_for(party, year),
            }
        )
    return passages


def commons_sides(party: str, date: str) -> tuple[dict[str, list[str]], list[str]]:
    author = COMMONS_PARTY[party]
    sides = {author: FIRST_PERSON + PARTY_ALIASES[author]}
    for side, aliases in PARTY_ALIASES.items():
        if side != author:
            sides[side] = list(aliases)
    government = ["conservatives", "libdems"] if date < COALITION_ENDS else ["conservatives"]
    return sides, government


def commons_passages(rng: random.Random) -> list[dict]:
    rows = [json.loads(line) for line in COMMONS.read_text().splitlines() if line.strip()]
    speeches: dict[int, list[dict]] = {}
    for row in rows:
        speeches.setdefault(row["speech_nr"], []).append(row)
    keys = sorted(speeches)
    rng.shuffle(keys)
    taken: set[int] = set()
    chosen = []
    for stratum, size in COMMONS_SIZES.items():
        count = 0
        for key in keys:
            if count >= size:
                break
            if key in taken:
                continue
            speech = sorted(speeches[key], key=lambda r: r["sent_nr"])
            if stratum == "V" and not any(DEBATE_WORDS.search(r["text"]) for r in speech):
                continue
            taken.add(key)
            for row in speech:
                chosen.append((stratum, row))
                count += 1
    # Interleave the strata, speech by speech, so that each part gets its share of both.
    by_speech: dict[int, list] = {}
    for stratum, row in chosen:
        by_speech.setdefault(row["speech_nr"], []).append((stratum, row))
    groups = list(by_speech.values())
    rng.shuffle(groups)
    chosen = [item for group in groups for item in group]
    passages = []
    for stratum, row in chosen:
        sides, government = commons_sides(row["party"], row["date"])
        passages.append(
            {
                "id": f"c-{row['id']}",
                "stratum": stratum,
                "source": f"House of Commons {row['date']}, {row['speaker']} ({row['party']})",
                "speech": row["speech_nr"],
                "text": row["text"],
                "sides": sides,
                "government": government,
            }
        )
    return passages


def split(passages: list[dict], sizes: dict[str, int], group: str | None = None) -> dict:
    """Consecutive parts of the (already shuffled) passages; a speech never straddles two."""
    parts: dict[str, list[dict]] = {}
    names = list(sizes)
    index = 0
    for passage in passages:
        name = names[index]
        part = parts.setdefault(name, [])
        if (
            len(part) >= sizes[name]
            and index + 1 < len(names)
            and (group is None or part[-1].get(group) != passage.get(group))
        ):
            index += 1
            part = parts.setdefault(names[index], [])
        part.append(passage)
    return parts


def main(outdir: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    windows = manifesto_windows(random.Random(20261207))
    commons = commons_passages(random.Random(20261208))
    for name, part in {
        **split(windows, WINDOW_SPLIT),
        **split(commons, COMMONS_SPLIT, group="speech"),
    }.items():
        (outdir / f"{name}.texts.yaml").write_text(
            yaml.safe_dump({"passages": part}, sort_keys=False, allow_unicode=True, width=100)
        )
        print(f"{name}: {len(part)} passages")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
