"""The word-form table: which inflected forms a parse would lemmatise to a lexicon word.

The full pipeline matches a term when a span's words *or their lemmas* spell it,
and spaCy's English lemmatiser is rule-based: a form is lemmatised by suffix
rules (``fairer`` -> ``fair``), an exceptions list (``stood`` -> ``stand``) and
an index of known lemmas, chosen by the token's part of speech. Counts mode
runs no tagger, so it cannot lemmatise a text; it turns the problem round.
For every word of every lexicon term it generates the forms that the same
rules could reduce to that word (each suffix rule run backwards, each
exception inverted), keeps those that the lemmatiser, run forwards, really
does reduce to it, and records the part of speech under which it does. The
result is a small table, ``form -> ((pos, lemma), ...)``, compiled once per set
of lexicons and cached for the process.

The rules, exceptions and index are the installed pipeline's own (its
``lemmatizer/lookups``), so the table follows whatever pipeline the full mode
would load. Without them (a blank pipeline) the table is empty and counts
mode matches word forms as written.
"""

from __future__ import annotations

import importlib.util
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rhetor.io.textnorm import JOINERS, normalise
from rhetor.lexicon.model import LexiconSet

# Parts of speech whose lemmas the English lemmatiser changes (others keep the form).
LEMMA_POS = ("noun", "verb", "adj", "adv")
TAGS = {"noun": "NOUN", "verb": "VERB", "adj": "ADJ", "adv": "ADV"}


@dataclass(frozen=True)
class LemmaRules:
    """One pipeline's lemmatiser data: per part of speech, suffix rules, exceptions and
    the index of known lemmas."""

    rules: dict[str, list[tuple[str, str]]]
    exceptions: dict[str, dict[str, list[str]]]
    index: dict[str, frozenset[str]]
    by_lemma: dict[str, dict[str, list[str]]]  # the exceptions inverted: lemma -> forms
    # Per part of speech, every suffix its rules strip: most words end in none of them.
    suffixes: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        suffixes = {pos: tuple({old for old, _ in rules}) for pos, rules in self.rules.items()}
        object.__setattr__(self, "suffixes", suffixes)

    def lemma(self, form: str, pos: str) -> str:
        """The lemma spaCy's rule lemmatiser gives ``form`` as ``pos`` when the form is
        not a base form (spacy.pipeline.Lemmatizer.rule_lemmatize, first choice)."""
        string = form.lower()
        exceptions = self.exceptions.get(pos, {})
        if not string.endswith(self.suffixes.get(pos, ())) and string not in exceptions:
            return form  # what the rules below give a word no rule or exception touches
        index = self.index.get(pos, frozenset())
        forms: list[str] = []
        oov: list[str] = []
        for old, new in self.rules.get(pos, ()):
            if string.endswith(old):
                candidate = string[: len(string) - len(old)] + new
                if not candidate:
                    continue
                if candidate in index:
                    forms.insert(0, candidate)
                elif not candidate.isalpha():
                    forms.append(candidate)
                else:
                    oov.append(candidate)
        forms = list(dict.fromkeys(forms))
        for exception in exceptions.get(string, ()):
            if exception not in forms:
                forms.insert(0, exception)
        return (forms or oov or [form])[0]

    def is_base(self, form: str) -> bool:
        """Is ``form`` a lemma of its own, as a noun or an adjective ("united", "dealing")?"""
        return form in self.index.get("adj", ()) or form in self.index.get("noun", ())

    def guess_lemma(self, form: str) -> str:
        """The lemma of a word outside the table, as a parse would most likely give it:
        itself if it is a known lemma, else the first known lemma the noun, verb or
        adjective rules give ("customs" -> "custom")."""
        if any(form in self.index.get(pos, ()) for pos in LEMMA_POS):
            return form
        for pos in ("noun", "verb", "adj"):
            lemma = self.lemma(form, pos)
            if lemma != form and lemma in self.index.get(pos, ()):
                return lemma
        return form

    def classes(self, form: str) -> list[str]:
        """The open classes whose rules give ``form`` a lemma the index knows."""
        return [
            pos
            for pos in LEMMA_POS
            if form in self.index.get(pos, ()) or self.lemma(form, pos) in self.index.get(pos, ())
        ]

    def inflections(self, word: str, pos: str) -> set[str]:
        """Forms that the rules and exceptions of ``pos`` could reduce to ``word``."""
        found = set()
        for old, new in self.rules.get(pos, ()):
            if word.endswith(new):
                found.add(word[: len(word) - len(new)] + old)
        found.update(self.by_lemma.get(pos, {}).get(word, ()))
        found.discard(word)
        return found


