"""The Python API: ``rhetor.analyse(text) -> Report``.

The spaCy pipeline and compiled lexicons are cached per process, so calling
``analyse`` many times loads the model once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from rhetor.chunking import DEFAULT_CHUNK_CHARS, chunk_spans
from rhetor.cues import Cues, load_cues
from rhetor.lexicon import LexiconSet, load_lexicons
from rhetor.options import AnalyseOptions
from rhetor.report import Mention, Report, Stats, count_values


class Analyser:
    """A loaded pipeline plus compiled lexicons: turns texts into Reports."""

    def __init__(self, options: AnalyseOptions, lexicons: LexiconSet | None = None) -> None:
        from rhetor.extract import model_info
        from rhetor.pipeline import load_pipeline, resolve_model_name

        self.options = options
        lexicons = lexicons or _load_lexicons(options.lexicons, options.builtin_lexicons)
        cues = _load_cues(options.lexicons)
        self.nlp = load_pipeline(resolve_model_name(options.model))
        self.component = _component(lexicons, cues)
        self.value_ids = lexicons.ids
        self.model = model_info(self.nlp)
        self.chunk_chars = min(self.nlp.max_length, DEFAULT_CHUNK_CHARS)

    def analyse(self, text: str, *, source: str | None = None, warnings=()) -> Report:
        pieces = [
            self._analyse_piece(text, start, end)
            for start, end in chunk_spans(text, self.chunk_chars)
        ]
        report = pieces[0] if len(pieces) == 1 else self._merge(pieces, len(text))
        return replace(report, source=source, warnings=tuple(warnings))

    def _analyse_piece(self, text: str, start: int, end: int) -> Report:
        from rhetor.extract import build_report

        doc = self.component(self.nlp(text[start:end]))
        report = build_report(doc, source=None, model=self.model, value_ids=self.value_ids)
        if start:
            report = replace(report, matches=tuple(_shift(m, start) for m in report.matches))
        return report

    def _merge(self, pieces: Sequence[Report], characters: int) -> Report:
        words = sum(p.stats.words for p in pieces)
        matches = tuple(m for p in pieces for m in p.matches)
        return Report(
            source=None,
            model=self.model,
            stats=Stats(
                characters=characters, words=words, sentences=sum(p.stats.sentences for p in pieces)
            ),
            values=count_values(matches, self.value_ids, words),
            matches=matches,
        )


def _shift(mention: Mention, offset: int) -> Mention:
    return replace(
        mention,
        start=mention.start + offset,
        end=mention.end + offset,
        sentence_start=mention.sentence_start + offset,
    )


@lru_cache(maxsize=8)
def _load_lexicons(paths: tuple[str, ...], builtin: bool) -> LexiconSet:
    return load_lexicons(paths, builtin=builtin)


@lru_cache(maxsize=8)
def _load_cues(paths: tuple[str, ...]) -> Cues:
    return load_cues(paths)


@lru_cache(maxsize=8)
def _component(lexicons: LexiconSet, cues: Cues):
    from rhetor.component import RhetorComponent

    return RhetorComponent(lexicons, cues)


@lru_cache(maxsize=4)
def get_analyser(options: AnalyseOptions) -> Analyser:
    return Analyser(options)


def analyse(
    text: str,
    *,
    sides=None,
    lexicons: LexiconSet | Sequence[str | Path] | None = None,
    model: str | None = None,
    source: str | None = None,
) -> Report:
    """Analyse ``text`` and return its :class:`~rhetor.report.Report`.

    ``lexicons``: a :class:`LexiconSet`, or lexicon files/folders added to the
    built-in ones; ``model``: any installed spaCy pipeline.
    """
    if sides:
        raise NotImplementedError("sides arrive with attribution")
    if isinstance(lexicons, LexiconSet):
        return Analyser(AnalyseOptions(model=model), lexicons).analyse(text, source=source)
    paths = tuple(str(p) for p in (lexicons or ()))
    analyser = get_analyser(AnalyseOptions(model=model, lexicons=paths))
    return analyser.analyse(text, source=source)
