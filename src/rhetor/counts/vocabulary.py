"""What counts mode knows about each distinct piece of text, and where in a text a
search for terms starts.

A text is cut into pieces (tokens with the whitespace before them, :mod:`.tokens`).
Each distinct piece is looked at once per run and given a *code letter*, whose bits
say what it is: a word, a joiner, a term by itself, the anchor of a phrase, a possible
neighbour of one, the start of a term's key. A text then becomes a string of code
letters, one per piece, made by one dict lookup per piece in C, and compiled regular
expressions over that string find at C speed the few places where a search may
start. Only those places are checked in Python (is the anchor's neighbour really its
neighbour in some phrase?), so the cost of a text is mostly the regex that cuts it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rhetor.counts.tokens import TERM_TOKENS, Word, is_word
from rhetor.counts.wordforms import TAGS, LemmaRules, WordForms
from rhetor.io.textnorm import JOINERS, normalise
from rhetor.lexicon.matching import CompiledLexicons
from rhetor.lexicon.senses import Condition

_MEMO_LIMIT = 2_000_000  # distinct pieces remembered; a corpus rarely has 1 % of that

# The bits of a code letter.
WORD = 1  # a word, not punctuation: counted in the report's words
JOINER = 2  # a hyphen or apostrophe, which keys leave out ("co-operate" is "cooperate")
WHOLE = 4  # a term by itself, or the start of a glob: a search starts here
PART = 8  # the anchor of a phrase: a search starts here if a neighbour stands beside it
BEGINS = 16  # its key begins some term's key: with the word after a joiner, it may be one
LEFT = 32  # stands before the anchor in some phrase
RIGHT = 64  # stands after the anchor in some phrase
_BITS = 128
_FIRST_LETTER = 0x80  # code letters are one byte each, and none is a regex metacharacter


def code_letter(bits: int) -> str:
    return chr(_FIRST_LETTER + bits)


def _any_letter_with(bit: int) -> str:
    """A regex character class: every code letter with ``bit`` set."""
    return "[" + "".join(code_letter(bits) for bits in range(_BITS) if bits & bit) + "]"


_WHOLE_TERM = re.compile(_any_letter_with(WHOLE))
# An anchor with a possible neighbour beside it, joiners between: the groups are the
# neighbour and the anchor, in text order.
_ANCHOR_AFTER = re.compile(
    f"(?=({_any_letter_with(LEFT)}){_any_letter_with(JOINER)}*({_any_letter_with(PART)}))"
)
_ANCHOR_BEFORE = re.compile(
    f"({_any_letter_with(PART)})(?={_any_letter_with(JOINER)}*({_any_letter_with(RIGHT)}))"
)
_BEFORE_JOINER = re.compile(f"{_any_letter_with(BEGINS)}(?={_any_letter_with(JOINER)})")
_WORD_LETTERS = frozenset(code_letter(bits) for bits in range(_BITS) if bits & WORD)


def count_words(letters: str) -> int:
    """The words among the pieces whose code letters are ``letters``."""
    return sum(map(letters.count, _WORD_LETTERS.intersection(letters)))


class _Learnt(dict):
    """A dict that makes a missing value with ``make`` when it is first asked for, so
    that ``map(learnt.__getitem__, ...)`` runs in C for every piece seen before."""

    def __init__(self, make: Callable[[str], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: str) -> str:
        value = self[key] = self.make(key)
        return value


class Vocabulary:
    """What counts mode knows about each distinct piece of text, computed once: its code
    letter, its keys, and its token text, lemma and tag."""

    def __init__(
        self,
        compiled: CompiledLexicons,
        forms: WordForms,
        rules: LemmaRules | None,
        closed: dict[str, str],
        context: int,
    ) -> None:
        self.compiled = compiled
        self.forms = forms
        self.rules = rules
        self.closed = closed  # closed-class words -> their tag
        self.anchors = Anchors(compiled, context)
        self.pos_limited = _pos_limited(compiled)
        self.code = _Learnt(self._learn)
        self.joiner: dict[str, bool] = {}
        self.keys: dict[str, tuple[str, ...]] = {}  # its key and the lemmas the table knows
        self.sides: dict[str, tuple[frozenset[str], frozenset[str]]] = {}  # phrase neighbours
        self.token: dict[str, tuple[Word, str | None]] = {}
        self.far: dict[str, bool] = {}
        self._neighbours = (
            frozenset().union(*(left for left, _ in self.anchors.phrases.values())),
            frozenset().union(*(right for _, right in self.anchors.phrases.values())),
        )

    def letters(self, cut: list[str]) -> str:
        """The code letter of each piece of ``cut``, as one string."""
        if len(self.code) > _MEMO_LIMIT:
            for table in (self.code, self.joiner, self.keys, self.sides, self.token, self.far):
                table.clear()
        return "".join(map(self.code.__getitem__, cut))

    def _learn(self, piece: str) -> str:
        text = piece.strip()
        key = normalise(text)
        keys = (key, *(lemma for _, lemma in self.forms.get(key))) if key else ()
        anchors = self.anchors
        self.keys[piece] = keys
        self.joiner[piece] = bool(text) and not key
        bits = WORD * is_word(piece) + JOINER * self.joiner[piece]
        if key and (key.startswith(anchors.globs) or any(k in anchors.whole for k in keys)):
            bits |= WHOLE
        sides = [anchors.phrases[k] for k in keys if k in anchors.phrases]
        if sides:
            bits |= PART
            self.sides[piece] = (
                frozenset().union(*(left for left, _ in sides)),
                frozenset().union(*(right for _, right in sides)),
            )
        bits |= BEGINS * (key in self.compiled.prefixes)
        bits |= LEFT * (not self._neighbours[0].isdisjoint(keys))
        bits |= RIGHT * (not self._neighbours[1].isdisjoint(keys))
        return code_letter(bits)

    def search_starts(self, cut: list[str], letters: str) -> list[int]:
        """The pieces a search starts from: a term by itself, and a phrase's anchor with
        one of its neighbours in the phrase beside it (see :class:`Anchors`)."""
        starts = [found.start() for found in _WHOLE_TERM.finditer(letters)]
        keys, sides = self.keys, self.sides
        anchors = set()
        for found in _ANCHOR_AFTER.finditer(letters):
            neighbour, anchor = found.start(1), found.start(2)
            if not sides[cut[anchor]][0].isdisjoint(keys[cut[neighbour]]):
                anchors.add(anchor)
        for found in _ANCHOR_BEFORE.finditer(letters):
            anchor, neighbour = found.start(1), found.start(2)
            if not sides[cut[anchor]][1].isdisjoint(keys[cut[neighbour]]):
                anchors.add(anchor)
        return starts + [i for i in sorted(anchors) if self._phrase_around(cut, i)]

    def _phrase_around(self, cut: list[str], i: int) -> bool:
        """Do the other words of some phrase held by the anchor at ``i`` stand around it
        (see :class:`Anchors`)? Most anchors with a neighbour are no phrase: "the
        government of" is not "government of the people"."""
        for word in self.keys[cut[i]]:
            for before, after in self.anchors.around.get(word, ()):
                if self._words_fit(cut, i, -1, before) and self._words_fit(cut, i, 1, after):
                    return True
        return False

    def _words_fit(self, cut: list[str], i: int, step: int, words: tuple[str, ...]) -> bool:
        """Do ``words`` stand one by one from the anchor at ``i`` in direction ``step``
        (joiners skipped), as a word or a lemma the table knows?"""
        j: int | None = i
        for word in words:
            j = _next_word(cut, j, step, self.joiner)
            if j is None or word not in self.keys[cut[j]]:
                return False
        return True

    def reads_far(self, piece: str) -> bool:
        """Does a term that a search from this piece may find have a sense condition
        that reads further than the usual context (see :class:`Anchors`)?"""
        known = self.far.get(piece)
        if known is None:
            keys = self.keys[piece]
            anchors = self.anchors
            known = self.far[piece] = bool(keys) and (
                not anchors.far_words.isdisjoint(keys) or keys[0].startswith(anchors.far_globs)
            )
        return known

    def split_words(self, cut: list[str], letters: str) -> list[int]:
        """Pieces before a joiner that, with the piece after it, begin a term ("co" and
        "operation" for a term written "cooperation")."""
        prefixes, keys = self.compiled.prefixes, self.keys
        last = len(cut) - 1
        found = []
        for before in _BEFORE_JOINER.finditer(letters):
            i = before.start() + 1  # the joiner
            if i < last and keys[cut[i - 1]][0] + (keys[cut[i + 1]] or ("",))[0] in prefixes:
                found.append(i - 1)
        return found

    def describe(self, piece: str) -> tuple[Word, str | None]:
        """(token, rule): the token's text, and the lemma and tag a parse would most likely
        give it, and which context rule (if any) may change them: ``"base"``
        for a base form a term limits by part of speech, ``"participle"`` for an
        inflected form that is also a word of its own ("united", "dealing"),
        ``"inflected"`` for other forms the table knows."""
        known = self.token.get(piece)
        if known is None:
            text, lemma, tag, rule = self._describe(piece.lstrip())
            known = self.token[piece] = (Word(text, lemma, tag), rule)
        return known

    def _describe(self, text: str) -> tuple[str, str, str, str | None]:
        key = normalise(text)
        analyses = self.forms.get(key)
        if analyses:
            wanted = self.pos_limited.get(analyses[0][1], ())
            tag, lemma = next((a for a in analyses if a[0] in wanted), analyses[0])
            if self.rules and {t for t, _ in analyses} == {"VERB"} and self.rules.is_base(key):
                return text, lemma, tag, "participle"
            return text, lemma, tag, "inflected"
        limited = self.pos_limited.get(key)
        if limited:
            return text, text, sorted(limited)[0], "base"
        lemma = self.rules.guess_lemma(key) if self.rules else text
        tag = self.closed.get(text.lower()) or _open_tag(text, key, self.rules)
        return text, lemma, tag, "capital" if text[:1].isupper() else None

    def range_around(self, cut: list[str], i: int, window: int) -> tuple[int, int]:
        """The tokens a search around the anchor at ``i`` must see: as far as the
        longest phrase holding the anchor's word reaches (joiners in the text count)."""
        before = after = 0
        for key in self.keys[cut[i]]:
            reach = self.anchors.reach.get(key)
            if reach:
                before, after = max(before, reach[0]), max(after, reach[1])
        if not (before or after):
            before = after = window
        return _extend(cut, i, -before, self.joiner), _extend(cut, i, after, self.joiner) + 1


