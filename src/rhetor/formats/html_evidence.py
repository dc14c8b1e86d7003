"""The evidence list of the HTML report, and side colours from the sides file.

Every claim under the text, grouped by side and value (in the matrix's order),
each with its sentence, its holder and a link to the mention in the text. The
list is filtered by side, value and stance with radio buttons and CSS alone
(``:has()``), so the page stays free of scripts; without ``:has()`` the
filters do nothing and the whole list shows. Matrix cells link to their group
(``#ev-S-V``), which shows even when a filter would hide it (``:target``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from rhetor.formats.terminal import STANCE_GLYPH, STANCE_PASSIVE
from rhetor.io.safetext import escape_html as escape
from rhetor.report.model import STANCES, Claim, Report

NO_SIDE_KEY = "none"


def counted(claim) -> bool:
    """Whether a claim counts; a claim may carry ``counted=False`` (and a
    ``confidence``) when the attribution is unsure of it."""
    return getattr(claim, "counted", True) is not False


def uncertainty_note(claim) -> str:
    """Words for an uncertain claim ("uncertain, confidence 0.42"); "" when it counts."""
    if counted(claim):
        return ""
    confidence = getattr(claim, "confidence", None)
    if isinstance(confidence, int | float) and not isinstance(confidence, bool):
        return f"uncertain, confidence {confidence:.2f}"
    return "uncertain"


def stance_by(stance: str, side_label: str | None) -> str:
    """The stance as the value's: "claimed by Labour"; "opposed (no side)" when no side
    holds it (a holder the sides do not name, or none found)."""
    if side_label is None:
        return f"{STANCE_PASSIVE[stance]} (no side)"
    return f"{STANCE_PASSIVE[stance]} by {side_label}"


def group_id(side_key: str, value_key: int) -> str:
    """The anchor of one (side, value) group; keys are indices, never document text."""
    return f"ev-{side_key}-{value_key}"


def mention_id(start: int, end: int) -> str:
    return f"m-{start}-{end}"


def side_keys(report: Report) -> dict[str | None, str]:
    """Side id -> the key used in anchors and filters (its index; ``none`` for no side)."""
    keys: dict[str | None, str] = {s.id: str(i) for i, s in enumerate(report.sides)}
    keys[None] = NO_SIDE_KEY
    return keys


# -- side colours and labels from the sides file ---------------------------------------


def with_labels(report: Report, styles: Mapping | None) -> Report:
    """The report with the sides' labels from the sides file (``label:``)."""
    if not styles:
        return report
    sides = tuple(
        replace(s, label=styles[s.id].label) if s.id in styles and styles[s.id].label else s
        for s in report.sides
    )
    return replace(report, sides=sides)


def swatch_attr(side_id: str | None, swatches: dict[str, str]) -> str:
    """The ``data-swatch`` of a side (``none`` for no side or an unknown one).

    The side id comes from the document, so colours hang off a swatch name
    rather than a CSS selector built from the id."""
    swatch = swatches.get(side_id) if side_id is not None else None
    return "none" if swatch is None else swatch


def custom_swatches(report: Report, styles: Mapping | None) -> dict[str, str]:
    """Side id -> swatch name for the sides with a ``colour:`` (``c0``, ``c1``, ...)."""
    if not styles:
        return {}
    return {
        s.id: f"c{i}" for i, s in enumerate(report.sides) if s.id in styles and styles[s.id].colour
    }


def custom_swatch_css(report: Report, styles: Mapping | None) -> str:
    """One rule per custom colour: the colour itself, and a pale tint of it for the
    highlight background (mixed with white, so dark text keeps its contrast)."""
    rules = []
    for side_id, swatch in custom_swatches(report, styles).items():
        colour = styles[side_id].colour
        rules.append(f'[data-swatch="{swatch}"] {{ --side: {colour}; --tint: {tint(colour)}; }}\n')
    return "".join(rules)


