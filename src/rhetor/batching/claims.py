"""``rhetor batch --format claims``: one CSV row per claim.

Tidy data for pandas or R, and a coding sheet for checking rhetor by hand: the
last three columns (``correct_side``, ``correct_stance``, ``wrong``) are left
empty for a reader to fill, and ``rhetor gold SHEET.csv`` turns the corrected
sheet into a gold file (:mod:`rhetor.corpus.sheet`).

Columns: ``source``, the metadata fields, then ``value, polarity, side, stance,
modality, holder, cue, rule, confidence, counted, start, end, sentence_start, text,
sentence, sha256`` and the three correction columns. ``start``, ``end`` and
``sentence_start`` are character offsets into the document, so ``rhetor gold`` can
score a corrected sheet on whole documents, in place. ``modality`` is empty when the
analysis does not give one.
"""

from __future__ import annotations

from collections.abc import Sequence

from rhetor.batching.metadata import meta_of

CLAIM_COLUMNS = (
    "value",
    "polarity",
    "side",
    "stance",
    "modality",
    "holder",
    "cue",
    "rule",
    "confidence",
    "counted",
    "start",
    "end",
    "sentence_start",
    "text",
    "sentence",
    "sha256",
)
CORRECTION_COLUMNS = ("correct_side", "correct_stance", "wrong")


def claims_columns(meta_fields: Sequence[str] = ()) -> list[str]:
    return ["source", *meta_fields, *CLAIM_COLUMNS, *CORRECTION_COLUMNS]


def claims_rows(record: dict, meta_fields: Sequence[str] = ()) -> list[dict]:
    """One row per claim of ``record``; a failed document gives no rows."""
    if record.get("error"):
        return []
    meta = meta_of(record)
    rows = []
    for claim in record.get("claims") or ():
        holder = claim.get("holder") or {}
        row = {"source": record["source"], **{f: meta.get(f, "") for f in meta_fields}}
        row.update({column: claim.get(column) for column in CLAIM_COLUMNS})
        row["holder"] = holder.get("text", "")
        row["sha256"] = record.get("sha256") or ""
        row["sentence"] = (claim.get("sentence") or "").strip()
        rows.append({k: "" if v is None else v for k, v in row.items()})
    return rows
