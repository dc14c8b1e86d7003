"""``rhetor cache info|clear DIR``: what a parse cache (``--cache DIR``) holds, and emptying it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rhetor.cli.support import run_guarded
from rhetor.errors import InputError

cache_app = typer.Typer(
    help="Inspect or clear a parse cache made with --cache DIR.",
    no_args_is_help=True,
    add_completion=False,
)

FolderArgument = Annotated[
    Path,
    typer.Argument(metavar="DIR", help="The cache folder given to --cache.", show_default=False),
]


def _check(folder: Path) -> None:
    from rhetor.io.cache import not_a_cache

    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder")
    problem = not_a_cache(folder)
    if problem:
        raise InputError(f"{folder}: not a rhetor parse cache ({problem}); nothing done")


def _shown(folder: Path) -> str:
    from rhetor.io.safetext import one_line
    from rhetor.io.textio import shown

    return one_line(shown(str(folder)))


def _reading(folder: Path, action):
    try:
        return action(folder)
    except OSError as exc:
        raise InputError(f"{folder}: cannot read the cache: {exc.strerror or exc}") from None


@cache_app.command("info")
def info_command(folder: FolderArgument) -> None:
    """Entries, size and words per pipeline, and the size per million words."""

    def run() -> None:
        from rhetor.io.cache import usage

        _check(folder)
        rows = _reading(folder, usage)
        if not rows:
            print(f"{_shown(folder)}: empty")
            return
        print(f"{'pipeline':<56} {'entries':>8} {'MB':>9} {'words':>12} {'MB/M words':>11}")
        for row in rows:
            print(
                f"{row.pipeline:<56} {row.entries:>8,} {row.bytes / 1e6:>9.1f} "
                f"{row.words:>12,} {row.bytes_per_million_words / 1e6:>11.1f}"
                + (f"  ({row.broken} unreadable)" if row.broken else "")
            )

    run_guarded(run)


@cache_app.command("clear")
def clear_command(
    folder: FolderArgument,
    pipeline: Annotated[
        str | None,
        typer.Option(
            "--pipeline", metavar="NAME", help="Clear only this pipeline's entries (see info)."
        ),
    ] = None,
) -> None:
    """Remove the cached parses (all, or one pipeline's). Only files rhetor wrote go."""

    def run() -> None:
        from rhetor.io.cache import clear

        _check(folder)
        removed = _reading(folder, lambda f: clear(f, pipeline))
        print(f"removed {removed:,} cached parses from {_shown(folder)}")

    run_guarded(run)
