"""Find the documents of a batch: files, folders (sorted walk), or paths on stdin."""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from rhetor.errors import InputError

STDIN = "-"
DEFAULT_GLOB = "*.txt"


def discover(
    paths: Iterable[str], *, glob: str = DEFAULT_GLOB, recursive: bool = False
) -> Iterator[str]:
    """Every document path, in a deterministic order: as given, folders sorted by name.

    Hidden files and folders are skipped; symlinked folders are not followed, so a
    symlink loop cannot trap the walk. A folder yields only names matching ``glob``;
    a file named explicitly is always taken.
    """
    for given in paths:
        if given == STDIN:
            yield from _paths_from_stdin()
            continue
        path = Path(given)
        if path.is_dir():
            yield from _walk(path, glob, recursive)
        elif path.exists() or path.is_symlink():
            yield given
        else:
            raise InputError(f"{given}: no such file or folder")


def _walk(folder: Path, glob: str, recursive: bool) -> Iterator[str]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        raise InputError(f"{folder}: cannot list folder: {exc.strerror or exc}") from None
    subfolders = []
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
            yield str(Path(folder, entry.name))
    if recursive:
        for entry in subfolders:
            yield from _walk(Path(entry.path), glob, recursive)


def _paths_from_stdin() -> Iterator[str]:
    for line in sys.stdin:
        line = line.rstrip("\n")
        if line.strip():
            yield line
