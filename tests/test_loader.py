"""The loader: one test per class of mistake, each pinning the exact located message."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import subprocess
import sys
import textwrap
import tracemalloc
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from positions import loader, model, yamlsource
from positions.errors import DataError, PositionsError
from positions.model import Stance
from positions.names import suggest_id
from tests.profiles import examples

VALID = """\
format: 1
title: Test talks
sources:
  wire: {name: The Wire, url: https://example.org}
actors:
  north: {name: North, aliases: [N]}
  south: {name: South}
issues:
  border:
    title: Border
    question: Should the border move?
positions:
  - actor: north
    issue: border
    stance: support
    summary: Wants it moved.
    source: wire
    date: 2025-01-02
"""


def problems(text: str) -> list[str]:
    with pytest.raises(DataError) as info:
        loader.parse(textwrap.dedent(text).encode(), "t.yaml")
    return [str(p) for p in info.value.problems]


def test_valid_file_builds_the_model() -> None:
    ds = loader.parse(VALID.encode(), "t.yaml")
    assert ds.title == "Test talks"
    assert list(ds.actors) == ["north", "south"]
    assert ds.actors["north"].aliases == ("N",)
    assert ds.sources["wire"].url == "https://example.org"
    assert ds.issues["border"].question == "Should the border move?"
    (p,) = ds.positions
    assert (p.actor, p.issue, p.stance, p.date, p.quote) == (
        "north",
        "border",
        Stance.SUPPORT,
        dt.date(2025, 1, 2),
        None,
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "format: 1",
            "format: 3",
            "t.yaml:1:9: unsupported format '3'; this version of positions reads formats 1 and "
            "2; write 'format: 1', or 'format: 2' to use format 2's fields",
            id="format",
        ),
        pytest.param(
            "  south: {name: South}",
            "  south: {name: South}\n  north: {name: Again}",
            "t.yaml:8:3: duplicate key 'north' in actors (first at line 6); "
            "YAML would silently keep only the last one; remove or merge one",
            id="duplicate-key",
        ),
        pytest.param(
            "    stance: support",
            "    stance: support\n    stance: oppose",
            "t.yaml:16:5: duplicate key 'stance' in position 1 (first at line 15); "
            "YAML would silently keep only the last one; remove or merge one",
            id="duplicate-key-deep",
        ),
        pytest.param(
            "    title: Border",
            "    titel: Border",
            "t.yaml:10:5: unknown field 'titel' in issue 'border'; did you mean 'title'?",
            id="unknown-field",
        ),
        pytest.param(
            "    summary: Wants it moved.\n",
            "",
            "t.yaml:13:5: position 1 is missing the required field 'summary'",
            id="missing-field",
        ),
        pytest.param(  # a second position without its `- `: said once, not per key
            "    date: 2025-01-02\n",
            "    date: 2025-01-02\n    actor: south\n    issue: border\n    stance: oppose\n",
            "t.yaml:19:5: position 1 has a second 'actor' (first at line 13): a new position "
            "starts here; begin it with '- ' as the one before it is, or remove one of the two",
            id="missing-dash",
        ),
        pytest.param(
            "  - actor: north",
            "  - actor: nort",
            "t.yaml:13:12: unknown actor 'nort'; did you mean 'north'?",
            id="unknown-actor",
        ),
        pytest.param(
            "    issue: border",
            "    issue: tariffs",
            "t.yaml:14:12: unknown issue 'tariffs'; define it under 'issues:' first",
            id="unknown-issue",
        ),
        pytest.param(
            "    source: wire",
            "    source: wires",
            "t.yaml:17:13: unknown source 'wires'; did you mean 'wire'?",
            id="unknown-source",
        ),
        pytest.param(
            "    stance: support",
            "    stance: suport",
            "t.yaml:15:13: unknown stance 'suport'; did you mean 'support'?",
            id="bad-stance",
        ),
        pytest.param(
            "    stance: support",
            "    stance: maybe",
            "t.yaml:15:13: unknown stance 'maybe'; use one of strongly_oppose, oppose, "
            "neutral, support, strongly_support",
            id="bad-stance-no-hint",
        ),
        pytest.param(
            "    date: 2025-01-02",
            "    date: 2025-02-30",
            "t.yaml:18:11: bad date '2025-02-30' in position 1; write a real calendar date "
            "as YYYY-MM-DD, e.g. 2025-08-15",
            id="bad-date",
        ),
        pytest.param(
            "    date: 2025-01-02",
            "    date: 2 January 2025",
            "t.yaml:18:11: bad date '2 January 2025' in position 1; write a real calendar "
            "date as YYYY-MM-DD, e.g. 2025-08-15",
            id="date-words",
        ),
        pytest.param(
            "  south: {name: South}",
            "  south: {name: South, aliases: [n]}",
            "t.yaml:7:34: the alias 'n' of actor 'south' is already the alias 'N' of actor "
            "'north'; names and aliases must tell actors apart; change one of them",
            id="shared-alias",
        ),
        pytest.param(
            "  south: {name: South}",
            "  south: {name: NORTH}",
            "t.yaml:7:17: the name 'NORTH' of actor 'south' is already the id of actor 'north'; "
            "names and aliases must tell actors apart; change one of them",
            id="name-is-other-id",
        ),
        pytest.param(
            "  south: {name: South}",
            "  South: {name: South}",
            "t.yaml:7:3: actor id 'South' is not a lower-case slug; use lower-case letters, "
            "digits, '-' and '_', e.g. 'south'",
            id="slug",
        ),
        pytest.param(  # the id it reads as is that actor's, refused above: said once
            "  north: {name: North, aliases: [N]}",
            "  North: {name: North, aliases: [N]}",
            "t.yaml:6:3: actor id 'North' is not a lower-case slug; use lower-case "
            "letters, digits, '-' and '_', e.g. 'north'",
            id="slug-referenced",
        ),
        pytest.param(
            "url: https://example.org",
            "url: 'javascript:alert(1)'",
            "t.yaml:4:31: the url of source 'wire' must start with https:// or http://",
            id="url-scheme",
        ),
        pytest.param(
            "    summary: Wants it moved.",
            "    summary: ''",
            "t.yaml:16:5: the summary of position 1 is empty; write a value",
            id="empty-text",
        ),
        pytest.param(
            "    summary: Wants it moved.",
            "    summary: [a, b]",
            "t.yaml:16:14: the summary of position 1 must be text, not a list",
            id="list-for-text",
        ),
        pytest.param(
            "    summary: Wants it moved.",
            "    summary: !!python/object:os.system ls",
            "t.yaml:16:14: YAML tag 'tag:yaml.org,2002:python/object:os.system' is not "
            "allowed; remove the tag; values are plain text, lists and mappings",
            id="python-tag",
        ),
        pytest.param(
            "  south: {name: South}",
            "  south: &s {name: South}\n  west: *s",
            "t.yaml:8:9: YAML aliases (*name) are not supported in this format; "
            "write the value out in full",
            id="alias",
        ),
        pytest.param(
            "actors:",
            "actors:\n  ? [a, b]\n  : {name: X}",
            "t.yaml:6:5: keys in actors must be plain text",
            id="non-text-key",
        ),
        pytest.param(
            "  wire: {name: The Wire, url: https://example.org}",
            "  wire: The Wire",
            "t.yaml:4:9: source 'wire' must be a mapping of 'key: value' entries; write its "
            "fields as a mapping, e.g. {name: The Wire}",
            id="record-as-one-value",
        ),
        pytest.param(
            "  north: {name: North, aliases: [N]}",
            "  - north: {name: North, aliases: [N]}",
            "t.yaml:7:3: YAML syntax error: while parsing a block collection did not find "
            "expected '-' indicator; this line is in a list: line a field up with the fields "
            "above it, begin a new item with '- ', or, in a section of named entries "
            "(actors:, issues:), write no '- '",
            id="dash-in-a-mapping",
        ),
        pytest.param(
            "    stance: support",
            "   stance: support",
            "t.yaml:15:4: YAML syntax error: while parsing a block collection did not find "
            "expected '-' indicator; this line is in a list: line a field up with the fields "
            "above it, begin a new item with '- ', or, in a section of named entries "
            "(actors:, issues:), write no '- '",
            id="field-out-of-line",
        ),
    ],
)
def test_each_mistake_is_located(old: str, new: str, expected: str) -> None:
    assert old in VALID
    assert problems(VALID.replace(old, new, 1)) == [expected]


def test_second_position_on_the_same_date() -> None:
    twice = VALID + VALID[VALID.index("  - actor") :].replace("support", "oppose")
    assert problems(twice) == [
        "t.yaml:19:5: a second position of 'north' on 'border' dated 2025-01-02 "
        "(first at line 13); keep one position per actor, issue and date"
    ]


def test_every_problem_is_reported_in_one_run() -> None:
    # The misspelt 'title' is not also reported as missing, and the position's
    # reference to the broken issue is not reported as unknown: one cause, one line.
    text = VALID.replace("actor: north", "actor: nort").replace("stance: support", "stance: x")
    text = text.replace("title: Border", "titel: Border")
    assert problems(text) == [
        "t.yaml:10:5: unknown field 'titel' in issue 'border'; did you mean 'title'?",
        "t.yaml:13:12: unknown actor 'nort'; did you mean 'north'?",
        "t.yaml:15:13: unknown stance 'x'; use one of strongly_oppose, oppose, neutral, "
        "support, strongly_support",
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"", "t.yaml:1:1: the data file is empty; see docs/format.md", id="empty"),
        pytest.param(
            b"- a\n- b\n",
            "t.yaml:1:1: the data file must be a mapping with format, title, sources, actors, "
            "issues, positions; found a list; see docs/format.md for a complete example",
            id="top-list",
        ),
        pytest.param(
            b"just text\n",
            "t.yaml:1:1: the data file must be a mapping with format, title, sources, actors, "
            "issues, positions; found a single value; see docs/format.md for a complete example",
            id="top-scalar",
        ),
        pytest.param(
            b"title: [unclosed\n",
            "t.yaml:2:1: YAML syntax error: while parsing a flow sequence did not find "
            "expected ',' or ']'",
            id="syntax",
        ),
        pytest.param(
            b"title: x\nsummary: caf\xe9\n",
            "t.yaml:2:13: byte 0xe9 is not valid UTF-8; the data file must be UTF-8; "
            "save it as UTF-8 in your editor",
            id="latin-1",
        ),
        pytest.param(
            b"title: a\x1bb\n",
            "t.yaml:1:9: character U+001B is not allowed in YAML; write it as an escape "
            'inside double quotes, e.g. "\\x1b"',
            id="raw-control-character",
        ),
        pytest.param(
            b'format: 1\ntitle: "Riverbend\nsources: {}\n',
            "t.yaml:2:8: YAML syntax error: while scanning a quoted scalar found unexpected "
            "end of stream; close the quote or bracket that starts here",
            id="unclosed-quote-points-at-its-start",
        ),
        pytest.param(
            "title: x\nsources:\n  s: {name: \u201cWire: daily\u201d}\n".encode(),
            "t.yaml:3:18: YAML syntax error: while parsing a flow mapping did not find "
            "expected ',' or '}'; typographic quotes (\u201c \u201d) do not quote a value in "
            "YAML; use straight quotes \" or '",
            id="curly-quotes",
        ),
        pytest.param(
            b"format: 1\ntitle: Riverbend talks: round 2\n",
            "t.yaml:2:23: YAML syntax error: mapping values are not allowed in this context; "
            "quote a value that contains ': ' (title: \"Talks: round 2\"), and line a key up "
            "with the keys above it",
            id="colon-in-value",
        ),
        pytest.param(
            b"sources:\n  s:\n    name: S\n   url: https://x\n",
            "t.yaml:4:4: YAML syntax error: while parsing a block mapping did not find "
            "expected key; check the indentation of this line against the lines above it",
            id="indentation",
        ),
        pytest.param(
            b"a: 1\n---\nb: 2\n",
            "t.yaml:2:1: YAML syntax error: expected a single document in the stream but "
            "found another document",
            id="two-documents",
        ),
    ],
)
def test_file_level_problems(data: bytes, expected: str) -> None:
    with pytest.raises(DataError) as info:
        loader.parse(data, "t.yaml")
    assert [str(p) for p in info.value.problems] == [expected]


def test_missing_top_level_sections_are_each_named() -> None:
    assert problems("format: 1\ntitle: x\n") == [
        "t.yaml:1:1: the data file is missing the required field 'sources'",
        "t.yaml:1:1: the data file is missing the required field 'actors'",
        "t.yaml:1:1: the data file is missing the required field 'issues'",
        "t.yaml:1:1: the data file is missing the required field 'positions'",
    ]


def test_utf8_byte_order_mark_is_accepted() -> None:
    ds = loader.parse(b"\xef\xbb\xbf" + VALID.encode(), "t.yaml")
    assert ds.title == "Test talks"


def test_yaml_11_words_stay_text() -> None:
    text = VALID.replace("  south: {name: South}", "  no: {name: no, aliases: [yes, off]}")
    text = text.replace("title: Test talks", "title: 2025")
    ds = loader.parse(text.encode(), "t.yaml")
    assert ds.title == "2025"
    assert ds.actors["no"].name == "no"
    assert ds.actors["no"].aliases == ("yes", "off")


def test_quote_is_optional_and_kept_verbatim() -> None:
    quote = '    quote: "We \\u201cwill\\u201d: move"\n    source: wire'
    text = VALID.replace("    source: wire", quote)
    (p,) = loader.parse(text.encode(), "t.yaml").positions
    assert p.quote == "We \u201cwill\u201d: move"


def test_overlong_text_is_refused() -> None:
    text = VALID.replace("Wants it moved.", "w" * (loader.MAX_TEXT_CHARS + 1))
    assert problems(text) == [
        f"t.yaml:16:14: the summary of position 1 is 10,001 characters long; the limit is "
        f"{loader.MAX_TEXT_CHARS:,}"
    ]


def test_histories_are_sorted_oldest_first() -> None:
    later = VALID[VALID.index("  - actor") :].replace("2025-01-02", "2025-03-01")
    earlier = VALID[VALID.index("  - actor") :].replace("2025-01-02", "2024-12-01")
    ds = loader.parse((VALID + later + earlier).encode(), "t.yaml")
    dates = [p.date.isoformat() for p in ds.histories["north", "border"]]
    assert dates == ["2024-12-01", "2025-01-02", "2025-03-01"]


def test_load_names_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PositionsError) as info:
        loader.load(tmp_path / "nope.yaml", "nope.yaml")
    assert str(info.value) == ("nope.yaml: no such data file; check the path")


def test_load_refuses_a_directory(tmp_path: Path) -> None:
    with pytest.raises(PositionsError) as info:
        loader.load(tmp_path, "dir")
    assert str(info.value) == "dir: is a directory; give the path of a data file"


def _problems_or_none(data: bytes) -> tuple[str, ...] | None:
    try:
        loader.parse(data, "t.yaml")
    except DataError as error:
        return tuple(str(p) for p in error.problems)
    return None


@settings(max_examples=examples(200), deadline=1000, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_loader_raises_only_its_own_error(data: bytes) -> None:
    found = _problems_or_none(data)
    assert found is None or (
        found and all(re.match(r"t\.yaml:[1-9]\d*:[1-9]\d*: ", p) for p in found)
    )


@settings(max_examples=examples(200), deadline=1000)
@given(st.integers(0, len(VALID) - 1), st.text(max_size=5))
def test_mutations_of_a_valid_file_never_crash(where: int, insert: str) -> None:
    found = _problems_or_none((VALID[:where] + insert + VALID[where:]).encode())
    assert found is None or all(p.startswith("t.yaml:") for p in found)


def test_a_missing_section_is_reported_once_not_at_every_reference() -> None:
    without_issues = VALID.replace(
        "issues:\n  border:\n    title: Border\n    question: Should the border move?\n", ""
    )
    assert problems(without_issues) == [
        "t.yaml:1:1: the data file is missing the required field 'issues'"
    ]


# --- the one path: aliases, anchors, the order of the sections, documents ----------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "    summary: Wants it moved.",
            "    summary: *s",
            "t.yaml:16:14: YAML aliases (*name) are not supported in this format",
            id="value",
        ),
        pytest.param(
            "  south: {name: South}",
            "  south: {name: South, aliases: [S, *s]}",
            "t.yaml:7:37: YAML aliases (*name) are not supported in this format "
            "(item 2 of the aliases of actor 'south')",
            id="list-item",
        ),
        pytest.param(
            "  south: {name: South}",
            "  *s : {name: South}",
            "t.yaml:7:3: YAML aliases (*name) are not supported in this format",
            id="key",
        ),
        pytest.param(
            "  - actor: north",
            "  - *s\n  - actor: north",
            "t.yaml:13:5: YAML aliases (*name) are not supported in this format (position 1)",
            id="entry",
        ),
    ],
)
def test_an_alias_is_refused_where_it_is_typed(old: str, new: str, expected: str) -> None:
    """Wherever its anchor is, and whether or not one exists: an alias is never followed."""
    text = VALID.replace("title: Test talks", "title: &s Test talks").replace(old, new, 1)
    assert problems(text) == [f"{expected}; write the value out in full"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("title: Test talks", "title: &t Test talks"),
        ("actors:", "actors: &a"),
        ("  north: {name: North", "  &n north: {name: North"),
        ("  - actor: north", "  - &p\n    actor: north"),
        ("    summary: Wants it moved.", "    summary: &x Wants it moved."),
        ("format: 1", "format: &f 1\nextra_anchor_twice: &f x"),
    ],
)
def test_an_unused_anchor_changes_nothing(old: str, new: str) -> None:
    text = VALID.replace(old, new, 1)
    if "extra_anchor" in new:  # an unknown field is still one, anchored or not
        assert problems(text) == [
            "t.yaml:2:1: unknown field 'extra_anchor_twice' in the data file; allowed fields: "
            "format, title, sources, actors, issues, groups, positions"
        ]
    else:
        assert loader.parse(text.encode(), "t.yaml") == loader.parse(VALID.encode(), "t.yaml")


def test_a_second_document_is_the_one_message() -> None:
    text = VALID.replace("stance: support", "stance: x") + "---\nformat: 1\n"
    assert problems(text) == [
        "t.yaml:19:1: YAML syntax error: expected a single document in the stream but "
        "found another document"
    ]


def test_two_positions_on_one_line_are_a_repeat() -> None:
    entry = (
        "{actor: north, issue: border, stance: oppose, summary: s, source: wire, date: 2025-03-01}"
    )
    text = VALID[: VALID.index("positions:")] + f"positions: [{entry}, {entry}]\n"
    assert problems(text) == [
        "t.yaml:12:104: a second position of 'north' on 'border' dated 2025-03-01 "
        "(first at line 12); keep one position per actor, issue and date"
    ]


def _reorder(text: str) -> tuple[str, dict[int, int]]:
    """`text` with its `positions:` section moved to the front, and a map from each
    line number of the result to that line's number in `text`."""
    lines = text.splitlines(keepends=True)
    start = next(n for n, line in enumerate(lines) if line.startswith("positions:"))
    order = [start + k for k in range(len(lines) - start)] + list(range(start))
    return "".join(lines[n] for n in order), {new + 1: old + 1 for new, old in enumerate(order)}


def _relocated(found: list[str], lines: dict[int, int]) -> list[str]:
    def move(match: re.Match[str]) -> str:
        return match.group(1) + str(lines[int(match.group(2))])

    moved = [re.sub(r"(^t\.yaml:|first at line )(\d+)", move, p) for p in found]
    return sorted(moved, key=lambda p: tuple(int(x) for x in p.split(":")[1:3]))


#: Lines that damage a position, or the sections it refers to.
DAMAGE = [
    "    stance: suport",
    "    actor: nort",
    "    source: ~",
    "    date: 2025-02-30",
    "    summary: [a, b]",
    "    quote: {a: b}",
    "    when: now",
    "  north: {name: South}",
    "  wire: {name: W, url: ftp://x}",
    "  - actor: south",
    "    issue: border",
]


@settings(max_examples=examples(150), deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.sampled_from(DAMAGE)), max_size=4))
def test_positions_before_the_sections_are_checked_the_same(
    damage: list[tuple[int, str]],
) -> None:
    """A list read again once the sections are known gives the very same problems."""
    lines = (VALID + VALID[VALID.index("  - actor") :].replace("01-02", "01-03")).splitlines()
    for at, line in damage:
        lines.insert(min(at, len(lines)), line)
    text = "\n".join(lines) + "\n"
    if not any(line.startswith("positions:") for line in lines):
        return
    early, where = _reorder(text)
    try:
        found = problems(text)
    except pytest.fail.Exception:  # valid: so is the other order
        assert loader.parse(early.encode(), "t.yaml") == loader.parse(text.encode(), "t.yaml")
        return
    if any("YAML syntax error" in p for p in found):
        return  # lines moved elsewhere make other YAML
    assert _relocated(problems(early), where) == _relocated(found, {n: n for n in where})


