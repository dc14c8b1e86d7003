"""Attribution rules, each on sentences written for these tests (not from any gold file)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

import rhetor
from rhetor.attribution import (
    APPROPRIATES,
    CLAIMS,
    OPPOSES,
    Attributor,
    Mention,
    apply_polarity,
    base_stance,
    flip,
    tree,
)
from rhetor.attribution.cues import load_cues
from rhetor.attribution.holders import SideIndex, SideMention
from tests.conftest import needs_model

SIDES = {
    "greens": ["we", "us", "our", "Greens"],
    "govt": ["government", "ministers", "Tories", "chancellor"],
    "bosses": ["bosses", "employers", "company", "board"],
}


def triples(text, sides=SIDES):
    report = rhetor.analyse(text, sides=sides)
    return {(c.value, c.side, c.stance) for c in report.claims if c.side}


def rules(text, sides=SIDES):
    return {(c.value, c.side, c.rule) for c in rhetor.analyse(text, sides=sides).claims}


@pytest.mark.parametrize(
    "polarity,negated,stance",
    [
        ("virtue", False, CLAIMS),
        ("virtue", True, OPPOSES),
        ("vice", False, OPPOSES),
        ("vice", True, CLAIMS),
    ],
)
def test_attribution_base_stance(polarity, negated, stance):
    assert base_stance(polarity, negated) == stance


def test_attribution_stance_algebra():
    assert flip(CLAIMS) == OPPOSES and flip(APPROPRIATES) == APPROPRIATES
    assert apply_polarity(OPPOSES, "vice") == CLAIMS  # fighting injustice claims fairness
    assert apply_polarity(CLAIMS, "vice") == OPPOSES


def _hand_doc(blank_nlp):
    # "Ministers stole our fairness ." parsed by hand
    words = ["Ministers", "stole", "our", "fairness", "."]
    return Doc(
        blank_nlp.vocab,
        words=words,
        heads=[1, 1, 3, 1, 1],
        deps=["nsubj", "ROOT", "poss", "dobj", "punct"],
        pos=["NOUN", "VERB", "PRON", "NOUN", "PUNCT"],
        lemmas=["minister", "steal", "our", "fairness", "."],
    )


def test_attribution_rules_on_a_hand_built_parse(blank_nlp):
    doc = _hand_doc(blank_nlp)
    index = SideIndex(
        doc,
        [SideMention("govt", 0, 1, plural=True), SideMention("greens", 2, 3, pronoun=True)],
        "greens",
        lambda t: False,
    )
    found = Attributor(load_cues()).attribute(doc, [Mention(0, 3, 4, "virtue", False)], index)
    assert {(f.side, f.stance, f.rule, f.cue) for _, f in found} == {
        ("greens", CLAIMS, "possessive", None),
        ("govt", APPROPRIATES, "verb", "steal"),
    }


def test_attribution_defaults_without_parse():
    attributor = Attributor(load_cues())
    mentions = [Mention(0, 0, 1, "virtue", False), Mention(1, 2, 3, "vice", False)]
    found = attributor.defaults(mentions, "author")
    assert [(f.side, f.stance, f.rule) for _, f in found] == [
        ("author", CLAIMS, "default-author"),
        (None, OPPOSES, "unattributed"),
    ]


@needs_model
@pytest.mark.parametrize(
    "text,expected",
    [
        # possessive, with a frame noun between holder and value
        ("Our commitment to solidarity is unshakeable.", {("solidarity", "greens", "claims")}),
        # vice held by a side is opposing the value
        (
            "The chancellor's reckless borrowing left families poorer.",
            {("responsibility", "govt", "opposes")},
        ),
        # verb stance, appropriation
        (
            "Ministers have hijacked the rhetoric of fairness.",
            {("fairness", "govt", "appropriates")},
        ),
        # fighting a vice is claiming the virtue
        ("We will tackle inequality in every region.", {("fairness", "greens", "claims")}),
        # a flipping verb up an xcomp chain
        (
            "The bosses refuse to accept any accountability for the closures.",
            {("responsibility", "bosses", "opposes")},
        ),
        # passive agent
        ("Democracy was betrayed by the Tories.", {("democracy", "govt", "opposes")}),
        # relative clause back to its antecedent
        (
            "It is the government that wants to abolish democratic councils.",
            {("democracy", "govt", "opposes")},
        ),
        # verb negation
        ("The company does not believe in fairness.", {("fairness", "bosses", "opposes")}),
        # stealing: the possessor claims, the thief appropriates
        (
            "Ministers stole our language of democracy and accountability.",
            {
                ("democracy", "greens", "claims"),
                ("responsibility", "greens", "claims"),
                ("democracy", "govt", "appropriates"),
                ("responsibility", "govt", "appropriates"),
            },
        ),
        # pronoun continuity across sentences
        (
            "Look at the government. It has undermined democracy at every turn.",
            {("democracy", "govt", "opposes")},
        ),
        # hollow predicate
        (
            "The board's commitment to transparency is a sham.",
            {("responsibility", "bosses", "appropriates")},
        ),
        # located in a holder
        ("There is no solidarity among the employers.", {("solidarity", "bosses", "opposes")}),
        # a positive mention with no holder goes to the author's side
        ("Co-operation is at the heart of everything.", {("mutuality", "greens", "claims")}),
        # a negative one with no holder goes to nobody
        ("Injustice runs deep in the housing market.", set()),
        # a subject's negated predicate does not negate the value
        (
            "Our solidarity with striking nurses will never waver.",
            {("solidarity", "greens", "claims")},
        ),
    ],
)
def test_attribution_rules_on_new_sentences(text, expected):
    assert triples(text) == expected


@needs_model
def test_attribution_records_rule_cue_and_holder():
    report = rhetor.analyse("Ministers have stolen our language of fairness.", sides=SIDES)
    by_side = {c.side: c for c in report.claims}
    assert by_side["govt"].rule == "verb" and by_side["govt"].cue == "steal"
    assert by_side["govt"].holder.text == "Ministers"
    assert by_side["greens"].rule == "possessive" and by_side["greens"].holder.text == "our"
    text = "Ministers have stolen our language of fairness."
    holder = by_side["govt"].holder
    assert text[holder.start : holder.end] == holder.text


@needs_model
def test_attribution_coordinated_values_share_attribution():
    found = triples("The Tories attacked fairness, solidarity and democracy.")
    assert found == {(v, "govt", "opposes") for v in ("fairness", "solidarity", "democracy")}


@needs_model
def test_attribution_pronoun_alias_binds_to_its_side():
    sides = {"us": ["we", "our"], "them": ["they", "their"]}
    assert triples("Their unfair tax hurts pensioners.", sides) == {("fairness", "them", "opposes")}


@needs_model
def test_attribution_first_person_goes_to_author_side_when_unlisted():
    report = rhetor.analyse("We stand for democracy.", sides={"govt": ["government"]})
    assert {(c.value, c.side, c.stance) for c in report.claims} == {
        ("democracy", "author", "claims")
    }
    assert [s.id for s in report.sides] == ["govt", "author"]


@needs_model
def test_attribution_auto_sides_merge_one_actor():
    text = (
        "This new coalition government wants to steal our fairness. "
        "The coalition has undermined solidarity, and the government has abandoned democracy."
    )
    report = rhetor.analyse(text)
    labels = {s.id: s for s in report.sides}
    assert set(labels) == {"author", "coalition_government"}
    assert labels["coalition_government"].auto
    assert set(labels["coalition_government"].aliases) >= {"coalition", "government"}
    found = {(c.value, c.side, c.stance) for c in report.claims if c.side}
    assert found >= {
        ("fairness", "author", "claims"),
        ("fairness", "coalition_government", "appropriates"),
        ("solidarity", "coalition_government", "opposes"),
        ("democracy", "coalition_government", "opposes"),
    }


@needs_model
def test_attribution_seed_essay_without_sides(seed_text):
    report = rhetor.analyse(seed_text)
    matrix = report.matrix
    author = {v for v, cell in matrix["author"].items() if cell["claims"]}
    assert author >= {"fairness", "solidarity", "mutuality", "reciprocity"}
    rival = next(s for s in report.sides if "coalition" in s.label or "government" in s.label)
    taken = {v for v, cell in matrix[rival.id].items() if cell["appropriates"]}
    assert len(taken & {"fairness", "solidarity", "responsibility", "democracy"}) >= 3


# -- rules on hand-built parses ---------------------------------------------------------------

# (word, head, dep, pos, lemma, tag) rows; heads are absolute token indices.
HAND_PARSES = {
    "contrast": [
        ("Ministers", 1, "nsubj", "NOUN", "minister", "NNS"),
        ("praise", 1, "ROOT", "VERB", "praise", "VBP"),
        ("fairness", 1, "dobj", "NOUN", "fairness", "NN"),
        ("but", 1, "cc", "CCONJ", "but", "CC"),
        ("they", 5, "nsubj", "PRON", "they", "PRP"),
        ("cut", 1, "conj", "VERB", "cut", "VBD"),
        ("wages", 5, "dobj", "NOUN", "wage", "NNS"),
    ],
    # two sentences: the second answers the first ("Try telling that to nurses.")
    "rebuttal": [
        ("Ministers", 1, "nsubj", "NOUN", "minister", "NNS"),
        ("praise", 1, "ROOT", "VERB", "praise", "VBP"),
        ("fairness", 1, "dobj", "NOUN", "fairness", "NN"),
        (".", 1, "punct", "PUNCT", ".", "."),
        ("Try", 4, "ROOT", "VERB", "try", "VB"),
        ("telling", 4, "xcomp", "VERB", "tell", "VBG"),
        ("that", 5, "dobj", "PRON", "that", "DT"),
        ("to", 5, "dative", "ADP", "to", "IN"),
        ("nurses", 7, "pobj", "NOUN", "nurse", "NNS"),
        (".", 4, "punct", "PUNCT", ".", "."),
    ],
    "nominal": [
        ("Ministers", 2, "poss", "NOUN", "minister", "NNS"),
        ("'", 0, "case", "PART", "'", "POS"),
        ("attack", 2, "ROOT", "NOUN", "attack", "NN"),
        ("on", 2, "prep", "ADP", "on", "IN"),
        ("fairness", 3, "pobj", "NOUN", "fairness", "NN"),
    ],
    "question": [
        ("Do", 2, "aux", "AUX", "do", "VBP"),
        ("ministers", 2, "nsubj", "NOUN", "minister", "NNS"),
        ("value", 2, "ROOT", "VERB", "value", "VB"),
        ("fairness", 2, "dobj", "NOUN", "fairness", "NN"),
        ("?", 2, "punct", "PUNCT", "?", "."),
    ],
    "negative-subject": [
        ("None", 3, "nsubj", "PRON", "none", "NN"),
        ("of", 0, "prep", "ADP", "of", "IN"),
        ("ministers", 1, "pobj", "NOUN", "minister", "NNS"),
        ("value", 3, "ROOT", "VERB", "value", "VBP"),
        ("fairness", 3, "dobj", "NOUN", "fairness", "NN"),
    ],
    "scare-quotes": [
        ("Ministers", 1, "nsubj", "NOUN", "minister", "NNS"),
        ("want", 1, "ROOT", "VERB", "want", "VBP"),
        ('"', 3, "punct", "PUNCT", '"', "``"),
        ("fairness", 1, "dobj", "NOUN", "fairness", "NN"),
        ('"', 3, "punct", "PUNCT", '"', "''"),
    ],
}
# the rule expected to decide each parse, and the stance it gives the ministers
HAND_EXPECTED = {
    "contrast": APPROPRIATES,
    "rebuttal": APPROPRIATES,
    "nominal": OPPOSES,
    "question": OPPOSES,
    "negative-subject": OPPOSES,
    "scare-quotes": APPROPRIATES,
}


def _parse(blank_nlp, rows, sentences=(0,)):
    words, heads, deps, pos, lemmas, tags = zip(*rows, strict=True)
    return Doc(
        blank_nlp.vocab,
        words=list(words),
        heads=list(heads),
        deps=list(deps),
        pos=list(pos),
        lemmas=list(lemmas),
        tags=list(tags),
        sent_starts=[i in sentences for i in range(len(words))],
    )


def _ministers_stance(doc, attributor):
    value = next(t.i for t in doc if t.lemma_ == "fairness")
    ministers = next(t.i for t in doc if t.lemma_ == "minister")
    index = SideIndex(
        doc,
        [SideMention("govt", ministers, ministers + 1, plural=True)],
        "greens",
        lambda t: False,
        load_cues().actors.partitives,
    )
    found = attributor.attribute(doc, [Mention(0, value, value + 1, "virtue", False)], index)
    return {f.stance for _, f in found if f.side == "govt"}


@pytest.mark.parametrize("name", sorted(HAND_PARSES))
def test_attribution_rule_decides_its_construction(blank_nlp, name):
    doc = _parse(blank_nlp, HAND_PARSES[name])
    attributor = Attributor(load_cues())
    assert _ministers_stance(doc, attributor) == {HAND_EXPECTED[name]}
    rule = "nominal-act" if name == "nominal" else name
    # without the rule the construction is read otherwise (or not at all)
    assert _ministers_stance(doc, attributor.without(rule)) != {HAND_EXPECTED[name]}


def test_attribution_rules_are_named_once_in_order():
    from rhetor.attribution import RULE_NAMES, RULES

    assert len(set(RULE_NAMES)) == len(RULES)
    assert RULE_NAMES[-2:] == ("default-author", "unattributed")  # the fallbacks run last
    stages = [r.stage for r in RULES]
    order = ["mention", "holder", "finding", "fallback"]
    assert stages == sorted(stages, key=order.index)


def test_attribution_rules_never_spell_a_rule_name():
    """The engine owns the names: no rule module writes one as a string."""
    from pathlib import Path

    from rhetor.attribution import RULE_NAMES, RULES

    modules = {Path(__import__(r.apply.__module__, fromlist=["_"]).__file__) for r in RULES}
    for path in modules:
        text = path.read_text()
        for name in RULE_NAMES:
            assert f'"{name}"' not in text, (path.name, name)


def test_attribution_rule_modules_are_small_and_listed_in_run_order():
    from pathlib import Path

    import rhetor.attribution as package
    from rhetor.attribution import RULES

    folder = Path(package.__file__).parent
    assert all(len(p.read_text().splitlines()) <= 450 for p in folder.glob("*.py"))
    modules = list(dict.fromkeys(r.apply.__module__.rsplit(".", 1)[1] for r in RULES))
    listed = [m for m in modules if f":mod:`.{m}`" in package.__doc__]
    assert listed == modules
    places = [package.__doc__.index(f":mod:`.{m}`") for m in modules]
    assert places == sorted(places)


def test_attribution_findings_carry_the_engine_s_name(blank_nlp):
    from rhetor.attribution.rules import RULES, Rule

    doc = _hand_doc(blank_nlp)
    index = SideIndex(
        doc,
        [SideMention("govt", 0, 1, plural=True), SideMention("greens", 2, 3, pronoun=True)],
        "greens",
        lambda t: False,
    )
    renamed = [Rule(f"my-{r.name}", r.stage, r.apply) for r in RULES]
    found = Attributor(load_cues(), renamed).attribute(
        doc, [Mention(0, 3, 4, "virtue", False)], index
    )
    rules_found = {(f.side, f.rule) for _, f in found}
    assert rules_found == {("greens", "my-possessive"), ("govt", "my-verb")}


def test_attribution_without_drops_one_rule():
    attributor = Attributor(load_cues())
    assert [r.name for r in attributor.without("contrast").rules] == [
        r.name for r in attributor.rules if r.name != "contrast"
    ]


# -- composition through prepositions of opposition and through things a side brings about --

_MEASURES_AGAINST_VICE = [
    ("Ministers", 1, "nsubj", "NOUN", "minister", "NNS"),
    ("back", 1, "ROOT", "VERB", "back", "VBP"),
    ("measures", 1, "dobj", "NOUN", "measure", "NNS"),
    ("against", 2, "prep", "ADP", "against", "IN"),
    ("unfairness", 3, "pobj", "NOUN", "unfairness", "NN"),
]
COMPOSED_PARSES = {
    # "Ministers back measures against unfairness": backing an act against a vice claims
    "back-measures-against-vice": (_MEASURES_AGAINST_VICE, "vice", CLAIMS),
    # "Ministers scrap measures against unfairness": undoing the act turns it
    "scrap-measures-against-vice": (
        [
            *_MEASURES_AGAINST_VICE[:1],
            ("scrap", 1, "ROOT", "VERB", "scrap", "VBP"),
            *_MEASURES_AGAINST_VICE[2:],
        ],
        "vice",
        OPPOSES,
    ),
    # "Ministers imposed fees that are a barrier to fairness": the fees' act is theirs
    "imposed-barrier": (
        [
            ("Ministers", 1, "nsubj", "NOUN", "minister", "NNS"),
            ("imposed", 1, "ROOT", "VERB", "impose", "VBD"),
            ("fees", 1, "dobj", "NOUN", "fee", "NNS"),
            ("that", 4, "nsubj", "PRON", "that", "WDT"),
            ("are", 2, "relcl", "AUX", "be", "VBP"),
            ("a", 6, "det", "DET", "a", "DT"),
            ("barrier", 4, "attr", "NOUN", "barrier", "NN"),
            ("to", 6, "prep", "ADP", "to", "IN"),
            ("fairness", 7, "pobj", "NOUN", "fairness", "NN"),
        ],
        "virtue",
        OPPOSES,
    ),
}


@pytest.mark.parametrize("name", sorted(COMPOSED_PARSES))
def test_attribution_stance_composes_through_acts_against(blank_nlp, name):
    rows, polarity, expected = COMPOSED_PARSES[name]
    doc = _parse(blank_nlp, rows)
    value = len(rows) - 1
    ministers = 0
    index = SideIndex(
        doc,
        [SideMention("govt", ministers, ministers + 1, plural=True)],
        "greens",
        lambda t: False,
    )
    mention = Mention(0, value, value + 1, polarity, False)
    found = Attributor(load_cues()).attribute(doc, [mention], index)
    assert {f.stance for _, f in found if f.side == "govt"} == {expected}


@needs_model
@pytest.mark.parametrize(
    "text,expected",
    [
        # verbs and nouns of fighting a vice, and prepositions that set it against
        ("We will defeat discrimination in schools.", {("fairness", "greens", "claims")}),
        ("We will back new measures against inequality.", {("fairness", "greens", "claims")}),
        ("Our campaign against injustice goes on.", {("fairness", "greens", "claims")}),
        ("We will act against unfairness at work.", {("fairness", "greens", "claims")}),
        ("We will put an end to unfair dismissals.", {("fairness", "greens", "claims")}),
        (
            "We will guarantee workers protection from exploitation.",
            {("fairness", "greens", "claims")},
        ),
        # a thing a side brought about acts for it
        ("The fees the government imposed are unfair.", {("fairness", "govt", "opposes")}),
        (
            "Ministers brought in charges which are a barrier to justice.",
            {("fairness", "govt", "opposes")},
        ),
        (
            "The bosses scrapped the fees which were a barrier to justice.",
            {("fairness", "bosses", "claims")},
        ),
        # a stance composes through a noun's clause
        (
            "We will resist any attempt to abolish democratic councils.",
            {("democracy", "greens", "claims")},
        ),
        # a negative subject of several words
        ("Not a single chancellor has ever defended fairness.", {("fairness", "govt", "opposes")}),
        # a frame judged a failure
        ("The chancellor's record on fairness is woeful.", {("fairness", "govt", "opposes")}),
        # "it" never stands for a person: here the speech, which is no side
        ("The chancellor gave a speech. It was full of talk of democracy.", set()),
        # a modifier that makes an alias name another body
        ("The regional government supports democracy.", set()),
        # a common-noun alias as a compound is generic: public spending, not the side's
        ("We will scrap wasteful government contracts.", {("responsibility", "greens", "claims")}),
        # a source phrase reports
        ("According to the chancellor, the new tax is fair.", {("fairness", "govt", "claims")}),
        # an object of the side's own verb does not take "it" from the side
        (
            "When the government took office, it promised fairness.",
            {("fairness", "govt", "claims")},
        ),
        # ... but a document, which speaks for itself, does: "it" says what the text says
        ("The government received the report. It demands fairness.", set()),
        ("The government responded to the audit. It calls for democracy.", set()),
        # a manner adverb describes the act of the verb's subject, across sentences too
        (
            "The Tories have spent years in office. They governed recklessly.",
            {("responsibility", "govt", "opposes")},
        ),
        ("We will govern fairly.", {("fairness", "greens", "claims")}),
        # ... but not of a passive verb, whose subject is acted on
        ("Nurses should be fairly paid.", {("fairness", "greens", "claims")}),
        # "they" after a plural actor that is no side refers to that actor
        ("The Tories cut wages. Workers were furious. They demanded fairness.", set()),
        # ... but not the subject of a clause the side's verb governs: the side stays in focus
        (
            "The Tories want unelected officials to run the councils. They attack democracy.",
            {("democracy", "govt", "opposes")},
        ),
        # a quantifier that denies, with no side to deny it of: nobody holds the value
        ("None of them believe in fairness.", set()),
        ("Hardly any of the ministers care about democracy.", {("democracy", "govt", "opposes")}),
        # "be at" is no cue (cue keys drop spaces: it must not read as "beat")
        (
            "We will keep public debt at a prudent level, and it is at a prudent level now.",
            {("responsibility", "greens", "claims")},
        ),
        # a value under attack, or diminished, with no one to blame
        ("Democracy is under threat.", set()),
        ("The economy is becoming less fair.", set()),
    ],
)
def test_attribution_general_mechanisms_on_new_sentences(text, expected):
    assert triples(text) == expected


# -- clauses hung from a preposition, acts on a thing set against the value, coordinated
# subjects, small clauses (issue 24) ------------------------------------------------------

_COMMITTED_TO_REDUCING = [
    ("Ministers", 1, "nsubj", "NOUN", "minister", "NNS"),
    ("are", 1, "ROOT", "AUX", "be", "VBP"),
    ("committed", 1, "acomp", "ADJ", "committed", "JJ"),
    ("to", 2, "prep", "ADP", "to", "IN"),
    ("reducing", 3, "pcomp", "VERB", "reduce", "VBG"),
    ("unfairness", 4, "dobj", "NOUN", "unfairness", "NN"),
]
_RULES_AGAINST = [
    ("Ministers", 1, "nsubj", "NOUN", "minister", "NNS"),
    ("strengthen", 1, "ROOT", "VERB", "strengthen", "VBP"),
    ("rules", 1, "dobj", "NOUN", "rule", "NNS"),
    ("against", 1, "prep", "ADP", "against", "IN"),
    ("unfairness", 3, "pobj", "NOUN", "unfairness", "NN"),
]
CLIMB_PARSES = {
    # "Ministers are committed to reducing unfairness": the gerund's act is the subject's
    "committed-to-gerund": (_COMMITTED_TO_REDUCING, CLAIMS),
    # "Ministers' plan for reducing unfairness": the plan's owner acts
    "owner-of-plan": (
        [
            ("Ministers", 2, "poss", "NOUN", "minister", "NNS"),
            ("'", 0, "case", "PART", "'", "POS"),
            ("plan", 2, "ROOT", "NOUN", "plan", "NN"),
            ("for", 2, "prep", "ADP", "for", "IN"),
            ("reducing", 3, "pcomp", "VERB", "reduce", "VBG"),
            ("unfairness", 4, "dobj", "NOUN", "unfairness", "NN"),
        ],
        CLAIMS,
    ),
    # "Ministers strengthen rules against unfairness", "against" hung on the verb
    "strengthen-against": (_RULES_AGAINST, CLAIMS),
    # "Ministers weaken rules against unfairness": undoing the act against turns it
    "weaken-against": (
        [_RULES_AGAINST[0], ("weaken", 1, "ROOT", "VERB", "weaken", "VBP"), *_RULES_AGAINST[2:]],
        OPPOSES,
    ),
}


@pytest.mark.parametrize("name", sorted(CLIMB_PARSES))
def test_attribution_vice_reaches_its_holder(blank_nlp, name):
    rows, expected = CLIMB_PARSES[name]
    doc = _parse(blank_nlp, rows)
    index = SideIndex(doc, [SideMention("govt", 0, 1, plural=True)], "greens", lambda t: False)
    value = len(rows) - 1
    found = Attributor(load_cues()).attribute(
        doc, [Mention(0, value, value + 1, "vice", False)], index
    )
    assert {f.stance for _, f in found if f.side == "govt"} == {expected}


def test_attribution_gerund_of_means_is_not_turned(blank_nlp):
    # "Ministers ended the deficit by cutting unfairness": "by" gives the means; "end"
    # acts on the deficit, not on the clause
    rows = [
        ("Ministers", 1, "nsubj", "NOUN", "minister", "NNS"),
        ("ended", 1, "ROOT", "VERB", "end", "VBD"),
        ("deficits", 1, "dobj", "NOUN", "deficit", "NNS"),
        ("by", 1, "prep", "ADP", "by", "IN"),
        ("cutting", 3, "pcomp", "VERB", "cut", "VBG"),
        ("unfairness", 4, "dobj", "NOUN", "unfairness", "NN"),
    ]
    doc = _parse(blank_nlp, rows)
    index = SideIndex(doc, [SideMention("govt", 0, 1, plural=True)], "greens", lambda t: False)
    found = Attributor(load_cues()).attribute(doc, [Mention(0, 5, 6, "vice", False)], index)
    assert {f.stance for _, f in found if f.side == "govt"} == {CLAIMS}


@needs_model
@pytest.mark.parametrize(
    "text,expected",
    [
        # a gerund clause under a preposition: its act is the subject's, or the owner's
        ("We are committed to reducing discrimination.", {("fairness", "greens", "claims")}),
        ("The Tories work towards ending exploitation.", {("fairness", "govt", "claims")}),
        ("Cutting wasteful spending is our priority.", {("responsibility", "greens", "claims")}),
        (
            "Ministers announced their plan to abolish elected councils.",
            {("democracy", "govt", "opposes")},
        ),
        ("The Tories govern without holding a referendum.", {("democracy", "govt", "opposes")}),
        (
            "We will stop ministers from acting without a referendum.",
            {("democracy", "greens", "claims")},
        ),
        ("We will resist any attempt to hold a referendum.", {("democracy", "greens", "opposes")}),
        # an act on a thing set against the value, with "against" on the verb or the noun
        ("We will strengthen the law against discrimination.", {("fairness", "greens", "claims")}),
        ("Ministers weakened the rules against discrimination.", {("fairness", "govt", "opposes")}),
        ("We will fight against injustice.", {("fairness", "greens", "claims")}),
        ("The bosses will not fight against injustice.", {("fairness", "bosses", "opposes")}),
        # coordinated subjects share the clause's stance, negated or not
        (
            "The bosses and the Tories have betrayed democracy.",
            {("democracy", "bosses", "opposes"), ("democracy", "govt", "opposes")},
        ),
        (
            "Neither the bosses nor the Tories believe in fairness.",
            {("fairness", "bosses", "opposes"), ("fairness", "govt", "opposes")},
        ),
        # a value adjective in a small clause is the act of the verb's subject
        ("The Tories made the tax system less fair.", {("fairness", "govt", "opposes")}),
    ],
)
def test_attribution_clauses_against_and_coordination_on_new_sentences(text, expected):
    assert triples(text) == expected


@needs_model
@pytest.mark.parametrize(
    "text,expected",
    [
        # insistent talk beside anything the side does is hollow ...
        (
            "The Tories keep talking about fairness while their donors pocket the profits.",
            {("fairness", "govt", "appropriates")},
        ),
        (
            "The bosses talk endlessly about partnership while they move the work abroad.",
            {("mutuality", "bosses", "appropriates")},
        ),
        # ... plain talk beside another act, or beside another side's act, is not
        (
            "The Tories talk about fairness while they tour the country.",
            {("fairness", "govt", "claims")},
        ),
        (
            "The Tories keep talking about fairness, but we deliver it.",
            {("fairness", "govt", "claims"), ("fairness", "greens", "claims")},
        ),
        # appropriating takes the place of the side's plain claim on the same words
        (
            "The government boasts of its fairness, but it froze wages.",
            {("fairness", "govt", "appropriates")},
        ),
        # "claim to" with an infinitive professes; "claim that" reports
        ("Ministers claim to champion democracy.", {("democracy", "govt", "appropriates")}),
        ("Ministers claim that the tax is fair.", {("fairness", "govt", "claims")}),
        # a contrast across the full stop, opened by its marker
        (
            "The government promised accountability. Instead it buried the report.",
            {("responsibility", "govt", "appropriates")},
        ),
        (
            "The government promised accountability. Then it held a press conference.",
            {("responsibility", "govt", "claims")},
        ),
        ("The government cancelled the referendum.", {("democracy", "govt", "opposes")}),
    ],
)
def test_attribution_professed_values_on_new_sentences(text, expected):
    assert triples(text) == expected


@needs_model
@pytest.mark.parametrize(
    "text,expected",
    [
        # the owner of a plan holds the value, and a side acting on the plan does too
        (
            "The Tories voted against our plan to make bosses accountable.",
            {("responsibility", "greens", "claims"), ("responsibility", "govt", "opposes")},
        ),
        # an act against in the infinitive of the contrasting clause
        (
            "The government boasts of its fairness, but its MPs were told to vote down fair pay.",
            {("fairness", "govt", "appropriates"), ("fairness", "govt", "opposes")},
        ),
        # holding a clause true: the holder claims; a factive verb's clause is the author's
        ("The Tories believe that the new tax is fair.", {("fairness", "govt", "claims")}),
        (
            "Not one of the ministers accepts that carers deserve a fair deal.",
            {("fairness", "govt", "opposes"), ("fairness", "greens", "claims")},
        ),
        # a clause of subject and auxiliary takes up the verb phrase before it
        (
            "Neither the bosses nor the Tories will give the regions a real say. We will.",
            {
                ("democracy", "bosses", "opposes"),
                ("democracy", "govt", "opposes"),
                ("democracy", "greens", "claims"),
            },
        ),
        (
            "The Tories will never defend fairness, but we will.",
            {("fairness", "govt", "opposes"), ("fairness", "greens", "claims")},
        ),
    ],
)
def test_attribution_owners_beliefs_and_ellipsis_on_new_sentences(text, expected):
    assert triples(text) == expected


def test_attribution_elliptical_clause_takes_up_the_verb_phrase(blank_nlp):
    # "Ministers never value fairness . We do ." parsed by hand
    rows = [
        ("Ministers", 2, "nsubj", "NOUN", "minister", "NNS"),
        ("never", 2, "neg", "ADV", "never", "RB"),
        ("value", 2, "ROOT", "VERB", "value", "VBP"),
        ("fairness", 2, "dobj", "NOUN", "fairness", "NN"),
        (".", 2, "punct", "PUNCT", ".", "."),
        ("We", 6, "nsubj", "PRON", "we", "PRP"),
        ("do", 6, "ROOT", "AUX", "do", "VBP"),
        (".", 6, "punct", "PUNCT", ".", "."),
    ]
    doc = _parse(blank_nlp, rows, sentences=(0, 5))
    index = SideIndex(
        doc,
        [SideMention("govt", 0, 1, plural=True), SideMention("greens", 5, 6, pronoun=True)],
        "greens",
        lambda t: False,
    )
    attributor = Attributor(load_cues())
    mention = Mention(0, 3, 4, "virtue", False)
    found = {(f.side, f.stance) for _, f in attributor.attribute(doc, [mention], index)}
    assert found == {("govt", OPPOSES), ("greens", CLAIMS)}
    without = attributor.without("elliptical-clause").attribute(doc, [mention], index)
    assert {(f.side, f.stance) for _, f in without} == {("govt", OPPOSES)}


@needs_model
@pytest.mark.parametrize(
    "text,expected",
    [
        # a side promotes the value through actors that name no side
        (
            "We will ensure that landlords act responsibly.",
            {("responsibility", "greens", "claims")},
        ),
        # ... but what others say stays theirs
        ("Campaigners say that the new tax is fair.", set()),
        # the subject of an infinitive is what the verb above wants
        (
            "The Tories want unelected officials to run the councils.",
            {("democracy", "govt", "opposes")},
        ),
        # "it" with nothing before it to stand for is the writer's subject, or the clause
        ("It will be fairer.", {("fairness", "greens", "claims")}),
        ("It is fair that everyone pays the same.", {("fairness", "greens", "claims")}),
        # ... while "it" after a thing is that thing
        ("The chancellor gave a speech. It was about fairness.", set()),
    ],
)
def test_attribution_promoted_values_and_bare_it_on_new_sentences(text, expected):
    assert triples(text) == expected


def unattributed(text, sides=SIDES):
    claims = rhetor.analyse(text, sides=sides).claims
    return {(c.value, c.stance) for c in claims if c.side is None}


@needs_model
@pytest.mark.parametrize(
    "text,expected",
    [
        # someone who is no side acts against the value: nobody's, and opposed
        ("This budget destroys democracy.", {("democracy", "opposes")}),
        ("An attack on democracy.", {("democracy", "opposes")}),
        ("Ministers published the report. It attacks solidarity.", {("solidarity", "opposes")}),
        # nobody holds the value: nobody's, with the mention's own stance
        ("Ministers published the report. It defends solidarity.", {("solidarity", "claims")}),
        ("The report says that the tax is fair.", {("fairness", "claims")}),
    ],
)
def test_attribution_unattributed_opposes_only_when_acted_against(text, expected):
    assert triples(text) == set()
    assert unattributed(text) == expected


# "Ministers published the report. It <verb> solidarity ." parsed by hand
def _it_verb_solidarity(blank_nlp, verb, lemma):
    rows = [
        ("Ministers", 1, "nsubj", "NOUN", "minister", "NNS"),
        ("published", 1, "ROOT", "VERB", "publish", "VBD"),
        ("the", 3, "det", "DET", "the", "DT"),
        ("report", 1, "dobj", "NOUN", "report", "NN"),
        (".", 1, "punct", "PUNCT", ".", "."),
        ("It", 6, "nsubj", "PRON", "it", "PRP"),
        (verb, 6, "ROOT", "VERB", lemma, "VBZ"),
        ("solidarity", 6, "dobj", "NOUN", "solidarity", "NN"),
        (".", 6, "punct", "PUNCT", ".", "."),
    ]
    return _parse(blank_nlp, rows, sentences=(0, 5))


@pytest.mark.parametrize(
    "verb,lemma,stance,reading",
    [
        # "it" stands for the report, a thing: nobody holds the value
        ("defends", "defend", CLAIMS, {"unheld"}),
        # a subject naming no side opposes the value: it is acted against
        ("attacks", "attack", OPPOSES, {"acted_against"}),
    ],
)
def test_attribution_unattributed_says_why_nobody_holds_the_value(
    blank_nlp, verb, lemma, stance, reading
):
    from rhetor.attribution.rules import RULES, Rule

    doc = _it_verb_solidarity(blank_nlp, verb, lemma)
    index = SideIndex(doc, [SideMention("govt", 0, 1, plural=True)], "greens", lambda t: False)
    seen = []
    spy = Rule("spy", "fallback", lambda ctx: seen.append(ctx.reading))
    attributor = Attributor(load_cues(), [*RULES, spy])
    found = attributor.attribute(doc, [Mention(0, 7, 8, "virtue", False)], index)
    assert [(f.side, f.stance, f.rule) for _, f in found] == [(None, stance, "unattributed")]
    flags = {name for name in ("acted_against", "unheld") if getattr(seen[0], name)}
    assert flags == reading


@needs_model
@pytest.mark.parametrize(
    "text,expected",
    [
        # an adjective with its preposition is a stance
        ("The bosses are hostile to democracy.", {("democracy", "bosses", "opposes")}),
        # losing faith in something that holds the value acts against it
        ("The bosses have lost faith in co-operatives.", {("mutuality", "bosses", "opposes")}),
        ("The chancellor is contemptuous of democracy.", {("democracy", "govt", "opposes")}),
        ("We are serious about democracy.", {("democracy", "greens", "claims")}),
        # the author's "our" on a value another side acts against is the country's
        ("The Tories undermine our democracy.", {("democracy", "govt", "opposes")}),
        ("Our democracy is strong.", {("democracy", "greens", "claims")}),
        # a one-word alias with an indefinite article names any such body
        ("A government that slashes legal aid is no friend of justice.", set()),
    ],
)
def test_attribution_adjectives_possession_and_indefinites_on_new_sentences(text, expected):
    assert triples(text) == expected


@needs_model
@pytest.mark.parametrize(
    "text,expected",
    [
        # a later clause takes up the value's phrase as a pronoun object
        (
            "The Tories set up a citizens' assembly. The bosses want to abolish it.",
            {("democracy", "govt", "claims"), ("democracy", "bosses", "opposes")},
        ),
        (
            "We support the grants for co-operatives, and the Tories want to cut them.",
            {("mutuality", "greens", "claims"), ("mutuality", "govt", "opposes")},
        ),
        (
            "The Tories demand fair wages; the bosses reject them.",
            {("fairness", "govt", "claims"), ("fairness", "bosses", "opposes")},
        ),
        # ... unless another thing the pronoun could stand for comes between
        (
            "We set up a citizens' assembly. The bosses hate the building, and they want to "
            "abolish it.",
            {("democracy", "greens", "claims")},
        ),
    ],
)
def test_attribution_pronoun_takes_up_the_value_on_new_sentences(text, expected):
    assert triples(text) == expected


@needs_model
@pytest.mark.parametrize(
    "text,expected",
    [
        # a side addressed by name is "you" and "your"
        (
            "Chancellor, tell them why your party broke its promise of fairness.",
            {("fairness", "govt", "opposes")},
        ),
        ("Chancellor, you have betrayed democracy.", {("democracy", "govt", "opposes")}),
        # a standing denied: claiming the value without it appropriates
        (
            "The bosses have no business lecturing anyone about fairness.",
            {("fairness", "bosses", "appropriates")},
        ),
        # what a body that is no side demands is not the author's
        ("The auditors demand that someone be held accountable.", set()),
        # the author agreeing with a side takes its stance; "him" is the person named
        (
            "The chancellor said that the budget was fair. We agree with him.",
            {("fairness", "govt", "claims"), ("fairness", "greens", "claims")},
        ),
    ],
)
def test_attribution_address_standing_and_agreement_on_new_sentences(text, expected):
    assert triples(text) == expected


@needs_model
@pytest.mark.parametrize(
    "text,expected",
    [
        # a heading without a subject is the author's programme when it claims a value
        ("Reducing discrimination.", {("fairness", "greens", "claims")}),
        (
            "Strengthening the law against maternity discrimination.",
            {("fairness", "greens", "claims")},
        ),
        ("Action against discrimination in the workplace.", {("fairness", "greens", "claims")}),
        ("An end to unfair evictions.", {("fairness", "greens", "claims")}),
        # ... and nobody's when it acts against one
        ("Attacking democracy.", set()),
        # a verb with the predicate it gives the value ("make V illegal"), through an
        # infinitive on a noun
        (
            "We will bring in a law to make discrimination against carers illegal.",
            {("fairness", "greens", "claims")},
        ),
        # a quantity of a vice is acted on with it
        ("We will cut £2 billion of wasteful spending.", {("responsibility", "greens", "claims")}),
        ("An attack on democracy.", set()),
    ],
)
def test_attribution_headings_predicates_and_quantities_on_new_sentences(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize(
    ("words", "heads", "deps", "verb", "subject"),
    [
        # "Ministers stood and told us that ...": the conjoined verb shares its subject
        (
            ["Ministers", "stood", "and", "told", "us"],
            [1, 1, 1, 1, 3],
            ["nsubj", "ROOT", "cc", "conj", "dobj"],
            3,
            0,
        ),
        # "Ministers keep telling us": the governed verb shares it too
        (
            ["Ministers", "keep", "telling", "us"],
            [1, 1, 1, 2],
            ["nsubj", "ROOT", "xcomp", "dobj"],
            2,
            0,
        ),
        # "They said it and we told them": a conjunct with a subject of its own keeps it
        (
            ["They", "said", "it", "and", "we", "told", "them"],
            [1, 1, 1, 1, 5, 1, 5],
            ["nsubj", "ROOT", "dobj", "cc", "nsubj", "conj", "dobj"],
            5,
            4,
        ),
        # "Tell them": no subject anywhere
        (["Tell", "them"], [0, 0], ["ROOT", "dobj"], 0, None),
    ],
)
def test_tree_shared_subject_of_climbs_to_the_verb_that_has_one(
    blank_nlp, words, heads, deps, verb, subject
):
    doc = Doc(blank_nlp.vocab, words=words, heads=heads, deps=deps)
    found = tree.shared_subject_of(doc[verb])
    assert (found.i if found is not None else None) == subject


@needs_model
@pytest.mark.parametrize(
    "text,answered",
    [
        # the next sentence takes up the value word to say what it is not
        (
            "Ministers talk endlessly about solidarity. "
            "Solidarity is not closing the last bus route to a village of pensioners.",
            True,
        ),
        (
            "The Tories keep talking about democracy. "
            "Democracy is not abolishing the councils that people elected.",
            True,
        ),
        # taken up without a denial, or denied of another word, it does not answer
        ("Ministers talk about fairness. Fairness is what this country needs.", False),
        ("Ministers talk about fairness. The tax is not fair to anyone.", False),
    ],
)
def test_attribution_rebuttal_by_the_value_word_denied(text, answered):
    side_stances = {(side, stance) for value, side, stance in triples(text) if side == "govt"}
    assert (("govt", "appropriates") in side_stances) is answered
