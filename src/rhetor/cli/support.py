"""Plumbing every ``rhetor`` command shares: messages, exit codes and safe writing.

Results go to stdout; warnings, errors and progress go to stderr. Nothing here
imports spaCy or YAML.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import NoReturn

import typer

from rhetor.errors import RhetorError

EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70  # EX_SOFTWARE


def warn(message: str) -> None:
    from rhetor.io.safetext import one_line

    print(f"rhetor: warning: {one_line(message)}", file=sys.stderr)


def fail(message: str, code: int) -> NoReturn:
    from rhetor.io.safetext import one_line

    print(f"rhetor: error: {one_line(message)}", file=sys.stderr)
    raise typer.Exit(code)


def run_guarded(action) -> None:
    """Run a command body, turning every expected failure into one line on stderr.
    SIGTERM (``kill``, ``docker stop``, a scheduler's time limit) stops it as Ctrl-C
    does: workers ended, outputs closed whole, exit 130."""
    previous = _interrupt_on_sigterm()
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
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _raise_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _interrupt_on_sigterm():
    """Make SIGTERM raise KeyboardInterrupt; returns the handler to put back (None when
    not on the main thread, where Python allows no signal handlers)."""
    try:
        return signal.signal(signal.SIGTERM, _raise_interrupt)
    except ValueError:
        return None


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


def terminal_context():
    """How a table for stdout should look: its colour and width."""
    from rhetor.formats import RenderContext

    return RenderContext(color=stdout_is_terminal(), width=terminal_width())


def write_output(text: str, target: Path | None) -> None:
    """Write all of ``text`` to stdout, or to ``target`` (see :mod:`rhetor.io.output`)."""
    from rhetor.io.output import write_output as write

    write(text, target)
