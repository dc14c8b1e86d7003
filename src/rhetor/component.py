"""The ``rhetor`` spaCy component.

Registered under the ``spacy_factories`` entry point, so after installing
rhetor any pipeline can do ``nlp.add_pipe("rhetor")``. Matching (finding
candidate spans) is kept apart from setting annotations (writing spans and
extension attributes), as in spaCy's ``span_ruler``.

Annotations set on the Doc:
- ``doc.spans["rhetor_values"]``: one span per value mention, ``label_`` = value id;
- ``span._.rhetor_polarity``: ``"virtue"`` or ``"vice"``;
- ``span._.rhetor_negated``: whether the mention is negated in its clause.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from rhetor.cues import Cues, load_cues
from rhetor.lexicon import LexiconSet, load_lexicons
from rhetor.matching import Candidate, CompiledLexicons
from rhetor.negation import is_negated

SPANS_KEY = "rhetor_values"


def register_extensions() -> None:
    for name in ("rhetor_polarity", "rhetor_negated"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


class RhetorComponent:
    """Finds value mentions and records them on the Doc."""

    def __init__(
        self,
        lexicons: LexiconSet,
        cues: Cues,
        *,
        spans_key: str = SPANS_KEY,
        name: str = "rhetor",
    ) -> None:
        register_extensions()
        self.name = name
        self.spans_key = spans_key
        self.lexicons = lexicons
        self.cues = cues
        self.compiled = CompiledLexicons(lexicons)

    def __call__(self, doc: Doc) -> Doc:
        has_pos = doc.has_annotation("POS")
        self.set_annotations(doc, self.compiled.find(doc, has_pos=has_pos))
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


@Language.factory(
    "rhetor",
    assigns=["doc.spans"],
    default_config={"lexicons": [], "builtin_lexicons": True, "spans_key": SPANS_KEY},
)
def make_rhetor(
    nlp: Language, name: str, lexicons: list[str], builtin_lexicons: bool, spans_key: str
) -> RhetorComponent:
    """Build the component from lexicon paths (files or folders) in its config."""
    return RhetorComponent(
        load_lexicons(lexicons, builtin=builtin_lexicons),
        load_cues(lexicons, builtin=True),
        spans_key=spans_key,
        name=name,
    )
