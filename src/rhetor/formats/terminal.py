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
from rhetor.io.safetext import escape_controls
from rhetor.report.model import STANCES, Claim, Mention, Report, contested_values

POLARITY_STYLE = {"virtue": "bold green", "vice": "bold red"}
STANCE_GLYPH = {"claims": "✔", "appropriates": "⚠", "opposes": "✘"}
STANCE_STYLE = {"claims": "green", "appropriates": "yellow", "opposes": "red"}
STANCE_PASSIVE = {"claims": "claimed", "appropriates": "appropriated", "opposes": "opposed"}
HOLDER_STYLE = "bold cyan"


SUMMARY_LINES = 40  # --summary fits one 80x40 screen
# (sides shown in the matrix, contested pairs shown): tried in turn until the summary fits
SUMMARY_STEPS = ((10, 8), (8, 6), (6, 5), (5, 4), (4, 3), (3, 3), (3, 2), (2, 2), (1, 1))


class TerminalFormatter:
    def render(self, report: Report, context: RenderContext) -> str:
        plain = not context.color
        parts = [_header(report), _values_table(report)]
        if context.summary:
            return _summary(report, context, parts)
        if report.sides:
            parts += [_matrix_table(report, context.width), _contested(report)]
            parts.append(_claims_evidence(report, plain=plain))
        else:
            parts.append(_mentions_evidence(report, plain=plain))
        return render_to_text(context, *parts)


def _summary(report: Report, context: RenderContext, parts: list) -> str:
    """The report without its evidence, on one screen of SUMMARY_LINES lines: the sides
    with most claims and the heaviest contested pairs, each list ending "and N more"
    when it is cut."""
    if not report.sides:
        return render_to_text(context, *parts, _evidence_count(len(report.matches), "mention"))
    text = ""
    for sides, pairs in SUMMARY_STEPS:
        text = render_to_text(
            context,
            *parts,
            _matrix_table(report, context.width, limit=sides),
            _contested(report, limit=pairs),
            _evidence_count(len(report.claims), "claim"),
        )
        if text.count("\n") <= SUMMARY_LINES:
            break
    return text


def shown(text: str) -> str:
    """Text from a document or a file name, with its control characters made visible."""
    return escape_controls(text, keep_newlines=False)


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def _evidence_count(count: int, word: str) -> Text:
    return Text(
        f"Evidence: {plural(count, word)}; run without --summary to see each one.",
        style="dim",
    )


def _header(report: Report) -> Panel:
    stats = report.stats
    lines = Text()
    lines.append(f"{shown(report.source or '<text>')}\n", style="bold")
    lines.append(
        f"{plural(stats.words, 'word')} · {plural(stats.sentences, 'sentence')} · "
        f"{plural(stats.characters, 'character')}"
    )
    lines.append(f"\nmodel {report.model.name} {report.model.version}", style="dim")
    return Panel(lines, title="rhetor", title_align="left")


def _values_table(report: Report) -> Table:
    table = Table(title="Values invoked", title_justify="left")
    names = [row.value for row in report.values]
    table.add_column("value", no_wrap=True, min_width=max(map(len, [*names, "value"])))
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


TITLE_MATRIX = "Who holds which value"


def _side_label(side) -> str:
    return shown(side.label) + (" (auto)" if side.auto else "")


def _side_weight(report: Report, side_id: str) -> int:
    return sum(sum(stances.values()) for stances in report.matrix.get(side_id, {}).values())


def _matrix_table(report: Report, width: int = 100, limit: int | None = None) -> Group:
    """Sides as rows and values as columns; when that is wider than the terminal, values
    as rows and sides as columns; when that is too, one line per side. Names are never
    cut or wrapped. With ``limit``, only the sides with most claims, and a line saying
    how many more there are."""
    matrix = report.matrix
    values = [v.value for v in report.values if v.mentions]
    sides = list(report.sides)
    more = None
    if limit is not None and len(sides) > limit:
        ranked = sorted(sides, key=lambda s: -_side_weight(report, s.id))  # stable
        kept = {s.id for s in ranked[:limit]}
        left_out = [s for s in sides if s.id not in kept]
        sides = [s for s in sides if s.id in kept]
        claims = sum(_side_weight(report, s.id) for s in left_out)
        more = Text(
            f"  and {plural(len(left_out), 'more side')} ({plural(claims, 'claim')}); "
            "run without --summary for all",
            style="dim",
        )
    cells = {
        (side.id, value): _cell(matrix.get(side.id, {}).get(value, {}))
        for side in sides
        for value in values
    }
    labels = [_side_label(side) for side in sides]
    # A column is its widest entry plus 3 for padding and rule; the first has 4.
    wide = (
        4
        + max(map(len, [*labels, "side"]))
        + sum(
            3 + max([len(value), *(cells[s.id, value].cell_len for s in sides)]) for value in values
        )
    )
    tall = (
        4
        + max(map(len, [*values, "value"]))
        + sum(
            3 + max([len(label), *(cells[s.id, v].cell_len for v in values)])
            for s, label in zip(sides, labels, strict=True)
        )
    )
    if wide <= width or not values:
        table = Table(title=TITLE_MATRIX, title_justify="left")
        table.add_column("side", no_wrap=True)
        for value in values:
            table.add_column(value, justify="center", no_wrap=True)
        for side, label in zip(sides, labels, strict=True):
            table.add_row(Text(label, style="bold"), *(cells[side.id, v] for v in values))
    elif tall <= width:
        table = Table(title=TITLE_MATRIX, title_justify="left")
        table.add_column("value", no_wrap=True)
        for label in labels:
            table.add_column(label, justify="center", no_wrap=True)
        for value in values:
            table.add_row(Text(value, style="bold"), *(cells[s.id, value] for s in sides))
    else:
        table = _matrix_lines(sides, labels, values, cells)
    unattributed = sum(1 for c in report.claims if c.side is None)
    note = (
        Text(f"  {plural(unattributed, 'mention')} held by no side", style="dim")
        if unattributed
        else ""
    )
    return Group(table, *([more] if more else []), stance_legend(), note)


