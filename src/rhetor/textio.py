"""Read documents as text, whatever their encoding, or say clearly why not."""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass
from pathlib import Path

from rhetor.errors import InputError

STDIN = "-"
_SNIFF = 8192


@dataclass(frozen=True)
class Document:
    source: str
    text: str
    warnings: tuple[str, ...] = ()


def decode(data: bytes, source: str) -> Document:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252 with a warning."""
    if data.startswith(codecs.BOM_UTF8):
        return Document(source, data[len(codecs.BOM_UTF8) :].decode("utf-8", "replace"))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Document(source, data.decode("utf-16"))
        except UnicodeDecodeError:
            raise InputError(f"{source}: invalid UTF-16 text") from None
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
        return decode(sys.stdin.buffer.read(), "<stdin>")
    return decode(read_bytes(source), source)


def read_bytes(source: str) -> bytes:
    """The bytes of a file, or an InputError saying plainly why not."""
    path = Path(source)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a directory, not a text file") from None
    except PermissionError:
        raise InputError(f"{source}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{source}: cannot read: {exc.strerror or exc}") from None
