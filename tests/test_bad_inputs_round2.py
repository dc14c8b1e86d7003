"""Bad inputs, the third table: the round-2 commands (cache, compare, trends, network,
kwic, gold, batch's CSV and --resume, --scheduler, lexicons import, counts mode) given
what an adversarial tester or a careless run would give them. Beside
``test_bad_inputs.py`` and ``test_bad_inputs_abuse.py``.

Every case runs the CLI in-process (CliRunner, stdout and stderr apart) and asserts:

- the exit code (0, or 1/2 with exactly one ``rhetor: error:`` line), never 70;
- no traceback, and every other line on stderr a warning or a count;
- that it took under a minute (or its own tighter limit);
- that nothing was damaged: every regular file under the case's folder has the same bytes
  afterwards, except the outputs it names, and no temporary file is left; and its own
  check (what was written, and that it is shown literally).
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import socket
import stat
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import rhetor
from rhetor.batching.metadata import compile_name_pattern
from rhetor.cli import app
from rhetor.errors import InputError
from rhetor.io.csvcells import csv_line, read_table

runner = CliRunner()
BLANK = ["-m", "blank:en"]
GOOD = "We stand for fairness and solidarity.\n"
MINUTE = 60.0
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
HAS_DASK = HAS_PLOT = HAS_NETWORKX = True
try:
    import distributed  # noqa: F401
except ImportError:
    HAS_DASK = False
try:
    import matplotlib  # noqa: F401
except ImportError:
    HAS_PLOT = False
try:
    import networkx  # noqa: F401
except ImportError:
    HAS_NETWORKX = False


@dataclass
class Case:
    args: list[str]
    files: dict[str, bytes | str] = field(default_factory=dict)
    exit_code: int = 0
    stderr: str | None = None  # a fragment of the error or warning
    stdin: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    setup: Callable[[Path], None] | None = None  # made before the snapshot
    patch: Callable[[pytest.MonkeyPatch, Path], None] | None = None  # during the run only
    changes: tuple[str, ...] = ()  # files the case may change (its outputs)
    check: Callable[[object, Path], None] | None = None
    seconds: float = MINUTE
    needs: str | None = None  # "dask", "plot" or "networkx"


# -- records ---------------------------------------------------------------------------------


def record(source="a.txt", words=100, values=None, claims=(), meta=None, **more) -> dict:
    """A batch record as rhetor writes it, with only what the corpus views read."""
    values = {"fairness": 2, "solidarity": 1} if values is None else values
    return {
        "schema": "rhetor.report.model/1",
        "source": source,
        "stats": {"characters": 600, "words": words, "sentences": 5},
        "values": [
            {"value": v, "mentions": n, "virtue": n, "vice": 0, "negated": 0}
            for v, n in values.items()
        ],
        "claims": [{"side": s, "value": v, "stance": t} for s, v, t in claims],
        "sides": [],
        "meta": meta or {},
        **more,
    }


def jsonl(*records: dict) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)  # ASCII: lone surrogates too


A = record("a.txt", meta={"year": "1990", "party": "lab"}, claims=[("lab", "fairness", "claims")])
B = record(
    "b.txt",
    values={"fairness": 1, "solidarity": 3},
    meta={"year": "2000", "party": "con"},
    claims=[("con", "solidarity", "opposes")],
)
RECORDS = jsonl(A, B)


def with_words(text: str) -> str:
    """RECORDS with the second record's word count spelled ``text`` (Infinity, 1e400)."""
    return jsonl(A) + jsonl(B).replace('"words": 100', f'"words": {text}')


def named(value: str, side: str = "lab") -> str:
    """Records whose value (and side) ids are ``value`` and ``side``."""
    return jsonl(
        record("a.txt", values={value: 2}, meta={"year": "1990"}, claims=[(side, value, "claims")]),
        record("b.txt", values={value: 1}, meta={"year": "2000"}),
    )


MANY_VALUES = jsonl(
    *(
        record(
            f"d{d}.txt",
            words=1000,
            values={f"v{i:04d}": (i * d) % 7 for i in range(1000)},
            meta={"year": str(1990 + d % 10), "party": f"p{d % 20}"},
        )
        for d in range(40)
    )
)


# -- building blocks -------------------------------------------------------------------------


def in_folder(tmp: Path, *args: str, stdin: str | None = None) -> None:
    """Run rhetor in ``tmp`` (for a case's setup); it must succeed."""
    cwd = os.getcwd()
    os.chdir(tmp)
    try:
        result = runner.invoke(app, list(args), input=stdin)
        assert result.exit_code == 0, result.stderr
    finally:
        os.chdir(cwd)


def then(*setups):
    def setup(tmp: Path) -> None:
        for each in setups:
            each(tmp)

    return setup


def run(*args: str, stdin: str | None = None):
    return lambda tmp: in_folder(tmp, *args, stdin=stdin)


def symlink(name: str, target: str):
    def setup(tmp: Path) -> None:
        (tmp / name).symlink_to(target)

    return setup


def both(*checks):
    def check(result, tmp: Path) -> None:
        for each in checks:
            each(result, tmp)

    return check


def nothing_named(*names: str):
    def check(result, tmp: Path) -> None:
        for name in names:
            assert not os.path.lexists(tmp / name), name

    return check


def stdout_has(*texts: str):
    def check(result, tmp: Path) -> None:
        for text in texts:
            assert text in result.stdout, text

    return check


def json_groups(*names: str):
    """compare --json compared exactly these groups."""

    def check(result, tmp: Path) -> None:
        assert sorted(g["name"] for g in json.loads(result.stdout)["groups"]) == sorted(names)

    return check


