"""The loader's shortcuts against the plain way: the same Dataset, or the same messages.

The loader streams a file's positions from libyaml's events; where it cannot,
it composes a tree with a table instead of PyYAML's resolver, and checks a
list of plain, valid positions inline instead of walking it. Here every file
is loaded three ways: as the loader does (streamed where it can be), as a
tree with the shortcuts, and the plain way, PyYAML's own resolver and the
full walk. The outcomes must be identical: the Dataset, or every message with
its line, column and hint. tests/test_loader_stream.py looks at the stream.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from positions import loader
from positions.errors import DataError
from positions.model import STANCE_IDS, Dataset

HERE = Path(__file__).parent
NAME = "t.yaml"
FILES = sorted(
    [
        HERE.parent / "data" / "positions.yaml",
        *(HERE / "data").glob("*.yaml"),
        *(HERE / "corpus").glob("*.yaml"),
    ]
)
#: PyYAML's own loader, which `loader._Loader` refines: CSafeLoader, or SafeLoader without libyaml.
PYYAML: type[Any] = loader._Loader.__bases__[0]
SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class _WalkingBuilder(loader._Builder):
    """The builder without its fast path."""

    def __init__(self, filename: str, anchors: bool = True) -> None:
        super().__init__(filename, anchors, fast=False)


def outcome(
    text: str | bytes, *, plain: bool = False, tree: bool = False
) -> Dataset | tuple[str, ...]:
    """The loader's answer; `plain`: with PyYAML's resolver and the full walk; `tree`:
    never streamed, a tree with the loader's shortcuts."""
    data = text.encode("utf-8", errors="surrogatepass") if isinstance(text, str) else text
    with (
        mock.patch.object(loader, "_Loader", PYYAML if plain else loader._Loader),
        mock.patch.object(loader, "_Builder", _WalkingBuilder if plain else loader._Builder),
        mock.patch.object(loader, "_streamable", return_value=False) if tree else nullcontext(),
    ):
        try:
            return loader.parse(data, NAME)
        except DataError as error:
            return tuple(str(p) for p in error.problems)


def assert_same(text: str | bytes) -> Dataset | tuple[str, ...]:
    fast = outcome(text)
    assert fast == outcome(text, plain=True)
    assert fast == outcome(text, tree=True)
    return fast


def many_positions(n: int, anchors: bool = False) -> str:
    """A valid file of `n` positions; `anchors`: its text may hold an anchor (it holds none)."""
    lines = ["format: 1", "title: T", "sources: {wire: {name: Wire}}", "actors:"]
    lines += [f"  a{k}: {{name: A {k}}}" for k in range(10)]
    lines += ["issues:"] + [f"  i{k}: {{title: I {k}, question: Q {k}?}}" for k in range(10)]
    lines.append("positions:")
    for k in range(n):
        lines += [
            f"  - actor: a{k % 10}",
            f"    issue: i{k // 10 % 10}",
            "    stance: neutral",
            f"    summary: {'R &D' if anchors else 'R&D'} {k}",
            "    source: wire",
            f"    date: 2025-01-{k // 100 + 1:02d}",
        ]
        if k % 3 == 0:
            lines.append(f'    quote: "{k}"' if k % 2 else "    quote: ~")
    return "\n".join(lines) + "\n"


def _entry_lines(text: str, number: int) -> tuple[list[str], int, int]:
    """The lines of `text`, and where position `number` (from 1) starts and ends."""
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines) if line.startswith("  - ")]
    start = starts[number - 1]
    end = starts[number] if number < len(starts) else len(lines)
    return lines, start, end


# --- a valid file, then damage ----------------------------------------------------------------

ACTORS = ("north", "south", "null", "east_2")
ISSUES = ("border", "gas-price", "yes")
SOURCES = ("wire", "paper")
FIELD_ORDER = ("actor", "issue", "stance", "summary", "quote", "source", "date")


def _word(text: str, style: int) -> str:
    """`text` as a plain, single-quoted or double-quoted YAML scalar."""
    return (text, f"'{text}'", f'"{text}"')[style % 3]


