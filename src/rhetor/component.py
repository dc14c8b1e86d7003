"""The ``rhetor`` spaCy component.

Registered under the ``spacy_factories`` entry point, so after installing
rhetor any pipeline can do ``nlp.add_pipe("rhetor")``. Matching (finding
candidate spans) is kept apart from setting annotations (writing spans and
extension attributes), as in spaCy's ``span_ruler``.

Annotations set on the Doc:
- ``doc.spans["rhetor_values"]``: one span per value mention, ``label_`` = value id;
- ``span._.rhetor_polarity``: ``"virtue"`` or ``"vice"``;
- ``span._.rhetor_negated``: whether the mention is negated in its clause;
- ``doc.spans["rhetor_sides"]``: each mention of a side, ``label_`` = side id;
- ``doc._.rhetor_sides``: the sides, as dicts ``{id, label, aliases, mentions, auto}``;
- ``doc._.rhetor_claims``: the claims, as dicts ``{value, side, stance, polarity, text,
  start, end, holder, cue, rule}`` with character offsets (``holder`` is
  ``{text, start, end}`` or None).

``nlp.to_disk`` saves the lexicons and cue words in force (their content, not
their paths), and ``spacy.load`` of the saved pipeline uses the saved copy,
so a pipeline keeps its lexicons when it moves to another machine.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from rhetor.attribution import Attributor, Mention, RawClaim
from rhetor.autosides import auto_index, compile_aliases, given_index, label_for, slug
from rhetor.cues import Cues, load_cues
from rhetor.lexicon import LexiconSet, load_lexicons
from rhetor.matching import Candidate, CompiledLexicons
from rhetor.negation import is_negated
from rhetor.sides import AUTHOR, Sides, build_sides

SPANS_KEY = "rhetor_values"
SIDES_KEY = "rhetor_sides"


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


class RhetorComponent:
    """Finds value mentions and records them on the Doc.

    Give the lexicons and cues, or a ``loader`` that reads them on first use:
    ``spacy.load`` builds the component from its config and then restores the
    saved lexicons, and the paths in the config need not exist by then.
    """

    def __init__(
        self,
        lexicons: LexiconSet | None = None,
        cues: Cues | None = None,
        *,
        loader: Loader | None = None,
        sides: Sides | None = None,
        attribute: bool = True,
        spans_key: str = SPANS_KEY,
        name: str = "rhetor",
    ) -> None:
        register_extensions()
        self.name = name
        self.spans_key = spans_key
        self.sides = sides
        self.aliases = compile_aliases(sides) if sides else None
        self.attribute = attribute
        self._loader = loader
        self._data: tuple[LexiconSet, Cues, CompiledLexicons, Attributor] | None = None
        if lexicons is not None:
            self.set_lexicons(lexicons, cues or Cues())
        elif loader is None:
            raise ValueError("RhetorComponent needs lexicons or a loader")

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

    def from_bytes(self, data: bytes, *, exclude=()) -> RhetorComponent:
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

    def from_disk(self, path, *, exclude=()) -> RhetorComponent:
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
        from rhetor.cues import dump_cues
        from rhetor.interop import dump_lexicon

        return {
            "lexicons": {lex.id: dump_lexicon(lex) for lex in self.lexicons.lexicons},
            "cues": dump_cues(self.cues),
        }

    def _restore(self, texts: dict) -> None:
        from rhetor.cues import parse_cues
        from rhetor.lexicon import parse_lexicon

        lexicons = [
            parse_lexicon(text, f"{self.name}/lexicons/{value}.yaml")
            for value, text in texts["lexicons"].items()
        ]
        cues = parse_cues(texts["cues"], f"{self.name}/cues.yaml")
        self.set_lexicons(LexiconSet(tuple(sorted(lexicons, key=lambda x: x.id))), cues)

    def __call__(self, doc: Doc) -> Doc:
        has_pos = doc.has_annotation("POS")
        self.set_annotations(doc, self.compiled.find(doc, has_pos=has_pos))
        if self.attribute:
            self.attribute_doc(doc)
        return doc

    def set_annotations(self, doc: Doc, candidates: Sequence[Candidate]) -> None:
        has_parse = doc.has_annotation("DEP")
        spans = []
        for cand in candidates:
            span = Span(doc, cand.start, cand.end, label=cand.entry.value)
            span._.rhetor_polarity = cand.entry.polarity
            span._.rhetor_negated = is_negated(
                doc, cand.start, cand.end, self.cues.negation, has_parse
            )
            spans.append(span)
        doc.spans[self.spans_key] = spans

    # -- attribution ---------------------------------------------------------------------

    def attribute_doc(self, doc: Doc) -> None:
        spans = list(doc.spans[self.spans_key])
        mentions = [
            Mention(i, s.start, s.end, s._.rhetor_polarity, bool(s._.rhetor_negated))
            for i, s in enumerate(spans)
        ]
        if self.sides:
            index = given_index(doc, self.sides, self.aliases, self.cues)
            names = {spec.id: spec.id for spec in self.sides.specs}
            specs = {
                spec.id: (spec.display, list(spec.aliases), False) for spec in self.sides.specs
            }
        else:
            value_tokens = {i for s in spans for i in range(s.start, s.end)}
            groups = auto_index(doc, self.cues, value_tokens)
            index = groups.index
        if doc.has_annotation("DEP"):
            raw = self.attributor.attribute(doc, mentions, index)
        else:  # no parse: only the default rule can apply
            raw = self.attributor.defaults(mentions, index.author)
        if not self.sides:
            names, specs = _auto_sides(groups, raw)
        doc.spans[SIDES_KEY] = [
            Span(doc, m.start, m.end, label=names[m.side])
            for m in index.mentions
            if m.side in names
        ]
        counts = {}
        for span in doc.spans[SIDES_KEY]:
            counts[span.label_] = counts.get(span.label_, 0) + 1
        doc._.rhetor_sides = [
            {
                "id": side_id,
                "label": label,
                "aliases": aliases,
                "mentions": counts.get(side_id, 0),
                "auto": auto,
            }
            for side_id, (label, aliases, auto) in specs.items()
        ]
        doc._.rhetor_claims = [_claim_dict(doc, spans[c.mention], c, names) for c in raw]


def _auto_sides(groups, raw: list[RawClaim]):
    """Report the author and every actor the text shows holding a value."""
    holding = {c.side for c in raw if c.side}
    mentions = {g: len(p) for g, p in groups.phrases.items()}
    keep = [g for g in groups.phrases if g == AUTHOR or g in holding]
    if AUTHOR not in keep:
        keep.insert(0, AUTHOR)
    names, specs, used = {}, {}, set()
    for group in sorted(keep, key=lambda g: (g != AUTHOR, -mentions.get(g, 0), g)):
        phrases = groups.phrases.get(group, [])
        label = AUTHOR if group == AUTHOR else label_for(phrases)
        side_id = AUTHOR if group == AUTHOR else slug(label)
        while side_id in used:
            side_id += "_"
        used.add(side_id)
        names[group] = side_id
        specs[side_id] = (label, sorted({p.lower() for p in phrases}), True)
    return names, specs


def _claim_dict(doc: Doc, span: Span, claim: RawClaim, names: dict[str, str]) -> dict:
    holder = None
    if claim.holder:
        h = doc[claim.holder[0] : claim.holder[1]]
        holder = {"text": h.text, "start": h.start_char, "end": h.end_char}
    return {
        "value": span.label_,
        "side": names.get(claim.side) if claim.side else None,
        "stance": claim.stance,
        "polarity": span._.rhetor_polarity,
        "text": span.text,
        "start": span.start_char,
        "end": span.end_char,
        "holder": holder,
        "cue": claim.cue,
        "rule": claim.rule,
    }


@Language.factory(
    "rhetor",
    assigns=["doc.spans"],
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
