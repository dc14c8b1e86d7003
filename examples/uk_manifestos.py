"""UK manifestos, Labour against Conservative, 1983-2015: trends, a compare table, a network.

The corpus comes as one sentence per row: the file
uk-manifesto_sentences_lab+con_cap_labeled.tsv of the public repository GitHub
haukelicht/group_mention_detection (replication/data/labeled/; Licht & Sczepanski,
"Detecting Group Mentions in Political Rhetoric", 2025; CC0). This script rebuilds
each manifesto as a document first, one paragraph per quasi-paragraph of the source,
and then runs rhetor on the folder:

    python examples/uk_manifestos.py --corpus FOLDER_WITH_THE_TSV [--out FOLDER] [--jobs N]

Outputs (in --out, default /tmp/rhetor-examples/uk): the documents, uk.jsonl
(batch records with party and year from the file names), uk_claims.csv (one row
per claim), compare.txt/.csv, trends.csv, uk.graphml and network.csv; the trends
chart goes to docs/uk_manifestos_trends.png. The sides file (examples/uk_sides.yaml)
names the two parties and gives them their colours.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARTIES = {"51320": "labour", "51620": "conservative"}
TSV = "uk-manifesto_sentences_lab+con_cap_labeled.tsv"


def rebuild_documents(tsv: Path, folder: Path) -> list[Path]:
    """One text file per manifesto, ``{party}_{year}.txt``, sentences in corpus order and
    grouped into paragraphs by the paragraph number in ``sentence_id`` (party-year-P-S)."""
    paragraphs: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(dict)
    with tsv.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE):
            key = (PARTIES[row["party"]], row["date"][:4])
            paragraph = row["sentence_id"].rsplit("-", 2)[-2]
            paragraphs[key].setdefault(paragraph, []).append(row["text"].strip())
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for (party, year), by_paragraph in sorted(paragraphs.items()):
        path = folder / f"{party}_{year}.txt"
        text = "\n\n".join(" ".join(sentences) for sentences in by_paragraph.values())
        path.write_text(text + "\n", encoding="utf-8")
        written.append(path)
    return written


def rhetor(*args: str, stdout: Path | None = None) -> None:
    print("$ rhetor " + " ".join(args), file=sys.stderr)
    with open(stdout, "w", encoding="utf-8") if stdout else open("/dev/null", "w") as sink:
        command = ["rhetor", *args]
        subprocess.run(command, check=True, stdout=sink if stdout else None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        required=True,
        help=f"the folder holding {TSV} (GitHub haukelicht/group_mention_detection)",
    )
    parser.add_argument("--out", type=Path, default=Path("/tmp/rhetor-examples/uk"))
    parser.add_argument("--jobs", default="2")
    args = parser.parse_args()
    out = args.out
    documents = rebuild_documents(args.corpus / TSV, out / "documents")
    print(f"{len(documents)} manifestos rebuilt in {out / 'documents'}", file=sys.stderr)
    sides = str(HERE / "uk_sides.yaml")
    batch = ["batch", str(out / "documents"), "--name-pattern", "{party}_{year:d}.txt"]
    batch += ["--sides", sides, "-j", args.jobs, "-q"]
    records = out / "uk.jsonl"
    if not records.exists():
        rhetor(*batch, "-o", str(records))
    claims = out / "uk_claims.csv"
    if not claims.exists():
        rhetor(*batch, "-f", "claims", "-o", str(claims))
    # Each manifesto's "we" (the author side) counts for its own party.
    party = ["--author-from", "party"]
    labels = ["--label", "labour=Labour", "--label", "conservative=Conservative"]
    rhetor("compare", str(records), "--by", "party", *party, *labels, stdout=out / "compare.txt")
    rhetor(
        "compare",
        str(records),
        "--by",
        "party",
        *party,
        *labels,
        "--csv",
        stdout=out / "compare.csv",
    )
    chart = HERE.parent / "docs" / "uk_manifestos_trends.png"
    title = "UK manifestos: value mentions per 1,000 words, Labour and Conservative"
    rhetor(
        "trends",
        str(records),
        "--by",
        "year",
        "--group",
        "party",
        *party,
        *labels,
        "--csv",
        "--title",
        title,
        "--plot",
        str(chart),
        stdout=out / "trends.csv",
    )
    rhetor("network", str(records), *party, "-o", str(out / "uk.graphml"), "--force")
    rhetor("network", str(records), *party, "--csv", "--slice", "year", stdout=out / "network.csv")
    labour_2015 = out / "documents" / "labour_2015.txt"
    rhetor(
        "analyse",
        str(labour_2015),
        "--sides",
        sides,
        "-f",
        "html",
        "-o",
        str(out / "labour_2015.html"),
    )
    print(f"outputs in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