def valid_lines(rng: random.Random) -> list[str]:
    """A small valid file, one value per line, varied in order, quoting and layout."""
    head = ["format: 1", f"title: {_word('Talks', rng.randrange(3))}", "sources:"]
    head += [f"  {s}: {{name: {s.title()}, url: https://{s}.example}}" for s in SOURCES]
    head.append("actors:")
    for a in ACTORS:
        head += [f"  {a}:", f"    name: {_word(a.title() + ' side', rng.randrange(3))}"]
        if rng.random() < 0.5:
            head.append(f"    aliases: [{a.upper()}X]")
    head.append("issues:")
    for i in ISSUES:
        head += [f"  {i}:", f"    title: {i.title()} question", f"    question: Should {i} move?"]
    body = ["positions:"]
    used: set[tuple[str, str, str]] = set()
    for _ in range(rng.randint(0, 9)):
        actor, issue = rng.choice(ACTORS), rng.choice(ISSUES)
        date = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if (actor, issue, date) in used:
            continue
        used.add((actor, issue, date))
        values = {
            "actor": actor,
            "issue": issue,
            "stance": rng.choice(STANCE_IDS),
            "summary": _word(f"Says {rng.randrange(1000)}", rng.randrange(3)),
            "source": rng.choice(SOURCES),
            "date": date,
        }
        if rng.random() < 0.4:
            values["quote"] = rng.choice(["We shall see", "'Not yet'", "~", "null", '""'])
        names = [n for n in FIELD_ORDER if n in values]
        if rng.random() < 0.3:
            rng.shuffle(names)
        if rng.random() < 0.2:  # a flow mapping on one line
            body.append("  - {" + ", ".join(f"{n}: {values[n]}" for n in names) + "}")
        else:
            body += [("  - " if n == names[0] else "    ") + f"{n}: {values[n]}" for n in names]
    if rng.random() < 0.25:  # the positions first: the walk's alias check runs after them
        return ["format: 1", *body, *head[1:]]
    return head + body


# Values that are not plain valid text, or valid only by a narrow margin, by kind.
ODD_VALUES = st.one_of(
    st.sampled_from(["~", "null", "Null", "NULL", "", '""', "''", "' '", "!!null ''"]),
    st.sampled_from(['! "~"', "! ''", '! "null\\n"', '! "!\\n"', "<<", "=", "'<<'"]),
    st.sampled_from(["[north, south]", "{a: b}", "[]", "{}", "- x", "&a [x]", "!custom x"]),
    st.sampled_from(["2025-02-30", "2025-2-3", "20250102", "2025-W01-1", "2025-01-02T00:00"]),
    st.sampled_from(
        ["25-01-02", "2025-01-02x", "'2025-01-02'", "２０２５-０１-０２", " 2025-01-02"]
    ),
    st.sampled_from(["supports", "Support", "strongly-support", "rusia", "' south '", "gas_price"]),
    st.sampled_from(["no", "yes", "north # c", '"\\u2028north"', "'\\t'", "x" * 201, "y" * 10_001]),
    st.sampled_from(["*a", "*b", "&a north", "&b south", "&a"]),
)
TAGS = [
    "!custom ",
    "!!str ",
    "!!int ",
    "!!binary ",
    "!!null ",
    "! ",
    "!!timestamp ",
    "!!python/str ",
]
ODD_KEYS = ["acter", "actor", "quote", "when", "'date'", "~", "null", "<<", "*a", "&a issue", "? x"]
ODD_ITEMS = ["- !custom ", "- !!map ", "- &a ", "- *a\n  - ", "- ? ", "-  "]
ODD_ITEMS += ["- !custom\n    ", "- !!map\n    ", "- !!str\n    ", "- &a\n    "]


# Values that are nearly right for one field of a position.
NEAR = {
    "actor": ["rusia", "south ", "' south '", "North", "null", "nul", "~", "!!str north"],
    "issue": ["gas_price", "'yes'", "yes", "YES", "border\\t", "~", "[border]"],
    "stance": ["supports", "Support", "strongly-support", "' support '", "~", "null"],
    "summary": ["~", "null", "''", "' '", "'~'", "x" * 10_001, "!!null x", "! ''", "*a"],
    "quote": ["~", "null", "''", "' '", "'~'", "x" * 10_001, '! "null\\n"', '! "!\\n"', "{}"],
    "source": ["Wire", "wires", "~", "'wire'", '"wire"', "!!binary wire"],
    "date": ["20250102", "2025-W01-1", "2025-02-30", "2025-1-2", " 2025-01-02", "'2025-01-02'"],
}
KINDS = [
    *("value", "value", "near", "near", "tag", "key", "item", "alias"),
    *("delete", "duplicate", "copy", "swap", "extra"),
]


