"""The Rich report for people at a terminal.

Meaning never rests on colour alone: stances carry a glyph as well as a
colour, and with no colour (NO_COLOR, or output that is not a terminal) the
value words are wrapped in [brackets] and holders in «guillemets».
"""

from __future__ import annotations

import re
from collections import defaultdict

from rich.console import Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from rhetor.formats import RenderContext, render_to_text
from rhetor.report import STANCES, Claim, Mention, Report, contested_values

POLARITY_STYLE = {"virtue": "bold green", "vice": "bold red"}
STANCE_GLYPH = {"claims": "✔", "appropriates": "⚠", "opposes": "✘"}
STANCE_STYLE = {"claims": "green", "appropriates": "yellow", "opposes": "red"}
HOLDER_STYLE = "bold cyan"


class TerminalFormatter:
    def render(self, report: Report, context: RenderContext) -> str:
        plain = not context.color
        parts = [_header(report), _values_table(report)]
        if report.sides:
            parts += [
                _matrix_table(report),
                _contested(report),
                _claims_evidence(report, plain=plain),
            ]
        else:
            parts.append(_mentions_evidence(report, plain=plain))
        return render_to_text(context, *parts)


def _header(report: Report) -> Panel:
    stats = report.stats
    lines = Text()
    lines.append(f"{report.source or '<text>'}\n", style="bold")
    lines.append(
        f"{stats.words:,} words · {stats.sentences:,} sentences · "
        f"{stats.characters:,} characters · model {report.model.name} {report.model.version}"
    )
    return Panel(lines, title="rhetor", title_align="left")


def _values_table(report: Report) -> Table:
    table = Table(title="Values invoked", title_justify="left")
    table.add_column("value")
    table.add_column("mentions", justify="right")
    table.add_column("virtue", justify="right", style="green")
    table.add_column("vice", justify="right", style="red")
    table.add_column("negated", justify="right")
    table.add_column("per 1,000 words", justify="right")
    for row in report.values:
        style = None if row.mentions else "dim"
        table.add_row(
            row.value,
            str(row.mentions),
            str(row.virtue),
            str(row.vice),
            str(row.negated),
            f"{row.per_1000_words:.2f}",
            style=style,
        )
    return table


def stance_legend() -> Text:
    legend = Text("  ")
    for stance in STANCES:
        legend.append(f"{STANCE_GLYPH[stance]} {stance}   ", style=STANCE_STYLE[stance])
    return legend


def _matrix_table(report: Report) -> Group:
    matrix = report.matrix
    values = [v.value for v in report.values if v.mentions]
    table = Table(title="Who holds which value", title_justify="left")
    table.add_column("side")
    for value in values:
        table.add_column(value, justify="center")
    for side in report.sides:
        row = [Text(side.label + (" (auto)" if side.auto else ""), style="bold")]
        for value in values:
            row.append(_cell(matrix.get(side.id, {}).get(value, {})))
        table.add_row(*row)
    unattributed = sum(1 for c in report.claims if c.side is None)
    note = Text(f"  {unattributed} mention(s) held by no side", style="dim") if unattributed else ""
    return Group(table, stance_legend(), note)


def _cell(counts: dict[str, int]) -> Text:
    cell = Text()
    for stance in STANCES:
        if counts.get(stance):
            if cell:
                cell.append(" ")
            cell.append(f"{STANCE_GLYPH[stance]}{counts[stance]}", style=STANCE_STYLE[stance])
    return cell or Text("·", style="dim")


def _contested(report: Report) -> Group:
    labels = {s.id: s.label for s in report.sides}
    rows = contested_values(report.matrix)
    items: list = [Text("Contested values", style="bold underline")]
    if not rows:
        items.append(
            Text("  No value is claimed by one side and contested by another.", style="dim")
        )
    for row in rows:
        line = Text("  ")
        line.append(row["value"], style="bold")
        line.append(": claimed by ")
        line.append(labels.get(row["claimed_by"], row["claimed_by"]), style=STANCE_STYLE["claims"])
        line.append(f"; {STANCE_GLYPH[row['stance']]} {row['stance']} by ")
        line.append(labels.get(row["rival"], row["rival"]), style=STANCE_STYLE[row["stance"]])
        items.append(line)
    return Group(*items)


def _claims_evidence(report: Report, *, plain: bool) -> Group:
    labels = {s.id: s.label for s in report.sides}
    by_sentence: dict[int, list[Claim]] = defaultdict(list)
    for claim in report.claims:
        by_sentence[claim.sentence_start].append(claim)
    items: list = [Text("Evidence", style="bold underline")]
    for claims in by_sentence.values():
        for claim in claims:
            items.append(_claim_line(claim, labels))
        marks = [(c.start, c.end, "value", c.polarity) for c in claims]
        marks += [(c.holder.start, c.holder.end, "holder", None) for c in claims if c.holder]
        items.append(
            Padding(
                highlight(claims[0].sentence, claims[0].sentence_start, marks, plain=plain),
                (0, 0, 0, 4),
            )
        )
    return Group(*items)


