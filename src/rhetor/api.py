"""The Python API: ``rhetor.analyse(text) -> Report``.

The spaCy pipeline and compiled lexicons are cached per process, so calling
``analyse`` many times loads the model once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from rhetor.attribution.cues import Cues
from rhetor.confidence import score_report
from rhetor.lexicon.files import iter_lexicon_texts
from rhetor.lexicon.model import LexiconSet
from rhetor.nlp.chunking import (
    DEFAULT_CHUNK_CHARS,
    SENTENCE_CAP,
    TRIM_AFTER_CHARS,
    char_batches,
    chunk_spans,
    cut_warning,
    release_freed_memory,
    sentence_cuts,
)
from rhetor.nlp.pipeline import split_after_marks_for
from rhetor.options import AnalyseOptions
from rhetor.report.model import Report, Side, Stats, count_values
from rhetor.resources import cached_cues, cached_lexicons


class Analyser:
    """A loaded pipeline plus compiled lexicons and sides: turns texts into Reports."""

    def __init__(self, options: AnalyseOptions, lexicons: LexiconSet | None = None) -> None:
        from rhetor.nlp.extract import model_info
        from rhetor.nlp.pipeline import load_pipeline, resolve_model_name

        self.options = options
        # One path for local and shipped lexicons: their text, which is also the cache key.
        texts = options.lexicon_texts
        if texts is None:
            texts = tuple(iter_lexicon_texts(options.lexicons))
        lexicons = lexicons or cached_lexicons(texts, options.builtin_lexicons)
        cues = cached_cues(texts)
        if options.government and not options.sides:
            from rhetor.errors import ConfigError

            raise ConfigError("--government names sides: give them with --side or --sides")
        sides = (
            given_sides(options.sides, options.author, options.government, cues)
            if options.sides
            else None
        )
        # Named entities only help to find sides; leave the recogniser out otherwise.
        # The rule for punctuation after marks is added when a text needs it (_parse).
        self.nlp = load_pipeline(resolve_model_name(options.model), ner=sides is None, marks=False)
        self.component = _component(lexicons, cues, sides)
        self.sides = sides
        self._parts = (lexicons, cues)
        self.value_ids = lexicons.ids
        self.model = model_info(self.nlp)
        self.chunk_chars = min(self.nlp.max_length, DEFAULT_CHUNK_CHARS)
        self.selector = None
        if sides is not None and not options.parse_all and "parser" in self.nlp.pipe_names:
            from rhetor.nlp.selection import Selector

            aliases = self.component.aliases
            self.selector = Selector(self.nlp, options, lexicons, sides, aliases, cues)
        self.cache = None
        if options.cache:
            from rhetor.io.cache import DocCache

            self.cache = DocCache(options.cache, self.nlp)

    def analyse(
        self,
        text: str,
        *,
        source: str | None = None,
        warnings=(),
        author: str | None = None,
        government: Sequence[str] | None = None,
    ) -> Report:
        """The report of ``text``; its warnings are ``warnings`` plus the language check's.
        ``author``: the given side that says "we" in this text; ``government``: the given
        sides that govern as it is spoken (None: as the options say)."""
        speaker = (author, None if government is None else tuple(government))
        report, _ = next(self.analyse_many([(text, speaker)], sides_of=lambda given: given))
        return replace(
            report,
            source=source,
            warnings=(*warnings, *self.check_language(text, source), *report.warnings),
        )

    def analyse_doc(
        self,
        doc,
        *,
        source: str | None = None,
        author: str | None = None,
        government: tuple[str, ...] | None = None,
    ) -> Report:
        """The report of a Doc this analyser's pipeline has already parsed (from a
        cache, or from ``nlp.pipe`` elsewhere). The Doc gains rhetor's annotations.
        ``author``: the given side that says "we" in it; ``government``: the given sides
        that govern (None: as the options say)."""
        from rhetor.nlp.extract import build_report

        component = self.component_for(author, government)
        return build_report(
            component(doc), source=source, model=self.model, value_ids=self.value_ids
        )

    def component_for(self, author: str | None = None, government: tuple[str, ...] | None = None):
        """The component whose sides give the first-person plural to ``author`` and the
        government's names to ``government`` (None: as the options say)."""
        from rhetor.errors import SidesError

        author = self.options.author if author is None else author
        government = self.options.government if government is None else government
        if (author, government) == (self.options.author, self.options.government):
            return self.component
        if self.sides is None:
            who = author or ", ".join(government)
            raise SidesError(f"a document's sides ({who}) need given sides (--side, --sides)")
        sides = given_sides(self.options.sides, author, government, self._parts[1])
        return _component(*self._parts, sides)

    def check_language(self, text: str, source: str | None) -> tuple[str, ...]:
        """A warning when an English pipeline is given text that is not English."""
        if self.nlp.lang != "en":
            return ()
        from rhetor.nlp.language import english_warning

        warning = english_warning(text, source, self.model.name)
        return (warning,) if warning else ()

    def analyse_many(self, items: Iterable[tuple[str, Any]], sides_of=None):
        """(Report, context) for each (text, context), in order, parsing in batches of a
        bounded number of characters (see :mod:`rhetor.nlp.chunking`).

        Long texts are cut into pieces; the pieces of one text are parsed one after
        another and their reports merged, with offsets into the whole text. Over-long
        sentences are cut for the parser, with a warning (:mod:`rhetor.nlp.sentcap`).
        ``sides_of(context)``, when given, is (author, government) for each text: the side
        that says "we" in it and the sides that govern as it is spoken (either None: as
        the options say).
        """

        capped = SENTENCE_CAP in self.nlp.pipe_names

        def pieces():
            for text, context in items:
                chunks = list(chunk_spans(text, self.chunk_chars))
                cuts = sum(len(sentence_cuts(text[a:b])) for a, b in chunks) if capped else 0
                ranges, plan = chunks, None
                if self.selector is not None:  # only the sentences that can yield a claim
                    ranges, plan = self._select(text, chunks)
                whole = (len(ranges), len(text), context, cuts, plan)
                for start, end in ranges:
                    yield text[start:end], (start, whole)

        parts: list[Report] = []
        notes: list[str] = []
        for doc, (start, whole), piece_notes in self._parse(pieces()):
            count, length, context, cuts, plan = whole
            author, government = sides_of(context) if sides_of else (None, None)
            report = self.analyse_doc(doc, author=author, government=government)
            parts.append(_shift_report(report, start) if start else report)
            notes.extend(piece_notes)
            if len(parts) == count:
                if plan is not None:
                    merged = self._merge(parts, length, plan)
                else:
                    merged = parts[0] if count == 1 else self._merge(parts, length)
                merged = score_report(merged, self.options.min_confidence)
                notes.extend([cut_warning(cuts)] if cuts else [])
                yield (replace(merged, warnings=tuple(notes)) if notes else merged), context
                parts, notes = [], []

    def _select(self, text: str, chunks):
        """The character ranges of ``text`` to parse, and what the rest adds (words,
        sentences, mentions of sides): see :mod:`rhetor.nlp.selection`."""
        from collections import Counter

        ranges, words, sentences, sides = [], 0, 0, Counter()
        for start, end in chunks:
            plan = self.selector.plan(text[start:end])
            ranges += [(start + a, start + b) for a, b in plan.regions]
            words += plan.words
            sentences += plan.sentences
            sides.update(plan.side_mentions)
        return ranges or [(0, 0)], (words, sentences, sides)

    def _parse(self, pieces):
        """(Doc, context, warnings) for each (text, context), in order: from the parse
        cache when it has the text, else parsed (and then stored in the cache)."""
        for group in char_batches(pieces, lambda piece: len(piece[0])):
            split_after_marks_for(self.nlp, (text for text, _ in group))
            if self.cache is None:
                for doc, context in self.nlp.pipe(group, as_tuples=True, batch_size=len(group)):
                    yield doc, context, ()
            else:
                yield from self._parse_cached(group)
            if sum(len(text) for text, _ in group) >= TRIM_AFTER_CHARS:
                release_freed_memory()

    def _parse_cached(self, group):
        notes: list[list[str]] = [[] for _ in group]
        docs = [self.cache.get(text, notes[i].append) for i, (text, _) in enumerate(group)]
        missing = [(text, i) for i, (text, _) in enumerate(group) if docs[i] is None]
        for doc, i in self.nlp.pipe(missing, as_tuples=True, batch_size=max(1, len(missing))):
            # Stored before the component annotates it: the cache holds the parse only.
            self.cache.put(group[i][0], doc, notes[i].append)
            docs[i] = doc
        for (_, context), doc, warnings in zip(group, docs, notes, strict=True):
            yield doc, context, tuple(warnings)

    def _merge(self, pieces: Sequence[Report], characters: int, plan=None) -> Report:
        """One report of the pieces of a text; ``plan`` (words, sentences, mentions of
        sides) is what the text's unparsed sentences add (see :meth:`_select`)."""
        words = sum(p.stats.words for p in pieces)
        matches = tuple(m for p in pieces for m in p.matches)
        sentences = sum(p.stats.sentences for p in pieces)
        sides = merge_sides(p.sides for p in pieces)
        if plan is not None:
            words, sentences = plan[0], sentences + plan[1]
            sides = tuple(replace(s, mentions=s.mentions + plan[2].get(s.id, 0)) for s in sides)
        return Report(
            source=None,
            model=self.model,
            stats=Stats(characters=characters, words=words, sentences=sentences),
            values=count_values(matches, self.value_ids, words),
            matches=matches,
            sides=sides,
            claims=tuple(c for p in pieces for c in p.claims),
        )