def test_positions_are_read_again_only_when_they_come_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parsers: list[int] = []
    events = yamlsource.events

    def counting(data: bytes, filename: str) -> Any:
        parsers.append(1)
        return events(data, filename)

    monkeypatch.setattr(yamlsource, "events", counting)
    loader.parse(VALID.encode(), "t.yaml")
    assert parsers == [1]
    early, _ = _reorder(VALID)
    assert loader.parse(early.encode(), "t.yaml") == loader.parse(VALID.encode(), "t.yaml")
    assert parsers == [1, 1, 1, 1]


def test_a_large_file_is_held_one_position_at_a_time() -> None:
    """Streamed, the peak is the model's (a tree of this file would take ~40 times its size)."""
    entry = VALID[VALID.index("  - actor") :]
    text = VALID + "".join(
        entry.replace("2025-01-02", (dt.date(2000, 1, 1) + dt.timedelta(days=k)).isoformat())
        for k in range(3_000)
    )
    data = text.encode()
    tracemalloc.start()
    try:
        dataset = loader.parse(data, "t.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(dataset.positions) == 3_001
    assert peak < 6 * len(data)


def test_a_yaml_error_after_the_problem_cap_is_still_the_one_message() -> None:
    text = VALID + "  - x\n" * 1_100 + "  - [unclosed\n"
    assert problems(text) == [
        "t.yaml:1120:1: YAML syntax error: while parsing a flow sequence did not find "
        "expected ',' or ']'"
    ]


# --- found by the differential fuzz against the previous loader ----------------------------

_CAPPED = """\
import sys
from positions import loader
from positions.errors import DataError
try:
    loader.parse(sys.stdin.buffer.read(), "t.yaml")
except DataError as error:
    capped = [p for p in error.problems if p.message.startswith("more than 1,000 problems")]
    print(len(error.problems), len(capped))
"""


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("".join(f"k{i}: 1\n" for i in range(995)), id="checked-at-the-end"),
        pytest.param(
            "positions: []\nactors:\n" + "".join(f"  a{i}: {{}}\n" for i in range(1001)),
            id="sections-after-the-positions",
        ),
    ],
)
def test_the_problem_cap_after_the_last_event_ends(text: str) -> None:
    """The cap reached by a check that runs once the file is read to its end (this hung)."""
    done = subprocess.run(
        [sys.executable, "-c", _CAPPED],
        input=text.encode(),
        capture_output=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.decode() == "1001 1\n"  # the first 1,000, and one saying it stopped


def test_a_name_taken_points_at_the_value_read_not_at_a_refused_key() -> None:
    text = VALID.replace("  south: {name: South}", "  south: {!x name: Y, name: North}")
    assert problems(text) == [
        "t.yaml:7:11: keys in actor 'south' must be plain text",
        "t.yaml:7:29: the name 'North' of actor 'south' is already the id of actor 'north'; "
        "names and aliases must tell actors apart; change one of them",
    ]


def test_parse_refuses_more_bytes_than_a_file_may_hold() -> None:
    with pytest.raises(DataError) as info:
        loader.parse(b"#" * (loader.MAX_FILE_BYTES + 1), "t.yaml")
    assert [str(p) for p in info.value.problems] == [
        f"t.yaml:1:1: the data file is larger than the limit of {loader.MAX_FILE_BYTES:,} "
        "bytes; "
        "keep a part of the data in this file: a period, or a set of issues"
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            b"title: a\x1bb\n",
            "t.yaml:1:9: character U+001B is not allowed in YAML; write it as an escape "
            'inside double quotes, e.g. "\\x1b"',
            id="control-character",
        ),
        pytest.param(
            b'title: "\\U2001F467"\n',
            "t.yaml:1:11: YAML syntax error: while parsing a quoted scalar found invalid "
            "Unicode character escape code; write the character itself, or one escape such as "
            '"\\U0001F600"',
            id="escape-beyond-unicode",
        ),
        pytest.param(
            b'title: "\\U80000000"\n',
            "t.yaml:1:11: YAML syntax error: while parsing a quoted scalar found invalid "
            "Unicode character escape code; write the character itself, or one escape such as "
            '"\\U0001F600"',
            id="escape-beyond-a-c-int",
        ),
        pytest.param(
            b"title: " + b"[" * 1_001,
            "t.yaml:1:1007: YAML nesting is too deep; this format nests at most 5 levels; "
            "see docs/format.md",
            id="nesting-counted-from-the-top",
        ),
    ],
)
def test_pyyaml_without_libyaml_gives_the_same_problem(data: bytes, expected: str) -> None:
    with pytest.raises(DataError) as libyaml:
        loader.parse(data, "t.yaml")
    with (
        mock.patch.object(yamlsource, "_Parser", yaml.SafeLoader),
        pytest.raises(DataError) as pure,
    ):
        loader.parse(data, "t.yaml")
    assert (
        [str(p) for p in libyaml.value.problems]
        == [str(p) for p in pure.value.problems]
        == [expected]
    )


