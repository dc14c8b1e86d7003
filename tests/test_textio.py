from __future__ import annotations

import codecs

import pytest

from rhetor.errors import InputError
from rhetor.io.textio import decode, read_document
from rhetor.nlp.chunking import char_batches, chunk_spans


@pytest.mark.parametrize(
    "data,text,warned",
    [
        ("fairness ✓".encode(), "fairness ✓", False),
        (codecs.BOM_UTF8 + b"fair", "fair", False),
        ("fair ✓".encode("utf-16"), "fair ✓", False),
        ("café".encode("cp1252"), "café", True),
        (b"", "", False),
    ],
)
def test_textio_decode(data, text, warned):
    document = decode(data, "x.txt")
    assert document.text == text
    assert bool(document.warnings) is warned


def test_textio_binary_is_rejected():
    with pytest.raises(InputError, match="binary file"):
        decode(b"%PDF-1.4\x00\x01\x02", "x.txt")


@pytest.mark.parametrize(
    "make,message",
    [
        (lambda p: p / "missing.txt", "no such file"),
        (lambda p: p, "is a directory"),
    ],
)
def test_textio_read_errors(tmp_path, make, message):
    with pytest.raises(InputError, match=message):
        read_document(str(make(tmp_path)))


@pytest.mark.parametrize(
    "text,limit",
    [
        ("para one.\n\npara two is here.\n\nthree.", 20),
        ("word " * 100, 37),
        ("x" * 95, 10),
        ("", 10),
        ("short", 10),
    ],
)
def test_chunking_covers_text_within_limit(text, limit):
    spans = list(chunk_spans(text, limit))
    assert "".join(text[s:e] for s, e in spans) == text
    assert all(e - s <= limit for s, e in spans)
    assert all(spans[i][1] == spans[i + 1][0] for i in range(len(spans) - 1))


def test_chunking_prefers_paragraph_breaks():
    text = "a" * 30 + "\n\n" + "b" * 30
    assert list(chunk_spans(text, 50)) == [(0, 32), (32, 62)]


@pytest.mark.parametrize(
    "sizes,budget,max_items,expected",
    [
        ([], 10, 4, []),
        ([3, 3, 3, 3], 10, 4, [[3, 3, 3], [3]]),
        ([12, 1, 1], 10, 4, [[12], [1, 1]]),  # too big for the budget: a group of its own
        ([1, 1, 1, 1, 1], 100, 2, [[1, 1], [1, 1], [1]]),
        ([5, 5, 5], 10, 4, [[5, 5], [5]]),
    ],
)
def test_chunking_char_batches(sizes, budget, max_items, expected):
    groups = list(char_batches(sizes, lambda n: n, budget, max_items))
    assert groups == expected


def test_chunking_char_batches_reads_lazily():
    seen = []

    def items():
        for n in (6, 6, 6):
            seen.append(n)
            yield n

    first = next(char_batches(items(), lambda n: n, budget=10))
    assert first == [6] and len(seen) == 2  # one item ahead, no more
