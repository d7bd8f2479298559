"""The streamed load (`loader._Stream`): the tree's outcome, without the tree.

A file whose positions are its last entry is read from libyaml's events, one
position at a time. Every case here is loaded as the loader does, as a tree
with the loader's shortcuts and the plain way (tests/test_loader_fast.py's
`assert_same`), and must give the same Dataset or the same messages; the
`trees` fixture says whether the loader streamed it or composed a tree.
"""

from __future__ import annotations

import contextlib
import random
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from positions import loader
from positions.errors import DataError
from positions.model import Dataset
from tests.test_loader_fast import (
    NAME,
    NEAR,
    ODD_ITEMS,
    SETTINGS,
    TAGS,
    assert_same,
    many_positions,
    outcome,
)


@pytest.fixture
def trees(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the whole-file node trees the loader composes: none when it streams."""
    calls: list[int] = []
    compose = loader._compose

    def counting(text: str, filename: str) -> Any:
        calls.append(1)
        return compose(text, filename)

    monkeypatch.setattr(loader, "_compose", counting)
    return calls


def _messages(text: str) -> tuple[str, ...]:
    result = assert_same(text)
    assert isinstance(result, tuple), "expected problems"
    return result


def _at(text: str, needle: str) -> tuple[int, int]:
    """Line and column (from 1) of the last `needle` in `text`."""
    index = text.rindex(needle)
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


# --- streamed -----------------------------------------------------------------------------


@pytest.mark.parametrize("anchors", [False, True])
def test_a_valid_file_is_streamed(trees: list[int], anchors: bool) -> None:
    """`R &D` in the text made the tree check every node's place; the stream needs nothing."""
    text = many_positions(300, anchors)
    dataset = loader.parse(text.encode(), NAME)
    assert (len(dataset.positions), trees) == (300, [])
    assert dataset == outcome(text, tree=True)


def test_the_default_data_is_streamed(trees: list[int]) -> None:
    path = Path(__file__).parent.parent / "data" / "positions.yaml"
    assert isinstance(assert_same(path.read_bytes()), Dataset)
    trees.clear()
    loader.parse(path.read_bytes(), NAME)
    assert trees == []


def test_streaming_holds_one_position_at_a_time() -> None:
    """The tree of this file takes about 45 times its size; streamed, the peak is the model's."""
    data = many_positions(3_000).encode()
    tracemalloc.start()
    try:
        loader.parse(data, NAME)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10 * len(data)


def test_a_byte_order_mark_is_streamed_in_the_same_places(trees: list[int]) -> None:
    text = many_positions(20).replace("summary: R&D 7\n", "summary: [R&D 7]\n")
    line, column = _at(text, "[R&D 7]")
    expected = f"{NAME}:{line}:{column}: the summary of position 8 must be text, not a list"
    assert _messages(text) == _messages("\ufeff" + text) == (expected,)
    trees.clear()
    with pytest.raises(DataError):
        loader.parse(b"\xef\xbb\xbf" + text.encode(), NAME)
    assert trees == []


def test_text_given_as_str_is_composed_as_a_tree(trees: list[int]) -> None:
    text = many_positions(30)
    assert loader.parse(text, NAME) == loader.parse(text.encode(), NAME)
    assert trees == [1]


def test_without_libyaml_nothing_is_streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "_Loader", yaml.SafeLoader)
    assert not loader._streamable(many_positions(3).encode())


# --- one change near the end of a streamed file -------------------------------------------

#: (what, old, new, streamed): `old`, the last time it occurs in the file, becomes `new`.
#: `streamed` is whether the loader gets to the end without composing the whole file.
ENTRY = "  - actor: a0\n    issue: i4"  # the start of position 41 (from 1) of 45
SUMMARY = "summary: R&D 40"
FLOW = "{actor: a0, issue: i4, stance: oppose, summary: s, source: wire, date: 2025-02-01}"
CHANGES = [
    ("a YAML error", SUMMARY, "summary: [R&D 40", True),
    ("an unclosed quote", SUMMARY, 'summary: "R&D 40', True),
    ("a tab", "    date: 2025-01-01", "\tdate: x", True),
    ("a bad escape", SUMMARY, 'summary: "\\ud83d\\ude00"', True),
    ("too deep", SUMMARY, "summary: " + "[" * 1_100 + "]" * 1_100, True),
    ("deep, within libyaml's limit", SUMMARY, "summary: " + "[" * 900 + "]" * 900, True),
    ("a repeated entry", ENTRY, "  - actor: a0\n    issue: i0", True),
    ("an entry that is a list", ENTRY, "  - [a, b]\n" + ENTRY, True),
    ("an empty entry", ENTRY, "  -\n" + ENTRY, True),
    ("a tagged entry", ENTRY, "  - !!map\n    actor: a0\n    issue: i4", True),
    ("a flow entry", ENTRY, f"  - {FLOW}\n" + ENTRY, True),
    ("a custom tag", SUMMARY, "summary: !custom R&D 40", True),
    ("a str tag", SUMMARY, "summary: !!str R&D 40", True),
    ("a null summary", SUMMARY, "summary: ~", True),
    ("a quoted null", SUMMARY, "summary: 'null'", True),
    ("a merge key", SUMMARY, "<<: {summary: x}", True),
    ("a complex key", SUMMARY, "? [summary]\n    : x", True),
    ("a document end", "date: 2025-01-01\n", "date: 2025-01-01\n...\n", True),
    ("an anchor", SUMMARY, "summary: &s R&D 40", False),
    ("an anchored entry", ENTRY, "  - &e\n    actor: a0\n    issue: i4", False),
    ("an alias", SUMMARY, "summary: *s", False),
    ("an alias entry", ENTRY, "  - *e\n" + ENTRY, False),
    ("a second document", "date: 2025-01-01\n", "date: 2025-01-01\n---\nformat: 1\n", False),
]


