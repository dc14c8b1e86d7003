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
from rhetor.corpus.trends import VALUE, Trends
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


def plot_trends(trends: Trends, path: Path, *, title: str | None = None) -> None:
    """One panel per value series of ``trends``, one line per group; saved to ``path``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    series = trends.series(VALUE)
    groups = trends.groups()
    columns = min(3, len(series))
    rows = math.ceil(len(series) / columns)
    figure, axes = plt.subplots(
        rows, columns, figsize=(3.6 * columns, 2.5 * rows + 0.9), sharex=True, squeeze=False
    )
    xs = trends.xs()
    numeric = all(natural_key(x)[0] == 0 for x in xs)
    middle = (trends.bin_width - 1) / 2 if trends.bin_width else 0.0
    position = {x: float(x) + middle if numeric else i for i, x in enumerate(xs)}
    for panel, value in zip(axes.flat, series, strict=False):
        for i, group in enumerate(groups):
            rates = {p.x: p.rate for p in trends.points if p.series == value and p.group == group}
            # A point where the group has no documents is a gap, not a line across it.
            panel.plot(
                [position[x] for x in xs],
                [rates.get(x, math.nan) for x in xs],
                color=OKABE_ITO[i % len(OKABE_ITO)],
                marker=MARKERS[i % len(MARKERS)],
                linestyle=LINESTYLES[i % len(LINESTYLES)],
                markersize=3.5,
                linewidth=1.4,
                label=group,
            )
        panel.set_title(value, fontsize=10)
        panel.set_ylim(bottom=0)
        panel.grid(axis="y", color="#dddddd", linewidth=0.6)
        panel.tick_params(labelsize=8)
        if not numeric:
            panel.set_xticks(range(len(xs)), xs, rotation=45, ha="right")
    for panel in list(axes.flat)[len(series) :]:
        panel.set_visible(False)
    for panel in axes[:, 0]:
        panel.set_ylabel("per 1,000 words", fontsize=9)
    xlabel = trends.by + (f" ({trends.bin_width}-{trends.by} bins)" if trends.bin_width else "")
    for panel in axes[-1, :]:
        panel.set_xlabel(xlabel, fontsize=9)
        panel.tick_params(labelbottom=True)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    if trends.group_by:
        figure.legend(
            handles,
            labels,
            title=trends.group_by,
            loc="upper right",
            ncol=min(len(groups), 6),
            fontsize=8,
            title_fontsize=8,
            frameon=False,
        )
    figure.suptitle(
        title or f"Value mentions per 1,000 words by {trends.by}", x=0.01, ha="left", fontsize=12
    )
    figure.tight_layout(rect=(0, 0, 1, 0.97))
    save_figure(figure, path)
    plt.close(figure)


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
