"""The HTML report: one self-contained page with the text highlighted.

The page carries its own inline stylesheet and nothing else: no scripts, no
fonts, no images, no links out, so it can be mailed, archived or opened
offline and always looks the same. A navigation bar leads to the matrix, the
values, the evidence and the text. The evidence list
(:mod:`rhetor.formats.html_evidence`, filtered with radio buttons and CSS alone)
comes before the highlighted text (:mod:`rhetor.formats.html_text`), and on a
wide screen stands beside it. This module puts the page together: its
stylesheet and colours, the header, navigation, legend and tables.
Every piece of document text goes through ``html.escape``. Meaning never
rests on colour alone: colour says which side holds a value, the border style
and a glyph say the stance, and every highlight has a title naming both.
"""

from __future__ import annotations

from rhetor.formats import RenderContext
from rhetor.formats.html_evidence import (
    custom_swatch_css,
    custom_swatches,
    evidence_css,
    evidence_section,
    group_id,
    side_keys,
    swatch_attr,
    with_labels,
)
from rhetor.formats.html_text import highlight_spans, text_section
from rhetor.formats.markdown import matrix_values, side_label, stance_cell
from rhetor.formats.terminal import STANCE_GLYPH, STANCE_PASSIVE, plural
from rhetor.io.safetext import escape_html as escape
from rhetor.report.model import STANCES, Report, contested_values

# Okabe-Ito colours (distinguishable with the common colour-vision
# deficiencies), each with a pale tint for the highlight background so the
# dark text on it keeps its contrast. Sides take them in report order.
PALETTE: tuple[tuple[str, str], ...] = (
    ("#0072b2", "#d9ecf7"),
    ("#d55e00", "#fbe3d3"),
    ("#009e73", "#d5f1e8"),
    ("#cc79a7", "#f6e3ee"),
    ("#e69f00", "#fcefcf"),
    ("#56b4e9", "#e1f1fb"),
    ("#8c6d1f", "#efe7d3"),
    ("#000000", "#e4e4e4"),
)
NO_SIDE = ("#767676", "#ececec")
STANCE_BORDER = {"claims": "solid", "appropriates": "dashed", "opposes": "double"}


class HtmlFormatter:
    def render(self, report: Report, context: RenderContext) -> str:
        report = with_labels(report, context.side_styles)
        swatches = _swatches(report, context.side_styles)
        linked = {
            (span.start, span.end) for span in highlight_spans(report, swatches) if span.mention
        }
        evidence = evidence_section(
            report, matrix_values(report), lambda side: swatch_attr(side, swatches), linked
        )
        body = [_header(report), _nav(report, bool(evidence)), _legend(report, swatches)]
        if report.sides:
            body += [_matrix(report, swatches), _contested(report)]
        body.append(_values_table(report))
        # The evidence first, then the text: on a wide screen side by side (CSS grid).
        reading = [evidence] if evidence else []
        reading.append(text_section(report, context.text, swatches))
        body.append('<div class="reading">\n' + "\n".join(reading) + "\n</div>")
        extra_css = custom_swatch_css(report, context.side_styles)
        extra_css += evidence_css(report, matrix_values(report)) if report.claims else ""
        title = escape(f"rhetor · {report.source or '<text>'}")
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{title}</title>\n<style>\n{_css()}{extra_css}</style>\n</head>\n"
            '<body>\n<main class="rhetor">\n' + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
        )


# -- colours -------------------------------------------------------------------------


def _swatches(report: Report, styles=None) -> dict[str, str]:
    """Side id -> swatch: the palette index, in side order (cycling past the palette's
    end), or a colour from the sides file (``c0``, ``c1``, ...)."""
    swatches = {side.id: str(i % len(PALETTE)) for i, side in enumerate(report.sides)}
    swatches.update(custom_swatches(report, styles))
    return swatches


def _css() -> str:
    rules = [_BASE_CSS]
    for i, (strong, tint) in enumerate(PALETTE):
        rules.append(f'[data-swatch="{i}"] {{ --side: {strong}; --tint: {tint}; }}\n')
    rules.append(f'[data-swatch="none"] {{ --side: {NO_SIDE[0]}; --tint: {NO_SIDE[1]}; }}\n')
    for stance in STANCES:
        rules.append(
            # Qualified selectors: they must outrank the base mark rule's "solid".
            f'mark.rhetor-mention[data-stance="{stance}"], .stance-sample[data-stance="{stance}"] '
            f"{{ border-bottom-style: {STANCE_BORDER[stance]}; }}\n"
            f'mark.rhetor-mention[data-stance="{stance}"]::after '
            f'{{ content: "{STANCE_GLYPH[stance]}"; }}\n'
        )
    return "".join(rules)


