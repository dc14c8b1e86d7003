"""Is a value mention negated in its clause?

With a dependency parse, walk from the mention up to the head of its clause
and look for negating dependents ("we do not believe in fairness", "no
fairness") or a negating noun or preposition governing it ("a lack of
accountability", "without solidarity"). Without a parse, look a few tokens back
in the same sentence. Only token attributes are used: no spaCy import.
"""

from __future__ import annotations

from rhetor.attribution.cues import Negation
from rhetor.attribution.tree import span_root
from rhetor.lexicon.model import normalise
from rhetor.sentindex import sent_bounds

_CLAUSE_POS = {"VERB", "AUX"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
_WINDOW = 3


def is_negated(doc, start: int, end: int, cues: Negation, has_parse: bool) -> bool:
    if has_parse:
        return _negated_in_tree(span_root(doc, start, end), cues)
    return _negated_in_window(doc, start, cues)


_CONTRAST_BEFORE = {",", ";", "-", "–", "—"}
_PHRASE_POS = {"ADP", "DET", "NOUN", "PROPN", "ADJ", "NUM", "PRON", "PART", "ADV"}


def is_contrastive(token) -> bool:
    """Is "not" the hinge of a contrast set off by punctuation ("accountable to
    patients, not to bureaucracy", "a hand up, not a hand out")? It denies the phrase
    after it, not the clause it is attached to."""
    doc = token.doc
    if token.lower_ != "not" or token.i == 0 or token.i + 1 >= len(doc):
        return False
    following = doc[token.i + 1]
    return doc[token.i - 1].text in _CONTRAST_BEFORE and following.pos_ in _PHRASE_POS


def _negates(token, cues: Negation) -> bool:
    if normalise(token.text) not in cues.words or is_contrastive(token):
        return False
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and normalise(following.text) in cues.except_before:
        return False  # "not only ... but also"
    before = token.nbor(-1) if token.i > 0 else None
    return before is None or normalise(before.text) not in cues.except_after  # "at least"


def _negated_in_tree(token, cues: Negation) -> bool:
    seen = 0
    described = False  # the value describes the noun ("responsible" in "responsible government")
    while seen < 12:  # clauses are short; this bounds malformed trees too
        seen += 1
        # "No responsible government would ...": a determiner denying a subject that the
        # value describes generalises over it; it does not deny the value
        generic = described and token.dep_ in _SUBJECTS
        if any(
            child.dep_ in {"neg", "det", "advmod", "preconj"}
            and _negates(child, cues)
            and not (generic and child.dep_ == "det")
            for child in token.children
        ):
            return True
        described = token.dep_ in {"amod", "compound"}
        head = token.head
        if token.dep_ == "pobj" and head.dep_ == "prep":
            if _negates(head, cues):  # "without solidarity"
                return True
            if head.lower_ == "of" and _is_negating_noun(head.head, cues):
                return True  # "a lack of solidarity"
        if token.pos_ in _CLAUSE_POS or head.i == token.i:
            return False
        if token.dep_ in _SUBJECTS:
            # "our solidarity will never waver": the predicate is negated, not the value
            return False
        token = head
    return False


def _negated_in_window(doc, start: int, cues: Negation) -> bool:
    sent_start = sent_bounds(doc[start])[0] if doc.has_annotation("SENT_START") else 0
    window = doc[max(sent_start, start - _WINDOW) : start]
    if any(_negates(t, cues) for t in window):
        return True
    if len(window) < 2 or window[-1].lower_ != "of":
        return False
    return _is_negating_noun(window[-2], cues)


def _is_negating_noun(token, cues: Negation) -> bool:
    return normalise(token.text) in cues.nouns or normalise(token.lemma_) in cues.nouns
