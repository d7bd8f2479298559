"""Text from data files and the command line is untrusted: make it inert here.

One place decides which characters may reach a terminal or a message, so a
summary or a typed name cannot clear the screen, set a window title, open a
hyperlink, or reorder the text around it.
"""

from __future__ import annotations

import re

# What may never reach a terminal as itself: the C0 and C1 controls and DEL
# (category Cc), and the invisible characters that reorder or hide the text
# around them: bidi embeddings, overrides, isolates and marks, and the Unicode
# line separators.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNSAFE_KEEPING_NEWLINES = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, keep_newlines: bool = False) -> str:
    """`text` with control and bidi characters shown as escapes (`\\x1b`, `\\u202e`).

    Text from data files and from the command line goes through here before it
    reaches a terminal or a message, so it cannot drive the terminal or
    visually reorder what is around it. `keep_newlines` keeps line breaks for
    multi-line cells.
    """
    pattern = _UNSAFE_KEEPING_NEWLINES if keep_newlines else _UNSAFE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_escape, text)


def shorten(text: str, limit: int = 60) -> str:
    """`text` made printable on one line and cut to `limit` characters."""
    shown = printable(text[:limit])
    return shown + ("..." if len(text) > limit else "")
