"""Does a text look like the language of the pipeline? A cheap check, for a warning.

rhetor's lexicons and cue words are English. A French speech run through the
English pipeline still gets a valid report, but nearly empty and parsed badly,
and the user should be told why rather than left to trust it.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")
# Letters counted by the regex engine rather than a Python loop over characters:
# counts mode runs this on every document, and the loop was a tenth of its time.
_LETTER = re.compile(r"[^\W\d_]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_SAMPLE_CHARS = 20_000  # the opening of a long document is enough to judge by
_MIN_WORDS = 20  # too little text to judge: say nothing
# Running English prose is 35-55% function words; other languages written in
# Latin letters share only a few ("a", "on", "die", "an"), well under 15%. Terse
# English (a bullet list of policies, slogans) can fall as low, so a text is only
# called foreign when another language's function words also outnumber English's.
_MIN_FUNCTION_SHARE = 0.15
_OTHER_LANGUAGES = ("fr", "de", "es", "it", "pt", "nl")


def english_warning(text: str, source: str | None, pipeline: str) -> str | None:
    """A warning if ``text`` does not look like English, else None."""
    sample = text[:_SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if letters < 4 * _MIN_WORDS:
        return None
    words = _WORD.findall(sample.lower())
    ascii_share = len(_ASCII_LETTER.findall(sample)) / letters
    if ascii_share >= 0.7 and not _looks_foreign(words):
        return None
    return (
        f"{source or '<text>'}: this does not look like English; the pipeline "
        f"({pipeline}) and the lexicons are English, so expect few matches"
    )


def _share(words: list[str], language: str) -> float:
    from importlib import import_module

    stop_words = import_module(f"spacy.lang.{language}.stop_words").STOP_WORDS
    return sum(w in stop_words for w in words) / max(len(words), 1)


def _looks_foreign(words: list[str]) -> bool:
    english = _share(words, "en")
    if english >= _MIN_FUNCTION_SHARE:
        return False
    return any(_share(words, other) > english for other in _OTHER_LANGUAGES)
