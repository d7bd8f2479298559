"""positions.render.indented writes exactly what json.dumps(indent=2) writes."""

import json
from typing import Any, NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from positions.render import indented
from tests.profiles import examples

_KEYS = st.text(max_size=6) | st.integers() | st.booleans() | st.none() | st.floats()
_LEAVES = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
_VALUES = st.recursive(
    _LEAVES,
    lambda children: (
        st.lists(children, max_size=4)
        | st.lists(children, max_size=4).map(tuple)
        | st.dictionaries(_KEYS, children, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=examples(500))
@given(value=_VALUES, ensure_ascii=st.booleans(), depth=st.integers(0, 3))
def test_the_text_is_the_standard_librarys(value: Any, ensure_ascii: bool, depth: int) -> None:
    expected = json.dumps(value, ensure_ascii=ensure_ascii, indent=2)
    assert indented.dumps(value, ensure_ascii, depth) == expected.replace("\n", "\n" + "  " * depth)


@pytest.mark.parametrize(
    "value",
    [
        {"issues": [{"issue": "a", "conditional": []}, {"issue": "b", "conditional": ["x"]}]},
        [{}, [], (), {"k": {}}, [[], {}], [[1], {}], {"e": [], "t": (), "n": None}],
        {"empty": [], "nested": {"inner": [{}]}},
    ],
)
def test_empty_containers_among_plain_values_are_written_alike(value: Any) -> None:
    """Items that are plain values and empty lists or mappings go to the C encoder
    whole (`diff --json`'s rows); one that is not empty is walked."""
    for ensure_ascii in (False, True):
        for depth in (0, 2):
            expected = json.dumps(value, ensure_ascii=ensure_ascii, indent=2)
            assert indented.dumps(value, ensure_ascii, depth) == expected.replace(
                "\n", "\n" + "  " * depth
            )


_ROW_VALUES: st.SearchStrategy[Any] = (
    _LEAVES
    | st.sampled_from(["},\n    {", "}, {", "[{", "}]", "\n", '"}', "{", "},"])
    | st.sampled_from([[], {}, ()])
)
_ROWS = st.lists(st.dictionaries(_KEYS, _ROW_VALUES, min_size=1, max_size=4), max_size=5)


@settings(max_examples=examples(500))
@given(rows=_ROWS, ensure_ascii=st.booleans(), depth=st.integers(0, 3), inside=st.booleans())
def test_rows_of_plain_mappings_are_the_standard_librarys(
    rows: list[dict[Any, Any]], ensure_ascii: bool, depth: int, inside: bool
) -> None:
    """A list of mappings of plain values (`diff --json`'s issues), written by one
    call of the C encoder: text that looks like the rows' own brackets and breaks
    is left as it is."""
    value: Any = {"rows": rows, "n": 1} if inside else rows
    expected = json.dumps(value, ensure_ascii=ensure_ascii, indent=2)
    assert indented.dumps(value, ensure_ascii, depth) == expected.replace("\n", "\n" + "  " * depth)


class _Pair(NamedTuple):
    a: int
    b: str


def test_subclasses_are_written_as_their_kind() -> None:
    """A NamedTuple is a list to json, a dict subclass a mapping; a str subclass text."""

    class Mapping(dict[str, object]):
        pass

    class Text(str):
        pass

    value = Mapping(x=[_Pair(1, "é")], y={"k": Text("t")}, z=Mapping())
    for ensure_ascii in (False, True):
        expected = json.dumps(value, ensure_ascii=ensure_ascii, indent=2)
        assert indented.dumps(value, ensure_ascii) == expected


def test_what_json_refuses_it_refuses() -> None:
    with pytest.raises(TypeError):
        indented.dumps({"a": [object()]})
    with pytest.raises(TypeError):
        indented.dumps({(1, 2): "a tuple key"})
