"""Attribute each value mention to the side that claims, appropriates or opposes it.

The rules read the dependency parse; every cue word comes from the cue
lexicon (``lexicons/cues.yaml``). Each claim records the rule that fired and
its cue, so a reader can see why. Rules, in the order they are tried:

- ``possessive``: the value's phrase, or a noun it hangs from ("our language
  of fairness", "their irresponsible gamble"), has a possessor;
- ``located``: the value is found in a holder ("a lack of accountability
  between firms");
- ``verb``: the subject or passive agent of the verb governing the value,
  followed up through xcomp/ccomp/conj/advcl chains and relative clauses; the
  verbs on the way give the stance ("seeks to steal", "refuses to take");
- ``relative-clause``: a relative clause on the value's phrase ("the
  principles it once praised");
- ``pronoun-object``: a coordinated verb takes the value up again as "it"
  ("champions democracy at home and ignores it abroad");
- ``elliptical-possessive``: "theirs is a slogan; ours is a record";
- ``default-author``: a positive mention with no holder belongs to the
  author's side; a negative one with no holder stays unattributed.

Only token attributes are used: no spaCy import.
"""

from __future__ import annotations

from dataclasses import dataclass

from rhetor.cues import Cues, cue_key
from rhetor.holders import Holder, SideIndex
from rhetor.negation import span_root

CLAIMS, APPROPRIATES, OPPOSES = "claims", "appropriates", "opposes"
_NOUNS = {"NOUN", "PROPN"}
_VERBS = {"VERB", "AUX"}
_OBJECT_DEPS = {"dobj", "obj", "dative", "oprd", "attr"}
_CLIMB_DEPS = {"xcomp", "ccomp", "conj", "advcl", "pcomp"}
_INDEPENDENT_POSSESSIVES = {"ours", "theirs", "hers", "his", "mine", "yours"}
_OBJECT_PRONOUNS = {"it", "them", "this", "that"}


@dataclass(frozen=True)
class Mention:
    """What attribution needs to know of one value mention."""

    index: int
    start: int  # token offsets
    end: int
    polarity: str
    negated: bool


@dataclass(frozen=True)
class RawClaim:
    mention: int
    side: str | None
    stance: str
    holder: tuple[int, int] | None
    cue: str | None
    rule: str


def base_stance(polarity: str, negated: bool) -> str:
    """Holding a virtue claims it; holding a vice, or lacking the virtue, opposes it."""
    positive = (polarity == "virtue") != negated
    return CLAIMS if positive else OPPOSES


def flip(stance: str) -> str:
    return {CLAIMS: OPPOSES, OPPOSES: CLAIMS}.get(stance, stance)


def apply_polarity(stance: str, polarity: str) -> str:
    """Acting on a vice: fighting injustice claims fairness; championing it opposes."""
    if polarity == "vice":
        return {CLAIMS: OPPOSES, OPPOSES: CLAIMS, APPROPRIATES: OPPOSES}[stance]
    return stance


