"""What a batch shows while and after it runs: the progress bar, the running totals and
the summary tables."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rhetor.batching.runner import Record
from rhetor.report.model import STANCES


@dataclass
class Totals:
    """Running totals over the records of a batch."""

    scored: int = 0
    failed: int = 0
    words: int = 0
    mentions: Counter = field(default_factory=Counter)
    stances: defaultdict = field(default_factory=lambda: defaultdict(Counter))

    def add(self, record: Record) -> None:
        if record.get("error"):
            self.failed += 1
            return
        self.scored += 1
        self.words += record["stats"]["words"]
        for row in record["values"]:
            self.mentions[row["value"]] += row["mentions"]
        for claim in record["claims"]:  # counted claims only, as in the matrix
            if claim["side"] and claim.get("counted") is not False:
                self.stances[claim["side"]][claim["stance"]] += 1


class Progress:
    """A Rich progress bar on stderr, or nothing; ``tick(record, size)`` after each
    record, ``size`` the bytes of its document.

    It counts documents but measures progress in bytes: documents differ in length by
    orders of magnitude, and a time left reckoned from the first few short ones was far
    too low. No time left is shown until there is enough to reckon from."""

    def __init__(self, total_bytes: int, documents: int, enabled: bool) -> None:
        self.total, self.documents, self.enabled = total_bytes, documents, enabled
        self.bar = None

    def __enter__(self):
        if not self.enabled:
            return lambda record, size: None
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn

        self.bar = Progress(
            TextColumn("scoring"),
            BarColumn(),
            TextColumn("{task.fields[done]}/{task.fields[documents]}"),
            TextColumn("{task.fields[rate]}"),
            time_left_column()(),
            console=Console(stderr=True),
            transient=True,
        )
        self.bar.start()
        total = max(self.total, 1)
        task = self.bar.add_task("scoring", total=total, done=0, documents=self.documents, rate="")
        started, words, done = time.perf_counter(), [0], [0]

        def tick(record: Record, size: int) -> None:
            words[0] += (record.get("stats") or {}).get("words", 0)
            done[0] += 1
            rate = words[0] / max(time.perf_counter() - started, 1e-6)
            self.bar.update(task, advance=max(size, 1), done=done[0], rate=f"{rate:,.0f} words/s")

        return tick

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def time_left_column():
    from rich.progress import ProgressColumn
    from rich.text import Text

    class TimeLeft(ProgressColumn):
        """Time left from the bytes done so far, once 5 s and 2% of the bytes are past."""

        def render(self, task) -> Text:
            elapsed = task.elapsed or 0.0
            if not task.completed or elapsed < 5 or task.completed < 0.02 * (task.total or 1):
                return Text("time left: …", style="progress.remaining")
            rate = task.completed / elapsed
            left = max(0.0, ((task.total or 0) - task.completed) / rate)
            minutes, seconds = divmod(int(left), 60)
            hours, minutes = divmod(minutes, 60)
            return Text(f"{hours}:{minutes:02d}:{seconds:02d} left", style="progress.remaining")

    return TimeLeft


def summary_tables(totals: Totals):
    """Totals per value and per side, as Rich renderables; value and side names shown
    as they are, never read as markup."""
    from rich.table import Table
    from rich.text import Text

    from rhetor.io.safetext import escape_controls

    values = Table(title="Values across the batch", title_justify="left")
    values.add_column("value")
    values.add_column("mentions", justify="right")
    values.add_column("per 1,000 words", justify="right")
    for value, count in sorted(totals.mentions.items()):
        rate = count * 1000 / totals.words if totals.words else 0.0
        values.add_row(Text(escape_controls(value)), f"{count:,}", f"{rate:.2f}")
    sides = Table(title="Sides across the batch", title_justify="left")
    sides.add_column("side")
    for stance in STANCES:
        sides.add_column(stance, justify="right")
    ranked = sorted(totals.stances.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    for side, counts in ranked[:20]:
        sides.add_row(Text(escape_controls(side)), *(f"{counts[s]:,}" for s in STANCES))
    return values, sides
