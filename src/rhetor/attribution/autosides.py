"""Where sides are mentioned in a Doc: from given aliases, or found automatically.

Given sides are matched like lexicon terms (case, lemma, possessives and
spelling variants handled alike). With no sides given, the actors the text
argues about are found from named entities (when the pipeline has them),
proper nouns and actor nouns ("government", "ministers", "firms"); phrases that
share a word are merged into one side ("this new minority government", "the
coalition", "the government"). Only actors that hold a value in some claim are
reported as sides.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from rhetor.attribution.cues import Cues, cue_key
from rhetor.attribution.holders import SideIndex, SideMention, is_plural, key_of
from rhetor.attribution.sides import AUTHOR, Sides
from rhetor.errors import SidesError
from rhetor.lexicon.matching import CompiledLexicons
from rhetor.lexicon.model import Lexicon, LexiconSet, Term

_NOUNS = {"NOUN", "PROPN"}


def compile_aliases(sides: Sides) -> CompiledLexicons:
    lexicons = []
    for spec in sides.specs:
        try:
            terms = tuple(Term.parse(alias) for alias in spec.aliases)
        except ValueError as exc:
            raise SidesError(f"side {spec.id!r}: {exc}") from None
        lexicons.append(Lexicon(id=spec.id, virtue=terms, source=f"side {spec.id}"))
    return CompiledLexicons(LexiconSet(tuple(lexicons)))


def actor_test(cues: Cues, doc):
    """Is this token an actor: someone who can hold a value?"""
    has_entities = doc.has_annotation("ENT_IOB")
    nouns, types = cues.actors.nouns, cues.actors.entity_types

    def test(token) -> bool:
        if token.pos_ == "PRON":
            return False
        if has_entities and token.ent_type_:
            return token.ent_type_ in types
        if token.pos_ == "PROPN":
            return True
        return key_of(token) in nouns or cue_key(token.text) in nouns

    return test


def given_index(doc, sides: Sides, aliases: CompiledLexicons, cues: Cues) -> SideIndex:
    english = cues.english
    pronouns = {*english.first_person_plural, *english.second_person, *english.third_person}
    mentions = [
        SideMention(
            c.entry.value,
            c.start,
            c.end,
            plural=is_plural(doc[c.end - 1], cues.english),
            pronoun=doc[c.start].pos_ == "PRON" or doc[c.start].lower_ in cues.english.third_person,
        )
        for c in aliases.find(doc, has_pos=doc.has_annotation("POS"))
        if not names_other_body(doc, c.start, cues.actors.other_body_modifiers)
        and not _pronoun_by_lemma(doc[c.start], c.end - c.start, pronouns)
    ]
    return SideIndex(
        doc,
        mentions,
        sides.author,
        actor_test(cues, doc),
        cues.actors.partitives,
        cues.actors.persons,
        cues.actors.documents,
        cues.english,
    )


def _pronoun_by_lemma(token, length: int, pronouns) -> bool:
    """Is a one-word mention a pronoun only by its lemma, on a word that is no pronoun?
    spaCy's lemmatizer gives the plural noun "uses" the lemma "us"; the "'s" of "let's",
    lemmatised "us" and tagged a pronoun, stays a mention."""
    return (
        length == 1
        and token.pos_ != "PRON"
        and token.lemma_.lower() in pronouns
        and token.lower_ not in pronouns
    )


def names_other_body(doc, start: int, modifiers, has_pos: bool = True) -> bool:
    """Does a modifier just before a common-noun alias make it name another body
    ("county government" for the alias "government")? A modifier that is itself part
    of the alias match ("the government") does not. Untagged (``has_pos=False``), it
    answers whether the alias *may* name another body: whether it follows such a
    modifier, whatever the tagger would make of it ("local Labour campaign": an
    adjective; "local Labour councillors": a proper noun)."""
    first = doc[start]
    if start == 0 or (has_pos and first.pos_ not in {"NOUN", "PROPN"}):
        return False
    return cue_key(doc[start - 1].text) in modifiers


@dataclass
class ActorGroups:
    """Actor phrases found in a Doc, merged into groups by shared words."""

    index: SideIndex
    phrases: dict[str, list[str]]  # group key -> surface phrases, one per mention


def auto_index(doc, cues: Cues, value_tokens: set[int]) -> ActorGroups:
    is_actor = actor_test(cues, doc)
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    found = []  # (start, end, keys, phrase text, plural)
    for token in doc:
        if token.lower_ in cues.english.first_person_plural:
            found.append((token.i, token.i + 1, [AUTHOR], token.lower_, True))
            continue
        if (
            token.i in value_tokens
            or token.pos_ not in _NOUNS
            or not is_actor(token)
            or (token.dep_ == "compound" and token.head.pos_ in _NOUNS)
        ):
            continue
        start = _phrase_start(token)
        words = [t for t in doc[start : token.i + 1] if t.pos_ in _NOUNS]
        if token.pos_ == "PROPN":
            keys = [cue_key(token.text)]  # "David Cameron" and "Cameron" are one side
        else:
            keys = [key_of(t) for t in words if t is token or is_actor(t)]
        text = " ".join(t.text for t in words)
        found.append((start, token.i + 1, keys, text, is_plural(token, cues.english)))
        for key in keys[1:]:
            parent[find(key)] = find(keys[0])
    mentions, phrases = [], defaultdict(list)
    for start, end, keys, text, plural in found:
        group = AUTHOR if keys == [AUTHOR] else find(keys[0])
        mentions.append(SideMention(group, start, end, plural=plural, pronoun=group == AUTHOR))
        phrases[group].append(text)
    index = SideIndex(
        doc,
        mentions,
        AUTHOR,
        is_actor,
        cues.actors.partitives,
        cues.actors.persons,
        english=cues.english,
    )
    return ActorGroups(index, dict(phrases))


def _phrase_start(head) -> int:
    start = head.i
    doc = head.doc
    while (
        start > 0
        and doc[start - 1].dep_ in {"compound", "amod"}
        and doc[start - 1].head.i in (range(start, head.i + 1))
        and doc[start - 1].pos_ in _NOUNS
    ):
        start -= 1
    return start


def label_for(phrases: list[str]) -> str:
    """The fullest name the text gives the side: longest phrase, then the most frequent."""
    counts = Counter(p.lower() for p in phrases)
    return sorted(counts, key=lambda p: (-len(p.split()), -counts[p], p))[0]


def slug(label: str) -> str:
    text = "".join(ch if ch.isalnum() else "_" for ch in label.lower()).strip("_")
    while "__" in text:
        text = text.replace("__", "_")
    return text or "side"
