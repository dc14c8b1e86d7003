"""Memory of ``rhetor batch --table`` against the number of rows: the rows stream.

Run by hand (not part of the tests):

    python benchmarks/table_memory.py [--rows 5000 50000] [--mode counts|blank]

For each size, a CSV table of that many short speeches (an id, a party, a text drawn
from a few sentences, so that the vocabulary does not grow with the rows) is written
to a temporary folder, then measured under ``tracemalloc`` (Python allocations; the
pipeline's own C arrays are not counted, and they do not depend on the rows):

- *reader*: :func:`rhetor.batching.table.open_table` (the checking pass) and a full
  pass of :func:`~rhetor.batching.table.table_rows`;
- *batch*: the whole ``rhetor batch --table FILE -f csv -o OUT`` run in this process
  (``jobs=1``), in counts mode by default (``--mode blank`` parses with ``blank:en``
  and attributes with the sides of a small sides file and ``--author-from party``).

It prints the peak of each, in MB, and the growth per 1,000 rows between the sizes.
Flat memory is a peak that does not grow with the rows: the only per-row state is the
id check's 8 bytes a row (sorted once, in numpy).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

SENTENCES = (
    "We will always stand up for fairness.",
    "Our party defends democracy and the rule of law.",
    "They talk of solidarity but cut support for families.",
    "Responsibility starts with a government that keeps its word.",
)
SIDES = (
    "labour: {aliases: [Labour], codes: [Lab]}\nconservative: {aliases: [Tories], codes: [Con]}\n"
)


def write_table(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as stream:
        stream.write("id,party,text\n")
        for i in range(rows):
            party = "Lab" if i % 2 else "Con"
            stream.write(f"s{i},{party},{SENTENCES[i % len(SENTENCES)]}\n")


def peak_of(action) -> tuple[float, float]:
    """(peak MB of Python allocations, seconds) of ``action()``."""
    tracemalloc.start()
    started = time.perf_counter()
    action()
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6, seconds


def read_all(path: Path) -> None:
    from rhetor.batching.table import open_table, table_rows

    for _ in table_rows(open_table(path)):
        pass


def batch_all(path: Path, out: Path, mode: str, sides: Path) -> None:
    from rhetor.attribution.sides import side_names
    from rhetor.batching.api import analyse_options
    from rhetor.batching.command import BatchOptions, batch
    from rhetor.batching.writers import BatchFormat

    if mode == "counts":
        options = analyse_options(counts=True)
        author_from = names = None
    else:
        options = analyse_options(model="blank:en", sides_file=sides)
        author_from, names = "party", side_names(dict(options.sides), sides)
    batch(
        BatchOptions((), fmt=BatchFormat.csv, output=out, force=True, quiet=True, table=path,
                     author_from=author_from, side_names=names),
        options,
        warn=lambda message: None,
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[5_000, 50_000])
    parser.add_argument("--mode", choices=["counts", "blank"], default="counts")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as folder:
        sides = Path(folder, "sides.yaml")
        sides.write_text(SIDES, encoding="utf-8")
        # Load the lexicons (and, with blank, the pipeline) once, outside the measure.
        warm = Path(folder, "warm.csv")
        write_table(warm, 10)
        batch_all(warm, Path(folder, "warm.out"), args.mode, sides)
        for rows in args.rows:
            table = Path(folder, f"t{rows}.csv")
            write_table(table, rows)
            reader, reader_s = peak_of(lambda table=table: read_all(table))
            whole, whole_s = peak_of(
                lambda table=table: batch_all(table, Path(folder, "out.csv"), args.mode, sides)
            )
            size = table.stat().st_size / 1e6
            results.append((rows, size, reader, whole))
            print(
                f"{rows:>7,} rows ({size:5.1f} MB table): reader peak {reader:6.2f} MB "
                f"({reader_s:5.1f} s), batch --{args.mode} peak {whole:6.2f} MB ({whole_s:6.1f} s)"
            )
    (small, _, r0, b0), (large, _, r1, b1) = results[0], results[-1]
    per = (large - small) / 1000
    print(
        f"growth per 1,000 rows: reader {1000 * (r1 - r0) / per:.1f} kB, "
        f"batch {1000 * (b1 - b0) / per:.1f} kB"
    )
    print(f"python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