class Attributor:
    def __init__(self, cues: Cues) -> None:
        self.cues = cues
        self.stance = cues.stance

    def attribute(self, doc, mentions: list[Mention], sides: SideIndex) -> list[RawClaim]:
        claims: list[RawClaim] = []
        for mention in mentions:
            claims.extend(_dedupe(self._mention(doc, mention, sides)))
        claims.extend(self._ellipsis(doc, mentions, claims, sides))
        return claims

    def defaults(self, mentions: list[Mention], author: str) -> list[RawClaim]:
        """Without a parse: positive mentions to the author, the rest unattributed."""
        return [self._default(m, base_stance(m.polarity, m.negated), author) for m in mentions]

    @staticmethod
    def _default(m: Mention, base: str, author: str) -> RawClaim:
        if base == CLAIMS:
            return RawClaim(m.index, author, CLAIMS, None, None, "default-author")
        return RawClaim(m.index, None, base, None, None, "unattributed")

    # -- one mention ---------------------------------------------------------------------

    def _mention(self, doc, m: Mention, sides: SideIndex) -> list[RawClaim]:
        root = span_root(doc, m.start, m.end)
        phrase = _phrase_head(root)
        levels = _noun_levels(phrase, self._is_frame)
        outer = levels[-1]
        hollow = self._hollow(levels, outer)
        base = (
            APPROPRIATES
            if hollow and m.polarity == "virtue"
            else base_stance(m.polarity, m.negated)
        )
        claims: list[RawClaim] = []

        for level in levels:
            for child in level.children:
                if child.dep_ == "poss" and (holder := sides.resolve(child)):
                    claims.append(_claim(m, holder, base, None, "possessive"))
        for prep in phrase.children:
            if (
                prep.dep_ == "prep"
                and cue_key(prep.lemma_ or prep.text) in self.stance.holder_preps
            ):
                for obj in prep.children:
                    holder = sides.resolve(obj) if obj.dep_ == "pobj" else None
                    # the object itself must name the side: "between firms", not "in our economy"
                    if holder and holder.side and holder.how != "phrase":
                        claims.append(_claim(m, holder, base, prep.lower_, "located"))

        verb_claim = self._verb(m, outer, sides, base)
        if verb_claim:
            claims.append(verb_claim)
            claims.extend(self._pronoun_objects(m, outer, verb_claim, sides))
        for level in levels:
            claims.extend(self._relative_clauses(m, level, sides))

        # Every rule's claim has a holder, even one naming no side ("the bishop"): only a
        # mention no rule could read falls to the default.
        return claims or [self._default(m, base, sides.author)]

    def _hollow(self, levels, outer) -> bool:
        """'so-called fairness', 'their solidarity is a slogan'."""
        for level in levels:
            for child in level.children:
                if child.dep_ in {"amod", "advmod", "compound"} and self._is(
                    child, self.stance.hollow_modifiers
                ):
                    return True
        if outer.dep_ in {"nsubj", "nsubjpass"} and outer.head.lemma_ == "be":
            for child in outer.head.children:
                if child.dep_ in {"attr", "acomp"} and self._is(child, self.stance.hollow_nouns):
                    return True
        return False

    def _is_frame(self, token) -> bool:
        return self._is(token, self.stance.frame_nouns) or self._is(token, self.cues.negation.nouns)

    def _is(self, token, words) -> bool:
        keys = {cue_key(token.lemma_ or token.text), cue_key(token.text)}
        doc = token.doc
        if token.i >= 2 and doc[token.i - 1].text == "-":  # "so-called" is three tokens
            keys.add(cue_key(doc[token.i - 2].text + token.text))
        return not keys.isdisjoint(words)

    # -- the governing verb and its holder -----------------------------------------------

    def _verb(self, m: Mention, outer, sides: SideIndex, base: str) -> RawClaim | None:
        if outer.pos_ == "VERB":  # a verbal value ("they united the party"): its own subject
            found = (outer, [], False)
        else:
            found = _governing_verb(outer) or self._verb_tagged_as_noun(outer)
        if not found:
            return None
        verb, keys, passive = found
        stance, cue = self._verb_stance(verb, keys)
        holder, stance, cue = self._climb(verb, stance, cue, passive, sides)
        if holder is None:
            return None
        # A hollow value ('so-called fairness') is appropriated whatever the verb says.
        if stance is None or base == APPROPRIATES:
            stance = base
        else:
            stance = apply_polarity(stance, m.polarity)
        return _claim(m, holder, stance, cue, "verb")

    def _verb_tagged_as_noun(self, phrase):
        """'The senator champions democracy': taggers often read a verb ending in -s as a
        plural noun compound. Read it back as a verb when it is a stance cue preceded by
        the noun that would be its subject."""
        for child in phrase.children:
            if child.dep_ != "compound" or child.tag_ != "NNS" or child.i != phrase.i - 1:
                continue
            key = cue_key(child.lemma_)
            words = self.stance
            if not any(
                key in ws for ws in (words.claims, words.appropriates, words.opposes, words.speech)
            ):
                continue
            if child.i > 0 and child.doc[child.i - 1].pos_ in _NOUNS:
                return child, [key], False
        return None

    def _verb_stance(self, verb, keys: list[str]) -> tuple[str | None, str | None]:
        stance, cue = None, None
        for key in keys:
            stance = self._lookup(key, verb)
            if stance:
                cue = key
                break
        if self._negated(verb):
            stance = flip(stance or CLAIMS)
            cue = f"not {cue}" if cue else "not"
        return stance, cue

    def _lookup(self, key: str, verb) -> str | None:
        words = self.stance
        if key in words.speech:
            return APPROPRIATES if self._hypocrisy(verb) else CLAIMS
        for stance in (APPROPRIATES, OPPOSES, CLAIMS):
            if key in getattr(words, stance):
                return stance
        return None

    def _hypocrisy(self, verb) -> bool:
        """'spoke of accountability while hiding the losses'."""
        for clause in verb.children:
            if clause.dep_ == "advcl":
                for marker in clause.children:
                    if marker.dep_ in {"mark", "advmod"} and self._is(
                        marker, self.stance.hypocrisy_markers
                    ):
                        return True
        return False

    def _negated(self, verb) -> bool:
        negation = self.cues.negation
        return any(c.dep_ == "neg" and cue_key(c.text) in negation.words for c in verb.children)

    def _climb(self, verb, stance, cue, passive, sides: SideIndex):
        """Find the holder up the verb chain; outer verbs may flip or override the stance."""
        current = verb
        for _ in range(6):
            has_subject, holder = self._subject(current, passive, sides)
            if has_subject:  # a subject that names no side or actor ends the search too
                return holder, stance, cue
            dep = current.dep_
            if dep == "relcl" or (dep == "acl" and current.head.pos_ in _NOUNS):
                if dep == "relcl":
                    holder = sides.resolve(current.head)
                    return holder, stance, cue
                found = _governing_verb(current.head)
                if not found:
                    return None, stance, cue
                current, passive = found[0], found[2]
                continue
            if dep not in _CLIMB_DEPS or current.head is current:
                return None, stance, cue
            current = current.head
            passive = False
            stance, cue = self._outer(current, stance, cue)
        return None, stance, cue

    def _outer(self, verb, stance, cue):
        key = _verb_key(verb)
        if key in self.stance.flips or key in self.stance.opposes:
            stance, cue = flip(stance or CLAIMS), _join(key, cue)
        elif key in self.stance.appropriates:
            stance, cue = APPROPRIATES, _join(key, cue)
        if self._negated(verb):
            stance, cue = flip(stance or CLAIMS), _join("not", cue)
        return stance, cue

    def _subject(self, verb, passive: bool, sides: SideIndex) -> tuple[bool, Holder | None]:
        """(whether the verb has a subject or agent, the holder it resolves to)."""
        if verb.dep_ == "compound" and verb.pos_ in _NOUNS:  # a verb read back from a noun
            return True, sides.resolve(verb.doc[verb.i - 1])
        for child in verb.children:
            if passive and child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return True, sides.resolve(obj)
            if child.dep_ in {"nsubj", "csubj"} or (child.dep_ == "nsubjpass" and not passive):
                return True, sides.resolve(child)
        return False, None

    # -- further rules -------------------------------------------------------------------

    def _pronoun_objects(self, m, outer, verb_claim: RawClaim, sides) -> list[RawClaim]:
        """'champions democracy at home and ignores it abroad'."""
        found = _governing_verb(outer)
        if not found or verb_claim.side is None:
            return []
        verb = found[0]
        siblings = [c for c in verb.children if c.dep_ == "conj" and c.pos_ in _VERBS]
        claims = []
        for sibling in siblings:
            if any(c.dep_ in {"nsubj", "nsubjpass"} for c in sibling.children):
                continue
            for obj in sibling.children:
                if (
                    obj.dep_ in _OBJECT_DEPS
                    and obj.lower_ in _OBJECT_PRONOUNS
                    and not sides.at(obj.i)
                ):
                    stance, cue = self._clause_stance(sibling, m.polarity)
                    claims.append(
                        RawClaim(
                            m.index,
                            verb_claim.side,
                            stance,
                            verb_claim.holder,
                            cue,
                            "pronoun-object",
                        )
                    )
        return claims

    def _clause_stance(self, verb, polarity: str) -> tuple[str, str | None]:
        """The stance a clause's own verb takes on the value it refers back to."""
        stance, cue = self._verb_stance(verb, [_verb_key(verb)])
        return apply_polarity(stance or CLAIMS, polarity), cue

    def _relative_clauses(self, m, level, sides) -> list[RawClaim]:
        """'the co-operative principles it once praised': the clause's subject holds the value."""
        claims = []
        for clause in level.children:
            if clause.dep_ != "relcl":
                continue
            subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is None or subject.lower_ in {"that", "which", "who"}:
                continue
            holder = sides.resolve(subject)
            if holder and holder.side:
                stance, cue = self._clause_stance(clause, m.polarity)
                claims.append(_claim(m, holder, stance, cue, "relative-clause"))
        return claims

    def _ellipsis(self, doc, mentions, claims, sides) -> list[RawClaim]:
        """'The Tories' solidarity is a slogan; ours is a record.'"""
        by_index = {m.index: m for m in mentions}
        extra = []
        for claim in claims:
            if claim.rule != "possessive" or claim.side is None:
                continue
            m = by_index[claim.mention]
            sent = doc[m.start].sent
            for token in sent:
                if token.i < m.end or token.lower_ not in _INDEPENDENT_POSSESSIVES:
                    continue
                holder = sides.resolve(token)
                if holder and holder.side and holder.side != claim.side:
                    stance = (
                        APPROPRIATES
                        if self._hollow([token], token)
                        else base_stance(m.polarity, m.negated)
                    )
                    extra.append(_claim(m, holder, stance, None, "elliptical-possessive"))
        return _dedupe(extra)


