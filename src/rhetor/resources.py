"""The lexicons and cue words in force, parsed once per process.

Both the full analysis (:mod:`rhetor.api`) and counts mode (:mod:`rhetor.counts`)
read lexicon files as (source, text) pairs; the text is the cache key, so the same
files are parsed once however many analysers are built.
"""

from __future__ import annotations

from functools import lru_cache

from rhetor.attribution.cues import Cues, cues_from_texts
from rhetor.lexicon.loading import lexicons_from_texts
from rhetor.lexicon.model import LexiconSet


@lru_cache(maxsize=8)
def cached_lexicons(texts: tuple[tuple[str, str], ...], builtin: bool) -> LexiconSet:
    """The value lexicons among ``texts`` (with the built-in ones when ``builtin``)."""
    return lexicons_from_texts(texts, builtin=builtin)


@lru_cache(maxsize=8)
def cached_cues(texts: tuple[tuple[str, str], ...]) -> Cues:
    """The built-in cue words merged with the cue files among ``texts``."""
    return cues_from_texts(texts)