@pytest.mark.parametrize(
    ("old", "new", "streamed"), [c[1:] for c in CHANGES], ids=[c[0] for c in CHANGES]
)
def test_one_change_near_the_end(trees: list[int], old: str, new: str, streamed: bool) -> None:
    base = many_positions(45)  # the last entry is R&D 44, on the first of January
    assert base.count(old) >= 1, old
    at = base.rindex(old)
    text = base[:at] + new + base[at + len(old) :]
    result = assert_same(text)
    if "[" * 1_100 in new:  # libyaml's limit, not a RecursionError of the stream's composer
        (problem,) = result
        assert problem.startswith(f"{NAME}:{_at(text, '[[[')[0]}:")
        assert problem.endswith(": YAML nesting is too deep; " + loader._TOO_DEEP_HINT)
    trees.clear()
    with contextlib.suppress(DataError):
        loader.parse(text.encode(), NAME)
    assert trees == ([] if streamed else [1])


def test_a_repeated_entry_names_the_first(trees: list[int]) -> None:
    entry = "{actor: a3, issue: i0, stance: oppose, summary: s, source: wire, date: 2025-01-01}"
    text = many_positions(45) + f"  - {entry}\n"
    line, column = _at(text, entry)
    first = _at(text, "summary: R&D 3\n")[0] - 3
    assert _messages(text) == (
        f"{NAME}:{line}:{column}: a second position of 'a3' on 'i0' dated 2025-01-01 "
        f"(first at line {first}); keep one position per actor, issue and date",
    )
    trees.clear()
    with pytest.raises(DataError):
        loader.parse(text.encode(), NAME)
    assert trees == []


def test_two_entries_on_one_line_are_not_a_repeat() -> None:
    """The walk tells a repeat by its line: two flow entries on one line are both kept."""
    entry = "{actor: a1, issue: i1, stance: oppose, summary: s, source: wire, date: 2025-03-01}"
    text = many_positions(0).replace("positions:\n", f"positions: [{entry}, {entry}]\n")
    dataset = assert_same(text)
    assert isinstance(dataset, Dataset)
    assert len(dataset.positions) == 2


# --- what the stream does not take ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("format: 1\npositions:\n  - a: 1\n", True),
        ("format: 1\npositions:\n- a: 1\n# the end\n\n...\n", True),
        ("format: 1\npositions:\n  - a: 1\ntitle: T\n", False),
        ("positions: []\nformat: 1\n", False),
        ("{format: 1, positions: [], title: T}\n", True),  # a guess: the stream finds out
        ("format: 1\r\npositions:\r\n  - a: 1\r\ntitle: T\r\n", False),
        ("format: 1\rpositions:\r  - a: 1\rtitle: T\r", True),  # old Mac lines: a guess
        ("format: 1\n", True),
    ],
)
def test_where_the_positions_seem_to_be(text: str, expected: bool) -> None:
    assert loader._streamable(text.encode()) is expected


@pytest.mark.parametrize(
    "text",
    [
        "{format: 1, positions: [], title: T}\n",
        "format: 1\rtitle: T\rsources: {w: {name: W}}\ractors: {a: {name: A}}\r"
        "issues: {i: {title: I, question: Q}}\rpositions:\r  - {actor: a, issue: i, stance: "
        "neutral, summary: s, source: w, date: 2025-01-01}\rtitle: T2\r",
        "positions: ~\nformat: 1\n",
        "- a\n- b\n",
        "",
        "# nothing\n",
        "--- !custom\nformat: 1\npositions: []\n",
        "&root {format: 1, positions: []}\n",
        "format: 1\n? [positions]\n: x\npositions: []\n",
        "positions: []\npositions: [x]\n",
        "positions: !custom []\n",
        "positions: !!seq [x]\n",
        "!!str positions: [x]\n",
        '"positions": [x]\n',
    ],
)
def test_odd_shapes_load_as_the_tree_does(text: str) -> None:
    assert_same(text)


