"""Navigating the dependency parse: from a value word to the words that govern it.

Only token attributes are used (``dep_``, ``head``, ``children``, ``pos_``,
``lemma_``): no spaCy import, so hand-built Docs serve as test fixtures.
"""

from __future__ import annotations

from rhetor.attribution.cues import cue_key

NOUNS = {"NOUN", "PROPN"}
VERBS = {"VERB", "AUX"}
OBJECT_DEPS = {"dobj", "obj", "dative", "oprd", "attr"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
CLIMB_DEPS = {"xcomp", "ccomp", "conj", "advcl", "pcomp"}
COMPLEMENT_DEPS = {"xcomp", "ccomp", "pcomp"}  # clauses the verb above governs


def span_root(doc, start: int, end: int):
    """The token of ``doc[start:end]`` whose head lies outside it."""
    for token in doc[start:end]:
        if token.head.i < start or token.head.i >= end or token.head.i == token.i:
            return token
    return doc[start]


def phrase_head(root):
    """Climb from the value word to the head of the phrase it describes.

    Coordinated values share their first conjunct's attribution; an adjective or
    compound ("unfair cuts", "democratic reforms") describes its noun.
    """
    token = root
    for _ in range(6):
        if (
            token.dep_ == "conj"
            and token.head.i != token.i
            and token.head.pos_ in (NOUNS | {"ADJ"})
        ) or (token.dep_ in {"amod", "compound", "nmod"} and token.head.pos_ in NOUNS):
            token = token.head
        else:
            break
    return token


def noun_levels(phrase, is_frame, stops=frozenset()) -> list:
    """The phrase and the frame nouns it hangs from ("our vision of fairness",
    "their lack of accountability"). Other nouns stop the climb: in "its wage
    freeze in the language of partnership" the freeze does not hold partnership;
    so do the prepositions in ``stops``: "our campaign against injustice" is an act
    against the value, not a frame that holds it."""
    levels = [phrase]
    token = phrase
    for _ in range(3):
        head = token.head.head
        if (
            token.dep_ == "pobj"
            and token.head.dep_ == "prep"
            and cue_key(token.head.lower_) not in stops
            and (head.pos_ in NOUNS or head.pos_ == "NUM")  # "£6 billion of wasteful spending"
            and head.i != token.i
            and is_frame(head)
            and not is_verbal(head)  # "Ministers talk of V": a verb the tagger took for a noun
        ):
            token = head
            while token.dep_ == "conj" and token.head.pos_ in NOUNS:
                token = token.head
            levels.append(token)
        else:
            break
    return levels


def verb_key(verb) -> str:
    """The verb's lemma, with a particle ("tear up") and a "co-" prefix ("co-opt")."""
    lemma = verb.lemma_ or verb.text
    doc = verb.doc
    if verb.i >= 2 and doc[verb.i - 1].text == "-" and doc[verb.i - 2].lower_ == "co":
        lemma = "co" + lemma
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")
    return cue_key(f"{lemma} {particle}")


def verb_keys(verb, prep: str = "") -> list[str]:
    """Cue keys to try for a verb, most specific first ("protect from", "protect")."""
    key = verb_key(verb)
    bare = cue_key(verb.lemma_ or verb.text)
    keys = [key + prep, bare + prep] if prep else []
    return list(dict.fromkeys([*keys, key, bare]))


def _passive(verb) -> bool:
    """Is the verb passive ("be fairly paid": the subject is acted on, not the actor)?"""
    return any(child.dep_ in {"auxpass", "nsubjpass"} for child in verb.children)


def governing_verb(phrase):
    """(verb, cue keys to try, value-is-passive-subject) for the phrase's governing verb.

    The phrase is the verb's object or passive subject, a predicate adjective
    ("their cuts are fair"), a manner adverb on the verb ("acted recklessly"), or the
    object of a preposition on the verb ("believe
    in", "free from"), or of a preposition on the verb's object ("lay claim to",
    "put an end to").
    """
    dep, head = phrase.dep_, phrase.head
    if head.i == phrase.i:
        return None
    if dep in OBJECT_DEPS and head.pos_ in VERBS:
        return head, verb_keys(head), False
    if dep == "acomp" and head.lemma_ == "be":  # "their cuts are fair": the copula, no cue
        return head, [], False
    if dep in {"ccomp", "oprd"} and phrase.pos_ == "ADJ" and head.pos_ in VERBS:
        return head, verb_keys(head), False  # "make the bosses accountable": the maker's act
    if dep == "nsubj" and _infinitive_object(phrase):  # "X want unelected officials to decide"
        return head.head, verb_keys(head.head), False
    if dep == "nsubj" and head.pos_ == "ADJ" and head.dep_ in {"ccomp", "oprd", "xcomp"}:
        verb = head.head  # "make discrimination illegal": the verb with its predicate
        if verb.pos_ in VERBS and verb.i != head.i:
            return verb, [verb_key(verb) + cue_key(head.lemma_), *verb_keys(verb)], False
    if dep == "nsubjpass" and head.pos_ in VERBS:
        return head, verb_keys(head), True
    if dep == "advmod" and phrase.pos_ == "ADV" and head.pos_ in VERBS and not _passive(head):
        return head, [], False  # "they borrowed recklessly": the manner of the act, no cue
    if dep == "pobj" and head.dep_ == "prep":
        prep = cue_key(head.lower_)
        holder = head.head
        if is_verbal(holder):  # "put an end to V": the verb's object joins the key
            objects = [cue_key(c.lemma_) for c in holder.children if c.dep_ in OBJECT_DEPS]
            with_object = [verb_key(holder) + noun + prep for noun in objects]
            return holder, [*with_object, *verb_keys(holder, prep)], False
        if holder.pos_ == "ADJ" and holder.dep_ in {"acomp", "amod", "oprd", "xcomp"}:
            return holder, [*verb_keys(holder, prep)], False  # "hostile to V", "deaf to V"
        if holder.pos_ in NOUNS and holder.dep_ in OBJECT_DEPS and holder.head.pos_ in VERBS:
            verb = holder.head
            compounds = [c.lemma_ for c in holder.children if c.dep_ == "compound"]
            noun = cue_key(" ".join([*compounds, holder.lemma_]))
            return verb, [verb_key(verb) + noun + prep, *verb_keys(verb, prep)], False
    return None


def _infinitive_object(subject) -> bool:
    """Is the subject of an infinitive clause the object of the verb above it ("want
    unelected officials to decide": what is wanted is the officials)?"""
    clause = subject.head
    return (
        clause.dep_ in {"ccomp", "xcomp"}
        and clause.head.i != clause.i
        and clause.head.pos_ in VERBS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    )


def is_verbal(token) -> bool:
    """A verb, or a word the tagger took for a noun that has a subject of its own
    ("Ministers talk of solidarity" with "talk" read as a noun)."""
    return token.pos_ in VERBS or any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)