def _shift_report(report: Report, offset: int) -> Report:
    return replace(
        report,
        matches=tuple(_shift(m, offset) for m in report.matches),
        claims=tuple(_shift(c, offset) for c in report.claims),
    )


def _shift(item, offset: int):
    """A mention or claim moved from a piece's offsets to the whole text's."""
    moved = replace(
        item,
        start=item.start + offset,
        end=item.end + offset,
        sentence_start=item.sentence_start + offset,
    )
    for name in ("holder", "reported_by"):  # a claim's references to words in the text
        ref = getattr(item, name, None)
        if ref is not None:
            moved = replace(
                moved, **{name: replace(ref, start=ref.start + offset, end=ref.end + offset)}
            )
    return moved


def merge_sides(groups: Iterable[Sequence[Side]]) -> tuple[Side, ...]:
    """The sides of several pieces of one text: one per id, mentions summed."""
    merged: dict[str, Side] = {}
    for sides in groups:
        for side in sides:
            old = merged.get(side.id)
            if old is None:
                merged[side.id] = side
                continue
            aliases = tuple(sorted({*old.aliases, *side.aliases})) if side.auto else old.aliases
            merged[side.id] = replace(old, mentions=old.mentions + side.mentions, aliases=aliases)
    return tuple(merged.values())


