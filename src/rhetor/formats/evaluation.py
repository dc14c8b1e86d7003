"""The Rich view of ``rhetor evaluate``."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from rhetor.evaluate import Evaluation, Score
from rhetor.formats import RenderContext


def _score_table(title: str, rows: dict[str, Score]) -> Table:
    table = Table(title=title, title_justify="left")
    for column in ("", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="left" if not column else "right")
    for name, s in rows.items():
        table.add_row(
            name,
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            str(s.true_positives),
            str(s.false_positives),
            str(s.false_negatives),
        )
    return table


def render_evaluation(evaluation: Evaluation, context: RenderContext) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=context.width,
        force_terminal=context.color,
        no_color=not context.color,
        highlight=False,
        emoji=False,
    )
    console.print(Text(f"{evaluation.source}: {len(evaluation.results)} passages", style="bold"))
    console.print(
        _score_table(
            "Overall",
            {
                "strict (value, side, stance)": evaluation.strict,
                "pairs (value, side)": evaluation.pairs,
            },
        )
    )
    console.print(_score_table("Per value (strict)", evaluation.by(0)))
    console.print(_score_table("Per stance (strict)", evaluation.by(2)))
    wrong = [r for r in evaluation.results if r.misses or r.false_alarms]
    console.print(Text("Errors by passage", style="bold underline"))
    if not wrong:
        console.print(Text("  none: every passage matches its gold triples", style="dim"))
    for result in wrong:
        console.print(Text(f"  {result.id}", style="bold"))
        for triple in result.misses:
            console.print(Text(f"    missed       {' '.join(triple)}", style="red"))
        for triple in result.false_alarms:
            console.print(Text(f"    false alarm  {' '.join(triple)}", style="yellow"))
    return buffer.getvalue()
