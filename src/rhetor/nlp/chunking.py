"""Split long texts into parse-sized pieces at natural boundaries.

Pieces are consecutive slices of the original text, so an offset into a piece
plus the piece's start is an offset into the original.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TypeVar

DEFAULT_CHUNK_CHARS = 200_000
# spaCy's batch_size counts documents, but memory and speed go with the characters in
# a batch: four 200k-character speeches at once peaked at 1.6 GiB, one at a time at
# 0.7 GiB, and no slower. The parser works on a batch's sentences together, so long
# texts are fastest one at a time and short pieces (the sentences selected for parsing)
# in groups: 8 addresses parsed about 17% faster one at a time than five at a time, and
# the 719 pieces selected from 24 addresses about 28% faster in batches of 10,000 to
# 20,000 characters than all at once (one process, timed by hand at 8178054; the
# benchmark is benchmarks/selective_parse.py). So batches are cut by characters, with a
# cap on count.
BATCH_CHARS = 20_000
BATCH_DOCS = 256

T = TypeVar("T")
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


def char_batches(
    items: Iterable[T],
    size: Callable[[T], int],
    budget: int = BATCH_CHARS,
    max_items: int = BATCH_DOCS,
) -> Iterator[list[T]]:
    """Consecutive groups of ``items`` whose sizes add up to at most ``budget`` (an item
    bigger than that is a group of its own), at most ``max_items`` each. Lazy: reads
    no further ahead than the item that closes a group."""
    group: list[T] = []
    used = 0
    for item in items:
        cost = size(item)
        if group and (used + cost > budget or len(group) == max_items):
            yield group
            group, used = [], 0
        group.append(item)
        used += cost
    if group:
        yield group


# After a large piece is parsed, its arrays (hundreds of MB for 200,000 characters with
# the entity recogniser) are freed, but glibc keeps the freed heap, and the resident size
# crept up over a long document. Handing it back after each large piece keeps the peak
# at that of one piece's parse.
TRIM_AFTER_CHARS = 50_000


def release_freed_memory() -> None:
    """Give freed heap memory back to the system (glibc's ``malloc_trim``; elsewhere
    nothing)."""
    _malloc_trim()()


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[], object]:
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return lambda: None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return lambda: trim(0)


# -- over-long sentences (see rhetor.nlp.sentcap, whose component uses these) --------

MAX_SENTENCE_WORDS = 200
SENTENCE_CAP = "rhetor_sentence_cap"  # the component (rhetor.nlp.sentcap)
_STRETCH = re.compile(r"[^.!?\n]+")
_WORD = re.compile(r"\S+")
# Words a cut may go before: they open a clause in unpunctuated speech.
_JOINERS = frozenset({"and", "but", "so", "because", "then", "or", "now", "well"})


def sentence_cuts(text: str, limit: int = MAX_SENTENCE_WORDS) -> list[int]:
    """Character offsets (word starts) at which a sentence is opened in ``text``."""
    cuts: list[int] = []
    for stretch in _STRETCH.finditer(text):
        if stretch.end() - stretch.start() <= 2 * limit:
            continue  # a word and a space take two characters at least: never too long
        words = list(_WORD.finditer(text, stretch.start(), stretch.end()))
        first = 0
        while len(words) - first > limit:
            cut = first + limit
            for k in range(first + limit, first + limit // 2, -1):
                if words[k].group().lower() in _JOINERS:
                    cut = k
                    break
            cuts.append(words[cut].start())
            first = cut
    return cuts


def cut_warning(cuts: int, limit: int = MAX_SENTENCE_WORDS) -> str:
    return (
        f"the text runs for more than {limit} words with no sentence end (. ! ? or a line "
        f"break): {cuts} sentence{'s' if cuts != 1 else ''} opened for the parser, so that "
        f"none is longer than {limit} words"
    )
