"""The text of the HTML report, with value mentions and their holders highlighted.

Each mention becomes a ``<mark>`` carrying its value, side, stance and a title naming
them (a mention held by more than one side gets a badge per further claim); each
holder of a claim an underlined ``<span>``. Highlights never overlap, so the tags stay
properly nested. Blank lines in the text become paragraphs and single line breaks
``<br>``. Without the full text, only the sentences with value language are shown.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from rhetor.formats.html_evidence import (
    counted,
    mention_id,
    stance_by,
    swatch_attr,
    uncertainty_note,
)
from rhetor.formats.markdown import side_label
from rhetor.formats.terminal import STANCE_GLYPH
from rhetor.io.safetext import escape_html as escape
from rhetor.report.model import Claim, Mention, Report

# One line break in any convention; "\r(?!\n)" so that a CRLF never counts as two.
_NEWLINE = r"(?:\r\n|\r(?!\n)|\n)"
_PARAGRAPH_BREAK = re.compile(rf"{_NEWLINE}[ \t\f\v]*(?:{_NEWLINE}[ \t\f\v]*)+")
_LINE_BREAK = re.compile(_NEWLINE)
_BR = "<br>"


@dataclass(frozen=True)
class Highlight:
    """A stretch of the text to wrap: its offsets and the opening tag."""

    start: int
    end: int
    open_tag: str
    close_tag: str
    mention: bool = False  # a value mention (the target of the evidence list's links)


def text_section(report: Report, text: str | None, swatches: dict[str, str]) -> str:
    """The page's section with the text highlighted (only the sentences with value
    language when ``text`` is None); ``swatches`` maps side ids to swatch names."""
    if text is not None:
        body = _highlight(text, 0, highlight_spans(report, swatches))
        return f'<section id="text">\n<h2>Text</h2>\n<div class="text">\n{body}\n</div>\n</section>'
    return _sentences(report, swatches)


def _sentences(report: Report, swatches: dict[str, str]) -> str:
    """Without the full text: each sentence that has a mention, highlighted in place."""
    sentences: dict[int, str] = {}
    for mention in report.matches:
        sentences.setdefault(mention.sentence_start, mention.sentence)
    spans = highlight_spans(report, swatches)
    starts = [span.start for span in spans]
    quotes = []
    for offset, sentence in sentences.items():
        # Spans are sorted and disjoint: those in this sentence are one slice.
        first = bisect_left(starts, offset)
        last = bisect_left(starts, offset + len(sentence), lo=first)
        inside = [s for s in spans[first:last] if s.end <= offset + len(sentence)]
        quotes.append(f"<blockquote>{_highlight(sentence, offset, inside)}</blockquote>")
    body = "\n".join(quotes) or '<p class="note">No value language found.</p>'
    return (
        '<section id="text">\n<h2>Text: the sentences with value language</h2>\n'
        '<p class="note">The full text was not available; these are the sentences '
        "with value language.</p>\n"
        f'<div class="text">\n{body}\n</div>\n</section>'
    )


def highlight_spans(report: Report, swatches: dict[str, str]) -> list[Highlight]:
    """Mentions, then holders, that do not overlap anything chosen before them.

    Mentions go first so that a holder sharing words with a value word never
    costs the value its highlight; among mentions the earlier (then longer)
    one wins. Skipping overlaps is what keeps the tags properly nested.
    """
    claims: dict[tuple[int, int], list[Claim]] = {}
    for claim in report.claims:
        claims.setdefault((claim.start, claim.end), []).append(claim)
    chosen: list[Highlight] = []  # kept sorted by start, with their starts alongside
    starts: list[int] = []
    for mention in sorted(report.matches, key=lambda m: (m.start, -m.end)):
        held = claims.get((mention.start, mention.end), [])
        _add(chosen, starts, _mention_span(report, mention, held, swatches))
    for claim in report.claims:
        if claim.holder is not None:
            _add(chosen, starts, _holder_span(report, claim, swatches))
    return chosen


def _add(chosen: list[Highlight], starts: list[int], span: Highlight) -> None:
    """Insert ``span`` in start order unless it is empty or overlaps a chosen span."""
    if span.start >= span.end:
        return
    # Chosen spans never overlap, so only the neighbours on either side can.
    at = bisect_left(starts, span.start)
    if at > 0 and chosen[at - 1].end > span.start:
        return
    if at < len(chosen) and chosen[at].start < span.end:
        return
    chosen.insert(at, span)
    starts.insert(at, span.start)


def _mention_span(
    report: Report, mention: Mention, claims: Sequence[Claim], swatches: dict[str, str]
) -> Highlight:
    # A mention held by two sides gets the first claim's colour and style, and a
    # badge after it for each further claim ("our fairness, which they steal" shows
    # both); the title lists every claim.
    first = claims[0] if claims else None
    if claims:
        title = "; ".join(_claim_title(report, c) for c in claims)
    else:
        title = f"{mention.value} · no side · {mention.polarity}"
    if mention.negated:
        title += " (negated)"
    unsure = uncertainty_note(first) if first else ""  # in the title through _claim_title
    attrs = {
        "id": mention_id(mention.start, mention.end),
        "class": "rhetor-mention",
        "data-value": mention.value,
        "data-side": (first.side or "") if first else "",
        "data-stance": first.stance if first else "",
        "data-polarity": mention.polarity,
        "data-modality": first.modality if first else "",
        "data-swatch": swatch_attr(first.side if first else None, swatches),
        "title": title,
    }
    if first and not counted(first):
        attrs["data-counted"] = "false"
    # Uncertain is said in words next to the value, not by a colour or a style alone.
    badges = f'<sup class="rhetor-uncertain">{escape(unsure)}</sup>' if unsure else ""
    badges += "".join(
        f"<sup{_attrs(_badge_attrs(report, claim, swatches))}>{STANCE_GLYPH[claim.stance]}"
        f"{'' if counted(claim) else ' uncertain'}</sup>"
        for claim in claims[1:]
    )
    return Highlight(
        mention.start, mention.end, f"<mark{_attrs(attrs)}>", "</mark>" + badges, mention=True
    )


def _claim_title(report: Report, claim: Claim) -> str:
    label = side_label(report, claim.side) if claim.side is not None else None
    title = f"{claim.value} · {stance_by(claim.stance, label)}"
    if claim.modality_note:
        title += f" · {claim.modality_note}"
    if not counted(claim):
        title += f" · {uncertainty_note(claim)}"
    return title


def _badge_attrs(report: Report, claim: Claim, swatches: dict[str, str]) -> dict[str, str]:
    return {
        "class": "rhetor-also",
        "data-side": claim.side or "",
        "data-stance": claim.stance,
        "data-swatch": swatch_attr(claim.side, swatches),
        "data-modality": claim.modality,
        "title": f"also: {_claim_title(report, claim)}",
        **({"data-counted": "false"} if not counted(claim) else {}),
    }


def _holder_span(report: Report, claim: Claim, swatches: dict[str, str]) -> Highlight:
    holder = claim.holder
    assert holder is not None
    attrs = {
        "class": "rhetor-holder",
        "data-side": claim.side or "",
        "data-swatch": swatch_attr(claim.side, swatches),
        "title": f"holder · {side_label(report, claim.side)}",
    }
    return Highlight(holder.start, holder.end, f"<span{_attrs(attrs)}>", "</span>")


def _attrs(attrs: dict[str, str]) -> str:
    return "".join(f' {name}="{escape(value)}"' for name, value in attrs.items())


def _highlight(text: str, offset: int, spans: Sequence[Highlight]) -> str:
    """``text`` as paragraphs, with each span wrapped; ``offset`` is where text starts."""
    paragraphs: list[list[str]] = [[]]
    cursor = 0
    for span in spans:
        begin, stop = span.start - offset, span.end - offset
        if begin < cursor or stop > len(text):
            continue
        _plain(text[cursor:begin], paragraphs)
        # Inside a tag a paragraph break cannot close the <p>: line breaks only.
        inner = _LINE_BREAK.sub(_BR, escape(text[begin:stop]))
        paragraphs[-1].append(span.open_tag + inner + span.close_tag)
        cursor = stop
    _plain(text[cursor:], paragraphs)
    return "\n".join(f"<p>{''.join(p)}</p>" for p in map(_trim, paragraphs) if p)


def _plain(fragment: str, paragraphs: list[list[str]]) -> None:
    """Append unhighlighted text: blank lines open a new paragraph, newlines become <br>."""
    for i, chunk in enumerate(_PARAGRAPH_BREAK.split(fragment)):
        if i:
            paragraphs.append([])
        for j, line in enumerate(_LINE_BREAK.split(chunk)):
            if j:
                paragraphs[-1].append(_BR)
            if line:
                paragraphs[-1].append(escape(line))


def _trim(pieces: list[str]) -> list[str]:
    """A paragraph without line breaks or blank text at either end; empty if nothing left."""
    start, end = 0, len(pieces)
    while start < end and (pieces[start] == _BR or not pieces[start].strip()):
        start += 1
    while end > start and (pieces[end - 1] == _BR or not pieces[end - 1].strip()):
        end -= 1
    return pieces[start:end]