_BASE_CSS = """\
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #1b1b1b;
  font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "Noto Sans", "Liberation Sans", sans-serif; }
/* Tables get the full width; running text keeps a readable measure. */
main.rhetor { max-width: 64rem; margin: 0 auto; padding: 0 1.25rem 4rem; }
.text { max-width: 42rem; }
.rhetor-nav { position: sticky; top: 0; z-index: 2; background: #fff;
  border-bottom: 1px solid #d0d0d0; margin: 0 0 1rem; padding: 0.5rem 0; }
.rhetor-nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap;
  gap: 0.25rem 1.25rem; }
.rhetor-nav a { color: #0b4f8a; font-weight: 600; text-decoration-thickness: 1px; }
section[id] { scroll-margin-top: 3.5rem; }
/* A wide screen: the evidence beside the text, each scrolling on its own. */
@media (min-width: 88rem) {
  main.rhetor { max-width: 108rem; }
  .reading { display: grid; grid-template-columns: minmax(0, 44rem) minmax(0, 1fr);
    grid-template-areas: "text evidence"; gap: 0 3rem; align-items: start; }
  .reading > #text { grid-area: text; }
  .reading > #evidence { grid-area: evidence; position: sticky; top: 3.5rem;
    max-height: calc(100vh - 4.5rem); overflow-y: auto; }
}
header { padding-top: 1.5rem; margin-bottom: 0.5rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 0.25rem; overflow-wrap: anywhere; }
h1 small { display: block; font-size: 0.8rem; font-weight: 600; letter-spacing: 0.08em;
  text-transform: uppercase; color: #595959; }
h2 { font-size: 1.15rem; margin: 2rem 0 0.6rem; }
.stats { color: #4a4a4a; margin: 0 0 1rem; }
.legend { display: flex; flex-wrap: wrap; gap: 0.4rem 1.25rem; padding: 0.75rem 1rem;
  background: #f6f6f6; border-radius: 6px; font-size: 0.92rem; }
.legend ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap;
  gap: 0.3rem 1rem; }
.legend h2 { font-size: 0.8rem; margin: 0 0.25rem 0 0; text-transform: uppercase;
  letter-spacing: 0.06em; color: #595959; align-self: center; }
.legend .group { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3rem 0.6rem; }
.swatch { display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.35em;
  vertical-align: -0.1em; border-radius: 2px; background: var(--tint);
  border: 2px solid var(--side); }
.stance-sample { border-bottom: 3px solid #1b1b1b; padding: 0 0.15em; }
.stance-sample[data-stance="opposes"] { border-bottom-width: 4px; }
/* A value word no side takes a stance on: grey, and no underline to misread. */
.stance-sample[data-stance=""] { background: #ececec; border-bottom-color: transparent; }
mark.rhetor-mention[data-stance=""] { border-bottom-color: transparent; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.92rem; margin: 0.25rem 0; }
th, td { border: 1px solid #d0d0d0; padding: 0.3rem 0.6rem; vertical-align: top; }
thead th { background: #f0f0f0; text-align: center; }
tbody th { text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.zero { color: #6b6b6b; }
td.cell { text-align: center; }
td.cell span { white-space: nowrap; }
.note { color: #4a4a4a; font-size: 0.92rem; }
.text p { margin: 0 0 1em; }
.text blockquote { margin: 0 0 1em; padding-left: 1rem; border-left: 3px solid #d0d0d0; }
mark.rhetor-mention { color: inherit; background: var(--tint); padding: 0 0.1em;
  border-bottom: 3px solid var(--side); border-radius: 2px 2px 0 0; }
mark.rhetor-mention[data-stance="opposes"] { border-bottom-width: 4px; }
mark.rhetor-mention::after { font-size: 0.8em; font-weight: 700; margin-left: 0.2em;
  color: #1b1b1b; }
.rhetor-also { font-size: 0.75em; font-weight: 700; color: var(--side); margin-left: 0.15em;
  padding: 0 0.15em; border: 1px solid var(--side); border-radius: 3px; background: var(--tint); }
.rhetor-holder { text-decoration: underline 2px var(--side); text-underline-offset: 0.2em;
  font-weight: 600; }
@media print { mark.rhetor-mention { -webkit-print-color-adjust: exact;
  print-color-adjust: exact; } }
"""


# -- header, legend and tables --------------------------------------------------------


def _nav(report: Report, evidence: bool) -> str:
    """Links to the page's sections: those this report has."""
    links = [("matrix", "Matrix")] if report.sides else []
    links.append(("values", "Values"))
    if evidence:
        links.append(("evidence", "Evidence"))
    links.append(("text", "Text"))
    items = "".join(f'<li><a href="#{anchor}">{label}</a></li>' for anchor, label in links)
    return f'<nav class="rhetor-nav" aria-label="Sections"><ul>{items}</ul></nav>'


def _header(report: Report) -> str:
    stats = report.stats
    line = (
        f"{plural(stats.words, 'word')} · {plural(stats.sentences, 'sentence')} · "
        f"{stats.characters:,} characters · model {report.model.name} {report.model.version}"
    )
    return (
        f"<header>\n<h1><small>rhetor</small>{escape(report.source or '<text>')}</h1>\n"
        f'<p class="stats">{escape(line)}</p>\n</header>'
    )