@st.composite
def damaged_files(draw: st.DrawFn) -> str:
    """A valid file with a few mistakes, most of them in its positions."""
    lines = valid_lines(random.Random(draw(st.integers(0, 2**32))))
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 4]))):
        first = next((n + 1 for n, line in enumerate(lines) if line == "positions:"), len(lines))
        if first >= len(lines) or draw(st.integers(0, 5)) == 0:
            first = 0
        kind = draw(st.sampled_from(KINDS))
        entries = [n for n in range(first, len(lines)) if lines[n].startswith("  - ")]
        if kind in ("item", "copy") and entries:
            at = draw(st.sampled_from(entries))
        else:
            at = draw(st.integers(first, len(lines) - 1))
        line = lines[at]
        key, colon, value = line.partition(": ")
        name = key.lstrip(" -")
        if kind == "value" and colon:
            lines[at] = f"{key}: {draw(ODD_VALUES)}"
        elif kind == "near" and name in NEAR:
            lines[at] = f"{key}: {draw(st.sampled_from(NEAR[name]))}"
        elif kind == "tag" and colon:
            lines[at] = f"{key}: {draw(st.sampled_from(TAGS))}{value}"
        elif kind == "key" and colon:
            lines[at] = f"{key[: len(key) - len(name)]}{draw(st.sampled_from(ODD_KEYS))}: {value}"
        elif kind == "item" and line.startswith("  - "):
            lines[at] = "  " + draw(st.sampled_from(ODD_ITEMS)) + line[4:]
        elif kind == "alias" and colon:  # anchor this value, alias it from another line
            other = draw(st.integers(0, len(lines) - 1))
            lines[at] = f"{key}: &v {value}"
            name, colon, _ = lines[other].partition(": ")
            if colon and other != at:
                lines[other] = f"{name}: *v"
        elif kind == "copy" and line.startswith("  - "):  # the whole entry again, at the end
            end = next((n for n in range(at + 1, len(lines)) if lines[n][:4] != "    "), len(lines))
            lines += lines[at:end]
        elif kind == "swap" and line.startswith("    "):
            other = draw(st.integers(first, len(lines) - 1))
            if lines[other].startswith("    "):
                lines[at], lines[other] = lines[other], line
        elif kind == "extra":  # an entry that aliases or anchors, before or after the positions
            entry = draw(st.sampled_from(["extra: &a north", "extra: *a", "extra: &v [1]"]))
            lines.insert(draw(st.sampled_from([0, len(lines)])), entry)
        elif kind == "delete":
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, line)
        if not lines:
            break
    return "\n".join(lines) + "\n"


@settings(SETTINGS, max_examples=600)
@given(damaged_files())
def test_damaged_files_load_the_same_both_ways(text: str) -> None:
    assert_same(text)


@SETTINGS
@given(st.integers(0, 2**32))
def test_valid_files_load_the_same_both_ways(seed: int) -> None:
    text = "\n".join(valid_lines(random.Random(seed))) + "\n"
    assert isinstance(assert_same(text), Dataset), text


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_fixture_loads_the_same_both_ways(path: Path) -> None:
    assert_same(path.read_bytes())


# --- one mistake after entries the fast path accepted -----------------------------------------

NEAR_MISSES = [(field, value) for field, values in NEAR.items() for value in values]
NEAR_MISSES += [(field, tag + "VALUE") for field in NEAR for tag in TAGS]


@pytest.mark.parametrize(("field", "value"), NEAR_MISSES)
@pytest.mark.parametrize("anchors", [False, True])
def test_one_near_miss_in_the_middle_loads_the_same_both_ways(
    field: str, value: str, anchors: bool
) -> None:
    """Each check of the fast path, one at a time, after entries it accepted."""
    lines, start, end = _entry_lines(many_positions(12, anchors), 7)
    (at,) = [n for n in range(start, end) if lines[n].lstrip(" -").startswith(field + ":")]
    key, _, old = lines[at].partition(": ")
    lines[at] = f"{key}: {value.replace('VALUE', old)}"
    assert_same("\n".join(lines) + "\n")


