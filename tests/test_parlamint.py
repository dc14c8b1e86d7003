"""ParlaMint sittings: one record per utterance, the meta row as metadata."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rhetor.batching.parlamint import sitting_of
from rhetor.cli import app
from tests.conftest import needs_model

# whole commands and batches run end to end: seconds each, left out by -m 'not slow'
pytestmark = pytest.mark.slow

DATA = Path(__file__).resolve().parent / "data" / "parlamint-gb"
SITTING = "ParlaMint-GB_2017-09-07-commons"
SHARED = Path("/work/shared/corpora/parlamint-gb-sample")
HEADER = "ID\tText_ID\tSpeaker_role\tSpeaker_party\tSpeaker_party_name\tParty_status\tSpeaker_name"


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def records_of(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def sitting(folder: Path, name: str, rows: list[tuple[str, str, str, str, str]]) -> Path:
    """A sitting of utterances (id, party, status, speaker, text) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    txt = folder / f"{name}.txt"
    txt.write_text("".join(f"{uid}\t{text}\n" for uid, _, _, _, text in rows), encoding="utf-8")
    meta = [HEADER] + [
        f"{uid}\t{name}\tRegular\t{party}\t{party}\t{status}\t{speaker}"
        for uid, party, status, speaker, _ in rows
    ]
    (folder / f"{name}-meta.tsv").write_text("\n".join(meta) + "\n", encoding="utf-8")
    return txt


def test_parlamint_folder_gives_a_record_per_utterance_with_speaker_and_party():
    result = run("batch", DATA, "-m", "blank:en", "-j", "1", "-q")
    assert result.exit_code == 0, result.output
    records = records_of(result.stdout)
    assert [r["source"] for r in records] == [f"{SITTING}.u1", f"{SITTING}.u2", f"{SITTING}.u581"]
    first = records[0]["meta"]
    assert (first["Speaker_name"], first["Speaker_party"], first["Party_status"]) == (
        "Kinnock, Stephen Nathan",
        "LAB",
        "Opposition",
    )
    assert "ID" not in first and first["Date"] == "2017-09-07"
    assert records[1]["meta"]["Speaker_party"] == "CON"
    assert all(r["meta"]["government"] == [] for r in records)  # nobody is 'Coalition' here
    assert records[0]["stats"]["words"] > 10 and records[0]["error"] is None
    assert result.stderr.strip().splitlines() == [
        "rhetor: 1 ParlaMint sitting: 3 utterances scored as documents",
        "3 scored, 0 failed",
    ]


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared ParlaMint-GB sample is not here")
def test_parlamint_shared_sample_acceptance():
    result = run("batch", SHARED, "-m", "blank:en", "-j", "1")
    assert result.exit_code == 0, result.output
    records = records_of(result.stdout)
    assert len(records) == 4
    assert [(r["meta"]["Speaker_name"], r["meta"]["Speaker_party"]) for r in records] == [
        ("Kinnock, Stephen Nathan", "LAB"),
        ("Davis, David Michael", "CON"),
        ("Blackman, Robert John", "CON"),
        ("Jones, Marcus Charles", "CON"),
    ]
    assert "a ParlaMint sitting (ParlaMint-GB, English): 4 utterances" in result.stderr


def test_parlamint_txt_file_given_directly_and_csv_columns(tmp_path):
    result = run("batch", DATA / f"{SITTING}.txt", "-m", "blank:en", "-f", "csv", "-q")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["Speaker_party"] for r in rows] == ["LAB", "CON", "CON"]
    header = result.stdout.splitlines()[0].split(",")
    assert header[:3] == ["source", "Title", "Date"] and "government" in header


def test_parlamint_government_is_the_coalition_parties(tmp_path):
    folder = tmp_path / "ParlaMint-XX"
    sitting(
        folder,
        "ParlaMint-SI_2020-03-05",
        [
            ("u1", "SDS", "Coalition", "Janša, Janez", "We stand for solidarity."),
            ("u2", "SD", "Opposition", "Fajon, Tanja", "Fairness matters."),
            ("u3", "NSi", "Coalition", "Tonin, Matej", "Democracy."),
            ("u4", "-", "-", "Zorčič, Igor", "Order."),
        ],
    )
    found = sitting_of(str(folder / "ParlaMint-SI_2020-03-05.txt"))
    assert found.government == ("SDS", "NSi") and found.language == "Slovenian"
    result = run("batch", folder, "-m", "blank:en", "-q")
    assert result.exit_code == 0, result.output
    records = records_of(result.stdout)
    assert [r["meta"]["government"] for r in records] == [["SDS", "NSi"]] * 4
    result = run("batch", folder, "-m", "blank:en", "-q", "-f", "csv")
    assert [r["government"] for r in csv.DictReader(io.StringIO(result.stdout))] == ["SDS;NSi"] * 4


@pytest.mark.slow
def test_parlamint_non_english_sitting_warns_once(tmp_path):
    french = "Nous défendons la solidarité et la justice sociale pour tous les citoyens de la"
    rows = [
        (f"u{i}", "RE", "Coalition", "Dupont, Jean", f"{french} République, numéro {i}.")
        for i in range(5)
    ]
    sitting(tmp_path / "fr", "ParlaMint-FR_2021-01-12", rows)
    result = run("batch", tmp_path / "fr", "-m", "blank:en")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert "a French sitting (ParlaMint-FR)" in warnings[0]
    assert "ParlaMint-FR-en" in warnings[0]
    assert len(records_of(result.stdout)) == 5
    # Its English translation is English: no warning.
    sitting(tmp_path / "en", "ParlaMint-FR-en_2021-01-12", rows[:1])
    result = run("batch", tmp_path / "en", "-m", "blank:en")
    assert "(ParlaMint-FR-en, English)" in result.stderr


