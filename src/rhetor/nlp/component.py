"""The rhetor spaCy components.

Registered under the ``spacy_factories`` entry point, so after installing
rhetor any pipeline can ``nlp.add_pipe`` them:

- ``rhetor_values`` (:class:`ValueMatcher`) finds value mentions. It reads
  token text, and lemmas and parts of speech where an earlier component set
  them (a blank pipeline matches word forms only). It writes
  ``doc.spans["rhetor_values"]`` (one span per mention, ``label_`` = value id),
  ``span._.rhetor_polarity`` (``"virtue"`` or ``"vice"``) and
  ``span._.rhetor_negated``.
- ``rhetor_attribution`` (:class:`AttributionComponent`) reads those spans and
  the dependency parse, and writes ``doc.spans["rhetor_sides"]`` (each mention
  of a side), ``doc._.rhetor_sides`` (dicts ``{id, label, aliases, mentions,
  auto}``) and ``doc._.rhetor_claims`` (:class:`rhetor.report.model.Claim` objects, the
  claims of the report; ``claim.to_dict()`` is their JSON form). Without a parse only the default
  rule applies.
- ``rhetor`` (:class:`RhetorComponent`) does both in one step (``attribute:
  false`` stops after matching).

Each declares ``assigns`` and ``requires``, as spaCy's own ``span_ruler`` does,
so ``nlp.analyze_pipes()`` shows what is missing. ``nlp.to_disk`` saves the
lexicons and cue words in force (their content, not their paths), and
``spacy.load`` of the saved pipeline uses the saved copy.

This module is the spaCy glue only: the factories, the Doc and Span extensions,
writing the matcher's spans, and serialisation. What attribution does with a Doc is
:func:`rhetor.attribution.annotate.attribute_values`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span

from rhetor.attribution import Attributor
from rhetor.attribution.annotate import attribute_values
from rhetor.attribution.autosides import compile_aliases
from rhetor.attribution.cues import Cues, load_cues
from rhetor.attribution.negation import is_negated
from rhetor.attribution.sides import Sides, build_sides
from rhetor.lexicon.loading import load_lexicons
from rhetor.lexicon.matching import Candidate, CompiledLexicons
from rhetor.lexicon.model import LexiconSet
from rhetor.report.model import Claim, HolderRef
from rhetor.sentindex import forget as forget_sentences

SPANS_KEY = "rhetor_values"

VALUE_ASSIGNS = ["doc.spans", "span._.rhetor_polarity", "span._.rhetor_negated"]
ATTRIBUTION_ASSIGNS = ["doc.spans", "doc._.rhetor_sides", "doc._.rhetor_claims"]
ATTRIBUTION_REQUIRES = [
    "doc.spans",
    "span._.rhetor_polarity",
    "span._.rhetor_negated",
    "token.dep",
    "token.pos",
    "token.lemma",
]


_CLAIM_TAG = "__rhetor_claim__"


def _encode_claim(obj, chain=None):
    """msgpack encoder: a Doc holding claims still serialises (``Doc.to_bytes``,
    ``DocBin``, ``nlp.pipe(n_process=2)``)."""
    if isinstance(obj, Claim):
        return {_CLAIM_TAG: asdict(obj)}
    return obj if chain is None else chain(obj)


def _decode_claim(obj, chain=None):
    if isinstance(obj, dict) and _CLAIM_TAG in obj:
        record = dict(obj[_CLAIM_TAG])
        for name in ("holder", "reported_by"):
            if record.get(name) is not None:
                record[name] = HolderRef(**record[name])
        return Claim(**record)
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("rhetor_claim", func=_encode_claim)
srsly.msgpack_decoders.register("rhetor_claim", func=_decode_claim)


def register_extensions() -> None:
    for name in ("rhetor_polarity", "rhetor_negated"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    for name in ("rhetor_claims", "rhetor_sides"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


Loader = Callable[[], tuple[LexiconSet, Cues]]


@dataclass(frozen=True)
class ConfigLoader:
    """Reads the lexicons named in the component's config. A class, not a closure,
    so the component pickles (``nlp.pipe(n_process=2)`` under spawn)."""

    paths: tuple[str, ...]
    builtin: bool

    def __call__(self) -> tuple[LexiconSet, Cues]:
        return load_lexicons(self.paths, builtin=self.builtin), load_cues(self.paths)


class LexiconData:
    """The lexicons and cue words a component works with, and their serialisation.

    Give the lexicons and cues, or a ``loader`` that reads them on first use:
    ``spacy.load`` builds a component from its config and then restores the
    saved lexicons, and the paths in the config need not exist by then.
    """

    def __init__(
        self,
        lexicons: LexiconSet | None = None,
        cues: Cues | None = None,
        *,
        loader: Loader | None = None,
        spans_key: str = SPANS_KEY,
        name: str = "rhetor",
    ) -> None:
        register_extensions()
        self.name = name
        self.spans_key = spans_key
        self._loader = loader
        self._data: tuple[LexiconSet, Cues, CompiledLexicons, Attributor] | None = None
        if lexicons is not None:
            self.set_lexicons(lexicons, cues or Cues())
        elif loader is None:
            raise ValueError(f"{type(self).__name__} needs lexicons or a loader")

    def set_lexicons(self, lexicons: LexiconSet, cues: Cues) -> None:
        self._data = (lexicons, cues, CompiledLexicons(lexicons), Attributor(cues))

    def _loaded(self):
        if self._data is None:
            self.set_lexicons(*self._loader())
        return self._data

    @property
    def lexicons(self) -> LexiconSet:
        return self._loaded()[0]

    @property
    def cues(self) -> Cues:
        return self._loaded()[1]

    @property
    def compiled(self) -> CompiledLexicons:
        return self._loaded()[2]

    @property
    def attributor(self) -> Attributor:
        return self._loaded()[3]

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        """``nlp.initialize()`` loads the lexicons now, so a bad path fails early."""
        self._loaded()

    # -- serialisation: the lexicons' content travels with the pipeline ----------------

    def to_bytes(self, *, exclude=()) -> bytes:
        import srsly

        return srsly.msgpack_dumps(self._texts())

    def from_bytes(self, data: bytes, *, exclude=()) -> LexiconData:
        import srsly

        self._restore(srsly.msgpack_loads(data))
        return self

    def to_disk(self, path, *, exclude=()) -> None:
        folder = Path(path)
        (folder / "lexicons").mkdir(parents=True, exist_ok=True)
        for old in (folder / "lexicons").glob("*.yaml"):  # saving over an earlier save
            old.unlink()
        texts = self._texts()
        for value, text in texts["lexicons"].items():
            (folder / "lexicons" / f"{value}.yaml").write_text(text, encoding="utf-8")
        (folder / "cues.yaml").write_text(texts["cues"], encoding="utf-8")

    def from_disk(self, path, *, exclude=()) -> LexiconData:
        folder = Path(path)
        if not (folder / "cues.yaml").is_file():
            return self  # saved by a rhetor that kept no data: read the config's lexicons
        lexicons = {
            file.stem: file.read_text(encoding="utf-8")
            for file in sorted((folder / "lexicons").glob("*.yaml"))
        }
        cues = (folder / "cues.yaml").read_text(encoding="utf-8")
        self._restore({"lexicons": lexicons, "cues": cues})
        return self

    def _texts(self) -> dict:
        from rhetor.attribution.cues import dump_cues
        from rhetor.lexicon.interop import dump_lexicon

        return {
            "lexicons": {lex.id: dump_lexicon(lex) for lex in self.lexicons.lexicons},
            "cues": dump_cues(self.cues),
        }

    def _restore(self, texts: dict) -> None:
        from rhetor.attribution.cues import parse_cues
        from rhetor.lexicon.loading import parse_lexicon

        lexicons = [
            parse_lexicon(text, f"{self.name}/lexicons/{value}.yaml")
            for value, text in texts["lexicons"].items()
        ]
        cues = parse_cues(texts["cues"], f"{self.name}/cues.yaml")
        self.set_lexicons(LexiconSet(tuple(sorted(lexicons, key=lambda x: x.id))), cues)


class ValueMatcher(LexiconData):
    """Finds value mentions and records them on the Doc (factory ``rhetor_values``)."""

    def __call__(self, doc: Doc) -> Doc:
        annotate_values(doc, self.compiled, self.cues, self.spans_key)
        return doc


class AttributionComponent(LexiconData):
    """Attributes the value mentions on the Doc to sides (factory ``rhetor_attribution``)."""

    def __init__(self, *args, sides: Sides | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sides = sides
        self.aliases = compile_aliases(sides) if sides else None

    def __call__(self, doc: Doc) -> Doc:
        self.attribute_doc(doc)
        return doc

    def attribute_doc(self, doc: Doc) -> None:
        attribute_values(doc, self.attributor, self.cues, self.sides, self.aliases, self.spans_key)


class RhetorComponent(AttributionComponent):
    """Matching and attribution in one component (factory ``rhetor``)."""

    def __init__(self, *args, attribute: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.attribute = attribute

    def __call__(self, doc: Doc) -> Doc:
        annotate_values(doc, self.compiled, self.cues, self.spans_key)
        if self.attribute:
            self.attribute_doc(doc)
        return doc


def annotate_values(doc: Doc, compiled: CompiledLexicons, cues: Cues, spans_key: str) -> None:
    forget_sentences(doc)  # read the Doc's sentences afresh (rhetor.sentindex)
    has_pos = doc.has_annotation("POS")
    set_value_spans(doc, compiled.find(doc, has_pos=has_pos), cues, spans_key)


def set_value_spans(doc: Doc, candidates: Sequence[Candidate], cues: Cues, spans_key: str) -> None:
    has_parse = doc.has_annotation("DEP")
    spans = []
    for cand in candidates:
        span = Span(doc, cand.start, cand.end, label=cand.entry.value)
        span._.rhetor_polarity = cand.entry.polarity
        span._.rhetor_negated = is_negated(doc, cand.start, cand.end, cues.negation, has_parse)
        spans.append(span)
    doc.spans[spans_key] = spans


@Language.factory(
    "rhetor",
    assigns=sorted({*VALUE_ASSIGNS, *ATTRIBUTION_ASSIGNS}),
    requires=[],
    default_config={
        "lexicons": [],
        "builtin_lexicons": True,
        "sides": {},
        "attribute": True,
        "spans_key": SPANS_KEY,
    },
)
def make_rhetor(
    nlp: Language,
    name: str,
    lexicons: list[str],
    builtin_lexicons: bool,
    sides: dict[str, list[str]],
    attribute: bool,
    spans_key: str,
) -> RhetorComponent:
    """Build the component from its config: lexicon paths (files or folders) and sides
    (name -> aliases; empty to find sides automatically). The lexicons are read on
    first use (or restored by ``from_disk``)."""
    return RhetorComponent(
        loader=ConfigLoader(tuple(lexicons), builtin_lexicons),
        sides=build_sides(sides) if sides else None,
        attribute=attribute,
        spans_key=spans_key,
        name=name,
    )


@Language.factory(
    "rhetor_values",
    assigns=VALUE_ASSIGNS,
    requires=[],
    default_config={"lexicons": [], "builtin_lexicons": True, "spans_key": SPANS_KEY},
)
def make_value_matcher(
    nlp: Language, name: str, lexicons: list[str], builtin_lexicons: bool, spans_key: str
) -> ValueMatcher:
    """Find value mentions with the lexicons in the config (files or folders)."""
    return ValueMatcher(
        loader=ConfigLoader(tuple(lexicons), builtin_lexicons), spans_key=spans_key, name=name
    )


@Language.factory(
    "rhetor_attribution",
    assigns=ATTRIBUTION_ASSIGNS,
    requires=ATTRIBUTION_REQUIRES,
    default_config={"lexicons": [], "sides": {}, "spans_key": SPANS_KEY},
)
def make_attribution(
    nlp: Language, name: str, lexicons: list[str], sides: dict[str, list[str]], spans_key: str
) -> AttributionComponent:
    """Attribute the mentions under ``spans_key`` to sides (name -> aliases; empty to
    find sides automatically). ``lexicons`` may hold cue files (``kind: cues``)."""
    return AttributionComponent(
        loader=ConfigLoader(tuple(lexicons), True),
        sides=build_sides(sides) if sides else None,
        spans_key=spans_key,
        name=name,
    )