# --- look-alike names, names given for ids ----------------------------------------------------


def test_five_actors_that_all_display_as_north_are_refused() -> None:
    text = VALID.replace(
        "  south: {name: South}",
        '  south: {name: South}\n  n2: {name: "Nort\\u0570"}\n  n3: {name: "No\\u034frth"}\n'
        '  n4: {name: "North\\ufe0f"}\n  n5: {name: "North\\U000e0041"}\n'
        '  n6: {name: "\\u039dorth"}',
    )
    assert problems(text) == [
        "t.yaml:8:14: the name 'Nortհ' of actor 'n2' looks the same as the name 'North' of "
        "actor 'north'; they differ only in invisible or look-alike characters: U+0570 "
        "ARMENIAN SMALL LETTER HO, U+0068 LATIN SMALL LETTER H; names and aliases must tell "
        "actors apart on screen; change one of them",
        # Equal but for what does not show: said as looking the same, naming it.
        "t.yaml:9:14: the name 'No\u034frth' of actor 'n3' looks the same as the id of actor "
        "'north'; they differ only in invisible or look-alike characters: U+034F COMBINING "
        "GRAPHEME JOINER; names and aliases must tell actors apart on screen; change one of them",
        "t.yaml:10:14: the name 'North\ufe0f' of actor 'n4' looks the same as the id of actor "
        "'north'; they differ only in invisible or look-alike characters: U+FE0F VARIATION "
        "SELECTOR-16; names and aliases must tell actors apart on screen; change one of them",
        # A tag character is a format character: escaped, even inside a message.
        "t.yaml:11:14: the name 'North\\U000e0041' of actor 'n5' looks the same as the id of "
        "actor 'north'; they differ only in invisible or look-alike characters: U+E0041 TAG "
        "LATIN CAPITAL LETTER A; names and aliases must tell actors apart on screen; change "
        "one of them",
        "t.yaml:12:14: the name 'Νorth' of actor 'n6' looks the same as the name 'North' of "
        "actor 'north'; they differ only in invisible or look-alike characters: U+039D GREEK "
        "CAPITAL LETTER NU, U+004E LATIN CAPITAL LETTER N; names and aliases must tell actors "
        "apart on screen; change one of them",
    ]