def _extend(cut: list[str], i: int, steps: int, joiner: dict[str, bool]) -> int:
    """The index ``steps`` tokens from ``i`` (negative: before), joiners not counted."""
    step = 1 if steps > 0 else -1
    j, left = i, abs(steps)
    while left and 0 <= j + step < len(cut):
        j += step
        left -= not joiner.get(cut[j])
    return j


def _open_tag(text: str, key: str, rules: LemmaRules | None) -> str:
    """NUM for a number; the one open class the lemmatiser's index allows the word, if
    only one does; else X, which no part-of-speech slot fits."""
    if text[:1].isdigit():
        return "NUM"
    if rules is None or not key.isalpha():
        return "X"
    classes = rules.classes(key)
    if len(classes) == 1:
        return TAGS[classes[0]]
    # The commonest reading of an ambiguous word: a participle is a verb ("for
    # promoting"), a noun that is also a verb is a noun ("war duties"), an adjective that
    # is no verb an adjective ("fairly high"); any other stays open.
    if "verb" in classes and key.endswith(("ing", "ed")):
        return "VERB"
    if set(classes) == {"noun", "verb"}:
        return "NOUN"
    return "ADJ" if "adj" in classes and "verb" not in classes else "X"


def _next_word(cut: list[str], i: int, step: int, joiner: dict[str, bool]) -> int | None:
    """The index of the next piece from ``i`` in direction ``step`` that is no joiner,
    or None at either end of the text."""
    j = i + step
    while 0 <= j < len(cut) and joiner[cut[j]]:
        j += step
    return j if 0 <= j < len(cut) and cut[j].strip() else None