def _legend(report: Report, swatches: dict[str, str]) -> str:
    sides = [
        f'<li><span class="swatch" data-swatch="{swatches[s.id]}"></span>'
        f"{escape(s.label)}{' (auto)' if s.auto else ''}</li>"
        for s in report.sides
    ]
    sides.append('<li><span class="swatch" data-swatch="none"></span>no side</li>')
    # Only the stances this page can show, so a report without sides is not
    # explained with a key it never uses.
    stances = [
        f'<li><span class="stance-sample" data-stance="{stance}">'
        f"{STANCE_GLYPH[stance]} {stance}</span></li>"
        for stance in (STANCES if report.claims else ())
    ]
    held = {(c.start, c.end) for c in report.claims}
    if any((m.start, m.end) not in held for m in report.matches):
        stances.append('<li><span class="stance-sample" data-stance="">no stance</span></li>')
    groups = [f'<div class="group"><h2>Sides</h2><ul>{"".join(sides)}</ul></div>\n']
    if stances:
        groups.append(f'<div class="group"><h2>Stance</h2><ul>{"".join(stances)}</ul></div>\n')
    return '<section class="legend" aria-label="Legend">\n' + "".join(groups) + "</section>"


def _matrix(report: Report, swatches: dict[str, str]) -> str:
    matrix = report.matrix
    values = matrix_values(report)
    head = "".join(f'<th scope="col">{escape(v)}</th>' for v in values)
    rows = []
    keys = side_keys(report)
    for side in report.sides:
        label = escape(side.label) + (" (auto)" if side.auto else "")
        cells = "".join(
            _matrix_cell(matrix.get(side.id, {}).get(value, {}), group_id(keys[side.id], j))
            for j, value in enumerate(values)
        )
        rows.append(
            f'<tr><th scope="row"><span class="swatch" data-swatch="{swatches[side.id]}">'
            f"</span>{label}</th>{cells}</tr>"
        )
    unattributed = sum(1 for c in report.claims if c.side is None)
    note = (
        f'\n<p class="note">{plural(unattributed, "mention")} held by no side</p>'
        if unattributed
        else ""
    )
    return (
        '<section id="matrix">\n<h2>Who holds which value</h2>\n'
        '<div class="table-wrap"><table class="rhetor-matrix">\n'
        f'<thead><tr><th scope="col">side</th>{head}</tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + f"\n</tbody>\n</table></div>{note}\n</section>"
    )


def _matrix_cell(counts: dict[str, int], evidence: str) -> str:
    # Same words as the Markdown cell ("claims 3, appropriates 1"), each with
    # the stance glyph from the legend, linked to the cell's group in the evidence.
    if not stance_cell(counts):
        return '<td class="cell"></td>'
    parts = [
        f'<span data-stance-count="{stance}">'
        f"{STANCE_GLYPH[stance]} {stance} {counts[stance]}</span>"
        for stance in STANCES
        if counts.get(stance)
    ]
    return f'<td class="cell"><a href="#{evidence}">{", ".join(parts)}</a></td>'


def _contested(report: Report) -> str:
    rows = contested_values(report.matrix)
    if not rows:
        return (
            "<section>\n<h2>Contested values</h2>\n"
            '<p class="note">No value is claimed by one side and contested by another.</p>\n'
            "</section>"
        )
    items = "\n".join(
        f"<li><strong>{escape(row['value'])}</strong>: claimed by "
        f"{escape(side_label(report, row['claimed_by']))}; "
        f"{STANCE_GLYPH[row['stance']]} {STANCE_PASSIVE[row['stance']]} by "
        f"{escape(side_label(report, row['rival']))}</li>"
        for row in rows
    )
    return f"<section>\n<h2>Contested values</h2>\n<ul>\n{items}\n</ul>\n</section>"


_ZERO = ' class="zero"'  # rows for values the text never mentions, greyed


def _values_table(report: Report) -> str:
    rows = "\n".join(
        f'<tr{"" if row.mentions else _ZERO}><th scope="row">{escape(row.value)}</th>'
        f'<td class="num">{row.mentions}</td><td class="num">{row.virtue}</td>'
        f'<td class="num">{row.vice}</td><td class="num">{row.negated}</td>'
        f'<td class="num">{row.per_1000_words:.2f}</td></tr>'
        for row in report.values
    )
    head = "".join(
        f'<th scope="col">{h}</th>'
        for h in ("value", "mentions", "virtue", "vice", "negated", "per 1,000 words")
    )
    return (
        '<section id="values">\n<h2>Values invoked</h2>\n'
        '<div class="table-wrap"><table class="rhetor-values">\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table></div>\n</section>"
    )


FORMATTER = HtmlFormatter()