def _matrix_lines(sides, labels, values, cells) -> Group:
    items: list = [Text(TITLE_MATRIX, style="italic")]
    for side, label in zip(sides, labels, strict=True):
        line = Text()
        line.append(label, style="bold")
        line.append(":")
        held = [(v, cells[side.id, v]) for v in values if cells[side.id, v].plain != "·"]
        for value, cell in held:
            line.append(f" {value} ")
            line.append_text(cell)
            line.append(";" if (value, cell) != held[-1] else "")
        if not held:
            line.append(" —", style="dim")
        items.append(_indented(line))
    return Group(*items)


def _cell(counts: dict[str, int]) -> Text:
    cell = Text()
    for stance in STANCES:
        if counts.get(stance):
            if cell:
                cell.append(" ")
            cell.append(f"{STANCE_GLYPH[stance]}{counts[stance]}", style=STANCE_STYLE[stance])
    return cell or Text("·", style="dim")


def _contested(report: Report, limit: int | None = None) -> Group:
    """Each value one side claims and another appropriates or opposes. With ``limit``,
    the pairs with most claims between them first, and a line saying how many more."""
    labels = {s.id: s.label for s in report.sides}
    rows = contested_values(report.matrix)
    items: list = [Text("Contested values", style="bold underline")]
    if not rows:
        items.append(
            Text("  No value is claimed by one side and contested by another.", style="dim")
        )
    more = 0
    if limit is not None and len(rows) > limit:
        matrix = report.matrix

        def weight(row) -> int:
            held = matrix.get(row["claimed_by"], {}).get(row["value"], {})
            rival = matrix.get(row["rival"], {}).get(row["value"], {})
            return held.get("claims", 0) + rival.get(row["stance"], 0)

        more = len(rows) - limit
        rows = sorted(rows, key=weight, reverse=True)[:limit]  # stable: ties keep order
    for row in rows:
        line = Text()
        line.append(row["value"], style="bold")
        line.append(": claimed by ")
        line.append(
            shown(labels.get(row["claimed_by"], row["claimed_by"])), style=STANCE_STYLE["claims"]
        )
        line.append(f"; {STANCE_GLYPH[row['stance']]} {STANCE_PASSIVE[row['stance']]} by ")
        line.append(
            shown(labels.get(row["rival"], row["rival"])), style=STANCE_STYLE[row["stance"]]
        )
        items.append(_indented(line))
    if more:
        items.append(
            Text(
                f"  and {plural(more, 'more contested pair')}; run without --summary for all",
                style="dim",
            )
        )
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


def _indented(line: Text, left: int = 2) -> Padding:
    """A line whose continuation lines keep its indent when the terminal wraps it."""
    return Padding(line, (0, 0, 0, left))


def _hanging(prefix: Text, body: Text) -> Table:
    """``prefix`` then ``body``, whose wrapped lines start under the body, not the prefix."""
    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(prefix, body)
    return grid


def _claim_line(claim: Claim, labels: dict[str, str]) -> Table:
    glyph = Text(f"  {STANCE_GLYPH[claim.stance]} ", style=STANCE_STYLE[claim.stance])
    line = Text()
    if claim.side:
        line.append(shown(labels.get(claim.side, claim.side)), style="bold")
    elif claim.holder:  # a holder the text names, but none of the sides
        line.append(f"“{shown(claim.holder.text)}”", style="bold")
    else:
        line.append("(no side)", style="bold")
    line.append(f" {claim.stance} ", style=STANCE_STYLE[claim.stance])
    line.append(claim.value, style="bold")
    if claim.modality_note:
        line.append(f" [{shown(claim.modality_note)}]", style="italic")
    if claim.certainty_note:  # said in words, not by colour alone
        line.append(f" [{claim.certainty_note}]", style="italic dim")
    why = claim.rule + (f", cue “{shown(claim.cue)}”" if claim.cue else "")
    if claim.holder and claim.side:
        why = f"holder “{shown(claim.holder.text)}”, " + why
    elif claim.holder:
        why = "not one of the sides, " + why
    line.append(f"  ({why})", style="dim")
    return _hanging(glyph, line)


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
    """Line breaks and runs of spaces become one space, and control characters are
    shown as escapes, for display."""
    return shown(re.sub(r"\s+", " ", fragment))


FORMATTER = TerminalFormatter()
