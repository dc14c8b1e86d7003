"""Who is a token? Map holder tokens to sides.

A :class:`SideIndex` knows where each side is mentioned in a Doc (alias
matches, or actor phrases found by :mod:`rhetor.attribution.autosides`). :meth:`resolve`
follows the links a reader follows: the mention itself, a possessor or
compound inside the phrase ("the party's plans"), a group named after a
quantifier ("none of the Tories", "nobody in the government"), a relative
pronoun back to its antecedent ("a government ... that seeks"), and a
third-person pronoun back to the side last in focus in the paragraph, agreeing
in number ("they" a plural side, or a collective one; "it" a singular side,
unless a thing was named since: "They published a plan. It promises ...").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from rhetor.attribution.cues import English, builtin_cues
from rhetor.lexicon.model import normalise
from rhetor.sentindex import sent_bounds, sentences

# How many sentences back a pronoun may look for its side: the paragraph, at most this.
FOCUS_SENTENCES = 6
_THING_DEPS = {"nsubj", "nsubjpass", "dobj"}


@dataclass(frozen=True)
class SideMention:
    side: str
    start: int  # token offsets
    end: int
    plural: bool | None = None  # grammatical number of the head, where known
    pronoun: bool = False


@dataclass(frozen=True)
class Holder:
    side: str | None
    start: int
    end: int
    how: str  # alias | phrase | relative | pronoun | actor


class SideIndex:
    def __init__(
        self,
        doc,
        mentions: list[SideMention],
        author: str,
        actor_test,
        partitives: frozenset[str] = frozenset(),
        persons: frozenset[str] = frozenset(),
        documents: frozenset[str] = frozenset(),
        english: English | None = None,
    ) -> None:
        self.doc = doc
        self.english = english or builtin_cues().english  # pronouns and the like
        self.partitives = partitives
        self.persons = persons  # actor nouns naming people, whom "it" never stands for
        self.documents = documents  # nouns for texts that "say" and "find" things themselves
        self.author = author
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self.starts = [m.start for m in self.mentions]
        self.by_token = {i: m for m in self.mentions for i in range(m.start, m.end)}
        self.is_actor = actor_test

    def at(self, i: int) -> SideMention | None:
        return self.by_token.get(i)

    def resolve(self, token, depth: int = 0) -> Holder | None:
        """The side a holder token stands for, or an unresolved actor, or None."""
        mention = self.at(token.i)
        word = token.lower_
        en = self.english
        if mention and _indefinite(
            token, mention, en.generic_modifiers
        ):  # "a government that ...": any one
            return Holder(None, token.i, token.i + 1, "actor")
        if mention:  # includes pronouns a user listed as aliases
            return Holder(mention.side, mention.start, mention.end, "alias")
        for child in token.children:  # "the party's plans", "Conservative policies"
            if child.dep_ in {"poss", "compound", "amod"} and (inner := self.at(child.i)):
                return Holder(inner.side, inner.start, inner.end, "phrase")
            if child.dep_ == "poss" and child.lower_ in en.third_person:  # "their cuts"
                found = self._focus(child)
                if found:
                    return Holder(found.side, child.i, child.i + 1, "phrase")
            if child.dep_ == "poss" and child.lower_ in en.second_person:  # "your government"
                found = self._addressee(child)
                if found:
                    return Holder(found.side, child.i, child.i + 1, "phrase")
        if depth < 3 and normalise(token.text) in self.partitives:
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in en.partitive_preps:
                    for obj in prep.children:
                        if obj.dep_ == "pobj" and (found := self.resolve(obj, depth + 1)):
                            return found
        if word in en.relative_pronouns and depth < 3:
            return self._antecedent(token, depth)
        if word in en.third_person:
            return self._focus(token)
        if word in en.second_person:
            return self._addressee(token)
        if self.is_actor(token):
            return Holder(None, token.i, token.i + 1, "actor")
        return None

    def _antecedent(self, token, depth: int) -> Holder | None:
        clause = token.head
        if clause.dep_ == "relcl" and clause.head.i != clause.i:
            found = self.resolve(clause.head, depth + 1)
            return Holder(found.side, token.i, token.i + 1, "relative") if found else None
        # The parser often attaches "that seeks" to the root: take the nearest noun
        # phrase before it in the sentence that names a side.
        floor, _ = sent_bounds(token)
        for mention in self._before(token.i, floor):
            if not mention.pronoun:
                return Holder(mention.side, token.i, token.i + 1, "relative")
        return None

    def _focus(self, token) -> Holder | None:
        plural = token.lower_ in self.english.plural_pronouns
        thing = token.lower_ in self.english.thing_pronouns
        floor = _paragraph_floor(token, FOCUS_SENTENCES)
        fallback = None
        for mention in self._before(token.i, floor):
            if mention.side == self.author or mention.pronoun:
                continue
            if thing and self._person(mention):
                continue  # "The minister gave a speech. It ...": not the minister
            if plural and self._others_between(mention.end, token.i):
                # "The Tories met the unions. They agreed ...": the unions, an actor
                return Holder(None, token.i, token.i + 1, "actor")
            if mention.plural is None or mention.plural == plural:
                # "They published a plan. It promises ...": the plan. Only "it" can be a
                # thing: "The Chancellor doubled the debt; his recklessness ..." is his.
                if thing and self._thing_between(mention, token):
                    return None
                return Holder(mention.side, token.i, token.i + 1, "pronoun")
            if plural:  # "the government ... they": a collective side
                fallback = fallback or mention
        if fallback:
            return Holder(fallback.side, token.i, token.i + 1, "pronoun")
        return None

    def _addressee(self, token) -> Holder | None:
        """The side addressed by name, set off by commas, in the pronoun's sentence or
        the paragraph before it ("Minister, tell them why your government ...", "Will
        you, Prime Minister, ..."): "you" and "your" stand for it."""
        floor = _paragraph_floor(token, FOCUS_SENTENCES)
        _, end = sent_bounds(token)
        for mention in self._before(len(self.doc), floor, last=end):
            if mention.pronoun or mention.side == self.author:
                continue
            if _set_off(self.doc, mention):
                return Holder(mention.side, token.i, token.i + 1, "pronoun")
        return None

    def _others_between(self, start: int, end: int) -> bool:
        """Is a plural actor that names no side ("workers", "the unions" when no side
        is called so) the subject of a main clause between ``start`` and ``end``? Then
        "they" refers to them. The subject of a clause the side's verb governs ("X want
        officials to decide") is not in focus: the side is."""
        return any(
            token.dep_ in {"nsubj", "nsubjpass"}
            and _main_clause(token.head)
            and token.tag_ in {"NNS", "NNPS"}
            and not self.at(token.i)
            and self.is_actor(token)
            for token in self.doc[start:end]
        )

    def _person(self, mention: SideMention) -> bool:
        head = self.doc[mention.end - 1]
        return head.ent_type_ == "PERSON" or key_of(head) in self.persons

    def _thing_between(self, mention: SideMention, pronoun) -> bool:
        """Is a singular noun that names no actor the subject or object of a clause
        between the side and the pronoun? Then "it" refers to that thing. An object of
        the side's own verb is less salient than the side when "it" does something
        ("When the government took office, it promised ..."), but not when "it" is
        only described ("The government gave a speech. It was about ..."), nor when the
        object is a document, which speaks for itself ("Ministers received the report.
        It says ...")."""
        side_head = self.doc[mention.end - 1]
        acting = pronoun.dep_ == "nsubj" and pronoun.head.lemma_ != "be"
        for token in self.doc[mention.end : pronoun.i]:
            if (
                acting
                and token.dep_ == "dobj"
                and side_head.dep_ == "nsubj"
                and token.head.i == side_head.head.i
                and key_of(token) not in self.documents
            ):
                continue
            if (
                (token.dep_ in _THING_DEPS or key_of(token) in self.documents)
                and token.pos_ in {"NOUN", "PROPN"}
                and token.tag_ in {"NN", "NNP"}
                and not self.at(token.i)
                and not self.is_actor(token)
            ):
                return True
        return False

    def _before(self, i: int, floor: int, last: int | None = None):
        """Mentions ending before token ``i`` and starting at or after ``floor`` (and at
        or before ``last``), nearest first. Only those mentions are visited."""
        index = bisect_left(self.starts, i)
        if last is not None:
            index = min(index, bisect_right(self.starts, last))
        for k in range(index - 1, -1, -1):
            mention = self.mentions[k]
            if mention.start < floor:
                break
            if mention.end <= i:
                yield mention


def _set_off(doc, mention: SideMention) -> bool:
    """Is the mention a name in address: opening its sentence before a comma, or between
    commas, or between a comma and the sentence's end ("Minister, ...", "..., Minister?")?"""
    first_start, _ = sent_bounds(doc[mention.start])
    _, last_end = sent_bounds(doc[mention.end - 1])
    before = doc[mention.start - 1].text if mention.start > first_start else ""
    after = doc[mention.end].text if mention.end < last_end else ""
    opens = mention.start == first_start or before in {",", "—", "-"}
    if before == "" or (before in {",", "—", "-"}):
        return opens and after in {",", "?", "!", "."} and not (before == "" and after != ",")
    return False


def _indefinite(token, mention: SideMention, kinds_of: tuple[str, ...] = ()) -> bool:
    """Is a one-word common-noun alias used with an indefinite article ("a government
    indifferent to V", "a union"), or as a kind, with an adjective and no article ("good
    government", "big government")? It names any such body, not the side."""
    doc = token.doc
    if mention.end - mention.start == 1 and token.is_lower:
        determiners = [c for c in token.children if c.dep_ in {"det", "poss"}]
        kinds = [c for c in token.children if c.dep_ == "amod" and c.lower_ in kinds_of]
        if kinds and not determiners:
            return True
    article = next((c for c in token.children if c.dep_ == "det" and c.lower_ in {"a", "an"}), None)
    return (
        mention.end - mention.start == 1
        and token.is_lower
        and article is not None
        # "not a single minister", "not a minister": a quantifier, not any such body
        and not (article.i > 0 and doc[article.i - 1].lower_ in {"not", "n't", "nor"})
        and not any(c.lower_ == "single" for c in token.children)
    )


def refers_back(pronoun) -> bool:
    """Does "it" have something to stand for: a noun earlier in its paragraph? A passage
    that opens with "It will be fairer" speaks of the writer's own subject, and "It is
    fair that ..." of the clause that follows."""
    floor = _paragraph_floor(pronoun, FOCUS_SENTENCES)
    return any(t.pos_ in {"NOUN", "PROPN"} for t in pronoun.doc[floor : pronoun.i])


def _main_clause(verb) -> bool:
    """Is ``verb`` the root of its sentence, or a clause coordinated with it?"""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _paragraph_floor(token, back: int) -> int:
    """The start of the sentence ``back`` sentences before ``token``'s, or of its
    paragraph (a blank line) if that is nearer."""
    doc = token.doc
    index = sentences(doc)
    n = index.number(token.i)
    for _ in range(back):
        start = index.starts[n]
        if start == 0 or paragraph_break(doc, start):
            break
        n -= 1
    return index.starts[n]


def paragraph_break(doc, start: int) -> bool:
    """Does a blank line come just before (or open) the sentence at token ``start``?"""
    return any(
        doc[i].is_space and doc[i].text.count("\n") >= 2 for i in (start - 1, start) if i >= 0
    )


def is_plural(token, english: English | None = None) -> bool | None:
    if token.tag_ in {"NNS", "NNPS"}:
        return True
    if token.tag_ in {"NN", "NNP"}:
        return False
    word = token.lower_
    en = english or builtin_cues().english
    # "ourselves" is reflexive, never a holder's head: only the other forms of "we"
    if word in en.plural_pronouns or (word in en.first_person_plural and word != "ourselves"):
        return True
    return None


def key_of(token) -> str:
    return normalise(token.lemma_ or token.text)