def lexicon_stamp(paths: Sequence[str]) -> tuple:
    """What the lexicon files at ``paths`` are now (name, size, modification time), so
    a cache keyed on it notices a lexicon edited between two calls."""
    stamp = []
    for given in paths:
        path = Path(given)
        files = sorted(path.iterdir()) if path.is_dir() else [path]
        for file in files:
            try:
                info = file.stat()
            except OSError:
                continue  # loading will say what is wrong with it
            stamp.append((str(file), info.st_size, info.st_mtime_ns))
    return tuple(stamp)


@lru_cache(maxsize=64)
def given_sides(given: tuple, author: str | None, government: tuple[str, ...], cues: Cues):
    """The :class:`~rhetor.attribution.sides.Sides` of the given sides (frozen, as in
    :class:`AnalyseOptions`): "we" held by ``author`` (None: by the side that lists it),
    and in debate the government's names given to ``government`` and a member's names
    for their own party to the author's side (:mod:`rhetor.attribution.parliament`)."""
    from rhetor.attribution.sides import build_sides

    sides = dict(given)
    if government:
        from rhetor.attribution.parliament import debate_sides

        sides = debate_sides(sides, government, cues.parliament, author=author)
    return build_sides(sides, author)


@lru_cache(maxsize=64)
def _component(lexicons: LexiconSet, cues: Cues, sides):
    from rhetor.nlp.component import RhetorComponent

    return RhetorComponent(lexicons, cues, sides=sides)


