"""The bounds on what a data file may make the loader hold: values composed, positions.

Each limit is exact and located: a file at the limit loads, one value or one position
more is refused where it goes over, and reading stops there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from positions import loader, reader, tidy, yamlsource
from positions.errors import DataError
from tests.profiles import examples

HEAD = """format: 2
title: T
sources: {s: {name: S}}
actors: {a: {name: A}, b: {name: B}}
issues:
"""


def problems(data: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        loader.parse(data.encode(), "t.yaml")
    return [str(p) for p in caught.value.problems]


def largest_position(issues: int = 101) -> str:
    """A file whose one position has every field, and every list at its 100 items."""
    listed = "".join(f"  i{n}: {{title: Issue {n}, question: 'Q{n}?'}}\n" for n in range(issues))
    evidence = ", ".join(
        f"{{source: s, quote: q{n}, speaker: Sp, url: 'https://example.org/{n}', date: 2020-01-01}}"
        for n in range(100)
    )
    conditions = ", ".join(f"{{issue: i{n + 1}, outcome: adopted}}" for n in range(100))
    return (
        f"{HEAD}{listed}positions:\n- {{actor: a, issue: i0, stance: support, "
        f"date: 2020-01-01, summary: x, evidence: [{evidence}], basis: reported, note: n, "
        f"conditions: [{conditions}], salience: 0.5, red_line: true, held_since: 2019-01-01}}\n"
    )


def count_values(node: yaml.Node) -> int:
    """The values in a node, counted from PyYAML's own composer (not the code under test)."""
    count, stack = 0, [node]
    while stack:
        item = stack.pop()
        count += 1
        if isinstance(item, yaml.SequenceNode):
            stack.extend(item.value)
        elif isinstance(item, yaml.MappingNode):
            stack.extend(n for pair in item.value for n in pair)
    return count


def test_the_largest_valid_position_is_well_under_its_limit() -> None:
    text = largest_position()
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert root is not None
    position = next(v for k, v in root.value if k.value == "positions").value[0]
    assert count_values(position) == 1_625 < reader.MAX_POSITION_VALUES
    assert len(loader.parse(text.encode(), "t.yaml").positions) == 1


def test_a_position_past_its_limit_is_refused_where_it_goes_over() -> None:
    tags = ", ".join(["x"] * 20_000)
    text = (
        f"{HEAD}  i: {{title: I, question: Q}}\npositions:\n"
        f"- {{actor: a, issue: i, stance: support, date: 2020-01-01, summary: x, source: s, "
        f"note: [{tags}]}}\n- this is never read\n"
    )
    # 1 mapping + 6 pairs + the key `note` and its list: 15 values; the 10,001st is item 9,986.
    column = text.splitlines()[7].index("[") + 2 + 3 * 9_985
    assert problems(text) == [
        f"t.yaml:8:{column}: this position passes 10,000 YAML values (keys, texts, lists and "
        "mappings) here; a position's lists hold at most 100 items; check that its "
        "indentation did not pull the positions after it into it"
    ]


def test_a_dense_section_is_refused_where_it_passes_the_limit() -> None:
    """`[x,x,x,...]` in a section: each value costs ~370 bytes composed; reading stops at
    the value past MAX_VALUES, counted over every section the file keeps."""
    text = HEAD + "  i: {title: I, question: Q}\ngroups: [" + "x, " * 2_000 + "x]\n"
    # A section's key and a lone scalar (`title: T`) are not counted: the sources hold 5
    # values (2 mappings, `s`, `name`, `S`), the actors 9, the issues 7.
    with mock.patch.object(reader, "MAX_VALUES", 21 + 1_000):
        found = problems(text)
    column = len("groups: [") + 3 * 999 + 1
    assert found == [
        f"t.yaml:7:{column}: the values this file keeps while it is read (everything but "
        "the positions themselves) pass 1,021 here (keys, texts, lists and mappings); "
        "the limit keeps a hostile file from "
        "using gigabytes of memory; a real negotiation holds far fewer (200 actors and "
        "6,000 issues hold about 56,000)"
    ]