def test_look_alike_titles_are_refused() -> None:
    text = VALID.replace(
        "    question: Should the border move?",
        '    question: Should the border move?\n  b2: {title: "B\\u043erder", question: q}',
    )
    assert problems(text) == [
        "t.yaml:12:15: the title of issue 'b2' looks the same as the title of issue 'border'; "
        "they differ only in invisible or look-alike characters: U+043E CYRILLIC SMALL LETTER O, "
        "U+006F LATIN SMALL LETTER O; titles must tell issues apart on screen; change one of them"
    ]


def test_different_names_in_other_scripts_are_fine() -> None:
    text = VALID.replace(
        "  south: {name: South}", "  south: {name: South, aliases: [Юг, 南方, Sud, Süd]}"
    )
    assert len(loader.parse(text.encode(), "t.yaml").actors) == 2


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "  - actor: north",
            "  - actor: N",
            "t.yaml:13:12: unknown actor 'N': that is the alias of actor 'north'; a position "
            "names its actor by id: write 'north'",
        ),
        (
            "  - actor: north",
            "  - actor: North",
            "t.yaml:13:12: unknown actor 'North'; did you mean 'north'?",
        ),
        (
            "    issue: border",
            "    issue: Border",
            "t.yaml:14:12: unknown issue 'Border': that is the title of issue 'border'; a "
            "position names its issue by id: write 'border'",
        ),
        (
            "  - actor: north",
            "  - actor: north_side",
            "t.yaml:13:12: unknown actor 'north_side'; did you mean 'north'?",
        ),
        (
            "    source: wire",
            "    source: The Wire",
            "t.yaml:17:13: unknown source 'The Wire': that is the name of source 'wire'; a "
            "position names its source by id: write 'wire'",
        ),
    ],
    ids=["alias", "name", "title", "shared-start", "source-name"],
)
def test_a_name_where_an_id_is_expected_says_whose(old: str, new: str, message: str) -> None:
    assert problems(VALID.replace(old, new)) == [message]


