"""Words as the matcher should see them, whatever way they were encoded.

Text from PDFs, web pages and word processors spells the same word in ways a
reader cannot tell apart: accents composed (``é``) or decomposed (``e`` and a
combining accent, NFD, as macOS file names and some PDF extractors give), and
invisible format characters inside a word: zero-width spaces and joiners, soft
hyphens left by justified layout, bidi marks from right-to-left pages, word
joiners and stray byte-order marks. :func:`fold_for_matching` gives one spelling
for all of these. It applies to one token's text at a time, so a match's
offsets still index the original text: nothing is removed from the document.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Unicode format characters (category Cf) that can sit inside a word without being
# seen: soft hyphen, zero-width space/non-joiner/joiner, LRM/RLM, bidi embeddings,
# overrides and isolates, word joiner and invisible operators, BOM.
INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)


# Characters that join or separate the parts of a word without changing it:
# "co-operative", "co operative" and "cooperative" share one key.
JOINERS = re.compile(r"[\s\-‐‑'’]+")


@lru_cache(maxsize=200_000)
def normalise(text: str) -> str:
    """The matching key of a word or phrase: case-folded, joiners removed.

    Cached: the same words recur throughout a corpus, and every token is keyed."""
    return JOINERS.sub("", text.casefold())


@lru_cache(maxsize=65536)
def fold_for_matching(text: str) -> str:
    """``text`` in NFC with invisible format characters removed (ASCII returns as is)."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", INVISIBLE.sub("", text))


@dataclass(frozen=True)
class FoldedText:
    """A whole text folded as :func:`fold_for_matching` folds a word, with the way back:
    character ``k`` of ``text`` comes from ``original[starts[k]:ends[k]]``."""

    text: str
    starts: list[int]
    ends: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Where ``text[start:end]`` (not empty) is in the original text."""
        return self.starts[start], self.ends[end - 1]


# A run of characters outside ASCII, with the character before it (which an accent that
# follows may combine with); ASCII after such a run combines with nothing.
_NON_ASCII_RUN = re.compile(r"(?s:.?[^\x00-\x7f]+)")


def fold_text(text: str) -> FoldedText | None:
    """``text`` in NFC with invisible format characters removed, for matchers that cut
    a whole text themselves (counts mode); None when folding changes nothing. Each
    base character and the accents and invisible characters after it are folded
    together, so a folded character maps back to the characters it came from."""
    if text.isascii() or (unicodedata.is_normalized("NFC", text) and not INVISIBLE.search(text)):
        return None
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    done = 0
    for run in _NON_ASCII_RUN.finditer(text):
        pieces.append(text[done : run.start()])
        starts.extend(range(done, run.start()))
        ends.extend(range(done + 1, run.start() + 1))
        i, last = run.start(), run.end()
        while i < last:
            j = i + 1
            while j < last and _continues(text[j]):
                j += 1
            folded = unicodedata.normalize("NFC", INVISIBLE.sub("", text[i:j]))
            pieces.append(folded)
            starts.extend([i] * len(folded))
            ends.extend([j] * len(folded))
            i = j
        done = last
    pieces.append(text[done:])
    starts.extend(range(done, len(text)))
    ends.extend(range(done + 1, len(text) + 1))
    return FoldedText("".join(pieces), starts, ends)


def _continues(char: str) -> bool:
    """Does ``char`` fold with the character before it: an accent (any combining mark),
    an invisible format character, or a Hangul vowel or final consonant jamo."""
    return bool(
        unicodedata.combining(char) or INVISIBLE.match(char) or "\u1160" <= char <= "\u11ff"
    )