@lru_cache(maxsize=4)
def lemma_rules(model: str | None) -> LemmaRules | None:
    """The lemmatiser data of pipeline ``model`` (a package name or folder), or None
    when it has none (a blank pipeline, a pipeline without a rule lemmatiser)."""
    folder = _lookups_folder(model)
    if folder is None:
        return None
    from spacy.lookups import Lookups

    lookups = Lookups().from_disk(folder)
    tables = {name: lookups.get_table(name, {}) for name in ("lemma_rules", "lemma_exc")}
    index_table = lookups.get_table("lemma_index", {})
    exceptions = {pos: dict(tables["lemma_exc"].get(pos, {})) for pos in LEMMA_POS}
    return LemmaRules(
        rules={pos: [tuple(r) for r in tables["lemma_rules"].get(pos, [])] for pos in LEMMA_POS},
        exceptions=exceptions,
        index={pos: frozenset(index_table.get(pos, ())) for pos in LEMMA_POS},
        by_lemma={pos: _invert(table) for pos, table in exceptions.items()},
    )


def _invert(exceptions: dict[str, list[str]]) -> dict[str, list[str]]:
    by_lemma: dict[str, list[str]] = defaultdict(list)
    for form, lemmas in exceptions.items():
        for lemma in lemmas:
            by_lemma[lemma].append(form)
    return dict(by_lemma)


def _lookups_folder(model: str | None) -> Path | None:
    if model is None or model.startswith("blank:"):
        return None
    path = Path(model)
    if not path.exists():
        spec = importlib.util.find_spec(model)
        if spec is None or not spec.submodule_search_locations:
            return None
        package = Path(next(iter(spec.submodule_search_locations)))
        path = next((p for p in sorted(package.iterdir()) if (p / "config.cfg").is_file()), package)
    folder = path / "lemmatizer" / "lookups"
    return folder if (folder / "lookups.bin").is_file() else None


Analyses = tuple[tuple[str, str], ...]  # ((tag, lemma key), ...)


@dataclass(frozen=True)
class WordForms:
    """``form key -> ((tag, lemma key), ...)``: how a parse could lemmatise each inflected
    form of a lexicon word, and under which part of speech."""

    forms: dict[str, Analyses]

    def __len__(self) -> int:
        return len(self.forms)

    def get(self, key: str) -> Analyses:
        return self.forms.get(key, ())


def lexicon_words(lexicons: LexiconSet) -> set[str]:
    """Every word of every term and exclude phrase, lower-cased, plus each term's whole
    key (so "co-operate" also gives "cooperate", which a parse lemmatises as one word)."""
    words: set[str] = set()
    for lexicon in lexicons.lexicons:
        terms = [term for _, term in lexicon.terms()] + list(lexicon.exclude)
        for term in terms:
            text = term.text.rstrip("*")
            words.update(w for w in (normalise(p) for p in JOINERS.split(text)) if w)
            words.add(term.key)
    return words


def compile_word_forms(lexicons: LexiconSet, rules: LemmaRules | None) -> WordForms:
    """The table for ``lexicons``: each generated form kept only if the lemmatiser,
    run forwards, gives back the lexicon word."""
    if rules is None:
        return WordForms({})
    found: dict[str, dict[tuple[str, str], None]] = defaultdict(dict)
    for word in sorted(lexicon_words(lexicons)):
        for pos in LEMMA_POS:
            for form in rules.inflections(word, pos):
                if rules.lemma(form, pos) == word:
                    found[normalise(form)][(TAGS[pos], word)] = None
    return WordForms({form: tuple(analyses) for form, analyses in found.items()})
