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