def _claim_line(claim: Claim, labels: dict[str, str]) -> Text:
    line = Text("  ")
    side = labels.get(claim.side, claim.side) if claim.side else "no side"
    line.append(f"{STANCE_GLYPH[claim.stance]} ", style=STANCE_STYLE[claim.stance])
    line.append(side, style="bold")
    line.append(f" {claim.stance} ", style=STANCE_STYLE[claim.stance])
    line.append(claim.value, style="bold")
    if claim.modality_note:
        line.append(f" [{claim.modality_note}]", style="italic")
    why = claim.rule + (f", cue “{claim.cue}”" if claim.cue else "")
    if claim.holder:
        why = f"holder “{claim.holder.text}”, " + why
    line.append(f"  ({why})", style="dim")
    return line


def _mentions_evidence(report: Report, *, plain: bool) -> Group:
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for mention in report.matches:
        by_sentence[mention.sentence_start].append(mention)
    items: list = [Text("Evidence", style="bold underline")]
    if not by_sentence:
        items.append(Text("No value language found.", style="dim"))
    for mentions in by_sentence.values():
        tags = Text("  ")
        for m in mentions:
            label = f"{m.value} ({m.polarity}{', negated' if m.negated else ''})  "
            tags.append(label, style=POLARITY_STYLE[m.polarity].replace("bold ", ""))
        items.append(tags)
        marks = [(m.start, m.end, "value", m.polarity) for m in mentions]
        items.append(
            Padding(
                highlight(mentions[0].sentence, mentions[0].sentence_start, marks, plain=plain),
                (0, 0, 0, 4),
            )
        )
    return Group(*items)


def highlight(sentence: str, offset: int, marks, *, plain: bool) -> Text:
    """The sentence with value words and holders marked; overlapping marks shown once."""
    text = Text()
    cursor = 0
    for start, end, kind, polarity in sorted(set(marks)):
        begin, stop = start - offset, end - offset
        if begin < cursor or begin < 0 or stop > len(sentence):
            continue
        gap = _fold(sentence[cursor:begin])
        text.append(gap.lstrip() if cursor == 0 else gap)
        word = _fold(sentence[begin:stop])
        if kind == "holder":
            text.append(f"«{word}»" if plain else word, style=HOLDER_STYLE)
        else:
            text.append(
                f"[{word}]" if plain else word, style=POLARITY_STYLE[polarity] + " underline"
            )
        cursor = stop
    text.append(_fold(sentence[cursor:]).rstrip())
    return text


def _fold(fragment: str) -> str:
    """Line breaks and runs of spaces become one space, for display."""
    return re.sub(r"\s+", " ", fragment)


FORMATTER = TerminalFormatter()


def kwic_table(lines, width: int) -> Table:
    """Keyword-in-context lines: the keyword centred, its value, side and stance.

    The labels keep their full width; the context columns share what is left and
    are cut at their outer ends, so the keyword always lines up."""
    labels = [
        max([len(header), *(len(str(v)) for v in column)])
        for header, column in (
            ("keyword", [line.keyword for line in lines]),
            ("value", [_kwic_value(line) for line in lines]),
            ("side", [line.side or "-" for line in lines]),
            ("stance", [f"✔ {line.stance}" if line.stance else "" for line in lines]),
        )
    ]
    context = max(8, (width - sum(labels) - 2 * 5) // 2)
    table = Table(box=None, show_header=True, pad_edge=False)
    table.add_column("left", justify="right", no_wrap=True, width=context)
    table.add_column("keyword", no_wrap=True)
    table.add_column("right", no_wrap=True, overflow="ellipsis", width=context)
    table.add_column("value", no_wrap=True)
    table.add_column("side", no_wrap=True)
    table.add_column("stance", no_wrap=True)
    for line in lines:
        stance = Text(
            f"{STANCE_GLYPH[line.stance]} {line.stance}" if line.stance else "",
            style=STANCE_STYLE.get(line.stance or "", ""),
        )
        left = line.left if len(line.left) <= context else "…" + line.left[-(context - 1) :]
        table.add_row(
            left,
            Text(line.keyword, style=POLARITY_STYLE[line.polarity]),
            line.right,
            _kwic_value(line),
            line.side or "-",
            stance,
        )
    return table


def _kwic_value(line) -> str:
    return (
        line.value
        + (" (vice)" if line.polarity == "vice" else "")
        + (" (negated)" if line.negated else "")
    )
