"""The Markdown report, for notes and GitHub issues.

Same content and wording as the terminal report, as GitHub-flavoured
Markdown. Every piece of text that comes from the document (sentences, side
labels, holder words) is folded onto one line and backslash-escaped, so a
speech can never break a table, start a list or inject HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rhetor.formats import RenderContext
from rhetor.formats.terminal import STANCE_GLYPH, plural
from rhetor.report.model import STANCES, Claim, Mention, Report, contested_values

# ASCII punctuation that means something in GFM away from the start of a line:
# emphasis and strikethrough, code spans, links, raw HTML and entities, table
# cells, and GitHub's $math$. CommonMark lets any of them be backslash-escaped.
_SPECIAL = re.compile(r"([\\`*_~\[\]<>&|$#])")
_SPACE = re.compile(r"\s+")


class MarkdownFormatter:
    def render(self, report: Report, context: RenderContext) -> str:
        blocks = [_header(report), _values_table(report)]
        if report.sides:
            blocks += [_matrix(report), _contested(report), _claims_evidence(report)]
        else:
            blocks.append(_mentions_evidence(report))
        return "\n\n".join(blocks) + "\n"


def escape(fragment: str) -> str:
    """Document text made safe for one Markdown line or table cell."""
    return _SPECIAL.sub(r"\\\1", fold(fragment))


def fold(fragment: str) -> str:
    """Line breaks and runs of spaces become one space: a newline would end the row.
    Control characters (terminal escapes) are shown as escapes, never passed on."""
    from rhetor.io.safetext import escape_controls

    return escape_controls(_SPACE.sub(" ", fragment))


def _header(report: Report) -> str:
    stats = report.stats
    return (
        f"# rhetor: {escape(report.source or '<text>')}\n\n"
        f"{plural(stats.words, 'word')} · {plural(stats.sentences, 'sentence')} · "
        f"{plural(stats.characters, 'character')} · "
        f"model {escape(report.model.name)} {escape(report.model.version)}"
    )


def _table(header: list[str], align: list[str], rows: Iterable[list[str]]) -> str:
    """A GFM table; cells must already be escaped."""
    lines = [_row(header), _row(align)]
    lines += [_row(cells) for cells in rows]
    return "\n".join(lines)


def _row(cells: list[str]) -> str:
    # Empty cells keep a space so that "||" is never read as an escaped pipe by
    # lenient renderers.
    return "| " + " | ".join(cell or " " for cell in cells) + " |"


def _values_table(report: Report) -> str:
    header = ["value", "mentions", "virtue", "vice", "negated", "per 1,000 words"]
    rows = (
        [
            escape(row.value),
            str(row.mentions),
            str(row.virtue),
            str(row.vice),
            str(row.negated),
            f"{row.per_1000_words:.2f}",
        ]
        for row in report.values
    )
    return "## Values invoked\n\n" + _table(header, ["---"] + ["--:"] * 5, rows)


def stance_cell(counts: dict[str, int]) -> str:
    """'claims 3, appropriates 1'; empty when no side took a stance on the value."""
    return ", ".join(f"{stance} {counts[stance]}" for stance in STANCES if counts.get(stance))


def matrix_values(report: Report) -> list[str]:
    """The matrix columns: only values the text mentions, as in the terminal."""
    return [v.value for v in report.values if v.mentions]


def side_label(report: Report, side_id: str | None) -> str:
    if side_id is None:
        return "no side"
    return {s.id: s.label for s in report.sides}.get(side_id, side_id)


def _matrix(report: Report) -> str:
    matrix = report.matrix
    values = matrix_values(report)
    rows = (
        [escape(side.label + (" (auto)" if side.auto else ""))]
        + [escape(stance_cell(matrix.get(side.id, {}).get(value, {}))) for value in values]
        for side in report.sides
    )
    table = _table(["side", *(escape(v) for v in values)], ["---"] + [":-:"] * len(values), rows)
    parts = ["## Who holds which value", table]
    unattributed = sum(1 for c in report.claims if c.side is None)
    if unattributed:
        parts.append(f"{plural(unattributed, 'mention')} held by no side")
    return "\n\n".join(parts)


def _contested(report: Report) -> str:
    rows = contested_values(report.matrix)
    if not rows:
        return "## Contested values\n\nNo value is claimed by one side and contested by another."
    items = (
        f"- **{escape(row['value'])}**: claimed by {escape(side_label(report, row['claimed_by']))}"
        f"; {STANCE_GLYPH[row['stance']]} {row['stance']} by "
        f"{escape(side_label(report, row['rival']))}"
        for row in rows
    )
    return "## Contested values\n\n" + "\n".join(items)


def _claims_evidence(report: Report) -> str:
    if not report.claims:
        return "## Evidence\n\nNo value language found."
    return "## Evidence\n\n" + "\n".join(_claim_item(report, claim) for claim in report.claims)


def _claim_item(report: Report, claim: Claim) -> str:
    why = escape(claim.rule) + (f", cue “{escape(claim.cue)}”" if claim.cue else "")
    if claim.holder:
        why = f"holder “{escape(claim.holder.text)}”, " + why
    return (
        f"- {STANCE_GLYPH[claim.stance]} {escape(side_label(report, claim.side))} "
        f"{claim.stance} **{escape(claim.value)}**"
        + (f" *{escape(claim.modality_note)}*" if claim.modality_note else "")
        + (f" *({claim.certainty_note})*" if claim.certainty_note else "")
        + f" ({why}): "
        + bold_span(claim.sentence, claim.start - claim.sentence_start, claim.end - claim.start)
    )


def _mentions_evidence(report: Report) -> str:
    if not report.matches:
        return "## Evidence\n\nNo value language found."
    return "## Evidence\n\n" + "\n".join(_mention_item(m) for m in report.matches)


def _mention_item(mention: Mention) -> str:
    label = f"{mention.value} ({mention.polarity}{', negated' if mention.negated else ''})"
    return f"- **{escape(label)}**: " + bold_span(
        mention.sentence, mention.start - mention.sentence_start, mention.end - mention.start
    )


def bold_span(sentence: str, begin: int, length: int) -> str:
    """The sentence on one line with ``sentence[begin:begin + length]`` in bold.

    Offsets that fall outside the sentence (a report from elsewhere) leave it
    unmarked rather than bolding the wrong words.
    """
    stop = begin + length
    word = sentence[begin:stop] if 0 <= begin < stop <= len(sentence) else ""
    if not word.strip():
        return escape(sentence.strip())
    # "** word**" is not emphasis in CommonMark: move edge spaces outside the bold.
    begin += len(word) - len(word.lstrip())
    stop -= len(word) - len(word.rstrip())
    before, after = sentence[:begin], sentence[stop:]
    return f"{escape(before).lstrip()}**{escape(word.strip())}**{escape(after).rstrip()}"


FORMATTER = MarkdownFormatter()