def get_analyser(options: AnalyseOptions) -> Analyser:
    """The analyser for ``options``, built once per process (and again only if a
    lexicon file it read has changed since); in counts mode, a
    :class:`rhetor.counts.CountsAnalyser`, which has the same methods."""
    return _analyser(options, lexicon_stamp(options.lexicons))


@lru_cache(maxsize=16)
def _analyser(options: AnalyseOptions, stamp: tuple) -> Analyser:
    if options.counts:
        from rhetor.counts import CountsAnalyser

        return CountsAnalyser(options)
    return Analyser(options)


def analyse(
    text: str,
    *,
    sides: Mapping[str, Sequence[str]] | None = None,
    lexicons: LexiconSet | Sequence[str | Path] | None = None,
    model: str | None = None,
    source: str | None = None,
    cache: str | Path | None = None,
    min_confidence: float | None = None,
    government: Sequence[str] = (),
    author: str | None = None,
) -> Report:
    """Analyse ``text`` and return its :class:`~rhetor.report.model.Report`.

    ``sides``: a mapping of side name to aliases (``{"labour": ["we", "Labour"]}``);
    None finds the sides in the text. ``lexicons``: a :class:`LexiconSet`, or
    lexicon files/folders added to the built-in ones; ``model``: any installed
    spaCy pipeline; ``cache``: a parse cache folder (see :mod:`rhetor.io.cache`), so the
    same text is parsed once however often it is scored; ``min_confidence``: the
    confidence at or above which a claim counts (None: the shipped model's threshold);
    ``government``: in debate, the sides that govern (the first holds "the Government",
    "the Minister"; see :mod:`rhetor.attribution.parliament`); ``author``: the side of
    ``sides`` that says "we" in this text (its id, label or code, ignoring case), e.g. the
    party of a speaker, so that no claim goes to a side called ``author``.
    """
    cache_dir = str(cache) if cache is not None else None
    frozen_sides = AnalyseOptions.freeze_sides(sides)
    if author is not None:
        author = author_side(sides, author, "author")
    given = isinstance(lexicons, LexiconSet)
    options = AnalyseOptions(
        model=model,
        lexicons=() if given else tuple(str(p) for p in (lexicons or ())),
        sides=frozen_sides,
        cache=cache_dir,
        min_confidence=min_confidence,
        government=tuple(government),
        author=author,
    )
    analyser = Analyser(options, lexicons) if given else get_analyser(options)
    return analyser.analyse(text, source=source)


def author_side(sides, value: str, option: str = "--author", names=None) -> str:
    """The id of the side ``value`` names (its id, label or code, ignoring case; see
    :class:`rhetor.attribution.sides.SideNames`); a value that names no side, or no
    sides given, is a :class:`~rhetor.errors.ConfigError`."""
    from rhetor.attribution.sides import SideNames
    from rhetor.errors import ConfigError

    if not sides:
        raise ConfigError(f"{option} {value}: name the sides it can be (--side or --sides)")
    names = names or SideNames.build(dict(sides))
    found = names.side_for(value)
    if found is None:
        raise ConfigError(f"{option} {value}: no side is named so (sides: {names.describe()})")
    return found
