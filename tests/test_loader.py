"""The loader: one test per class of mistake, each pinning the exact located message."""

from __future__ import annotations

import datetime as dt
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

from positions import loader, yamlsource
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
            "digits, '-' and '_', e.g. 'united_states'",
            id="slug",
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
    assert str(info.value) == "dir: is a directory; give the path of a YAML data file"


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
        "t.yaml:1:1: the data file is larger than the limit of 67,108,864 bytes; "
        "split the negotiation into several files"
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
