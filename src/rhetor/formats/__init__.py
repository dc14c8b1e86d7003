"""Output formats: one module per format, chosen through an exhaustive enum.

A formatter turns a finished Report into text. It never writes: the caller
writes the whole text at once, so a failure never leaves half an output.
Adding a format is one module plus one enum member (the mapping below is
checked to cover the enum by the tests).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from importlib import import_module
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from rhetor.report.model import Report


class OutputFormat(str, Enum):
    terminal = "terminal"
    json = "json"
    markdown = "markdown"
    html = "html"


@dataclass(frozen=True)
class RenderContext:
    """What the formatter may assume about where its text goes."""

    color: bool = False
    width: int = 100
    # The analysed text, for formats that show it whole (html); offsets in the
    # report index it. None when the caller has only the report.
    text: str | None = None
    # The terminal report without its evidence (``analyse --summary``).
    summary: bool = False
    # side id -> rhetor.attribution.sides.SideStyle (colour:, label: from the sides file), for html
    side_styles: Mapping[str, Any] | None = None


def render_to_text(context: RenderContext, *renderables) -> str:
    """Print Rich renderables into a string sized and coloured for ``context``."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=context.width,
        force_terminal=context.color,
        no_color=not context.color,
        highlight=False,
        emoji=False,
    )
    for renderable in renderables:
        console.print(renderable)
    return buffer.getvalue()


class Formatter(Protocol):
    def render(self, report: Report, context: RenderContext) -> str: ...


FORMAT_MODULES: dict[OutputFormat, str] = {
    OutputFormat.terminal: "rhetor.formats.terminal",
    OutputFormat.json: "rhetor.formats.json_format",
    OutputFormat.markdown: "rhetor.formats.markdown",
    OutputFormat.html: "rhetor.formats.html",
}


def get_formatter(fmt: OutputFormat) -> Formatter:
    """The formatter for ``fmt``; its module is imported only when needed."""
    return import_module(FORMAT_MODULES[fmt]).FORMATTER
