"""Over-long sentences cut for the parser at a bounded length.

Text with no sentence punctuation (speech recognition, OCR, transcripts) gives the
parser sentences of thousands of words. spaCy's advice for such text is to split it
into pieces of a reasonable size before parsing; left whole, both spaCy (which links
every token of a sentence to its edges) and rhetor's rules (which read a mention's
sentence) cost the square of the sentence's length.

The ``rhetor_sentence_cap`` component runs before the parser. In every stretch of
more than :data:`MAX_SENTENCE_WORDS` words with no ``.``, ``!``, ``?`` or line break,
it opens a sentence at most that many words after the last one, before a joining word
("and", "but", "so", ...) in the second half of the window where there is one, else at
the limit. The parser respects those boundaries and adds its own between them.
Punctuated text is never touched. :func:`sentence_cuts` gives the same cut points for
a text, so the analyser can warn when it happened (cached parses included).
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.language import Language

from rhetor.nlp.chunking import MAX_SENTENCE_WORDS, SENTENCE_CAP, sentence_cuts

NAME = SENTENCE_CAP


class SentenceCap:
    """Opens a sentence at each of :func:`sentence_cuts`' offsets, before the parser."""

    def __init__(self, max_words: int = MAX_SENTENCE_WORDS) -> None:
        self.max_words = max_words

    def __call__(self, doc):
        if len(doc) <= self.max_words:
            return doc  # a stretch is cut past max_words words, each at least one token
        cuts = sentence_cuts(doc.text, self.max_words)
        if not cuts:
            return doc
        starts = [int(i) for i in doc.to_array("IDX")]
        for offset in cuts:
            k = bisect_left(starts, offset)
            if 0 < k < len(doc) and starts[k] == offset:
                doc[k].is_sent_start = True
        return doc


@Language.factory(
    NAME, default_config={"max_words": MAX_SENTENCE_WORDS}, assigns=["token.is_sent_start"]
)
def make_sentence_cap(nlp: Language, name: str, max_words: int) -> SentenceCap:
    """Open sentences in over-long stretches with no sentence end (see the module)."""
    return SentenceCap(max_words)


def add_sentence_cap(nlp):
    """Put the cap before the parser of ``nlp`` (pipelines without a parser are left)."""
    if "parser" in nlp.pipe_names and NAME not in nlp.pipe_names:
        nlp.add_pipe(NAME, before="parser")
    return nlp