@pytest.mark.parametrize("prefix", ODD_ITEMS)
@pytest.mark.parametrize("anchors", [False, True])
def test_one_odd_entry_in_the_middle_loads_the_same_both_ways(prefix: str, anchors: bool) -> None:
    lines, start, _ = _entry_lines(many_positions(12, anchors), 7)
    lines[start] = "  " + prefix + lines[start][4:]
    assert_same("\n".join(lines) + "\n")


@pytest.mark.parametrize(
    "added", ["when: 2025", "quotes: x", "actor: a1", "quote: again", "<<: {a: b}", "~: x", "? x"]
)
@pytest.mark.parametrize("anchors", [False, True])
def test_one_more_field_in_the_middle_loads_the_same_both_ways(added: str, anchors: bool) -> None:
    lines, start, _ = _entry_lines(many_positions(12, anchors), 7)
    lines.insert(start + 2, "    " + added)
    assert_same("\n".join(lines) + "\n")


ANCHORED = """\
format: 1
title: T
sources: {wire: {name: &w Wire}}
actors: {north: {name: North}, south: {name: South}}
issues: {border: {title: Border, question: Move it?}}
positions:
  - {actor: north, issue: border, stance: support, summary: &s Says so, source: wire, date: 2025-01-02}
  - {actor: south, issue: border, stance: oppose, summary: SUMMARY, source: wire, date: 2025-01-02}
"""  # noqa: E501


@pytest.mark.parametrize(
    "summary",
    [
        "Says no",  # valid, though the text may hold anchors
        "*s",  # an alias to a summary before it in the list
        "*w",  # to a value outside the list
        "&t Says no",  # another anchor, no alias
    ],
)
@pytest.mark.parametrize("after", ["", "extra: *s\n", "title: *s\n"])
def test_aliases_into_and_out_of_the_positions(summary: str, after: str) -> None:
    """An entry after the positions may alias one of their values: the walk decides."""
    text = ANCHORED.replace("SUMMARY", summary)
    if after.startswith("title"):  # the title, moved after the positions
        text = text.replace("title: T\n", "")
    text += after
    result = assert_same(text)
    if summary in ("*s", "*w") or after:
        assert isinstance(result, tuple)
        assert any("YAML aliases (*name) are not supported in this format" in p for p in result)
    else:
        assert isinstance(result, Dataset)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("&k summary: x", "*k : y"),  # a key that is an alias of a key
        ("summary: &k x", "*k : y"),  # of a value
        ("&k summary: x", "summary: *k"),  # a value that is an alias of a key
        ("summary: &k x", "summary: *k"),  # of a value
        ("summary: &k x", "summary: y"),  # an anchor, no alias
    ],
)
def test_aliases_between_two_positions(first: str, second: str) -> None:
    lines, start, end = _entry_lines(many_positions(12), 3)
    (at,) = [n for n in range(start, end) if "summary:" in lines[n]]
    lines[at] = "    " + first
    lines, start, end = _entry_lines("\n".join(lines), 9)
    (at,) = [n for n in range(start, end) if "summary:" in lines[n]]
    lines[at] = "    " + second
    result = assert_same("\n".join(lines) + "\n")
    assert isinstance(result, Dataset) == (second == "summary: y")


# --- the fast path is taken -------------------------------------------------------------------


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the full walks of a positions list."""
    calls: list[int] = []
    walk = loader._Builder._walk_positions

    def counting(self: loader._Builder, *args: Any) -> Any:
        calls.append(1)
        return walk(self, *args)

    monkeypatch.setattr(loader._Builder, "_walk_positions", counting)
    return calls


@pytest.mark.parametrize("anchors", [False, True])
def test_a_valid_file_takes_the_fast_path(walks: list[int], anchors: bool) -> None:
    text = many_positions(300, anchors)
    assert loader._may_have_anchors(text) is anchors
    dataset = loader.parse(text.encode(), NAME)
    assert (len(dataset.positions), walks) == (300, [])
    assert dataset == outcome(text, plain=True)


def test_the_default_data_takes_the_fast_path(walks: list[int]) -> None:
    loader.parse((HERE.parent / "data" / "positions.yaml").read_bytes(), NAME)
    assert walks == []


def test_a_mistake_at_the_end_is_reported_by_the_walk(walks: list[int]) -> None:
    text = many_positions(300)
    at = text.rindex("actor: a9\n") + len("actor: ")
    text = text[:at] + "a99" + text[at + 2 :]
    line = text.count("\n", 0, at) + 1
    with pytest.raises(DataError) as info:
        loader.parse(text.encode(), NAME)
    assert [str(p) for p in info.value.problems] == [
        f"{NAME}:{line}:12: unknown actor 'a99'; did you mean 'a9'?"
    ]
    assert walks == [1]


EXTRA = (
    "unknown field 'extra' in the data file; allowed fields: format, title, sources, "
    "actors, issues, positions"
)


def test_anchors_with_an_entry_after_the_positions_take_the_walk(walks: list[int]) -> None:
    """A later entry could alias a value of the list, which only the walk's set notices."""
    text = many_positions(30, anchors=True) + "extra: 1\n"
    assert outcome(text) == (f"{NAME}:{text.count(chr(10))}:1: {EXTRA}",)
    assert walks == [1]
    walks.clear()
    text = many_positions(30, anchors=False) + "extra: 1\n"
    assert outcome(text) == (f"{NAME}:{text.count(chr(10))}:1: {EXTRA}",)
    assert walks == []  # no anchor, no alias: the entry after does not matter


