"""The Rich view of ``rhetor evaluate``."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from rhetor.evaluation.calibration import reliability, threshold_table
from rhetor.evaluation.scoring import Evaluation, Score
from rhetor.formats import RenderContext, render_to_text


def _score_table(title: str, rows: dict[str, Score]) -> Table:
    table = Table(title=title, title_justify="left")
    for column in ("", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="left" if not column else "right")
    for name, s in rows.items():
        # Nothing predicted: precision is undefined, not 1.000 (nor is recall without gold).
        predicted = s.true_positives + s.false_positives
        wanted = s.true_positives + s.false_negatives
        table.add_row(
            name,
            f"{s.precision:.3f}" if predicted else "no predictions",
            f"{s.recall:.3f}" if wanted else "no gold",
            f"{s.f1:.3f}" if predicted or wanted else "-",
            str(s.true_positives),
            str(s.false_positives),
            str(s.false_negatives),
        )
    return table


def _precision(s: Score) -> str:
    """Precision, or "no predictions" when nothing was predicted (not a perfect 1.000)."""
    if s.true_positives + s.false_positives == 0:
        return "no predictions"
    return f"{s.precision:.3f}"


def _threshold_table(evaluation: Evaluation) -> Table:
    table = Table(
        title="Strict triples by confidence threshold (a triple counts at or above it)",
        title_justify="left",
    )
    for column in ("threshold", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="right")
    for cut, s in threshold_table(evaluation.results):
        table.add_row(
            f"{cut:.2f}",
            _precision(s),
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            str(s.true_positives),
            str(s.false_positives),
            str(s.false_negatives),
        )
    return table


def _reliability_table(evaluation: Evaluation) -> list:
    bins, ece = reliability(evaluation.results)
    table = Table(title="Reliability (proposed triples)", title_justify="left")
    for column in ("confidence", "triples", "mean confidence", "share right"):
        table.add_column(column, justify="right")
    for b in bins:
        table.add_row(
            f"{b.low:.1f}-{b.high:.1f}",
            str(b.triples),
            f"{b.mean_confidence:.3f}",
            f"{b.share_right:.3f}",
        )
    return [table, Text(f"Expected calibration error: {ece:.3f}")]


def render_evaluation(evaluation: Evaluation, context: RenderContext) -> str:
    parts = [
        Text(f"{evaluation.source}: {len(evaluation.results)} passages", style="bold"),
        _score_table(
            "Overall",
            {
                "strict (value, side, stance)": evaluation.strict,
                "pairs (value, side)": evaluation.pairs,
                "values (passage, value)": evaluation.values,
            },
        ),
        _score_table("Per value (strict)", evaluation.by(0)),
        _score_table("Per stance (strict)", evaluation.by(2)),
        _threshold_table(evaluation),
        *_reliability_table(evaluation),
        Text("Errors by passage", style="bold underline"),
    ]
    wrong = [
        r
        for r in evaluation.results
        if r.misses or r.false_alarms or r.missed_values or r.extra_values
    ]
    if not wrong:
        parts.append(Text("  none: every passage matches its gold triples", style="dim"))
    for result in wrong:
        parts.append(Text(f"  {result.id}", style="bold"))
        parts += [Text(f"    missed       {' '.join(t)}", style="red") for t in result.misses]
        parts += [
            Text(f"    false alarm  {' '.join(t)}", style="yellow") for t in result.false_alarms
        ]
        parts += [Text(f"    value missed {v}", style="red") for v in result.missed_values]
        parts += [Text(f"    value extra  {v}", style="yellow") for v in result.extra_values]
    return render_to_text(context, *parts)
