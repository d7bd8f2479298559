"""Text from data files and the command line is untrusted: make it inert here.

One place decides which characters may reach a terminal or a message, so a
summary or a typed name cannot clear the screen, set a window title, open a
hyperlink, reorder the text around it, or hide inside a name.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

# What may never reach a terminal or a report as itself:
# - the C0 and C1 controls and DEL (category Cc): ESC, BEL, CSI (U+009B), NEL...;
# - every format character (category Cf) but the zero width joiner and
#   non-joiner (U+200D, U+200C), which emoji sequences and Persian, Arabic and
#   Indic text need. Cf holds what reorders the text around it (the bidi marks
#   ALM, LRM, RLM, embeddings and overrides U+202A-202E, isolates U+2066-2069)
#   and what only hides or disguises text (the soft hyphen, the zero width
#   space, word joiner and invisible operators, a stray byte-order mark U+FEFF,
#   interlinear annotations, the tag characters U+E0000-E007F: invisible ASCII
#   look-alikes, the Arabic, Syriac, Egyptian, Brahmi, shorthand and musical
#   format controls). The ranges are Unicode 18.0's; tests/test_text.py checks
#   them against the running Python's own Unicode data;
# - the deprecated format controls U+206A-206F and the line and paragraph
#   separators U+2028/2029 (categories Zl, Zp);
# - lone surrogates, which no encoder accepts: printed, they would crash the output;
# - the noncharacters U+FDD0-FDEF and the last two code points of every plane
#   (U+FFFE, U+FFFF, U+1FFFE...): never text, and XML forbids them, so one in a
#   name would make the report's SVG pictures unreadable.
_INVISIBLE = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b\u200e\u200f"
    "\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(
        chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0x10000, 0x110000, 0x10000)
    )
)
_UNSAFE_CLASS = f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_INVISIBLE}]"


@functools.cache
def _unsafe() -> re.Pattern[str]:
    """The characters to escape, but a line break (escaped apart where it must be).

    Compiled on first use: it costs half a millisecond, and most runs never
    need it, as text that `str.isprintable()` accepts has none of them.
    """
    return re.compile(_UNSAFE_CLASS)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str, keep_newlines: bool = False) -> str:
    """`text` with control, bidi and invisible characters shown as escapes (`\\x1b`).

    Text from data files and from the command line goes through here before it
    reaches a terminal, a message or an export, so it cannot drive the terminal
    or visually reorder or hide what is around it. `keep_newlines` keeps line
    breaks for multi-line cells.
    """
    if text.isprintable():  # no control, format or separator character, no surrogate
        return text
    unsafe = _unsafe()
    if unsafe.search(text) is not None:
        text = unsafe.sub(_escape, text)
    if not keep_newlines and "\n" in text:
        text = text.replace("\n", "\\x0a")  # what _escape makes of it
    return text


def shorten(text: str, limit: int = 60) -> str:
    """`text` made printable on one line and cut to `limit` characters."""
    shown = printable(text[:limit])
    return shown + ("..." if len(text) > limit else "")


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:  # JSON escapes only 16-bit units: a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def json_inert(document: str) -> str:
    """JSON text with every character `printable` would escape written as `\\uXXXX`.

    `json.dumps(ensure_ascii=False)` escapes the C0 controls but writes DEL, the
    C1 controls and the bidi and invisible characters as they are. They can
    only occur inside strings, where the escape means the same character, so
    the data stays exact for a program and inert on a terminal. Raw line
    breaks are the document's own indentation and are kept.
    """
    if document.isascii() and document.replace("\n", "").isprintable():
        # ASCII with no control character (the line breaks aside): nothing to escape.
        # The common case, checked in C (a roll call's 800 KB diff: 1.6 ms, the
        # pattern's search 33 ms); tests/test_text.py holds it to the pattern.
        return document
    unsafe = _unsafe()
    if unsafe.search(document) is None:
        return document
    return unsafe.sub(_json_escape, document)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def json_ascii(document: str) -> str:
    """JSON text with every character beyond ASCII written as `\\uXXXX`: the same
    document to a parser, and safe for any stream. Outside strings JSON is ASCII,
    so this changes only what is inside them."""
    return _NON_ASCII.sub(_json_escape, document)


def plural(n: int, noun: str) -> str:
    """`1 issue`, `2 issues`, `1,234 positions`: a count as every message and view says it."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def and_list(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def only_if(conditions: Sequence[tuple[str, str]]) -> str:
    """(title as shown, outcome) pairs in words, neighbours with one outcome said
    together: 'only if Tariff cuts and Beef quotas are adopted'."""
    runs: list[tuple[str, list[str]]] = []
    for title, outcome in conditions:
        if runs and runs[-1][0] == outcome:
            runs[-1][1].append(title)
        else:
            runs.append((outcome, [title]))
    said = [f"{and_list(titles)} {'is' if len(titles) == 1 else 'are'} {o}" for o, titles in runs]
    return "only if " + and_list(said)
