"""Charts for a paper, checked on the matplotlib objects and on the files written:
a distinct style for every group, size and resolution, the format from the extension,
one y-scale unless freed, and the documents behind each point."""

from __future__ import annotations

import json
import struct
from collections import Counter

import pytest
from typer.testing import CliRunner

from rhetor.cli import app
from rhetor.corpus.records import DocumentCounts
from rhetor.corpus.trends import trends
from rhetor.errors import ConfigError

pytest.importorskip("matplotlib")

from rhetor.formats.charts import ChartSize, group_style, trends_figure

# whole commands and batches run end to end: seconds each, left out by -m 'not slow'
pytestmark = pytest.mark.slow


def corpus(groups: int = 9):
    """Per group g and year y, g + 1 documents of 1,000 words; fairness rises with g,
    democracy stays low, so the panels' natural scales differ."""
    documents = []
    for g in range(groups):
        for year in (2000, 2005, 2010):
            for k in range(g + 1):
                documents.append(
                    DocumentCounts(
                        f"{g}-{year}-{k}",
                        {"year": str(year), "party": f"party{g}"},
                        1000,
                        Counter({"fairness": 5 + 3 * g, "democracy": 1}),
                    )
                )
    return documents


@pytest.fixture
def nine():
    return trends(corpus(9), "year", group="party")


def test_charts_nine_groups_have_nine_distinct_styles(nine):
    figure = trends_figure(nine)
    for panel in [a for a in figure.axes if a.get_visible()]:
        lines = panel.get_lines()
        assert len(lines) == 9
        triples = {(ln.get_color(), ln.get_marker(), ln.get_linestyle()) for ln in lines}
        assert len(triples) == 9
        # the first four differ in all three, so colour is never needed alone
        first = [(ln.get_color(), ln.get_marker(), ln.get_linestyle()) for ln in lines[:4]]
        for part in range(3):
            assert len({t[part] for t in first}) == 4


def test_charts_group_styles_stay_distinct_for_many_groups():
    assert len({group_style(i) for i in range(196)}) == 196
    assert len({group_style(i)[:2] for i in range(49)}) == 49  # colour and marker alone


def test_charts_share_one_y_scale_unless_freed(nine):
    shared = trends_figure(nine)
    limits = {a.get_ylim() for a in shared.axes if a.get_visible()}
    assert len(limits) == 1
    free = trends_figure(nine, free_y=True)
    limits = {a.get_ylim() for a in free.axes if a.get_visible()}
    assert len(limits) == 2  # fairness reaches 29 per 1,000 words, democracy 1


def test_charts_show_the_documents_behind_each_point(nine):
    figure = trends_figure(nine)
    panel = figure.axes[0]
    numbers = Counter(t.get_text() for t in panel.texts)
    # group g has g + 1 documents at each of the three years
    assert numbers == {str(g + 1): 3 for g in range(9)}
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert legend[0] == "party0 (3 docs)" and legend[8] == "party8 (27 docs)"


def test_charts_size_in_inches():
    found = trends(corpus(2), "year", group="party")
    figure = trends_figure(found, size=ChartSize.checked(7.0, 4.5, 300))
    assert tuple(figure.get_size_inches()) == (7.0, 4.5)
    with pytest.raises(ConfigError, match="--width"):
        ChartSize.checked(0, None, None)
    with pytest.raises(ConfigError, match="--dpi"):
        ChartSize.checked(None, None, 5000)


@pytest.fixture
def records_file(tmp_path):
    lines = []
    for doc in corpus(3):
        record = {
            "source": doc.source,
            "meta": doc.meta,
            "stats": {"words": doc.words},
            "values": [{"value": v, "mentions": n} for v, n in doc.values.items()],
            "sides": [],
            "claims": [],
        }
        lines.append(json.dumps(record))
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize(
    "name,magic", [("t.png", b"\x89PNG"), ("t.svg", b"<?xml"), ("t.pdf", b"%PDF")]
)
def test_cli_trends_plot_format_from_the_extension(records_file, tmp_path, name, magic):
    out = tmp_path / name
    args = ["trends", str(records_file), "--by", "year", "--group", "party", "--plot", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(magic)


def test_cli_trends_plot_width_height_dpi(records_file, tmp_path):
    out = tmp_path / "t.png"
    args = ["trends", str(records_file), "--by", "year", "--group", "party", "--plot", str(out)]
    args += ["--width", "6", "--height", "4", "--dpi", "150"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert png_size(out) == (900, 600)
    result = CliRunner().invoke(app, [*args[:-2], "--dpi", "0"])
    assert result.exit_code == 2 and "--dpi 0" in result.stderr


def test_charts_cap_values_and_groups_with_a_warning_and_keep_the_styles():
    # 30 values and 15 groups: the 24 most mentioned and the 12 with most documents
    documents = [
        DocumentCounts(
            f"{g}-{year}",
            {"year": str(year), "party": f"party{g:02d}"},
            1000,
            Counter({f"v{i:02d}": i + 1 for i in range(30)}),
        )
        for g in range(15)
        for year in (2000, 2005)
    ]
    documents += [  # three parties with an extra document each: they are kept
        DocumentCounts(f"extra{g}", {"year": "2000", "party": f"party{g:02d}"}, 1000, Counter())
        for g in (12, 13, 14)
    ]
    found = trends(documents, "year", group="party")
    with pytest.warns(UserWarning) as caught:
        figure = trends_figure(found)
    said = " ".join(str(w.message) for w in caught)
    assert "30 values; drew the 24 most mentioned, left out 6 (v00, v01," in said
    assert "15 groups of party; drew the 12 with most documents, left out 3" in said
    panels = [a for a in figure.axes if a.get_visible()]
    assert len(panels) == 24
    assert panels[0].get_title() == "v06"  # the six least mentioned are left out
    lines = panels[0].get_lines()
    assert len(lines) == 12
    assert len({(ln.get_color(), ln.get_marker(), ln.get_linestyle()) for ln in lines}) == 12
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert "party14 (3 docs)" in legend and "party11 (2 docs)" not in legend  # ties: first kept


def test_charts_draw_names_and_titles_literally():
    documents = [
        DocumentCounts(
            f"{party}-{year}",
            {"year": str(year), "party": party},
            1000,
            Counter({r"$\foo$": 3}),
        )
        for party in ("$x^$", "[/]")
        for year in (2000, 2005)
    ]
    found = trends(documents, "year", group="party")
    figure = trends_figure(found, title=r"$\bar$ [/]")
    panel = next(a for a in figure.axes if a.get_visible())
    assert panel.get_title() == r"\$\foo\$"  # an escaped $ starts no mathtext
    assert figure._suptitle.get_text() == r"\$\bar\$ [/]"
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert legend == [r"\$x^\$ (2 docs)", "[/] (2 docs)"]
    figure.canvas.draw()  # renders without a mathtext error