def clause_of(token):
    """The verb heading the clause ``token`` stands in (or the sentence root)."""
    current = token
    for _ in range(12):
        if current.pos_ in VERBS or current.head.i == current.i:
            return current
        current = current.head
    return current


def clause_chain(verb):
    """The verb and the verbs above it through complement and adverbial clauses."""
    chain = [verb]
    current = verb
    for _ in range(6):
        if current.dep_ not in CLIMB_DEPS or current.head.i == current.i:
            break
        current = current.head
        chain.append(current)
    return chain


def subject_of(verb):
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)


def shared_subject_of(verb):
    """The verb's subject, or, for a verb conjoined or governed without one, the subject
    it shares with the verb above ("X stood up and told the House that ...", "X keep
    telling us that ...")."""
    for _ in range(4):
        subject = subject_of(verb)
        if subject is not None or verb.dep_ not in {"conj", "xcomp"} or verb.head.i == verb.i:
            return subject
        verb = verb.head
    return None


def followed_by_comma(token) -> bool:
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return after is not None and after.text == ","


def is_vocative(subject) -> bool:
    """A name set off by a comma before a bare imperative is the one addressed, not
    the subject ("Congress, give these Americans a chance")."""
    verb = subject.head
    return (
        subject.dep_ == "nsubj"
        and subject.i < verb.i
        and followed_by_comma(subject)
        and verb.tag_ == "VB"
        and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
    )
