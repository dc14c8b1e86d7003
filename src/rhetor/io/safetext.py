"""Text that is safe to show: control characters made visible.

A document, a file name or a lexicon term can hold terminal escape sequences
(``ESC [ 2 J`` clears the screen; others retitle the window or worse). Every
human-readable output (the terminal report, kwic, Markdown, HTML, messages)
shows such characters as ``\\x1b``-style escapes instead of sending them.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls; and the bidi overrides and
# isolates that can reorder what a terminal shows (a "Trojan Source" line).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_NEWLINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_LINE_BREAK = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` with control characters shown as escapes (tabs, and newlines when
    ``keep_newlines``, are kept as they are)."""
    pattern = _CONTROL if keep_newlines else _CONTROL_OR_NEWLINE
    if keep_newlines:
        return pattern.sub(_escape, text)
    return pattern.sub(lambda m: " " if m.group() in "\n\r" else _escape(m), text)


def one_line(text: str) -> str:
    """``text`` as a single printable line (for messages on stderr)."""
    return " ".join(escape_controls(text, keep_newlines=False).split("\n"))


def escaped_line(text: str) -> str:
    """``text`` on one line, every control character and line break shown as an escape
    (``\\x0a``, ``\\u2028``): for a comment line in a file, where a line break would
    end the comment."""
    return _CONTROL_OR_LINE_BREAK.sub(_escape, text)


def escape_html(text: str, quote: bool = True) -> str:
    """HTML-escaped, with control characters (terminal escapes) shown as escapes."""
    from html import escape

    return escape(escape_controls(text), quote)
