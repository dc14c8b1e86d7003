"""Read documents as text, whatever their encoding, or say clearly why not.

Every file rhetor reads (documents, lexicons, sides, gold files) comes through
:func:`read_bytes`, which takes only regular files and pipes (standard input,
``<(...)``, a FIFO the user named), and never more than a size limit: a device
such as ``/dev/zero`` would otherwise be read until memory runs out.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
from dataclasses import dataclass

from rhetor.errors import InputError

STDIN = "-"
_SNIFF = 8192
_CHUNK = 1 << 20

LIMIT_ENV = "RHETOR_MAX_INPUT_MB"
DEFAULT_LIMIT_MB = 256


@dataclass(frozen=True)
class Document:
    source: str
    text: str
    warnings: tuple[str, ...] = ()


def shown(path: str) -> str:
    """A path as it can be printed: bytes of a file name that are not UTF-8 (which
    Python carries as lone surrogates) become ``\\xNN`` escapes."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def size_limit() -> int:
    """The most bytes one input may have: ``RHETOR_MAX_INPUT_MB`` megabytes."""
    from rhetor.envvars import positive_number

    return int(positive_number(LIMIT_ENV, DEFAULT_LIMIT_MB, "megabytes, such as 500") * 1_000_000)


_BOMS = (
    # UTF-32 first: its little-endian BOM begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, source: str) -> Document:
    """UTF-8 (with or without BOM), UTF-16 or UTF-32 with BOM, else cp1252 with a warning."""
    source = shown(source)
    if data.startswith(codecs.BOM_UTF8):
        return Document(source, data[len(codecs.BOM_UTF8) :].decode("utf-8", "replace"))
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Document(source, data.decode(encoding))
            except UnicodeDecodeError:
                raise InputError(f"{source}: invalid {encoding.upper()} text") from None
    if b"\x00" in data[:_SNIFF]:
        raise InputError(f"{source}: binary file, not text")
    try:
        return Document(source, data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    return Document(source, text, (f"{source}: not valid UTF-8; decoded as cp1252 (Latin-1)",))


def read_document(source: str) -> Document:
    """Read a file, or standard input for ``-``."""
    if source == STDIN:
        if sys.stdin is None:  # started with stdin closed (`<&-`)
            raise InputError("<stdin>: standard input is closed")
        return decode(read_stream(sys.stdin.buffer, "<stdin>"), "<stdin>")
    return decode(read_bytes(source), source)


def read_bytes(source: str) -> bytes:
    """The bytes of a regular file or a pipe, or an InputError saying plainly why not."""
    name = shown(source)
    if "\x00" in source:
        visible = name.replace("\x00", "\\x00")
        raise InputError(f"{visible}: a file name cannot hold a NUL byte")
    kind = _kind(source, name)
    if kind == "directory":
        raise InputError(f"{name}: is a directory, not a text file")
    if kind != "file" and kind != "pipe":
        raise InputError(f"{name}: is a {kind}, not a file; rhetor reads files and pipes")
    try:
        with open(source, "rb") as stream:
            if kind == "file":
                _refuse_large(os.fstat(stream.fileno()).st_size, name)
            return read_stream(stream, name)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a text file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None


def read_text(source: str) -> str:
    """A configuration file (lexicon, sides, gold) as UTF-8 text, through the same checks."""
    data = read_bytes(source)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{shown(source)}: not UTF-8 text") from None


def read_stream(stream, name: str) -> bytes:
    """Read a binary stream to its end, refusing one longer than the size limit."""
    limit = size_limit()
    chunks, total = [], 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            _refuse_large(total, name)


def _refuse_large(size: int, name: str) -> None:
    limit = size_limit()
    if size > limit:
        raise InputError(
            f"{name}: larger than {limit / 1_000_000:g} MB; set {LIMIT_ENV} to read bigger inputs"
        )


def file_kind(path: str) -> str:
    """What a path is: file, pipe, directory, missing, or the kind of special file."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "missing"
    except (OSError, ValueError):
        return "unknown"  # a symlink loop or a permission problem: opening will say which
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISFIFO(mode):
        return "pipe"
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def _kind(source: str, name: str) -> str:
    kind = file_kind(source)
    # Missing or unknown: open() raises the precise error below.
    return "file" if kind in {"missing", "unknown"} else kind
