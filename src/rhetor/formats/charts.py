"""Charts for corpus views, drawn with matplotlib (the optional extra ``rhetor[plot]``).

Small multiples, one panel per value, one line per group. Colours are the
Okabe-Ito palette (told apart with the common colour-vision deficiencies), and
each group also has its own marker and line style, so the lines stay apart in
greyscale print too.
"""

from __future__ import annotations

import math
import os
import tempfile
from pathlib import Path

from rhetor.corpus.records import natural_key
from rhetor.corpus.trends import VALUE, Trends, heaviest
from rhetor.errors import ConfigError, InputError

MATPLOTLIB_MISSING = (
    "charts need matplotlib: pip install 'rhetor[plot]' (or pip install matplotlib)"
)
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
MARKERS = ("o", "s", "^", "D", "v", "P", "X")
LINESTYLES = ("-", "--", ":", "-.", (0, (5, 1, 1, 1)), (0, (1, 1)), (0, (3, 1, 1, 1, 1, 1)))
CHART_SUFFIXES = (".png", ".svg", ".pdf")
DPI = 96


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


def plot_trends(trends: Trends, path: Path, *, title: str | None = None, warn=None) -> None:
    """One panel per value series of ``trends``, one line per group; saved to ``path``.
    At most MAX_PANELS values (the most mentioned) and MAX_LINES groups (those with most
    documents) are drawn; ``warn`` (default: a Python warning) says what was left out."""
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if warn is None:

        def warn(message: str) -> None:
            warnings.warn(f"rhetor: {message}", UserWarning, stacklevel=3)

    mentions, documents = trends.totals(VALUE)
    series = chosen(
        trends.series(VALUE), mentions, MAX_PANELS, "values", "most mentioned",
        "choose with --value", warn,
    )  # fmt: skip
    groups = chosen(
        trends.groups(), documents, MAX_LINES, f"groups of {trends.group_by}",
        "with most documents", "narrow them with --only", warn,
    )  # fmt: skip
    # Glyphs missing from the font (emoji in a name) are drawn as boxes, not warned of.
    with warnings.catch_warnings(), plt.rc_context({"text.usetex": False}):
        warnings.simplefilter("ignore")
        figure = _draw(trends, series, groups, title)
        try:
            save_figure(figure, path)
        finally:
            plt.close(figure)


def _draw(trends: Trends, series: list[str], groups: list[str], title: str | None):
    import matplotlib.pyplot as plt

    columns = min(3, len(series))
    rows = math.ceil(len(series) / columns)
    figure, axes = plt.subplots(
        rows, columns, figsize=(3.6 * columns, 2.5 * rows + 0.9), sharex=True, squeeze=False
    )
    xs = trends.xs()
    numeric = all(natural_key(x)[0] == 0 for x in xs)
    middle = (trends.bin_width - 1) / 2 if trends.bin_width else 0.0
    position = {x: float(x) + middle if numeric else i for i, x in enumerate(xs)}
    rates = {(p.series, p.group, p.x): p.rate for p in trends.points if p.kind == VALUE}
    step = max(1, math.ceil(len(xs) / MAX_TICK_LABELS))
    for panel, value in zip(axes.flat, series, strict=False):
        for i, group in enumerate(groups):
            # A point where the group has no documents is a gap, not a line across it.
            panel.plot(
                [position[x] for x in xs],
                [rates.get((value, group, x), math.nan) for x in xs],
                color=OKABE_ITO[i % len(OKABE_ITO)],
                marker=MARKERS[i % len(MARKERS)],
                linestyle=LINESTYLES[i % len(LINESTYLES)],
                markersize=3.5,
                linewidth=1.4,
                label=literal(group),
            )
        panel.set_title(literal(value), fontsize=10)
        panel.set_ylim(bottom=0)
        panel.grid(axis="y", color="#dddddd", linewidth=0.6)
        panel.tick_params(labelsize=8)
        if not numeric:
            labels = [literal(x) if i % step == 0 else "" for i, x in enumerate(xs)]
            panel.set_xticks(range(len(xs)), labels, rotation=45, ha="right")
    for panel in list(axes.flat)[len(series) :]:
        panel.set_visible(False)
    for panel in axes[:, 0]:
        panel.set_ylabel("per 1,000 words", fontsize=9)
    xlabel = trends.by + (f" ({trends.bin_width}-{trends.by} bins)" if trends.bin_width else "")
    for panel in axes[-1, :]:
        panel.set_xlabel(literal(xlabel), fontsize=9)
        panel.tick_params(labelbottom=True)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    if trends.group_by:
        figure.legend(
            handles,
            labels,
            title=literal(trends.group_by),
            loc="upper right",
            ncol=min(len(groups), 6),
            fontsize=8,
            title_fontsize=8,
            frameon=False,
        )
    figure.suptitle(
        literal(title or f"Value mentions per 1,000 words by {trends.by}"),
        x=0.01,
        ha="left",
        fontsize=12,
    )
    figure.tight_layout(rect=(0, 0, 1, 0.97))
    return figure


def save_figure(figure, path: Path) -> None:
    """Save through a temporary file in the same folder, so a failure leaves no half chart."""
    from rhetor.io.output import is_special, write_through

    if is_special(path):  # /dev/null, a FIFO: written through, never replaced by a rename
        with tempfile.TemporaryDirectory() as folder:
            staged = Path(folder) / f"chart{path.suffix}"
            save_figure(figure, staged)
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
            _save_small_png(figure, temporary)
        else:
            figure.savefig(temporary, dpi=DPI, metadata=_no_dates(path))
        os.replace(temporary, path)
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _save_small_png(figure, target: str) -> None:
    """A PNG with a 64-colour palette: a third of the size, and the same to the eye
    (charts are flat colours and antialiased edges), so charts can be committed."""
    import io

    from PIL import Image  # matplotlib's own dependency

    buffer = io.BytesIO()
    figure.savefig(buffer, dpi=DPI, format="png")
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