@pytest.mark.parametrize(
    ("south", "message"),
    [
        (
            '"lI"',
            "t.yaml:8:14: the name 'lI' of actor 'n2' looks the same as the name 'Il' of actor "
            "'south'; they differ only in invisible or look-alike characters: U+006C LATIN SMALL "
            "LETTER L, U+0049 LATIN CAPITAL LETTER I; names and aliases must tell actors apart "
            "on screen; change one of them",
        ),
        (
            '"Il\\u2800"',
            "t.yaml:8:14: the name 'Il\u2800' of actor 'n2' looks the same as the name 'Il' of "
            "actor 'south'; they differ only in invisible or look-alike characters: U+2800 "
            "BRAILLE PATTERN BLANK; names and aliases must tell actors apart on screen; change "
            "one of them",
        ),
    ],
    ids=["letters-swapped", "braille-blank"],
)
def test_look_alikes_name_what_tells_them_apart(south: str, message: str) -> None:
    text = VALID.replace(
        "  south: {name: South}", f"  south: {{name: Il}}\n  n2: {{name: {south}}}"
    )
    assert problems(text) == [message]


@pytest.mark.parametrize(
    ("word", "hint"),
    [
        ("cease", "did you mean 'ceasefire'?"),  # the shortest id it starts
        ("ceasefire_line_x", "did you mean 'ceasefire_line'?"),  # the longest that starts it
        ("caesfire", "did you mean 'ceasefire'?"),  # else the closest
        ("zz", None),
    ],
)
def test_suggestions_prefer_a_shared_start(word: str, hint: str | None) -> None:
    assert suggest_id(word, ["ceasefire_line", "ceasefire", "cease_talks_x"]) == hint


def test_names_equal_but_for_case_and_accent_are_taken_not_look_alikes() -> None:
    text = VALID.replace("  south: {name: South}", '  south: {name: "Kyïv"}\n  n2: {name: "KYÏV"}')
    assert problems(text) == [
        "t.yaml:8:14: the name 'KYÏV' of actor 'n2' is already the name 'Kyïv' of actor "
        "'south'; names and aliases must tell actors apart; change one of them"
    ]


# --- format 2: properties of each new kind of value -------------------------------------------

F2 = """\
format: 2
title: Test talks
sources:
  wire: {name: The Wire}
actors:
  north: {name: North}
  south: {name: South}
issues:
  border: {title: Border, question: Should the border move?}
  ports: {title: Ports, question: Should the ports open?}
positions:
  - actor: north
    issue: border
    stance: support
    summary: Wants it moved.
    source: wire
    date: 2025-01-02
"""
F2_PROPERTY = settings(max_examples=examples(200), deadline=None)


def parse_or_problems(text: str) -> Any:
    """The Dataset, or the list of located problems."""
    try:
        return loader.parse(text.encode(), "t.yaml")
    except DataError as error:
        return [str(p) for p in error.problems]