def csv_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


# -- the cache -------------------------------------------------------------------------------


def cached(tmp: Path) -> None:
    """A parse cache made by rhetor, with one entry."""
    (tmp / "in.txt").write_text(GOOD)
    in_folder(tmp, "analyse", "in.txt", "--json", "--cache", "cache", *BLANK)


def the_entry(tmp: Path) -> Path:
    (entry,) = (tmp / "cache").glob("*/??/*.doc")
    return entry


def entry_becomes(make: Callable[[Path, Path], None]):
    def setup(tmp: Path) -> None:
        cached(tmp)
        entry = the_entry(tmp)
        entry.unlink()
        make(entry, tmp)

    return setup


def entry_is_whole_again(result, tmp: Path) -> None:
    entry = the_entry(tmp)
    assert stat.S_ISREG(os.lstat(entry).st_mode)
    assert entry.read_bytes().startswith(b"rhetor-doc-cache/1 ")
    assert json.loads(result.stdout)["values"][0]["value"]  # the report is whole


def hostile_cache(tmp: Path) -> None:
    """A rhetor cache holding links out of it: a pipeline folder, a shard and an entry,
    each a symlink to something outside that is named like cache content."""
    cached(tmp)
    entry = the_entry(tmp)
    pipeline = entry.parent.parent
    outside = tmp / "outside"
    (outside / "ab").mkdir(parents=True)
    keep = f"cd{'e' * 62}.doc"
    (outside / keep).write_bytes(entry.read_bytes())
    (outside / "ab" / f"ab{'0' * 62}.doc").write_bytes(entry.read_bytes())
    (outside / "precious.doc").write_text("keep me")
    (pipeline / "cd").symlink_to(outside)  # a shard that is a link
    (entry.parent / f"{entry.name[:2]}{'f' * 62}.doc").symlink_to(outside / "precious.doc")
    (tmp / "cache" / f"{pipeline.name[:-12]}{'1' * 12}").symlink_to(outside)  # a pipeline


def outside_untouched(result, tmp: Path) -> None:
    outside = tmp / "outside"
    assert (outside / "precious.doc").read_text() == "keep me"
    assert len(list(outside.rglob("*.doc"))) == 3
    left = [
        name
        for folder, _, names in os.walk(tmp / "cache")  # links are not followed
        for name in names
        if name.endswith(".doc") and stat.S_ISREG(os.lstat(Path(folder) / name).st_mode)
    ]
    assert left == []  # rhetor's own entry went
    assert len([p for p in (tmp / "cache").rglob("*") if p.is_symlink()]) >= 3  # links stay


def foreign_tag(tmp: Path) -> None:
    cached(tmp)
    (tmp / "cache" / "CACHEDIR.TAG").write_text(
        "Signature: 8a477f597d28d172789f06886806bc55\n# This file marks a backup cache.\n"
    )


def tag_is_a_link(tmp: Path) -> None:
    cached(tmp)
    tag = tmp / "cache" / "CACHEDIR.TAG"
    (tmp / "real.TAG").write_bytes(tag.read_bytes())
    tag.unlink()
    tag.symlink_to(tmp / "real.TAG")


# -- other inputs ----------------------------------------------------------------------------

DOCS = {f"docs/{i}.txt": f"We stand for fairness, number {i}.\n" for i in range(3)}
LEX = "id: care\nvirtue: [care]\n"
FORMULA_NAMES = ("=cmd", "+x", "-y", "@z", "'q")
FORMULA_DOCS = {f"{n}.txt": "- We stand for fairness.\n" for n in FORMULA_NAMES}
FORMULA_LIST = "".join(f"{n}.txt\n" for n in FORMULA_NAMES)
META = ("--meta", "meta.csv", *BLANK)
HUGE = "x" * 200_000  # over the csv module's limit of 131,072 characters a cell
SHEET_ROW = "a.txt,fairness,virtue,we,claims,verb,We win.,,,\n"
SHEET_HEADER = "source,value,polarity,side,stance,rule,sentence,correct_side,correct_stance,wrong\n"


def formula_cells_marked(name: str, columns: tuple[str, ...]):
    """Every text cell of ``columns`` that began with a formula character begins with ',
    and the counts rhetor wrote are plain numbers."""

    def check(result, tmp: Path) -> None:
        rows = csv_of((tmp / name).read_text(encoding="utf-8"))
        assert rows
        for row in rows:
            for column in columns:
                assert row[column].startswith("'"), (column, row[column])
                assert row[column][1] in "=+-@'", (column, row[column])
            for number in ("words", "start", "end"):
                if number in row:
                    assert row[number].isdigit(), (number, row[number])

    return check


def stdout_cells_marked(*cells: str, negative_numbers: bool = False):
    """These text cells of the CSV on stdout begin with '; with ``negative_numbers``,
    some cell is a negative number rhetor wrote, left as it is."""

    def check(result, tmp: Path) -> None:
        found = {c for row in csv.reader(io.StringIO(result.stdout, newline="")) for c in row}
        for cell in cells:
            assert "'" + cell in found, (cell, sorted(found)[:20])
        if negative_numbers:
            assert any(c.startswith("-") and c[1:2].isdigit() for c in found)

    return check


