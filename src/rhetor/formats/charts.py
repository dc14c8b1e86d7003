"""Charts for corpus views, drawn with matplotlib (the optional extra ``rhetor[plot]``).

Small multiples, one panel per value, one line per group, for a paper: every
group has its own colour, marker and line style (:func:`group_style`; no two
groups share all three, for up to 196 groups), so the lines stay apart in
greyscale print and for readers with a colour-vision deficiency (the colours are
the Okabe-Ito palette). Each point carries the number of documents behind it,
written beside it, and a band shows its 95% Wilson interval. The panels share
one y-scale by default, so that their heights compare (``free_y`` gives each its
own). The size is ``width`` by ``height`` inches at ``dpi``; the format (PNG, SVG
or PDF) follows the file's extension.
"""

from __future__ import annotations

import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rhetor.corpus.trends import VALUE, Trends, heaviest, typed
from rhetor.errors import ConfigError, InputError

MATPLOTLIB_MISSING = (
    "charts need matplotlib: pip install 'rhetor[plot]' (or pip install matplotlib)"
)
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
MARKERS = ("o", "s", "^", "D", "v", "P", "X")
LINESTYLES = ("-", "--", ":", "-.")
CHART_SUFFIXES = (".png", ".svg", ".pdf")
DPI = 96
MAX_INCHES = 60.0
MAX_DPI = 1200