def tint(colour: str, share: float = 0.18) -> str:
    """A pale tint of ``colour`` (``share`` of it mixed with white), for highlights: a
    hex colour gives a hex colour, any other CSS colour a ``color-mix()``."""
    if colour.startswith("#"):
        digits = colour[1:]
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        channels = [int(digits[i : i + 2], 16) for i in (0, 2, 4)]
        mixed = [round(255 - (255 - c) * share) for c in channels]
        return "#" + "".join(f"{c:02x}" for c in mixed)
    return f"color-mix(in srgb, {colour} {round(share * 100)}%, white)"


# -- the evidence list -------------------------------------------------------------------


def evidence_css(report: Report, values: Sequence[str]) -> str:
    """The filter rules: a checked radio hides the groups and items that do not match."""
    rules = []
    for key in side_keys(report).values():
        rules.append(
            f'main:has(#ev-side-{key}:checked) .ev-group:not([data-side-key="{key}"]) '
            "{ display: none; }\n"
        )
    for index in range(len(values)):
        rules.append(
            f'main:has(#ev-value-{index}:checked) .ev-group:not([data-value-key="{index}"]) '
            "{ display: none; }\n"
        )
    for stance in STANCES:
        rules.append(
            f'main:has(#ev-stance-{stance}:checked) .ev-group li:not([data-stance="{stance}"]), '
            f"main:has(#ev-stance-{stance}:checked) "
            f'.ev-group:not(:has(li[data-stance="{stance}"])) {{ display: none; }}\n'
        )
    return _EVIDENCE_CSS + "".join(rules)


_EVIDENCE_CSS = """\
.ev-filters { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; margin: 0 0 1rem;
  padding: 0.6rem 0.9rem; background: #f6f6f6; border-radius: 6px; font-size: 0.92rem; }
.ev-filters fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap;
  gap: 0.2rem 0.8rem; align-items: center; }
.ev-filters legend { float: left; margin-right: 0.5rem; font-size: 0.8rem; font-weight: 700;
  text-transform: uppercase; letter-spacing: 0.06em; color: #595959; }
.ev-filters label { white-space: nowrap; cursor: pointer; }
.evidence { counter-reset: shown; }
.ev-group { margin: 0 0 1.2rem; scroll-margin-top: 1rem; }
.ev-group h3 { font-size: 1rem; margin: 0 0 0.3rem; }
.ev-group:target { display: block !important; outline: 2px solid var(--side);
  outline-offset: 4px; border-radius: 2px; }
.ev-group ol { margin: 0; padding-left: 1.5rem; }
.ev-group li { counter-increment: shown; margin: 0 0 0.45rem; }
.ev-stance { font-weight: 600; }
.ev-uncertain, .rhetor-uncertain { font-size: 0.78em; font-weight: 700; text-transform: uppercase;
  letter-spacing: 0.04em; border: 1px dashed #595959; border-radius: 3px; padding: 0 0.25em;
  color: #3b3b3b; }
.ev-group li[data-counted="false"] { opacity: 0.85; }
.ev-meta { color: #4a4a4a; font-size: 0.88rem; }
span.ev-mark { color: inherit; background: var(--tint); border-bottom: 3px solid var(--side);
  padding: 0 0.1em; }
.ev-count::after { content: counter(shown); font-weight: 700; }
td.cell a { color: inherit; text-decoration-color: #8a8a8a; }
"""


def evidence_section(
    report: Report,
    values: Sequence[str],
    swatch_of,
    linked: set[tuple[int, int]],
) -> str:
    """The filters and the grouped list; ``linked`` holds the (start, end) of every
    mention highlighted in the text, the targets of the "in the text" links."""
    if not report.claims:
        return ""
    keys = side_keys(report)
    value_keys = {v: i for i, v in enumerate(values)}
    groups: dict[tuple[str | None, str], list[Claim]] = {}
    for claim in report.claims:
        groups.setdefault((claim.side, claim.value), []).append(claim)
    order = [s.id for s in report.sides] + [None]
    parts = []
    for side in order:
        for value in values:
            claims = groups.get((side, value))
            if claims:
                parts.append(
                    _group(
                        report,
                        side,
                        value,
                        claims,
                        keys[side],
                        value_keys[value],
                        swatch_of,
                        linked,
                    )
                )
    return (
        '<section class="evidence" id="evidence" aria-labelledby="evidence-title">\n'
        '<h2 id="evidence-title">Evidence</h2>\n'
        + _filters(report, values)
        + "\n".join(parts)
        + '\n<p class="note ev-count">claims shown: </p>\n</section>'
    )


