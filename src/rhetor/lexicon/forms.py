"""Word forms of a lexicon entry: its inflections and common derivations.

A lexicon lists "fair" once; text says "fairer", "fairest", "fairly" and
"fairness". spaCy's lemmas catch some of these, but not reliably: a tagger that
calls "fairer" a NOUN lemmatises it to "fairer", and "fairest" keeps its own
lemma. So rhetor spells the forms out itself, from English spelling rules, and
matches them on the surface of the text, whatever the tagger guessed.

Which forms a word gets depends on its word class: the class named by the
entry's ``pos`` limit, or else the class its ending shows ("-ness" is a noun,
"-able" an adjective, "-ise" a verb); a short word with no telling ending gets
every form. Over-generation is harmless as long as the extra strings are not
words ("equaler"); the classes keep real words of another sense out ("fairs"
is not made from the adjective "fair").

Pure Python, no spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

# Universal part-of-speech tags, as spaCy's Token.pos_ reports them.
UPOS = {
    "ADJ",
    "ADP",
    "ADV",
    "AUX",
    "CCONJ",
    "DET",
    "INTJ",
    "NOUN",
    "NUM",
    "PART",
    "PRON",
    "PROPN",
    "PUNCT",
    "SCONJ",
    "SYM",
    "VERB",
    "X",
}

Forms = Literal["all", "inflections", "none"]
FORM_CHOICES: tuple[Forms, ...] = ("all", "inflections", "none")

_VOWELS = "aeiou"
_NOUN_ENDINGS = (
    "ness",
    "ity",
    "ion",
    "ism",
    "ship",
    "ment",
    "ance",
    "ence",
    "acy",
    "ice",
    "dom",
    "hood",
    "ure",
    "ist",
    "age",
)
_ADJ_ENDINGS = (
    "al",
    "ble",
    "ic",
    "ive",
    "ous",
    "ful",
    "ent",
    "ant",
    "ed",
    "ar",
    "ory",
    "ary",
    "less",
    "ish",
)
_VERB_ENDINGS = ("ise", "ize", "ate", "ify")
_WORD = re.compile(r"^[a-z]+$")


def word_classes(word: str, pos: Iterable[str] = ()) -> set[str]:
    """The classes whose forms ``word`` gets: from its ``pos`` limit, else its ending."""
    limited = {p for p in pos if p in {"NOUN", "ADJ", "VERB", "ADV", "PROPN"}}
    if limited:
        return {"NOUN" if p == "PROPN" else p for p in limited}
    if word.endswith(_NOUN_ENDINGS):
        return {"NOUN"}
    if word.endswith(_VERB_ENDINGS):
        return {"VERB"}
    if word.endswith(_ADJ_ENDINGS):
        return {"ADJ"}
    return {"NOUN", "ADJ", "VERB"}


def word_forms(word: str, pos: Iterable[str] = (), forms: Forms = "all") -> set[str]:
    """Other spellings of ``word`` (lower case, letters only) in its classes.

    ``inflections``: plural, verb endings, comparative and superlative;
    ``all`` adds the adverb in -ly and the nouns in -ness and -ity.
    ``word`` itself is not in the result."""
    if forms == "none" or not _WORD.match(word) or len(word) < 3:
        return set()
    classes = word_classes(word, pos)
    found: set[str] = set()
    if classes & {"NOUN", "VERB"}:
        found.add(_plural(word))
    if "VERB" in classes:
        found |= {_suffix(word, "ed"), _suffix(word, "ing")}
    if "ADJ" in classes:
        found |= {_suffix(word, "er"), _suffix(word, "est")}
        if forms == "all":
            found |= {_adverb(word), _suffix(word, "ness"), *_ity(word)}
    found.discard(word)
    return found


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    return word + "s"


def _doubles(word: str) -> bool:
    """A short word ending consonant-vowel-consonant doubles its last letter: rig, rigged."""
    return (
        len(word) <= 4
        and word[-1] not in _VOWELS + "wxy"
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
        and sum(ch in _VOWELS for ch in word) == 1
    )


def _suffix(word: str, ending: str) -> str:
    """Add a vowel-initial ending (-ed, -ing, -er, -est, -ness) with English spelling rules."""
    if ending == "ness":
        return (
            word[:-1] + "i" if word.endswith("y") and word[-2] not in _VOWELS else word
        ) + ending
    if (word.endswith("e") and ending != "ing") or word.endswith("ee"):
        return word + ending[1:] if ending[0] == "e" else word + ending
    if word.endswith("e"):  # -ing drops a silent e: unite, uniting
        return word[:-1] + ending
    if word.endswith("y") and word[-2] not in _VOWELS and ending != "ing":
        return word[:-1] + "i" + ending
    if _doubles(word):
        return word + word[-1] + ending
    return word + ending


def _adverb(word: str) -> str:
    if word.endswith("ic"):
        return word + "ally"  # democratic, democratically
    if word.endswith("le") and word[-3] not in _VOWELS:
        return word[:-1] + "y"  # responsible, responsibly
    if word.endswith("y") and word[-2] not in _VOWELS:
        return word[:-1] + "ily"
    return word + "ly"


def _ity(word: str) -> list[str]:
    """Latinate nouns in -ity: equal -> equality, accountable -> accountability."""
    if word.endswith("ble"):
        return [word[:-3] + "bility"]
    if word.endswith("al"):
        return [word + "ity"]
    return []
