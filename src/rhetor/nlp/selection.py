"""Parse what can yield a claim: the sentences around value mentions, found cheaply.

The parse is nearly all of rhetor's cost, and most sentences of a speech hold no value
word. With sides given, a text is first read the cheap way: counts mode's tokeniser,
word-form table and matcher find every place a value term could begin
(:func:`candidate_starts`: before sense conditions, excludes and limits on the part of
speech, so wherever the full matcher could find one), and the sides' aliases are matched on
spaCy's tokens alone. Sentences are cut at sentence-final punctuation, blank lines and
the cap on sentence length (:func:`rhetor.nlp.chunking.sentence_cuts`). Only these are
parsed, each run of consecutive ones as one piece of text (offsets stay those of the
whole text):

- a sentence where a value term could begin, and the sentence after it when a rule
  could read it there (:meth:`Selector.reads_next`: a contrast marker, a time lapse,
  agreement, a rebuttal phrase, a pronoun object, or a clause of six words or fewer);
- the sentence before, when the value's sentence opens with a pronoun that may stand
  for a thing ("It will bring fairness": whether "it" has a noun to stand for);
- a sentence where a side's alias follows a word that can make it another body ("county
  government", "local Labour"): whether it does depends on the tagger;
- when those sentences hold a pronoun that may stand for a side ("they", "its", "you"),
  the sentences back to the earliest one in the pronoun's reach
  (:data:`rhetor.attribution.holders.FOCUS_SENTENCES`, within its paragraph) that names
  a side other than the author's: a pronoun is resolved across the words between.

What is not parsed still counts: its words (spaCy's tokeniser), its sentences (an
estimate, one per cut) and its mentions of sides (the aliases on the tokens) go into
the report. ``--parse-all`` parses everything; so does a run that finds its sides
(which needs the entity recogniser over the whole text).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate, pairwise

from rhetor.attribution.autosides import names_other_body
from rhetor.attribution.cues import cue_key
from rhetor.nlp.chunking import sentence_cuts
from rhetor.nlp.pipeline import TITLE_ABBREVIATIONS, split_after_marks_for

# A sentence ends after . ! ? (and closing quotes or brackets) and white space before a
# capital or a digit, or at a blank line; white space after the end belongs to the
# sentence. A single line break is no end: the parser runs a line ending in ":" or in no
# mark on into the next ("... by:\nCodifying ..."), so a piece cut there would differ.
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]*[A-Z0-9])|\n[^\S\n]*\n\s*")
# Words before a full stop that seldom ends a sentence: titles (and the tokenizer's own,
# "hon.", "Rt."), initials.
_TITLES = sorted({t.rstrip(".") for t in TITLE_ABBREVIATIONS} | {"Mr", "Mrs", "Ms", "Dr", "St"})
_NOT_AN_END = re.compile(
    rf"(?:\b(?:{'|'.join(_TITLES)}|Sr|Jr|Gen|Sen|Rep|Gov|Rev|No|vs)|\b[A-Z])\.\s+$"
)
# "let's": the one contraction whose lemma (us) a side's alias matches
_LET_US = re.compile(r"\blet('s)\b", re.IGNORECASE)  # not ’s: the parse keeps its lemma
FOCUS_SENTENCES = 6  # as rhetor.attribution.holders.FOCUS_SENTENCES
_WORDS = re.compile(r"\w+")
_AGREEING = (
    "agre",
    "concur",
    "side",
    "sidi",
    "stand",
    "stood",
)  # the agreement rule's verbs  # as rhetor.attribution.holders.FOCUS_SENTENCES


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the cheap sentences of ``text``; they tile it."""
    ends = [
        m.end()
        for m in _SENTENCE_END.finditer(text)
        if m.end() < len(text) and not _NOT_AN_END.search(text, max(0, m.start() - 8), m.end())
    ]
    bounds = sorted({0, *ends, *sentence_cuts(text), len(text)})
    return [(a, b) for a, b in pairwise(bounds) if a < b] or [(0, 0)]