def _filters(report: Report, values: Sequence[str]) -> str:
    sides = [
        (key, escape(s.label))
        for s, key in zip(report.sides, side_keys(report).values(), strict=False)
    ]
    sides.append((NO_SIDE_KEY, "no side"))
    fieldsets = [
        _fieldset("side", "Side", sides),
        _fieldset("value", "Value", [(str(i), escape(v)) for i, v in enumerate(values)]),
        _fieldset(
            "stance", "Stance", [(s, f"{STANCE_GLYPH[s]} {STANCE_PASSIVE[s]}") for s in STANCES]
        ),
    ]
    return (
        '<div class="ev-filters" role="group" aria-label="Filter the evidence">\n'
        + "\n".join(fieldsets)
        + "\n</div>\n"
    )


def _fieldset(name: str, legend: str, options: Sequence[tuple[str, str]]) -> str:
    choices = [
        f'<label><input type="radio" name="ev-{name}" id="ev-{name}-all" checked/> all</label>'
    ]
    choices += [
        f'<label><input type="radio" name="ev-{name}" id="ev-{name}-{key}"/> {label}</label>'
        for key, label in options
    ]
    return f"<fieldset><legend>{legend}</legend>{''.join(choices)}</fieldset>"


def _group(report, side, value, claims, side_key, value_key, swatch_of, linked) -> str:
    label = escape(next((s.label for s in report.sides if s.id == side), "no side"))
    items = "\n".join(
        _item(claim, label, swatch_of, linked) for claim in sorted(claims, key=lambda c: c.start)
    )
    return (
        f'<section class="ev-group" id="{group_id(side_key, value_key)}" '
        f'data-side-key="{side_key}" data-value-key="{value_key}" '
        f'data-swatch="{swatch_of(side)}">\n'
        f'<h3><span class="swatch" data-swatch="{swatch_of(side)}"></span>{label} · '
        f"{escape(value)} <small>({len(claims)})</small></h3>\n<ol>\n{items}\n</ol>\n</section>"
    )


def _item(claim: Claim, side_label: str, swatch_of, linked: set[tuple[int, int]]) -> str:
    sentence = claim.sentence
    begin, stop = claim.start - claim.sentence_start, claim.end - claim.sentence_start
    if 0 <= begin < stop <= len(sentence):
        quoted = (
            escape(sentence[:begin].lstrip())
            + f'<span class="ev-mark" data-swatch="{swatch_of(claim.side)}">'
            + escape(sentence[begin:stop])
            + "</span>"
            + escape(sentence[stop:].rstrip())
        )
    else:
        quoted = escape(sentence.strip())
    meta = [f"rule {escape(claim.rule)}"]
    if claim.holder is not None:
        meta.insert(0, f"holder “{escape(claim.holder.text)}”")
    if claim.modality_note:
        meta.append(escape(claim.modality_note))
    jump = ""
    if (claim.start, claim.end) in linked:
        jump = f' <a class="ev-jump" href="#{mention_id(claim.start, claim.end)}">in the text</a>'
    unsure = uncertainty_note(claim)
    flag = f'<span class="ev-uncertain">{escape(unsure)}</span> ' if unsure else ""
    # side_label is escaped already
    stance = (
        STANCE_GLYPH[claim.stance]
        + " "
        + stance_by(claim.stance, side_label if claim.side is not None else None)
    )
    uncounted = "" if counted(claim) else ' data-counted="false"'
    return (
        f'<li data-stance="{claim.stance}" data-modality="{escape(claim.modality)}"{uncounted}>'
        f'{flag}<span class="ev-stance">{stance}</span> '
        f'{quoted} <span class="ev-meta">({" · ".join(meta)})</span>{jump}</li>'
    )