def test_an_entry_after_the_positions_starts_over_as_a_tree(trees: list[int]) -> None:
    """The guess says last (old Mac line ends); the stream finds the title after the list."""
    text = many_positions(30).replace("\n", "\r") + "title: *t\r"
    assert loader._streamable(text.encode())
    line = text.count("\r")
    assert _messages(text) == (f"{NAME}:{line}:8: YAML syntax error: found undefined alias",)
    assert trees == [1, 1, 1]  # once by the loader, once by each of assert_same's other ways


# --- the problem cap --------------------------------------------------------------------------


def _capped(after: str) -> str:
    return many_positions(50) + "  - x\n" * 1_200 + after


def test_the_problem_cap_in_a_streamed_list(trees: list[int]) -> None:
    text = _capped("")
    problems = _messages(text)
    assert len(problems) == 1_001
    line = text.count("\n") - 199  # the 1,001st `- x`
    assert problems[-1].startswith(f"{NAME}:{line}:5: more than 1,000 problems")
    trees.clear()
    with pytest.raises(DataError):
        loader.parse(text.encode(), NAME)
    assert trees == []


@pytest.mark.parametrize(
    ("after", "streamed"),
    [
        ("  - [unclosed\n", True),  # a YAML error after the cap is still the one message
        ("  - &a x\n", False),  # an anchor after the cap: the tree decides
        ("  - *a\n", False),
        ("title: again\n", False),  # an entry after the list
        ("---\nformat: 1\n", False),
    ],
)
def test_after_the_problem_cap_the_stream_reads_on(
    trees: list[int], after: str, streamed: bool
) -> None:
    text = _capped(after)
    assert_same(text)
    trees.clear()
    with pytest.raises(DataError):
        loader.parse(text.encode(), NAME)
    assert trees == ([] if streamed else [1])


def test_the_cap_reached_before_the_positions(trees: list[int]) -> None:
    """The positions are read unchecked; a YAML error in them is still the one message."""
    actors = "".join(f"  Bad{k}: {{name: B{k}}}\n" for k in range(1_100))
    text = many_positions(5).replace("actors:\n", "actors:\n" + actors, 1)
    assert len(_messages(text)) == 1_001
    (problem,) = _messages(text + "  - [unclosed\n")
    assert "YAML syntax error" in problem
    assert trees.count(1) == 4  # by assert_same's other ways only


# --- random damage --------------------------------------------------------------------------

#: Lines that replace or join a line of a position.
DAMAGE = [
    *(f"{field}: {value}" for field, values in NEAR.items() for value in values),
    *(f"summary: {tag}x" for tag in TAGS),
    *("summary: [x", "summary: &a x", "summary: *a", "summary: {a: b}", "summary:", "when: x"),
    *("summary: 'x\n", "<<: {a: b}", "? x", "actor: a1", "quote: x" * 2, "summary: |\n      x"),
]


@st.composite
def damaged_streams(draw: st.DrawFn) -> str:
    """A valid file of 40 positions, positions last, with a few lines of them damaged."""
    lines = many_positions(40).splitlines()
    first = lines.index("positions:") + 1
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(first, len(lines) - 1))
        line = lines[at]
        indent = line[: len(line) - len(line.lstrip(" -"))]
        how = draw(st.sampled_from(["replace", "insert", "item", "move", "delete"]))
        if how == "replace":
            lines[at] = indent + draw(st.sampled_from(DAMAGE))
        elif how == "insert":
            lines.insert(at + 1, "    " + draw(st.sampled_from(DAMAGE)))
        elif how == "item" and line.startswith("  - "):
            lines[at] = "  " + draw(st.sampled_from(ODD_ITEMS)) + line[4:]
        elif how == "move":  # an entry's line to another entry: a repeat, or a missing field
            other = draw(st.integers(first, len(lines) - 1))
            lines[at], lines[other] = lines[other], line
        elif how == "delete":
            del lines[at]
    return "\n".join(lines) + "\n"


@SETTINGS
@given(damaged_streams())
def test_damaged_streams_load_as_the_tree_does(text: str) -> None:
    assert_same(text)


class _TreeComposed(Exception):
    pass


def _no_tree(text: str, filename: str) -> Any:
    raise _TreeComposed


def test_damage_is_mostly_streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The property above is about the stream: most of its files must be streamed to the end."""
    monkeypatch.setattr(loader, "_compose", _no_tree)
    rng = random.Random(8)
    streamed = 0
    for _ in range(200):
        lines = many_positions(40).splitlines()
        at = rng.randrange(lines.index("positions:") + 1, len(lines))
        lines[at] = lines[at][:4] + rng.choice(DAMAGE)
        try:
            loader.parse(("\n".join(lines) + "\n").encode(), NAME)
        except DataError:
            pass
        except _TreeComposed:
            continue
        streamed += 1
    assert streamed >= 150