_SCALARS = st.sampled_from(["x", "'a b'", "1", "null", '"q"'])
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(["k", "l", "m", "n"]), inner, max_size=4)
    ),
    max_leaves=30,
)


def composes_within(text: str, allowed: int) -> bool:
    """Whether `text`'s one value is composed with `allowed` values to spend."""
    data = text.encode()
    with mock.patch.object(reader, "MAX_VALUES", allowed):
        read = reader.Reader("t.yaml", data, yamlsource.events(data, "t.yaml"))
        for _ in range(2):  # the stream and the document start
            read.get()
        try:
            read.compose(read.get())
        except reader.StopChecking:
            assert read.problems[0].message.startswith("the values this file keeps"), text
            return False
    return True


def exactly_counted(text: str) -> bool:
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    assert node is not None
    expected = count_values(node)
    return composes_within(text, expected) and not composes_within(text, expected - 1)


@pytest.mark.parametrize(
    "text",
    [
        "[[[[x]]]]", "{a: [b]}", "- - - a", "- a: b", "[a: b, c: d, ? e]", "{a, b, ? c}",
        "[{a}, {b}]", "a:\n  b:\n    - c\n    - {d: e}\n", "? [a, b]\n: [c, {d}]\n",
        "[a, [b, [c]]]", "{}", "[]", "{a: b, c: [d]}", "{a: {b: c}, d: e}",
    ],
)  # fmt: skip
def test_the_count_of_composed_values_is_exact(text: str) -> None:
    assert exactly_counted(text)


def test_the_default_data_is_counted_exactly() -> None:
    text = (Path(__file__).parent.parent / "data" / "positions.yaml").read_text(encoding="utf-8")
    assert exactly_counted(text)


@settings(max_examples=examples(200), deadline=None)
@given(
    value=st.lists(_VALUES, max_size=5) | st.dictionaries(st.sampled_from("pqr"), _VALUES),
    flow=st.sampled_from([True, False, None]),
)
def test_the_count_of_composed_values_is_exact_in_every_style(value: Any, flow: Any) -> None:
    """A section of exactly MAX_VALUES values is composed; one fewer allowed refuses it."""
    assert exactly_counted(yaml.dump(value, default_flow_style=flow))


def test_a_file_past_the_positions_limit_stops_at_the_first_one_over() -> None:
    rows = "".join(
        f"- {{actor: a, issue: i, stance: support, date: 2020-01-0{d}, summary: x, source: s}}\n"
        for d in range(1, 6)
    )
    text = f"{HEAD}  i: {{title: I, question: Q}}\npositions:\n{rows}"
    with mock.patch.object(loader, "MAX_POSITIONS", 4):
        assert problems(text) == [
            "t.yaml:12:3: a data set holds at most 4 positions, and this is position 5; "
            "keep a part of the data in this file: a period, or a set of issues"
        ]
    with mock.patch.object(loader, "MAX_POSITIONS", 5):
        assert len(loader.parse(text.encode(), "t.yaml").positions) == 5


def test_a_table_past_the_positions_limit_stops_at_its_first_row_over() -> None:
    rows = "".join(f"a,i,support,2020-01-0{d}\n" for d in range(1, 6))
    data = ("actor,issue,stance,date\n" + rows).encode()
    with mock.patch.object(tidy, "MAX_POSITIONS", 4), pytest.raises(DataError) as caught:
        loader.parse(data, "votes.csv")
    assert [str(p) for p in caught.value.problems] == [
        "votes.csv:6:1: a table holds at most 4 rows, and this is row 5 of it; "
        "keep a part of the data in this file: a period, or a set of issues"
    ]
    with mock.patch.object(tidy, "MAX_POSITIONS", 5):
        assert len(loader.parse(data, "votes.csv").positions) == 5


