"""Plumbing every ``rhetor`` command shares: messages, exit codes and safe writing.

Results go to stdout; warnings, errors and progress go to stderr. Nothing here
imports spaCy or YAML.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

import typer

from rhetor.errors import RhetorError

EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70  # EX_SOFTWARE


def warn(message: str) -> None:
    print(f"rhetor: warning: {message}", file=sys.stderr)


def fail(message: str, code: int) -> NoReturn:
    print(f"rhetor: error: {message}", file=sys.stderr)
    raise typer.Exit(code)


def run_guarded(action) -> None:
    """Run a command body, turning every expected failure into one line on stderr."""
    try:
        action()
    except typer.Exit:
        raise
    except RhetorError as exc:
        fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        print("rhetor: interrupted", file=sys.stderr)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        silence_stdout()
        raise typer.Exit(0) from None
    except Exception as exc:  # a bug: one line, not a traceback, unless asked for
        if os.environ.get("RHETOR_DEBUG"):
            raise
        fail(
            f"internal error: {type(exc).__name__}: {exc} "
            "(set RHETOR_DEBUG=1 for a traceback, and please report it)",
            EXIT_INTERNAL,
        )


def silence_stdout() -> None:
    # The reader went away (`rhetor ... | head`): stop quietly, as cat does, and keep
    # Python from complaining when it flushes stdout at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def stdout_is_terminal() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty() or bool(os.environ.get("FORCE_COLOR"))


def terminal_width() -> int:
    try:
        return max(60, min(os.get_terminal_size(sys.stdout.fileno()).columns, 160))
    except (OSError, ValueError):
        columns = os.environ.get("COLUMNS", "").strip()
        return max(40, min(int(columns), 500)) if columns.isdigit() else 100


def write_output(text: str, target: Path | None) -> None:
    """Write all of ``text`` to stdout, or to ``target`` (see :mod:`rhetor.output`)."""
    from rhetor.output import write_output as write

    write(text, target)
