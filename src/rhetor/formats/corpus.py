"""Corpus views as text: Rich tables for compare and trends, and CSV for both.

The tables fit the width they are given (``COLUMNS`` when piped): numbers never
wrap and are never cut, and only names and labels wrap, at spaces.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rhetor.corpus.compare import Comparison
from rhetor.corpus.trends import CLAIMS, INTERVAL, VALUE, Trends, heaviest
from rhetor.formats import RenderContext, render_to_text
from rhetor.report.model import STANCES

SIDES_SHOWN = 12
FLAG = "⚑"
TABLES_SHOWN = 12  # trends: tables of each kind (values, side-stances)
GROUPS_SHOWN = 12  # trends: group columns in each table


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
    """A header and the rows, text cells safe from spreadsheets (:mod:`rhetor.io.csvcells`)."""
    from rhetor.io.csvcells import csv_table

    return csv_table(columns, rows)


TEXT_CAP = 24  # a name column is as wide as its longest name, up to this; longer names wrap


def _sections(
    title: str,
    text_headers: Sequence[str],
    number_headers: Sequence[str],
    sections: Sequence[tuple[str | None, Sequence[Sequence[str]]]],
    caption: str | None = None,
    empty: str | None = None,
):
    """A titled block of tables, one per section (a heading line, then its rows), with
    the same column widths in every section so that they line up. Name columns come
    first and wrap at spaces (a longer name folds); number columns never wrap and are
    as wide as their widest cell, so a number is never cut."""
    from rich.console import Group
    from rich.text import Text

    rows = [row for _, section in sections for row in section]
    parts: list = [Text(_plain(title), style="italic")]
    if not rows:
        parts.append(Text(empty or "none", style="dim"))
        return Group(*parts, Text(""))
    widths = [
        max([len(_plain(h)), *(len(_plain(row[i])) for row in rows)])
        for i, h in enumerate([*text_headers, *number_headers])
    ]
    for heading, section in sections:
        if heading is not None:
            parts.append(Text(_plain(heading), style="bold"))
        parts.append(_Fitted(text_headers, number_headers, section, widths))
    if caption:
        parts.append(Text(caption, style="dim"))
    return Group(*parts, Text(""))


class _Fitted:
    """Rows as a table when the table fits the width it is given, else one wrapped line
    a row ("fairness: n 350 · n ref 600 · G² +1.38"): never a number cut to fit."""

    def __init__(self, text_headers, number_headers, rows, widths) -> None:
        self.text_headers, self.number_headers = list(text_headers), list(number_headers)
        self.rows, self.widths = rows, widths

    def __rich_console__(self, console, options):
        from rich import box
        from rich.table import Table
        from rich.text import Text

        count = len(self.text_headers)
        least = [min(w, TEXT_CAP) for w in self.widths[:count]] + self.widths[count:]
        if sum(least) + 2 * (len(least) - 1) <= options.max_width:
            table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
            for i, header in enumerate(self.text_headers):
                table.add_column(_shown(header), overflow="fold", min_width=least[i])
            for j, header in enumerate(self.number_headers):
                table.add_column(header, justify="right", no_wrap=True, min_width=least[count + j])
            for row in self.rows:
                table.add_row(*(_shown(c) for c in row[:count]), *row[count:])
            yield table
            return
        for row in self.rows:
            line = Text(" · ".join(_plain(c) for c in row[:count] if c), style="bold")
            cells = [
                f"{h} {c}" if h else str(c)
                for h, c in zip(self.number_headers, row[count:], strict=True)
                if c
            ]
            line.append(": " + " · ".join(cells))
            yield line


def render_comparison(comparison: Comparison, context: RenderContext) -> str:
    return render_to_text(
        context, _values_table(comparison), _keyness_table(comparison), _sides_table(comparison)
    )


def _group_heading(group) -> str:
    return f"{group.name}: {group.documents:,} documents, {group.words:,} words"


def _values_table(comparison: Comparison):
    sections = []
    for g in comparison.groups:
        rows = []
        for value in comparison.values:
            sp = comparison.spread(g, value)
            sd = f" ± {sp.sd_rate:.2f}" if sp.sd_rate is not None else ""
            rows.append(
                [
                    value,
                    f"{g.values[value]:,}",
                    f"{g.rate(value):.2f}",
                    f"{sp.with_value:,}/{sp.documents:,}",
                    f"{sp.mean_rate:.2f}{sd}",
                ]
            )
        sections.append((_group_heading(g), rows))
    return _sections(
        "Values per group: pooled, and document by document",
        ["value"],
        ["mentions", "per 1,000", "docs", "mean ± sd"],
        sections,
        "per 1,000: all the group's mentions over all its words; docs: documents with the "
        "value, of all; mean ± sd: of the documents' own rates per 1,000 words.",
    )


def _keyness_table(comparison: Comparison):
    groups = comparison.groups
    two = len(groups) == 2
    against = f"{groups[0].name} against {groups[1].name}" if two else "each group against the rest"
    sections: dict[str, list] = {}
    for key in sorted(comparison.keyness, key=lambda k: (k.group, -k.stats.g2)):
        if two and key.group != groups[0].name:
            continue  # with two groups the second half mirrors the first
        stats = key.stats
        sections.setdefault(key.group, []).append(
            [
                key.value,
                f"{stats.target_count:,}",
                f"{stats.reference_count:,}",
                f"{stats.g2:+.2f}",
                _p(stats.p),
                f"{stats.log_ratio:+.2f}",
                FLAG if key.top and key.top.drives else "",
            ]
        )
    return _sections(
        f"Keyness, {against}: G² (log-likelihood, {_correction(comparison.correction)}; "
        "+ = used more), p, Log Ratio",
        ["value"],
        ["n", "n ref", "G²", "p", "Log Ratio", ""],
        [(None if two else f"{name} against the rest", rows) for name, rows in sections.items()],
        "Log Ratio: log2 of the ratio of rates; 1 = twice as often, -1 = half as often. "
        f"{FLAG}: one document drives the difference (it holds over half of the mentions of "
        "the side that uses the value more, or without it p ≥ 0.05; always so when that "
        "side is one document).",
        empty="No keyness: a group has no words.",
    )


def _correction(name: str) -> str:
    return {"williams": "Williams-corrected", "yates": "Yates-corrected"}.get(name, "uncorrected")


def _p(p: float) -> str:
    return "<0.001" if p < 0.001 else f"{p:.3f}"


def _sides_table(comparison: Comparison):
    sections = []
    for group in comparison.groups:
        rows = [
            [side, *(f"{counts[s]:,}" for s in STANCES)]
            for side, counts in list(group.side_stances().items())[:SIDES_SHOWN]
        ]
        if rows:
            sections.append((group.name, rows))
    return _sections(
        f"Claims per side (the {SIDES_SHOWN} sides with most claims in each group)",
        ["side"],
        list(STANCES),
        sections,
        empty="No claims: the records hold no sides.",
    )


def render_trends(trends: Trends, context: RenderContext) -> str:
    """A block per series (the TABLES_SHOWN with most mentions or claims of each kind),
    a row per x and group (the GROUPS_SHOWN groups with most documents); a last line
    says what was left out (``--csv`` and ``--json`` give everything)."""
    from rich.text import Text

    blocks: list = []
    at = {(p.kind, p.series, p.x, p.group): p for p in trends.points}
    xs = trends.xs()
    groups, left_groups = heaviest(trends.groups(), trends.totals()[1], GROUPS_SHOWN)
    left_over = []
    first = True
    for kind, title in ((VALUE, "mentions"), (CLAIMS, "claims")):
        shown_series, left = heaviest(trends.series(kind), trends.totals(kind)[0], TABLES_SHOWN)
        if left:
            left_over.append(f"{len(left):,} {'values' if kind == VALUE else 'side-stances'}")
        for series in shown_series:
            rows = []
            for x in xs:
                for group in groups:
                    p = at.get((kind, series, x, group))
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
            blocks.append(
                _sections(
                    f"{series}: {title} per 1,000 words by {trends.by} (count)",
                    [trends.by, trends.group_by or "group"],
                    ["rate", "count", "95% interval", "docs"],
                    [(None, rows)],
                    f"95% interval: {INTERVAL[:-5]} of the rate; docs: documents behind the point."
                    if first
                    else None,
                )
            )
            first = False
    if left_groups:
        left_over.append(f"{len(left_groups):,} groups of {trends.group_by}")
    if left_over:
        blocks.append(
            Text(
                f"Not shown: {', '.join(left_over)} (the fewest mentions, claims or "
                "documents); choose with --value or --only, or see all with --csv or --json.",
                style="dim",
            )
        )
    return render_to_text(context, *blocks)


def _plain(text) -> str:
    """A name as plain text, control characters shown as escapes (for a Rich Text,
    which never reads markup)."""
    from rhetor.io.safetext import escape_controls

    return escape_controls(str(text))


def _shown(text) -> object:
    """Metadata and file names as a Rich Text: never read as markup ("[2015]" stays), and
    control characters shown as escapes."""
    from rich.text import Text

    return Text(_plain(text))
