"""The cue schema: every cue list, what it holds, and which rules or steps read it.

Sections (``negation``, ``stance``, ``actors``, ``english``) are the top-level keys of a
cue file and the lists their keys. Each list's field carries, as metadata, a one-line
description and its readers: the names of rules in
:data:`rhetor.attribution.rules.RULES`, or the steps in :data:`STEPS`. The table in
``docs/cues.md`` is made from it (``python -m rhetor.attribution.cuedocs``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cached_property

Words = frozenset[str]

# Steps besides the rules that read cue lists (see :func:`about`).
STEPS = {
    "negation": "whether a mention is negated, in `rhetor.attribution.negation`",
    "frames": "the frame nouns a value hangs from, found by the engine before any rule",
    "sides": "where sides are mentioned, given or found, in `rhetor.attribution.autosides`",
    "holders": "who a token stands for, in `rhetor.attribution.holders`",
}


def about(description: str, readers: str) -> dict:
    """A cue list's entry in the schema: what it holds (one line) and which rules (by
    their names in :data:`rhetor.attribution.rules.RULES`) or steps (:data:`STEPS`)
    read it, separated by spaces. ``docs/cues.md`` is made from these."""
    return {"description": description, "readers": tuple(readers.split())}


@dataclass(frozen=True)
class Negation:
    # fmt: off
    words: Words = field(default=frozenset(), metadata=about(
        'Words that negate the clause they stand in ("we do not believe in fairness", "no'
        ' fairness")',
        "negation verb nominal-act contrast reported-speech elliptical-clause agreement rebuttal"))
    nouns: Words = field(default=frozenset(), metadata=about(
        'Nouns that negate what follows "of" ("a lack of solidarity"); a value hangs from'
        " them as from a frame",
        "negation frames"))
    except_before: Words = field(default=frozenset(), metadata=about(
        'A negation word followed by one of these does not negate ("not only ... but '
        'also")',
        "negation"))
    except_after: Words = field(default=frozenset(), metadata=about(
        'A negation word after one of these does not negate ("at least")',
        "negation"))
    quantifiers: Words = field(default=frozenset(), metadata=about(
        'Subjects that name nobody in a side ("nobody in the government cares about '
        'fairness")',
        "negative-subject reported-speech elliptical-clause default-author"))
    # fmt: on


@dataclass(frozen=True)
class Stance:
    # fmt: off
    claims: Words = field(default=frozenset(), metadata=about(
        "Verbs, and adjectives with their preposition, by which the holder champions or "
        'owns the value ("stand for", "loyal to")',
        "verb pronoun-object relative-clause anaphoric-object"))
    appropriates: Words = field(default=frozenset(), metadata=about(
        "Verbs by which the holder claims the value falsely, or takes it from another "
        '("hijack", "pay lip service to")',
        "verb relative-clause anaphoric-object"))
    opposes: Words = field(default=frozenset(), metadata=about(
        "Verbs, and adjectives with their preposition, by which the holder acts against "
        'or lacks the value ("undermine", "hostile to")',
        "verb relative-clause anaphoric-object contrast"))
    flips: Words = field(default=frozenset(), metadata=about(
        'Verbs that turn the stance of the verb they govern ("decline to accept a duty")',
        "verb anaphoric-object contrast"))
    speech: Words = field(default=frozenset(), metadata=about(
        'Verbs of talk: saying is claiming, unless the clause shows the opposite ("spoke '
        'of V while ...")',
        "verb contrast rebuttal"))
    hypocrisy_markers: Words = field(default=frozenset(), metadata=about(
        "More words that open a contrasting clause, read with `contrast_markers` (an "
        "older list, kept so older cue files load)",
        "contrast"))
    hollow_nouns: Words = field(default=frozenset(), metadata=about(
        'Predicate nouns that say the value is not real ("their solidarity is a slogan")',
        "hollow elliptical-possessive"))
    hollow_modifiers: Words = field(default=frozenset(), metadata=about(
        'Modifiers that say the value is not real ("the so-called fairness")',
        "hollow elliptical-possessive"))
    derisive_modifiers: Words = field(default=frozenset(), metadata=about(
        'Modifiers of a derisive frame for the value ("their devolution is a curious '
        'creed")',
        "hollow"))
    frame_nouns: Words = field(default=frozenset(), metadata=about(
        'Nouns through which a value is held ("our vision of fairness", "our commitment '
        'to solidarity")',
        "frames"))
    holder_preps: Words = field(default=frozenset(), metadata=about(
        'Prepositions that locate the value in a holder ("a lack of solidarity among '
        'employers")',
        "located"))
    self_claims: Words = field(default=frozenset(), metadata=about(
        "Verbs that appropriate when said of another side, but claim when the author says"
        ' them of itself ("we invoke the spirit of solidarity")',
        "self-claim"))
    contrast_markers: Words = field(default=frozenset(), metadata=about(
        'Words that open a contrasting clause or sentence ("X says V, but/yet/while ...")',
        "contrast rebuttal"))
    time_lapses: Words = field(default=frozenset(), metadata=about(
        'Words by which the next sentence opens on time passing ("X told us V. Within '
        'seven months ...")',
        "rebuttal"))
    time_units: Words = field(default=frozenset(), metadata=about(
        'Spans of time that measure such a lapse ("later" alone is not one)',
        "rebuttal"))
    counter_acts: Words = field(default=frozenset(), metadata=about(
        "Acts that, in a contrasting clause, go against what was said, besides the "
        '`opposes` verbs ("..., but sold off V")',
        "contrast"))
    report_verbs: Words = field(default=frozenset(), metadata=about(
        "Verbs that report what another says, holds true or asks for: the author does not"
        ' assert it ("X claims that ...")',
        "reported-speech rebuttal verb"))
    hypothetical_markers: Words = field(default=frozenset(), metadata=about(
        'Conjunctions of a clause that supposes what is not so ("If X cared about V, they'
        ' would ...")',
        "hypothetical"))
    counterfactual_modals: Words = field(default=frozenset(), metadata=about(
        'Modals of the main clause after such a condition ("they would ...")',
        "hypothetical"))
    claim_nouns: Words = field(default=frozenset(), metadata=about(
        "Nouns of acts that champion the value (\"X's defence of V\", \"X is the party of "
        'V")',
        "nominal-act apposition verb"))
    oppose_nouns: Words = field(default=frozenset(), metadata=about(
        'Nouns of acts against the value, alone or with their preposition ("an assault on'
        ' V", "a barrier to V")',
        "nominal-act apposition verb default-author"))
    appropriate_nouns: Words = field(default=frozenset(), metadata=about(
        'Nouns of acts that take the value falsely ("the hijacking of V")',
        "nominal-act apposition verb"))
    condemnations: Words = field(default=frozenset(), metadata=about(
        'Predicates by which the author condemns a vice nobody is blamed for ("racial'
        ' discrimination has no place in our society", "is unacceptable")',
        "default-author"))
    era_preps: Words = field(default=frozenset(), metadata=about(
        'Prepositions that name a side as the time a clause speaks of ("Under this'
        ' government, billions have been wasted")',
        "era"))
    remedy_nouns: Words = field(default=frozenset(), metadata=about(
        'Instruments a vice names as what they fight ("discrimination laws", "anti-'
        'discrimination legislation"): the phrase stands for the value',
        "remedy"))
    against_preps: Words = field(default=frozenset(), metadata=about(
        'Prepositions that set their object against what governs it ("measures against '
        'injustice")',
        "frames nominal-act verb"))
    damning: Words = field(default=frozenset(), metadata=about(
        'Predicates that judge a frame a failure ("their record on fairness is shameful")',
        "hollow"))
    source_preps: Words = field(default=frozenset(), metadata=about(
        "Phrases that give the clause as someone's words (\"according to the Chancellor, "
        '...")',
        "reported-speech"))
    causes: Words = field(default=frozenset(), metadata=about(
        'Verbs by which a side brings about a thing and holds its stance ("X introduced '
        'fees which are a barrier to V")',
        "verb"))
    means_preps: Words = field(default=frozenset(), metadata=about(
        "Prepositions that make a gerund clause the means or time of the act above, which"
        ' does not turn it ("by establishing V")',
        "verb anaphoric-object"))
    insistence: Words = field(default=frozenset(), metadata=about(
        'Words of insistent talk, which a contrast shows hollow ("X keeps talking about V'
        ' while ...")',
        "contrast"))
    doubt_words: Words = field(default=frozenset(), metadata=about(
        'Words of a question that doubt a side\'s commitment ("Does X really believe in'
        ' V?"): the side lacks the value',
        "question"))
    procedural_questions: Words = field(default=frozenset(), metadata=about(
        'Question words that ask about time or number ("When will the referendum be'
        ' held?"): no claim',
        "question"))
    factive_verbs: Words = field(default=frozenset(), metadata=about(
        'Report verbs whose clause is true for the author too ("none of them accepts that'
        ' workers deserve V"); in a question, what the side is pressed to concede',
        "reported-speech question"))
    inclusive_quantifiers: Words = field(default=frozenset(), metadata=about(
        "Words by which a \"we\" in another side's reported words takes in everyone: the "
        "side's own \"we\" (\"we are all in this together\")",
        "reported-speech"))
    standing_nouns: Words = field(default=frozenset(), metadata=about(
        'Standings a side may be denied ("X has no business lecturing us about V")',
        "verb anaphoric-object"))
    agreement: Words = field(default=frozenset(), metadata=about(
        'Verbs by which the author takes the stance of the side it agrees with ("We agree'
        ' with them")',
        "agreement"))
    rebuttals: Words = field(default=frozenset(), metadata=about(
        "Phrases by which the author answers a side's words in the next sentence (\"tell "
        'that to", "the truth is")',
        "rebuttal"))
    # fmt: on

    # Unions the engine reads for every mention, made once per cue set.
    @cached_property
    def hollow_words(self) -> Words:
        return self.hollow_nouns | self.hollow_modifiers

    @cached_property
    def contrast_words(self) -> Words:
        return self.contrast_markers | self.hypocrisy_markers


@dataclass(frozen=True)
class Actors:
    # fmt: off
    nouns: Words = field(default=frozenset(), metadata=about(
        "Nouns that name actors in political argument: sides found when none are given, "
        'and whom "that" or "they" may stand for',
        "sides holders"))
    entity_types: Words = field(default=frozenset(), metadata=about(
        "Named-entity types that count as actors when the pipeline recognises entities "
        "(matched as written)",
        "sides holders"))
    partitives: Words = field(default=frozenset(), metadata=about(
        'Words after which the holder is the group named ("none of the Tories", "many in '
        'the government")',
        "holders"))
    other_body_modifiers: Words = field(default=frozenset(), metadata=about(
        "Modifiers that make a side's common-noun alias name another body (\"county "
        'government")',
        "sides"))
    persons: Words = field(default=frozenset(), metadata=about(
        'Actors who are people, whom "it" never stands for ("the minister gave a speech. '
        'It ...")',
        "holders"))
    documents: Words = field(default=frozenset(), metadata=about(
        'Documents that speak for themselves: "it" that acts stands for them ("The '
        'government received the report. It says ...")',
        "holders"))
    # fmt: on


Forms = tuple[str, ...]


@dataclass(frozen=True)
class English:
    """English closed-class words the engine reads by their form (lower case, as written,
    in the order given): pronouns, quotation marks, the prepositions of a partitive."""

    # fmt: off
    first_person_plural: Forms = field(default=(), metadata=about(
        "The forms of \"we\": they always name one side, the author's or the given side "
        "that lists them",
        "sides holders reported-speech"))
    third_person: Forms = field(default=(), metadata=about(
        'Pronouns that stand for the side last in focus in the paragraph ("their cuts")',
        "sides holders"))
    plural_pronouns: Forms = field(default=(), metadata=about(
        "Third-person pronouns that agree with a plural side, or a collective one",
        "holders"))
    second_person: Forms = field(default=(), metadata=about(
        'Pronouns that stand for the side addressed by name ("Minister, ... your '
        'government")',
        "holders"))
    thing_pronouns: Forms = field(default=(), metadata=about(
        'Pronouns that may stand for a thing rather than a side ("They published a plan. '
        'It ...")',
        "holders verb default-author"))
    relative_pronouns: Forms = field(default=(), metadata=about(
        'Pronouns that stand for their antecedent ("a government ... that seeks")',
        "holders"))
    partitive_preps: Forms = field(default=(), metadata=about(
        'Prepositions after a partitive that name its group ("none of the Tories")',
        "holders"))
    singular_object_pronouns: Forms = field(default=(), metadata=about(
        'Object pronouns that take a singular value up again ("praises fairness and '
        'ignores it")',
        "pronoun-object anaphoric-object"))
    plural_object_pronouns: Forms = field(default=(), metadata=about(
        "Object pronouns that take plural values up again in a coordinated verb",
        "pronoun-object"))
    later_plural_pronouns: Forms = field(default=(), metadata=about(
        'Pronouns by which a later clause takes plural values up ("..., and ministers '
        'rejected both")',
        "anaphoric-object"))
    independent_possessives: Forms = field(default=(), metadata=about(
        'Possessives that stand without their noun ("Their fairness is a pose; ours is a '
        'practice")',
        "elliptical-possessive"))
    generic_modifiers: Forms = field(default=(), metadata=about(
        'Adjectives that make a one-word common-noun alias a kind, not the side ("good'
        ' government", "big government")',
        "holders"))
    quotes: Forms = field(default=(), metadata=about(
        "Quotation marks as the tokenizer writes them (\"their 'fairness'\")",
        "scare-quotes reported-speech"))
    # fmt: on


@dataclass(frozen=True)
class Parliament:
    """How members of a parliament name the sides, as written (case kept): aliases added
    to the sides when a document is debate."""

    # fmt: off
    government_titles: Forms = field(default=(), metadata=about(
        'Names of the government and its offices ("the Government", "the Minister", "the'
        ' Secretary of State"): aliases of the first side given by --government',
        "sides"))
    own_side_titles: Forms = field(default=(), metadata=about(
        'How a member names a member of their own party ("my hon. Friend", "my right'
        ' hon. Friend"): aliases of the author\'s side',
        "sides"))
    # fmt: on


@dataclass(frozen=True)
class Cues:
    negation: Negation = field(default_factory=Negation)
    stance: Stance = field(default_factory=Stance)
    actors: Actors = field(default_factory=Actors)
    english: English = field(default_factory=English)
    parliament: Parliament = field(default_factory=Parliament)

    def without(self, other: Cues) -> Cues:
        """These cues less the words of ``other`` (a cue file's ``remove:`` section)."""
        return Cues(
            **{s.name: _less(getattr(self, s.name), getattr(other, s.name)) for s in fields(self)}
        )

    def merged(self, other: Cues) -> Cues:
        return Cues(
            **{s.name: _union(getattr(self, s.name), getattr(other, s.name)) for s in fields(self)}
        )


def _union(a, b):
    return type(a)(**{f.name: _joined(getattr(a, f.name), getattr(b, f.name)) for f in fields(a)})


def _joined(a, b):
    if isinstance(a, tuple):  # forms keep their order: the first file's, then new ones
        return tuple(dict.fromkeys((*a, *b)))
    return a | b


def _less(a, b):
    def less(x, y):
        return tuple(w for w in x if w not in y) if isinstance(x, tuple) else x - y

    return type(a)(**{f.name: less(getattr(a, f.name), getattr(b, f.name)) for f in fields(a)})
