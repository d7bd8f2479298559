"""The one place that makes untrusted text inert: printable(), shorten(), json_inert()."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from positions import text
from positions.text import json_inert, printable, shorten

# Every character that must never reach a terminal as itself, one per class.
UNSAFE_EXAMPLES = {
    "\x00": "\\x00",  # NUL
    "\x07": "\\x07",  # BEL
    "\x08": "\\x08",  # backspace
    "\t": "\\x09",
    "\r": "\\x0d",  # carriage return: overwrites the line
    "\x1b": "\\x1b",  # ESC: starts CSI, OSC (title, hyperlink, clipboard) and DCS
    "\x7f": "\\x7f",  # DEL
    "\x85": "\\x85",  # NEL
    "\x90": "\\x90",  # DCS
    "\x9b": "\\x9b",  # CSI in one byte
    "\x9d": "\\x9d",  # OSC in one byte
    "\u061c": "\\u061c",  # Arabic letter mark
    "\u200b": "\\u200b",  # zero width space
    "\u200e": "\\u200e",  # left-to-right mark
    "\u200f": "\\u200f",  # right-to-left mark
    "\u2028": "\\u2028",  # line separator
    "\u2029": "\\u2029",  # paragraph separator
    "\u202a": "\\u202a",  # LRE
    "\u202e": "\\u202e",  # RLO: reverses what follows
    "\u2060": "\\u2060",  # word joiner
    "\u2064": "\\u2064",  # invisible plus
    "\u2066": "\\u2066",  # LRI
    "\u2069": "\\u2069",  # PDI
    "\u206a": "\\u206a",  # inhibit symmetric swapping
    "\ufeff": "\\ufeff",  # zero width no-break space (BOM)
    "\ufff9": "\\ufff9",  # interlinear annotation anchor
    "\U000e0041": "\\U000e0041",  # tag letter A: invisible ASCII
    "\ud800": "\\ud800",  # a lone surrogate: no encoder accepts it
}

KEPT = [
    "Україна",
    "مصر",
    "中国",
    "Kyïv",
    "e\u0301",  # a combining accent
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # a family: joined by ZWJ
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian needs the ZWNJ
    "\U0001f1fa\U0001f1e6",  # a flag
    "[bold]markup[/bold]",  # markup is not this function's business: rich never parses it
]


@pytest.mark.parametrize(("char", "shown"), UNSAFE_EXAMPLES.items(), ids=repr)
def test_unsafe_characters_are_escaped(char: str, shown: str) -> None:
    assert printable(f"a{char}b") == f"a{shown}b"


@pytest.mark.parametrize("text", KEPT)
def test_real_text_is_kept(text: str) -> None:
    assert printable(text) == text


def test_newlines_kept_only_when_asked() -> None:
    assert printable("a\nb") == "a\\x0ab"
    assert printable("a\nb\r\n", keep_newlines=True) == "a\nb\\x0d\n"


def test_shorten_cuts_then_escapes() -> None:
    assert shorten("\x1b" * 3, limit=2) == "\\x1b\\x1b..."
    assert shorten("short") == "short"


@given(st.text())
def test_printable_output_is_inert_and_stable(text: str) -> None:
    shown = printable(text)
    assert not any(c in shown for c in UNSAFE_EXAMPLES)
    assert "\n" not in shown
    assert printable(shown) == shown


@given(
    st.recursive(
        st.text() | st.integers() | st.none(),
        lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    )
)
def test_json_inert_keeps_the_data_exact(value: object) -> None:
    document = json_inert(json.dumps(value, ensure_ascii=False, indent=2))
    assert json.loads(document) == value
    assert not any(c in document for c in UNSAFE_EXAMPLES)


def test_json_inert_escapes_beyond_the_basic_plane_as_a_pair() -> None:
    assert json_inert('"\U000e0041"') == '"\\udb40\\udc41"'
    assert json_inert('{\n  "a": "\u202e"\n}') == '{\n  "a": "\\u202e"\n}'


def test_text_python_finds_printable_needs_no_escape() -> None:
    """printable() returns str.isprintable() text as it is, without its pattern:
    exact only if no character the pattern escapes is printable to Python."""
    unsafe = text._unsafe()
    assert [
        hex(code)
        for code in range(0x110000)
        if unsafe.match(chr(code)) is not None and chr(code).isprintable()
    ] == []
    assert not "\n".isprintable()  # so a line break always reaches the pattern's path


def test_every_format_character_but_the_joiners_is_escaped() -> None:
    # Against the running Python's own Unicode data, whichever version it has.
    import unicodedata

    kept = {"\u200c", "\u200d"}
    format_characters = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"]
    assert len(format_characters) > 150
    shown = [ch for ch in format_characters if ch not in kept and printable(ch) == ch]
    assert shown == []
    assert [printable(ch) for ch in sorted(kept)] == sorted(kept)
    assert printable("so\u00adft") == "so\\xadft"


def _xml_char(c: str) -> bool:
    """A character XML 1.0 allows (section 2.2), so that an SVG file stays readable."""
    code = ord(c)
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or (0x10000 <= code <= 0x10FFFF and code & 0xFFFE != 0xFFFE)
    )


@given(st.text(alphabet=st.characters(codec=None)))
def test_printable_text_is_always_xml(text: str) -> None:
    """Whatever a data file holds, what reaches the report's pictures is text XML
    allows: the noncharacters U+FFFE, U+FFFF and the like are escaped too."""
    shown = printable(text, keep_newlines=True)
    assert all(_xml_char(c) for c in shown), ascii(shown)


def test_noncharacters_are_escaped() -> None:
    assert printable("a\ufffeb\uffff\ufdd0\U0001fffe\U0010ffff") == (
        "a\\ufffeb\\uffff\\ufdd0\\U0001fffe\\U0010ffff"
    )


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_json_inert_s_ascii_shortcut_is_the_pattern(text_: str) -> None:
    """An ASCII document skips the pattern only when the pattern would change nothing:
    every control character but the line break still gets its escape."""
    expected = text._unsafe().sub(text._json_escape, text_)
    assert json_inert(text_) == expected
    assert json_inert(text_ + "\n") == expected + "\n"