def test_reading_stops_at_a_limit() -> None:
    """What follows the value over the limit is never read: a YAML error after it is
    not reported, and a 250 MB file is refused in the time of its first part."""
    text = HEAD + "  i: {title: I, question: Q}\ngroups: [" + "x, " * 2_000 + "x]\nbroken: [\n"
    with mock.patch.object(reader, "MAX_VALUES", 21 + 1_000):
        found = problems(text)
    assert len(found) == 1
    assert found[0].startswith("t.yaml:7:3007: the values this file keeps")


def test_positions_before_the_sections_are_counted_on_the_first_pass() -> None:
    rows = "".join(
        f"- {{actor: a, issue: i, stance: support, date: 2020-01-0{d}, summary: x, source: s}}\n"
        for d in range(1, 6)
    )
    text = f"positions:\n{rows}" + HEAD.replace("format: 2\n", "") + "  i: {title: I}\n"
    with mock.patch.object(loader, "MAX_POSITIONS", 4):
        # Stopped at the fifth position, before the sections (and the issue's missing
        # question) are read.
        assert problems(text) == [
            "t.yaml:6:3: a data set holds at most 4 positions, and this is position 5; "
            "keep a part of the data in this file: a period, or a set of issues"
        ]


def test_an_id_over_the_name_limit_is_told_so() -> None:
    text = HEAD + f"  {'k' * 201}: {{title: I, question: Q}}\npositions: []\n"
    assert problems(text) == [
        f"t.yaml:6:3: issue id '{'k' * 60}...' is 201 characters long; the limit is 200"
    ]


def test_a_table_s_id_over_the_name_limit_is_told_so_once() -> None:
    data = f"actor,issue,stance,date\n{'k' * 201},i,support,2020-01-01\n".encode()
    with pytest.raises(DataError) as caught:
        loader.parse(data, "votes.csv")
    assert [str(p) for p in caught.value.problems] == [
        "votes.csv:2:1: actor is 201 characters long; the limit is 200"
    ]


_LONG_KEY = (
    "t.yaml:{line}:{column}: a key of {length:,} characters: YAML reads a key written plainly "
    "only up to 1,024; an id is at most 200 characters; a text belongs in a value, after the ':'"
)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("format: 1\ntitle: T\nactors:\n  {key}: {{name: A}}\n", 4, 3),
        ("format: 1\ntitle: T\npositions:\n  - {key}: x\n", 4, 5),
        ("{key}: x\n", 1, 1),
    ],
    ids=["an-actor-id", "a-field-of-a-position", "a-top-level-key"],
)
def test_a_key_past_yamls_1024_characters_is_named_as_such(
    text: str, line: int, column: int
) -> None:
    """libyaml reads such a key as a value and stops at its ':', 'mapping values are
    not allowed': the message names the key and its length instead."""
    key = "k" * 1_100
    expected = _LONG_KEY.format(line=line, column=column, length=1_100)
    assert problems(text.format(key=key)) == [expected]


def test_a_key_of_1024_characters_is_read_and_refused_as_an_id() -> None:
    found = problems(f"format: 1\ntitle: T\nactors:\n  {'k' * 1_024}: {{name: A}}\n")
    (long,) = [p for p in found if "actor id" in p]
    assert long.startswith("t.yaml:4:3: actor id 'kkkk")
    assert long.endswith("is 1,024 characters long; the limit is 200")


def test_a_long_value_with_a_colon_keeps_its_own_hint() -> None:
    (found,) = problems("format: 1\ntitle: " + "a b" * 400 + ": t\n")
    assert found.startswith("t.yaml:2:1208: YAML syntax error: mapping values are not allowed")
    assert found.endswith(
        "quote a value that contains ': ' (title: \"Talks: round 2\"), and "
        "line a key up with the keys above it"
    )
