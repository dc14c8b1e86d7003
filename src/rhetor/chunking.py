"""Split long texts into parse-sized pieces at natural boundaries.

Pieces are consecutive slices of the original text, so an offset into a piece
plus the piece's start is an offset into the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

DEFAULT_CHUNK_CHARS = 200_000
# Preferred cut points, best first: a blank line, a line end, a sentence end, a space.
_BOUNDARIES = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?]\s"), re.compile(r"\s"))


def chunk_spans(text: str, limit: int = DEFAULT_CHUNK_CHARS) -> Iterator[tuple[int, int]]:
    """(start, end) slices of at most ``limit`` characters covering all of ``text``."""
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        yield start, end
        start = end
    if start < len(text) or not text:
        yield start, len(text)


def _cut(text: str, start: int, hard_end: int) -> int:
    # Look for a boundary in the second half of the window, so pieces stay large.
    floor = start + (hard_end - start) // 2
    for pattern in _BOUNDARIES:
        last = None
        for found in pattern.finditer(text, floor, hard_end):
            last = found
        if last is not None:
            return last.end()
    return hard_end  # one enormous word: cut it anyway
