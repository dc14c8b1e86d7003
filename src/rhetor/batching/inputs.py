"""Find the documents of a batch: files, folders (sorted walk), or paths on stdin."""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from rhetor.errors import InputError
from rhetor.io.textio import file_kind, shown

STDIN = "-"
DEFAULT_GLOB = "*.txt"


def _say(message: str) -> None:
    print(f"rhetor: warning: {message}", file=sys.stderr)


def discover(
    paths: Iterable[str],
    *,
    glob: str = DEFAULT_GLOB,
    recursive: bool = False,
    skip: Callable[[str], bool] = lambda path: False,
    warn: Callable[[str], None] = _say,
) -> Iterator[str]:
    """Every document path, in a deterministic order: as given, folders sorted by name.

    Hidden files and folders are skipped; symlinked folders are not followed, so a
    symlink loop cannot trap the walk. A folder yields only names matching ``glob``,
    and only files: a FIFO, device or socket found there is skipped with a warning
    (reading a FIFO nobody writes to would hang the batch), as is any path for which
    ``skip`` is true (the batch's own output). A file named explicitly is always taken.
    A folder in which nothing matches is reported.
    """
    for given in paths:
        if given == STDIN:
            yield from _paths_from_stdin()
            continue
        path = Path(given)
        if path.is_dir():
            found = yield from _walk(path, glob, recursive, skip, warn)
            if not found:
                where = "it or its subfolders" if recursive else "it"
                warn(f"{shown(given)}: no file in {where} matches --glob {glob!r}")
        elif path.exists() or path.is_symlink():
            yield given
        else:
            raise InputError(f"{shown(given)}: no such file or folder")


def _walk(folder: Path, glob: str, recursive: bool, skip, warn) -> Iterator[str]:
    """Yield the matching files of ``folder``; returns how many there were."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        raise InputError(
            f"{shown(str(folder))}: cannot list folder: {exc.strerror or exc}"
        ) from None
    subfolders = []
    found = 0
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            subfolders.append(entry)
        elif fnmatch.fnmatch(entry.name, glob):
            path = str(Path(folder, entry.name))
            kind = file_kind(path)
            if kind in {"pipe", "device", "socket", "special file"}:
                what = "named pipe" if kind == "pipe" else kind
                warn(f"{shown(path)}: a {what}, not a file; skipped")
                continue
            if skip(path):
                continue
            found += 1
            yield path
    if recursive:
        for entry in subfolders:
            found += yield from _walk(Path(entry.path), glob, recursive, skip, warn)
    return found


MAX_PATH_BYTES = 4096


def _paths_from_stdin() -> Iterator[str]:
    """One path a line; a line longer than any path (``< /dev/zero``, a document piped
    in by mistake) stops the batch instead of filling memory."""
    if sys.stdin is None:
        raise InputError("<stdin>: standard input is closed; give paths, or pipe a list in")
    stream = sys.stdin.buffer
    while True:
        raw = stream.readline(MAX_PATH_BYTES + 1)
        if not raw:
            return
        if len(raw) > MAX_PATH_BYTES and not raw.endswith(b"\n"):
            raise InputError(
                f"<stdin>: a line longer than {MAX_PATH_BYTES} bytes; "
                "batch - reads a list of paths, one a line"
            )
        line = os.fsdecode(raw.rstrip(b"\r\n"))  # CRLF: a list written on Windows
        if line.strip():
            yield line
