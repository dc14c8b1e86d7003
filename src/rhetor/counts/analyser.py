"""Counts mode: the values table at dictionary speed, with no parse and no sides.

A text is cut into tokens by one regular expression (:mod:`.tokens`). Most
tokens cannot begin a value term; a code letter for each distinct token, and
regular expressions over the text's string of code letters, find the few that
can, counting the inflected forms of the word-form table (:mod:`.vocabulary`,
:mod:`.wordforms`). Only around those few tokens is a window of light token
objects built, each given the lemma and part of speech the table knows for
it (decided from its neighbours where it is ambiguous: :mod:`.context`), and
handed to the full pipeline's own matcher
(:class:`rhetor.lexicon.matching.CompiledLexicons`), so terms, globs, spelling
variants, excludes and overlaps behave as in the full pipeline.

What needs the parse, and so differs here:

- sense conditions that read the parse are read from word order (:mod:`.wordorder`);
- part-of-speech limits (``{term: just, pos: ADJ}``): a form the table derives
  under another part of speech, or a capitalised word inside a sentence (read
  as a proper name), does not pass; ambiguous base forms otherwise do;
- lemmas outside the table: a lexicon word's inflections are all in it, but a
  proper-noun reading ("Rights" in a title) is not seen;
- negation is looked for in the three tokens before a mention, not in the
  clause;
- sentences are estimated from sentence-final punctuation, and evidence is
  the stretch of text between two sentence ends;
- no sides, no claims: the records' ``sides``, ``claims`` and ``matrix`` are empty.

Records have the full report's shape, with ``"mode": "counts"`` and the model
``rhetor-counts``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from rhetor.counts.context import SENTENCE_MARKS, load_context
from rhetor.counts.tokens import SENTENCE_END, Segment, Token, Word, pieces
from rhetor.counts.vocabulary import Vocabulary, condition_reach, count_words
from rhetor.counts.wordforms import compile_word_forms, lemma_rules
from rhetor.counts.wordorder import vetoed_without_parse
from rhetor.lexicon.matching import (
    Candidate,
    CompiledLexicons,
    Entry,
    apply_excludes,
    apply_senses,
    resolve_overlaps,
)
from rhetor.lexicon.model import LexiconSet
from rhetor.options import AnalyseOptions
from rhetor.report.model import Mention, ModelInfo, Report, Stats, count_values
from rhetor.resources import cached_cues, cached_lexicons

COUNTS_MODEL = "rhetor-counts"
# Words on each side of a match that sense conditions read, at the least (a "head" path
# is looked for six words before): a search sees them too, and a search for a term
# whose conditions read further ("near: ... window: 10") sees as far as they read.
CONTEXT_WORDS = 6
MAX_EVIDENCE_CHARS = 600


class CountsAnalyser:
    """Turns texts into counts-mode Reports; the same interface as the full Analyser."""

    def __init__(self, options: AnalyseOptions, lexicons: LexiconSet | None = None) -> None:
        from rhetor.lexicon.files import iter_lexicon_texts
        from rhetor.nlp.pipeline import resolve_model_name

        texts = options.lexicon_texts
        if texts is None:
            texts = tuple(iter_lexicon_texts(options.lexicons))
        self.lexicons = lexicons or cached_lexicons(texts, options.builtin_lexicons)
        self.cues = cached_cues(texts)
        self.value_ids = self.lexicons.ids
        self.compiled = CompiledLexicons(self.lexicons)
        try:
            rules = lemma_rules(resolve_model_name(options.model))
        except Exception:  # no pipeline installed: match word forms as written
            rules = None
        self.forms = compile_word_forms(self.lexicons, rules)
        self.context = load_context()
        self.vocabulary = Vocabulary(
            self.compiled, self.forms, rules, self.context.closed, CONTEXT_WORDS
        )
        # A term spans at most max_words tokens, so that many each side of an anchor
        # holds every term and exclude phrase that could overlap it.
        self.window = self.compiled.max_words
        # The words each side of a match that the furthest-reading sense condition reads:
        # the context of a search for a term with such a condition (Vocabulary.reads_far).
        self.context_words = max(CONTEXT_WORDS, lexicons_reach(self.lexicons))
        self.model = ModelInfo(COUNTS_MODEL, _version())

    def check_language(self, text: str, source: str | None) -> tuple[str, ...]:
        from rhetor.nlp.language import english_warning

        warning = english_warning(text, source, self.model.name)
        return (warning,) if warning else ()

    def analyse(
        self,
        text: str,
        *,
        source: str | None = None,
        warnings=(),
        author: str | None = None,
        government=None,
    ) -> Report:
        report = self.count(text)  # counts mode has no sides, so no author nor government
        return _with(report, source, (*warnings, *self.check_language(text, source)))

    def analyse_many(
        self, items: Iterable[tuple[str, Any]], sides_of=None
    ) -> Iterator[tuple[Report, Any]]:
        for text, context in items:  # no sides in counts mode: ``sides_of`` is not asked
            yield self.count(text), context

    def count(self, text: str) -> Report:
        """The counts-mode report of ``text``. A text with decomposed accents (NFD) or
        invisible characters inside words (soft hyphens, zero-width spaces) is counted
        folded, as the full pipeline matches each token folded, and its mentions are
        mapped back to the text as written."""
        from rhetor.io.textnorm import fold_text

        folded = fold_text(text)
        if folded is None:
            return self._count(text)
        report = self._count(folded.text)
        mentions = []
        for mention in report.matches:
            start, end = folded.span(mention.start, mention.end)
            sentence, sentence_start = evidence(text, start, end)
            mentions.append(
                replace(
                    mention,
                    text=text[start:end],
                    start=start,
                    end=end,
                    sentence=sentence,
                    sentence_start=sentence_start,
                )
            )
        stats = replace(report.stats, characters=len(text), sentences=estimate_sentences(text))
        return replace(report, stats=stats, matches=tuple(mentions))

    def _count(self, text: str) -> Report:
        cut = pieces(text)
        vocabulary = self.vocabulary
        letters = vocabulary.letters(cut)
        words = count_words(letters)
        mentions: list[Mention] = []
        starts = vocabulary.search_starts(cut, letters)
        if starts:
            ranges = [vocabulary.range_around(cut, i, self.window) for i in starts]
            split = vocabulary.split_words(cut, letters)
            ranges += [(i - 1, i + self.window) for i in split]
            # Searches for terms whose conditions read further see further (a few do).
            far = sorted([*(i for i in starts if vocabulary.reads_far(cut[i])), *split])
            offset = done = 0  # the character offset of piece ``done``
            merged = merged_ranges(ranges, len(cut))
            contexts = (CONTEXT_WORDS, self.context_words)
            for wide, narrow in with_context(merged, len(cut), contexts, far):
                offset += sum(map(len, cut[done : wide[0]]))
                done = wide[0]
                mentions.extend(self._match(text, cut, offset, wide, narrow))
        stats = Stats(characters=len(text), words=words, sentences=estimate_sentences(text))
        return Report(
            source=None,
            model=self.model,
            stats=stats,
            values=count_values(mentions, self.value_ids, words),
            matches=tuple(mentions),
            mode="counts",
        )

    def _match(self, text, cut, offset, wide, narrow) -> list[Mention]:
        """Mentions in the token ranges ``narrow`` (where terms can be), read with the
        context of ``wide`` around them (what sense conditions and negation see);
        ``offset`` is where piece ``wide[0]`` begins in ``text``.

        The matcher runs on each narrow range alone. Only a range with matches that
        may count gets the wide segment of token objects that the sense conditions
        then read."""
        segment = index = None
        found = []
        words = InContext(self.vocabulary, self.context.decide, cut)
        for first, last in narrow:
            positions = [j for j in range(first, last) if cut[j].strip()]
            if not positions:
                continue
            candidates = self._candidates([words[j] for j in positions])
            if not candidates:
                continue
            if segment is None:
                segment, index = _segment(words, offset, *wide)
            low = index[positions[0]]
            shifted = [Candidate(low + start, low + end, entry) for start, end, entry in candidates]
            # In the matcher's order: sense conditions, then excludes, then overlaps.
            kept = [
                c for c in apply_senses(segment, shifted) if not vetoed_without_parse(segment, c)
            ]
            for cand in resolve_overlaps(apply_excludes(kept)):
                found.append(self._mention(text, segment, cand))
        return found

    def _candidates(self, words: list[Word]) -> tuple[tuple[int, int, Entry], ...]:
        """(start, end, entry) of what the matcher finds in ``words`` that may count."""
        return that_may_count(self.compiled.candidates(words))

    def _mention(self, text: str, segment: Segment, cand) -> Mention:
        from rhetor.attribution.negation import is_negated

        start, end = segment[cand.start].start, segment[cand.end - 1].end
        sentence, sentence_start = evidence(text, start, end)
        return Mention(
            value=cand.entry.value,
            polarity=cand.entry.polarity,
            negated=is_negated(segment, cand.start, cand.end, self.cues.negation, False),
            text=text[start:end],
            start=start,
            end=end,
            sentence=sentence,
            sentence_start=sentence_start,
        )


class InContext(dict):
    """Token ``j`` of ``cut`` (its text, lemma and tag) in its context, made when first
    asked for: the matcher reads the narrow ranges of a search, and the segment the
    wide range around them, so most tokens are asked for twice."""

    def __init__(self, vocabulary: Vocabulary, decide, cut: list[str]) -> None:
        super().__init__()
        self.known, self.describe = vocabulary.token, vocabulary.describe
        self.decide, self.cut = decide, cut

    def __missing__(self, j: int) -> Word:
        piece = self.cut[j]
        word, rule = self.known.get(piece) or self.describe(piece)
        if rule:
            lemma, tag = self.decide(rule, *word, self.cut, j, self.tag_at)
            word = Word(word.text, lemma, tag)
        self[j] = word
        return word

    def tag_at(self, k: int) -> str:
        """The tag of token ``k`` out of context."""
        return self.describe(self.cut[k])[0].pos_


def _segment(words: InContext, offset: int, first: int, last: int):
    """Tokens for pieces ``first`` to ``last`` (piece ``first`` begins at ``offset`` in
    the text), and for each piece from ``first`` to ``last`` the index of the next token
    in the segment (spaces make none)."""
    segment = Segment()
    starts = [0]
    cut = words.cut
    # A dict, not a list as long as the document: segments sit anywhere in a long
    # text, and a list up to ``last`` made each one cost the whole text so far.
    index: dict[int, int] = {}
    end = offset
    previous = ""
    for j in range(first, last):
        i = index[j] = len(segment)
        end += len(cut[j])
        token_text, lemma, tag = words[j]
        if not token_text:
            continue
        if previous in SENTENCE_MARKS:
            starts.append(i)
        segment.append(Token(token_text, lemma, tag, i, end - len(token_text), end, segment))
        previous = token_text
    index[last] = len(segment)
    return segment.close(starts), index


def that_may_count(candidates: list[Candidate]) -> tuple[tuple[int, int, Entry], ...]:
    """(start, end, entry) of the candidates that may still become mentions, with the
    excludes that may veto them; none when no term can count. A term inside an
    exclude phrase of its value that no sense condition can lift ("united" in "the
    United States") never counts, and most searches find only such terms: dropping
    them here spares building the tokens that sense conditions read."""
    fixed = [
        c for c in candidates if c.entry.is_exclude and not (c.entry.names or c.entry.term.unless)
    ]

    def never_counts(term: Candidate) -> bool:
        return any(
            v.entry.value == term.entry.value and v.start <= term.start and term.end <= v.end
            for v in fixed
        )

    kept = [c for c in candidates if c.entry.is_exclude or not never_counts(c)]
    if all(c.entry.is_exclude for c in kept):
        return ()
    return tuple((c.start, c.end, c.entry) for c in kept)


def lexicons_reach(lexicons: LexiconSet) -> int:
    """How many words on one side of a match the lexicons' sense conditions read: a
    ``before`` or ``after`` phrase's length; a ``near`` window, and a phrase that begins
    at its far end."""
    return max(
        (
            condition_reach(condition)
            for lexicon in lexicons.lexicons
            for _, term in lexicon.terms()
            for condition in term.unless
        ),
        default=0,
    )


def with_context(
    narrow: Iterable[tuple[int, int]],
    length: int,
    contexts: tuple[int, int] = (CONTEXT_WORDS, CONTEXT_WORDS),
    far: list[int] | None = None,
) -> Iterator[tuple[tuple[int, int], list[tuple[int, int]]]]:
    """Group the narrow ranges into wide ones, ``contexts[0]`` tokens further on each
    side, or ``contexts[1]`` for a range holding a search start in ``far`` (sorted),
    merged where they overlap: ((wide first, wide last), [narrow ranges inside])."""
    group: list[tuple[int, int]] = []
    wide_first = wide_last = 0
    for first, last in narrow:
        reads_far = bool(far) and bisect_left(far, first) < bisect_left(far, last)
        context = contexts[reads_far]
        low, high = max(0, first - context), min(length, last + context)
        if group and low <= wide_last:
            group.append((first, last))
            wide_last = high
            continue
        if group:
            yield (wide_first, wide_last), group
        group, wide_first, wide_last = [(first, last)], low, high
    if group:
        yield (wide_first, wide_last), group


def merged_ranges(ranges: list[tuple[int, int]], length: int) -> Iterator[tuple[int, int]]:
    """Token ranges merged where they overlap, clipped to ``[0, length)``."""
    ranges.sort()
    first, last = ranges[0]
    for start, end in ranges[1:]:
        if start <= last:
            last = max(last, end)
            continue
        yield max(0, first), min(length, last)
        first, last = start, end
    yield max(0, first), min(length, last)


def estimate_sentences(text: str) -> int:
    """An estimate: sentence-final punctuation, and a last sentence without it."""
    ends = len(SENTENCE_END.findall(text))
    tail = text.rstrip()
    return ends + bool(tail and not SENTENCE_END.search(tail, max(0, len(tail) - 4)))


def evidence(text: str, start: int, end: int) -> tuple[str, int]:
    """(sentence, offset): the text between the sentence ends around a mention, or a
    window of about MAX_EVIDENCE_CHARS of it, cut at spaces."""
    low = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), -1) + 1
    high_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    high = min(high_candidates) + 1 if high_candidates else len(text)
    if high - low > MAX_EVIDENCE_CHARS:
        reach = max(0, (MAX_EVIDENCE_CHARS - (end - start)) // 2)
        low, high = max(low, start - reach), min(high, end + reach)
        space = text.find(" ", low, start)
        low = space + 1 if space >= 0 else low
        space = text.rfind(" ", end, high)
        high = space if space >= 0 else high
    while low < start and text[low].isspace():
        low += 1
    sentence = text[low:high].rstrip()
    return sentence, low


def _with(report: Report, source: str | None, warnings) -> Report:

    return replace(report, source=source, warnings=tuple(warnings))


def _version() -> str:
    from rhetor.__about__ import __version__

    return __version__
