"""The Rich report for people at a terminal.

Highlights carry meaning without colour too: with no colour (NO_COLOR, or
output that is not a terminal) matched words are wrapped in [brackets].
"""

from __future__ import annotations

import io
import re
from collections import defaultdict

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from rhetor.formats import RenderContext
from rhetor.report import Mention, Report

POLARITY_STYLE = {"virtue": "bold green", "vice": "bold red"}


class TerminalFormatter:
    def render(self, report: Report, context: RenderContext) -> str:
        buffer = io.StringIO()
        console = Console(
            file=buffer,
            width=context.width,
            force_terminal=context.color,
            no_color=not context.color,
            highlight=False,
            emoji=False,
        )
        console.print(_header(report))
        console.print(_values_table(report))
        console.print(_evidence(report, plain=not context.color))
        return buffer.getvalue()


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


def _evidence(report: Report, *, plain: bool) -> Group:
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for mention in report.matches:
        by_sentence[mention.sentence_start].append(mention)
    items: list = [Text("Evidence", style="bold underline")]
    if not by_sentence:
        items.append(Text("No value language found.", style="dim"))
    for mentions in by_sentence.values():
        items.append(_tags(mentions))
        items.append(Padding(highlight_sentence(mentions, plain=plain), (0, 0, 0, 4)))
    return Group(*items)


def _tags(mentions: list[Mention]) -> Text:
    tags = Text("  ")
    for i, m in enumerate(mentions):
        if i:
            tags.append("  ")
        label = f"{m.value} ({m.polarity}{', negated' if m.negated else ''})"
        tags.append(label, style=POLARITY_STYLE[m.polarity].replace("bold ", ""))
    return tags


def highlight_sentence(mentions: list[Mention], *, plain: bool) -> Text:
    """The sentence with each mention's words styled (or bracketed when plain)."""
    raw = mentions[0].sentence
    offset = mentions[0].sentence_start
    text = Text()
    cursor = 0
    for m in sorted(mentions, key=lambda m: m.start):
        begin, end = m.start - offset, m.end - offset
        if begin < cursor:
            continue  # one span matched by two values: highlight it once
        text.append(_fold(raw[cursor:begin]).lstrip() if cursor == 0 else _fold(raw[cursor:begin]))
        word = _fold(raw[begin:end])
        text.append(f"[{word}]" if plain else word, style=POLARITY_STYLE[m.polarity] + " underline")
        cursor = end
    text.append(_fold(raw[cursor:]).rstrip())
    return text


def _fold(fragment: str) -> str:
    """Line breaks and runs of spaces become one space, for display."""
    return re.sub(r"\s+", " ", fragment)


FORMATTER = TerminalFormatter()
