"""Corpus views as text: Rich tables for compare and trends, and CSV for both."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rhetor.corpus.compare import Comparison
from rhetor.corpus.trends import CLAIMS, VALUE, Trends, heaviest
from rhetor.formats import RenderContext, render_to_text
from rhetor.report.model import STANCES

SIDES_SHOWN = 12
TABLES_SHOWN = 12  # trends: tables of each kind (values, side-stances)
GROUPS_SHOWN = 12  # trends: group columns in each table


def corpus_text(
    result, renderer, context: RenderContext, *, json_output: bool, csv_output: bool
) -> str:
    """A compare or trends result as JSON, CSV (tidy rows) or Rich tables for ``context``."""
    if json_output:
        import json

        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if csv_output:
        return csv_text(result.CSV_COLUMNS, result.csv_rows())
    return renderer(result, context)


def csv_text(columns: Sequence[str], rows: Iterable[Mapping]) -> str:
    """A header and the rows, text cells safe from spreadsheets (:mod:`rhetor.io.csvcells`)."""
    from rhetor.io.csvcells import csv_table

    return csv_table(columns, rows)


def render_comparison(comparison: Comparison, context: RenderContext) -> str:
    return render_to_text(
        context, _values_table(comparison), _keyness_table(comparison), _sides_table(comparison)
    )


def _values_table(comparison: Comparison):
    from rich.table import Table

    table = Table(title="Values per group: mentions (per 1,000 words)", title_justify="left")
    table.add_column("value")
    for group in comparison.groups:
        table.add_column(
            _shown(f"{group.name}\n{group.documents:,} docs, {group.words:,} words"),
            justify="right",
        )
    for value in comparison.values:
        table.add_row(
            _shown(value),
            *(f"{g.values[value]:,} ({g.rate(value):.2f})" for g in comparison.groups),
        )
    return table


def _keyness_table(comparison: Comparison):
    from rich.table import Table

    table = Table(
        title="Keyness: G² (log-likelihood, + = used more than the reference), p, Log Ratio",
        title_justify="left",
        caption="Log Ratio: log2 of the ratio of rates; 1 = twice as often, -1 = half as often.",
        caption_justify="left",
    )
    for column in ("group", "vs", "value", "count", "ref. count", "G²", "p", "Log Ratio"):
        table.add_column(column, justify="left" if column in ("group", "vs", "value") else "right")
    for key in sorted(comparison.keyness, key=lambda k: (k.group, -k.stats.g2)):
        if len(comparison.groups) == 2 and key.group != comparison.groups[0].name:
            continue  # with two groups the second half mirrors the first
        stats = key.stats
        table.add_row(
            _shown(key.group),
            _shown(key.reference),
            _shown(key.value),
            f"{stats.target_count:,}",
            f"{stats.reference_count:,}",
            f"{stats.g2:+.2f}",
            _p(stats.p),
            f"{stats.log_ratio:+.2f}",
        )
    return table


def _p(p: float) -> str:
    return "<0.001" if p < 0.001 else f"{p:.3f}"


def _sides_table(comparison: Comparison):
    from rich.table import Table

    table = Table(
        title=f"Claims per side (the {SIDES_SHOWN} sides with most claims in each group)",
        title_justify="left",
    )
    table.add_column("group")
    table.add_column("side")
    for stance in STANCES:
        table.add_column(stance, justify="right")
    for group in comparison.groups:
        for i, (side, counts) in enumerate(group.side_stances().items()):
            if i == SIDES_SHOWN:
                break
            name = _shown(group.name if i == 0 else "")
            table.add_row(name, _shown(side), *(f"{counts[s]:,}" for s in STANCES))
    return table


def render_trends(trends: Trends, context: RenderContext) -> str:
    """A table per series (the TABLES_SHOWN with most mentions or claims of each kind),
    a column per group (the GROUPS_SHOWN with most documents), a row per x; a last
    line says what was left out (``--csv`` and ``--json`` give everything)."""
    from rich.table import Table
    from rich.text import Text

    tables: list = []
    at = {(p.kind, p.series, p.x, p.group): p for p in trends.points}
    xs = trends.xs()
    groups, left_groups = heaviest(trends.groups(), trends.totals()[1], GROUPS_SHOWN)
    left_over = []
    for kind, title in ((VALUE, "mentions"), (CLAIMS, "claims")):
        shown_series, left = heaviest(trends.series(kind), trends.totals(kind)[0], TABLES_SHOWN)
        if left:
            left_over.append(f"{len(left):,} {'values' if kind == VALUE else 'side-stances'}")
        for series in shown_series:
            table = Table(
                title=_shown(f"{series}: {title} per 1,000 words by {trends.by}"),
                title_justify="left",
            )
            table.add_column(_shown(trends.by))
            for group in groups:
                table.add_column(_shown(group), justify="right")
            for x in xs:
                cells = [at.get((kind, series, x, g)) for g in groups]
                table.add_row(
                    _shown(x), *(f"{c.rate:.2f} ({c.count:,})" if c else "" for c in cells)
                )
            tables.append(table)
    if left_groups:
        left_over.append(f"{len(left_groups):,} groups of {trends.group_by}")
    if left_over:
        tables.append(
            Text(
                f"Not shown: {', '.join(left_over)} (the fewest mentions, claims or "
                "documents); choose with --value or --only, or see all with --csv or --json.",
                style="dim",
            )
        )
    return render_to_text(context, *tables)


def _shown(text) -> object:
    """Metadata and file names as a Rich Text: never read as markup ("[2015]" stays), and
    control characters shown as escapes."""
    from rich.text import Text

    from rhetor.io.safetext import escape_controls

    return Text(escape_controls(str(text)))
