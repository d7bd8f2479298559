"""Data file -> Dataset. Every check on a data file lives here, and only here.

The YAML is read as libyaml's events and nodes, never constructed into
Python objects, so every value keeps its line and column, no tag can build
an object, plain `no` or `2025-08-15` stay the text the user wrote, and
duplicate keys are seen instead of silently dropped. All problems of a file
are collected and raised together in one `DataError`.

A data file is untrusted input: every resource it can make the loader spend
is bounded (see docs/security.md). The file is read up to a size limit, its
number of YAML values is bounded before parsing, aliases are never expanded
(the stream never follows one; in a tree libyaml shares an aliased node and
the walk refuses a node seen twice), nesting is capped by libyaml, and the
problems collected and the "did you mean" searches done for one file are
capped.

Memory (issue 8): a file is streamed (`_Stream`). libyaml's events are read
once; everything but the positions list is composed into nodes as libyaml's
composer would, and the list is checked one entry at a time, so the node
tree of the whole file (about 19 times its size) is never built. A plain,
valid entry is checked from its events (`_PositionChecks.plain`); from the
first entry that is not, the walk takes the rest of the list, each entry
composed alone, so every message is the walk's own. Checking an entry needs
every top-level key and section first, so a file whose positions are not its
last entry is loaded as before, as one tree; so is a file holding an anchor
or alias anywhere (only a whole tree tells an alias's anchor), an empty file,
a root that is not a mapping, more than one document, text given as `str`,
and any file without libyaml. When the stream meets one of these only on the
way, it starts over as a tree (`_Restart`).

Speed (issue 8): in a tree, tags are resolved by a table lookup (`_Loader`),
and a positions list of plain, valid entries is checked inline
(`_fast_positions`); anything else in it is walked from its first entry by
the general code. Every way gives the same outcome (tests/test_loader_fast.py,
tests/test_loader_stream.py).
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import gc
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from positions import datafile
from positions.errors import DataError, Problem
from positions.model import STANCE_IDS, Actor, Dataset, Issue, Position, Source, Stance
from positions.names import normalize
from positions.text import shorten

try:
    from yaml import CSafeLoader as _SafeLoader
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

    _CParser = None  # type: ignore[assignment,misc]

FORMAT_VERSION = 1
MAX_FILE_BYTES = datafile.MAX_FILE_BYTES
#: Longest text in any one field (a summary or quote), in characters.
MAX_TEXT_CHARS = 10_000
#: Longest id, name, alias, title or source name, in characters.
MAX_NAME_CHARS = 200
#: Most YAML values (nodes) a file may hold, counted by an upper bound before
#: composing: each value costs about 300 bytes of memory, so this caps memory
#: at a few GB even for a file of `[x,x,x,...]`. The 100k-position benchmark
#: file holds about 1.6 million values (its bound is 3.3 million).
MAX_VALUES = 8_000_000
#: Problems collected from one file before the loader stops checking it.
MAX_PROBLEMS = 1_000
#: Candidate comparisons spent on "did you mean" hints for one file: beyond
#: it, hints give the plain advice, so thousands of unknown references to a
#: file with thousands of ids cannot take minutes.
SUGGESTION_BUDGET = 200_000

SLUG = re.compile(r"[a-z0-9]+(?:[_-][a-z0-9]+)*\Z")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")

_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"
# What YAML 1.1 resolves a plain scalar, list or mapping to. `merge` and `value`
# are what a lone `<<` or `=` resolves to: text here like any other plain word.
_PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "merge", "value", "map", "seq")
)
# The untagged scalars that PyYAML's SafeLoader resolves to a tag the builder
# tells apart from text: null (`~`, `null`, nothing), `merge` and `value` (kept
# as PyYAML names them) and `yaml` (refused). Its patterns end in `$`, which
# also matches before one final line break: `! "null\n"` is null too, `"\n"`
# is not (the pattern is chosen by the first character).
_IMPLICIT_TAGS = {"": _NULL_TAG} | {
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
_COLLECTION_TAGS: dict[type[Node], str] = {
    MappingNode: "tag:yaml.org,2002:map",
    SequenceNode: "tag:yaml.org,2002:seq",
}
# Characters YAML allows in a stream (YAML 1.1, 5.1); the first one outside is
# where the reader stopped.
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Line breaks as YAML counts them (YAML 1.1 also breaks lines at NEL, LS and PS).
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# The characters that start or separate a YAML value, for _max_values.
_SEPARATORS = ":,?"
_OPENERS = "[{"
# What may come right before an anchor's `&` (see _may_have_anchors).
_BEFORE_ANCHOR = " \t\r\n\x85\u2028\u2029\ufeff[{,:?-"

TOP_FIELDS = ("format", "title", "sources", "actors", "issues", "positions")
SOURCE_FIELDS = ("name", "url")
ACTOR_FIELDS = ("name", "aliases")
ISSUE_FIELDS = ("title", "question")
POSITION_FIELDS = ("actor", "issue", "stance", "summary", "quote", "source", "date")
_POSITION_FIELDS = frozenset(POSITION_FIELDS)
_REQUIRED_POSITION_FIELDS = _POSITION_FIELDS - {"quote"}
_STANCES = {s: Stance.from_id(s) for s in STANCE_IDS}


def load(path: Path, display: str | None = None) -> Dataset:
    """Read and validate the data file at `path`; `display` names it in messages."""
    name = display if display is not None else str(path)
    data, _ = datafile.read(path, name)
    return parse(data, name)


def parse(data: bytes | str, filename: str) -> Dataset:
    """Validate `data` (a whole file) and build the Dataset, or raise DataError."""
    text = _decode(data, filename) if isinstance(data, bytes) else data
    if len(text) > MAX_FILE_BYTES:
        raise DataError([Problem(filename, 1, 1, "data file is larger than the limit")])
    values = _max_values(text)
    if values > MAX_VALUES:
        raise DataError(
            [
                Problem(
                    filename,
                    1,
                    1,
                    f"the data file may hold up to {values:,} YAML values; "
                    f"the limit is {MAX_VALUES:,}",
                    "split the negotiation into several files",
                )
            ]
        )
    # libyaml reads the bytes as they are (a UTF-8 byte-order mark included: it
    # skips it, and the places it reports are the same); given text it would
    # copy it to UTF-8 first. The text is decoded again only where needed.
    source = data if isinstance(data, bytes) else text
    del text
    # The cyclic collector finds nothing in fresh objects but costs more than the
    # parse itself on large files: pause it while the model is built, and free any
    # node tree before it resumes (its first pass over a live tree of a million
    # nodes would take a second).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        builder, dataset = _build(source, filename)
    finally:
        if gc_was_enabled:
            gc.enable()
    if builder.problems:
        raise DataError(sorted(builder.problems, key=lambda p: (p.line, p.column)))
    assert dataset is not None
    return dataset


def _build(source: bytes | str, filename: str) -> tuple[_Builder, Dataset | None]:
    """The builder (holding the problems) and the Dataset: streamed where it can be."""
    builder = _Builder(filename, anchors=False)
    if builder._fast and isinstance(source, bytes) and _streamable(source):
        try:
            return builder, _Stream(builder, source).run()
        except _Restart:
            pass
        except yaml.YAMLError as e:
            raise DataError([_yaml_problem(e, _text(source), filename)]) from None
    text = _text(source)
    builder = _Builder(filename, anchors=_may_have_anchors(text))
    root = _compose(text, filename)
    del text
    try:
        dataset = builder.build(root)
    except _TooManyProblems:
        dataset = None
    del root
    return builder, dataset


def _text(source: bytes | str) -> str:
    """The text of `source`, which `parse` has checked to be UTF-8."""
    return source.decode("utf-8-sig") if isinstance(source, bytes) else source


def _max_values(text: str) -> int:
    """An upper bound on the number of YAML values (nodes) in `text`, without parsing.

    Every value but the root is a list item (after `-`, `[` or `,`), a key or a
    value (around `:`, `?` or `,`), or the first entry of `{` or `[`; three per
    separator and two per opener covers a one-entry mapping inside a flow list.
    Text merely containing those characters makes the bound loose, never low.
    Small files cannot reach the limit and are not counted.
    """
    if 3 * len(text) + 1 <= MAX_VALUES:
        return 1
    return (
        1
        + text.count("-")
        + 3 * sum(text.count(c) for c in _SEPARATORS)
        + 2 * sum(text.count(c) for c in _OPENERS)
    )


def _may_have_anchors(text: str) -> bool:
    """False when `text` certainly holds no YAML anchor (`&name`), so no key is an alias.

    Checking every key against the aliases costs a fifth of the walk on a large
    file; most files have no `&` at all, or only in text such as `R&D` or
    `Europe & Asia`, where an anchor cannot start (it follows a space, a line
    break, a byte-order mark or one of `[{,:?-`, and is followed by a name).
    """
    index = text.find("&")
    for _ in range(1_000):  # past that many, checking costs more than it saves
        if index == -1:
            return False
        before = text[index - 1] if index else " "
        after = text[index + 1 : index + 2]
        if before in _BEFORE_ANCHOR and after and after not in " \t\r\n,[]{}":
            return True
        index = text.find("&", index + 1)
    return True


def _char_at(text: str, line: int, column: int) -> str:
    """The character at `line` and `column` (from 1, as YAML counts them), or ''."""
    start = 0
    if line > 1:
        for number, match in enumerate(_YAML_BREAK.finditer(text), start=2):
            if number == line:
                start = match.end()
                break
        else:
            return ""
    return text[start + column - 1 : start + column]


def _line_column(text: str, index: int) -> tuple[int, int]:
    """Line and column (from 1) of `text[index]`, breaking lines where YAML does."""
    line, start = 1, 0
    for match in _YAML_BREAK.finditer(text, 0, index):
        line += 1
        start = match.end()
    return line, index - start + 1


# Byte-order marks of encodings a YAML file may be saved in by mistake, longest first.
_OTHER_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _decode(data: bytes, filename: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    for bom, encoding in _OTHER_BOMS:
        if data.startswith(bom):
            raise DataError(
                [
                    Problem(
                        filename,
                        1,
                        1,
                        f"the data file is {encoding} (it starts with a {encoding} "
                        "byte-order mark); the data file must be UTF-8",
                        "save it as UTF-8 in your editor",
                    )
                ]
            )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        before = data[: e.start].decode("utf-8")
        line, column = _line_column(before, len(before))
        raise DataError(
            [
                Problem(
                    filename,
                    line,
                    column,
                    f"byte 0x{data[e.start]:02x} is not valid UTF-8; the data file must be UTF-8",
                    "save it as UTF-8 in your editor",
                )
            ]
        ) from None


#: How deep this format nests: data file > actors > an actor > aliases > an alias.
FORMAT_DEPTH = 5
_TOO_DEEP_HINT = f"this format nests at most {FORMAT_DEPTH} levels; see docs/format.md"


class _Loader(_SafeLoader):
    """PyYAML's safe composer, resolving tags by a table lookup instead of regexes.

    The builder only tells null, the other plain tags and the rest apart, and
    treats int, float, bool and timestamp exactly like str; so str stands for
    them, and every other tag is PyYAML's own. The composer calls these three
    methods in Python for every node (1.3 million times on a 100k-position file).
    """

    def resolve(self, kind: type[Node], value: str | None, implicit: object) -> str:
        if kind is ScalarNode:
            # `implicit` is (plain, quoted); only an untagged plain scalar, or
            # one tagged `!`, is resolved by its text.
            if implicit[0]:  # type: ignore[index]
                return _IMPLICIT_TAGS.get(value, _STR_TAG)  # type: ignore[arg-type]
            return _STR_TAG
        return _COLLECTION_TAGS[kind]

    # SafeLoader has no path resolvers: descending and ascending do nothing.
    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


def _compose(text: str, filename: str) -> Node | None:
    """The node tree of `text`; the caller pauses the cyclic collector around it."""
    try:
        return yaml.compose(text, Loader=_Loader)  # compose builds no objects
    except yaml.YAMLError as e:
        raise DataError([_yaml_problem(e, text, filename)]) from None
    except RecursionError:
        # The pure-Python composer (PyYAML without libyaml) recurses once per level.
        problem = Problem(filename, 1, 1, "YAML nesting is too deep", _TOO_DEEP_HINT)
        raise DataError([problem]) from None


def _yaml_problem(e: yaml.YAMLError, text: str, filename: str) -> Problem:
    """The located problem for an error of libyaml's reader, scanner, parser or composer."""
    if isinstance(e, yaml.reader.ReaderError):
        return _reader_problem(text, filename, e)
    if not isinstance(e, yaml.MarkedYAMLError):  # pragma: no cover - other failures have marks
        return Problem(filename, 1, 1, f"YAML error: {e}")
    mark = e.problem_mark or e.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if e.problem and "maximum nesting depth" in e.problem:
        # libyaml (0.2.6 and later) stops at 1,000 levels, before composing them.
        return Problem(filename, line, column, "YAML nesting is too deep", _TOO_DEEP_HINT)
    what = " ".join(x for x in (e.context, e.problem) if x)
    problem_text = e.problem or ""
    hint = None
    if "invalid Unicode character escape" in problem_text:
        # libyaml refuses "\ud83d\ude00", which JSON writers produce for one emoji.
        hint = 'write the character itself, or one escape such as "\\U0001F600"'
    elif _char_at(text, line, column) == "\t":
        hint = "indent with spaces: YAML does not allow tabs there"
    elif "end of stream" in problem_text and e.context_mark is not None:
        # An unclosed quote or bracket: the useful place is where it opened.
        line, column = e.context_mark.line + 1, e.context_mark.column + 1
        hint = "close the quote or bracket that starts here"
    elif "mapping values are not allowed" in problem_text:
        hint = (
            "quote a value that contains ': ' (title: \"Talks: round 2\"), and line a "
            "key up with the keys above it"
        )
    elif any(q in _line_text(text, line) for q in "\u201c\u201d\u2018\u2019"):
        hint = (
            "typographic quotes (\u201c \u201d) do not quote a value in YAML; "
            "use straight quotes \" or '"
        )
    elif "expected <block end>" in what or "did not find expected key" in what:
        hint = "check the indentation of this line against the lines above it"
    return Problem(filename, line, column, f"YAML syntax error: {what}", hint)