class Anchors:
    """The words a search starts from. A one-word term (or the whole key of any term,
    "cooperation" for "co-operation") starts one by itself, as does a word beginning
    with a glob's letters. A phrase starts one from its longest word (the rarest, as a
    rule: "share" of "a fair share"), but only when the word before or after it is
    its neighbour in the phrase, and the phrase's other words stand around it in
    order (its last word aside: the matcher takes that in derived forms too, "act
    responsibly" for "act responsible"). Exclude phrases never start a search: they
    only veto what a search around an anchor finds. A term's words are cut as a text
    is (:data:`.tokens.TERM_TOKENS`), so the comma of "one member, one vote" is a word
    of it, not part of "member,", which no text has."""

    def __init__(self, compiled: CompiledLexicons, context: int) -> None:
        self.whole: set[str] = set()
        globs: set[str] = set()
        sides: dict[str, tuple[set[str], set[str]]] = {}
        # anchor -> (the words before it, nearest first; the words after it but the last)
        around: dict[str, set[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        for table in (compiled.exact, compiled.globs):
            for key, entries in table.items():
                for entry in entries:
                    if entry.is_exclude:
                        continue
                    words = [normalise(p) for p in TERM_TOKENS.findall(entry.term.text.rstrip("*"))]
                    words = [w for w in words if w]
                    if entry.term.glob:
                        globs.add(words[-1] if len(words) > 1 else key)
                    else:
                        self.whole.add(key)
                    if len(words) < 2:
                        continue
                    plain = words[:-1] if entry.term.glob else words
                    at = max(reversed(range(len(plain))), key=lambda k: len(plain[k]))
                    left, right = sides.setdefault(plain[at], (set(), set()))
                    if at > 0:
                        left.add(words[at - 1])
                    if at + 1 < len(words):
                        right.add(words[at + 1])
                    before, after = tuple(reversed(words[:at])), tuple(words[at + 1 : -1])
                    around.setdefault(plain[at], set()).add((before, after))
        self.around = {word: tuple(sorted(shapes)) for word, shapes in around.items()}
        self.globs = tuple(sorted(globs))
        self.phrases = {w: (frozenset(a), frozenset(b)) for w, (a, b) in sides.items()}
        self.reach = _reach(compiled)
        self.far_words, self.far_globs = _reading_far(compiled, context)


def _reading_far(compiled: CompiledLexicons, context: int) -> tuple[frozenset[str], tuple]:
    """The keys and words of terms and excludes with a sense condition that reads more
    than ``context`` words from the match, and the prefixes of such globs."""
    words: set[str] = set()
    globs: set[str] = set()
    for table in (compiled.exact, compiled.globs):
        for key, entries in table.items():
            for entry in entries:
                if max(map(condition_reach, entry.term.unless), default=0) <= context:
                    continue
                (globs if entry.term.glob else words).add(key)
                text = entry.term.text.rstrip("*")
                words.update(w for w in map(normalise, TERM_TOKENS.findall(text)) if w)
    return frozenset(words), tuple(sorted(globs))


def condition_reach(condition: Condition) -> int:
    """How many words on one side of a match a sense condition reads: a ``before`` or
    ``after`` phrase's length; a ``near`` window, and a phrase that begins at its far
    end."""
    beside = [len(phrase) for phrase in (*condition.before, *condition.after)]
    if condition.near:
        beside.append(condition.window + max(map(len, condition.near)) - 1)
    return max(beside, default=0)


def _reach(compiled: CompiledLexicons) -> dict[str, tuple[int, int]]:
    """For each word of a term or exclude phrase, how many tokens a phrase holding it
    can reach before and after it (one more each side, for a text that splits a word
    the phrase writes whole): the window a search around it needs."""
    reach: dict[str, tuple[int, int]] = {}
    for table in (compiled.exact, compiled.globs):
        for key, entries in table.items():
            for entry in entries:
                keys = [normalise(t) for t in TERM_TOKENS.findall(entry.term.text.rstrip("*"))]
                for at, word in enumerate([*keys, key]):
                    if not word:
                        continue
                    before, after = (at, len(keys) - 1 - at) if at < len(keys) else (0, 0)
                    old = reach.get(word, (0, 0))
                    reach[word] = (max(old[0], before + 1), max(old[1], after + 1))
    return reach


def _pos_limited(compiled: CompiledLexicons) -> dict[str, frozenset[str]]:
    """The last word of each term limited by part of speech -> the parts allowed."""
    limited: dict[str, set[str]] = {}
    for table in (compiled.exact, compiled.globs):
        for entries in table.values():
            for entry in entries:
                if entry.term.pos:
                    last = normalise(JOINERS.split(entry.term.text.rstrip("*"))[-1])
                    limited.setdefault(last, set()).update(entry.term.pos)
    return {word: frozenset(tags) for word, tags in limited.items()}
