"""Keyword-in-context lines for the terminal (``rhetor kwic``).

Every word of every context is shown: when the lines fit the width they are one
table, the keywords lined up; when they do not, each hit is two lines, its labels
and then its context, wrapped at spaces. Nothing is ever cut.
"""

from __future__ import annotations

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from rhetor.formats.terminal import POLARITY_STYLE, STANCE_GLYPH, STANCE_STYLE, shown


def kwic_table(lines, width: int, *, plain: bool = True):
    """Keyword-in-context lines: the keyword centred, its value, side and stance.

    Every word of every context is shown: when the lines fit ``width`` they are one
    table, the keywords lined up; when they do not, each hit is two lines, its labels
    and then its context, wrapped at spaces. Nothing is ever cut."""
    labels = [
        max([len(header), *(len(str(v)) for v in column)])
        for header, column in (
            ("keyword", [shown(line.keyword) for line in lines]),
            ("value", [_kwic_value(line) for line in lines]),
            ("side", [shown(line.side or "-") for line in lines]),
            ("stance", [f"✔ {line.stance}" if line.stance else "" for line in lines]),
        )
    ]
    left = max([len("left"), *(len(shown(line.left)) for line in lines)])
    right = max([len("right"), *(len(shown(line.right)) for line in lines)])
    if left + right + sum(labels) + 2 * 5 <= width:
        return _kwic_aligned(lines)
    return _kwic_stacked(lines, plain=plain)


_OPENING = "([{\"'“‘«¿¡"
_CLOSING = ")]}\"'”’»,.;:!?…"


def _kwic_stance(line) -> Text:
    return Text(
        f"{STANCE_GLYPH[line.stance]} {line.stance}" if line.stance else "",
        style=STANCE_STYLE.get(line.stance or "", ""),
    )


def _kwic_aligned(lines) -> Table:
    table = Table(box=None, show_header=True, pad_edge=False)
    table.add_column("left", justify="right", no_wrap=True)
    table.add_column("keyword", no_wrap=True)
    table.add_column("right", no_wrap=True)
    table.add_column("value", no_wrap=True)
    table.add_column("side", no_wrap=True)
    table.add_column("stance", no_wrap=True)
    for line in lines:
        table.add_row(  # Text, not str: Rich would read [brackets] in a document as markup
            Text(shown(line.left)),
            Text(shown(line.keyword), style=POLARITY_STYLE[line.polarity]),
            Text(shown(line.right)),
            Text(_kwic_value(line)),
            Text(shown(line.side or "-")),
            _kwic_stance(line),
        )
    return table


def _kwic_stacked(lines, *, plain: bool) -> Group:
    items: list = []
    for line in lines:
        head = Text()
        head.append(shown(line.keyword), style="bold")
        head.append(f"  {_kwic_value(line)} · {shown(line.side or '-')}")
        if line.stance:
            head.append(" · ")
            head.append_text(_kwic_stance(line))
        context = Text()
        left, right = shown(line.left), shown(line.right)
        if left:  # an opening bracket or quote stays against the keyword
            context.append(left if left[-1] in _OPENING else left + " ")
        keyword = shown(line.keyword)
        context.append(f"[{keyword}]" if plain else keyword, style=POLARITY_STYLE[line.polarity])
        if right:  # and so does a closing one, or a comma
            context.append(right if right[0] in _CLOSING else " " + right)
        items += [head, Padding(context, (0, 0, 0, 4), expand=False)]
    return Group(*items)


def _kwic_value(line) -> str:
    return (
        line.value
        + (" (vice)" if line.polarity == "vice" else "")
        + (" (negated)" if line.negated else "")
    )