@st.composite
def number_texts(draw: st.DrawFn, low: float, high: float) -> str:
    """A decimal number between `low` and `high` as a person may write it in YAML: `0.5`,
    `.5`, `+0.50`, `1.`, `007`."""
    places = draw(st.integers(0, 12))
    value = draw(st.decimals(low, high, places=places, allow_nan=False, allow_infinity=False))
    text = format(value, "f")
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    if draw(st.booleans()) and digits.startswith("0.") and len(digits) > 2:
        digits = digits[1:]  # .5
    elif draw(st.booleans()) and "." not in digits:
        digits += "."  # 1.
    if draw(st.booleans()):
        digits = "0" * draw(st.integers(1, 2)) + digits  # leading zeros
    if not sign and draw(st.booleans()):
        sign = "+"
    return sign + digits


_IN = {"salience": (0.0, 1.0), "capability": (0.0, 10.0**9)}


def _with_number(field: str, text: str) -> tuple[str, str]:
    """F2 with `field` set to `text`, and where that value starts (`LINE:COL`)."""
    if field == "salience":
        return F2 + f"    salience: {text}\n", "18:15"
    return F2.replace("north: {name: North}", f"north: {{name: North, capability: {text}}}"), "6:36"


@F2_PROPERTY
@given(st.sampled_from(sorted(_IN)), st.data())
def test_a_number_in_range_loads_as_that_float(field: str, data: st.DataObject) -> None:
    text = data.draw(number_texts(*_IN[field]))
    ds = parse_or_problems(_with_number(field, text)[0])
    assert not isinstance(ds, list), ds
    got = ds.positions[0].salience if field == "salience" else ds.actors["north"].capability
    assert got == float(text)
    assert type(got) is float


@F2_PROPERTY
@given(
    st.sampled_from(sorted(_IN)),
    st.one_of(number_texts(-(10.0**6), 0.0), number_texts(1.0, 10.0**6)),
)
def test_a_number_out_of_range_is_refused_where_it_is(field: str, text: str) -> None:
    low, high = _IN[field]
    if low <= float(text) <= high:  # as a float, it is in range: `-0.0`, `1.000`, ...
        return
    file, where = _with_number(field, text)
    what = (
        "the salience of position 1" if field == "salience" else "the capability of actor 'north'"
    )
    outside = "outside 0 to 1" if field == "salience" else "below 0"
    n = float(text)  # a salience written as a whole percentage is read back as one
    hint = f"; it is a share from 0 to 1: {n:g}% is {n / 100:g}"
    hint = hint if field == "salience" and n.is_integer() and 2 <= n <= 100 else ""
    assert parse_or_problems(file) == [f"t.yaml:{where}: {what} is {text}, {outside}{hint}"]


def test_a_salience_written_as_a_percentage_is_shown_as_a_share() -> None:
    file, where = _with_number("salience", "80")
    assert parse_or_problems(file) == [
        f"t.yaml:{where}: the salience of position 1 is 80, outside 0 to 1; it is a share "
        "from 0 to 1: 80% is 0.8"
    ]


_FLAG_WORDS = ["true", "false", "True", "FALSE", "yes", "no", "on", "off", "1", "0", "y", "t"]
_PLAIN = st.sampled_from(_FLAG_WORDS) | st.text("truefalsTRUEFALS01 ", min_size=1, max_size=6)


@F2_PROPERTY
@given(_PLAIN, st.booleans())
def test_a_flag_is_exactly_true_or_false(word: str, quoted: bool) -> None:
    written = f'"{word}"' if quoted else word.strip()  # a plain value starts at its text
    found = parse_or_problems(F2 + f"    red_line: {written}\n")
    text = word.strip()
    if text in ("true", "false"):
        assert not isinstance(found, list), found
        assert found.positions[0].red_line is (text == "true")
    elif not text:  # an optional field left empty: none, the default
        assert not isinstance(found, list), found
        assert found.positions[0].red_line is False
    else:
        assert found == [
            f"t.yaml:18:15: the red_line of position 1 must be true or false, not '{text}'; "
            "write true or false"
        ]


@F2_PROPERTY
@given(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)), st.dates() | st.just(None))
def test_held_since_on_or_before_the_date_loads_and_after_is_refused(
    date: dt.date, held: dt.date | None
) -> None:
    written = "long-standing" if held is None else held.isoformat()
    text = F2.replace("date: 2025-01-02", f"date: {date}") + f"    held_since: {written}\n"
    found = parse_or_problems(text)
    if held is None or held <= date:
        assert not isinstance(found, list), found
        assert found.positions[0].held_since == (model.LONG_STANDING if held is None else held)
        assert found.positions[0].start == (model.LONG_STANDING if held is None else held)
    else:
        assert found == [
            f"t.yaml:18:17: position 1 is held since {held}, after its own date {date}; "
            "held_since is when the stance began, on or before the date it was reported"
        ]


_DAYS = st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31))


@F2_PROPERTY
@given(_DAYS | st.none(), _DAYS | st.none(), _DAYS)
def test_an_active_window_admits_exactly_the_positions_inside_it(
    start: dt.date | None, end: dt.date | None, date: dt.date
) -> None:
    ends = ", ".join(
        f"{key}: {day}" for key, day in (("from", start), ("until", end)) if day is not None
    )
    text = F2.replace("north: {name: North}", f"north: {{name: North, active: {{{ends}}}}}")
    found = parse_or_problems(text.replace("date: 2025-01-02", f"date: {date}"))
    what = "the active window of actor 'north'"
    if start is None and end is None:
        assert found == [
            f"t.yaml:6:32: {what} has neither 'from' nor 'until'; give at least one, or "
            "leave 'active' out"
        ]
    elif start is not None and end is not None and end < start:
        assert found == [f"t.yaml:6:32: {what} ends on {end}, before it starts on {start}"]
    elif (start is None or start <= date) and (end is None or date <= end):
        assert not isinstance(found, list), found
        assert found.actors["north"].active == model.Window(start, end)
    else:
        window = f"{start or 'from the start'} to {end or 'the end'}"
        assert found == [
            f"t.yaml:17:11: position 1 is dated {date}, when actor 'north' is not a party "
            f"(active {window}); correct the date, or the actor's active window"
        ]


@F2_PROPERTY
@given(_DAYS | st.none(), _DAYS | st.none())
def test_a_window_holds_exactly_the_days_from_its_start_to_its_end(
    start: dt.date | None, end: dt.date | None
) -> None:
    first, last = dt.date(2023, 12, 1), dt.date(2027, 1, 31)  # around every window drawn
    every = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    inside = every[every.index(start) if start else 0 : every.index(end) + 1 if end else None]
    window = model.Window(start, end)
    assert [day for day in every if window.holds(day)] == inside
    # Actor.party_on: the same days; with no day (now), a party while its window is open.
    actor = model.Actor("north", "North", active=window)
    assert [day for day in every if actor.party_on(day)] == inside
    assert actor.party_on(None) is (end is None)


