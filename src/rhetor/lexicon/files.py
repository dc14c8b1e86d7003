"""Where lexicon texts come from: the files and folders a user names, and the lexicons
shipped inside the package.

Value and cue lexicons are found the same way: a path names one file, or a folder whose
``*.yaml``/``*.yml`` files are read in name order. :func:`is_cue_file` tells the two
kinds apart by their text. Reading goes through :func:`rhetor.io.textio.read_text`, so a
file that is not text is reported as a :class:`rhetor.errors.LexiconError` naming it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from rhetor.errors import LexiconError


def builtin_lexicon_dir():
    """The lexicons shipped inside the package (found through importlib.resources)."""
    return resources.files("rhetor") / "lexicons"


def _yaml_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(
            p
            for p in path.iterdir()
            # is_file: a FIFO or device in a lexicon folder is no lexicon (and would block)
            if p.suffix in {".yaml", ".yml"} and not p.name.startswith(".") and p.is_file()
        )
    return [path]


def _read(path, source: str) -> str:
    from rhetor.errors import InputError
    from rhetor.io.textio import read_text, shown

    if not isinstance(path, Path):  # a packaged resource, not a file a user named
        return path.read_text(encoding="utf-8")
    try:
        return read_text(str(path))
    except InputError as exc:
        reason = str(exc).removeprefix(f"{shown(str(path))}: ")  # we name the file ourselves
        raise LexiconError(reason, source=source) from None


def is_cue_file(text: str) -> bool:
    """Cue lexicons declare ``kind: cues``; everything else is a value lexicon."""
    return re.search(r"^kind:\s*['\"]?cues['\"]?\s*$", text, flags=re.MULTILINE) is not None


def lexicon_files(given: str | Path) -> list[Path]:
    """The YAML files a path names: itself, or a folder's ``*.yaml``/``*.yml``."""
    path = Path(given)
    if not path.exists():
        raise LexiconError("no such file or folder", source=str(given))
    return _yaml_files(path)


def read_lexicon_file(file: Path) -> str:
    """The text of one lexicon file a user named."""
    return _read(file, str(file))


def iter_lexicon_texts(paths: Iterable[str | Path]) -> Iterator[tuple[str, str]]:
    """(source, text) for every YAML file named by ``paths`` (files or folders)."""
    for given in paths:
        for file in lexicon_files(given):
            yield str(file), read_lexicon_file(file)


def builtin_texts() -> Iterator[tuple[str, str]]:
    """(source, text) for every lexicon shipped with rhetor, value and cue files alike."""
    folder = builtin_lexicon_dir()
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            yield f"lexicons/{entry.name}", entry.read_text(encoding="utf-8")
