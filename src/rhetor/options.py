"""The options of one analysis, as a frozen value passed from the CLI to the core."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class AnalyseOptions:
    model: str | None = None
    """spaCy pipeline: package name, path or ``blank:LANG``; None resolves the default."""
    lexicons: tuple[str, ...] = ()
    """Extra lexicon files or folders; a value id already loaded is replaced."""
    builtin_lexicons: bool = True
    """Start from the lexicons shipped with rhetor."""
    sides: tuple[tuple[str, tuple[str, ...]], ...] | None = None
    """Given sides as (name, aliases) pairs; None finds sides automatically."""
    lexicon_texts: tuple[tuple[str, str], ...] | None = None
    """(source, text) of every file named by ``lexicons``, read in advance; when set,
    it is used instead of the paths (a remote worker may not have them)."""
    cache: str | None = None
    """A parse cache folder (see :mod:`rhetor.io.cache`): parse each text once, score it many
    times. None parses every time."""
    government: tuple[str, ...] = ()
    """Sides that govern (debate): the first holds "the Government", "the Minister" and
    the other titles of the government, and the author's side is also "my hon. Friend"
    (see :mod:`rhetor.attribution.parliament`). Needs given sides."""
    min_confidence: float | None = None
    """Claims whose confidence is at or above it count in the matrix and the views;
    None takes the shipped model's threshold (see :mod:`rhetor.confidence`)."""
    author: str | None = None
    """The given side that holds the first-person plural ("we", "our"): the side the
    document's metadata names (``--author``). None: the side that lists "we", else the
    built-in ``author``."""
    parse_all: bool = False
    """Parse every sentence. By default, with sides given, only the sentences that can
    yield a claim are parsed (see :mod:`rhetor.nlp.selection`); found sides always parse
    everything."""
    counts: bool = False
    """Counts mode (see :mod:`rhetor.counts`): value counts at dictionary speed, with no
    parse and no sides."""

    def portable(self) -> AnalyseOptions:
        """These options with the lexicons' content in place of their paths, and the
        pipeline named, so they mean the same on another machine."""
        from rhetor.lexicon.files import iter_lexicon_texts
        from rhetor.nlp.pipeline import resolve_model_name

        texts = self.lexicon_texts
        if texts is None:
            texts = tuple(iter_lexicon_texts(self.lexicons))
        return replace(self, model=resolve_model_name(self.model), lexicons=(), lexicon_texts=texts)

    @staticmethod
    def freeze_sides(sides) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
        """A mapping of side name to aliases, in a hashable form (None stays None)."""
        if not sides:
            return None
        return tuple((str(name), tuple(aliases)) for name, aliases in sides.items())