def _line_text(text: str, line: int) -> str:
    """Line `line` (from 1) of `text`, or '' past the end."""
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _reader_problem(text: str, filename: str, error: yaml.reader.ReaderError) -> Problem:
    """Where the YAML reader met a character YAML does not allow, and which.

    The position is looked up in the text rather than taken from the error:
    libyaml reports a byte offset into its UTF-8 copy, the Python reader a
    character offset, and only the text says which line and column that is.
    """
    found = _NOT_YAML.search(text)
    if found is not None:
        index, char = found.start(), found.group()
    else:  # pragma: no cover - the reader and the pattern agree on what is allowed
        index = min(error.position, len(text))
        char = error.character if isinstance(error.character, str) else chr(error.character)
    line, column = _line_column(text, index)
    if char == "\0":
        return Problem(
            filename,
            line,
            column,
            "byte 0x00 (NUL) is not allowed; the data file must be UTF-8 text, "
            "and NUL bytes mean it is binary or UTF-16",
            "save it as UTF-8 in your editor",
        )
    return Problem(
        filename,
        line,
        column,
        f"character U+{ord(char):04X} is not allowed in YAML",
        'write it as an escape inside double quotes, e.g. "\\x1b"',
    )


class _TooManyProblems(Exception):
    """Raised by the builder to stop walking a file that has MAX_PROBLEMS problems."""


