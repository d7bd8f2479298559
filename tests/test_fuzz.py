"""Fuzzing the loader: random documents and random damage to the default data file.

Whatever the bytes, the loader returns a Dataset or raises DataError whose
every problem names the file, a line and a column; never any other exception,
and each example within a second (hypothesis' deadline).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from positions import loader
from positions.errors import DataError
from positions.model import Dataset
from tests.profiles import examples

DEFAULT = (Path(__file__).parent.parent / "data" / "positions.yaml").read_text(encoding="utf-8")
# Every format-2 field, filled in: tests/data/trade2.yaml.
TRADE2 = (Path(__file__).parent / "data" / "trade2.yaml").read_text(encoding="utf-8")
NAME = "fuzz.yaml"
FUZZ = settings(
    max_examples=examples(300), deadline=1000, suppress_health_check=[HealthCheck.too_slow]
)

# Words and characters that have tripped YAML loaders, terminals or this format.
HOSTILE = [
    "no", "yes", "on", "off", "null", "~", "NULL", "true", "1.10", "0x1F", "0o17", "1e3",
    ".inf", ".nan", "2025-08-15", "2025-02-30", "12:30:00", "<<", "=", "-", "?", ":",
    "&a ", "*a", "&a", "!!python/object/apply:os.system ['ls'] ", "!custom ", "!!binary ",
    "[", "]", "{", "}", ",", "|", ">", "'", '"', "#", "%", "@", "`", "---", "...",
    "\t", "\r", "\r\n", "\n", "\x00", "\x1b[2J", "\x85", "\x9b", "\u2028", "\ufeff",
    "\u202e", "\u200b", "\ud7ff", "\U0001f600", '"\\e]0;x\\a"', '"\\ud83d"', '"\\x9b"',
    "strongly_support", "support", "neutral", "oppose", "strongly_oppose",
    "format", "title", "sources", "actors", "issues", "positions", "actor", "issue",
    "stance", "summary", "quote", "source", "date", "name", "aliases", "url",
    "russia", "ukraine", "donbas", "guardian",
    # format 2's fields and words
    "evidence", "basis", "note", "conditions", "salience", "red_line", "held_since",
    "speaker", "outcome", "adopted", "rejected", "reported", "indirect", "inferred",
    "long-standing", "short", "capability", "active", "from", "until", "tags", "file",
    "groups", "members", "0.5", "-1", "1.5", "/etc/passwd", "eu", "tariffs",
]  # fmt: skip


def outcome(data: bytes) -> Dataset | tuple[str, ...]:
    """The loader's answer; fails the test on any other exception or an unlocated problem."""
    try:
        return loader.parse(data, NAME)
    except DataError as error:
        problems = error.problems
    assert problems, "a DataError without a problem"
    for problem in problems:
        assert problem.file == NAME
        assert problem.line >= 1
        assert problem.column >= 1
        assert problem.message.strip()
    return tuple(str(p) for p in problems)


# --- random documents -----------------------------------------------------------------------

words = st.sampled_from(HOSTILE) | st.text(max_size=12)
scalars = (
    words
    | st.integers()
    | st.floats(allow_nan=True)
    | st.booleans()
    | st.none()
    | st.dates().map(str)
    | st.text(st.characters(codec="utf-8"), max_size=30)
)
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(words, children, max_size=4),
    max_leaves=25,
)
positions = st.lists(
    st.dictionaries(st.sampled_from(loader.POSITION_FIELDS) | words, values | words, max_size=8),
    max_size=4,
)
# The fields of sources, actors, issues and groups, format 1's and 2's.
RECORD_FIELDS = (
    "name", "aliases", "url", "title", "question", "short", "capability", "active", "tags",
    "file", "members",
)  # fmt: skip
records = st.dictionaries(
    words,
    st.dictionaries(
        st.sampled_from(RECORD_FIELDS) | words,
        values,
    ),
)
documents = (
    st.fixed_dictionaries(
        {},
        optional={
            "format": st.sampled_from([1, "1", 1.0, 2, 2, None]) | values,
            "title": values,
            "sources": records | values,
            "actors": records | values,
            "issues": records | values,
            "groups": records | values,
            "positions": positions | values,
            "extra": values,
        },
    )
    | values
)


@FUZZ
@given(documents, st.booleans(), st.booleans())
def test_random_documents(document: object, flow: bool, canonical: bool) -> None:
    text = yaml.safe_dump(
        document, allow_unicode=True, default_flow_style=flow, canonical=canonical
    )
    outcome(text.encode("utf-8"))


# --- random damage to the default data file -------------------------------------------------

edits = st.lists(
    st.tuples(
        st.sampled_from(["insert", "delete", "duplicate-line", "replace-line", "swap-lines"]),
        st.integers(0, len(DEFAULT)),
        st.integers(0, 200),
        st.sampled_from(HOSTILE) | st.text(max_size=8),
    ),
    min_size=1,
    max_size=5,
)


def damage(text: str, edit: tuple[str, int, int, str]) -> str:
    kind, at, size, payload = edit
    at = min(at, len(text))
    if kind == "insert":
        return text[:at] + payload + text[at:]
    if kind == "delete":
        return text[:at] + text[at + size :]
    lines = text.splitlines(keepends=True) or [""]
    first, second = at % len(lines), (at + size) % len(lines)
    if kind == "duplicate-line":
        lines.insert(first, lines[first])
    elif kind == "replace-line":
        lines[first] = payload + "\n"
    else:
        lines[first], lines[second] = lines[second], lines[first]
    return "".join(lines)


@FUZZ
@given(
    st.sampled_from([DEFAULT, TRADE2]), edits, st.binary(max_size=6), st.integers(0, len(DEFAULT))
)
def test_damaged_default_file(
    original: str, changes: list[tuple[str, int, int, str]], noise: bytes, where: int
) -> None:
    """The default data, and the format-2 fixture that has every field."""
    text = original
    for change in changes:
        text = damage(text, change)
    outcome(text.encode("utf-8", errors="surrogatepass"))
    data = text.encode("utf-8", errors="surrogatepass")
    outcome(data[:where] + noise + data[where:])  # and some raw bytes, maybe not UTF-8


def test_the_default_file_itself_loads() -> None:
    """The fuzzers' starting points are valid, so damage is what they test."""
    assert isinstance(outcome(DEFAULT.encode()), Dataset)
    assert isinstance(outcome(TRADE2.encode()), Dataset)


def test_empty_input_is_a_located_problem() -> None:
    assert re.match(r"fuzz\.yaml:1:1: ", outcome(b"")[0])  # type: ignore[index]
