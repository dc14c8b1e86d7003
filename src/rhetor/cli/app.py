"""The Typer application that every command module registers itself on."""

from __future__ import annotations

from typing import Annotated

import typer

from rhetor.__about__ import __version__
from rhetor.cli.helptext import install as _install_help_fixes

_install_help_fixes()

app = typer.Typer(
    name="rhetor",
    help="Which values does a text invoke, and which side of the argument claims them?",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rhetor {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print rhetor's version and exit."
        ),
    ] = False,
) -> None:
    """Which values does a text invoke, and which side of the argument claims them?"""
    tolerate_narrow_encodings()


def tolerate_narrow_encodings() -> None:
    """A stdout that cannot encode every character (LANG=C, PYTHONIOENCODING=ascii)
    shows escapes for what it cannot encode instead of failing part way."""
    import sys

    stream = sys.stdout
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
    if encoding != "utf8" and hasattr(stream, "reconfigure"):
        stream.reconfigure(errors="backslashreplace")
