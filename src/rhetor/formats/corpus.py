"""Corpus views as text: Rich tables for compare and trends, and CSV for both.

The tables fit the width they are given (``COLUMNS`` when piped): numbers never
wrap and are never cut, and only names and labels wrap, at spaces.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

from rhetor.corpus.compare import Comparison
from rhetor.corpus.trends import CLAIMS, INTERVAL, VALUE, Trends
from rhetor.formats import RenderContext, render_to_text
from rhetor.report.model import STANCES

SIDES_SHOWN = 12
FLAG = "⚑"


def corpus_text(
    result,
    renderer,
    context: RenderContext,
    *,
    json_output: bool,
    csv_output: bool,
    table: str | None = None,
) -> str:
    """A compare or trends result as JSON, CSV (one tidy table, ``table`` or the
    default) or Rich tables for ``context``."""
    if json_output:
        import json

        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if csv_output:
        if table is None:
            return csv_text(result.columns(), result.rows())
        return csv_text(result.columns(table), result.rows(table))
    return renderer(result, context)


def csv_value(value) -> object:
    """A cell: None as an empty cell; numbers and True/False as Python writes them."""
    return "" if value is None else value


def csv_text(columns: Sequence[str], rows: Iterable[Mapping]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: csv_value(row.get(c)) for c in columns})
    return buffer.getvalue()


def _table():
    from rich import box
    from rich.table import Table

    return Table(box=box.SIMPLE_HEAD, pad_edge=False)


def _titled(title: str, table, caption: str | None = None, *, empty: str | None = None):
    """A table under its title and over its caption, both wrapped to the full width
    (not the table's), or ``empty`` in its place when the table has no rows."""
    from rich.console import Group
    from rich.text import Text

    parts: list = [Text(title, style="italic")]
    if empty is not None and not table.row_count:
        parts.append(Text(empty, style="dim"))
    else:
        parts.append(table)
        if caption:
            parts.append(Text(caption, style="dim"))
    return Group(*parts, Text(""))


def _text_column(table, header: str) -> None:
    table.add_column(header, overflow="fold")


def _number_columns(table, headers: Sequence[str], rows: Sequence[Sequence[str]], first: int):
    """Right-aligned columns that never wrap and are as wide as their widest cell."""
    for i, header in enumerate(headers):
        cells = [row[first + i] for row in rows]
        width = max([len(header), *(len(c) for c in cells)])
        table.add_column(header, justify="right", no_wrap=True, min_width=width)


def render_comparison(comparison: Comparison, context: RenderContext) -> str:
    return render_to_text(
        context, _values_table(comparison), _keyness_table(comparison), _sides_table(comparison)
    )


def _values_table(comparison: Comparison):
    table = _table()
    rows = []
    for g in comparison.groups:
        for i, value in enumerate(comparison.values):
            sp = comparison.spread(g, value)
            sd = f" ± {sp.sd_rate:.2f}" if sp.sd_rate is not None else ""
            rows.append(
                [
                    _group_cell(g, i),
                    value,
                    f"{g.values[value]:,}",
                    f"{g.rate(value):.2f}",
                    f"{sp.with_value:,}/{sp.documents:,}",
                    f"{sp.mean_rate:.2f}{sd}",
                ]
            )
    _text_column(table, "group")
    _text_column(table, "value")
    _number_columns(table, ("mentions", "per 1,000", "docs", "mean ± sd"), rows, 2)
    for row in rows:
        table.add_row(*(_shown(c) if i < 2 else c for i, c in enumerate(row)))
    return _titled(
        "Values per group: pooled, and document by document",
        table,
        "docs: documents with the value, of all; mean ± sd: of the documents' rates "
        "per 1,000 words.",
    )


def _group_cell(group, index: int) -> str:
    if index:
        return ""
    return f"{group.name} ({group.documents:,} docs, {group.words:,} words)"


def _keyness_table(comparison: Comparison):
    groups = comparison.groups
    two = len(groups) == 2
    against = f"{groups[0].name} against {groups[1].name}" if two else "each group against the rest"
    table = _table()
    rows = []
    keys = sorted(comparison.keyness, key=lambda k: (k.group, -k.stats.g2))
    for key in keys:
        if two and key.group != groups[0].name:
            continue  # with two groups the second half mirrors the first
        stats = key.stats
        rows.append(
            [
                key.group,
                key.value,
                f"{stats.target_count:,}",
                f"{stats.reference_count:,}",
                f"{stats.g2:+.2f}",
                _p(stats.p),
                f"{stats.log_ratio:+.2f}",
                FLAG if key.top and key.top.drives else "",
            ]
        )
    if not two:
        _text_column(table, "group")
    _text_column(table, "value")
    _number_columns(table, ("n", "n ref", "G²", "p", "Log Ratio", ""), rows, 2)
    for row in rows:
        texts = [_shown(row[0]), _shown(row[1])] if not two else [_shown(row[1])]
        table.add_row(*texts, *row[2:])
    return _titled(
        f"Keyness, {against}: G² (log-likelihood, {_correction(comparison.correction)}; "
        "+ = used more), p, Log Ratio",
        table,
        "Log Ratio: log2 of the ratio of rates; 1 = twice as often, -1 = half as often. "
        f"{FLAG}: one document drives the difference (it holds over half of the mentions of "
        "the side that uses the value more, or without it p ≥ 0.05).",
    )


def _correction(name: str) -> str:
    return {"williams": "Williams-corrected", "yates": "Yates-corrected"}.get(name, "uncorrected")


def _p(p: float) -> str:
    return "<0.001" if p < 0.001 else f"{p:.3f}"


def _sides_table(comparison: Comparison):
    table = _table()
    rows = []
    for group in comparison.groups:
        for i, (side, counts) in enumerate(group.side_stances().items()):
            if i == SIDES_SHOWN:
                break
            rows.append([group.name if i == 0 else "", side, *(f"{counts[s]:,}" for s in STANCES)])
    _text_column(table, "group")
    _text_column(table, "side")
    _number_columns(table, STANCES, rows, 2)
    for row in rows:
        table.add_row(_shown(row[0]), _shown(row[1]), *row[2:])
    return _titled(
        f"Claims per side (the {SIDES_SHOWN} sides with most claims in each group)",
        table,
        empty="No claims: the records hold no sides.",
    )


def render_trends(trends: Trends, context: RenderContext) -> str:
    tables = []
    groups = trends.groups()
    for kind, title in ((VALUE, "mentions"), (CLAIMS, "claims")):
        for series in trends.series(kind):
            points = {
                (p.x, p.group): p for p in trends.points if p.series == series and p.kind == kind
            }
            first = kind == VALUE and series == trends.series()[0]
            table = _table()
            rows = []
            for x in trends.xs():
                for group in groups:
                    p = points.get((x, group))
                    if p is None:
                        continue
                    low, high = p.interval
                    rows.append(
                        [
                            x,
                            group,
                            f"{p.rate:.2f}",
                            f"({p.count:,})",
                            f"{low:.2f}–{high:.2f}",
                            f"{p.documents:,}",
                        ]
                    )
            _text_column(table, trends.by)
            _text_column(table, trends.group_by or "group")
            _number_columns(table, ("rate", "count", "95% interval", "docs"), rows, 2)
            for row in rows:
                table.add_row(_shown(row[0]), _shown(row[1]), *row[2:])
            tables.append(
                _titled(
                    f"{series}: {title} per 1,000 words by {trends.by} (count)",
                    table,
                    f"95% interval: {INTERVAL[:-5]} of the rate; docs: documents behind the point."
                    if first
                    else None,
                )
            )
    return render_to_text(context, *tables)


def _shown(text) -> object:
    """Metadata and file names as a Rich Text: never read as markup ("[2015]" stays), and
    control characters shown as escapes."""
    from rich.text import Text

    from rhetor.io.safetext import escape_controls

    return Text(escape_controls(str(text)))