def _suggest(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def _plain_fields(
    a: str,
    i: str,
    st: str,
    su: str,
    so: str,
    d: str,
    ids: tuple[dict[str, str], ...],
    dates: dict[str, dt.date],
) -> tuple[str, str, Stance, str, str, dt.date] | None:
    """Actor, issue, stance, summary, source and date of a position whose six
    required fields are the plain texts given, when all are valid; else None,
    and the general check says what is wrong. Shared by the two inline paths
    (`_Builder._fast_positions` on nodes, `_PositionChecks.plain` on events).

    `ids` maps each actor, issue and source id to itself (one shared string
    per id); `dates` memoises parsed dates.
    """
    actor_ids, issue_ids, source_ids = ids
    actor = actor_ids.get(a.strip())
    issue = issue_ids.get(i.strip())
    source = source_ids.get(so.strip())
    stance = _STANCES.get(st.strip())
    summary = su.strip()
    if (
        actor is None
        or issue is None
        or source is None
        or stance is None
        or not summary
        or len(summary) > MAX_TEXT_CHARS
    ):
        return None
    day = d.strip()
    date = dates.get(day)
    if date is None:
        if not ISO_DATE.match(day):
            return None
        try:
            date = dates[day] = dt.date.fromisoformat(day)
        except ValueError:
            return None
    return actor, issue, stance, summary, source, date


class _Builder:
    """Walks a node tree, or the nodes `_Stream` hands it, collecting problems and the model."""

    def __init__(self, filename: str, anchors: bool = True, fast: bool = True) -> None:
        self.filename = filename
        self._anchors = anchors
        self._fast = fast  # False only in tests, to compare with the full walk
        self.problems: list[Problem] = []
        self._seen: set[int] = set()
        # Ids defined in the file, valid or not: a reference to a broken
        # definition is not reported again as unknown.
        self._declared: set[tuple[str, str]] = set()
        self._missing: set[str] = set()
        self._suggestions: dict[tuple[str, str], str | None] = {}
        self._suggestion_budget = SUGGESTION_BUDGET

    # -- reporting -----------------------------------------------------------

    def problem(self, node: Node, message: str, hint: str | None = None) -> None:
        mark = node.start_mark
        if len(self.problems) >= MAX_PROBLEMS:
            # A file of a million broken lines would otherwise cost gigabytes of messages.
            self.problems.append(
                Problem(
                    self.filename,
                    mark.line + 1,
                    mark.column + 1,
                    f"more than {MAX_PROBLEMS:,} problems; stopped checking here",
                    "fix the problems above and run 'positions validate' again",
                )
            )
            raise _TooManyProblems
        self.problems.append(Problem(self.filename, mark.line + 1, mark.column + 1, message, hint))

    def suggest(self, kind: str, word: str, choices: list[str]) -> str | None:
        """'did you mean ...?' for an unknown id, within the file's search budget."""
        key = (kind, word)
        if key not in self._suggestions:
            if self._suggestion_budget < len(choices):
                return None
            self._suggestion_budget -= len(choices)
            self._suggestions[key] = _suggest(word, choices)
        return self._suggestions[key]

    # -- generic shapes ------------------------------------------------------

    def _visit(self, node: Node, where: Node, item: str = "") -> bool:
        """Refuse a node reached twice (a YAML alias) and any non-plain tag.

        An aliased node carries the marks of its anchor, not of the alias, so
        an alias is reported at `where` (its key, or its list) and, in a list,
        named by `item` ('position 3').
        """
        if self._anchors and id(node) in self._seen:
            self.problem(
                where,
                "YAML aliases (*name) are not supported in this format"
                + (f" ({item})" if item else ""),
                "write the value out in full",
            )
            return False
        if self._anchors:  # else no node is reached twice, and the set would only grow
            self._seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            self.problem(
                node,
                f"YAML tag '{shorten(node.tag)}' is not allowed",
                "remove the tag; values are plain text, lists and mappings",
            )
            return False
        return True

    def items(
        self, node: Node, what: str, refused: set[str] | None = None
    ) -> Iterator[tuple[str, ScalarNode, Node]]:
        """(key, key node, value node) of a mapping; reports bad and duplicate keys.

        Keys whose value was refused (an alias, a tag) are added to `refused`.
        """
        if not isinstance(node, MappingNode):
            self.problem(node, f"{what} must be a mapping of 'key: value' entries")
            return
        first: dict[str, int] = {}
        seen, anchors = self._seen, self._anchors
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                self.problem(key_node, f"keys in {what} must be plain text")
                continue
            if anchors:  # a key that is an alias, or the target of one
                if id(key_node) in seen:
                    self.problem(
                        key_node,
                        "YAML aliases (*name) are not supported in this format",
                        "write the value out in full",
                    )
                    continue
                seen.add(id(key_node))
            key = key_node.value
            if key in first:
                self.problem(
                    key_node,
                    f"duplicate key '{shorten(key)}' in {what} (first at line {first[key]})",
                    "YAML would silently keep only the last one; remove or merge one",
                )
                continue
            first[key] = key_node.start_mark.line + 1
            if self._visit(value_node, key_node):
                yield key, key_node, value_node
            elif refused is not None:
                refused.add(key)

    def fields(
        self, node: Node, what: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, tuple[ScalarNode, Node]]:
        """A record's fields by name; reports unknown and missing ones."""
        allowed = required + optional
        found: dict[str, tuple[ScalarNode, Node]] = {}
        misspelt: set[str] = set()  # and refused: present, so not "missing"
        for key, key_node, value_node in self.items(node, what, misspelt):
            if key not in allowed:
                # A key much longer than any field name cannot be close to one,
                # and difflib's cost grows with its length.
                close = (
                    difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                    if len(key) <= MAX_NAME_CHARS
                    else []
                )
                misspelt.update(close)
                self.problem(
                    key_node,
                    f"unknown field '{shorten(key)}' in {what}",
                    f"did you mean '{close[0]}'?"
                    if close
                    else f"allowed fields: {', '.join(allowed)}",
                )
            else:
                found[key] = (key_node, value_node)
        if isinstance(node, MappingNode):
            for name in required:
                if name not in found and name not in misspelt:
                    self.problem(node, f"{what} is missing the required field '{name}'")
        return found

    def text(
        self, field: tuple[ScalarNode, Node] | None, what: str, limit: int = MAX_NAME_CHARS
    ) -> str | None:
        """The text of a scalar field, exactly as written (no YAML 1.1 guessing)."""
        if field is None:
            return None
        key_node, node = field
        if not isinstance(node, ScalarNode):
            self.problem(node, f"{what} must be text, not a {_kind(node)}")
            return None
        # Only nothing and `~` are empty: a plain `null` is the word, like `no`
        # (an actor may be called Null, and `null:` is a valid id).
        if not node.value.strip() or (node.tag == _NULL_TAG and node.value == "~"):
            self.problem(key_node, f"{what} is empty", "write a value")
            return None
        value: str = node.value.strip()
        if len(value) > limit:
            self.problem(node, f"{what} is {len(value):,} characters long; the limit is {limit:,}")
            return None
        return value

    def optional_text(self, field: tuple[ScalarNode, Node] | None, what: str) -> str | None:
        if field is None:
            return None
        node = field[1]
        if isinstance(node, ScalarNode) and (node.tag == _NULL_TAG or not node.value.strip()):
            return None
        return self.text(field, what, MAX_TEXT_CHARS)

    def slug(self, key: str, node: Node, what: str) -> bool:
        if len(key) <= MAX_NAME_CHARS and SLUG.match(key):
            return True
        self.problem(
            node,
            f"{what} id '{shorten(key)}' is not a lower-case slug",
            "use lower-case letters, digits, '-' and '_', e.g. 'united_states'",
        )
        return False

    # -- the document --------------------------------------------------------

    def build(self, root: Node | None) -> Dataset | None:
        head = self.head(root)
        if head is None:
            return None
        top, title, sources, actors, issues = head
        field = top.get("positions")
        last = field is not None and root.value[-1][0] is field[0]  # type: ignore[union-attr]
        positions = self.positions(field, actors, issues, sources, last)
        return self.dataset(title, actors, issues, sources, positions)

    def head(self, root: Node | None) -> _Head | None:
        """Everything but the positions: the top-level fields and the sections they refer to."""
        if root is None:
            self.problems.append(
                Problem(self.filename, 1, 1, "the data file is empty", "see docs/format.md")
            )
            return None
        if not self._visit(root, root):
            return None
        if not isinstance(root, MappingNode):
            self.problem(
                root,
                f"the data file must be a mapping with {', '.join(TOP_FIELDS)}; "
                f"found a {_kind(root)}",
                "see docs/format.md for a complete example",
            )
            return None
        top = self.fields(root, "the data file", TOP_FIELDS)
        # A missing section is reported once, not again at every reference to it.
        self._missing = {
            kind
            for kind, section in (("source", "sources"), ("actor", "actors"), ("issue", "issues"))
            if section not in top
        }
        self.check_format(top.get("format"))
        title = self.text(top.get("title"), "title") or ""
        sources = self.sources(top.get("sources"))
        actors = self.actors(top.get("actors"))
        issues = self.issues(top.get("issues"))
        return top, title, sources, actors, issues

    def dataset(
        self,
        title: str,
        actors: dict[str, Actor],
        issues: dict[str, Issue],
        sources: dict[str, Source],
        positions: list[Position],
    ) -> Dataset | None:
        if self.problems:
            return None
        return Dataset(
            title=title,
            actors=actors,
            issues=issues,
            sources=sources,
            positions=tuple(positions),
        )

    def check_format(self, field: tuple[ScalarNode, Node] | None) -> None:
        if field is None:
            return
        node = field[1]
        if not isinstance(node, ScalarNode) or node.value != str(FORMAT_VERSION):
            shown = shorten(node.value) if isinstance(node, ScalarNode) else _kind(node)
            self.problem(
                node,
                f"unsupported format '{shown}'; this version of positions reads format "
                f"{FORMAT_VERSION}",
                f"write 'format: {FORMAT_VERSION}'",
            )

    def sources(self, field: tuple[ScalarNode, Node] | None) -> dict[str, Source]:
        result: dict[str, Source] = {}
        if field is None:
            return result
        for key, key_node, node in self.items(field[1], "sources"):
            self._declared.add(("source", key))
            if not self.slug(key, key_node, "source"):
                continue
            what = f"source '{key}'"
            f = self.fields(node, what, ("name",), ("url",))
            name = self.text(f.get("name"), f"the name of {what}")
            url = self.optional_text(f.get("url"), f"the url of {what}")
            if url is not None and not url.lower().startswith(("https://", "http://")):
                self.problem(
                    f["url"][1],
                    f"the url of {what} must start with https:// or http://",
                )
                url = None
            if name is not None:
                result[key] = Source(key, name, url)
        return result

    def actors(self, field: tuple[ScalarNode, Node] | None) -> dict[str, Actor]:
        result: dict[str, Actor] = {}
        owner: dict[str, tuple[str, str]] = {}  # normalized key -> (actor id, spelling)
        if field is None:
            return result
        for key, key_node, node in self.items(field[1], "actors"):
            self._declared.add(("actor", key))
            if not self.slug(key, key_node, "actor"):
                continue
            what = f"actor '{key}'"
            f = self.fields(node, what, ("name",), ("aliases",))
            name = self.text(f.get("name"), f"the name of {what}")
            aliases = self.aliases(f.get("aliases"), what)
            if name is None:
                continue
            spellings: list[tuple[Node, str, str]] = [(key_node, key, "id")]
            spellings.append((f["name"][1], name, "name"))
            spellings += [(n, a, "alias") for n, a in aliases]
            mine: set[str] = set()
            for at, spelling, role in spellings:
                norm = normalize(spelling)
                if norm in mine:
                    continue
                mine.add(norm)
                if norm in owner:
                    other, other_spelling = owner[norm]
                    self.problem(
                        at,
                        f"the {role} '{shorten(spelling)}' of {what} is already used by actor "
                        f"'{other}' ('{shorten(other_spelling)}')",
                        "names and aliases must tell actors apart; change one of them",
                    )
                else:
                    owner[norm] = (key, spelling)
            result[key] = Actor(key, name, tuple(a for _, a in aliases))
        return result

    def aliases(self, field: tuple[ScalarNode, Node] | None, what: str) -> list[tuple[Node, str]]:
        if field is None:
            return []
        node = field[1]
        if isinstance(node, ScalarNode) and node.tag == _NULL_TAG:
            return []
        if not isinstance(node, SequenceNode):
            self.problem(node, f"the aliases of {what} must be a list, e.g. [Moscow, Kremlin]")
            return []
        result = []
        for number, item in enumerate(node.value, start=1):
            if not self._visit(item, node, f"item {number} of the aliases of {what}"):
                continue
            alias = self.text((field[0], item), f"an alias of {what}")
            if alias is not None:
                result.append((item, alias))
        return result

    def issues(self, field: tuple[ScalarNode, Node] | None) -> dict[str, Issue]:
        result: dict[str, Issue] = {}
        titles: dict[str, str] = {}
        if field is None:
            return result
        for key, key_node, node in self.items(field[1], "issues"):
            self._declared.add(("issue", key))
            if not self.slug(key, key_node, "issue"):
                continue
            what = f"issue '{key}'"
            f = self.fields(node, what, ISSUE_FIELDS)
            title = self.text(f.get("title"), f"the title of {what}")
            question = self.text(f.get("question"), f"the question of {what}", MAX_TEXT_CHARS)
            if title is None or question is None:
                continue
            norm = normalize(title)
            if norm in titles:
                self.problem(
                    f["title"][1],
                    f"the title of {what} is already the title of issue '{titles[norm]}'",
                    "titles must tell issues apart; change one of them",
                )
            titles[norm] = key
            result[key] = Issue(key, title, question)
        return result

    def positions(
        self,
        field: tuple[ScalarNode, Node] | None,
        actors: dict[str, Actor],
        issues: dict[str, Issue],
        sources: dict[str, Source],
        last: bool = False,
    ) -> list[Position]:
        """The positions; `last` says no entry of the data file comes after them."""
        if self._fast:
            result = self._fast_positions(field, actors, issues, sources, last)
            if result is not None:
                return result
        return self._walk_positions(field, actors, issues, sources)

    def _fast_positions(
        self,
        field: tuple[ScalarNode, Node] | None,
        actors: dict[str, Actor],
        issues: dict[str, Issue],
        sources: dict[str, Source],
        last: bool,
    ) -> list[Position] | None:
        """The positions of a list of plain, valid entries, or None for any other list.

        The positions are the bulk of a large file, and the walk spends most
        of its time in calls that check one value each. This checks the common
        valid shape inline and reports nothing: at the first thing it does not
        recognise it gives up, having changed nothing, and the walk starts
        over from the first entry, so every message is the walk's own.

        Aliases: where the text cannot hold an anchor (`_anchors`), no node is
        reached twice, as the walk's key check also assumes. Otherwise the
        walk's set of visited nodes costs as much as the rest of this, so it
        is replaced by their places: the keys and values met here must start
        strictly after the `positions` key, each after the one before. Places
        that only grow cannot repeat a node; and when no entry of the file
        follows the positions (`last`), every node the walk met before lies
        before that key, as an alias only refers back to an anchor.
        """
        if field is None or type(field[1]) is not SequenceNode:
            return None
        track = self._anchors
        if track and not last:
            return None  # a later entry may alias a node of the list: the walk checks
        after = field[0].start_mark.index  # where the last node met starts
        plain, null = _PLAIN_TAGS, _NULL_TAG
        # Canonical strings: a membership test, and one shared string per id.
        ids = tuple({key: key for key in table} for table in (actors, issues, sources))
        required, allowed = _REQUIRED_POSITION_FIELDS, _POSITION_FIELDS
        text_limit = MAX_TEXT_CHARS
        dates: dict[str, dt.date] = {}
        keys: set[tuple[str, str, dt.date]] = set()
        result: list[Position] = []
        append = result.append
        for item in field[1].value:
            if type(item) is not MappingNode or item.tag not in plain:
                return None
            pairs = item.value
            f: dict[str, ScalarNode] = {}
            for key_node, value_node in pairs:
                if (
                    type(key_node) is not ScalarNode
                    or type(value_node) is not ScalarNode
                    or key_node.tag not in plain
                    or value_node.tag not in plain
                ):
                    return None
                if track:
                    start = key_node.start_mark.index
                    if start <= after or value_node.start_mark.index <= start:
                        return None  # maybe a node reached twice: a YAML alias
                    after = value_node.start_mark.index
                f[key_node.value] = value_node
            if len(f) != len(pairs) or not required <= f.keys() <= allowed:
                return None  # a duplicate, unknown or missing field
            a, i, st, su, so, d = (
                f["actor"],
                f["issue"],
                f["stance"],
                f["summary"],
                f["source"],
                f["date"],
            )
            if null in (a.tag, i.tag, st.tag, su.tag, so.tag, d.tag):
                return None  # `~` is empty, `null` a word: the walk says which
            checked = _plain_fields(
                a.value, i.value, st.value, su.value, so.value, d.value, ids, dates
            )
            if checked is None:
                return None
            actor, issue, stance, summary, source, date = checked
            key = (actor, issue, date)
            if key in keys:
                return None
            keys.add(key)
            quote = None
            q = f.get("quote")
            if q is not None and q.tag != null:
                quote = q.value.strip() or None
                if quote is not None and len(quote) > text_limit:
                    return None
            append(Position(actor, issue, stance, summary, source, date, quote))
        return result

    def _walk_positions(
        self,
        field: tuple[ScalarNode, Node] | None,
        actors: dict[str, Actor],
        issues: dict[str, Issue],
        sources: dict[str, Source],
        entries: Iterable[tuple[int, Position | Node]] | None = None,
        checks: _PositionChecks | None = None,
    ) -> list[Position]:
        """Check every entry of the list; `entries` and `checks` are the stream's (`_Stream`).

        The stream hands over the rest of its list, numbered, as nodes, or as
        the Positions of entries it has checked inline, and the checks that
        know the entries before.
        """
        result: list[Position] = []
        if field is None:
            return result
        node = field[1]
        if isinstance(node, ScalarNode) and node.tag == _NULL_TAG:
            return result
        if not isinstance(node, SequenceNode):
            self.problem(node, "positions must be a list of entries, each starting with '- '")
            return result
        if checks is None:
            checks = _PositionChecks(self, node, actors, issues, sources)
        if entries is None:
            entries = enumerate(node.value, start=1)
        for number, item in entries:
            position = item if isinstance(item, Position) else checks.check(number, item)
            if position is not None:
                result.append(position)
        return result

    def reference(
        self,
        field: tuple[ScalarNode, Node] | None,
        kind: str,
        known: Mapping[str, object],
        ids: list[str],
        section: str,
    ) -> str | None:
        value = self.text(field, kind)
        if value is None or field is None:
            return None
        if value in known:
            return value
        if (kind, value) in self._declared or kind in self._missing:
            return None  # its definition or section is broken, and reported already
        self.problem(
            field[1],
            f"unknown {kind} '{shorten(value)}'",
            self.suggest(kind, value, ids) or f"define it under '{section}:' first",
        )
        return None

    def stance(self, field: tuple[ScalarNode, Node] | None) -> Stance | None:
        value = self.text(field, "stance")
        if value is None or field is None:
            return None
        stance = Stance.from_id(value)
        if stance is None:
            self.problem(
                field[1],
                f"unknown stance '{shorten(value)}'",
                _suggest(value, STANCE_IDS) or f"use one of {', '.join(STANCE_IDS)}",
            )
        return stance

    def date(self, field: tuple[ScalarNode, Node] | None, what: str) -> dt.date | None:
        value = self.text(field, f"the date of {what}")
        if value is None or field is None:
            return None
        if ISO_DATE.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.problem(
            field[1],
            f"bad date '{shorten(value)}' in {what}",
            "write a real calendar date as YYYY-MM-DD, e.g. 2025-08-15",
        )
        return None


#: What `_Builder.head` finds: the top-level fields, the title, sources, actors and issues.
_Head = tuple[
    dict[str, tuple[ScalarNode, Node]], str, dict[str, Source], dict[str, Actor], dict[str, Issue]
]


class _PositionChecks:
    """The walk's checks of one position at a time, with what they share across the list."""

    def __init__(
        self,
        builder: _Builder,
        where: Node,
        actors: dict[str, Actor],
        issues: dict[str, Issue],
        sources: dict[str, Source],
    ) -> None:
        self.builder = builder
        self.where = where  # the list, where an alias of a whole entry is reported
        self.actors, self.issues, self.sources = actors, issues, sources
        self.ids = list(actors), list(issues), list(sources)
        #: The line of the first position of each (actor, issue, date).
        self.first_line: dict[tuple[str, str, dt.date], int] = {}
        # For `plain`: canonical strings, so 100k positions share one string per id.
        self.canonical = tuple({key: key for key in ids} for ids in (actors, issues, sources))
        self.dates: dict[str, dt.date] = {}

    def plain(self, fields: dict[str, Any], pairs: int, line: int) -> Position | None:
        """The position of an entry of `pairs` plain scalars at `line`, if it is valid.

        `fields` maps each key to the ScalarEvent of its value (untagged, no
        anchor). Like `_Builder._fast_positions` this reports nothing: None
        means `check` must look at the entry. The one thing it records is the
        entry's line, which `check` reports when a later entry repeats it.
        """
        if (
            len(fields) != pairs
            or not _REQUIRED_POSITION_FIELDS <= fields.keys() <= _POSITION_FIELDS
        ):
            return None  # a duplicate, unknown or missing field
        a, i, st, su, so, d = (
            fields["actor"].value,
            fields["issue"].value,
            fields["stance"].value,
            fields["summary"].value,
            fields["source"].value,
            fields["date"].value,
        )
        if not _IMPLICIT_TAGS.keys().isdisjoint((a, i, st, su, so, d)):
            return None  # maybe empty (`~`, or nothing), or maybe quoted: `check` tells
        checked = _plain_fields(a, i, st, su, so, d, self.canonical, self.dates)
        if checked is None:
            return None
        actor, issue, stance, summary, source, date = checked
        key = (actor, issue, date)
        if key in self.first_line:
            return None
        quote = None
        q = fields.get("quote")
        if q is not None:
            if q.value in _IMPLICIT_TAGS and q.implicit[0]:
                if _IMPLICIT_TAGS[q.value] != _NULL_TAG:
                    return None
            else:
                quote = q.value.strip() or None
                if quote is not None and len(quote) > MAX_TEXT_CHARS:
                    return None
        self.first_line[key] = line
        return Position(actor, issue, stance, summary, source, date, quote)

    def check(self, number: int, item: Node) -> Position | None:
        """Position `number` (from 1), or None when it is refused, after reporting why."""
        b = self.builder
        what = f"position {number}"
        if not b._visit(item, self.where, what):
            return None
        f = b.fields(item, what, POSITION_FIELDS[:4] + POSITION_FIELDS[5:], ("quote",))
        actor_ids, issue_ids, source_ids = self.ids
        actor = b.reference(f.get("actor"), "actor", self.actors, actor_ids, "actors")
        issue = b.reference(f.get("issue"), "issue", self.issues, issue_ids, "issues")
        source = b.reference(f.get("source"), "source", self.sources, source_ids, "sources")
        stance = b.stance(f.get("stance"))
        summary = b.text(f.get("summary"), f"the summary of {what}", MAX_TEXT_CHARS)
        quote = b.optional_text(f.get("quote"), f"the quote of {what}")
        date = b.date(f.get("date"), what)
        if actor is None or issue is None or date is None:
            return None
        line = item.start_mark.line + 1
        seen = self.first_line.setdefault((actor, issue, date), line)
        if seen != line:
            b.problem(
                item,
                f"a second position of '{actor}' on '{issue}' dated {date.isoformat()} "
                f"(first at line {seen})",
                "keep one position per actor, issue and date",
            )
        elif source is not None and stance is not None and summary is not None:
            return Position(actor, issue, stance, summary, source, date, quote)
        return None


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "mapping"
    if isinstance(node, SequenceNode):
        return "list"
    return "single value"


# -- the streaming pass --------------------------------------------------------------------------


class _Restart(Exception):
    """The stream holds what only the node tree handles: load the file that way instead."""


# The `positions:` key at the start of a line, and after it a line that starts
# with something other than a space, a comment, a list item or a document marker.
_POSITIONS_KEY = re.compile(rb"^positions[ \t]*:", re.M)
_LATER_ENTRY = re.compile(rb"\n[^ \t\r\n#\-.]")


def _streamable(source: bytes) -> bool:
    """Whether `_Stream` may read `source`: with libyaml, and the positions last.

    Without libyaml the tree's RecursionError is what bounds nesting. Where the
    positions are is guessed from the text (about 25 ms on a 28 MB file): the
    stream checks the real order, and a wrong guess costs a second pass.
    """
    if _CParser is None or not issubclass(_Loader, _CParser):
        return False
    key = _POSITIONS_KEY.search(source)
    return key is None or _LATER_ENTRY.search(source, key.end()) is None


class _Stream:
    """One pass over libyaml's events that builds the Dataset without the file's node tree.

    Everything but the positions list is composed into nodes as libyaml's
    composer would (`node`) and checked by the builder as before. The list is
    read one entry at a time (`entries`) and each entry dropped once checked.
    That needs every top-level key and section before the first entry, so the
    list is streamed only as the file's last entry; and aliases, which only a
    whole tree can tell from their anchors, are not followed. Whatever the
    stream cannot take raises `_Restart` and the file is loaded as a tree: an
    anchor or alias anywhere, an entry after the positions, a root that is not
    a mapping, an empty file or a second document.

    Events are typed Any: PyYAML's stubs type their marks apart from the nodes'.
    """

    def __init__(self, builder: _Builder, source: bytes) -> None:
        self.builder = builder
        parser = _Loader(source)
        self.get: Callable[[], Any] = parser.get_event
        self.resolve = parser.resolve

    def run(self) -> Dataset | None:
        get = self.get
        get()  # the stream's start
        if type(get()) is not DocumentStartEvent:
            raise _Restart  # an empty file
        event = get()
        if type(event) is not MappingStartEvent or event.anchor is not None:
            raise _Restart
        root = self.collection(event)
        keys: set[str] = set()
        dataset = None
        streamed = False
        while type(event := get()) is not MappingEndEvent:
            if streamed:
                raise _Restart  # an entry after the positions, which were checked without it
            key = self.node(event)
            event = get()
            if (
                type(event) is SequenceStartEvent
                and event.tag is None
                and event.anchor is None
                and type(key) is ScalarNode
                and key.value == "positions"
                and key.tag in _PLAIN_TAGS
                and "positions" not in keys
            ):
                value = self.collection(event)
                root.value.append((key, value))
                dataset = self.positions(root, value)
                streamed = True
            else:
                root.value.append((key, self.node(event)))
            if type(key) is ScalarNode:
                keys.add(key.value)
        root.end_mark = event.end_mark
        get()  # the document's end
        if type(get()) is not StreamEndEvent:
            raise _Restart  # a second document: the composer says so
        if not streamed:
            try:
                dataset = self.builder.build(root)
            except _TooManyProblems:
                dataset = None
        return dataset

    def positions(self, root: Node, node: Node) -> Dataset | None:
        """Check all of `root` but its last entry, then the positions as they are read."""
        builder = self.builder
        try:
            head = builder.head(root)
            if head is not None:
                top, title, sources, actors, issues = head
                field = top.get("positions")
                if field is not None and field[1] is node:
                    positions = self.entries(field, actors, issues, sources)
                    return builder.dataset(title, actors, issues, sources, positions)
        except _TooManyProblems:
            pass
        self.skip(node)  # read on: a YAML error, an alias or a later entry still counts
        return None

    def entries(
        self,
        field: tuple[ScalarNode, Node],
        actors: dict[str, Actor],
        issues: dict[str, Issue],
        sources: dict[str, Source],
    ) -> list[Position]:
        """The positions of the list `field[1]`, read from the event after its start to its end.

        Plain, valid entries are checked inline. From the first entry that is
        not, the walk (`_Builder._walk_positions`) takes the rest of the list,
        entry by entry, as it would take the whole list in a tree: it reports,
        and the entries after still go through the inline check.
        """
        checks = _PositionChecks(self.builder, field[1], actors, issues, sources)
        result: list[Position] = []
        entries = self.numbered(field[1], checks)
        for number, entry in entries:
            if not isinstance(entry, Position):
                rest = itertools.chain([(number, entry)], entries)
                walk = self.builder._walk_positions
                return result + walk(field, actors, issues, sources, rest, checks)
            result.append(entry)
        return result

    def numbered(
        self, node: Node, checks: _PositionChecks
    ) -> Iterator[tuple[int, Position | Node]]:
        """Each entry of the list `node` with its number: its Position if `plain`, else its node."""
        get, plain = self.get, checks.plain
        number = 0
        while True:
            event = get()
            kind = type(event)
            if kind is SequenceEndEvent:
                node.end_mark = event.end_mark
                return
            number += 1
            if kind is MappingStartEvent and event.tag is None and event.anchor is None:
                # An entry of plain scalars is checked from its events alone.
                events = [event]
                fields: dict[str, Any] = {}
                flat = True
                while True:
                    key = get()
                    events.append(key)
                    if type(key) is MappingEndEvent:
                        break
                    if type(key) is not ScalarEvent:
                        flat = False
                        break
                    value = get()
                    events.append(value)
                    if (
                        type(value) is not ScalarEvent
                        or key.tag is not None
                        or value.tag is not None
                        or key.anchor is not None
                        or value.anchor is not None
                    ):
                        flat = False
                        break
                    fields[key.value] = value
                if flat:
                    position = plain(fields, len(events) // 2 - 1, event.start_mark.line + 1)
                    if position is not None:
                        yield number, position
                        continue
                # Anything else, as the walk sees it: the events read, then the rest.
                read = iter(events)
                yield number, self.node(next(read), _replay(read, get))
            else:
                yield number, self.node(event)

    def skip(self, node: Node) -> None:
        """Read the rest of the list `node` without checking it, to its end."""
        get = self.get
        depth = 0
        while True:
            event = get()
            kind = type(event)
            if kind is SequenceEndEvent or kind is MappingEndEvent:
                if not depth:
                    node.end_mark = event.end_mark
                    return
                depth -= 1
            elif event.anchor is not None:
                raise _Restart  # an anchor or an alias
            elif kind is not ScalarEvent:
                depth += 1

    def node(self, event: Any, get: Callable[[], Any] | None = None) -> Node:
        """The node starting at `event`, as libyaml's composer builds it; the rest read by `get`."""
        get = get or self.get
        resolve = self.resolve
        open_: list[list[Any]] = []  # the collections being read: [node, key awaiting its value]
        while True:
            kind = type(event)
            if kind is ScalarEvent:
                if event.anchor is not None:
                    raise _Restart
                tag = event.tag
                if tag is None or tag == "!":
                    tag = resolve(ScalarNode, event.value, event.implicit)
                node: Node = ScalarNode(
                    tag, event.value, event.start_mark, event.end_mark, event.style
                )
            elif kind is SequenceStartEvent or kind is MappingStartEvent:
                if event.anchor is not None:
                    raise _Restart
                open_.append([self.collection(event), None])
                event = get()
                continue
            elif kind is SequenceEndEvent or kind is MappingEndEvent:
                node = open_.pop()[0]
                node.end_mark = event.end_mark
            else:
                raise _Restart  # an alias
            if not open_:
                return node
            parent = open_[-1]
            if type(parent[0]) is SequenceNode:
                parent[0].value.append(node)
            elif parent[1] is None:
                parent[1] = node
            else:
                parent[0].value.append((parent[1], node))
                parent[1] = None
            event = get()

    def collection(self, event: Any) -> Node:
        """The empty node of a list or mapping starting at `event`."""
        kind: type[Node] = SequenceNode if type(event) is SequenceStartEvent else MappingNode
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolve(kind, None, event.implicit)
        return kind(tag, [], event.start_mark, None, event.flow_style)  # type: ignore[call-arg]


def _replay(read: Iterator[Any], live: Callable[[], Any]) -> Callable[[], Any]:
    """A `get_event` giving the events of `read`, then those of `live` (events are never falsy)."""
    return lambda: next(read, None) or live()