def _claim(m: Mention, holder: Holder, stance: str, cue: str | None, rule: str) -> RawClaim:
    return RawClaim(m.index, holder.side, stance, (holder.start, holder.end), cue, rule)


def _dedupe(claims: list[RawClaim]) -> list[RawClaim]:
    seen, kept = set(), []
    for claim in claims:
        key = (claim.mention, claim.side, claim.stance)
        if claim.side is not None and key in seen:
            continue
        seen.add(key)
        kept.append(claim)
    return kept


def _join(word: str, cue: str | None) -> str:
    return f"{word} ... {cue}" if cue else word


def _phrase_head(root):
    """Climb from the value word to the head of the phrase it describes.

    Coordinated values share their first conjunct's attribution; an adjective or
    compound ("unfair cuts", "co-operative principles") describes its noun.
    """
    token = root
    for _ in range(6):
        if (
            token.dep_ == "conj"
            and token.head is not token
            and token.head.pos_ in (_NOUNS | {"ADJ"})
        ) or (token.dep_ in {"amod", "compound", "nmod"} and token.head.pos_ in _NOUNS):
            token = token.head
        else:
            break
    return token


def _noun_levels(phrase, is_frame) -> list:
    """The phrase and the frame nouns it hangs from ('our language of fairness',
    'their lack of accountability'). Other nouns stop the climb: in 'its wage
    freeze in the language of partnership' the freeze does not hold partnership."""
    levels = [phrase]
    token = phrase
    for _ in range(3):
        head = token.head.head
        if (
            token.dep_ == "pobj"
            and token.head.dep_ == "prep"
            and head.pos_ in _NOUNS
            and head is not token
            and is_frame(head)
        ):
            token = head
            while token.dep_ == "conj" and token.head.pos_ in _NOUNS:
                token = token.head
            levels.append(token)
        else:
            break
    return levels