# Groups g0..g5 over four actors; a group's members are drawn as actor or group indices.
_ACTORS = ("north", "south", "east", "west")
_GROUPS_HEAD = (
    "format: 2\ntitle: t\nsources: {wire: {name: W}}\nactors:\n"
    + "".join(f"  {a}: {{name: {a.title()}}}\n" for a in _ACTORS)
    + "issues: {border: {title: B, question: Q?}}\npositions: []\ngroups:\n"
)


def _groups_file(members: list[list[str]]) -> str:
    lines = (
        f"  g{i}: {{name: Group {i}, members: [{', '.join(m)}]}}\n" for i, m in enumerate(members)
    )
    return _GROUPS_HEAD + "".join(lines)


def _reach(members: list[list[str]], start: int) -> set[str]:
    """Every id reachable from group `start` through its members (not itself)."""
    seen: set[str] = set()
    todo = list(members[start])
    while todo:
        member = todo.pop()
        if member not in seen:
            seen.add(member)
            if member.startswith("g"):
                todo.extend(members[int(member[1:])])
    return seen


@st.composite
def group_graphs(draw: st.DrawFn, acyclic: bool) -> list[list[str]]:
    n = draw(st.integers(1, 6))
    result = []
    for i in range(n):
        groups = [f"g{j}" for j in (range(i) if acyclic else range(n))]
        pool = list(_ACTORS) + groups
        chosen = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=5, unique=True))
        result.append(chosen)
    return result


@F2_PROPERTY
@given(group_graphs(acyclic=True), st.randoms(use_true_random=False))
def test_a_group_is_the_transitive_closure_of_its_members(
    members: list[list[str]], random: Any
) -> None:
    # Written in any order: a group may name a group defined below it.
    order = list(range(len(members)))
    random.shuffle(order)
    renamed = {f"g{old}": f"g{new}" for new, old in enumerate(order)}
    shuffled = [[renamed.get(m, m) for m in members[old]] for old in order]
    ds = loader.parse(_groups_file(shuffled).encode(), "t.yaml")
    for i in range(len(shuffled)):
        expected = tuple(a for a in _ACTORS if a in _reach(shuffled, i))
        assert ds.groups[f"g{i}"] == model.Group(f"g{i}", f"Group {i}", expected)


def _has_cycle(members: list[list[str]]) -> bool:
    return any(f"g{i}" in _reach(members, i) for i in range(len(members)))


@F2_PROPERTY
@given(group_graphs(acyclic=False))
def test_a_group_that_reaches_itself_is_refused_at_the_member_that_closes_the_cycle(
    members: list[list[str]],
) -> None:
    text = _groups_file(members)
    found = parse_or_problems(text)
    if not _has_cycle(members):
        assert not isinstance(found, list), found
        return
    assert isinstance(found, list)
    assert found
    lines = text.splitlines()
    cycles = []
    for problem in found:
        match = re.fullmatch(
            r"t\.yaml:(\d+):(\d+): group '(g\d)' contains itself: ([g\d >-]+); a group may "
            r"include another group, never itself",
            problem,
        )
        assert match is not None, problem
        line, column, group, path = match.groups()
        steps = path.split(" -> ")
        assert steps[0] == steps[-1] == group
        assert len(set(steps[:-1])) == len(steps) - 1  # a simple cycle
        # each step is a member of the one before ...
        assert all(b in members[int(a[1:])] for a, b in itertools.pairwise(steps))
        # ... and it is located at the member that closes it, in the group that names it
        written = lines[int(line) - 1]
        assert written.startswith(f"  {steps[-2]}: ")
        assert re.match(rf"{group}[,\]]", written[int(column) - 1 :]), (problem, written)
        cycles.append(frozenset(itertools.pairwise(steps)))
    assert len(set(cycles)) == len(cycles)  # each cycle said once


# Each format-2 field, with a value it takes: (where it goes, field, value). A format-1
# file with any one of them is refused at the field's key, and only there.
_NEWER = [
    ("source", "file", "texts/wire.txt"),
    ("actor", "short", "N"),
    ("actor", "capability", "2"),
    ("actor", "active", "{from: 2020-01-01}"),
    ("issue", "tags", "[borders]"),
    ("top", "groups", "{pair: {name: The pair, members: [north, south]}}"),
    ("position", "evidence", "[{source: wire, speaker: An aide}]"),
    ("position", "basis", "inferred"),
    ("position", "note", "Read from a map."),
    ("position", "conditions", "[{issue: ports, outcome: adopted}]"),
    ("position", "salience", "0.5"),
    ("position", "red_line", "true"),
    ("position", "held_since", "long-standing"),
]


def test_the_newer_fields_are_every_format_2_field() -> None:
    from positions import fields as F

    table = {
        (where, name)
        for where, record in (
            ("source", F.SOURCE), ("actor", F.ACTOR), ("issue", F.ISSUE), ("position", F.POSITION)
        )
        for name in record.newer
    } | {("top", name) for name in F.TOP_NEWER}  # fmt: skip
    assert {(where, name) for where, name, _ in _NEWER} == table


