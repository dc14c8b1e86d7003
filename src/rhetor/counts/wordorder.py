"""Sense conditions that read the parse, read from word order instead (counts mode).

A lexicon term's ``unless`` conditions (:mod:`rhetor.lexicon.senses`) may name the
words that govern a match (``head``), that it governs (``child``) or its dependency
label (``dep``). Counts mode has no parse: a ``head`` path holds when its words stand
shortly before the match, a ``child`` path when it begins shortly after it, and ``dep``
never holds.
"""

from __future__ import annotations

from dataclasses import replace

from rhetor.counts.tokens import Segment
from rhetor.lexicon.senses import Condition


def vetoed_without_parse(segment: Segment, cand) -> bool:
    """Does a sense condition that reads the parse veto the match, when its parse keys
    are read from word order instead (see :func:`holds_without_parse`)?"""
    return any(
        holds_without_parse(condition, segment, cand.start, cand.end)
        for condition in cand.entry.term.unless
        if condition.needs_parse
    )


def holds_without_parse(condition: Condition, segment: Segment, start: int, end: int) -> bool:
    """A condition that reads the parse, with its parse keys read from the words around
    the match: a ``head`` path holds when each of its words stands within six words
    before the match (a governing verb stands before its object: "bring them to
    justice"), a ``child`` path when it begins within three words after the match.
    ``dep`` cannot be read without the parse: a condition with it never holds here.
    The condition's other keys (before, after, near) are read as usual."""
    if condition.dep:
        return False
    others, following = read_from_word_order(condition)
    if (others.before or others.after or others.near or others.entity) and not others.holds(
        segment, start, end, False, False
    ):
        return False
    left = segment[max(0, start - 6) : start]
    if condition.head and not any(
        all(any(step.fits(token) for token in left) for step in path) for path in condition.head
    ):
        return False
    return not condition.child or _after_only(following, segment, start, end)


# id -> (the condition itself, kept so that its id stays its own; its two readings)
_WORD_ORDER: dict[int, tuple[Condition, Condition, Condition]] = {}


def read_from_word_order(condition: Condition) -> tuple[Condition, Condition]:
    """(the condition without its parse keys, its ``child`` paths as ``near`` within
    three words): made once per condition, not once per match."""
    known = _WORD_ORDER.get(id(condition))
    if known is None:
        others = replace(condition, head=(), child=(), dep=(), data={})
        following = replace(others, before=(), after=(), near=condition.child, window=3)
        known = _WORD_ORDER[id(condition)] = (condition, others, following)
    return known[1], known[2]


def _after_only(condition: Condition, segment: Segment, start: int, end: int) -> bool:
    """``near`` read on the right of the match only."""
    return any(
        condition.holds(segment, end - 1, end, False, False)
        and any(
            all(
                step.fits(token)
                for step, token in zip(path, segment[k : k + len(path)], strict=False)
            )
            and k + len(path) <= len(segment)
            for k in range(end, min(len(segment), end + condition.window))
        )
        for path in condition.near
    )
