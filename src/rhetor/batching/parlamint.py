"""ParlaMint sittings in plain text: one record per utterance.

ParlaMint (CLARIN ERIC; 29 parliaments) distributes each sitting as ``NAME.txt``, one
utterance a line (``utterance id TAB text``), beside ``NAME-meta.tsv``, one row per
utterance (``ID``, the utterance id; ``Text_ID``, ``Speaker_name``,
``Speaker_party``, ``Party_status``, ``Speaker_role``, ...). A ``.txt`` file given to
``rhetor batch`` (or found in a folder) with such a meta file beside it is a sitting:
each utterance is scored as a document, its source the utterance id and its meta row
(every column but ``ID``) its metadata. The parties whose ``Party_status`` is
``Coalition`` in the sitting are its government: each record's ``government`` lists
them.

The country code of the file name (``ParlaMint-GB_...``, ``ParlaMint-ES-CT_...``)
tells the language. rhetor analyses English: an English sitting (GB, and every
``-en`` machine translation, ``ParlaMint-FR-en_...``) is scored as it is; any other is
scored too, with one warning for the sitting, since the lexicons and pipeline are
English and find little in it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rhetor.errors import InputError

META_SUFFIXES = ("-meta.tsv", "-meta-en.tsv")
ID_COLUMN = "ID"
PARTY_COLUMN = "Speaker_party"
STATUS_COLUMN = "Party_status"
GOVERNMENT_STATUS = "coalition"
GOVERNMENT_FIELD = "government"
_NAME = re.compile(r"^ParlaMint-([A-Z]{2}(?:-[A-Z]{2})?)(-en)?[_.]")

# The parliaments of ParlaMint 4 and the language of their sittings.
LANGUAGES = {
    "AT": "German",
    "BA": "Bosnian",
    "BE": "Dutch and French",
    "BG": "Bulgarian",
    "CZ": "Czech",
    "DK": "Danish",
    "EE": "Estonian",
    "ES": "Spanish",
    "ES-CT": "Catalan and Spanish",
    "ES-GA": "Galician and Spanish",
    "ES-PV": "Basque and Spanish",
    "FI": "Finnish",
    "FR": "French",
    "GB": "English",
    "GR": "Greek",
    "HR": "Croatian",
    "HU": "Hungarian",
    "IS": "Icelandic",
    "IT": "Italian",
    "LV": "Latvian",
    "NL": "Dutch",
    "NO": "Norwegian",
    "PL": "Polish",
    "PT": "Portuguese",
    "RS": "Serbian",
    "SE": "Swedish",
    "SI": "Slovenian",
    "TR": "Turkish",
    "UA": "Ukrainian and Russian",
}


@dataclass(frozen=True)
class Sitting:
    """A ParlaMint sitting found beside its meta file, checked by :func:`sitting_of`."""

    path: str  # NAME.txt
    meta_path: str  # NAME-meta.tsv
    columns: tuple[str, ...]  # the meta columns, ID left out
    utterances: int
    government: tuple[str, ...]
    corpus: str  # ParlaMint-GB, ParlaMint-FR-en, or the file name when it says nothing
    language: str | None  # None: the name does not say
    missing: int = 0  # utterances with no row in the meta file

    @property
    def english(self) -> bool:
        return self.language == "English"

    def describe(self) -> str:
        language = f", {self.language}" if self.language else ""
        return f"a ParlaMint sitting ({self.corpus}{language}): {self.utterances} utterances"


@dataclass(frozen=True)
class Utterance:
    id: str
    text: str
    meta: dict[str, object]  # the meta row (text), and the sitting's government (a list)


def meta_file(path: str | Path) -> Path | None:
    """The ``-meta.tsv`` beside a ``.txt`` file, if there is one."""
    path = Path(path)
    if path.suffix.lower() != ".txt":
        return None
    for suffix in META_SUFFIXES:
        candidate = path.with_name(path.stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def sitting_of(path: str) -> Sitting | None:
    """The sitting at ``path`` (checked: every line an utterance id and a text, ids
    unique, the meta file a table with an ``ID`` column), or None when ``path`` is not
    a ParlaMint sitting (no meta file with an ``ID`` column beside it)."""
    meta = meta_file(path)
    if meta is None:
        return None
    header, rows = _meta_rows(meta)
    if ID_COLUMN not in header:
        return None
    government: dict[str, None] = {}
    for row in rows.values():
        party = row.get(PARTY_COLUMN, "").strip()
        if row.get(STATUS_COLUMN, "").strip().casefold() == GOVERNMENT_STATUS and party:
            government.setdefault(party)
    count = missing = 0
    for uid, _ in _utterances(path):
        count += 1
        missing += uid not in rows
    found = _NAME.match(Path(path).name)
    if found:
        country, english = found.group(1), bool(found.group(2))
        corpus = f"ParlaMint-{country}{found.group(2) or ''}"
        language = "English" if english else LANGUAGES.get(country)
    else:
        corpus, language = Path(path).name, None
    columns = tuple(c for c in header if c != ID_COLUMN)
    return Sitting(path, str(meta), columns, count, tuple(government), corpus, language, missing)


def utterances(sitting: Sitting) -> Iterator[Utterance]:
    """The utterances of a sitting, in order, each with its meta row (empty fields
    when the meta file has no row for it)."""
    _, rows = _meta_rows(Path(sitting.meta_path))
    blank = dict.fromkeys(sitting.columns, "")
    for uid, text in _utterances(sitting.path):
        meta: dict[str, object] = {**blank, **rows.get(uid, {})}
        meta.pop(ID_COLUMN, None)
        meta[GOVERNMENT_FIELD] = list(sitting.government)
        yield Utterance(uid, text, meta)


def _utterances(path: str) -> Iterator[tuple[str, str]]:
    from rhetor.io.textio import read_text, shown

    seen: set[str] = set()
    for number, line in enumerate(read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        uid, tab, text = line.partition("\t")
        uid = uid.strip()
        if not tab or not uid:
            raise InputError(
                f"{shown(path)}:{number}: expected an utterance id, a TAB and the text "
                "(a ParlaMint sitting, beside its -meta.tsv)"
            )
        if uid in seen:
            raise InputError(f"{shown(path)}:{number}: utterance {uid!r} appears twice")
        seen.add(uid)
        yield uid, text


def _meta_rows(meta: Path) -> tuple[list[str], dict[str, dict[str, str]]]:
    """The header and the rows by utterance id of a ParlaMint meta file (TSV without
    quoting: a quote in a title is a quote)."""
    from rhetor.io.textio import read_text, shown

    name = shown(str(meta))
    lines = read_text(str(meta)).splitlines()
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    try:
        header = [h.strip() for h in next(reader, [])]
        if ID_COLUMN not in header:
            return header, {}
        at = header.index(ID_COLUMN)
        rows: dict[str, dict[str, str]] = {}
        for number, cells in enumerate(reader, 2):
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                raise InputError(
                    f"{name}:{number}: {len(cells)} cells where the header has {len(header)}"
                )
            rows[cells[at].strip()] = dict(zip(header, (c.strip() for c in cells), strict=True))
    except csv.Error as exc:
        raise InputError(f"{name}: malformed TSV: {exc}") from None
    return header, rows