def read_only(folder: str):
    """``folder`` made read-only, also for root (for whom modes mean nothing): creating
    anything in it fails as on a read-only mount."""

    def setup(tmp: Path) -> None:
        (tmp / folder).mkdir()
        (tmp / folder).chmod(0o555)

    def patch(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> None:
        inside = str(tmp / folder) + os.sep
        real_open, real_mkdir = os.open, os.mkdir

        def refused(path) -> bool:
            return os.path.abspath(os.fsdecode(path)).startswith(inside)

        def fake_open(path, flags, *args, **kwargs):
            if flags & os.O_CREAT and refused(path):
                raise PermissionError(errno.EROFS, "Read-only file system", os.fsdecode(path))
            return real_open(path, flags, *args, **kwargs)

        def fake_mkdir(path, *args, **kwargs):
            if refused(os.path.join(path, "")):
                raise PermissionError(errno.EROFS, "Read-only file system", os.fsdecode(path))
            return real_mkdir(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", fake_open)
        monkeypatch.setattr(os, "mkdir", fake_mkdir)

    return setup, patch


READ_ONLY_SETUP, READ_ONLY_PATCH = read_only("ro")


def silent_server() -> str:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    SOCKETS.append(server)
    return f"tcp://127.0.0.1:{server.getsockname()[1]}"


SOCKETS: list[socket.socket] = []


def graphml_whole(name: str, edges: int):
    """The GraphML parses, its edge ids are unique, and it holds ``edges`` edges."""

    def check(result, tmp: Path) -> None:
        root = ET.parse(tmp / name).getroot()
        ids = [e.get("id") for e in root.iter(f"{GRAPHML}edge")]
        assert len(ids) == edges and len(set(ids)) == edges, ids
        nodes = [n.get("id") for n in root.iter(f"{GRAPHML}node")]
        assert len(nodes) == len(set(nodes))

    return check


def gold_texts(name: str, *texts: str):
    def check(result, tmp: Path) -> None:
        data = yaml.safe_load((tmp / name).read_text(encoding="utf-8"))
        assert set(data) == {"passages"}
        found = []
        for passage in data["passages"]:
            if "file" in passage:  # a whole document, scored in place on its checked spans
                document = (tmp / passage["file"]).read_text(encoding="utf-8")
                found += [document[start:end] for start, end in passage["spans"]]
            else:
                found.append(passage["text"])
        assert sorted(found) == sorted(texts)

    return check


def header_is_comments(name: str):
    """Every line before ``passages:`` is a comment, and none holds a line separator."""

    def check(result, tmp: Path) -> None:
        text = (tmp / name).read_text(encoding="utf-8")
        head = text[: text.index("passages:")]
        assert "\u2028" not in head and "\\x0a" in head
        assert all(line.startswith("#") for line in head.splitlines())

    return check


def report(values: tuple[str, ...]):
    """A JSON report with these mentions, whose offsets index the file as written."""

    def check(result, tmp: Path) -> None:
        data = json.loads(result.stdout)
        assert [m["value"] for m in data["matches"]] == list(values)
        text = (tmp / "in.txt").read_text(encoding="utf-8")
        for match in data["matches"]:
            assert text[match["start"] : match["end"]] == match["text"]

    return check


CASES: dict[str, Case] = {
    # -- 1. the parse cache ----------------------------------------------------------------
    "cache-clear-never-follows-links": Case(
        ["cache", "clear", "cache"],
        setup=hostile_cache,
        stderr=None,
        changes=("cache",),
        check=both(outside_untouched, stdout_has("removed 1 cached parses")),
    ),
    "cache-clear-another-programs-cachedir-tag": Case(
        ["cache", "clear", "cache"],
        setup=foreign_tag,
        exit_code=1,
        stderr="cache: not a rhetor parse cache (its CACHEDIR.TAG is another program's)",
    ),
    "cache-clear-tag-that-is-a-link": Case(
        ["cache", "clear", "cache"],
        setup=tag_is_a_link,
        exit_code=1,
        stderr="not a rhetor parse cache (its CACHEDIR.TAG cannot be read",
    ),
    "cache-info-entry-a-fifo": Case(
        ["cache", "info", "cache"],
        setup=entry_becomes(lambda entry, tmp: os.mkfifo(entry)),
        check=stdout_has("(1 unreadable)"),
        seconds=20,
    ),
    "cache-entry-a-fifo-rebuilt": Case(
        ["analyse", "in.txt", "--json", "--cache", "cache"],
        setup=entry_becomes(lambda entry, tmp: os.mkfifo(entry)),
        stderr="it is not a regular file; parsing again",
        check=entry_is_whole_again,
        seconds=20,
    ),
    "cache-entry-a-link-to-dev-zero-rebuilt": Case(
        ["analyse", "in.txt", "--json", "--cache", "cache"],
        setup=entry_becomes(lambda entry, tmp: entry.symlink_to("/dev/zero")),
        stderr="it is a symbolic link; parsing again",
        check=both(entry_is_whole_again, lambda r, t: stat.S_ISCHR(os.stat("/dev/zero").st_mode)),
        seconds=20,
    ),
    "cache-entry-a-link-to-a-file-left-alone": Case(
        ["analyse", "in.txt", "--json", "--cache", "cache"],
        setup=entry_becomes(lambda entry, tmp: entry.symlink_to(tmp / "in.txt")),
        stderr="it is a symbolic link; parsing again",
        check=entry_is_whole_again,  # the snapshot shows in.txt untouched
    ),
    "cache-entry-larger-than-an-entry-can-be": Case(
        ["analyse", "in.txt", "--json", "--cache", "cache"],
        setup=entry_becomes(lambda entry, tmp: entry.write_bytes(b"\0" * (3 << 20))),
        stderr="larger than an entry can be",
        changes=("cache",),
        check=entry_is_whole_again,
    ),
    # -- 2. records read back ----------------------------------------------------------------
    "records-words-infinity": Case(
        ["trends", "recs.jsonl", "--by", "year"],
        {"recs.jsonl": with_words("Infinity")},
        exit_code=1,
        stderr="recs.jsonl:2: words inf is not a count",
    ),
    "records-words-nan": Case(
        ["compare", "recs.jsonl", "--by", "year"],
        {"recs.jsonl": with_words("NaN")},
        exit_code=1,
        stderr="recs.jsonl:2: words nan is not a count",
    ),
    "records-words-1e400": Case(
        ["network", "recs.jsonl", "--csv"],
        {"recs.jsonl": with_words("1e400")},
        exit_code=1,
        stderr="recs.jsonl:2: words inf is not a count",
    ),
    "records-words-401-digits": Case(
        ["compare", "recs.jsonl", "--by", "year", "--json"],
        {"recs.jsonl": with_words("9" * 401)},
        exit_code=1,
        stderr="recs.jsonl:2: words 99999999999999999999... is not a count",
    ),
    "records-words-5000-digits": Case(
        ["trends", "recs.jsonl", "--by", "year"],
        {"recs.jsonl": with_words("9" * 5000)},
        exit_code=1,
        stderr="recs.jsonl:2: not a JSON line",
    ),
    "records-words-negative": Case(
        ["compare", "recs.jsonl", "--by", "year"],
        {"recs.jsonl": with_words("-5")},
        exit_code=1,
        stderr="recs.jsonl:2: words -5 is not a count",
    ),
    "records-mentions-a-fraction": Case(
        ["trends", "recs.jsonl", "--by", "year", "--csv"],
        {"recs.jsonl": RECORDS.replace('"mentions": 3', '"mentions": 2.5')},
        exit_code=1,
        stderr="recs.jsonl:2: solidarity mentions 2.5 is not a count",
    ),
    "records-json-array-infinity-names-its-line": Case(
        ["compare", "recs.json", "--by", "year"],
        {
            "recs.json": "[\n"
            + json.dumps(A)
            + ",\n"
            + with_words("Infinity").split("\n")[1]
            + "\n]\n"
        },
        exit_code=1,
        stderr="recs.json:3: words inf is not a count",
    ),
    "records-json-array-deeply-nested": Case(
        ["trends", "recs.json", "--by", "year"],
        {"recs.json": "[" * 100_000 + "]" * 100_000},
        exit_code=1,
        stderr="recs.json:1: malformed JSON",
    ),
    "records-csv-words-infinity": Case(
        ["compare", "recs.csv", "--by", "year"],
        {"recs.csv": "source,year,sha256,words,fairness_mentions\na,1,h,4,1\nb,2,h,Infinity,1\n"},
        exit_code=1,
        stderr="recs.csv:3: words 'Infinity' is not a count",
    ),
    "records-csv-mentions-negative": Case(
        ["trends", "recs.csv", "--by", "year"],
        {"recs.csv": "source,year,sha256,words,fairness_mentions\na,1,h,4,-1\n"},
        exit_code=1,
        stderr="recs.csv:2: fairness_mentions '-1' is not a count",
    ),
    "records-claim-stance-unknown": Case(
        ["network", "recs.jsonl", "--csv"],
        {"recs.jsonl": RECORDS.replace('"opposes"', '"loves"')},
        exit_code=1,
        stderr="recs.jsonl:2: stance 'loves' is not one of",
    ),
    "compare-rich-markup-in-value-ids": Case(
        ["compare", "recs.jsonl", "--by", "year"],
        {"recs.jsonl": named("[/]", side="[bold]x")},
        check=stdout_has("[/]", "[bold]x"),
    ),
    "trends-rich-markup-in-value-ids-and-groups": Case(
        ["trends", "recs.jsonl", "--by", "year", "--group", "party"],
        {"recs.jsonl": named("[bold]").replace('"1990"}', '"1990", "party": "[/]"}')},
        check=stdout_has("[bold]", "[/]"),
    ),
    "trends-plot-mathtext-in-values-groups-and-title": Case(
        [
            *("trends", "recs.jsonl", "--by", "year", "--group", "party", "--plot", "out.png"),
            *("--title", r"$\bar$ [/]"),
        ],
        {"recs.jsonl": named(r"$\foo$").replace('"1990"}', '"1990", "party": "$x^$"}')},
        changes=("out.png",),
        check=lambda result, tmp: (tmp / "out.png").read_bytes().startswith(b"\x89PNG"),
        needs="plot",
    ),
    "compare-batch-csv-cell-over-the-field-limit": Case(
        ["compare", "out.csv", "--by", "party", "--json"],
        {**DOCS, "meta.csv": f"source,party\n0.txt,{HUGE}\n1.txt,lab\n2.txt,lab\n"},
        setup=run("batch", "docs", "-q", "-j", "1", "-f", "csv", "-o", "out.csv", *META),
        check=json_groups(HUGE, "lab"),
    ),
    "batch-resume-csv-cell-over-the-field-limit": Case(
        ["batch", "docs", "-q", "-f", "csv", "-o", "out.csv", "--meta", "meta.csv", "--resume"],
        {**DOCS, "meta.csv": f"source,party\n0.txt,{HUGE}\n1.txt,lab\n2.txt,lab\n"},
        setup=run("batch", "docs", "-q", "-j", "1", "-f", "csv", "-o", "out.csv", *META),
        stderr="resuming: 3 already scored, 0 to go",
        changes=("out.csv",),
    ),
    "compare-batch-csv-multi-line-metadata-cell": Case(
        ["compare", "out.csv", "--by", "party", "--json"],
        {**DOCS, "meta.csv": 'source,party\n0.txt,"lab\nour"\n1.txt,con\n2.txt,con\n'},
        setup=run("batch", "docs", "-q", "-j", "1", "-f", "csv", "-o", "out.csv", *META),
        check=json_groups("lab\nour", "con"),
    ),
    "compare-batch-jsonl-with-line-separators-in-text": Case(
        ["compare", "r.jsonl", "--by", "party", "--json"],
        {
            "docs/a.txt": "We stand for\u2028fairness.\n",
            "docs/b.txt": "We stand for solidarity\x85 now.\n",
            "meta.csv": "source,party\na.txt,lab\nb.txt,con\n",
        },
        setup=run("batch", "docs", "-q", "-j", "1", "-o", "r.jsonl", *META),
        check=json_groups("lab", "con"),
    ),
    "compare-the-same-file-twice": Case(
        ["compare", "a.txt", "a.txt"],
        {"a.txt": GOOD},
        exit_code=2,
        stderr="a.txt: given twice; compare needs two different files",
        seconds=20,
    ),
    "compare-the-same-records-by-two-names": Case(
        ["compare", "recs.jsonl", "twin.jsonl", "--by", "year"],
        {"recs.jsonl": RECORDS},
        setup=symlink("twin.jsonl", "recs.jsonl"),
        exit_code=2,
        stderr="twin.jsonl: the same file as recs.jsonl",
    ),
    # -- 3. plots and names ------------------------------------------------------------------
    "trends-plot-of-1000-values": Case(
        ["trends", "recs.jsonl", "--by", "year", "--group", "party", "--plot", "out.png"],
        {"recs.jsonl": MANY_VALUES},
        stderr="--plot: 1,000 values; drew the 24 most mentioned, left out 976",
        changes=("out.png",),
        check=stdout_has("Not shown: 988 values, 8 groups of party"),
        needs="plot",
    ),
    "trends-table-of-1000-values": Case(
        ["trends", "recs.jsonl", "--by", "year", "--group", "party"],
        {"recs.jsonl": MANY_VALUES},
        check=stdout_has("Not shown: 988 values, 8 groups of party"),
        seconds=30,
    ),
    "batch-name-pattern-with-12-stars": Case(
        ["batch", "docs", "-q", "--name-pattern", "*_" * 12 + "{x}_end.txt"],
        {f"docs/{'a_' * 98}b.txt": GOOD},
        stderr="name does not fit --name-pattern",
        seconds=10,
    ),
    # -- 4. no output over an input ----------------------------------------------------------
    "network-out-is-its-input": Case(
        ["network", "in.jsonl", "-o", "in.jsonl", "--force"],
        {"in.jsonl": RECORDS},
        exit_code=1,
        stderr="in.jsonl: is also an input (in.jsonl)",
        needs="networkx",
    ),
    "network-out-links-to-its-input": Case(
        ["network", "in.jsonl", "-o", "net.graphml", "--force"],
        {"in.jsonl": RECORDS},
        setup=symlink("net.graphml", "in.jsonl"),
        exit_code=1,
        stderr="net.graphml: is also an input (in.jsonl)",
        needs="networkx",
    ),
    "gold-out-is-the-sheet": Case(
        ["gold", "sheet.csv", "-o", "sheet.csv", "--force"],
        {"sheet.csv": SHEET_HEADER + SHEET_ROW},
        exit_code=1,
        stderr="sheet.csv: is also an input (sheet.csv)",
    ),
    "gold-out-links-to-the-sheet": Case(
        ["gold", "sheet.csv", "-o", "gold.yaml", "--force"],
        {"sheet.csv": SHEET_HEADER + SHEET_ROW},
        setup=symlink("gold.yaml", "sheet.csv"),
        exit_code=1,
        stderr="gold.yaml: is also an input (sheet.csv)",
    ),
    "gold-out-is-the-sides-file": Case(
        ["gold", "sheet.csv", "--sides", "s.yaml", "-o", "s.yaml", "--force"],
        {
            "sheet.csv": SHEET_HEADER + SHEET_ROW,
            "s.yaml": "we: [we]\n",
        },
        exit_code=1,
        stderr="s.yaml: is also an input",
    ),
    "trends-plot-links-to-its-records": Case(
        ["trends", "recs.jsonl", "--by", "year", "--plot", "chart.png"],
        {"recs.jsonl": RECORDS},
        setup=symlink("chart.png", "recs.jsonl"),
        exit_code=1,
        stderr="chart.png: is also an input (recs.jsonl)",
        needs="plot",
    ),
    "lexicons-export-over-its-lexicon": Case(
        ["lexicons", "export", "-l", "care.yaml", "--no-default-lexicons", "-o", "care.yaml"],
        {"care.yaml": LEX},
        exit_code=1,
        stderr="care.yaml: is also an input",
    ),
    "lexicons-import-over-its-input": Case(
        ["lexicons", "import", "out/care.yaml", "--from", "quanteda", "-o", "out", "--force"],
        {"out/care.yaml": "care:\n  virtue: [care]\n"},
        exit_code=1,
        stderr="out/care.yaml: is also an input",
    ),
    # -- 5. GraphML --------------------------------------------------------------------------
    "network-graphml-control-characters-in-names": Case(
        ["network", "recs.jsonl", "--slice", "year", "-o", "net.graphml"],
        {
            "recs.jsonl": jsonl(
                record(
                    "a\x01.txt",
                    values={"fair\x00ness": 1},
                    meta={"year": "19\x0290"},
                    claims=[("x\x1b[2J", "fair\x00ness", "claims"), ("x\\x1b[2J", "w", "opposes")],
                ),
                record(
                    "\udcff.txt", meta={"year": "\x0b"}, claims=[("\ud800", "v\ufffe", "claims")]
                ),
            )
        },
        stderr=None,
        changes=("net.graphml",),
        check=graphml_whole("net.graphml", 3),
        needs="networkx",
    ),
    "network-graphml-pipes-in-names": Case(
        ["network", "recs.jsonl", "-o", "net.graphml"],
        {
            "recs.jsonl": jsonl(
                record(claims=[("a|b", "c", "claims"), ("a", "b|c", "claims")]),
                record("b.txt", claims=[("a\\", "|c", "claims"), ("a\\|", "c", "claims")]),
            )
        },
        changes=("net.graphml",),
        check=graphml_whole("net.graphml", 4),
        needs="networkx",
    ),
    # -- 6. spreadsheet formulas -------------------------------------------------------------
    "batch-csv-formula-cells-marked": Case(
        ["batch", "-", "-q", "-f", "csv", "-o", "out.csv", "--name-pattern", "{tag}.txt"],
        FORMULA_DOCS,
        stdin=FORMULA_LIST,
        changes=("out.csv",),
        check=formula_cells_marked("out.csv", ("source", "tag")),
    ),
    "batch-claims-sheet-formula-cells-marked": Case(
        ["batch", "-", "-q", "-f", "claims", "-o", "claims.csv", "--name-pattern", "{tag}.txt"],
        FORMULA_DOCS,
        stdin=FORMULA_LIST,
        changes=("claims.csv",),
        check=formula_cells_marked("claims.csv", ("source", "tag", "sentence")),
    ),
    "compare-reads-marked-batch-csv-exactly": Case(
        ["compare", "out.csv", "--by", "tag", "--json"],
        FORMULA_DOCS,
        setup=run(
            "batch",
            "-",
            "-q",
            "-j",
            "1",
            "-f",
            "csv",
            "-o",
            "out.csv",
            *BLANK,
            "--name-pattern",
            "{tag}.txt",
            stdin=FORMULA_LIST,
        ),
        check=json_groups(*FORMULA_NAMES),
    ),
    "batch-resume-reads-marked-sources-exactly": Case(
        ["batch", "-", "-q", "-f", "csv", "-o", "out.csv", "--resume"],
        FORMULA_DOCS,
        stdin=FORMULA_LIST,
        setup=run(
            "batch",
            "-",
            "-q",
            "-j",
            "1",
            "-f",
            "csv",
            "-o",
            "out.csv",
            *BLANK,
            stdin=FORMULA_LIST,
        ),
        stderr="resuming: 5 already scored, 0 to go",
        changes=("out.csv",),
    ),
    "gold-reads-marked-claims-sheet-exactly": Case(
        ["gold", "claims.csv", "-o", "gold.yaml"],
        FORMULA_DOCS,
        setup=run(
            "batch",
            "-",
            "-q",
            "-j",
            "1",
            "-f",
            "claims",
            "-o",
            "claims.csv",
            *BLANK,
            stdin=FORMULA_LIST,
        ),
        changes=("gold.yaml",),
        check=gold_texts("gold.yaml", *["- We stand for fairness."] * 5),
    ),
    "kwic-csv-formula-cells-marked": Case(
        ["kwic", "in.txt", "--csv", "-w", "2"],
        {"in.txt": "=HYPERLINK fairness @cmd\n"},
        check=stdout_cells_marked("=HYPERLINK", "@cmd"),
    ),
    "compare-csv-formula-cells-marked": Case(
        ["compare", "recs.jsonl", "--by", "year", "--csv"],
        {"recs.jsonl": named("=cmd", side="+side").replace('"1990"', '"-1990"')},
        check=stdout_cells_marked("=cmd", "-1990", negative_numbers=True),
    ),
    "compare-csv-claims-table-formula-cells-marked": Case(
        ["compare", "recs.jsonl", "--by", "year", "--csv", "--table", "claims"],
        {"recs.jsonl": named("=cmd", side="+side").replace('"1990"', '"-1990"')},
        check=stdout_cells_marked("=cmd", "+side", "-1990"),
    ),
    "trends-csv-formula-cells-marked": Case(
        ["trends", "recs.jsonl", "--by", "year", "--csv"],
        {"recs.jsonl": named("@sum", side="-side").replace('"2000"', '"=2000"')},
        check=stdout_cells_marked("@sum", "=2000"),
    ),
    "trends-csv-claims-table-formula-cells-marked": Case(
        ["trends", "recs.jsonl", "--by", "year", "--csv", "--table", "claims"],
        {"recs.jsonl": named("@sum", side="-side").replace('"2000"', '"=2000"')},
        check=stdout_cells_marked("-side", "=2000"),
    ),
    "network-csv-formula-cells-marked": Case(
        ["network", "recs.jsonl", "--csv", "--slice", "year"],
        {"recs.jsonl": named("\tvalue", side="\rside").replace('"1990"', '"+1990"')},
        check=stdout_cells_marked("\tvalue", "\rside", "+1990"),
    ),
    # -- 7. the gold loop keeps text ---------------------------------------------------------
    "gold-keeps-line-breaks-in-quoted-cells": Case(
        ["gold", "sheet.csv", "-o", "gold.yaml"],
        {
            "sheet.csv": SHEET_HEADER
            + 'a.txt,fairness,virtue,we,claims,verb,"We stand for\nfairness.",,,\n'
        },
        changes=("gold.yaml",),
        check=gold_texts("gold.yaml", "We stand for\nfairness."),
    ),
    "gold-reads-a-sheet-with-u2028-in-a-sentence": Case(
        ["gold", "claims.csv", "-o", "gold.yaml"],
        {"docs/a.txt": "We stand for\u2028fairness.\n"},
        setup=run("batch", "docs", "-q", "-j", "1", "-f", "claims", "-o", "claims.csv", *BLANK),
        changes=("gold.yaml",),
        check=gold_texts("gold.yaml", "We stand for\u2028fairness."),
    ),
    "gold-sheet-name-cannot-end-the-header-comment": Case(
        ["gold", "a\nb: 1\n\u2028c.csv", "-o", "gold.yaml"],
        {"a\nb: 1\n\u2028c.csv": SHEET_HEADER + SHEET_ROW},
        changes=("gold.yaml",),
        check=both(gold_texts("gold.yaml", "We win."), header_is_comments("gold.yaml")),
    ),
    # -- 8. a refused --resume ---------------------------------------------------------------
    "batch-resume-json-refused-untouched": Case(
        ["batch", "docs", "-q", "-f", "json", "-o", "out.json", "--resume"],
        DOCS,
        setup=run("batch", "docs", "-q", "-j", "1", "-f", "json", "-o", "out.json", *BLANK),
        exit_code=1,
        stderr="--resume works with --format jsonl or csv",
    ),
    # -- 9. --scheduler local:N ----------------------------------------------------------------
    "batch-scheduler-local-zero-leaves-no-output": Case(
        ["batch", "docs", "-q", "--scheduler", "local:0", "-o", "out.jsonl"],
        DOCS,
        exit_code=2,
        stderr="--scheduler 'local:0': give local:N",
        check=nothing_named("out.jsonl"),
    ),
    "batch-scheduler-local-superscript-digit": Case(
        ["batch", "docs", "-q", "--scheduler", "local:²", "-o", "out.csv", "-f", "csv"],
        DOCS,
        exit_code=2,
        stderr="give local:N with N a number of workers",
        check=nothing_named("out.csv"),
    ),
    "batch-scheduler-local-absurd": Case(
        ["batch", "docs", "-q", "--scheduler", "local:" + "9" * 5000, "-o", "out.jsonl"],
        DOCS,
        exit_code=2,
        stderr="give local:N with N a number of workers",
        check=nothing_named("out.jsonl"),
    ),
    "batch-scheduler-unreachable-leaves-no-output": Case(
        ["batch", "docs", "-q", "--scheduler", "SILENT", "-f", "csv", "-o", "out.csv"],
        DOCS,
        env={"RHETOR_SCHEDULER_TIMEOUT": "2"},
        exit_code=2,
        stderr="no scheduler handshake within 2 s",
        check=nothing_named("out.csv"),
        needs="dask",
    ),
    # -- 10. lexicons import where it cannot write ------------------------------------------
    "lexicons-import-into-a-read-only-folder": Case(
        ["lexicons", "import", "d.yml", "-o", "ro/new"],
        {"d.yml": "care:\n  virtue: [care]\n"},
        setup=READ_ONLY_SETUP,
        patch=READ_ONLY_PATCH,
        exit_code=1,
        stderr="ro/new: cannot write: Read-only file system",
        check=nothing_named("ro/new"),
    ),
    "lexicons-import-into-a-read-only-existing-folder": Case(
        ["lexicons", "import", "d.yml", "-o", "ro"],
        {"d.yml": "care:\n  virtue: [care]\n"},
        setup=READ_ONLY_SETUP,
        patch=READ_ONLY_PATCH,
        exit_code=1,
        stderr="ro/care.yaml: cannot write:",
        check=nothing_named("ro/care.yaml"),
    ),
    "lexicons-import-under-a-file": Case(
        ["lexicons", "import", "d.yml", "-o", "d.yml/out"],
        {"d.yml": "care:\n  virtue: [care]\n"},
        exit_code=1,
        stderr="d.yml/out: cannot write:",
    ),
    # -- 11. counts mode normalises as the full analysis does --------------------------------
    "counts-soft-hyphen-in-word": Case(
        ["analyse", "in.txt", "--json", "--counts"],
        {"in.txt": "We stand for soli\u00addarity.\n"},
        check=report(("solidarity",)),
    ),
    "counts-nfd-accents": Case(
        ["analyse", "in.txt", "--json", "--counts", "-l", "eq.yaml"],
        {"in.txt": "We want e\u0301quite\u0301.\n", "eq.yaml": "id: eq\nvirtue: [équité]\n"},
        check=report(("eq",)),
    ),
    "counts-zero-width-space-and-bidi-marks": Case(
        ["analyse", "in.txt", "--json", "--counts"],
        {"in.txt": "We stand for fair\u200bness and \u202edemo\u200ecracy\u202c.\n"},
        check=report(("fairness", "democracy")),
    ),
    "counts-batch-finds-soft-hyphenated-words": Case(
        ["batch", "docs", "-q", "--counts", "-f", "csv", "-o", "out.csv"],
        {"docs/a.txt": "We stand for soli\u00addarity and e\u0301quite\u0301.\n"},
        changes=("out.csv",),
        check=lambda result, tmp: (
            csv_of((tmp / "out.csv").read_text())[0]["solidarity_mentions"] == "1"
        ),
    ),
}


MODEL_FREE = {"trends", "compare", "network", "gold", "cache", "lexicons"}


def snapshot(tmp: Path) -> dict[str, bytes]:
    """Every regular file under ``tmp`` (links and special files are not followed)."""
    files = {}
    for folder, _, names in os.walk(tmp):
        for name in names:
            path = Path(folder) / name
            if stat.S_ISREG(os.lstat(path).st_mode):
                files[str(path.relative_to(tmp))] = path.read_bytes()
    return files


def changed_allowed(path: str, changes: tuple[str, ...]) -> bool:
    return any(path == c or path.startswith(c + os.sep) for c in changes)


def test_cli_round2_table_is_large_enough():
    assert len(CASES) >= 60
    assert all(case.exit_code in (0, 1, 2) for case in CASES.values())


# cases that start a Dask scheduler or draw a thousand values: seconds each
SLOW_CASES = {name for name in CASES if "scheduler" in name or "1000-values" in name}


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=pytest.mark.slow) if n in SLOW_CASES else n for n in CASES],
)
def test_cli_round2_bad_input(name, tmp_path, monkeypatch):
    case = CASES[name]
    for needed, present in (("dask", HAS_DASK), ("plot", HAS_PLOT), ("networkx", HAS_NETWORKX)):
        if case.needs == needed and not present:
            pytest.skip(f"{needed} is not installed")
    for path, content in case.files.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8", newline="")
    if case.setup:
        case.setup(tmp_path)
    before = snapshot(tmp_path)
    monkeypatch.chdir(tmp_path)
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    args = [silent_server() if a == "SILENT" else a for a in case.args]
    if args[0] not in MODEL_FREE and "--counts" not in args:
        args += BLANK
    if args[0] == "batch" and "--scheduler" not in args:
        args += ["-j", "1"]
    started = time.monotonic()
    try:
        with monkeypatch.context() as patched:
            if case.patch:
                case.patch(patched, tmp_path)
            result = runner.invoke(app, args, input=case.stdin)
    finally:
        for server in SOCKETS:
            server.close()
        SOCKETS.clear()
    elapsed = time.monotonic() - started
    assert elapsed < case.seconds, f"took {elapsed:.1f} s"
    assert result.exit_code == case.exit_code, result.stderr
    assert result.exit_code != 70
    assert "Traceback" not in result.stderr + result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    errors = [line for line in lines if line.startswith("rhetor: error: ")]
    assert len(errors) == (1 if case.exit_code else 0), result.stderr
    for line in lines:
        assert (
            line.startswith(("rhetor: ", "wrote "))
            or " scored, " in line
            or (" passages from " in line or " edges -> " in line)
        ), line
    if case.stderr:
        assert case.stderr in result.stderr, result.stderr
    if case.exit_code:
        assert result.stdout == ""
    after = snapshot(tmp_path)
    for path, content in before.items():
        if not changed_allowed(path, case.changes):
            assert after.get(path) == content, f"{path} was changed or lost"
    for path in after:
        assert not Path(path).name.startswith("."), f"{path}: a temporary file was left"
    if case.check:
        assert case.check(result, tmp_path) is not False