def group_style(index: int) -> tuple[str, str, str]:
    """(colour, marker, line style) of the ``index``-th group. Colour and marker
    together differ for the first 49 groups (the marker steps one further each
    time the colours come round), and the line style, which cycles by 4, keeps
    the triples apart up to 196 groups."""
    colours, markers = len(OKABE_ITO), len(MARKERS)
    return (
        OKABE_ITO[index % colours],
        MARKERS[(index + index // colours) % markers],
        LINESTYLES[index % len(LINESTYLES)],
    )


@dataclass(frozen=True)
class ChartSize:
    width: float | None = None  # inches; None: from the number of panels
    height: float | None = None
    dpi: int = DPI

    @classmethod
    def checked(cls, width=None, height=None, dpi=None) -> ChartSize:
        for name, inches in (("--width", width), ("--height", height)):
            if inches is not None and not 0 < inches <= MAX_INCHES:
                raise ConfigError(f"{name} {inches}: give inches above 0, up to {MAX_INCHES:g}")
        if dpi is not None and not 10 <= dpi <= MAX_DPI:
            raise ConfigError(f"--dpi {dpi}: give 10 to {MAX_DPI}")
        return cls(width, height, dpi or DPI)


def check_chart_target(path: Path) -> None:
    """Fail early (before any work) on a chart path matplotlib cannot write."""
    if path.suffix.lower() not in CHART_SUFFIXES:
        raise ConfigError(f"--plot {path}: name it .png, .svg or .pdf")
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise ConfigError(MATPLOTLIB_MISSING) from None
    if not path.parent.is_dir():
        raise InputError(f"{path}: cannot write: folder {path.parent} does not exist")


MAX_PANELS = 24  # values drawn in one chart (8 rows of 3)
MAX_LINES = 12  # groups drawn in each panel
MAX_TICK_LABELS = 40  # x labels written along an axis of names (the rest are ticks only)


def literal(text: object) -> str:
    """A name or title as matplotlib should draw it: as written, never read as mathtext
    (``$...$``), with control characters shown as escapes."""
    from rhetor.io.safetext import escape_controls

    return escape_controls(str(text), keep_newlines=False).replace("$", r"\$")


def chosen(names: list[str], weight, most: int, what: str, how: str, hint: str, warn) -> list:
    """At most ``most`` of ``names`` (the heaviest, kept in order); ``warn`` is told what
    was left out."""
    kept, left = heaviest(names, weight, most)
    if left:
        shown = ", ".join(left[:5]) + (f" and {len(left) - 5:,} more" if len(left) > 5 else "")
        warn(
            f"--plot: {len(names):,} {what}; drew the {most} {how}, left out {len(left):,} "
            f"({shown}); {hint}"
        )
    return kept


def _python_warning(message: str) -> None:
    import warnings

    warnings.warn(f"rhetor: {message}", UserWarning, stacklevel=4)


def plot_trends(
    trends: Trends,
    path: Path,
    *,
    title: str | None = None,
    size: ChartSize | None = None,
    free_y: bool = False,
    warn=None,
) -> None:
    """One panel per value series of ``trends``, one line per group; saved to ``path``
    in the format its extension names. At most MAX_PANELS values (the most mentioned)
    and MAX_LINES groups (those with most documents) are drawn; ``warn`` (default: a
    Python warning) says what was left out."""
    import warnings

    import matplotlib.pyplot as plt

    size = size or ChartSize()
    figure = trends_figure(trends, title=title, size=size, free_y=free_y, warn=warn)
    try:
        # Glyphs missing from the font (emoji in a name) are drawn as boxes, not warned of.
        with warnings.catch_warnings(), plt.rc_context({"text.usetex": False}):
            warnings.simplefilter("ignore")
            save_figure(figure, path, dpi=size.dpi)
    finally:
        plt.close(figure)


def trends_figure(
    trends: Trends,
    *,
    title: str | None = None,
    size: ChartSize | None = None,
    free_y: bool = False,
    warn=None,
):
    """The matplotlib figure of :func:`plot_trends`, not saved (close it when done)."""
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    warn = warn or _python_warning
    mentions, documents = trends.totals(VALUE)
    series = chosen(
        trends.series(VALUE), mentions, MAX_PANELS, "values", "most mentioned",
        "choose with --value", warn,
    )  # fmt: skip
    groups = chosen(
        trends.groups(), documents, MAX_LINES, f"groups of {trends.group_by}",
        "with most documents", "narrow them with --only", warn,
    )  # fmt: skip
    with warnings.catch_warnings(), plt.rc_context({"text.usetex": False}):
        warnings.simplefilter("ignore")
        return _draw(trends, series, groups, title, size or ChartSize(), free_y)


def _draw(
    trends: Trends,
    series: list[str],
    groups: list[str],
    title: str | None,
    size: ChartSize,
    free_y: bool,
):
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    columns = max(1, min(3, len(series)))
    rows = max(1, math.ceil(len(series) / columns))
    figsize = (size.width or 3.6 * columns, size.height or 2.6 * rows + 1.0)
    figure, axes = plt.subplots(
        rows, columns, figsize=figsize, sharex=True, sharey=not free_y, squeeze=False
    )
    xs = trends.xs()
    numeric = trends.numeric()
    middle = (trends.bin_width - 1) / 2 if trends.bin_width else 0.0
    position = {x: float(x) + middle if numeric else i for i, x in enumerate(xs)}
    at = [position[x] for x in xs]
    point = {(p.series, p.group, p.x): p for p in trends.points if p.kind == VALUE}
    first = series[0] if series else None
    documents = {  # every point of a series has the same documents, so count one series
        g: sum(p.documents for (s, pg, _), p in point.items() if pg == g and s == first)
        for g in groups
    }
    step = max(1, math.ceil(len(xs) / MAX_TICK_LABELS))
    for panel, value in zip(axes.flat, series, strict=False):
        for i, group in enumerate(groups):
            colour, marker, linestyle = group_style(i)
            points = {x: point[(value, group, x)] for x in xs if (value, group, x) in point}
            # A point where the group has no documents is a gap, not a line across it.
            rates = [points[x].rate if x in points else math.nan for x in xs]
            panel.plot(
                at,
                rates,
                color=colour,
                marker=marker,
                linestyle=linestyle,
                markersize=3.5,
                linewidth=1.3,
                label=literal(group),
            )
            bands = [points[x].interval if x in points else (math.nan, math.nan) for x in xs]
            panel.fill_between(
                at,
                [b[0] for b in bands],
                [b[1] for b in bands],
                color=colour,
                alpha=0.12,
                linewidth=0,
            )
            for x, p in points.items():
                panel.annotate(
                    str(p.documents),
                    (position[x], p.rate),
                    xytext=(0, 4),
                    textcoords="offset points",
                    ha="center",
                    fontsize=5.5,
                    color=colour,
                )
        panel.set_title(literal(value), fontsize=10)
        panel.grid(axis="y", color="#dddddd", linewidth=0.6)
        panel.tick_params(labelsize=8)
        if not numeric:
            labels = [literal(x) if i % step == 0 else "" for i, x in enumerate(xs)]
            panel.set_xticks(range(len(xs)), labels, rotation=45, ha="right")
    for panel in list(axes.flat)[len(series) :]:
        panel.set_visible(False)
    # Only now, with every panel drawn: a shared scale then spans them all.
    for panel in list(axes.flat)[: len(series)]:
        panel.autoscale_view()
        panel.set_ylim(bottom=0)
        if numeric and all(isinstance(typed(x), int) for x in xs):
            panel.xaxis.set_major_locator(MaxNLocator(integer=True))
    for panel in axes[:, 0]:
        panel.set_ylabel("per 1,000 words", fontsize=9)
    if free_y:
        for panel in axes.flat:
            panel.tick_params(labelleft=True)
    xlabel = trends.by + (f" ({trends.bin_width}-{trends.by} bins)" if trends.bin_width else "")
    for panel in axes[-1, :]:
        panel.set_xlabel(literal(xlabel), fontsize=9)
        panel.tick_params(labelbottom=True)
    handles, _ = axes.flat[0].get_legend_handles_labels()
    labels = [f"{literal(g)} ({documents[g]:,} docs)" for g in groups]
    figure.legend(
        handles,
        labels,
        title=literal(trends.group_by or "documents")
        + ": numbers at points are documents; bands, 95% Wilson intervals",
        loc="lower center",
        ncol=max(1, min(len(groups), 4)),
        fontsize=7,
        title_fontsize=7,
        frameon=False,
    )
    figure.suptitle(
        literal(title or f"Value mentions per 1,000 words by {trends.by}"),
        x=0.01,
        ha="left",
        fontsize=12,
    )
    legend_rows = math.ceil(len(groups) / max(1, min(len(groups), 4)))
    bottom = min(0.45, (0.35 + 0.16 * legend_rows) / figsize[1])
    figure.tight_layout(rect=(0, bottom, 1, 0.97))
    return figure


def save_figure(figure, path: Path, *, dpi: int = DPI) -> None:
    """Save through a temporary file in the same folder, so a failure leaves no half chart."""
    from rhetor.io.output import is_special, write_through

    if is_special(path):  # /dev/null, a FIFO: written through, never replaced by a rename
        with tempfile.TemporaryDirectory() as folder:
            staged = Path(folder) / f"chart{path.suffix}"
            save_figure(figure, staged, dpi=dpi)
            write_through(staged.read_bytes(), path)
        return
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=path.suffix
    )
    os.close(handle)
    from rhetor.io.output import current_umask

    os.chmod(temporary, 0o666 & ~current_umask())  # as an ordinary new file, not mkstemp's 0600
    try:
        if path.suffix.lower() == ".png":
            _save_small_png(figure, temporary, dpi)
        else:
            figure.savefig(temporary, dpi=dpi, metadata=_no_dates(path))
        os.replace(temporary, path)
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _save_small_png(figure, target: str, dpi: int) -> None:
    """A PNG with a 64-colour palette: a third of the size, and the same to the eye
    (charts are flat colours and antialiased edges), so charts can be committed."""
    import io

    from PIL import Image  # matplotlib's own dependency

    buffer = io.BytesIO()
    figure.savefig(buffer, dpi=dpi, format="png")
    buffer.seek(0)
    with Image.open(buffer) as image:
        image.convert("RGB").quantize(colors=64).save(target, format="PNG", optimize=True)


def _no_dates(path: Path) -> dict:
    # Without a creation date the same data gives the same file (charts are committed).
    suffix = path.suffix.lower()
    if suffix == ".svg":
        return {"Date": None}
    if suffix == ".pdf":
        return {"CreationDate": None}
    return {}