@F2_PROPERTY
@given(
    st.sampled_from(_NEWER),
    st.sampled_from(["north", "south"]),
    st.sampled_from([1, 2]),
    st.permutations(["format", "title", "sources", "actors", "issues", "positions"]),
)
def test_a_format_1_file_with_any_format_2_field_is_refused_there(
    newer: tuple[str, str, str], actor: str, number: int, order: list[str]
) -> None:
    where, name, value = newer
    sections = {
        "format": "format: 1\n",
        "title": "title: Test talks\n",
        "sources": "sources:\n  wire: {name: The Wire}\n",
        "actors": "actors:\n  north: {name: North}\n  south: {name: South}\n",
        "issues": "issues:\n  border: {title: Border, question: Q?}\n"
        "  ports: {title: Ports, question: Q?}\n",
        "positions": "positions:\n"
        + "".join(
            f"  - actor: {a}\n    issue: border\n    stance: support\n    summary: S.\n"
            f"    source: wire\n    date: 2025-01-02\n"
            for a in ("north", "south")
        ),
    }
    what = {
        "source": "source 'wire'",
        "actor": f"actor '{actor}'",
        "issue": "issue 'border'",
        "position": f"position {number}",
        "top": "the data file",
    }[where]
    if where == "source":
        sections["sources"] = f"sources:\n  wire: {{name: The Wire, {name}: {value}}}\n"
    elif where == "actor":
        name_of = actor.title()
        sections["actors"] = sections["actors"].replace(
            f"{{name: {name_of}}}", f"{{name: {name_of}, {name}: {value}}}"
        )
    elif where == "issue":
        sections["issues"] = sections["issues"].replace(
            "question: Q?}", f"question: Q?, {name}: {value}}}", 1
        )
    elif where == "position":
        entries = sections["positions"].split("  - ")
        entries[number] += f"    {name}: {value}\n"
        sections["positions"] = "  - ".join(entries)
    if where == "top":
        order = [*order, "groups"]
        sections["groups"] = f"groups: {value}\n"
    text = "".join(sections[s] for s in order)
    lines = text.splitlines()
    key = f"{name}: "
    if where == "position":  # the one entry that has the key
        line = next(i for i, t in enumerate(lines) if t.startswith(f"    {key}"))
    elif where == "actor":
        line = next(i for i, t in enumerate(lines) if t.startswith(f"  {actor}: "))
    else:
        line = next(i for i, t in enumerate(lines) if key in t)
    column = lines[line].index(key) + 1
    assert parse_or_problems(text) == [
        f"t.yaml:{line + 1}:{column}: '{name}' in {what} is a format-2 field, and this file "
        "says format 1; write 'format: 2' at the top of the file to use it"
    ]


def test_a_lattice_of_nested_groups_is_expanded_once_each() -> None:
    """40 levels of two groups, each naming both below: 2**40 paths if each were walked,
    80 groups expanded once each. Run in a fresh interpreter, with a timeout far beyond
    what it takes, so that a regression fails instead of hanging the suite."""
    script = textwrap.dedent(
        """\
        from positions import loader
        levels = 40
        groups = "".join(
            f"  l{i}a: {{name: L{i}a, members: {m}}}\\n  l{i}b: {{name: L{i}b, members: {m}}}\\n"
            for i in range(levels)
            for m in [f"[l{i + 1}a, l{i + 1}b]" if i < levels - 1 else "[north]"]
        )
        text = (
            "format: 2\\ntitle: t\\nsources: {s: {name: S}}\\nactors: {north: {name: N}}\\n"
            "issues: {i: {title: I, question: Q}}\\ngroups:\\n" + groups + "positions: []\\n"
        )
        ds = loader.parse(text.encode(), "t.yaml")
        print(len(ds.groups), set(g.members for g in ds.groups.values()))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout == "80 {('north',)}\n"


@pytest.mark.parametrize("note", ["~", '""', ""])
def test_an_empty_note_is_no_note(note: str) -> None:
    text = F2 + f"    basis: inferred\n    note: {note}\n"
    assert parse_or_problems(text) == [
        "t.yaml:18:12: position 1 is inferred but has no note; say in 'note:' why, e.g. the "
        "sentence of the source it rests on"
    ]


@pytest.mark.parametrize("text", ["1e-1", "5E-2", "1.0e0"])
def test_a_number_with_an_exponent_is_a_number(text: str) -> None:
    found = parse_or_problems(F2 + f"    salience: {text}\n")
    assert not isinstance(found, list), found
    assert found.positions[0].salience == float(text)


def test_a_long_number_out_of_range_is_shortened_in_its_message() -> None:
    long = "1" + "0" * 199  # 200 digits: within the limit of a number's length
    assert parse_or_problems(F2 + f"    salience: {long}\n") == [
        f"t.yaml:18:15: the salience of position 1 is {long[:60]}..., outside 0 to 1"
    ]


@pytest.mark.parametrize("text", ["1e999", "1e300"])
def test_a_number_too_large_for_json_is_refused(text: str) -> None:
    found = parse_or_problems(F2 + f"    salience: {text}\n")
    assert found == [f"t.yaml:18:15: the salience of position 1 is {text}, outside 0 to 1"]


@given(st.text(max_size=40) | st.text(st.sampled_from("aZ9-_ é.İ"), max_size=12))
def test_the_id_a_key_reads_as_is_a_slug_or_nothing(key: str) -> None:
    """`as_slug`, which the refusal of an id offers as its fix: a valid id or empty,
    and a valid id is its own."""
    from positions.reader import SLUG, as_slug

    slug = as_slug(key)
    assert slug == "" or SLUG.match(slug)
    assert as_slug(slug) == slug


@pytest.mark.parametrize(
    ("written", "meant"),
    [("against", "oppose"), ("In favour", "support"), ("+1", "support"), ("-2", "strongly_oppose"),
     ("abstain", "neutral"), ("Strongly Support", "strongly_support"), ("suport", "support")],
)  # fmt: skip
def test_a_stance_written_as_a_word_or_a_score_is_told_the_one_it_means(
    written: str, meant: str
) -> None:
    text = VALID.replace("    stance: support", f"    stance: '{written}'")
    assert problems(text) == [f"t.yaml:15:13: unknown stance '{written}'; did you mean '{meant}'?"]


def test_a_nul_written_as_an_escape_is_refused_in_any_text() -> None:
    """`"a\\0b"` is the one way a NUL reaches a text (the bytes are refused): no table
    the data is exported to could be read back, so it is refused where it is written."""
    text = VALID.replace("summary: Wants it moved.", 'summary: "Wants\\0it"').replace(
        "aliases: [N]", 'aliases: ["N\\0"]'
    )
    assert problems(text) == [
        "t.yaml:6:34: an alias of actor 'north' holds a NUL character (\\0); remove it: no "
        "text needs one, and no table can hold it",
        "t.yaml:16:14: the summary of position 1 holds a NUL character (\\0); remove it: no "
        "text needs one, and no table can hold it",
    ]


def test_format_2_fields_in_a_format_1_file_are_each_said_once() -> None:
    """One `format: 2` line is the fix: each field is said where it is first used, not
    at every position (84 lines for a file of 44 positions), and a position whose
    `evidence` is refused is not also missing its source."""
    first = VALID.replace(
        "    source: wire\n", "    salience: 0.5\n    evidence: [{source: wire}]\n"
    )
    text = first + (
        "  - actor: south\n    issue: border\n    stance: oppose\n    summary: No.\n"
        "    salience: 1\n    evidence: [{source: wire}]\n    date: 2025-01-02\n"
    )
    hint = "write 'format: 2' at the top of the file to use it"
    assert problems(text) == [
        f"t.yaml:17:5: 'salience' in position 1 is a format-2 field, and this file says "
        f"format 1; {hint}",
        f"t.yaml:18:5: 'evidence' in position 1 is a format-2 field, and this file says "
        f"format 1; {hint}",
    ]