# --- the table resolver -----------------------------------------------------------------------

_SPECIAL = ("null", "merge", "value", "yaml")


def _kind(tag: str) -> str:
    """What the builder can tell about a tag: null, other plain, or the tag itself."""
    if tag == loader._NULL_TAG:
        return "null"
    return "plain" if tag in loader._PLAIN_TAGS else tag


def test_pyyaml_resolves_as_the_table_assumes() -> None:
    """The table copies these of PyYAML's patterns: a new version must be looked at."""
    patterns = {
        tag.rsplit(":", 1)[1]: regexp.pattern
        for resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.values()
        for tag, regexp in resolvers
    }
    assert sorted(patterns) == sorted(
        ("bool", "float", "int", "merge", "null", "timestamp", "value", "yaml")
    )
    assert {tag: re.sub(r"\s", "", patterns[tag]) for tag in _SPECIAL} == {
        "null": "^(?:~|null|Null|NULL|)$",
        "merge": "^(?:<<)$",
        "value": "^(?:=)$",
        "yaml": "^(?:!|&|\\*)$",
    }
    assert None not in yaml.resolver.Resolver.yaml_implicit_resolvers  # no wildcard pattern


EDGE_WORDS = [
    *("", "~", "null", "Null", "NULL", "<<", "=", "!", "&", "*"),
    *("~\n", "null\n", "Null\n", "NULL\n", "<<\n", "=\n", "!\n", "&\n", "*\n"),
    *("\n", "null\n\n", " null", "null ", "nULL", "~~", "<<<", "==", "!!", "&&", "**"),
    *("yes", "No", "1", "0x1f", "1.5", ".inf", "2025-01-02", "12:30", "<", "\x85", "null\r"),
]


@settings(max_examples=500)
@given(
    st.sampled_from(EDGE_WORDS) | st.text(max_size=6),
    st.sampled_from([(True, False), (False, True), (False, False), (True, True)]),
)
def test_the_table_resolves_as_pyyaml_for_the_builder(word: str, implicit: Any) -> None:
    table = loader._Loader("").resolve(ScalarNode, word, implicit)
    pyyaml = yaml.SafeLoader("").resolve(ScalarNode, word, implicit)  # type: ignore[no-untyped-call]
    assert _kind(table) == _kind(pyyaml)


def _tags(node: Node | None) -> Iterator[str]:
    seen: set[int] = set()
    stack = [node] if node is not None else []
    while stack:
        node = stack.pop()
        yield _kind(node.tag)
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            stack += [n for pair in node.value for n in pair]
        elif isinstance(node, SequenceNode):
            stack += node.value


class _PurePythonTableLoader(yaml.SafeLoader):
    """The table resolver on PyYAML's pure-Python composer, as where libyaml is missing."""

    resolve = loader._Loader.resolve
    descend_resolver = loader._Loader.descend_resolver
    ascend_resolver = loader._Loader.ascend_resolver


@SETTINGS
@given(damaged_files())
def test_composed_trees_have_the_same_kinds_of_tags(text: str) -> None:
    try:
        table = list(_tags(yaml.compose(text, Loader=loader._Loader)))
    except yaml.YAMLError:
        return
    assert table == list(_tags(yaml.compose(text, Loader=PYYAML)))
    assert table == list(_tags(yaml.compose(text, Loader=_PurePythonTableLoader)))
