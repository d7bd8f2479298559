"""Bytes -> libyaml's events: encoding, size limits, and YAML's own errors with hints.

A data file is untrusted: before a single event is parsed, the bytes must be
UTF-8 (a located message names the first bad byte) and within the size limit;
how many values may be composed is bounded where they are (positions.reader).
The parser never constructs a Python object from YAML, so no tag can build one; nesting is
capped by libyaml (and here, for PyYAML without libyaml). Every error of
libyaml's reader, scanner or parser becomes one located `Problem` with a hint
for the mistakes people make.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from typing import Any

import yaml

from positions import datafile
from positions import errors as E
from positions.errors import DataError, Problem

try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]
from yaml.events import CollectionEndEvent, CollectionStartEvent

MAX_FILE_BYTES = datafile.MAX_FILE_BYTES
#: libyaml's own limit on nesting, kept here for PyYAML without libyaml.
MAX_DEPTH = 1_000
#: How deep this format nests: data file > actors > an actor > aliases > an alias.
FORMAT_DEPTH = 5

NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
#: What YAML 1.1 resolves a plain scalar, list or mapping to. `merge` and `value`
#: are what a lone `<<` or `=` resolves to: text here like any other plain word.
PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "merge", "value", "map", "seq")
)
#: The plain scalars that PyYAML's SafeLoader resolves to a tag the loader tells
#: apart from text: null (`~`, `null`, nothing), `merge`, `value` and `yaml`
#: (refused). Its patterns end in `$`, which also matches before one final line
#: break: `! "null\n"` is null too. Every other plain scalar is text (int, float,
#: bool and timestamp are read as the text written).
IMPLICIT_TAGS = {"": NULL_TAG} | {
    word + end: "tag:yaml.org,2002:" + tag
    for tag, words in (
        ("null", ("~", "null", "Null", "NULL")),
        ("merge", ("<<",)),
        ("value", ("=",)),
        ("yaml", ("!", "&", "*")),
    )
    for word in words
    for end in ("", "\n")
}

# Characters YAML allows in a stream (YAML 1.1, 5.1); the first one outside is
# where the reader stopped.
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Line breaks as YAML counts them (YAML 1.1 also breaks lines at NEL, LS and PS).
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# Byte-order marks of encodings a YAML file may be saved in by mistake, longest first.
_OTHER_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def events(data: bytes, filename: str) -> Callable[[], Any]:
    """`get_event` of a parser over `data`, once the bytes pass the checks above.

    The parser raises yaml.YAMLError for what YAML refuses; `problem` says where.
    libyaml reads the bytes as they are, a UTF-8 byte-order mark included (it
    skips it, and the places it reports are the same).
    """
    head = data.removeprefix(codecs.BOM_UTF8)
    if len(data) > MAX_FILE_BYTES:
        raise DataError([E.TOO_LARGE.at(filename, 1, 1, limit=MAX_FILE_BYTES)])
    for bom, encoding in _OTHER_BOMS:
        if head.startswith(bom):
            raise DataError([E.OTHER_ENCODING.at(filename, 1, 1, encoding=encoding)])
    if not data.isascii():  # ASCII is UTF-8; checking that is a tenth of decoding
        _check_utf8(data, filename)
    try:
        parser = _Parser(data)  # PyYAML's own reader checks every character here
    except yaml.YAMLError as e:
        raise DataError([problem(e, data, filename)]) from None
    get: Callable[[], Any] = parser.get_event
    return get if _Parser.__module__ == "yaml._yaml" else _pure(parser, filename)


def _pure(parser: Any, filename: str) -> Callable[[], Any]:
    """`get_event` of PyYAML's own parser made to behave as libyaml does: nesting capped
    at libyaml's limit, and an escape of a code point beyond Unicode (`"\\U2001F467"`),
    which its scanner lets through to `chr()`, a located syntax error."""
    depth = 0

    def capped() -> Any:
        nonlocal depth
        try:
            event = parser.get_event()
        except (ValueError, OverflowError):  # chr() of a number too large, or far too large
            mark: Any = parser.get_mark()
            what = "while parsing a quoted scalar found invalid Unicode character escape code"
            problem = E.SYNTAX_ESCAPE.at(filename, mark.line + 1, mark.column + 1, what=what)
            raise DataError([problem]) from None
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise too_deep(filename, event.start_mark)
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
        return event

    return capped


def _check_utf8(data: bytes, filename: str) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        before = data[: e.start].removeprefix(codecs.BOM_UTF8).decode("utf-8")
        line, column = _line_column(before, len(before))
        raise DataError([E.NOT_UTF8.at(filename, line, column, byte=data[e.start])]) from None


def scalar_tag(event: Any) -> str:
    """The tag PyYAML's SafeLoader gives a scalar: its own, or resolved from a plain text."""
    tag: str | None = event.tag
    if tag is None or tag == "!":
        return IMPLICIT_TAGS.get(event.value, STR_TAG) if event.implicit[0] else STR_TAG
    return tag