def select_sentences(
    count: int,
    candidates: set[int],
    naming: set[int],
    pronouns: set[int],
    paragraphs: set[int] = frozenset(),
    things: set[int] = frozenset(),
    reach: int = FOCUS_SENTENCES,
    followers: set[int] | None = None,
) -> list[bool]:
    """Which of ``count`` sentences to parse, given the sentences where a value term may
    begin (``candidates``), those that name a side other than the author's
    (``naming``), those with a pronoun that may stand for a side (``pronouns``) and
    those that open a paragraph (``paragraphs``) and those with a pronoun that may stand
    for a thing (``things``). The sentence after a candidate is parsed when it is in
    ``followers`` (None: always). See the module's docstring."""
    chosen = [False] * count
    for k in sorted(candidates):
        chosen[k] = True
        if k + 1 < count and (followers is None or k + 1 in followers):
            chosen[k + 1] = True
        if k in things and k > 0 and k not in paragraphs:
            chosen[k - 1] = True  # "It ..." stands for a noun before it, if there is one
        if not ({k, k + 1} & pronouns):
            continue
        earliest = None
        for j in range(k - 1, max(-1, k - 1 - reach), -1):
            if j + 1 in paragraphs:
                break  # the pronoun does not look past its paragraph's first sentence
            if j in naming:
                earliest = j
        for j in range(earliest if earliest is not None else k, k):
            chosen[j] = True
    return chosen


def regions(spans: list[tuple[int, int]], chosen: list[bool]) -> list[tuple[int, int]]:
    """Consecutive chosen sentences joined: (start, end) character ranges."""
    found: list[tuple[int, int]] = []
    for (start, end), keep in zip(spans, chosen, strict=True):
        if not keep:
            continue
        if found and found[-1][1] == start:
            found[-1] = (found[-1][0], end)
        else:
            found.append((start, end))
    return found


@dataclass
class Plan:
    """What of a text is parsed, and what the rest adds to its report."""

    regions: list[tuple[int, int]]
    words: int  # of the whole text, as the parse counts them
    sentences: int  # estimated, in the text that is not parsed
    side_mentions: Counter = field(default_factory=Counter)  # side id -> mentions not parsed