def _verb_key(verb) -> str:
    """The verb's lemma, with a particle ('tear up') and a 'co-' prefix ('co-opt')."""
    lemma = verb.lemma_ or verb.text
    doc = verb.doc
    if verb.i >= 2 and doc[verb.i - 1].text == "-" and doc[verb.i - 2].lower_ == "co":
        lemma = "co" + lemma
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")
    return cue_key(f"{lemma} {particle}")


def _governing_verb(phrase):
    """(verb, cue keys to try, value-is-passive-subject) for the phrase's governing verb."""
    dep, head = phrase.dep_, phrase.head
    if head is phrase:
        return None
    if dep in _OBJECT_DEPS and head.pos_ in _VERBS:
        return head, _keys(head), False
    if dep == "nsubjpass" and head.pos_ in _VERBS:
        return head, _keys(head), True
    if dep == "pobj" and head.dep_ == "prep":
        prep = cue_key(head.lower_)
        holder = head.head
        if holder.pos_ in _VERBS:
            return holder, _keys(holder, prep), False
        # "lay claim to fairness", "put an end to injustice": verb + noun + preposition
        if holder.pos_ in _NOUNS and holder.dep_ in _OBJECT_DEPS and holder.head.pos_ in _VERBS:
            verb = holder.head
            noun = cue_key(
                " ".join(
                    [*(c.lemma_ for c in holder.children if c.dep_ == "compound"), holder.lemma_]
                )
            )
            return verb, [_verb_key(verb) + noun + prep, *_keys(verb, prep)], False
    return None


def _keys(verb, prep: str = "") -> list[str]:
    key = _verb_key(verb)
    bare = cue_key(verb.lemma_ or verb.text)
    keys = [key + prep, bare + prep] if prep else []
    return list(dict.fromkeys([*keys, key, bare]))