def collection_tag(event: Any, default: str) -> str:
    tag: str | None = event.tag
    return default if tag is None or tag == "!" else tag


def too_deep(filename: str, mark: Any) -> DataError:
    return DataError([E.TOO_DEEP.at(filename, mark.line + 1, mark.column + 1, depth=FORMAT_DEPTH)])


def problem(e: yaml.YAMLError, data: bytes, filename: str) -> Problem:
    """The located problem for an error of the YAML reader, scanner, parser or composer."""
    text = data.decode("utf-8-sig")  # the bytes passed `events`: they are UTF-8
    if isinstance(e, yaml.reader.ReaderError):
        return _reader_problem(text, filename, e)
    if not isinstance(e, yaml.MarkedYAMLError):  # pragma: no cover - other failures have marks
        return E.YAML_ERROR.at(filename, 1, 1, error=e)
    mark = e.problem_mark or e.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if e.problem and "maximum nesting depth" in e.problem:
        # libyaml (0.2.6 and later) stops at 1,000 levels, before composing them.
        return E.TOO_DEEP.at(filename, line, column, depth=FORMAT_DEPTH)
    what = " ".join(x for x in (e.context, e.problem) if x)
    found = e.problem or ""
    kind = E.SYNTAX
    if "invalid Unicode character escape" in found:
        # libyaml refuses "\ud83d\ude00", which JSON writers produce for one emoji.
        kind = E.SYNTAX_ESCAPE
    elif _line_text(text, line)[column - 1 : column] == "\t":
        kind = E.SYNTAX_TAB
    elif "end of stream" in found and e.context_mark is not None:
        # An unclosed quote or bracket: the useful place is where it opened.
        line, column = e.context_mark.line + 1, e.context_mark.column + 1
        kind = E.SYNTAX_UNCLOSED
    elif "mapping values are not allowed" in found:
        # A plain key past YAML's 1,024 characters is not a key: its ':' is then out of place.
        before = _line_text(text, line)[: column - 1]
        key = before.lstrip(" -")
        if len(key) > _LONGEST_KEY and ": " not in key:
            length, start = len(key.rstrip()), len(before) - len(key) + 1
            return E.SYNTAX_LONG_KEY.at(filename, line, start, length=length)
        kind = E.SYNTAX_COLON
    elif any(q in _line_text(text, line) for q in "\u201c\u201d\u2018\u2019"):
        kind = E.SYNTAX_CURLY_QUOTES
    elif "did not find expected '-' indicator" in what:
        kind = E.SYNTAX_DASH
    elif "expected <block end>" in what or "did not find expected key" in what:
        kind = E.SYNTAX_INDENT
    return kind.at(filename, line, column, what=what)


#: The longest implicit (plain) key YAML reads, in characters (YAML 1.1 and 1.2).
_LONGEST_KEY = 1024


def _reader_problem(text: str, filename: str, error: yaml.reader.ReaderError) -> Problem:
    """Where the YAML reader met a character YAML does not allow, and which.

    The position is looked up in the text rather than taken from the error:
    libyaml reports a byte offset, the Python reader a character offset, and
    only the text says which line and column that is.
    """
    found = _NOT_YAML.search(text)
    if found is not None:
        index, char = found.start(), found.group()
    else:  # pragma: no cover - the reader and the pattern agree on what is allowed
        index = min(error.position, len(text))
        char = error.character if isinstance(error.character, str) else chr(error.character)
    line, column = _line_column(text, index)
    if char == "\0":
        return E.NUL_BYTE.at(filename, line, column)
    return E.BAD_CHARACTER.at(filename, line, column, code=ord(char))


def _line_column(text: str, index: int) -> tuple[int, int]:
    """Line and column (from 1) of `text[index]`, breaking lines where YAML does."""
    line, start = 1, 0
    for match in _YAML_BREAK.finditer(text, 0, index):
        line += 1
        start = match.end()
    return line, index - start + 1


def _line_text(text: str, line: int) -> str:
    """Line `line` (from 1) of `text`, or '' past the end."""
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""
