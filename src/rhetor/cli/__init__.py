"""The ``rhetor`` command line: one module per command, as spaCy's ``spacy/cli`` is laid out.

Each command is a thin wrapper: parse options, build an options object, call
the library, pick a formatter, map errors to exit codes. Neither spaCy nor
YAML is imported at module level, so ``rhetor --help`` stays fast.

Results go to stdout; warnings, errors and progress go to stderr.
"""

from __future__ import annotations

import sys

from rhetor.cli import (  # noqa: F401  (each registers its command)
    analyse,
    batch,
    compare,
    evaluate,
    gold,
    kwic,
    network,
    trends,
)
from rhetor.cli.app import app
from rhetor.cli.cache import cache_app
from rhetor.cli.lexicons import lexicons_app
from rhetor.cli.support import silence_stdout

app.add_typer(lexicons_app, name="lexicons")
app.add_typer(cache_app, name="cache")

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except BrokenPipeError:
        silence_stdout()
        sys.exit(0)