def test_parlamint_author_from_speaker_party(tmp_path, write):
    sides = write(
        "sides.yaml",
        "labour: {aliases: [Labour], codes: [LAB]}\n"
        "conservative: {aliases: [Tories], codes: [CON]}\n",
    )
    folder = tmp_path / "s"
    shutil.copytree(DATA, folder)
    result = run(
        "batch", folder, "--sides", sides, "--author-from", "Speaker_party", "-m", "blank:en",
        "-q",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    for record in records_of(result.stdout):
        party = {"LAB": "labour", "CON": "conservative"}[record["meta"]["Speaker_party"]]
        assert {c["side"] for c in record["claims"]} <= {party}
        assert "author" not in [s["id"] for s in record["sides"]]
    bare = write("bare.yaml", "labour: {aliases: [Labour], codes: [LAB]}\n")
    result = run("batch", folder, "--sides", bare, "--author-from", "Speaker_party")
    assert result.exit_code == 2
    assert "no side is named by 'CON' (2 documents)" in result.stderr


DEBATE_SIDES = (
    "labour: {aliases: [Labour], codes: [LAB]}\nconservatives: {aliases: [Tories], codes: [CON]}\n"
)
DEBATE = [
    ("u1", "LAB", "Opposition", "Smith, Ann", "We will always stand up for fairness."),
    ("u2", "LAB", "Opposition", "Smith, Ann", "The Government have abandoned fairness."),
    ("u3", "CON", "Coalition", "Jones, Bob", "The Government will defend democracy."),
]


@needs_model
def test_parlamint_government_from_the_coalition_parties(tmp_path, write):
    """With no --government, an utterance is spoken under its sitting's Coalition
    parties, mapped to sides by their codes."""
    sides = write("sides.yaml", DEBATE_SIDES)
    folder = tmp_path / "s"
    sitting(folder, "ParlaMint-GB_2020-01-01", DEBATE)
    result = run("batch", folder, "--sides", sides, "--author-from", "Speaker_party", "-q")
    assert result.exit_code == 0, result.output
    records = records_of(result.stdout)
    claims = [[(c["value"], c["side"], c["stance"]) for c in r["claims"]] for r in records]
    assert claims[0] == [("fairness", "labour", "claims")]
    assert claims[1] == [("fairness", "conservatives", "opposes")]
    assert claims[2] == [("democracy", "conservatives", "claims")]
    assert all(c["side"] != "author" for r in records for c in r["claims"])


def test_parlamint_government_party_no_side_names_is_one_line(tmp_path, write):
    bare = write("bare.yaml", "labour: {aliases: [Labour], codes: [LAB]}\n")
    folder = tmp_path / "s"
    sitting(folder, "ParlaMint-GB_2020-01-01", DEBATE)
    out = tmp_path / "out.jsonl"
    result = run("batch", folder, "--sides", bare, "-m", "blank:en", "-o", out)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rhetor: error: the government of the")
    assert "no side is named by 'CON' (3 documents)" in lines[0]
    assert "--government" in lines[0] and not out.exists()
    # --government names the government itself: the metadata's is not asked.
    result = run("batch", folder, "--sides", bare, "-m", "blank:en", "--government", "labour")
    assert result.exit_code == 0, result.output
    # Without given sides there is nothing to map to: the sitting is scored as before.
    result = run("batch", folder, "-m", "blank:en", "-q")
    assert result.exit_code == 0, result.output


def test_parlamint_broken_sitting_is_one_line(tmp_path):
    txt = sitting(tmp_path, "ParlaMint-GB_2020-01-01", [("u1", "CON", "", "A", "Text.")])
    txt.write_text("u1\tText.\nno tab on this line\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("batch", tmp_path, "-m", "blank:en", "-o", out)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"rhetor: error: {txt}:2: expected an utterance id, a TAB and the text "
        "(a ParlaMint sitting, beside its -meta.tsv)"
    ]
    assert not out.exists()


def test_parlamint_mixed_folder_missing_rows_and_resume(tmp_path):
    txt = sitting(tmp_path, "ParlaMint-GB_2020-01-01", [("u1", "CON", "", "A", "Fairness.")])
    with txt.open("a", encoding="utf-8") as stream:
        stream.write("u2\tSolidarity.\n")  # no meta row
    (tmp_path / "plain.txt").write_text("Democracy.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("batch", tmp_path, "-m", "blank:en", "-o", out)
    assert result.exit_code == 0, result.output
    assert "1 utterances have no row in" in result.stderr
    records = records_of(out.read_text())
    assert [r["source"].rsplit("/", 1)[-1] for r in records] == ["u1", "u2", "plain.txt"]
    assert records[1]["meta"]["Speaker_party"] == "" and records[2]["meta"]["government"] == ""
    with txt.open("a", encoding="utf-8") as stream:
        stream.write("u3\tResponsibility.\n")
    result = run("batch", tmp_path, "-m", "blank:en", "-o", out, "--resume")
    assert "resuming: 3 already scored, 1 to go" in result.stderr
    assert [r["source"] for r in records_of(out.read_text())][-1] == "u3"


def test_parlamint_meta_file_is_no_document_of_its_own(tmp_path):
    sitting(tmp_path, "ParlaMint-GB_2020-01-01", [("u1", "CON", "", "A", "Fairness.")])
    result = run("batch", tmp_path, "-g", "*", "-m", "blank:en", "-q")
    assert result.exit_code == 0, result.output
    assert [r["source"] for r in records_of(result.stdout)] == ["u1"]