class Selector:
    """Plans which sentences of a text are parsed (see the module's docstring)."""

    def __init__(self, nlp, options, lexicons, sides, aliases, cues) -> None:
        from dataclasses import replace

        from rhetor.counts import CountsAnalyser

        self.counts = CountsAnalyser(replace(options, counts=True, sides=None), lexicons)
        self.nlp = nlp
        self.aliases = aliases
        self.author = sides.author
        english = cues.english
        pronouns = sorted({*english.third_person, *english.second_person}, key=len, reverse=True)
        alternatives = "|".join(map(re.escape, pronouns))
        self.pronouns = re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)
        self.persons = frozenset({*pronouns, *english.first_person_plural})
        st = cues.stance
        self.next_words = frozenset(
            {*st.contrast_markers, *st.contrast_words, *st.time_lapses}
            | {*english.singular_object_pronouns, *english.later_plural_pronouns}
        )
        self.rebuttals = st.rebuttals
        self.other_bodies = cues.actors.other_body_modifiers
        things = "|".join(map(re.escape, sorted(english.thing_pronouns)))
        self.things = re.compile(rf"[\"'“‘(\s]*(?:{things})\b", re.IGNORECASE)

    def reads_next(self, sentence: str) -> bool:
        """Could a rule read this sentence as the one after a value's: a contrast marker,
        a time lapse, agreement, a rebuttal phrase, a pronoun object, or an elliptical
        clause ("We will.")?"""
        words = _WORDS.findall(sentence.lower())
        if len(words) <= 6 or not self.next_words.isdisjoint(words):
            return True
        if any(w.startswith(_AGREEING) for w in words):
            return True
        return any(
            cue_key(" ".join(words[i : i + n])) in self.rebuttals
            for n in range(1, 5)
            for i in range(len(words) - n + 1)
        )

    def plan(self, text: str) -> Plan:
        spans = sentence_spans(text)
        starts = [s for s, _ in spans]

        def sentence_of(offset: int) -> int:
            return bisect_right(starts, offset) - 1

        candidates = {sentence_of(offset) for offset in candidate_starts(self.counts, text)}
        split_after_marks_for(self.nlp, (text,))  # as the parse will tokenise it
        doc = self.nlp.make_doc(text)
        for found in _LET_US.finditer(text):  # the parse's lemma, which an alias "us" matches
            span = doc.char_span(found.start(1), found.end(1))
            if span is not None and len(span) == 1:
                span[0].lemma_ = "us"
        flags = doc.to_array(["IS_PUNCT", "IS_SPACE"])
        words = int((flags.sum(axis=1) == 0).sum()) if len(doc) else 0
        pronouns = {sentence_of(found.start()) for found in self.pronouns.finditer(text)}
        # "It ..." opening a sentence: does it have a noun to stand for? (a pronoun later
        # in a sentence has the nouns before it in the sentence)
        things = {k for k, (s, e) in enumerate(spans) if self.things.match(text, s, e)}
        paragraphs = {k for k, (s, _) in enumerate(spans) if text.count("\n", s - 8, s) >= 2}
        naming, sides, unsure = set(), [], set()
        for match in self.aliases.find(doc, has_pos=False):
            k = sentence_of(doc[match.start].idx)
            if names_other_body(doc, match.start, self.other_bodies, has_pos=False):
                unsure.add(k)  # "county government" or "local Labour": the tagger decides
            sides.append((k, match.entry.value))
            if match.entry.value != self.author and doc[match.start].lower_ not in self.persons:
                naming.add(k)
        followers = {
            k + 1
            for k in candidates
            if k + 1 < len(spans) and self.reads_next(text[spans[k + 1][0] : spans[k + 1][1]])
        }
        chosen = select_sentences(
            len(spans), candidates, naming, pronouns, paragraphs, things, followers=followers
        )
        for k in unsure:
            chosen[k] = True
        unparsed = Counter(side for k, side in sides if not chosen[k])
        estimate = sum(1 for k, (s, e) in enumerate(spans) if not chosen[k] and text[s:e].strip())
        return Plan(regions(spans, chosen), words, estimate, unparsed)


def candidate_starts(counter, text: str) -> list[int]:
    """Character offsets where counts mode's matcher finds a term that may count, before
    sense conditions, excludes and limits on the part of speech: every place the full
    matcher could find a mention, and few others. A word whose lemma counts mode reads
    from its context ("divided" before "our": an adjective) is tried with the lemma it
    has out of context too (the verb "divide"), as a parse may give either."""
    from rhetor.counts.analyser import InContext, merged_ranges, that_may_count
    from rhetor.counts.tokens import pieces

    cut = pieces(text)
    vocabulary = counter.vocabulary
    letters = vocabulary.letters(cut)
    found = vocabulary.search_starts(cut, letters)
    split = vocabulary.split_words(cut, letters)
    if not found and not split:
        return []
    ends = list(accumulate(map(len, cut)))
    ranges = [vocabulary.range_around(cut, i, counter.window) for i in found]
    ranges += [(i - 1, i + counter.window) for i in split]
    words = InContext(vocabulary, counter.context.decide, cut)
    out_of_context = InContext(vocabulary, _out_of_context, cut)
    offsets = []
    for first, last in merged_ranges(ranges, len(cut)):
        positions = [j for j in range(first, last) if cut[j].strip()]
        tokens = [words[j] for j in positions]
        candidates = counter.compiled.candidates(tokens, has_pos=None)
        others = [out_of_context[j] for j in positions]
        if others != tokens:
            candidates += counter.compiled.candidates(others, has_pos=None)
        for start, _, entry in that_may_count(candidates):
            if not entry.is_exclude:
                j = positions[start]
                offsets.append(ends[j] - len(cut[j].lstrip()))
    return sorted(set(offsets))


def _out_of_context(rule, text, lemma, tag, cut, j, tag_at) -> tuple[str, str]:
    """A word's lemma and tag as counts mode gives them before reading its context."""
    return lemma, tag