# -- beside the table ------------------------------------------------------------------------


def test_metadata_name_pattern_with_12_stars_fails_fast():
    """A pattern with 12 '*' on a 200-character name that does not fit: a backtracking
    regular expression takes hours; the matcher takes milliseconds."""
    pattern = compile_name_pattern("*_" * 12 + "{x}_end.txt")
    started = time.monotonic()
    assert pattern.read("a_" * 98 + "b.txt") is None
    assert pattern.read("a_" * 98 + "b_end.txt") == {"x": "a_" * 86 + "b"}  # * takes least
    assert time.monotonic() - started < 1.0


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet="=+-@'\t\r\n\u2028\x85,\" ab1"),
            st.integers(),
            st.floats(allow_nan=False, allow_infinity=False),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_csvcells_round_trip_exact(cells):
    """Whatever a cell holds, rhetor's CSV reads back to the same text; no cell, as a
    spreadsheet reads it, starts with a formula character unless it is a number rhetor
    wrote; and no line separator is left outside quotes."""
    columns = [f"c{i}" for i in range(len(cells))]
    text = csv_line(columns) + csv_line(cells)
    header, rows = read_table(text)
    assert header == columns
    (_, row), *_ = rows
    assert [row[c] for c in columns] == [str(c) for c in cells]
    (raw,) = list(csv.reader(io.StringIO(text.split("\n", 1)[1], newline="")))
    for cell, written in zip(cells, raw, strict=True):
        if isinstance(cell, str):
            assert not written[:1] or written[0] not in "=+-@\t\r"
        else:
            assert written == str(cell)
    unquoted = "".join(text.split('"')[::2])
    assert "\u2028" not in unquoted and "\x85" not in unquoted


def test_corpus_api_refuses_counts_that_are_no_counts():
    """Record dicts given to the Python API are checked as record files are."""
    broken = record("b.txt", words=float("inf"), meta={"year": "2000"})
    with pytest.raises(InputError, match="words inf is not a count"):
        rhetor.trends([A, broken], by="year")
    with pytest.raises(InputError, match="fairness mentions -1 is not a count"):
        rhetor.compare({"a": [A], "b": [record("b.txt", values={"fairness": -1})]})


@pytest.mark.slow
def test_batch_scheduler_local_capped_like_jobs(tmp_path, monkeypatch):
    """--scheduler local:N starts no more workers than --jobs would, and says so."""
    pytest.importorskip("distributed")
    for name, text in DOCS.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    started = time.monotonic()
    result = runner.invoke(
        app, ["batch", "docs", "-q", "--scheduler", "local:100000", "-o", "out.jsonl", *BLANK]
    )
    assert result.exit_code == 0, result.stderr
    assert time.monotonic() - started < MINUTE
    assert "rhetor: warning: --scheduler local:100000: using 4 (4 per core)" in result.stderr
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 3
